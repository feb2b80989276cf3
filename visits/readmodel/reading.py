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
import json
import logging
import threading
import time
import zlib
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language

from ..changes import pagecache
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
            found = from_model(request, kind, kind.values_of(kwargs))
        except Exception:  # the read model failing must not take the page down with it
            if IMMEDIATE:  # tests: a failure is a failure, not a quiet fallback
                raise
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


def from_model(request, kind: PageKind, values: dict) -> HttpResponse | None:
    """The page from the read model, or None when the view must serve it (and its rows
    are queued, `serve`). ``values``: the URL's, {keyword: value} (`PageKind.values_of`).
    In tests (`IMMEDIATE`), an open item's rows are built at once and read back."""
    found = read(request, kind, values)
    if found is not None or not IMMEDIATE:
        return found
    pk = kind.door(values).values_list("pk", flat=True).first()
    if pk is None:
        return None  # not open: the view answers (a 404, or an editor's preview)
    from .building import build

    build(kind.kind, [pk])
    return read(request, kind, values)


#: The columns a read takes from a row.
COLUMNS = ("page", "headers", "tags", "version", "valid_until")


def read(request, kind: PageKind, values: dict) -> HttpResponse | None:
    """The page from the item's row, or None (no row, or not valid any more)."""
    found = statement(kind, connection).run(values, get_language(), timezone.now())
    if found is None:
        return None
    page, headers, tag_text, version, valid_until = found
    shown = tagging.parse(tag_text)
    if valid_until is not None and valid_until <= timezone.now():
        sweep_soon()
        return None
    if stale(shown, version):
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


# --- the read statement ----------------------------------------------------------------

#: Stand-ins the statement is compiled with, replaced by each read's own values: the
#: present (the door takes it as ``now``), the URL's values (a number for a ``pk``, a text
#: otherwise, each told apart by its position) and the reader's language.
PRESENT = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
TEXT = "\x1eread-model-value\x1e"
NUMBER = -8_765_432_109
LANGUAGE = "\x1eread-model-language\x1e"


class Statement:
    """One kind's read, as SQL compiled once per process and database: the row of the
    item named by a value, in a language, whose item is through the door at the present
    (``kind.rows(now=...)``): the very queryset the ORM would run, built once instead of
    at every read (building it cost about as much as the rest of the page)."""

    def __init__(self, kind: PageKind, connection):
        self.connection = connection
        #: {URL keyword: its stand-in}
        self.values = {
            keyword: NUMBER - n if field == "pk" else f"{TEXT}{n}"
            for n, (keyword, field) in enumerate(kind.lookups.items())
        }
        door = kind.rows(now=PRESENT).filter(
            **{field: self.values[keyword] for keyword, field in kind.lookups.items()}
        )
        queryset = ReadRow.objects.filter(
            kind=kind.kind, language=LANGUAGE, object_id__in=door.values("pk")
        ).values_list(*COLUMNS)[:1]
        self.sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        present = connection.ops.adapt_datetimefield_value(PRESENT)
        stand_ins = {"now": present, **self.values, "language": LANGUAGE}
        self.params = list(params)
        self.slots = {
            index: name
            for index, param in enumerate(self.params)
            for name, stand_in in stand_ins.items()
            if type(param) is type(stand_in) and param == stand_in
        }
        missing = set(stand_ins) - set(self.slots.values())
        if missing:
            raise ImproperlyConfigured(f"The read of {kind.kind} does not take {missing}.")

    def run(self, values: dict, language: str, now: datetime):
        """(page, headers, tags, version, valid_until) of the row named by the URL's
        ``values``, or None."""
        ops = self.connection.ops
        given = {
            "now": ops.adapt_datetimefield_value(now),
            **{
                keyword: int(values[keyword]) if isinstance(stand_in, int) else str(values[keyword])
                for keyword, stand_in in self.values.items()
            },
            "language": language,
        }
        params = list(self.params)
        for index, name in self.slots.items():
            params[index] = given[name]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        page, headers, tags, version, valid_until = row
        if isinstance(headers, str):
            headers = json.loads(headers)
        if isinstance(valid_until, str):  # SQLite without its converters: text
            valid_until = parse_datetime(valid_until)
        if valid_until is not None and timezone.is_naive(valid_until):  # SQLite: naive
            valid_until = timezone.make_aware(valid_until, self.connection.timezone)
        return bytes(page), headers, tags, version, valid_until


_statements: dict[tuple, Statement] = {}


def statement(kind: PageKind, connection) -> Statement:
    key = (kind.kind, connection.alias, connection.vendor)
    found = _statements.get(key)
    if found is None:
        found = _statements[key] = Statement(kind, connection)
    return found


def stale(shown, version) -> bool:
    """Whether a row's tags changed after the version it was built under, as this process
    knows (`visits.changes.pagecache.stale`)."""
    return pagecache.stale(shown, version)


def due(keys) -> list:
    """Of ``keys`` (what to build: an item, or the sweep), those this process has not asked
    for in the last `REQUEUE_AFTER` seconds, now marked as asked for."""
    now = time.monotonic()
    with _queued_lock:
        found = [key for key in keys if now - _queued.get(key, -REQUEUE_AFTER) >= REQUEUE_AFTER]
        for key in found:
            _queued[key] = now
        if len(_queued) > 10_000:
            _queued.clear()
    return found


def sweep_soon() -> None:
    """A row's horizon has passed: ask for the sweep (once a minute at most from this
    process; in tests, at once)."""
    from .upkeep import sweep, sweep_rows

    if IMMEDIATE:
        sweep()
        return
    if not due(["sweep"]):
        return
    from ..tasks import enqueue_on_commit

    enqueue_on_commit(sweep_rows)


def queue(kind: PageKind, pk) -> None:
    """Ask for the item's rows to be built (once a minute at most from this process)."""
    if not due([(kind.kind, pk)]):
        return
    from ..tasks import enqueue_on_commit
    from .upkeep import build_rows

    logger.info("The read model has no current row for %s #%s: queued.", kind.kind, pk)
    enqueue_on_commit(build_rows, kind.kind, [pk])
