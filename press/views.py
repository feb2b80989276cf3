"""Public pages of releases, coverage, photos and topics."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone, translation
from django.views.generic import DetailView, ListView, TemplateView

from visits.models import Visit
from visits.paging import Paginator
from visits.readmodel.cards import cards
from visits.views import (
    PublishedMixin,
    itinerary_queryset,
    prefetch_itinerary,
    public_trip,
    trip_related,
)

from . import feeds
from .filters import CoverageFilter, ReleaseFilter
from .kept import kept
from .models import Coverage, Photo, PressRelease, ReleasePhoto, Topic
from .photo_pager import neighbours

#: The read model's kinds whose cards the lists show (`press.urls` registers them).
RELEASE = "press.pressrelease"
COVERAGE = "press.coverage"


def gallery_prefetch():
    return Prefetch(
        "gallery",
        queryset=ReleasePhoto.objects.select_related("photo").order_by("-is_lead", "order"),
    )


def cards_of(kind: str, items) -> list:
    """The cards (`visits.readmodel.cards`) of ``items``, a queryset through a list's door,
    of which only the keys are read, in its order."""
    return cards(kind, items.values_list("pk", flat=True))


class HomeView(TemplateView):
    template_name = "press/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        visits = list(Visit.objects.published().select_related("official")[:6])
        context["release_cards"] = cards_of(RELEASE, PressRelease.objects.published()[:8])
        context["current_visits"] = [v for v in visits if v.start_date <= today <= v.end_date]
        context["recent_visits"] = [v for v in visits if v not in context["current_visits"]]
        context["coverage_cards"] = cards_of(COVERAGE, Coverage.objects.published()[:6])
        return context


class FilteredListMixin:
    """A list whose FilterSet reads the query string; invalid values show as form errors
    above an empty list, never as a server error. The page's items are shown by their
    cards (``cards``: the read model's, ``card_kind``).

    An unfiltered list (no query but the page number) is the same for every reader: it
    shows the blank form as kept (`press.kept`), with no filter set. The number of items a
    list has is kept too, for its filters (every page of a list has the same).
    """

    filterset_class = None
    card_kind = None

    def get_queryset(self):
        queryset = super().get_queryset()
        if set(self.request.GET) <= {self.page_kwarg}:
            self.filterset = None
            self.blank_form = self.filterset_class.blank_form(queryset, self.request)
            return queryset
        self.filterset = self.filterset_class(
            self.request.GET, queryset=queryset, request=self.request
        )
        if self.filterset.is_valid():
            return self.filterset.qs
        return queryset.none()

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        if self.filterset is None or self.filterset.is_valid():
            # Counted once while no change touches what the list or its filters read.
            query = self.request.GET.copy()
            query.pop(self.page_kwarg, None)
            paginator.count = kept.get(
                f"{self.model._meta.label_lower}:count?{query.urlencode()}",
                self.filterset_class.shown_tags(filtered=self.filterset is not None),
                queryset.count,
            )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.card_kind is not None:  # a list without cards shows its rows its own way
            context["cards"] = cards_of(self.card_kind, context["object_list"])
        context["filter"] = self.filterset
        if self.filterset is None:
            context["blank_filter_form"] = self.blank_form
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        context["query_string"] = query.urlencode()
        context["is_filtered"] = any(
            value for key, value in self.request.GET.items() if key != self.page_kwarg
        )
        if self.filterset is not None and self.filterset.is_valid():
            # A list narrowed to one trip or topic advertises that trip's or topic's feeds.
            chosen = self.filterset.form.cleaned_data
            context["feed_object"] = chosen.get("trip") or chosen.get("topic")
        return context


class ReleaseListView(FilteredListMixin, PublishedMixin, ListView):
    model = PressRelease
    filterset_class = ReleaseFilter
    card_kind = RELEASE


class ReleaseDetailView(PublishedMixin, DetailView):
    """A release page: public releases, and withdrawn ones.

    A withdrawn release keeps its address (as on GOV.UK): its text stays, under a notice
    with the date and reason, but its photos go (they are no longer public through it),
    and so do its structured data and feed links; search engines are asked not to index
    it. It has left every list, feed and sitemap. A release withdrawn before it was ever
    public is a 404 like any draft.

    A reader whose language is not out yet reads a language that is, with a "translation
    pending" note (and the time, when the language has a later time of its own).
    """

    model = PressRelease

    def get_base_queryset(self):
        return PressRelease.objects.select_related("visit__official", "contact").prefetch_related(
            "topics", gallery_prefetch()
        )

    def get_queryset(self):
        return self.get_base_queryset().on_record()

    def get_object(self, queryset=None):
        release = super().get_object(queryset)
        if self.preview:  # the editor sees every translation, ready or not
            release.show_every_language = True
        return release

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        # Its change notes, read once for the page and its structured data (fetched
        # here, not with the release, so that a refused preview link does not read them).
        prefetch_related_objects([release], "change_notes")
        withdrawn = release.is_withdrawn
        gallery = [] if withdrawn else list(release.gallery.all())
        context["withdrawn"] = withdrawn
        context["translation_pending"] = translation_pending(release)
        context["lead_photo"] = next((item.photo for item in gallery if item.is_lead), None)
        context["gallery"] = [item.photo for item in gallery if not item.is_lead]
        covered = list(itinerary_queryset(prefetch=False).published().filter(releases=release))
        context["covered"] = covered
        if trip := public_trip(release):
            context.update(trip_related(trip, exclude_release=release))
            context["itinerary"] = itinerary_around(trip, covered)
        prefetch_itinerary(covered, context.get("itinerary", []))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["withdrawn"]:
            response["X-Robots-Tag"] = "noindex"
        return response


@dataclass(frozen=True)
class PendingTranslation:
    """The reader's language is not out for a release: when it will be (None when it is
    not marked ready yet, so nobody knows)."""

    at: datetime | None


def translation_pending(release) -> PendingTranslation | None:
    """Whether the reader's language of ``release`` is still to come."""
    code = translation.get_language()
    if release.is_withdrawn or code in release.public_languages():
        return None  # a withdrawn release has nothing more to come
    return PendingTranslation(release.language_time(code))


