from django.urls import path

from . import calendars, events, indexes, views
from .changes.pagecache import public_page
from .changes.tags import of_models
from .models import City, Engagement, Leg, Organization, Person, Place, Visit
from .readmodel import read_model_page
from .search.views import SearchView

app_name = "visits"

#: What a calendar's events show: trips with their official and legs' cities, engagements
#: with their place and who was met (`visits.calendars`).
CALENDAR = of_models(Visit, Person, Leg, City, Engagement, Place, Organization)

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
        "places/",
        # Each place: its name, city and country, the place it lies in; public through a
        # public trip's engagements.
        public_page(
            indexes.PlaceListView.as_view(), tags=of_models(Place, City, Visit, Engagement)
        ),
        name="place_list",
    ),
    path(
        "trips/<slug:slug>/calendar.ics",
        public_page(calendars.TripCalendarView.as_view(), tags=CALENDAR),
        name="visit_calendar",
    ),
    path(
        "calendar.ics",
        public_page(calendars.TripsCalendarView.as_view(), tags=CALENDAR),
        name="calendar",
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
        "people/",
        # Each person: name, role, organisation; public as a trip's official or someone an
        # engagement met.
        public_page(
            indexes.PersonListView.as_view(),
            tags=of_models(Person, Organization, Visit, Engagement),
        ),
        name="person_list",
    ),
    path(
        "people/<slug:slug>/", public_page(views.PersonDetailView.as_view()), name="person_detail"
    ),
    path(
        "organisations/<slug:slug>/",
        public_page(views.OrganizationDetailView.as_view()),
        name="organization_detail",
    ),
]
