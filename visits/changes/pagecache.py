"""Whole public pages kept in the shared cache for anonymous readers, and conditional GET.

`public_page(view)` wraps every public page, feed and sitemap (the URL configurations
apply it). A reader without a session gets a page another reader caused to be built, in
the same language, host and query string, with at most one cache round trip and no query
but, once a second per process, the generation's; any reader whose copy is current gets a
304 (``If-None-Match``).

When a cached page stops being served:

- **Any change.** A transaction that saves, deletes or relinks public content moves the
  content version on once, when it commits (`visits.changes.version`: one row in the
  database). That version, with the time it moved, is the cache's *generation*: a page is
  stored with the generation it was built under and only ever served under it. It lives
  in the database, not the cache server, so a change retires every page on every app
  server even when the cache server cannot be reached at that moment: the pages it held
  come back with it under a generation nobody reads again. A page built while an edit
  commits may be stored under the old generation, which is as good.
- **Time alone.** Things also go public with no save at all: a scheduled item at its
  minute, a translation at its own time; and the home page's "trips under way" turns
  over at midnight. A page is therefore kept only until the next such moment (the
  *horizon*: `moments` gives each kind's next one, all in one query, which each process
  runs again only when the generation moves or the horizon passes), and at most
  ``PRESSROOM_PAGE_CACHE_SECONDS``.
- **Not for editors.** A request that carries a session (an editor, a preview) or a
  pending message neither reads nor fills the cache. Responses that are private, set a
  cookie, use a CSP nonce or are not a 200 are never stored.

**Two levels.** Each process keeps the pages it served lately (`LocalPages`, at most
``PRESSROOM_PAGE_CACHE_LOCAL_BYTES``) in front of the shared cache, and the generation and
horizon as it last read them. It checks the generation again (one row, by its key) at
most every ``PRESSROOM_PAGE_CACHE_RECHECK`` seconds (1): a page this process has is served
with no query and no round trip at all in between, and an edit made through another worker
or server reaches this one within that second (through this one: at once). The horizon is
checked on every request, so time alone is exact on every server.

``PRESSROOM_PAGE_CACHE_SECONDS = 0`` turns storing off (the test settings do, since most
tests change content in transactions that never commit); conditional GET stays on. If
the cache server cannot be reached, pages are served uncached (or from this process) and
the error is logged; the cache backend (`config.redis_cache`) then stops asking it for a
few seconds, so that a dead server does not cost every request a timeout.
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from ..conditional import content_etag, revalidated
from ..publishing import APPROVED, Publishable
from .version import content_version

logger = logging.getLogger(__name__)

#: Response headers never stored: each response gets its own from the middleware.
UNSTORED_HEADERS = {"set-cookie", "content-length"}

#: Functions ``now -> {name: queryset}``: each queryset gives, first, the next moment after
#: ``now`` at which something public changes by time alone. Apps add theirs with
#: `register_moments`; all are read in one query.
_moment_sources: list[Callable[[datetime], dict[str, QuerySet]]] = []


def register_moments(source: Callable[[datetime], dict[str, QuerySet]]) -> None:
    if source not in _moment_sources:
        _moment_sources.append(source)


def scheduled_publications(now: datetime) -> dict[str, QuerySet]:
    """The next publication time of an approved item, for every publishable model."""
    return {
        model._meta.label_lower.replace(".", "_"): model._default_manager.filter(
            status__in=APPROVED, published_at__gt=now
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    }


def next_midnight(now: datetime) -> datetime:
    """The next change of date where the newsroom is (what is "under way" changes)."""
    today = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))


def generation_and_horizon() -> tuple[tuple, float]:
    """The generation (the content version and the time it moved, so that a database
    started afresh never meets the pages of an old one) and the horizon as a timestamp:
    the first moment at which a page may change with no save. One query: each source's
    next moment is a subquery that reads one index entry."""
    now = timezone.now()
    querysets = {}
    for source in (scheduled_publications, *_moment_sources):
        querysets.update(source(now))
    row = content_version(**{name: Subquery(qs[:1]) for name, qs in querysets.items()})
    if row:
        generation, moments = (row[0], row[1]), row[2:]
    else:  # no change recorded yet
        generation, moments = (0, None), [qs.first() for qs in querysets.values()]
    horizon = min(moment for moment in [*moments, next_midnight(now)] if moment)
    return generation, horizon.timestamp()


# --- the generation ------------------------------------------------------------------


class LocalPages:
    """The pages this process served lately and the generation and horizon it last read:
    a bounded LRU in front of the shared cache (see the module). Thread-safe for threaded
    servers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.generation = None
        self.horizon = 0.0
        self.generation_read_at = 0.0

    def known_generation(self, recheck: float) -> tuple | None:
        """(generation, horizon), if read less than ``recheck`` s ago and the horizon has
        not passed since."""
        with self.lock:
            now = time.time()
            if (
                self.generation is not None
                and now - self.generation_read_at < recheck
                and now < self.horizon
            ):
                return self.generation, self.horizon
        return None

    def held_generation(self) -> tuple:
        """(generation, horizon) as last read, however long ago: (None, 0) if never."""
        with self.lock:
            return self.generation, self.horizon

    def saw_generation(self, generation, horizon: float) -> None:
        with self.lock:
            if generation != self.generation:
                self.pages.clear()
                self.size = 0
            self.generation, self.horizon = generation, horizon
            self.generation_read_at = time.time()

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0
            self.generation = None

    def get(self, key: str):
        with self.lock:
            entry = self.pages.get(key)
            if entry is not None:
                self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple, limit: int) -> None:
        size = len(entry[3])
        if size > limit:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old[3])
            self.pages[key] = entry
            self.size += size
            while self.size > limit:
                _key, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped[3])


