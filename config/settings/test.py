"""The test suite: fast hashing, media kept in memory, nothing written outside the test."""

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Most tests change content in a transaction that never commits, so nothing would retire
# a cached page: the page cache tests turn it on themselves.
PRESSROOM_PAGE_CACHE_SECONDS = 0
# Tasks run at once, in the test's own process and transaction. The queue's own tests
# (tests/test_tasks.py) put the database backend back and run real workers.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Link checks (press/linkcheck/): nothing leaves this machine whatever a page asks for, and
# saving coverage queues no check (tests save coverage by the hundred); the link-check
# tests allow their own server on 127.0.0.1 and turn checks on save back on.
PRESSROOM_LINK_CHECK_OUTSIDE = False
PRESSROOM_LINK_CHECK_ON_SAVE = False
# Mail stays in Django's outbox (pytest-django); the provider's webhooks answer with this
# secret (tests/test_alerts_tracking.py), as production's do with ANYMAIL_WEBHOOK_SECRET.
ANYMAIL = {"WEBHOOK_SECRET": "webhook:test-secret"}
PRESSROOM_VIDEO_POSTER_FETCH = False  # tests/test_videos.py turns it on, on 127.0.0.1
