"""The cache on a real Redis server, as production has it (``redis_cache``: REDIS_URL, which
scripts/test sets; skipped without it, failed in CI).

Several app servers share the sign-in rate limit only through Redis: failures counted by
one are seen by the others, expire with their window on the server, and the keys of one
site (its KEY_PREFIX) never meet another's.
"""

import time
import uuid

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache.backends.redis import RedisCache

from config.redis_cache import CacheUnreachable, NewsroomRedisCache
from tests import redis_server
from tests.test_login_throttle import sign_in
from tests.test_settings import PRODUCTION, import_prod
from visits.adminkit import site as admin_site

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def another_app_server() -> RedisCache:
    """The cache as a second app server has it: its own client and connection pool on the
    same Redis, with the same settings."""
    params = settings.CACHES["default"]
    return RedisCache(params["LOCATION"], {"KEY_PREFIX": params["KEY_PREFIX"]})


def raw_redis() -> redis.Redis:
    """Redis itself, below Django's cache: what is really stored there."""
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def test_failures_on_one_app_server_lock_the_account_on_another(
    client, editor, redis_cache, monkeypatch
):
    for _ in range(3):
        assert sign_in(client, "editor", "wrong").status_code == 200
    # The next two failures reach a second app server...
    with monkeypatch.context() as server_b:
        server_b.setattr(admin_site, "cache", another_app_server())
        for _ in range(2):
            assert sign_in(client, "editor", "wrong", "198.51.100.7").status_code == 200
        # ...which counted on the first one's three: the right password is refused there.
        assert sign_in(client, "editor", PASSWORD, "192.0.2.44").status_code == 429
    # And back on the first, the account is locked too, from any address.
    response = sign_in(client, "editor", PASSWORD, "192.0.2.45")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The count lives in Redis, with its window as the key's expiry, not in a process.
    key = redis_cache.make_key("login-failures:account:editor")
    assert int(raw_redis().get(key)) == 5
    assert 0 < raw_redis().ttl(key) <= 15 * 60


def test_a_sign_in_on_another_app_server_forgets_the_failures(
    client, editor, redis_cache, monkeypatch
):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    with monkeypatch.context() as server_b:
        server_b.setattr(admin_site, "cache", another_app_server())
        assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    # Four failures, not eight: the sign-in on the other server cleared the first four.
    assert redis_cache.get("login-failures:account:editor") == 4
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_the_lock_expires_with_its_window_on_the_server(client, editor, redis_cache, settings):
    settings.PRESSROOM_LOGIN_WINDOW = 2  # seconds: Redis expires keys by the second
    first_failure = time.monotonic()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    time.sleep(1)
    sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    # The window runs from the first failure: later ones do not extend it.
    key = redis_cache.make_key("login-failures:account:editor")
    assert 0 < raw_redis().pttl(key) <= 1000
    time.sleep(max(0.0, 2.2 - (time.monotonic() - first_failure)))
    assert raw_redis().exists(key) == 0
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_keys_of_different_prefixes_do_not_collide(redis_cache):
    location = settings.CACHES["default"]["LOCATION"]
    run = uuid.uuid4().hex
    staging = RedisCache(location, {"KEY_PREFIX": f"staging-{run}"})
    production = RedisCache(location, {"KEY_PREFIX": f"production-{run}"})
    key = "login-failures:account:editor"
    staging.set(key, 5, 60)
    assert production.get(key) is None
    assert production.add(key, 1, 60) is True
    production.incr(key)
    assert (staging.get(key), production.get(key)) == (5, 2)
    production.delete(key)
    assert (staging.get(key), production.get(key)) == (5, None)
    staging.delete(key)


def test_production_cache_settings_work_against_redis(redis_cache):
    """The OPTIONS production gives redis-py (timeouts, health checks, hiredis) on a real
    connection: a wrong one would pass every import and fail at the first request."""
    result = import_prod(
        PRODUCTION
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "REDIS_URL": settings.CACHES["default"]["LOCATION"],
            "PRESSROOM_CACHE_PREFIX": f"prod-{uuid.uuid4().hex}",
        },
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.set('greeting', 'hello', 30); cache.add('n', 1); cache.incr('n'); "
        "print(cache.get('greeting'), cache.get('n'), cache.make_key('n'))",
    )
    assert result.returncode == 0, result.stderr
    greeting, count, key = result.stdout.split()
    assert (greeting, count) == ("hello", "2")
    assert key.startswith("prod-") and int(raw_redis().get(key)) == 2


def test_a_second_process_sees_the_lock(client, editor, redis_cache):
    """An app server in another process, sharing nothing with this one but Redis, refuses
    the account this one locked (the rate limit's own check, on production's cache)."""
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    params = settings.CACHES["default"]
    code = (
        "import django; django.setup(); from django.test import RequestFactory; "
        "from visits.adminkit.site import is_throttled; "
        "request = RequestFactory().post('/', REMOTE_ADDR='192.0.2.80'); "
        "print(is_throttled(request, 'editor'), is_throttled(request, 'someone-else'))"
    )
    result = import_prod(
        PRODUCTION
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "REDIS_URL": params["LOCATION"],
            "PRESSROOM_CACHE_PREFIX": params["KEY_PREFIX"],
        },
        code,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


def test_the_cache_keeps_one_client_per_server(redis_cache):
    """Django builds a redis-py client per cache call; ours keeps it (config/redis_cache.py),
    with the same keys and values on the server as Django's own backend."""
    backend = redis_cache._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)
    redis_cache.set("shared", {"page": b"<html>"}, 30)
    params = settings.CACHES["default"]
    django_own = RedisCache(params["LOCATION"], {"KEY_PREFIX": params["KEY_PREFIX"]})
    assert django_own.get("shared") == {"page": b"<html>"}
    assert redis_cache.add("counter", 1)
    assert redis_cache.incr("counter") == 2
    assert django_own.get("counter") == 2


# --- a server that stops answering ------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path):
    yield from redis_server.own_redis(tmp_path)


def timed(call):
    """(what ``call`` raised, seconds it took)."""
    started = time.monotonic()
    try:
        call()
    except Exception as error:
        return error, time.monotonic() - started
    return None, time.monotonic() - started


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_a_dead_server_costs_one_short_wait_then_none_until_it_is_tried_again(own_redis, outage):
    cache = NewsroomRedisCache(own_redis.url, {"OPTIONS": {"unreachable_pause": 1}})
    cache.set("greeting", "hello", 60)
    own_redis.stop() if outage == "stopped" else own_redis.freeze()

    error, seconds = timed(lambda: cache.get("greeting"))
    assert isinstance(error, redis.RedisError) and seconds < 1.5  # the backend's timeout
    for call in (
        lambda: cache.get("greeting"),
        lambda: cache.get_many(["greeting", "n"]),
        lambda: cache.add("n", 1),
        lambda: cache.incr("n"),
        lambda: cache.delete("greeting"),
    ):
        error, seconds = timed(call)
        assert isinstance(error, CacheUnreachable) and seconds < 0.05

    own_redis.start() if outage == "stopped" else own_redis.thaw()
    time.sleep(1.1)
    assert cache.get("greeting") == "hello"  # asked again after the pause, and back