local_pages = LocalPages()


def after_change(changes, *, using) -> None:
    """The change pipeline's listener, right after the content version moved on."""
    invalidate()


def invalidate() -> None:
    """Called once a change has committed (and moved the content version on): this
    process forgets its pages and the generation at once. Nothing is asked of the cache
    server: every other process, on every server, reads the new generation from the
    database within its recheck interval, and the pages under the old one are never served
    again, whether the cache server is up, down or lost them."""
    local_pages.clear()


# --- the view wrapper ----------------------------------------------------------------


def page_key(request) -> str:
    """One page: scheme, host (absolute links differ), language, path and query string."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{get_language()}|{address}".encode()).hexdigest()
    return f"pagecache:page:{digest}"


def reads_cache(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and getattr(request, "_csp_nonce", None) is None
    )


def with_validators(response) -> HttpResponse:
    """An ETag from the content, unless the view gave one (feeds do), and the advice to
    ask again before reusing a copy: the answer to that question is usually a 304."""
    if not response.has_header("ETag"):
        response["ETag"] = content_etag(response.content)
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)
    return response


def public_page(view):
    """Serve ``view`` from the shared page cache to anonymous readers (see the module)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PRESSROOM_PAGE_CACHE_SECONDS
        use_cache = seconds > 0 and reads_cache(request)
        key = generation = horizon = None
        if use_cache:
            try:
                key = page_key(request)
                generation, horizon, entry = lookup(key)
                if entry and entry[0] == generation and entry[1] > time.time():
                    return revalidated(request, restore(entry))
            except Exception:
                logger.exception("The page cache cannot be read: serving without it.")
                use_cache = False

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if not storable(request, response):
            return response
        response = with_validators(response)
        if use_cache:
            try:
                store(key, generation, horizon, response, seconds)
            except Exception:
                logger.exception("The page cache cannot be written: serving without it.")
        return revalidated(request, response)

    return wrapper


def lookup(key: str) -> tuple[tuple, float, tuple | None]:
    """(the current generation, its horizon, the page stored under ``key`` or None): the
    page from this process when it has it, else from the shared cache."""
    known = local_pages.known_generation(settings.PRESSROOM_PAGE_CACHE_RECHECK)
    if known is None:
        known = reread_generation()
    generation, horizon = known
    entry = local_pages.get(key)
    if entry is None or entry[0] != generation:
        try:
            entry = cache.get(key)
        except Exception:
            # The generation came from the database: this process's own pages stay good.
            logger.exception("The page cache cannot be read: serving this process's pages.")
            return generation, horizon, None
        if entry is not None and entry[0] == generation:
            local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)
    return generation, horizon, entry


def reread_generation() -> tuple[tuple, float]:
    """The generation and horizon, from the database: the version alone (one row by its
    key) when this process still holds a horizon that has not passed, as the horizon holds
    for as long as the version does not move; else both, in the one query that finds the
    horizon (tens of milliseconds at most, after each change)."""
    held, horizon = local_pages.held_generation()
    if held is not None and time.time() < horizon:
        row = content_version()
        version = (row[0], row[1]) if row else (0, None)
        if version == held:
            local_pages.saw_generation(held, horizon)
            return held, horizon
    generation, horizon = generation_and_horizon()
    local_pages.saw_generation(generation, horizon)
    return generation, horizon


def store(key: str, generation: tuple, horizon: float, response, seconds: int) -> None:
    expires = min(horizon, time.time() + seconds)
    ttl = int(expires - time.time())
    if ttl < 1:
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    entry = (generation, expires, headers, response.content)
    local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)
    cache.set(key, entry, timeout=ttl)


def restore(entry) -> HttpResponse:
    _generation, _expires, headers, content = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
