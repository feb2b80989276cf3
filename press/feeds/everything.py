"""The feed of every public release, translated into the feed's language or not yet.

A language's release feeds (`press.feeds.releases`) carry a release only once its text
in that language is out. A subscriber who wants everything the newsroom publishes, as
soon as it is published, takes this feed instead (``/en/feeds/releases/all.rss``): every
public release, newest first by its own publication time, each in the feed's language
where it is out in it and otherwise in the language the pages fall back to, marked as
such where a reader sees it (its title opens with the language's name in brackets, and a
category names it) and where software reads it (``dc:language`` in RSS, ``xml:lang`` in
Atom, as every feed marks text in another language).

An entry's ID is the one the language's own feeds give the same release
(`press.feeds.facts.entry_id`, from the release and the feed's language), so it never
changes, not even when the translation goes out: the entry is then updated in place,
in the feed's language, and dated updated at that minute (`last_out`), with no save.
"""

from django.db.models import Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import get_language_info, gettext

from visits.text import LANGUAGE_CODES

from ..models import PressRelease, language_out_q, language_time_field, visibility
from .base import MAX_ITEMS
from .links import FeedLink, feed_link
from .releases import ReleaseFeed

#: What the feed reads of each of its items: the key, and what dates the entry.
COLUMNS = ("pk", "published_at", "updated_at", "last_out")


def language_name(code: str) -> str:
    """The name of the language ``code`` in the active language ("Korean", "韓国語")."""
    return get_language_info(code)["name_translated"]


def marked(facts: dict) -> dict:
    """An entry's facts with its title's language shown to readers: a copy (the facts
    may be the read model's), its title led by the language's name and a category for it."""
    name = language_name(facts["title_lang"])
    return {
        **facts,
        "title": gettext("[%(language)s] %(title)s") % {"language": name, "title": facts["title"]},
        "categories": [*facts.get("categories", ()), name],
    }


class AllReleaseFeed(ReleaseFeed):
    """Every public release, newest first, in the feed's language where it is out in it
    and in its own language (marked) where it is not yet."""

    date_field = "published_at"

    def source(self, obj):
        return PressRelease.objects.published()

    def items(self, obj):
        rows = self.source(obj).annotate(last_out=visibility.last_out_expression())
        return rows.order_by("-published_at", "-pk").values_list(*COLUMNS, named=True)[:MAX_ITEMS]

    def newest(self, obj):
        """The newest time an entry changed by time alone: a release went public, or a
        language of a public release went out at its own time (which changes the text an
        entry shows). Each is a top-1 query on its own time; no row is dated."""
        releases = self.source(obj)
        released = Subquery(releases.order_by("-published_at").values("published_at")[:1])
        own_times = []
        for code in LANGUAGE_CODES:
            own = language_time_field(code)
            out = releases.filter(language_out_q(code), **{f"{own}__isnull": False})
            own_times.append(Coalesce(Subquery(out.order_by(f"-{own}").values(own)[:1]), released))
        # Greatest is NULL on SQLite when any part is: each own time falls back to `released`.
        return Greatest(released, *own_times)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        language = feed.feed["language"]
        for entry in feed.entries:
            if entry.facts["title_lang"] != language:
                entry.facts = marked(entry.facts)
        return feed

    def title(self, obj):
        return gettext("Seoul Newsroom: every press release, translated or not")

    def description(self, obj):
        return gettext(
            "Every press release of the Seoul Metropolitan Government as soon as it is "
            "published. A release not yet translated into this feed's language is in its "
            "original language, its title led by the name of that language."
        )

    def item_pubdate(self, item, zone):
        """When the release was published (in any language), in ``zone``."""
        return item.published_at.astimezone(zone)

    def item_updateddate(self, item, zone):
        """The last edit, or the last time one of its languages went out, in ``zone``."""
        return max(item.updated_at, item.last_out).astimezone(zone)


def all_releases_feed() -> FeedLink:
    """The feed of every release, as the Feeds page and the release list offer it."""
    return feed_link(
        "release_all_feed",
        gettext("Every press release, translated or not"),
        gettext(
            "Every press release as soon as it is published. A release not yet translated "
            "into this language comes in its original language, marked with its name."
        ),
    )
