from django.urls import path

from . import views

app_name = "press"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("releases/", views.ReleaseListView.as_view(), name="release_list"),
    path("releases/<slug:slug>/", views.ReleaseDetailView.as_view(), name="release_detail"),
    path("coverage/", views.CoverageListView.as_view(), name="coverage_list"),
    path("coverage/<int:pk>/", views.CoverageDetailView.as_view(), name="coverage_detail"),
    path("photos/<int:pk>/", views.PhotoDetailView.as_view(), name="photo_detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
]
