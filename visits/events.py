"""Event pages: one page for each event of a public trip.

An event (an engagement of a public trip) has its own page,
``/<lang>/trips/<trip-slug>/events/<event-slug>/``: what happened, where, who was met,
and every public release, coverage item and photo about it. Like the trip page it never
imports press: releases and coverage are reached through the reverse relations of
``Engagement`` (``releases``, ``coverage``, ``photos``), whose managers carry
``published()``.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.views.generic import DetailView

from .event_counts import related_model
from .models import Engagement, Leg, Person
from .text import TranslatedTexts, localized
from .views import PublishedMixin, first

#: How many of an event's releases, coverage items and photos its page shows; the rest
#: are a link away (the release and coverage lists filtered by the event, the trip's
#: photo page), so an event with hundreds of articles costs what a small one does.
EVENT_RELEASES_SHOWN = 20
EVENT_COVERAGE_SHOWN = 50
EVENT_PHOTOS_SHOWN = 24


def local_start(engagement) -> datetime | None:
    """The event's start in its city's time zone (None without a time)."""
    if engagement.start_time is None:
        return None
    return datetime.combine(
        engagement.date, engagement.start_time, tzinfo=ZoneInfo(engagement.leg.city.time_zone)
    )


def utc_offset(moment: datetime) -> str:
    """ "UTC+08:00" for a moment in Beijing."""
    offset = moment.strftime("%z")  # +0800
    return f"UTC{offset[:3]}:{offset[3:]}"


def coverage_by_language(items) -> list[tuple[str, list]]:
    """Coverage by language, then outlet, each newest first (as the trip page shows it)."""
    items = sorted(items, key=lambda item: (item.language, str(item.outlet)))
    return [(language, list(group)) for language, group in groupby(items, lambda c: c.language)]


class EventDetailView(PublishedMixin, DetailView):
    """One event of a trip, named by the trip's slug and its own."""

    model = Engagement
    template_name = "visits/engagement_detail.html"
    context_object_name = "engagement"

    def get_base_queryset(self):
        return (
            Engagement.objects.filter(visit__slug=self.kwargs["trip"])
            .select_related("visit__official", "leg__city", "place__parent", "place__city")
            .prefetch_related(
                Prefetch("people", queryset=Person.objects.select_related("organization")),
                "organizations",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self.object
        visit = engagement.visit
        # The trip's events in itinerary order, narrow: only what the links show.
        siblings = list(
            Engagement.objects.filter(visit=visit).only(
                "pk", "visit_id", "slug", "date", "start_time", "title", *localized("title")
            )
        )
        for sibling in siblings:
            sibling.visit = visit
        index = next(i for i, e in enumerate(siblings) if e.pk == engagement.pk)
        context["previous_event"] = siblings[index - 1] if index > 0 else None
        context["next_event"] = siblings[index + 1] if index + 1 < len(siblings) else None
        # The leg's position on the trip page (its anchor, ``#leg-<n>``).
        context["leg_number"] = (
            Leg.objects.filter(visit=visit, order__lt=engagement.leg.order).count() + 1
        )
        start = local_start(engagement)
        context["local_start"] = start
        context["start_iso"] = start.isoformat() if start else ""
        context["utc_offset"] = utc_offset(start) if start else ""
        context["show_kind"] = engagement.kind != Engagement.Kind.OTHER

        releases = (
            related_model("releases")
            .objects.published()
            .filter(engagements=engagement)
            .select_related("visit")
            .prefetch_related("topics")
        )
        coverage = (
            related_model("coverage")
            .objects.published()
            .filter(engagements=engagement)
            .select_related("outlet", "link_state")
        )
        photos = engagement.photos.published().select_related("place")
        releases, more_releases = first(releases, EVENT_RELEASES_SHOWN)
        coverage, more_coverage = first(coverage, EVENT_COVERAGE_SHOWN)
        photos, more_photos = first(photos, EVENT_PHOTOS_SHOWN)
        context.update(
            {
                "trip": visit,
                # Each worked out once however often the page shows it.
                "trip_text": TranslatedTexts(visit),
                "city_text": TranslatedTexts(engagement.leg.city),
                "event_releases": releases,
                "event_releases_more": more_releases,
                "event_coverage": coverage,
                "event_coverage_by_language": coverage_by_language(coverage),
                "event_coverage_more": more_coverage,
                "event_photos": photos,
                "event_photos_more": more_photos,
            }
        )
        return context
