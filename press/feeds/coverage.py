"""The feed of what outside outlets wrote about one public trip."""

from datetime import time

from django.utils.translation import gettext

from visits.models import Visit
from visits.text import translated_field
from visits.timezone import in_newsroom

from ..models import Coverage
from .base import MAX_ITEMS, NewsroomFeed
from .facts import COVERAGE, coverage_facts

#: What the feed reads of each of its items: the key, and what dates the entry (the rest
#: is in the entry's facts, `coverage_facts`).
COLUMNS = ("pk", "published_on", "published_time", "updated_at", "published_at")


class TripCoverageFeed(NewsroomFeed):
    """What outside outlets wrote about one public trip, newest article first, each
    article in its own language (`press.feeds.facts.coverage_facts`)."""

    kind = COVERAGE

    def object_query(self, slug):
        return Visit.objects.published().filter(slug=slug)[:1]

    def source(self, obj):
        return Coverage.objects.published().filter(visit=obj)

    def items(self, obj):
        return self.source(obj).values_list(*COLUMNS, named=True)[:MAX_ITEMS]

    def entry_facts(self, keys, language):
        return coverage_facts(keys, language)

    def title(self, obj):
        return gettext("News coverage of %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return gettext("Articles by news outlets about this trip, in their own languages.")

    def link(self, obj):
        return obj.get_absolute_url()

    def item_pubdate(self, item, zone):
        """When the outlet published the article (a time is read in the newsroom's zone)."""
        return in_newsroom(item.published_on, item.published_time or time())
