"""Whole public pages kept in the shared cache for anonymous readers, and conditional GET.

`public_page(view, tags=...)` wraps every public page, feed and sitemap (the URL
configurations apply it). A reader without a session gets a page another reader caused to
be built, in the same language, host and query string, with at most one cache round trip
and no query but, once a second per process, the content version's; any reader whose copy
is current gets a 304 (``If-None-Match``).

When a cached page stops being served:

- **A change to what it shows.** Each page is stored with the dependency tags it was
  built from (`visits.changes.tags`: what the view declared with `tags.depend`, or the
  URL configuration with ``tags=``; a page that declares nothing depends on everything,
  `tags.ANY`) and the content version it was built under. Every committed change moves the
  version on and records the tags it touched with the new number, in one transaction
  (`visits.changes.version`, table `ContentChange`). A page is served only while none of
  its tags, nor `tags.ANY` (a change no row names: a restore, raw SQL), was touched by a
  later version. So an edit to one release retires its own pages, its trip's, and the
  lists, feeds and sitemaps of releases, and the trip list, the coverage list and every
  other release's page stay. It all lives in the database, not the cache server, so a
  change retires its pages on every app server even when the cache server cannot be
  reached at that moment: the pages it held come back with it, under versions whose later
  changes every process reads. A page built while an edit commits may be stored under the
  version before it, which is as good.
- **Time alone.** Things also go public with no save at all: a scheduled item at its
  minute, a translation at its own time; and the home page's "trips under way" turns
  over at midnight. A page is therefore kept only until the next such moment (the
  *horizon*: `moments` gives each kind's next one, all in one query, which each process
  runs again only when the version moves or the horizon passes), and at most
  ``PRESSROOM_PAGE_CACHE_SECONDS``.
- **Not for editors.** A request that carries a session (an editor, a preview) or a
  pending message neither reads nor fills the cache. Responses that are private, set a
  cookie, use a CSP nonce or are not a 200 are never stored.

**What each process knows** (`Changes`): the version it last read, and for every version
since the oldest a cached page can have been built under, the time it was reached and the
tags it touched. It reads the content version again (one row, by its key) at most every
``PRESSROOM_PAGE_CACHE_RECHECK`` seconds (1), and when it moved, the rows of the versions
it has not seen, with the new horizon, in one statement; a process that committed a change
does so at once. A process that starts (or meets a database restored or recreated under
it) reads every row kept, which cover every page the cache may still hold: rows are kept
as long as a page built under their version may live (`version.keep_for`). A page built
under a version the process cannot vouch for (older than the rows, or from another
database: the version is the number with the time it was reached) is built again. A
version that moved with no row (an older release of this code, a test) counts as a change
to everything. `stale(tags, version)` answers the same question for the read model's rows.

**Two levels.** Each process keeps the pages it served lately (`LocalPages`, at most
``PRESSROOM_PAGE_CACHE_LOCAL_BYTES``) in front of the shared cache: a page this process has
is served with no query and no round trip at all within the recheck interval, and an edit
made through another worker or server reaches this one within that second (through this
one: at once). The horizon is checked on every request, so time alone is exact on every
server.

**Headers.** Every response the wrapper handles while the cache is on says where it came
from: ``X-Page-Cache: hit`` (stored) or ``miss`` (built now). A page that may be stored
names its tags for a CDN in front, as ``Surrogate-Key`` (space-separated, Fastly) and
``Cache-Tag`` (comma-separated, Cloudflare, Akamai), capped by `tags.for_header` (beyond
`tags.HEADER_LIMIT` characters each row's tag becomes its model's tag, then `tags.ANY`). A
purger in front would purge every tag a change touched plus `tags.ANY`, and everything
for a change that touched `tags.ANY`. A stored page keeps its ``Content-Security-Policy``,
made when it was built by the CSP middleware's own rules (`stamp_policy`): the middleware
(`CSPMiddleware`, in ``MIDDLEWARE``) does no work for a hit.

``PRESSROOM_PAGE_CACHE_SECONDS = 0`` turns storing off (the test settings do, since most
tests change content in transactions that never commit); conditional GET stays on. If
the cache server cannot be reached, pages are served uncached (or from this process) and
the error is logged; the cache backend (`config.redis_cache`) then stops asking it for a
few seconds, so that a dead server does not cost every request a timeout.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from ..conditional import content_etag, revalidated
from . import tags as tagging
from .known import Changes, absorb, read_changes
from .moments import moments, register_moments
from .version import content_version

__all__ = ["Changes", "moments", "public_page", "register_moments", "stale"]

logger = logging.getLogger(__name__)

#: Says whether a response came from the cache (``hit``) or was built now (``miss``).
CACHE_HEADER = "X-Page-Cache"
#: Response headers never stored: each response gets its own.
UNSTORED_HEADERS = {"set-cookie", "content-length", CACHE_HEADER.lower()}

# --- the process's own copies -------------------------------------------------------------


class LocalPages:
    """The pages this process served lately and what it knows of the changes (`Changes`,
    with the horizon) as it last read them: a bounded LRU in front of the shared cache (see
    the module). Thread-safe for threaded servers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.changes: Changes | None = None
        self.horizon = 0.0
        self.read_at = 0.0
        self.reread_all = False

    def known(self, recheck: float) -> tuple[Changes, float] | None:
        """(changes, horizon), if read less than ``recheck`` s ago and the horizon has not
        passed since."""
        now = time.time()
        with self.lock:
            if self.changes is not None and now - self.read_at < recheck and now < self.horizon:
                return self.changes, self.horizon
        return None

    def held(self) -> tuple[Changes | None, float, bool]:
        """(changes, horizon, whether the changes must be read again with the horizon) as
        last read, however long ago."""
        with self.lock:
            return self.changes, self.horizon, self.reread_all

    def saw(self, changes: Changes, horizon: float, *, whole: bool) -> None:
        """``changes`` read now (``whole``: with the rows and the horizon). An older reading
        finishing late in another thread does not replace a newer one."""
        with self.lock:
            held = self.changes
            if (
                held is None
                or changes.top >= held.top
                or changes.versions.get(held.top) != held.top_at
            ):
                self.changes, self.horizon = changes, horizon
            self.read_at = time.time()
            if whole:
                self.reread_all = False

    def changed_here(self) -> None:
        """This process committed a change: read it (and the horizon) at the next request."""
        with self.lock:
            self.read_at = 0.0
            self.reread_all = True

    def clear(self) -> None:
        """Forget the pages and the changes: as a process that has just started."""
        with self.lock:
            self.pages.clear()
            self.size = 0
            self.changes = None
            self.horizon = 0.0
            self.read_at = 0.0
            self.reread_all = False

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
#: What the page being built in this thread was looked up with (`public_page`).
_building = threading.local()


