"""Django's Redis cache backend, keeping its redis-py clients.

Django's `RedisCacheClient` builds a new ``redis.Redis`` for every cache call, and
redis-py fills a table of some 170 reply handlers each time it builds one: about a
fifth of what serving a page from the page cache costs (one or two cache calls per
request). The clients are safe to share between threads; each keeps the connection pool
Django made for it, which redis-py itself resets in a forked worker.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class NewsroomRedisCache(RedisCache):
    """`RedisCache` with `ReusedClients`: the same options, the same keys and values."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
