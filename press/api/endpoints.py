"""The API's endpoints: every list and item through its model's door (``published()``;
a release's text only in the languages that are out), filtered as the pages filter
(`press.filters`), a page at a time by cursor (`paging`), in a fixed number of queries
whatever the number of items."""

from __future__ import annotations

import uuid

from django.core.validators import slug_re
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, QueryDict
from django.utils import timezone
from ninja import Query, Router

from press.filters import CoverageFilter, ReleaseFilter
from press.models import Coverage, Outlet, Photo, PressRelease, ReleasePhoto, Topic, visibility
from visits.changes import tags as tagging
from visits.models import City, Engagement, Leg, Organization, Person, Place, Visit
from visits.publishing import public_q
from visits.search import Search

from . import params, schemas, shapes
from .errors import form_errors
from .paging import Order, page

router = Router()

RELEASES = Order("releases", ("published_at", "pk"))
TRIPS = Order("trips", ("start_date", "pk"))
COVERAGE = Order("coverage", ("published_on", "pk"))
PHOTOS = Order("photos", ("uploaded_at", "pk"))
TOPICS = Order("topics", ("pk",), descending=False)
OUTLETS = Order("outlets", ("pk",), descending=False)

#: The answers besides a 200 (every endpoint may refuse a parameter).
NOT_FOUND = {404: schemas.NotFound, 422: schemas.Invalid}
INVALID = {422: schemas.Invalid}


class FilterErrors(Exception):
    """A filter the page's filter form refuses (a trip that is not public…): a 422."""

    def __init__(self, details: list[dict]):
        super().__init__(details)
        self.details = details


def shows(request, *models) -> None:
    """The answer shows rows of ``models`` (the page cache retires it when one changes)."""
    tagging.depend(request, tagging.of_models(*models))


def filtered(filterset_class, queryset, query, names, request):
    """``queryset`` narrowed by the page's filter set with the values of ``names`` given in
    ``query``; the queryset itself when none is given (as an unfiltered page)."""
    data = QueryDict(mutable=True)
    for name in names:
        value = getattr(query, name)
        if value is not None:
            data[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not data:
        return queryset
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise FilterErrors(form_errors(filterset.form))
    return filterset.qs


def searched(queryset, kind: str, text: str | None):
    """``queryset`` narrowed to the items whose text in a language that is out matches
    ``text`` (the site's search index, one subquery); as it is without ``text``."""
    if not text:
        return queryset
    search = Search(text, public=False)
    if not search.query:
        return queryset.none()  # nothing searchable in it (punctuation alone)
    found = search.matching_ids(kind).filter(public_from__lte=timezone.now())
    return queryset.filter(pk__in=found)


def item_or_404(queryset, **lookups):
    found = queryset.filter(**lookups).first()
    if found is None:
        raise Http404
    return found


def slug_or_404(value: str) -> str:
    if not slug_re.fullmatch(value) or len(value) > 100:
        raise Http404
    return value


# --- releases -----------------------------------------------------------------------


class ApiReleaseFilter(ReleaseFilter):
    """The release list's filters; "available in" is a language that is out (the API
    shows a release's text in those only), not one merely filled in."""

    def filter_language(self, queryset, name, value):
        return queryset.filter(visibility.language_out_q(value))


RELEASE_FILTERS = (
    "trip",
    "event",
    "topic",
    "country",
    "city",
    "official",
    "published_after",
    "published_before",
    "language",
)


def photo_rows():
    return ReleasePhoto.objects.select_related("photo__visit").order_by("-is_lead", "order")


def releases_queryset(*, full: bool = False):
    queryset = PressRelease.objects.published().select_related("visit")
    queryset = queryset.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("pk")),
        Prefetch("gallery", queryset=photo_rows()),
    )
    if full:
        events = Engagement.objects.published().select_related("visit")
        queryset = queryset.prefetch_related(
            Prefetch("engagements", queryset=events.order_by("date", "start_time", "pk"))
        )
    return queryset


