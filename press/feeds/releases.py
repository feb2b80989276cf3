"""The feeds of press releases: all of them, one trip's and one topic's, each carrying a
release in a language only once it is out in that language."""

from django.urls import reverse
from django.utils.translation import get_language, gettext

from visits.models import Visit
from visits.text import translated_field

from ..models import PressRelease, Topic, latest_note_time, visibility
from .base import MAX_ITEMS, NewsroomFeed
from .facts import RELEASE, office_name, release_facts
from .links import topic_feed

#: What a release feed reads of each of its items: the key, and what dates the entry:
#: when it went out and its latest change note (the rest is in the entry's facts,
#: `release_facts`).
COLUMNS = ("pk", "out_at", "noted_at")


def newest_out(items, count: int):
    """The ``count`` of ``items`` that went out last in the active language, newest first
    (`visibility.newest_out`, which finds them through the time indexes)."""
    return visibility.newest_out(items, count, get_language())


class ReleaseFeed(NewsroomFeed):
    """All releases out in the feed's language, the newest to go out in it first."""

    date_field = "out_at"
    kind = RELEASE

    def source(self, obj):
        code = get_language()
        return PressRelease.objects.out_in(code).language_times(code)

    def newest(self, obj):
        """The newest ``out_at``, without working it out row by row."""
        return visibility.newest_out_at(self.source(obj), get_language())

    def items(self, obj):
        items = self.source(obj).annotate(noted_at=latest_note_time())
        return self.newest_first(items.values_list(*COLUMNS, named=True))

    def newest_first(self, items):
        """The feed's entries: every release in the newsroom is a candidate, so they are
        found through the time indexes rather than by sorting them all."""
        return newest_out(items, MAX_ITEMS)

    def entry_facts(self, keys, language):
        return release_facts(keys, language)

    def title(self, obj):
        return gettext("Seoul Newsroom: press releases")

    def description(self, obj):
        return gettext("Official press releases of the Seoul Metropolitan Government.")

    def feed_copyright(self, obj):
        return office_name()

    def link(self, obj):
        return reverse("press:release_list")

    def item_pubdate(self, item, zone):
        """When the release went out in the feed's language, in ``zone``."""
        return item.out_at.astimezone(zone)

    def item_updateddate(self, item, zone):
        """The entry's last public change: when it went out in the feed's language, or
        its latest change note if later (`press.models.notes`); not a plain edit."""
        noted = item.noted_at
        return (max(noted, item.out_at) if noted else item.out_at).astimezone(zone)


class ObjectReleaseFeed(ReleaseFeed):
    """The releases of one trip or topic that are out in the feed's language."""

    def newest_first(self, items):
        """The object's own index finds its releases, few next to the newsroom's, and
        they are sorted as they are. The time ranges of `newest_out` would make the
        database walk every release of the period instead (all of them, for a trip or
        topic with fewer releases than a feed carries)."""
        return items.order_by("-out_at", "-pk")[:MAX_ITEMS]

    def newest(self, obj):
        """The newest ``out_at``, worked out row by row over the object's releases in one
        pass (`newest_out_at` would walk them three times: no index is in its order)."""
        return NewsroomFeed.newest(self, obj)

    def link(self, obj):
        return obj.get_absolute_url()


class TripReleaseFeed(ObjectReleaseFeed):
    """The releases of one public trip that are out in the feed's language."""

    def object_query(self, slug):
        return Visit.objects.published().filter(slug=slug)[:1]

    def source(self, obj):
        return super().source(obj).filter(visit=obj)

    def title(self, obj):
        return gettext("Press releases on %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return translated_field(obj, "summary").text or self.title(obj)


class TopicReleaseFeed(ObjectReleaseFeed):
    """The releases on one topic that are out in the feed's language."""

    def object_query(self, slug):
        return Topic.objects.published().filter(slug=slug)[:1]

    def source(self, obj):
        return super().source(obj).filter(topics=obj)

    def title(self, obj):
        return topic_feed(obj).title

    def description(self, obj):
        return translated_field(obj, "description").text or self.title(obj)
