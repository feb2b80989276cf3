"""``/api/v1/``: the API's endpoints, its OpenAPI schema (``openapi.json``) and its docs
page (``docs/``), outside the language prefix (the language is ``?lang=``)."""

from django.urls import path, re_path

from visits.changes.pagecache import public_page

from .api import not_found
from .api import urlpatterns as api_urlpatterns
from .docs import DocsView

app_name = "api"

urlpatterns = [
    path("docs/", public_page(DocsView.as_view(), tags=()), name="docs"),
    *api_urlpatterns(),
    re_path(r"^(?P<rest>.*)$", not_found, name="not_found"),
]
