"""Public pages of trips and of the places, people and organisations they involve.

`visits` never imports `press`: releases, coverage and photos are reached through the
reverse relations (``visit.releases``), whose managers carry `published()`.
"""

from collections import defaultdict
from itertools import groupby

from django.contrib.admin.utils import quote
from django.db.models import (
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from .event_counts import attach_counts, related_model
from .models import Engagement, Leg, Organization, Person, Place, Visit
from .paging import Paginator
from .text import TranslatedTexts


class PublishedMixin:
    """The shared door of every public view: `published()` rows, forgiving pagination.

    Staff who may change an item can preview it before it is public; such a response
    is never cached.
    """

    paginate_by = 20
    page_kwarg = "page"
    preview = False

    def get_base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        return self.get_base_queryset().published()

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            if not self.can_preview():
                raise
        obj = super().get_object(self.get_base_queryset())
        self.preview = True
        return obj

    def can_preview(self) -> bool:
        user = self.request.user
        opts = self.model._meta
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def paginate_queryset(self, queryset, page_size):
        """A page number that is not a number or is out of range shows the nearest page;
        one no page can have is a 404 (`visits.paging`)."""
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def page_of(self, queryset, name: str) -> dict:
        """Context for one page of related rows shown on a detail page, as ``name``."""
        paginator, page, object_list, is_paginated = self.paginate_queryset(
            queryset, self.paginate_by
        )
        return {
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": is_paginated,
            name: object_list,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview
        if (obj := context.get("object")) is not None:
            context["object_text"] = TranslatedTexts(obj)
        if self.preview:
            opts = self.model._meta
            context["admin_change_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.object.pk)]
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


#: The many-to-many relations an itinerary shows for each engagement.
ENGAGEMENT_PREFETCH = ("people", "organizations")


def itinerary_queryset(prefetch=True):
    """Engagements with what an itinerary shows, in a fixed number of queries.

    ``prefetch=False`` leaves the people and organisations out, for a caller that loads
    several lists of engagements and prefetches them all at once (`prefetch_itinerary`).
    """
    # The trip: each engagement links to its page, whose address holds the trip's slug.
    queryset = Engagement.objects.select_related("visit", "place", "place__parent", "leg__city")
    return queryset.prefetch_related(*ENGAGEMENT_PREFETCH) if prefetch else queryset


def prefetch_itinerary(*engagement_lists):
    """People and organisations of several lists of engagements, in one query each."""
    prefetch_related_objects(
        [e for engagements in engagement_lists for e in engagements], *ENGAGEMENT_PREFETCH
    )


def public_trip(obj):
    """The trip of a release, coverage item or photo if the public may see it, else None."""
    return obj.visit if obj.visit_id and obj.visit.is_public else None


def days_of(engagements):
    """Engagements grouped by day: [(date, [engagement, …]), …] in order."""
    return [(day, list(items)) for day, items in groupby(engagements, key=lambda e: e.date)]


class VisitListView(PublishedMixin, ListView):
    model = Visit

    def get_queryset(self):
        return super().get_queryset().with_itinerary()


class VisitDetailView(PublishedMixin, DetailView):
    model = Visit

    def get_base_queryset(self):
        return Visit.objects.select_related("official__organization").prefetch_related(
            Prefetch("legs", queryset=Leg.objects.select_related("city"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        engagements = list(itinerary_queryset().filter(visit=visit))
        by_leg = defaultdict(list)
        for engagement in engagements:
            by_leg[engagement.leg_id].append(engagement)
        legs = list(visit.legs.all())
        context["legs"] = [(leg, days_of(by_leg[leg.pk])) for leg in legs]
        context["engagements"] = engagements
        # What covers each event and each leg ("2 releases · 3 articles"), 3 queries.
        attach_counts(visit, legs, engagements)
        context.update(trip_related(visit))
        # Only the trip page shows the topics of its releases ("more on this trip" does not).
        prefetch_related_objects(context["trip_releases"], "topics")
        return context


#: How many of a trip's releases, coverage items and photos its pages show; the rest are
#: a link away (the release and coverage lists filtered by the trip, its photo page), so
#: a trip with hundreds of articles costs what a small one does.
TRIP_RELEASES_SHOWN = 10
TRIP_COVERAGE_SHOWN = 20
TRIP_PHOTOS_SHOWN = 12


def first(queryset, count: int) -> tuple[list, bool]:
    """The first ``count`` rows, and whether there are more (one query)."""
    rows = list(queryset[: count + 1])
    return rows[:count], len(rows) > count


def trip_related(visit, exclude_release=None, exclude_coverage=None):
    """What every page about a trip shows under "more on this trip": the newest releases,
    coverage and photos, each with whether there are more to see."""
    releases = visit.releases.published()
    if exclude_release is not None:
        releases = releases.exclude(pk=exclude_release.pk)
    # "link_state": press's check of the article's address (gone, moved), on its key.
    coverage = visit.coverage.published().select_related("outlet", "link_state")
    if exclude_coverage is not None:
        coverage = coverage.exclude(pk=exclude_coverage.pk)
    releases, more_releases = first(releases, TRIP_RELEASES_SHOWN)
    coverage, more_coverage = first(coverage, TRIP_COVERAGE_SHOWN)
    # Shown by language, then outlet, each newest first (sorted is stable).
    coverage.sort(key=lambda item: (item.language, str(item.outlet)))
    by_language = [
        (language, list(items)) for language, items in groupby(coverage, key=lambda c: c.language)
    ]
    # Each row also carries the totals of all the trip's public photos with an image (the
    # press kit's link says them, `press.presskit`), counted over the whole set before the
    # slice by a window, so the link costs no query of its own.
    has_image = Case(When(image="", then=Value(0)), default=Value(1))
    photos, more_photos = first(
        visit.photos.published()
        .select_related("place")
        .annotate(kit_count=Window(Sum(has_image)), kit_size=Window(Sum("file_size"))),
        TRIP_PHOTOS_SHOWN,
    )
    return {
        "trip": visit,
        "trip_releases": releases,
        "trip_releases_more": more_releases,
        "trip_coverage": coverage,
        "trip_coverage_more": more_coverage,
        "trip_coverage_by_language": by_language,
        "trip_photos": photos,
        "trip_photos_more": more_photos,
    }


class AppearancesMixin(PublishedMixin):
    """Place, person and organisation pages: every public trip and engagement they are in."""

    def engagement_filter(self) -> Q:
        """Engagements this object is in, by the same paths that make it public
        (``ReferencedQuerySet.visit_paths``): a place's page lists what happened in the
        places inside it, an organisation's page the meetings with its people."""
        prefix = "engagements__"
        paths = [
            path.removeprefix(prefix)
            for path in self.model.objects.all().visit_paths
            if path.startswith(prefix)
        ]
        condition = Q()
        for path in paths:
            condition |= Q(**{path: self.object})
        return condition

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagements = list(
            itinerary_queryset()
            .published()
            .filter(self.engagement_filter())
            .select_related("visit__official")
            .distinct()
            .order_by("-date", "start_time")
        )
        visits = {e.visit_id: e.visit for e in engagements}
        context["engagements"] = engagements
        context["visits"] = sorted(visits.values(), key=lambda v: v.start_date, reverse=True)
        context["releases"] = list(releases_covering(engagements)[:50])
        return context


def releases_covering(engagements):
    """Public releases that cover any of these engagements, reached through the reverse
    relation ``Engagement.releases`` so that visits does not import press."""
    return (
        related_model("releases")
        .objects.published()
        .filter(engagements__in=[e.pk for e in engagements])
        .distinct()
        .select_related("visit")
        .prefetch_related("topics")
    )


class PlaceDetailView(AppearancesMixin, DetailView):
    model = Place

    def get_base_queryset(self):
        # A place public only as the parent of a visited place has a parent that may not
        # be public: its name is shown, a link only where the page is there.
        return Place.objects.select_related("city", "parent").annotate(
            parent_is_public=Exists(Place.objects.published().filter(pk=OuterRef("parent")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = list(Place.objects.published().filter(parent=self.object))
        return context


class PersonDetailView(AppearancesMixin, DetailView):
    model = Person

    def get_base_queryset(self):
        return Person.objects.select_related("organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        led = Visit.objects.published().filter(official=self.object).select_related("official")
        context["led_visits"] = list(led)
        return context


class OrganizationDetailView(AppearancesMixin, DetailView):
    model = Organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = list(Person.objects.published().filter(organization=self.object))
        return context
