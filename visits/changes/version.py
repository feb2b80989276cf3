"""One version number that goes up whenever public content may have changed.

Feeds put it into their validators, so a reader polling an unchanged feed gets a 304
while any edit, publication, withdrawal or deletion anywhere in the newsroom changes every
validator. Items that go live by time alone, with no save, are caught by the feeds' own
latest publication time.

The number lives in one database row (`ContentVersion`), so every app server, the shell
and every management command share it, and it is read in the same query as whatever the
caller needs beside it. It is also the page cache's generation (`visits.changes.pagecache`):
moving it on retires every cached page, on every server, with nothing asked of the cache
server, which may be down at that moment. It moves on once per committed transaction that
changed content (`moved_on`, a listener of the change pipeline).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

ROW = 1


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


def moved_on(changes, *, using) -> None:
    """The change pipeline's first listener: one committed batch of content changes moves
    the number on once."""
    from ..models import ContentVersion

    now = timezone.now()
    versions = ContentVersion.objects.using(using).filter(pk=ROW)
    if versions.update(number=F("number") + 1, changed_at=now):
        return
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(pk=ROW, number=1, changed_at=now)
    except IntegrityError:  # made meanwhile by another process
        versions.update(number=F("number") + 1, changed_at=now)
