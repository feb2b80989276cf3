"""Django's Redis cache backend, keeping its redis-py clients and giving up fast.

Django's `RedisCacheClient` builds a new ``redis.Redis`` for every cache call, and
redis-py fills a table of some 170 reply handlers each time it builds one: about a
fifth of what serving a page from the page cache costs (one or two cache calls per
request). The clients are safe to share between threads; each keeps the connection pool
Django made for it, which redis-py itself resets in a forked worker.

A Redis that is down or hangs costs a request at most one short timeout
(``TIMEOUTS``, unless ``OPTIONS`` give others), and not every request: once a call has
failed to reach the server, every call from this process (this thread, on a threaded
server) fails at once with `CacheUnreachable` for ``OPTIONS["unreachable_pause"]``
seconds (``PAUSE``), then the server is tried again. Callers already treat a cache error
as "no cache": the page cache serves pages without it, the sign-in limit refuses to
guess and says so.
"""

import functools
import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

#: Seconds to connect and to wait for a reply: Redis answers in well under a millisecond
#: on the same network, so these are only ever reached when it is gone or frozen.
TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
PAUSE = 5.0
#: What a server that cannot be reached raises (`BusyLoadingError`, a server still
#: reading its data after a restart, is a `ConnectionError`).
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class CacheUnreachable(redis.exceptions.ConnectionError):
    """The server failed a moment ago: not asked again until the pause is over."""


class ReusedClients(RedisCacheClient):
    def __init__(self, servers, *, unreachable_pause=PAUSE, **options):
        super().__init__(servers, **{**TIMEOUTS, **options})
        self._clients = {}
        self.pause = unreachable_pause
        self.paused_until = 0.0

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _paused_after_failure(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if time.monotonic() < self.paused_until:
            raise CacheUnreachable("Redis failed a moment ago; not asked again yet.")
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE:
            self.paused_until = time.monotonic() + self.pause
            logger.warning(
                "Redis cannot be reached: the cache is not asked again for %s s.", self.pause
            )
            raise

    return call


# Every call `RedisCache` makes (Django 5.2's `RedisCacheClient`).
for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ReusedClients, _name, _paused_after_failure(getattr(RedisCacheClient, _name)))


class NewsroomRedisCache(RedisCache):
    """`RedisCache` with `ReusedClients`: the same keys and values, the same options plus
    ``unreachable_pause``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
