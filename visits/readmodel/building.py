"""Building rows: each item's page rendered by its own view, once per language.

The view that serves the page when the read model misses it renders it here too, for an
anonymous reader on a placeholder origin (`ORIGIN`, put back to the reader's own at every
read), so a page read from the model is the page the view would give, byte for byte
(tests/test_read_model.py compares them). While it renders, every content row it loads is
noted (`Loaded`): those rows' tags, the item's own ``/members`` tag and that of each loaded
trip, leg and engagement are what the page shows, and what retires it
(`visits.changes.tags`).

A row is kept until the horizon (`horizon`): the first moment anything may go public, or
stop, with no save. When it passes, `visits.readmodel.upkeep.sweep` turns what time
changed into ordinary changes (only the rows that show those items go) and gives the other
rows the next horizon.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Iterable
from datetime import datetime

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Subquery
from django.db.models.signals import post_init
from django.http import HttpRequest, QueryDict
from django.template.loader import get_template
from django.urls import resolve, reverse
from django.utils import timezone, translation

from ..changes import content_version
from ..changes import tags as tagging
from ..changes.signals import is_content
from ..text import LANGUAGE_CODES
from .pages import PageKind, registry
from .rows import ReadRow, ReadTag

logger = logging.getLogger(__name__)

#: The origin rows are rendered on: every absolute link starts with it, and each read
#: puts the reader's scheme and host in its place.
ORIGIN = "http://read-model.invalid"
HOST = ORIGIN.removeprefix("http://")
#: Response headers a row keeps (the view's own; the middleware adds the rest per request).
UNKEPT_HEADERS = {"content-length", "set-cookie", "vary"}


class BuildRequest(HttpRequest):
    """An anonymous GET of ``path`` on `ORIGIN`, as the middleware would hand it on."""

    def __init__(self, path: str, language: str):
        super().__init__()
        self.method = "GET"
        self.path = self.path_info = path
        self.GET = QueryDict()
        self.META = {"SERVER_NAME": HOST, "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}
        self.COOKIES = {}
        self.user = AnonymousUser()
        self.LANGUAGE_CODE = language
        self.resolver_match = resolve(path)

    def get_host(self):
        return HOST

    def _get_scheme(self):
        return "http"


# --- what a page loads -----------------------------------------------------------------


class Loaded:
    """The content rows loaded in this thread while a page renders (a context manager).

    Listens to ``post_init`` of the content models only while some thread is building,
    so that other requests pay nothing."""

    _lock = threading.Lock()
    _builders = 0
    _local = threading.local()

    def __enter__(self):
        self.rows: set[tuple] = set()
        self._local.loaded = self.rows
        with Loaded._lock:
            if Loaded._builders == 0:
                for model in _content_models():
                    post_init.connect(_noted, sender=model, dispatch_uid="read-model-loaded")
            Loaded._builders += 1
        return self

    def __exit__(self, *exc_info):
        self._local.loaded = None
        with Loaded._lock:
            Loaded._builders -= 1
            if Loaded._builders == 0:
                for model in _content_models():
                    post_init.disconnect(sender=model, dispatch_uid="read-model-loaded")


def _content_models():
    return [model for model in apps.get_models() if is_content(model)]


def _noted(sender, instance, **kwargs):
    loaded = getattr(Loaded._local, "loaded", None)
    if loaded is not None and instance.pk is not None:
        loaded.add((sender._meta.concrete_model, instance.pk))


def page_tags(kind: PageKind, pk, loaded: Iterable[tuple]) -> set[str]:
    """What a page shows: the item, its members, every row it loaded, and the members of
    the loaded containers whose lists it shows (`PageKind.members_of`)."""
    model = kind.model
    found = {tagging.item_tag(model, pk), tagging.members_tag(model, pk)}
    for loaded_model, loaded_pk in loaded:
        found.add(tagging.item_tag(loaded_model, loaded_pk))
        if loaded_model._meta.label_lower in kind.members_of:
            found.add(tagging.members_tag(loaded_model, loaded_pk))
    return found


# --- rendering -------------------------------------------------------------------------


def render(kind: PageKind, values: dict, language: str):
    """(page bytes, headers, loaded rows) of the item named by the URL's ``values``
    ({keyword: value}) in ``language``, or None when its view does not give a page a row
    can keep (a 404, a redirect, a nonce)."""
    with translation.override(language), Loaded() as loaded:
        path = reverse(kind.url_name, kwargs=values)
        request = BuildRequest(path, language)
        try:
            response = kind.view(request, **values)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        except Exception:  # a 404 raised, or a page that fails: served by the view itself
            logger.info("The read model has no page for %s %r (%s).", kind.kind, values, language)
            return None
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or getattr(request, "_csp_nonce", None) is not None
    ):
        return None
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() not in UNKEPT_HEADERS
    }
    return zlib.compress(response.content, 6), headers, loaded.rows


def cards(kind: PageKind, ids: list, language: str) -> dict:
    """{pk: the item's card in ``language``} (`PageKind.card`)."""
    if kind.card is None:
        return {}
    template_name, name, card_rows = kind.card
    template = get_template(template_name)
    with translation.override(language):
        return {item.pk: template.render({name: item}) for item in card_rows().filter(pk__in=ids)}


def horizon(now: datetime | None = None) -> datetime | None:
    """The first moment after ``now`` at which an item goes public, out in a language or
    withdrawn with no save (every source of `visits.changes.pagecache.moments`; not
    midnight, which no item page shows), or None when nothing is scheduled."""
    from ..changes.moments import moments

    now = now or timezone.now()
    querysets = moments(now)
    row = content_version(**{name: Subquery(qs[:1]) for name, qs in querysets.items()})
    found = row[2:] if row else [qs.first() for qs in querysets.values()]
    return min((moment for moment in found if moment), default=None)


def build(kind_name: str, ids: Iterable) -> int:
    """Build again every language's row of the items ``ids`` of a kind; items no longer
    open lose theirs. Returns the rows written."""
    kind = registry()[kind_name]
    ids = list(dict.fromkeys(ids))
    version_row = content_version()
    version = version_row[0] if version_row else 0
    until = horizon()
    names = list(dict.fromkeys(["pk", *kind.lookups.values()]))  # one column for "pk"
    items = []
    for row in kind.rows().filter(pk__in=ids).values_list(*names):
        named = dict(zip(names, row, strict=True))
        # (pk, the URL's values)
        items.append((named["pk"], {kw: named[field] for kw, field in kind.lookups.items()}))
    rows, tag_rows = [], []
    # A card shows its item and what hangs on it (trip, topics, lead photo), which the
    # item's page shows too: the page's tags stand for both.
    keys = [pk for pk, _v in items]
    by_language = {code: cards(kind, keys, code) for code in LANGUAGE_CODES}
    facts = {code: kind.facts(keys, code) if kind.facts else {} for code in LANGUAGE_CODES}
    for pk, values in items:
        shown: set[str] = set()
        for language in LANGUAGE_CODES:
            made = render(kind, values, language)
            if made is None:
                continue
            page, headers, loaded = made
            item_tags = page_tags(kind, pk, loaded)
            shown |= item_tags
            rows.append(
                ReadRow(
                    kind=kind.kind,
                    object_id=pk,
                    language=language,
                    page=page,
                    card=by_language[language].get(pk, ""),
                    facts=facts[language].get(pk, {}),
                    headers=headers,
                    tags=tagging.join(item_tags),
                    version=version,
                    valid_until=until,
                )
            )
        tag_rows.extend(ReadTag(tag=tag, kind=kind.kind, object_id=pk) for tag in sorted(shown))
    with transaction.atomic():
        forget(kind.kind, ids)
        ReadRow.objects.bulk_create(rows, batch_size=200)
        ReadTag.objects.bulk_create(tag_rows, batch_size=1000)
    return len(rows)


def forget(kind_name: str, ids: Iterable) -> None:
    """Drop the rows and tags of the items ``ids`` of a kind."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        ReadRow.objects.filter(kind=kind_name, object_id__in=chunk).delete()
        ReadTag.objects.filter(kind=kind_name, object_id__in=chunk).delete()


def touched_by(tags: Iterable[str]) -> dict[str, set]:
    """{kind: item ids} whose rows show something ``tags`` name (every row for `ANY`)."""
    tags = sorted(set(tags))
    found: dict[str, set] = {}
    if tagging.ANY in tags:
        pairs = [ReadRow.objects.values_list("kind", "object_id").distinct()]
    else:  # in chunks: a bulk change may touch more tags than a statement may carry
        pairs = [
            ReadTag.objects.filter(tag__in=tags[start : start + 500])
            .values_list("kind", "object_id")
            .distinct()
            for start in range(0, len(tags), 500)
        ]
    for queryset in pairs:
        for kind_name, pk in queryset.iterator():
            found.setdefault(kind_name, set()).add(pk)
    return found
