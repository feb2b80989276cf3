"""Index pages of photos and topics (``/photos/``, ``/topics/``): what the main menu leads
to besides the releases, trips and coverage.

Photos are those `Photo.objects.published()` lets through (a public trip's, or a public
release's), newest first, filtered by trip like the other lists (`press.filters`); topics
are those with a public release, each with how many it has.
"""

from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from visits.changes.tags import of_models
from visits.choices import TRIPS_SHOWN, keep_chosen
from visits.indexes import translated_order
from visits.models import Visit
from visits.views import PublishedMixin, public_trip

from .filters import MenuFilterSet, NamedChoiceFilter
from .models import Photo, PressRelease, ReleasePhoto, Topic
from .views import FilteredListMixin

#: What the photo list shows: a photo is public through its trip or a public release.
PHOTOS = of_models(Photo, ReleasePhoto, PressRelease, Visit)
#: What the topic list shows: topics and how many public releases each has.
TOPICS = of_models(Topic, PressRelease)


def trips_with_photos():
    """Public trips with at least one public photo, newest first."""
    photos = Photo.objects.published().filter(visit=OuterRef("pk"))
    return Visit.objects.published().filter(Exists(photos))


class PhotoFilter(MenuFilterSet):
    """?trip=<slug>: the photos of one public trip that has any (a trip without photos,
    an unpublished one or a word is an error shown above an empty list)."""

    trip = NamedChoiceFilter(
        label=_("Trip"),
        name_field="title",
        shown=TRIPS_SHOWN,
        field_name="visit",
        to_field_name="slug",
        queryset=lambda request: trips_with_photos(),
        empty_label=_("All trips"),
    )

    class Meta:
        model = Photo
        fields = ["trip"]

    kept_menus = {"trip": PHOTOS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set
        self.keep_menus()

    @classmethod
    def shown_tags(cls, *, filtered: bool) -> frozenset:
        """Which photos are public changes with their trips and releases, not only with
        the photos' own rows (the list's count is kept by these)."""
        return frozenset(PHOTOS)


class PhotoListView(FilteredListMixin, PublishedMixin, ListView):
    """The newest public photos (by when they were taken, else uploaded), grouped on the
    page by their trip, each linking to its page. Renditions are never made here: a photo
    shows its original until a worker has made them (`press.renditions`)."""

    model = Photo
    filterset_class = PhotoFilter
    template_name = "press/photo_list.html"
    paginate_by = 24

    def get_base_queryset(self):
        return Photo.objects.select_related("visit").order_by(
            Coalesce("taken_at", "uploaded_at").desc(), "-pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photo_groups"] = by_trip(context["object_list"])
        return context


def by_trip(photos) -> list:
    """[(public trip or None, [photo, …]), …]: the photos in their order, each run of one
    trip's together (a photo public through a release alone shows no trip)."""
    groups = [(trip, list(run)) for trip, run in groupby(photos, lambda photo: public_trip(photo))]
    if groups:
        groups[0][1][0].first_on_page = True  # loaded eagerly: the page's first image
    return groups


class TopicListView(TemplateView):
    """Every topic with a public release, with how many it has (one grouped query), its
    page and its feeds."""

    template_name = "press/topic_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = PressRelease.objects.published().values("pk")
        context["topics"] = list(
            Topic.objects.annotate(
                release_count=Count("releases", filter=Q(releases__in=public), distinct=True)
            )
            .filter(release_count__gt=0)
            .order_by(translated_order("name"), "pk")
        )
        return context
