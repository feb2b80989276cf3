"""One version number that goes up whenever public content may have changed, and what
each move touched.

Feeds put the number into their validators, so a reader polling an unchanged feed gets a
304 while any edit, publication, withdrawal or deletion anywhere in the newsroom changes
every validator. Items that go live by time alone, with no save, are caught by the feeds'
own latest publication time.

The number lives in one database row (`ContentVersion`), so every app server, the shell
and every management command share it, and it is read in the same query as whatever the
caller needs beside it. It moves on once per committed transaction that changed content
(`moved_on`, a listener of the change pipeline), and in the same transaction a
`ContentChange` row records the dependency tags that transaction touched
(`visits.changes.tags`): a crash never moves the number without its tags or the other way
round. The page cache (`visits.changes.pagecache`) and the read model retire what
those tags name, and nothing else, on every server, with nothing asked of the cache
server, which may be down at that moment.

What the tags are: the ones the change pipeline's watcher gathered (`tags.of_change`, each
row's own tag, the ``/members`` tags of the rows its keys point to, its model's tag),
plus `tags.ANY` (everything) for a change no watcher saw: `content_changed()`, raw saves
(a restore, ``loaddata``), or more than `MAX_TAGS` tags in one transaction (a bulk import
retires everything rather than writing a row of megabytes). Rows are kept while a cached
page could still have been built under their version (`keep_from`) and pruned as new ones
come.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import tags as tagging
from .commits import LINKED

ROW = 1
#: More tags than this in one transaction are recorded as `tags.ANY`.
MAX_TAGS = 2000
#: Rows are kept this long beyond the page cache's lifetime: pages built under a version
#: a process had not yet seen move on (up to the recheck interval, plus the time a page
#: takes to build) stay judged by them.
KEEP_MARGIN = timedelta(minutes=2)

_heard = threading.local()


def content_version(**alongside):
    """(number, time of the last change, *values of ``alongside``) in one query, or None
    before the first change is recorded. ``alongside`` are expressions (a Subquery)."""
    from ..models import ContentVersion

    return (
        ContentVersion.objects.filter(pk=ROW)
        .annotate(**alongside)
        .values_list("number", "changed_at", *alongside)
        .first()
    )


def heard_tags(touched, *, using) -> None:
    """The change pipeline's listener of `tags.TOPIC`, registered just before `moved_on`:
    it hands the batch's tags to `moved_on`, which hears the batch's content changes next
    (listeners get one topic each, in the order registered, in this thread)."""
    _heard.__dict__.setdefault("tags", {}).setdefault(using, []).extend(touched)


def moved_on(changes, *, using) -> None:
    """The change pipeline's listener of content changes: one committed batch moves the
    number on once and records what it touched, in one transaction."""
    touched = _heard.__dict__.get("tags", {}).pop(using, [])
    record(batch_tags(changes, touched), using=using)


def batch_tags(changes, touched: Iterable[str]) -> list[str]:
    """The tags of one committed batch: those gathered, plus `tags.ANY` when a change is
    not covered by them (the watcher never saw it) or there are too many."""
    found = set(touched)
    for change in changes:
        if change.model is None:
            found.add(tagging.ANY)
            break
        if change.kind == LINKED:
            own = tagging.members_tag(change.model, change.pk)
        else:
            own = tagging.item_tag(change.model, change.pk)
        if own not in found:
            found.add(tagging.ANY)
            break
    if tagging.ANY in found or len(found) > MAX_TAGS:
        return [tagging.ANY]
    return sorted(found)


def record(touched: list[str], *, using=None) -> tuple[int, datetime]:
    """Move the number on and record ``touched`` under the new number, in one transaction;
    prune the rows no cached page can need any more. Returns (number, time)."""
    from ..models import ContentChange, ContentVersion

    now = timezone.now()
    with transaction.atomic(using=using):
        versions = ContentVersion.objects.using(using).filter(pk=ROW)
        if not versions.update(number=F("number") + 1, changed_at=now):
            try:
                with transaction.atomic(using=using):
                    ContentVersion.objects.using(using).create(pk=ROW, number=1, changed_at=now)
            except IntegrityError:  # made meanwhile by another process
                versions.update(number=F("number") + 1, changed_at=now)
        number = versions.values_list("number", flat=True).get()
        changes = ContentChange.objects.using(using)
        # A database restored from a backup may hold rows of numbers it has not reached.
        changes.filter(version__gte=number).delete()
        changes.create(version=number, changed_at=now, tags=tagging.join(touched))
        newest_old = (
            changes.filter(changed_at__lt=now - keep_for())
            .order_by("-version")
            .values_list("version", flat=True)[:1]
        )
        changes.filter(version__lt=newest_old).delete()
    return number, now


def keep_for() -> timedelta:
    """How long a row is kept once the next one exists: as long as a page built under its
    version may be served (`visits.changes.pagecache`)."""
    return timedelta(seconds=settings.PRESSROOM_PAGE_CACHE_SECONDS) + KEEP_MARGIN
