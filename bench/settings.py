"""Settings for the HTTP benchmarks (bench/load.py, bench/pages.py).

Production's middleware, templates (the cached loader, as with any DEBUG = False) and
cache, without what production needs from outside (HTTPS, secrets, a mail server), so
a page costs here what it costs behind the proxy. From the environment:

- ``DATABASE_URL``: the database under test (base settings read it);
- ``REDIS_URL``: the shared cache, as in production; without it a per-process locmem;
- ``PRESSROOM_PAGE_CACHE_SECONDS=0``: serve every page uncached (base settings read it);
- ``BENCH_SQLITE_OPTIONS``: JSON merged into SQLite's OPTIONS, to try a setting on
  concurrent writers before proposing it for base.py.
"""

import json
import os

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # As in production (prod.py): persistent connections, checked before reuse.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and os.environ.get(
    "BENCH_SQLITE_OPTIONS"
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        json.loads(os.environ["BENCH_SQLITE_OPTIONS"])
    )
