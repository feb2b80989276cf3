"""The routes of the public alert pages, part of ``press.urls`` (namespace ``press``).

The link paths (``<purpose>/<token>/``) are the ones `press.alerts.links.path` writes into
mail (tests/test_alerts_subscribe.py checks that the two agree). None of these pages goes
through the page cache: they carry a CSRF form or a personal link.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("alerts/", views.subscribe, name="alerts"),
    path("alerts/sent/", views.sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="alerts_manage"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
]