@router.get(
    "/releases", response={200: schemas.page_of(schemas.ReleaseOut), **INVALID}, url_name="releases"
)
def releases(request, query: Query[params.ReleaseQuery]):
    """Public press releases, newest first."""
    shows(request, PressRelease, Topic, Visit, ReleasePhoto, Photo, Engagement, Leg, City, Person)
    queryset = filtered(ApiReleaseFilter, releases_queryset(), query, RELEASE_FILTERS, request)
    queryset = searched(queryset, "release", query.q)
    items, next_url = page(request, queryset, RELEASES, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.release(request, item) for item in items], "next": next_url}


@router.get(
    "/releases/{key}",
    response={200: schemas.ReleaseDetail, **NOT_FOUND},
    url_name="release",
)
def release(request, key: str, query: Query[params.LangQuery]):
    """One public release, by its slug or its id (a UUID)."""
    shows(request, PressRelease, Topic, Visit, ReleasePhoto, Photo, Engagement)
    try:
        lookup = {"uuid": uuid.UUID(key)}
    except ValueError:
        lookup = {"slug": slug_or_404(key)}
    item = item_or_404(releases_queryset(full=True), **lookup)
    return shapes.release(request, item, full=True)


# --- trips --------------------------------------------------------------------------


def trips_queryset():
    events = (
        Engagement.objects.select_related("visit", "place")
        .prefetch_related("people", "organizations")
        .order_by("date", "start_time", "pk")
    )
    return (
        Visit.objects.published()
        .select_related("official")
        .prefetch_related(
            Prefetch("legs", queryset=Leg.objects.select_related("city").order_by("order", "pk")),
            Prefetch("engagements", queryset=events),
        )
    )


def filter_trips(queryset, query: params.TripQuery):
    if query.official:
        queryset = queryset.filter(official__slug=query.official)
    legs = {}
    if query.city:
        legs["city__slug"] = query.city
    if query.country:
        legs["city__country"] = query.country
    if legs:
        queryset = queryset.filter(Exists(Leg.objects.filter(visit=OuterRef("pk"), **legs)))
    if query.year:
        queryset = queryset.filter(start_date__year__lte=query.year, end_date__year__gte=query.year)
    if query.date_after:
        queryset = queryset.filter(end_date__gte=query.date_after)
    if query.date_before:
        queryset = queryset.filter(start_date__lte=query.date_before)
    return queryset


TRIP_MODELS = (Visit, Leg, Engagement, City, Person, Organization, Place)


@router.get("/trips", response={200: schemas.page_of(schemas.TripOut), **INVALID}, url_name="trips")
def trips(request, query: Query[params.TripQuery]):
    """Public trips with their legs and events, the latest first."""
    shows(request, *TRIP_MODELS)
    queryset = filter_trips(trips_queryset(), query)
    items, next_url = page(request, queryset, TRIPS, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.trip(request, item) for item in items], "next": next_url}


@router.get("/trips/{slug}", response={200: schemas.TripOut, **NOT_FOUND}, url_name="trip")
def trip(request, slug: str, query: Query[params.LangQuery]):
    """One public trip with its legs and events."""
    shows(request, *TRIP_MODELS)
    return shapes.trip(request, item_or_404(trips_queryset(), slug=slug_or_404(slug)))


# --- coverage -----------------------------------------------------------------------

COVERAGE_FILTERS = ("trip", "event", "city", "outlet", "language", "date_after", "date_before")


def coverage_queryset():
    return (
        Coverage.objects.published()
        .filter(published_on__isnull=False)
        .select_related("visit", "outlet")
        .prefetch_related(
            Prefetch("releases", queryset=PressRelease.objects.published().order_by("pk"))
        )
    )


