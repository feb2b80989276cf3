"""Keeping the read model in step with the content: after every commit, and in full.

The change pipeline hands `after_commit` the tags each committed transaction touched
(`visits.changes.tags`); the rows that show any of them are dropped at once (a reader
gets the view until the row is back) and built again on the task queue (`build_rows`).
``manage.py rebuild_read_model`` builds every row, in batches; ``migrate`` does so on a
database that has content and no read model yet (`build_if_empty`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from .. import changes
from ..changes import tags as tagging
from ..tasks import enqueue_on_commit, task
from . import reading
from .building import build, forget, horizon, touched_by
from .pages import registry
from .rows import ReadRow, ReadTag

logger = logging.getLogger(__name__)

#: Items per build task and per batch of the full rebuild.
BATCH = 50


@task()
def build_rows(kind: str, ids: list) -> int:
    """Build the rows of the items ``ids`` of ``kind`` again (those no longer open lose
    theirs); returns the rows written. Run twice, it writes the same rows."""
    return build(kind, ids)


def after_commit(touched, *, using=None) -> None:
    """The change pipeline's listener: drop the rows that show what a commit touched and
    queue them to be built again."""
    found = touched_by(touched)
    for kind, ids in found.items():
        ids = sorted(ids)
        with transaction.atomic(using=using):
            forget(kind, ids)
        for start in range(0, len(ids), BATCH):
            if reading.IMMEDIATE:
                build(kind, ids[start : start + BATCH])
            else:
                enqueue_on_commit(build_rows, kind, ids[start : start + BATCH])


def sweep(now=None) -> int:
    """The horizon has passed: what went public, out in a language or was withdrawn by
    time alone since the oldest row's horizon becomes an ordinary change (announced once
    this transaction commits, so the rows, cached pages and feeds that show it go, and
    only those), and the other rows are kept until the next horizon. Returns the items
    that changed. Run from the queue when a reader meets a row past its horizon; twice,
    it finds nothing the second time."""
    from ..changes.moments import moments

    now = now or timezone.now()
    since = ReadRow.objects.filter(valid_until__lte=now).aggregate(at=Min("valid_until"))["at"]
    if since is None:
        return 0
    touched = 0
    with transaction.atomic():
        # Moments after (since - 1 µs) and up to now: the row's horizon was itself one.
        for queryset in moments(since - timedelta(microseconds=1)).values():
            (field,) = queryset.query.values_select
            passed = queryset.filter(**{f"{field}__lte": now}).values("pk")
            for instance in queryset.model._default_manager.filter(pk__in=passed).iterator():
                changes.changed(instance)
                touched += 1
    # The rows that show those items were dropped when the transaction committed.
    ReadRow.objects.filter(valid_until__lte=now).update(valid_until=horizon(now))
    return touched


@task()
def sweep_rows() -> int:
    """`sweep`, on the queue."""
    return sweep()


def rebuild(
    kinds=None, batch_size: int = BATCH, progress=None, newest: int | None = None, ids=None
) -> int:
    """Build the rows of every kind (or of ``kinds``), newest items first (the pages
    readers and crawlers ask for most come back first), ``batch_size`` items at a time,
    reading the items' keys in batches too, so memory stays flat however large the
    archive. ``newest``: only that many items of each kind; ``ids``: only those items.
    ``progress(kind, done, made)`` after each batch. Returns the rows written. A full
    rebuild also drops the rows of items no longer open."""
    made = 0
    for name, kind in registry().items():
        if kinds and name not in kinds:
            continue
        items = kind.rows().order_by("-pk")
        if ids is not None:
            items = items.filter(pk__in=ids)
        done, last = 0, None
        while newest is None or done < newest:
            batch = items if last is None else items.filter(pk__lt=last)
            size = batch_size if newest is None else min(batch_size, newest - done)
            keys = list(batch.values_list("pk", flat=True)[:size])
            if not keys:
                break
            made += build(name, keys)
            done += len(keys)
            last = keys[-1]
            if progress:
                progress(name, done, made)
        if newest is None and ids is None:
            open_ids = kind.rows().values("pk")
            ReadRow.objects.filter(kind=name).exclude(object_id__in=open_ids).delete()
    return made


def build_if_empty(**kwargs) -> None:
    """After ``migrate``: a database with content and no read model has every item's
    build queued, in batches (a worker builds them; pages are served by their views
    meanwhile), so a deployment is not held up by an archive of 100,000 releases."""
    if ReadRow.objects.exists():
        return
    queued = queue_everything()
    if queued:
        logger.warning(
            "The read model is empty: %d items queued to be built "
            "(manage.py rebuild_read_model builds them at once).",
            queued,
        )


def queue_everything() -> int:
    """Queue the build of every open item's rows, in batches (after a restore, or by
    `build_if_empty`), once the transaction commits. Returns the items queued."""
    ReadRow.objects.all().delete()
    ReadTag.objects.all().delete()
    queued = 0
    for name, kind in registry().items():
        ids = kind.rows().order_by("-pk").values_list("pk", flat=True)  # newest first
        batch: list = []
        for pk in ids.iterator(chunk_size=2000):
            batch.append(pk)
            if len(batch) == BATCH:
                queued += _queue_build(name, batch)
                batch = []
        if batch:
            queued += _queue_build(name, batch)
    return queued


def _queue_build(kind: str, ids: list) -> int:
    if reading.IMMEDIATE:
        build(kind, ids)
    else:
        enqueue_on_commit(build_rows, kind, ids)
    return len(ids)


def at_change(change, instance) -> list:
    """The watcher, for test suites only (`reading.IMMEDIATE`): rows that show what a
    change touches are dropped at the change, since the transaction never commits."""
    if reading.IMMEDIATE:
        for kind, ids in touched_by(tagging.of_change(change, instance)).items():
            forget(kind, ids)
    return []


def connect() -> None:
    """Listen to the change pipeline (from ``VisitsConfig.ready``)."""
    changes.watch(tagging.TOPIC, at_change)
    changes.listen(after_commit, topic=tagging.TOPIC)
