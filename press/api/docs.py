"""The API's docs page: Swagger UI from our own static files (django-ninja ships it),
started by our own script (no inline script: the site's CSP allows none), reading the
schema at ``openapi.json``."""

from django.views.generic import TemplateView


class DocsView(TemplateView):
    template_name = "api/docs.html"
