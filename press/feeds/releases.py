"""The feeds of press releases: all of them, one trip's and one topic's, each carrying a
release in a language only once it is out in that language."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from visits.models import Visit
from visits.text import translated_field

from ..models import PressRelease, ReleasePhoto, Topic, visibility
from .base import MAX_ITEMS, NewsroomFeed, office_name
from .links import topic_feed


def lead_photo_prefetch():
    return Prefetch(
        "gallery",
        queryset=ReleasePhoto.objects.filter(is_lead=True).select_related("photo"),
        to_attr="lead_items",
    )


def newest_out(items, count: int):
    """The ``count`` of ``items`` that went out last in the active language, newest first
    (`visibility.newest_out`, which finds them through the time indexes)."""
    return visibility.newest_out(items, count, get_language())


class ReleaseFeed(NewsroomFeed):
    """All releases out in the feed's language, the newest to go out in it first."""

    date_field = "out_at"

    def source(self, obj):
        code = get_language()
        return PressRelease.objects.out_in(code).language_times(code)

    def newest(self, obj):
        """The newest ``out_at``, without working it out row by row."""
        return visibility.newest_out_at(self.source(obj), get_language())

    def items(self, obj):
        items = self.source(obj).select_related("visit")
        return self.newest_first(items).prefetch_related("topics", lead_photo_prefetch())

    def newest_first(self, items):
        """The feed's entries: every release in the newsroom is a candidate, so they are
        found through the time indexes rather than by sorting them all."""
        return newest_out(items, MAX_ITEMS)

    def title(self, obj):
        return gettext("Seoul Newsroom: press releases")

    def description(self, obj):
        return gettext("Official press releases of the Seoul Metropolitan Government.")

    def feed_copyright(self, obj):
        return office_name()

    def link(self, obj):
        return reverse("press:release_list")

    def item_title(self, item):
        return translated_field(item, "title").text

    def item_description(self, item):
        """The lead in the feed's language, then the lead photo's credit."""
        parts = []
        if lead := translated_field(item, "lead"):
            parts.append(format_html("<p>{}</p>", lead))
        if photo := self.lead_photo(item):
            parts.append(format_html("<p>{}</p>", self.credit_line(photo)))
        return "".join(parts)

    def credit_line(self, photo):
        caption = translated_field(photo, "caption")
        credit = gettext("Photo: %(credit)s") % {"credit": photo.credit}
        return f"{caption} ({credit})" if caption else credit

    def item_author_name(self, item):
        return office_name()

    def item_pubdate(self, item):
        """When the release went out in the feed's language."""
        return timezone.localtime(item.out_at)

    def item_updateddate(self, item):
        return timezone.localtime(max(item.updated_at, item.out_at))

    def item_categories(self, item):
        return [translated_field(topic, "name").text for topic in item.topics.all()]

    def lead_photo(self, item):
        return item.lead_items[0].photo if item.lead_items else None

    def item_enclosures(self, item):
        photo = self.lead_photo(item)
        if photo is None:
            return []
        return [Enclosure(self.absolute(photo.image.url), str(photo.file_size), photo.media_type)]

    def item_extra_kwargs(self, item):
        title = translated_field(item, "title")
        lead = translated_field(item, "lead")
        body = translated_field(item, "body")
        photo = self.lead_photo(item)
        media = None
        if photo is not None:
            media = {
                "url": self.absolute(photo.image.url),
                "type": photo.media_type,
                "length": photo.file_size,
                "width": photo.width,
                "height": photo.height,
                "credit": photo.credit,
            }
        return {
            "title_lang": title.lang,
            "summary_lang": (lead or title).lang,
            "content_html": body.text,
            "content_lang": body.lang,
            "media": media,
        }


class ObjectReleaseFeed(ReleaseFeed):
    """The releases of one trip or topic that are out in the feed's language."""

    def newest_first(self, items):
        """The object's own index finds its releases, few next to the newsroom's, and
        they are sorted as they are. The time ranges of `newest_out` would make the
        database walk every release of the period instead (all of them, for a trip or
        topic with fewer releases than a feed carries)."""
        return items.order_by("-out_at", "-pk")[:MAX_ITEMS]

    def link(self, obj):
        return obj.get_absolute_url()


class TripReleaseFeed(ObjectReleaseFeed):
    """The releases of one public trip that are out in the feed's language."""

    def get_object(self, request, slug):
        return Visit.objects.published().get(slug=slug)

    def source(self, obj):
        return super().source(obj).filter(visit=obj)

    def title(self, obj):
        return gettext("Press releases on %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return translated_field(obj, "summary").text or self.title(obj)


class TopicReleaseFeed(ObjectReleaseFeed):
    """The releases on one topic that are out in the feed's language."""

    def get_object(self, request, slug):
        return Topic.objects.published().get(slug=slug)

    def source(self, obj):
        return super().source(obj).filter(topics=obj)

    def title(self, obj):
        return topic_feed(obj).title

    def description(self, obj):
        return translated_field(obj, "description").text or self.title(obj)
