from django.urls import path

from . import views
from .search.views import SearchView

app_name = "visits"

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("trips/", views.VisitListView.as_view(), name="visit_list"),
    path("trips/<slug:slug>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place_detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organisations/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
]
