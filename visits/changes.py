"""One token that changes whenever public content may have changed.

Feeds (and later cached pages) put it into their validators, so a reader polling an
unchanged feed gets a 304 while any edit, publication, withdrawal or deletion anywhere
in the newsroom makes every validator change. Items that go live by time alone, with
no save, are caught by the feeds' own latest publication time.

The token lives in the default cache, which production shares between app servers. If
the cache loses it, a new one is made: readers then fetch each feed once more, which is
the safe direction.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_KEY = "pressroom:content-version"
#: Apps whose rows the public sees (directly or through a page that shows them).
CONTENT_APPS = ("visits", "press")


def content_version() -> int:
    """The current token: nanoseconds since the epoch at the last change."""
    version = cache.get(CACHE_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(CACHE_KEY, version, timeout=None)
        version = cache.get(CACHE_KEY, version)
    return version


def content_changed() -> None:
    """Mark public content as changed once the current transaction commits."""
    transaction.on_commit(_bump)


def _bump():
    cache.set(CACHE_KEY, time.time_ns(), timeout=None)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and kwargs["instance"]._meta.app_label in CONTENT_APPS:
        content_changed()


def connect() -> None:
    """Listen to every save, delete and many-to-many change (called from AppConfig.ready)."""
    post_save.connect(_on_change, dispatch_uid="pressroom-content-saved")
    post_delete.connect(_on_change, dispatch_uid="pressroom-content-deleted")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pressroom-content-m2m")
