from django.urls import path

from visits.changes.pagecache import public_page
from visits.changes.tags import of_models
from visits.models import City, Engagement, Leg, Person, Place, Visit
from visits.readmodel import read_model_page

from . import embargo_views, feeds, indexes, presskit, previews, views
from .alerts import urls as alert_urls
from .contacts_page import ContactsView
from .models import (
    ChangeNote,
    Coverage,
    Document,
    LinkState,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    ReleasePhoto,
    Topic,
    Video,
)

app_name = "press"

# What the lists, feeds and the home page show, by model (`visits.changes.tags`): the page
# cache keeps each until a row of one of these changes (the detail pages say their own).
#: A release's card or feed entry: its trip, topics and lead photo (and its change notes,
#: which date a feed entry; its videos, which a feed entry links to; its documents, its
#: enclosures).
RELEASES = of_models(PressRelease, Topic, ReleasePhoto, Photo, Visit, ChangeNote, Video, Document)
#: A coverage item: its outlet, its link's last check, its trip.
COVERAGE = of_models(Coverage, Outlet, LinkState, Visit)
#: The release list's filters: trips, their events, topics, countries and cities of legs,
#: officials.
RELEASE_FILTERS = of_models(Visit, Engagement, Topic, Leg, City, Person)
#: The coverage list's filters: trips, their events and cities (outlets: ``COVERAGE``).
COVERAGE_FILTERS = of_models(Visit, Engagement, Leg, City)


def feed_paths(route, feed_class, name, tags):
    """``route.rss``, ``route.atom`` and ``route.json`` (JSON Feed), named ``name_rss``,
    ``name_atom`` and ``name_json``: one feed class, one writer per format."""
    return [
        path(f"{route}.{fmt}", public_page(feed_class(generator), tags=tags), name=f"{name}_{fmt}")
        for fmt, generator in feeds.FORMATS.items()
    ]


def release_cards():
    """A release's card shows its trip and topics."""
    return PressRelease.objects.on_record().for_list()


def coverage_cards():
    """A coverage item's card shows its outlet and its link's state."""
    return Coverage.objects.published().for_list()


urlpatterns = [
    path(
        "",
        public_page(views.HomeView.as_view(), tags=[*RELEASES, *COVERAGE, *of_models(Person)]),
        name="home",
    ),
    path(
        "releases/",
        public_page(views.ReleaseListView.as_view(), tags=[*RELEASES, *RELEASE_FILTERS]),
        name="release_list",
    ),
    path(
        "releases/<slug:slug>/",
        public_page(
            read_model_page(
                url_name="press:release_detail",
                rows=PressRelease.objects.on_record,
                lookup="slug",
                card=("includes/release_card.html", "release", release_cards),
                facts=feeds.release_facts,
            )(views.ReleaseDetailView.as_view())
        ),
        name="release_detail",
    ),
    path("preview/<str:token>/", previews.SharedPreviewView.as_view(), name="release_preview"),
    # A journalist's personal link to an embargoed release: never kept by the page cache.
    path(
        "embargoed/<str:token>/",
        embargo_views.EmbargoedReleaseView.as_view(),
        name="embargoed_release",
    ),
    path(
        "embargoed/<str:token>/photos/<int:photo>/",
        embargo_views.embargoed_photo,
        name="embargoed_photo",
    ),
    path(
        "coverage/",
        public_page(views.CoverageListView.as_view(), tags=[*COVERAGE, *COVERAGE_FILTERS]),
        name="coverage_list",
    ),
    path(
        "coverage/<int:pk>/",
        public_page(
            read_model_page(
                url_name="press:coverage_detail",
                rows=Coverage.objects.published,
                card=("includes/coverage_item.html", "item", coverage_cards),
                facts=feeds.coverage_facts,
            )(views.CoverageDetailView.as_view())
        ),
        name="coverage_detail",
    ),
    path(
        "photos/",
        public_page(indexes.PhotoListView.as_view(), tags=indexes.PHOTOS),
        name="photo_list",
    ),
    path(
        "photos/<int:pk>/",
        public_page(
            read_model_page(url_name="press:photo_detail", rows=Photo.objects.published)(
                views.PhotoDetailView.as_view()
            )
        ),
        name="photo_detail",
    ),
    path(
        "topics/",
        public_page(indexes.TopicListView.as_view(), tags=indexes.TOPICS),
        name="topic_list",
    ),
    path(
        "topics/<slug:slug>/",
        public_page(views.TopicDetailView.as_view(), tags=RELEASES),
        name="topic_detail",
    ),
    path(
        "trips/<slug:slug>/photos/",
        # Photos are public through their trip or a public release; each names its place.
        public_page(
            views.TripPhotosView.as_view(),
            tags=of_models(Visit, Person, Photo, ReleasePhoto, PressRelease, Place, Engagement),
        ),
        name="trip_photos",
    ),
    # Streamed as it is zipped: never kept by the page cache, so not wrapped in it.
    path(
        "trips/<slug:slug>/photos.zip",
        presskit.TripPhotosZipView.as_view(),
        name="trip_photos_zip",
    ),
    path(
        "contacts/",
        # The contacts of public releases (`PressContactQuerySet.published`).
        public_page(ContactsView.as_view(), tags=of_models(PressContact, PressRelease)),
        name="contacts",
    ),
    path(
        "feeds/",
        public_page(views.FeedsView.as_view(), tags=of_models(PressRelease, Topic, Visit)),
        name="feeds",
    ),
    # Email alerts: the subscribe form and the pages of the links in their mail.
    *alert_urls.urlpatterns,
    *feed_paths("feeds/releases", feeds.ReleaseFeed, "release_feed", RELEASES),
    *feed_paths("feeds/releases/all", feeds.AllReleaseFeed, "release_all_feed", RELEASES),
    *feed_paths(
        "feeds/trips/<slug:slug>/releases", feeds.TripReleaseFeed, "trip_release_feed", RELEASES
    ),
    *feed_paths(
        "feeds/trips/<slug:slug>/coverage", feeds.TripCoverageFeed, "trip_coverage_feed", COVERAGE
    ),
    *feed_paths(
        "feeds/topics/<slug:slug>/releases", feeds.TopicReleaseFeed, "topic_feed", RELEASES
    ),
]
