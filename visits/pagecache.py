"""Whole public pages kept in the shared cache for anonymous readers, and conditional GET.

`public_page(view)` wraps every public page, feed and sitemap (the URL configurations
apply it). A reader without a session gets a page another reader caused to be built, in
the same language, host and query string, with one cache round trip and no query; any
reader whose copy is current gets a 304 (``If-None-Match``).

When a cached page stops being served:

- **Any change.** Every save, deletion or many-to-many change of public content bumps
  the cache's *generation* once its transaction commits (`invalidate`, called by
  `visits.changes`). A page is stored with the generation it was built under and is
  only ever served under that generation. The generation lives in the shared cache, so
  an edit on one app server reaches every other one at once. A page built while an
  edit commits may be stored under the old generation, which nobody reads again.
- **Time alone.** Things also go public with no save at all: a scheduled item at its
  minute, a translation at its own time; and the home page's "trips under way" turns
  over at midnight. A page is therefore kept only until the next such moment (the
  *horizon*: `moments` gives each kind's next one, computed once per generation), and
  at most ``PRESSROOM_PAGE_CACHE_SECONDS``.
- **Not for editors.** A request that carries a session (an editor, a preview) or a
  pending message neither reads nor fills the cache. Responses that are private, set a
  cookie, use a CSP nonce or are not a 200 are never stored.

**Two levels.** Each process also keeps the pages it served lately (`LocalPages`, at
most ``PRESSROOM_PAGE_CACHE_LOCAL_BYTES``) and the generation as it last read it, which it
reads again from the shared cache at most every ``PRESSROOM_PAGE_CACHE_RECHECK`` seconds
(1): a page this process has is then served with no round trip at all, and an edit made
through another worker or server reaches this one within that second (through this one: at once).
The horizon is checked on every request, so time alone is exact on every server.

``PRESSROOM_PAGE_CACHE_SECONDS = 0`` turns storing off (the test settings do, since most
tests change content in transactions that never commit); conditional GET stays on. If
the cache server cannot be reached, pages are served uncached and the error is logged.
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
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe, quote_etag
from django.utils.translation import get_language

from .changes import content_version
from .publishing import APPROVED, Publishable

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
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


def next_moment(now: datetime) -> datetime:
    """The horizon: the first moment after ``now`` at which a page may change with no
    save. One query: each source's next moment is a subquery that reads one index entry."""
    querysets = {}
    for source in (scheduled_publications, *_moment_sources):
        querysets.update(source(now))
    row = content_version(**{name: Subquery(qs[:1]) for name, qs in querysets.items()})
    moments = row[2:] if row else [qs.first() for qs in querysets.values()]
    return min(moment for moment in [*moments, next_midnight(now)] if moment)


# --- the generation ------------------------------------------------------------------


class LocalPages:
    """The pages this process served lately and the generation it last read: a bounded
    LRU in front of the shared cache (see the module). Thread-safe for threaded servers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.generation = None
        self.generation_read_at = 0.0

    def known_generation(self, recheck: float):
        """The generation, if read from the shared cache less than ``recheck`` s ago."""
        if self.generation is not None and time.time() - self.generation_read_at < recheck:
            return self.generation
        return None

    def saw_generation(self, generation) -> None:
        with self.lock:
            if generation != self.generation:
                self.pages.clear()
                self.size = 0
            self.generation, self.generation_read_at = generation, time.time()

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


def invalidate() -> None:
    """Retire every cached page, on every app server (after a change has committed);
    this process reads the new generation on its next request."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet, or evicted: start one no page was built under
            _start_generation()
    except Exception:
        logger.exception("Could not retire the cached pages: they stay until their horizon.")
    finally:
        local_pages.clear()


def _start_generation() -> int:
    # Nanoseconds since the epoch: larger than any earlier generation, however many
    # increments that one had, so a page of an evicted generation never comes back.
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return cache.get(GENERATION_KEY)


def _horizon(generation: int) -> float:
    """The horizon of ``generation`` as a timestamp, computed once per generation."""
    key = f"pagecache:horizon:{generation}"
    now = time.time()
    horizon = cache.get(key)
    if horizon is None or horizon <= now:
        horizon = next_moment(timezone.now()).timestamp()
        cache.set(key, horizon, timeout=max(1, int(horizon - now)))
    return horizon


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
        response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)
    return response


def conditional(request, response):
    """A 304 instead of ``response`` when the reader's copy is current."""
    last_modified = parse_http_date_safe(response.get("Last-Modified") or "")
    not_modified = get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )
    return not_modified or response


def public_page(view):
    """Serve ``view`` from the shared page cache to anonymous readers (see the module)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PRESSROOM_PAGE_CACHE_SECONDS
        use_cache = seconds > 0 and reads_cache(request)
        key = generation = None
        if use_cache:
            try:
                key = page_key(request)
                generation, entry = lookup(key)
                if entry and entry[0] == generation and entry[1] > time.time():
                    return conditional(request, restore(entry))
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
                store(key, generation, response, seconds)
            except Exception:
                logger.exception("The page cache cannot be written: serving without it.")
        return conditional(request, response)

    return wrapper


def lookup(key: str) -> tuple[int, tuple | None]:
    """(the current generation, the page stored under ``key`` or None): from this
    process when it has both, else in one round trip to the shared cache."""
    generation = local_pages.known_generation(settings.PRESSROOM_PAGE_CACHE_RECHECK)
    if generation is not None:
        entry = local_pages.get(key)
        if entry is not None and entry[0] == generation:
            return generation, entry
        entry = cache.get(key)
    else:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or _start_generation()
        local_pages.saw_generation(generation)
        entry = found.get(key)
    if entry is not None and entry[0] == generation:
        local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)
    return generation, entry


def store(key: str, generation: int, response, seconds: int) -> None:
    expires = min(_horizon(generation), time.time() + seconds)
    ttl = int(expires - time.time())
    if ttl < 1:
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    entry = (generation, expires, headers, response.content)
    cache.set(key, entry, timeout=ttl)
    local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)


def restore(entry) -> HttpResponse:
    _generation, _expires, headers, content = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