def itinerary_around(visit, covered):
    """The trip's engagements on the days around the ones a release covers (or all),
    without the covered ones, which the page lists just above.

    People and organisations are left for the caller to prefetch (`prefetch_itinerary`).
    """
    engagements = itinerary_queryset(prefetch=False).filter(visit=visit)
    if covered:
        days = {e.date for e in covered}
        first, last = min(days) - timedelta(days=1), max(days) + timedelta(days=1)
        engagements = engagements.filter(date__range=(first, last)).exclude(
            pk__in=[e.pk for e in covered]
        )
    return list(engagements)


class CoverageListView(FilteredListMixin, PublishedMixin, ListView):
    model = Coverage
    filterset_class = CoverageFilter
    card_kind = COVERAGE


class CoverageDetailView(PublishedMixin, DetailView):
    model = Coverage

    def get_base_queryset(self):
        return Coverage.objects.select_related("outlet", "visit__official", "link_state")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context["covered_releases"] = list(item.releases.published())
        context["covered"] = list(itinerary_queryset().published().filter(coverage=item))
        if trip := public_trip(item):
            context.update(trip_related(trip, exclude_coverage=item))
        return context


class PhotoDetailView(PublishedMixin, DetailView):
    model = Photo

    def get_base_queryset(self):
        return Photo.objects.select_related("visit", "place", "engagement__visit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photo = self.object
        context["photo_releases"] = list(photo.releases.published())
        context["photo_pager"] = neighbours(photo, public_trip(photo))  # previous / next
        if trip := public_trip(photo):
            context.update(trip_related(trip))
        return context


class TopicDetailView(PublishedMixin, DetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.page_of(self.object.releases.published(), "releases"))
        context["release_cards"] = cards_of(RELEASE, context["releases"])
        return context


class FeedsView(TemplateView):
    """Every feed, with what it carries: the newsroom's, each topic's and each trip's."""

    template_name = "press/feeds.html"
    trips_per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_feed"] = feeds.site_feed()
        context["all_releases_feed"] = feeds.all_releases_feed()
        context["topic_feeds"] = [feeds.topic_feed(t) for t in Topic.objects.published()]
        paginator = Paginator(Visit.objects.published(), self.trips_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            trip_feeds=[(trip, feeds.trip_feeds(trip)) for trip in page.object_list],
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
        )
        other_languages = []
        for code, _name in settings.LANGUAGES:
            if code != translation.get_language():
                with translation.override(code):
                    other_languages.append((code, feeds.site_feed(), feeds.all_releases_feed()))
        context["other_languages"] = other_languages
        return context


class TripPhotosView(PublishedMixin, DetailView):
    """Every public photo of a trip, in the trip's gallery order, each with its credit and
    a link to download the original."""

    model = Visit
    template_name = "press/trip_photos.html"
    paginate_by = 48

    def get_base_queryset(self):
        return Visit.objects.select_related("official")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        photos = self.object.photos.published().select_related("place", "engagement")
        context.update(self.page_of(photos, "photos"))
        return context