def knowledge() -> tuple[Changes, float]:
    """What this process knows of the changes now, and the horizon: while a page is built
    for the cache, what it was looked up with (one reading a page, and the page is stored
    under it); else as held when read less than ``PRESSROOM_PAGE_CACHE_RECHECK`` seconds
    ago and the horizon has not passed, else read again (`reread`)."""
    known = getattr(_building, "known", None) or local_pages.known(
        settings.PRESSROOM_PAGE_CACHE_RECHECK
    )
    return known if known is not None else reread()


def reread() -> tuple[Changes, float]:
    """The content version again, from the database: the version alone (one row by its
    key) when it has not moved, this process holds a horizon that has not passed and did
    not commit a change since; else the rows it has not seen and the horizon with it, in
    one more statement (tens of milliseconds at most, after each change)."""
    held, horizon, reread_all = local_pages.held()
    if held is not None and not reread_all and time.time() < horizon:
        row = content_version()
        if row is not None and (row[0], row[1]) == held.generation:
            local_pages.saw(held, horizon, whole=False)
            return held, horizon
    head, rows, horizon = read_changes(held.top if held is not None else None)
    changes = absorb(held, head, rows)
    local_pages.saw(changes, horizon, whole=True)
    return changes, horizon


def stale(tags: Iterable[str], version: int, *, before_known: bool = False) -> bool:
    """Whether any of ``tags`` (or `tags.ANY`) changed after content version ``version``,
    as this process knows it now (read again per the recheck rule, as for pages): no query
    within the recheck interval, and a set intersection of ``tags`` with the tags changed
    since (none when ``version`` is the current one).

    A process knows the changes of the versions kept (`version.keep_for`: the page cache's
    lifetime and a margin, back from the newest change). For an older ``version`` it
    answers ``before_known``: False by default, for the read model, whose rows are dropped
    by the commit that touches them (this check only covers a build racing a commit, which
    never lasts that long); a cached page built that long ago is never served (True)."""
    changes, _horizon = knowledge()
    return changes.touched(tags, version, before_known=before_known)


def after_change(changes, *, using) -> None:
    """The change pipeline's listener, right after the content version moved on: this
    process reads what changed (and the horizon) at its next request."""
    local_pages.changed_here()


