"""The read API under ``/api/v1/`` (django-ninja): its endpoints (`endpoints`), the errors
every client reads alike (a 422 for any parameter it cannot use, a JSON 404), and how each
answer is served: in the language of ``?lang=``, through the page cache (`served`: an ETag
and a 304, retired by the same changes as the pages), readable from any origin.

The docs page (`docs`) is ours, not the framework's: a template with no inline script,
loading Swagger UI from our static files.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import translation
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from visits.changes.pagecache import public_page
from visits.text import LANGUAGE_CODES

from .endpoints import FilterErrors, router
from .errors import BadParameter


class Renderer(JSONRenderer):
    """JSON in UTF-8 as it is (Korean, Chinese and Japanese text unescaped)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Renderer(),
    title="Newsroom API",
    version="1",
    description=(
        "Read-only access to what the public site shows: releases, trips with their legs "
        "and events, coverage, photos, topics and outlets. See the README's API section."
    ),
    urls_namespace="api",
    docs_url=None,
)
api.add_router("", router)


@api.exception_handler(BadParameter)
def bad_parameter(request, exc: BadParameter):
    return api.create_response(request, {"detail": [exc.detail()]}, status=422)


@api.exception_handler(FilterErrors)
def bad_filters(request, exc: FilterErrors):
    return api.create_response(request, {"detail": exc.details}, status=422)


@api.exception_handler(ValidationError)
def bad_input(request, exc: ValidationError):
    """The framework's 422, with only what a client can read (no internal context)."""
    detail = [
        {
            "loc": list(error.get("loc", ())),
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


def served(view):
    """``view`` (an endpoint) in the language asked for, through the page cache, with CORS
    for simple GETs (any origin may read public data)."""
    cached = public_page(view)

    def wrapper(request, *args, **kwargs):
        lang = request.GET.get("lang", "").lower()  # the schemas take any case too
        lang = lang if lang in LANGUAGE_CODES else "en"
        with translation.override(lang):
            response = cached(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Content-Language"] = lang
        return response

    wrapper.csrf_exempt = True
    wrapper.__name__ = getattr(view, "__name__", "api_view")
    return wrapper


def not_found(request, rest=""):
    """Any other address under /api/v1/: a 404 in JSON, as the endpoints give."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def index(request):
    """/api/v1/: where the schema and the docs are."""
    response = JsonResponse(
        {
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
        }
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def urlpatterns() -> list:
    patterns, _app_name, _namespace = api.urls
    # The framework's root (a page it names "api-root", for the schema's base path) is
    # our index.
    return [
        path(
            str(p.pattern),
            index if p.name == "api-root" else served(p.callback),
            p.default_args,
            name=p.name,
        )
        for p in patterns
    ]
