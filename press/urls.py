from django.urls import path

from visits.changes.pagecache import public_page
from visits.readmodel import read_model_page

from . import feeds, previews, views
from .models import Coverage, Photo, PressRelease

app_name = "press"


def feed_paths(route, feed_class, name):
    """``route.rss`` and ``route.atom``, named ``name_rss`` and ``name_atom``."""
    return [
        path(f"{route}.{fmt}", public_page(feed_class(generator)), name=f"{name}_{fmt}")
        for fmt, generator in feeds.FORMATS.items()
    ]


def release_cards():
    """A release's card shows its trip and topics."""
    return PressRelease.objects.on_record().for_list()


def coverage_cards():
    """A coverage item's card shows its outlet and its link's state."""
    return Coverage.objects.published().for_list()


urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("releases/", public_page(views.ReleaseListView.as_view()), name="release_list"),
    path(
        "releases/<slug:slug>/",
        public_page(
            read_model_page(
                url_name="press:release_detail",
                rows=PressRelease.objects.on_record,
                lookup="slug",
                card=("includes/release_card.html", "release", release_cards),
            )(views.ReleaseDetailView.as_view())
        ),
        name="release_detail",
    ),
    path("preview/<str:token>/", previews.SharedPreviewView.as_view(), name="release_preview"),
    path("coverage/", public_page(views.CoverageListView.as_view()), name="coverage_list"),
    path(
        "coverage/<int:pk>/",
        public_page(
            read_model_page(
                url_name="press:coverage_detail",
                rows=Coverage.objects.published,
                card=("includes/coverage_item.html", "item", coverage_cards),
            )(views.CoverageDetailView.as_view())
        ),
        name="coverage_detail",
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
    path("topics/<slug:slug>/", public_page(views.TopicDetailView.as_view()), name="topic_detail"),
    path(
        "trips/<slug:slug>/photos/", public_page(views.TripPhotosView.as_view()), name="trip_photos"
    ),
    path("feeds/", public_page(views.FeedsView.as_view()), name="feeds"),
    *feed_paths("feeds/releases", feeds.ReleaseFeed, "release_feed"),
    *feed_paths("feeds/trips/<slug:slug>/releases", feeds.TripReleaseFeed, "trip_release_feed"),
    *feed_paths("feeds/trips/<slug:slug>/coverage", feeds.TripCoverageFeed, "trip_coverage_feed"),
    *feed_paths("feeds/topics/<slug:slug>/releases", feeds.TopicReleaseFeed, "topic_feed"),
]
