"""The feed of what outside outlets wrote about one public trip."""

from datetime import time

from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from press.linkcheck.public import public_link
from visits.models import Visit
from visits.text import translated_field
from visits.timezone import in_newsroom

from ..models import Coverage
from .base import MAX_ITEMS, NewsroomFeed


class TripCoverageFeed(NewsroomFeed):
    """What outside outlets wrote about one public trip, newest article first.

    An article keeps its own language: the entry's title is the headline as published when
    the article is in the feed's language or no translation exists, else the translated
    headline (with the pages' fallback), and the original headline heads the summary.
    """

    def get_object(self, request, slug):
        return Visit.objects.published().get(slug=slug)

    def source(self, obj):
        return Coverage.objects.published().filter(visit=obj)

    def items(self, obj):
        return self.source(obj).select_related("outlet", "link_state")[:MAX_ITEMS]

    def title(self, obj):
        return gettext("News coverage of %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return gettext("Articles by news outlets about this trip, in their own languages.")

    def link(self, obj):
        return obj.get_absolute_url()

    def headline(self, item):
        """(text, language) of the title an entry shows."""
        if item.language != get_language():
            translation = translated_field(item, "translated_headline")
            if translation:
                return translation.text, translation.lang
        return item.headline, item.language

    def item_title(self, item):
        return self.headline(item)[0]

    def item_description(self, item):
        parts = []
        if self.headline(item)[1] != item.language:
            parts.append(format_html('<p lang="{}">{}</p>', item.language, item.headline))
        summary = translated_field(item, "translated_summary")
        if item.language == get_language() or not summary:
            if item.summary:
                parts.append(format_html('<p lang="{}">{}</p>', item.language, item.summary))
        else:
            parts.append(format_html('<p lang="{}">{}</p>', summary.lang, summary.text))
        outlet = translated_field(item.outlet, "name").text
        link = public_link(item)
        if link.gone:
            parts.append(format_html("<p>{}</p>", link.notice))
        elif href := link.url:
            parts.append(
                format_html(
                    '<p><a href="{}" hreflang="{}">{}</a></p>',
                    href,
                    item.language,
                    gettext("Read the article at %(outlet)s") % {"outlet": outlet},
                )
            )
        return "".join(parts)

    def item_author_name(self, item):
        outlet = translated_field(item.outlet, "name").text
        return f"{item.byline}, {outlet}" if item.byline else outlet

    def item_pubdate(self, item):
        """When the outlet published the article (a time is read in the newsroom's zone)."""
        return in_newsroom(item.published_on, item.published_time or time())

    def item_extra_kwargs(self, item):
        lang = self.headline(item)[1]
        extra = {"title_lang": lang, "summary_lang": get_language()}
        if href := public_link(item).url:
            extra["related"] = {"url": href, "lang": item.language}
        return extra
