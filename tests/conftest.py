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
    which follows commits, is updated at once instead, and so is the read model (a page's
    missing row is built when it is asked for; a change drops the rows it touches). Tests
    marked ``on_commit`` keep the real behaviour (and commit with
    ``django_capture_on_commit_callbacks``)."""
    from visits.readmodel import reading
    from visits.search import indexing

    indexing.IMMEDIATE = reading.IMMEDIATE = "on_commit" not in request.keywords
    yield
    indexing.IMMEDIATE = reading.IMMEDIATE = False


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


@pytest.fixture
def s3_storage(settings, monkeypatch):
    """Django's default storage on a new, empty bucket of the S3-compatible server the test
    command starts (``PRESSROOM_TEST_S3_ENDPOINT``), built by production's own code
    (`config.environment.s3_media`, as ``AWS_S3_ENDPOINT_URL`` would), with ``MEDIA_URL``
    on the bucket. Its name starts with ``PRESSROOM_TEST_S3_PREFIX`` (one per test pass);
    it is emptied and removed afterwards. Without a server the test is skipped, except in
    CI, where it fails."""
    import json
    import os
    import uuid

    from django.core.files.storage import default_storage

    from config.environment import s3_media
    from press import renditions

    endpoint = os.environ.get("PRESSROOM_TEST_S3_ENDPOINT", "")
    if not endpoint:
        message = (
            "PRESSROOM_TEST_S3_ENDPOINT is not set: scripts/test starts an S3 server "
            "(moto) for these tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Credentials come from boto3's own chain, as in production (the test server takes any);
    # nothing of the caller's AWS configuration (a profile, a region, a token) may leak in.
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "pressroom-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "pressroom-test")

    prefix = os.environ.get("PRESSROOM_TEST_S3_PREFIX", "pressroom-test")
    storage, media_url = s3_media(f"{prefix}-{uuid.uuid4().hex[:12]}", "", endpoint, "")
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    # Rendition URLs are remembered per process: an earlier test's storage gave other ones.
    renditions._urls.clear()
    bucket = default_storage.bucket
    bucket.create()
    # As the README's production section asks of the bucket: anyone may read its objects
    # (pages link them by plain URLs, and uploads carry no ACL).
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket.name}/*",
            }
        ],
    }
    bucket.Policy().put(Policy=json.dumps(public_read))
    yield default_storage
    bucket.objects.all().delete()
    bucket.delete()
    renditions._urls.clear()