def invalidate() -> None:
    """Forget this process's pages and what it knows of the changes, as a process that has
    just started: it reads them again at the next request. Nothing is asked of the cache
    server."""
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


def with_tags(response, shown: Iterable[str]) -> HttpResponse:
    """The page's tags for a CDN in front (see the module)."""
    named = tagging.for_header(shown)
    response["Surrogate-Key"] = " ".join(named)
    response["Cache-Tag"] = ",".join(named)
    return response


def public_page(view, *, tags: Iterable[str] | None = None):
    """Serve ``view`` from the shared page cache to anonymous readers (see the module).
    ``tags``: what the page shows, when the view does not say (`tags.depend`): a list or
    feed of every release, say, names the models it shows (`tags.of_models`)."""
    declared = tagging.checked(tags) if tags is not None else None

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PRESSROOM_PAGE_CACHE_SECONDS
        use_cache = seconds > 0 and reads_cache(request)
        key = known = None
        if use_cache:
            try:
                key = page_key(request)
                known, entry = lookup(key)
                if entry is not None:
                    return marked(revalidated(request, restore(entry)), "hit")
            except Exception:
                logger.exception("The page cache cannot be read: serving without it.")
                use_cache = False

        if declared:
            tagging.depend(request, declared)
        outer, _building.known = getattr(_building, "known", None), known
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            _building.known = outer
        if not storable(request, response):
            return marked(response, "miss" if seconds > 0 else None)
        response = with_validators(response)
        shown = frozenset(tagging.of_request(request))
        if reads_cache(request):
            with_tags(response, shown)
        if use_cache:
            try:
                stamp_policy(request, response)
                store(key, known, response, seconds, shown)
            except Exception:
                logger.exception("The page cache cannot be written: serving without it.")
        return marked(revalidated(request, response), "miss" if seconds > 0 else None)

    return wrapper


def marked(response, how: str | None):
    if how is not None:
        response[CACHE_HEADER] = how
    return response


def lookup(key: str) -> tuple[tuple[Changes, float], tuple | None]:
    """(what this process knows now, with the horizon; the page stored under ``key`` that
    is still current, or None): the page from this process when it has it, else from the
    shared cache."""
    known = knowledge()
    changes, _horizon = known
    entry = local_pages.get(key)
    if entry is not None and servable(entry, changes):
        return known, entry
    try:
        entry = cache.get(key)
    except Exception:
        # What changed came from the database: this process's own pages stay good.
        logger.exception("The page cache cannot be read: serving this process's pages.")
        return known, None
    if entry is None or not servable(entry, changes):
        return known, None
    local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)
    return known, entry


def servable(entry, changes: Changes) -> bool:
    if not isinstance(entry, tuple) or len(entry) != 5:
        return False  # stored by an older release of this code
    generation, expires, _headers, _content, shown = entry
    return expires > time.time() and changes.current(generation, shown)


def store(key: str, known: tuple[Changes, float], response, seconds: int, shown) -> None:
    changes, horizon = known
    expires = min(horizon, time.time() + seconds)
    ttl = int(expires - time.time())
    if ttl < 1:
        return
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    entry = (changes.generation, expires, headers, response.content, shown)
    local_pages.put(key, entry, settings.PRESSROOM_PAGE_CACHE_LOCAL_BYTES)
    cache.set(key, entry, timeout=ttl)


def restore(entry) -> HttpResponse:
    headers, content = entry[2], entry[3]
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    setattr(response, POLICY_STAMPED, True)
    return response


# --- the Content-Security-Policy of a stored page ----------------------------------------

#: This class's place in ``MIDDLEWARE``.
CSP_MIDDLEWARE = "visits.changes.pagecache.CSPMiddleware"
#: Set on a response that carries its policy already (made by `stamp_policy`).
POLICY_STAMPED = "_pressroom_policy_stamped"


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, leaving alone a response that carries the policy it would
    give already: a page built for the page cache gets its policy from this middleware's
    own rules before it is stored (`stamp_policy`), so that a hit carries the stored
    header and costs no policy work. Pages that use a nonce are never stored."""

    def process_response(self, request, response):
        if getattr(response, POLICY_STAMPED, False):
            return response
        return super().process_response(request, response)


_stamper = CSPMiddleware(lambda request: None)


def stamp_policy(request, response) -> None:
    """Give a page about to be stored the Content-Security-Policy the middleware would
    give it (django-csp's own ``process_response``), when the middleware is in use."""
    if CSP_MIDDLEWARE in settings.MIDDLEWARE:
        _stamper.process_response(request, response)
        setattr(response, POLICY_STAMPED, True)
