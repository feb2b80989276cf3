"""Local development: the embedded SQLite database, debug on, loopback only."""

import os

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# The page cache needs a cache every process shares (Redis): with the per-process default,
# an edit made from the shell or a management command would not retire the server's
# pages. Set PRESSROOM_PAGE_CACHE_SECONDS (and a Redis cache) to try it locally.
PRESSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PRESSROOM_PAGE_CACHE_SECONDS", "0"))