@router.get(
    "/coverage",
    response={200: schemas.page_of(schemas.CoverageOut), **INVALID},
    url_name="coverage_list",
)
def coverage_list(request, query: Query[params.CoverageQuery]):
    """Public coverage: articles about the trips, newest first."""
    shows(request, Coverage, Outlet, Visit, PressRelease, Engagement, Leg, City)
    queryset = filtered(CoverageFilter, coverage_queryset(), query, COVERAGE_FILTERS, request)
    queryset = searched(queryset, "coverage", query.q)
    items, next_url = page(request, queryset, COVERAGE, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.coverage(request, item) for item in items], "next": next_url}


@router.get(
    "/coverage/{item_id}", response={200: schemas.CoverageOut, **NOT_FOUND}, url_name="coverage"
)
def coverage(request, item_id: params.Key, query: Query[params.LangQuery]):
    """One public coverage item."""
    shows(request, Coverage, Outlet, Visit, PressRelease)
    return shapes.coverage(request, item_or_404(coverage_queryset(), pk=item_id))


# --- photos -------------------------------------------------------------------------


def photos_queryset():
    return Photo.objects.published().select_related("visit")


@router.get(
    "/photos", response={200: schemas.page_of(schemas.PhotoOut), **INVALID}, url_name="photos"
)
def photos(request, query: Query[params.PhotoQuery]):
    """Public photos (shown by a public trip or release), the latest uploaded first, each
    with its credit, its original and its renditions."""
    shows(request, Photo, Visit, ReleasePhoto, PressRelease)
    queryset = photos_queryset()
    if query.trip:
        queryset = queryset.filter(public_q("visit__"), visit__slug=query.trip)
    if query.release:
        in_release = ReleasePhoto.objects.filter(
            public_q("release__"), photo=OuterRef("pk"), release__slug=query.release
        )
        queryset = queryset.filter(Exists(in_release))
    items, next_url = page(request, queryset, PHOTOS, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.photo(request, item) for item in items], "next": next_url}


@router.get("/photos/{item_id}", response={200: schemas.PhotoOut, **NOT_FOUND}, url_name="photo")
def photo(request, item_id: params.Key, query: Query[params.LangQuery]):
    """One public photo."""
    shows(request, Photo, Visit, ReleasePhoto, PressRelease)
    return shapes.photo(request, item_or_404(photos_queryset(), pk=item_id))


# --- topics and outlets ---------------------------------------------------------------


@router.get(
    "/topics", response={200: schemas.page_of(schemas.TopicOut), **INVALID}, url_name="topics"
)
def topics(request, query: Query[params.Common]):
    """Topics with at least one public release."""
    shows(request, Topic, PressRelease)
    queryset = Topic.objects.published()
    items, next_url = page(request, queryset, TOPICS, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.topic(request, t, full=True) for t in items], "next": next_url}


@router.get("/topics/{slug}", response={200: schemas.TopicOut, **NOT_FOUND}, url_name="topic")
def topic(request, slug: str, query: Query[params.LangQuery]):
    """One topic with public releases (its releases: ``/releases?topic=<slug>``)."""
    shows(request, Topic, PressRelease)
    item = item_or_404(Topic.objects.published(), slug=slug_or_404(slug))
    return shapes.topic(request, item, full=True)


@router.get(
    "/outlets", response={200: schemas.page_of(schemas.OutletOut), **INVALID}, url_name="outlets"
)
def outlets(request, query: Query[params.Common]):
    """Outlets with at least one public coverage item."""
    shows(request, Outlet, Coverage)
    queryset = Outlet.objects.published()
    items, next_url = page(request, queryset, OUTLETS, cursor=query.cursor, limit=query.limit)
    return {"items": [shapes.outlet(item) for item in items], "next": next_url}


@router.get("/outlets/{slug}", response={200: schemas.OutletOut, **NOT_FOUND}, url_name="outlet")
def outlet(request, slug: str, query: Query[params.LangQuery]):
    """One outlet with public coverage (its articles: ``/coverage?outlet=<slug>``)."""
    shows(request, Outlet, Coverage)
    return shapes.outlet(item_or_404(Outlet.objects.published(), slug=slug_or_404(slug)))
