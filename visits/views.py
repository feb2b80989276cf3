from django.views.generic import DetailView, ListView

from .models import Organization, Person, Place, Visit


class PublishedMixin:
    """Every public view reads through the model's `published()` queryset."""

    paginate_by = 20

    def get_queryset(self):
        return self.model.objects.published()


class VisitListView(PublishedMixin, ListView):
    model = Visit

    def get_queryset(self):
        return super().get_queryset().with_itinerary()


class VisitDetailView(PublishedMixin, DetailView):
    model = Visit

    def get_queryset(self):
        return super().get_queryset().with_itinerary()


class PlaceDetailView(PublishedMixin, DetailView):
    model = Place


class PersonDetailView(PublishedMixin, DetailView):
    model = Person


class OrganizationDetailView(PublishedMixin, DetailView):
    model = Organization
