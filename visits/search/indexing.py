"""Keeping the index in step: after every commit that saved, published, withdrew or
deleted something searchable (as a listener of `visits.changes`), and in full with
``manage.py rebuild_search_index``."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import islice

from django.db import transaction

from .. import changes
from .documents import REGISTRY, Document, document_for_model
from .entries import SearchEntry
from .names import field_terms

#: Index at once instead of on commit. Only for test suites that run each test inside a
#: transaction that never commits; the on-commit path has tests of its own.
IMMEDIATE = False


def entries_for(document: Document, objs) -> list[SearchEntry]:
    context = document.context(objs)
    return [
        SearchEntry(
            kind=document.kind,
            object_id=obj.pk,
            language=entry.language,
            title_terms=field_terms(entry.title),
            body_terms=field_terms(entry.body),
            date=entry.date,
            trip_id=entry.trip_id,
            public_from=entry.public_from,
        )
        for obj in objs
        for entry in document.entries(obj, context)
    ]


def reindex(kind: str, ids) -> None:
    """Index the items ``ids`` of ``kind`` again (those gone are removed)."""
    document, ids = REGISTRY[kind], list(ids)
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        SearchEntry.objects.bulk_create(
            entries_for(document, list(document.rows().filter(pk__in=ids)))
        )


def rebuild(kinds=None, batch_size: int = 500, progress=None) -> int:
    """Index everything again, ``batch_size`` rows at a time; returns the entries made.

    Kinds are indexed least important first and each oldest first, so that the newest
    releases get the newest entries: a search for a word found nearly everywhere ranks
    the newest matching entries (see `Search.cap`)."""
    made = 0
    for kind in reversed([kind for kind in REGISTRY if kind in (kinds or REGISTRY)]):
        document = REGISTRY[kind]
        with transaction.atomic():
            SearchEntry.objects.filter(kind=kind).delete()
            rows = document.rows().order_by(*document.index_order).iterator(batch_size)
            while objs := list(islice(rows, batch_size)):
                made += len(SearchEntry.objects.bulk_create(entries_for(document, objs)))
                if progress:
                    progress(kind, objs[-1].pk, made)
    return made


# After each commit ----------------------------------------------------------------------
#
# The index follows the change pipeline (`visits.changes`): its watcher turns each change
# into the items whose entries it touches, at the change itself (a trip about to be deleted
# still names the people it reached), and its listener indexes them again once the
# transaction commits, each item once.

#: The change pipeline's topic for (kind, id) items to index again.
TOPIC = "search"


def _items(change, instance) -> list[tuple[str, object]]:
    """The watcher: (kind, id) of every item whose entries ``change`` touches."""
    if instance is None:  # a row known by its key (the far side of a many-to-many change)
        document = document_for_model(change.model)
        found = [(document.kind, change.pk)] if document else []
    else:
        found = [
            (kind, pk)
            for kind, watcher in _watchers(change.model)
            for pk in watcher(instance)
            if pk is not None
        ]
    if IMMEDIATE:
        _flush(found)
        return []
    return found


def _flush(items, *, using=None) -> None:
    """The listener: index the gathered items again, kind by kind."""
    by_kind = defaultdict(set)
    for kind, pk in items:
        by_kind[kind].add(pk)
    for kind, ids in by_kind.items():
        reindex(kind, ids)


@cache
def _watchers_by_label() -> dict[str, list]:
    """{model label: [(kind, watcher)]}, made once: every save in the project asks."""
    found = defaultdict(list)
    for document in REGISTRY.values():
        for label, watcher in document.watches().items():
            found[label].append((document.kind, watcher))
    return dict(found)


def _watchers(model):
    return _watchers_by_label().get(model._meta.label, ())


def index_if_empty(**kwargs) -> None:
    """After ``migrate``: a database that has content but no index yet (the first
    deployment of search) is indexed at once."""
    if SearchEntry.objects.exists():
        return
    if any(document.rows().exists() for document in REGISTRY.values()):
        rebuild()


def connect() -> None:
    """Watch and listen to the change pipeline (from ``VisitsConfig.ready``)."""
    changes.watch(TOPIC, _items)
    changes.listen(_flush, topic=TOPIC)
