from django.views.generic import DetailView, ListView

from visits.models import Visit
from visits.views import PublishedMixin

from .models import Coverage, Photo, PressRelease, Topic


class HomeView(PublishedMixin, ListView):
    model = PressRelease
    template_name = "press/home.html"
    paginate_by = None

    def get_queryset(self):
        return super().get_queryset().for_list()[:10]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = Visit.objects.published().with_itinerary()[:6]
        return context


class ReleaseListView(PublishedMixin, ListView):
    model = PressRelease

    def get_queryset(self):
        return super().get_queryset().for_list()


class ReleaseDetailView(PublishedMixin, DetailView):
    model = PressRelease

    def get_queryset(self):
        return super().get_queryset().select_related("visit", "contact")


class CoverageListView(PublishedMixin, ListView):
    model = Coverage

    def get_queryset(self):
        return super().get_queryset().for_list()


class CoverageDetailView(PublishedMixin, DetailView):
    model = Coverage

    def get_queryset(self):
        return super().get_queryset().for_list()


class PhotoDetailView(PublishedMixin, DetailView):
    model = Photo


class TopicDetailView(PublishedMixin, DetailView):
    model = Topic
