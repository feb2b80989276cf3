import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Tests start in English, whatever the previous test activated."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _index_at_once(request):
    """Most tests run inside a transaction that never commits, so the search index,
    which follows commits, is updated at once instead. Tests marked ``on_commit``
    keep the real behaviour (and commit with ``django_capture_on_commit_callbacks``)."""
    from visits.search import indexing

    indexing.IMMEDIATE = "on_commit" not in request.keywords
    yield
    indexing.IMMEDIATE = False


#: The public host pages, feeds and sitemaps are asked from (not the client's "testserver").
PUBLIC_HOST = "press.example.org"


@pytest.fixture
def public_client(settings):
    """A client on the newsroom's public host, as a feed reader or a crawler is."""
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, PUBLIC_HOST]
    return Client(HTTP_HOST=PUBLIC_HOST)


def on_public_host(url: str) -> str:
    return f"http://{PUBLIC_HOST}{url}"


@pytest.fixture
def redis_cache(settings):
    """Django's cache on the real Redis server the test command starts (``REDIS_URL``), as
    in production, under a key prefix of this test's own. Without a server the test is
    skipped, except in CI, where it fails."""
    import os
    import uuid

    from django.core.cache import cache

    url = os.environ.get("REDIS_URL", "")
    if not url:
        message = "REDIS_URL is not set: scripts/test starts a Redis server for these tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield cache
