"""Conditional GET, written once: the validators (ETag, Last-Modified) an answer carries,
and a 304 for a reader whose copy is current. The feeds, the media route and the page
cache answer through it. Imports nothing of the project."""

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag


def content_etag(content: bytes | str) -> str:
    """A strong ETag naming ``content``: the first 128 bits of its SHA-256."""
    if isinstance(content, str):
        content = content.encode()
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


def conditional_response(
    request: HttpRequest,
    build: Callable[[], HttpResponse | None],
    *,
    etag: str | None = None,
    last_modified: float | None = None,
) -> HttpResponse | None:
    """``build()``'s answer, or a 304 when the reader's copy is current, in which case
    ``build`` is never called (the point: no item is loaded, no file read). Either answer
    carries the validators. ``last_modified`` is a timestamp; None when ``build`` returns
    None (nothing to serve)."""
    if etag is None and last_modified is None:
        return build()  # nothing to compare a copy with
    if last_modified is not None:
        # HTTP dates have whole seconds: a fraction would make every copy look older.
        last_modified = int(last_modified)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = build()
        if response is None:
            return None
    if etag is not None:
        response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    return response


def revalidated(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """``response`` (made already, e.g. read from a cache), or a 304 with its headers when
    the reader's copy is current by the validators ``response`` carries."""
    last_modified = parse_http_date_safe(response.get("Last-Modified") or "")
    not_modified = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    return not_modified or response
