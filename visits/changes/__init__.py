"""One version number that goes up whenever public content may have changed.

Feeds put it into their validators, so a reader polling an
unchanged feed gets a 304 while any edit, publication, withdrawal or deletion anywhere
in the newsroom changes every validator. Items that go live by time alone, with no
save, are caught by the feeds' own latest publication time.

The number lives in one database row (`ContentVersion`), so every app server, the shell
and every management command share it, and it is read in the same query as whatever
the caller needs beside it. It is also the page cache's generation (`visits.changes.pagecache`):
moving it on retires every cached page, on every server, with nothing asked of the cache
server, which may be down at that moment.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

#: Apps whose rows the public sees (directly or through a page that shows them).
CONTENT_APPS = ("visits", "press")
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


def content_changed() -> None:
    """Mark public content as changed once the current transaction commits."""
    transaction.on_commit(_bump)


def _bump():
    from . import pagecache

    _count_change()
    pagecache.invalidate()


def _count_change():
    from ..models import ContentVersion

    now = timezone.now()
    versions = ContentVersion.objects.filter(pk=ROW)
    if versions.update(number=F("number") + 1, changed_at=now):
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=ROW, number=1, changed_at=now)
    except IntegrityError:  # made meanwhile by another process
        versions.update(number=F("number") + 1, changed_at=now)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and sender._meta.model_name != "contentversion":
        content_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and kwargs["instance"]._meta.app_label in CONTENT_APPS:
        content_changed()


def connect() -> None:
    """Listen to every save, delete and many-to-many change (called from AppConfig.ready)."""
    post_save.connect(_on_change, dispatch_uid="pressroom-content-saved")
    post_delete.connect(_on_change, dispatch_uid="pressroom-content-deleted")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pressroom-content-m2m")
