"""The API's answers and the page cache: an ETag and a 304 for a reader whose copy is
current, ``Cache-Control`` as the public pages, and a change (an edit, a release going
public at its minute, a translation at its own time) showing at once, with the cache off
and on (`visits.changes.pagecache`, which serves the API as it serves the pages)."""

from __future__ import annotations

import pytest

from tests.factories import PressReleaseFactory
from tests.test_api import API
from tests.test_embargo import (
    AT,
    BEFORE,
    JA_TIME,
    JA_TITLE,
    build_embargo,
    build_translation_embargo,
    frozen,
)
from tests.test_pages import class_data, rev
from visits.changes import pagecache

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/releases", "/releases/{slug}", "/topics", "/photos", "/trips", "/coverage"]


@pytest.fixture
def page_cache(settings):
    """The page cache on, in this process's memory (the shared cache a local one)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
    pagecache.local_pages.clear()
    yield
    pagecache.local_pages.clear()


def saved(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        change()


@pytest.fixture
def release():
    return PressReleaseFactory(title_en="River buses", title_ko="한강 수상버스")


def url(template, release):
    return f"{API}{template.format(slug=release.slug)}"


@pytest.mark.parametrize("template", ENDPOINTS)
def test_etag_and_304(client, release, template):
    first = client.get(url(template, release))
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url(template, release), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


def test_cache_control_as_the_public_pages(client, release):
    page = client.get(rev("press:release_list"))
    api = client.get(f"{API}/releases")
    assert api["Cache-Control"] == page["Cache-Control"] == "no-cache"


def test_languages_have_their_own_etags(client, release):
    english = client.get(f"{API}/releases/{release.slug}?lang=en")
    korean = client.get(f"{API}/releases/{release.slug}?lang=ko")
    assert english["ETag"] != korean["ETag"]
    stale = client.get(f"{API}/releases/{release.slug}?lang=ko", HTTP_IF_NONE_MATCH=english["ETag"])
    assert stale.status_code == 200


def test_an_edit_changes_the_etag(client, release):
    before = client.get(f"{API}/releases/{release.slug}")
    release.title_en = "River buses, every ten minutes"
    release.save()
    after = client.get(f"{API}/releases/{release.slug}", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["title"]["value"] == "River buses, every ten minutes"


def test_with_the_page_cache_a_second_reader_is_served_from_it(client, page_cache, release):
    first = client.get(f"{API}/releases")
    assert first["X-Page-Cache"] == "miss"
    second = client.get(f"{API}/releases")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{API}/releases", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_with_the_page_cache_an_edit_shows_at_once(
    client, page_cache, release, django_capture_on_commit_callbacks
):
    urls = [f"{API}/releases", f"{API}/releases/{release.slug}", f"{API}/releases?lang=ko"]
    before = {u: client.get(u) for u in urls}
    assert all(client.get(u)["X-Page-Cache"] == "hit" for u in urls)

    def retitle():
        release.title_en = "River buses, every ten minutes"
        release.title_ko = "한강 수상버스, 10분마다"
        release.save()

    saved(django_capture_on_commit_callbacks, retitle)
    for u in urls:
        response = client.get(u, HTTP_IF_NONE_MATCH=before[u]["ETag"])
        assert response.status_code == 200, u
        new_title = "10분마다" if "lang=ko" in u else "every ten minutes"
        assert new_title in response.content.decode(), u


# --- time alone: an embargo's minute, a translation's own time ------------------------------

embargo = class_data("embargo", build_embargo)
translation_embargo = class_data("translation_embargo", build_translation_embargo)


@pytest.mark.usefixtures("page_cache")
class TestEmbargo:
    def test_the_release_shows_at_its_minute_with_no_save(self, client, embargo):
        slug = embargo.release.slug
        with frozen(BEFORE):
            before = client.get(f"{API}/releases")
            assert slug not in before.content.decode()
            assert client.get(f"{API}/releases/{slug}").status_code == 404
            cached = client.get(f"{API}/releases", HTTP_IF_NONE_MATCH=before["ETag"])
            assert cached.status_code == 304
        with frozen(AT):
            after = client.get(f"{API}/releases", HTTP_IF_NONE_MATCH=before["ETag"])
            assert after.status_code == 200
            assert after.json()["items"][0]["slug"] == slug
            assert client.get(f"{API}/releases/{slug}").status_code == 200

    def test_a_translation_shows_at_its_own_time(self, client, translation_embargo):
        w = translation_embargo
        address = f"{API}/releases/{w.release.slug}?lang=ja"
        with frozen(AT):
            body = client.get(address).json()
            assert body["title"]["lang"] != "ja"
            assert JA_TITLE not in client.get(address).content.decode()
            assert "ja" not in body["languages"]
            out_in_ja = client.get(f"{API}/releases?language=ja").json()["items"]
            assert w.release.slug not in [item["slug"] for item in out_in_ja]
        with frozen(JA_TIME):
            body = client.get(address).json()
            assert body["title"] == {"value": JA_TITLE, "lang": "ja"}
            assert "ja" in body["languages"]
            out_in_ja = client.get(f"{API}/releases?language=ja").json()["items"]
            assert w.release.slug in [item["slug"] for item in out_in_ja]
