"""Serving a page from the read model: one statement through the item's door.

`serve(kind)` wraps an item page's view. An anonymous GET with no query string reads the
item's row in the reader's language **through the door** (the row's item must be among
``kind.rows()``: ``published()``, or ``on_record()`` for a release; time is checked by the
database at every read), so a row never decides who sees what. The row is used while it
is valid: its horizon has not passed and no tag it shows has been touched since the
version it was built under (`visits.changes.pagecache.stale`). Otherwise, or with no row,
the view serves the page as it always did and the item's rows are queued to be built again
(in tests, built at once and read back: `IMMEDIATE`). Editors (a session), previews and
query strings always get the view.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import zlib

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from ..changes import tags as tagging
from .building import ORIGIN
from .pages import PageKind
from .rows import ReadRow

logger = logging.getLogger(__name__)

#: Build a missing row at once and serve it, instead of serving the view and queueing
#: the build. Only for test suites whose tests run in a transaction that never commits
#: (as `visits.search.indexing.IMMEDIATE`).
IMMEDIATE = False

#: A missing row is queued again at most this often (seconds) by one process.
REQUEUE_AFTER = 60.0

_queued: dict[tuple, float] = {}
_queued_lock = threading.Lock()


def readable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def serve(kind: PageKind):
    view = kind.view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not readable(request):
            return view(request, *args, **kwargs)
        try:
            found = from_model(request, kind, kwargs[kind.lookup])
        except Exception:  # the read model failing must not take the page down with it
            logger.exception("The read model cannot serve %s: serving the view.", request.path)
            found = None
        if found is not None:
            return found
        response = view(request, *args, **kwargs)
        # The view opened the item (its door let it through): its rows are due.
        item = getattr(response, "context_data", None) or {}
        if response.status_code == 200 and isinstance(item.get("object"), kind.model):
            queue(kind, item["object"].pk)
        return response

    return wrapper


def from_model(request, kind: PageKind, value) -> HttpResponse | None:
    """The page from the read model, or None when the view must serve it (and its rows
    are queued, `serve`). In tests (`IMMEDIATE`), an open item's rows are built at once
    and read back."""
    found = read(request, kind, value)
    if found is not None or not IMMEDIATE:
        return found
    pk = kind.door(value).values_list("pk", flat=True).first()
    if pk is None:
        return None  # not open: the view answers (a 404, or an editor's preview)
    from .building import build

    build(kind.kind, [pk])
    return read(request, kind, value)


def read(request, kind: PageKind, value) -> HttpResponse | None:
    """The page from the item's row, or None (no row, or not valid any more)."""
    found = list(
        ReadRow.objects.filter(
            kind=kind.kind,
            language=get_language(),
            object_id__in=kind.door(value).values("pk"),
        ).values_list("page", "headers", "tags", "version", "valid_until")[:1]
    )
    if not found:
        return None
    page, headers, tag_text, version, valid_until = found[0]
    shown = tagging.parse(tag_text)
    if valid_until is not None and valid_until <= timezone.now():
        return None
    if _stale(shown, version):
        return None
    content = zlib.decompress(page)
    origin = f"{request.scheme}://{request.get_host()}"
    if origin != ORIGIN:
        content = content.replace(ORIGIN.encode(), origin.encode())
    response = HttpResponse(content)
    for name, header in headers.items():
        response[name] = header
    tagging.depend(request, shown)
    return response


def _stale(shown, version) -> bool:
    from ..changes import pagecache

    check = getattr(pagecache, "stale", None)
    return bool(check and check(shown, version))


def queue(kind: PageKind, pk) -> None:
    """Ask for the item's rows to be built (once a minute at most from this process)."""
    key = (kind.kind, pk)
    now = time.monotonic()
    with _queued_lock:
        if now - _queued.get(key, -REQUEUE_AFTER) < REQUEUE_AFTER:
            return
        _queued[key] = now
        if len(_queued) > 10_000:
            _queued.clear()
    from ..tasks import enqueue_on_commit
    from .upkeep import build_rows

    logger.info("The read model has no current row for %s #%s: queued.", kind.kind, pk)
    enqueue_on_commit(build_rows, kind.kind, [pk])
