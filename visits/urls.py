from django.urls import path

from . import events, views
from .changes.pagecache import public_page
from .changes.tags import of_models
from .models import City, Engagement, Leg, Person, Visit
from .readmodel import read_model_page
from .search.views import SearchView

app_name = "visits"

urlpatterns = [
    path("search/", public_page(SearchView.as_view()), name="search"),
    path(
        "trips/",
        # Each trip: its title, official, dates and the cities of its legs.
        public_page(views.VisitListView.as_view(), tags=of_models(Visit, Person, Leg, City)),
        name="visit_list",
    ),
    path(
        "trips/<slug:slug>/",
        public_page(
            read_model_page(
                url_name="visits:visit_detail", rows=Visit.objects.published, lookup="slug"
            )(views.VisitDetailView.as_view())
        ),
        name="visit_detail",
    ),
    path(
        "trips/<slug:trip>/events/<slug:slug>/",
        public_page(
            read_model_page(
                url_name="visits:event_detail",
                rows=Engagement.objects.published,
                lookup={"trip": "visit__slug", "slug": "slug"},
            )(events.EventDetailView.as_view())
        ),
        name="event_detail",
    ),
    path("places/<slug:slug>/", public_page(views.PlaceDetailView.as_view()), name="place_detail"),
    path(
        "people/<slug:slug>/", public_page(views.PersonDetailView.as_view()), name="person_detail"
    ),
    path(
        "organisations/<slug:slug>/",
        public_page(views.OrganizationDetailView.as_view()),
        name="organization_detail",
    ),
]
