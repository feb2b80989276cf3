"""Keeping the index in step: after every commit that saved, published, withdrew or
deleted something searchable, and in full with ``manage.py rebuild_search_index``."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import islice

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from ..changes.commits import gather
from .analysis import index_terms
from .documents import REGISTRY, Document, document_for_model
from .entries import SearchEntry

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
            title_terms=index_terms(entry.title),
            body_terms=index_terms(entry.body),
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


# On commit ------------------------------------------------------------------------------


def _schedule(kind: str, ids) -> None:
    """Index ``ids`` of ``kind`` again once the transaction commits (each item once)."""
    ids = {pk for pk in ids if pk is not None}
    if IMMEDIATE:
        reindex(kind, ids)
    else:
        gather("search", ((kind, pk) for pk in ids), _flush)


def _flush(items) -> None:
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


def _on_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    for kind, watcher in _watchers(sender):
        _schedule(kind, watcher(instance))


def _on_m2m(sender, instance, action, model, pk_set, **kwargs):
    other = document_for_model(model)
    if action == "pre_clear" and other is not None:
        # The rows on the other side are about to be unlinked: note them while known.
        _schedule(other.kind, _linked_ids(sender, instance, model))
    if not action.startswith("post_"):
        return
    _on_change(type(instance), instance)
    if other is not None:
        _schedule(other.kind, pk_set or ())


def _linked_ids(through, instance, model):
    """Ids of ``model`` rows linked to ``instance`` through the m2m table ``through``."""
    to_instance = to_model = None
    for field in through._meta.get_fields():
        if field.many_to_one and field.related_model is model:
            to_model = field.attname
        elif field.many_to_one and isinstance(instance, field.related_model):
            to_instance = field.name
    if not (to_instance and to_model):
        return []
    return through.objects.filter(**{to_instance: instance}).values_list(to_model, flat=True)


def index_if_empty(**kwargs) -> None:
    """After ``migrate``: a database that has content but no index yet (the first
    deployment of search) is indexed at once."""
    if SearchEntry.objects.exists():
        return
    if any(document.rows().exists() for document in REGISTRY.values()):
        rebuild()


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="pressroom-search-saved")
    post_delete.connect(_on_change, dispatch_uid="pressroom-search-deleted")
    pre_delete.connect(_on_change, dispatch_uid="pressroom-search-deleting")
    m2m_changed.connect(_on_m2m, dispatch_uid="pressroom-search-m2m")
