"""The page cache (visits/pagecache.py), on the real Redis server production uses.

What a reader would notice if it were wrong: a page or feed that still shows a title
after an editor changed it, a release missing after its embargo minute, a draft or an
editor's preview handed to the public, a language's page in another language, or an
error page when the cache server is down. And what it is for: the second reader of a
page costs no query, and a reader whose copy is current gets a 304.
"""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import PressRelease
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_embargo import (
    AT,
    BEFORE,
    JA_TIME,
    JA_TITLE,
    build_embargo,
    build_translation_embargo,
    doors,
    frozen,
)
from tests.test_pages import (
    LANGUAGES,
    QUERY_BUDGET,
    build_scenario,
    fetch,
    rev,
    scenario_urls,
    seoul,
    url_of,
)
from visits import pagecache
from visits.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(redis_cache, settings):
    """The page cache on Redis. Every request asks Redis for the generation (no second of
    grace, as if every request came to another server), unless a test says otherwise."""
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
    pagecache.local_pages.clear()
    yield redis_cache
    pagecache.local_pages.clear()


def saved(django_capture_on_commit_callbacks, change):
    """Run ``change`` and what its commit sets off (reindexing, retiring pages), as a
    real request's transaction would."""
    with django_capture_on_commit_callbacks(execute=True):
        change()


@pytest.fixture
def release():
    return PressReleaseFactory(
        title_en="Seoul opens a river bus line", title_ko="서울, 한강 수상버스 개통"
    )


# --- what it saves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["press:home", "press:release_list", "press:coverage_list", "press:feeds", "visits:visit_list"],
)
def test_second_anonymous_reader_costs_no_query(
    client, page_cache, release, name, django_assert_num_queries
):
    first = client.get(rev(name))
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(rev(name))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_detail_pages_feeds_and_sitemaps_are_cached_too(
    client, page_cache, release, django_assert_num_queries
):
    trip = VisitFactory(legs=1)
    urls = [
        url_of(release),
        url_of(trip),
        rev("press:release_feed_rss"),
        rev("press:release_feed_atom", "ja"),
        "/sitemap.xml",
        "/sitemap-releases.xml",
        "/robots.txt",
        rev("visits:search") + "?q=river",
    ]
    first = {url: client.get(url) for url in urls}
    assert {url: response.status_code for url, response in first.items()} == dict.fromkeys(
        urls, 200
    )
    with django_assert_num_queries(0):
        for url in urls:
            assert client.get(url).content == first[url].content, url


def test_each_language_and_query_string_is_its_own_page(client, page_cache, release):
    english = fetch(client, url_of(release, "en")).html
    korean = fetch(client, url_of(release, "ko")).html
    assert "Seoul opens a river bus line" in english
    assert "서울, 한강 수상버스 개통" in korean
    assert 'lang="ko"' in korean
    PressReleaseFactory.create_batch(20)
    page_two = rev("press:release_list") + "?page=2"
    assert client.get(rev("press:release_list")).content != client.get(page_two).content


def test_current_copy_gets_304_without_a_query(
    client, page_cache, release, django_assert_num_queries
):
    url = url_of(release)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_unchanged_feed_answers_304_from_the_cache(
    client, page_cache, release, django_assert_num_queries
):
    url = rev("press:release_feed_atom")
    first = client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304
    assert response["Last-Modified"] == first["Last-Modified"]


def test_pages_answer_304_with_the_cache_off_too(client, release, settings):
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 0
    url = url_of(release)
    response = client.get(url)
    assert response["Cache-Control"] == "no-cache"
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"stale"'}).status_code == 200


# --- when a page changes ---------------------------------------------------------------------


def test_an_edit_shows_at_once_on_every_page_that_shows_it(
    client, page_cache, release, django_capture_on_commit_callbacks
):
    pages = [url_of(release), rev("press:release_list"), rev("press:home")]
    feed = rev("press:release_feed_rss")
    for url in [*pages, feed]:
        client.get(url)

    def retitle():
        release.title_en = "Seoul opens a second river bus line"
        release.save()

    saved(django_capture_on_commit_callbacks, retitle)
    for url in pages:
        assert "Seoul opens a second river bus line" in fetch(client, url).html, url
    assert b"Seoul opens a second river bus line" in client.get(feed).content


def test_publishing_and_withdrawing_show_at_once(
    client, page_cache, django_capture_on_commit_callbacks
):
    draft = PressReleaseFactory(draft=True, title_en="Night markets return")
    list_url = rev("press:release_list")
    assert "Night markets return" not in fetch(client, list_url).html
    assert client.get(url_of(draft)).status_code == 404

    def publish():
        draft.status = Status.PUBLISHED
        draft.published_at = None
        draft.full_clean()
        draft.save()

    saved(django_capture_on_commit_callbacks, publish)
    assert "Night markets return" in fetch(client, list_url).html
    assert client.get(url_of(draft)).status_code == 200

    def withdraw():
        draft.status = Status.WITHDRAWN
        draft.withdrawal_reason_en = "Issued in error."
        draft.save()

    saved(django_capture_on_commit_callbacks, withdraw)
    assert "Night markets return" not in fetch(client, list_url).html
    assert "Issued in error." in fetch(client, url_of(draft)).html


def bump_from_another_process():
    """What another app server does when an edit commits there: `invalidate`, with the
    same Redis and key prefix, in a process of its own."""
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    script = (
        "import django; from django.conf import settings; "
        "settings.CACHES = {'default': {'BACKEND': "
        "'config.redis_cache.NewsroomRedisCache', "
        f"'LOCATION': {os.environ['REDIS_URL']!r}, 'KEY_PREFIX': {prefix!r}}}}}; "
        "django.setup(); from visits import pagecache; pagecache.invalidate()"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )


def test_an_edit_on_another_app_server_retires_this_servers_pages(
    client, page_cache, release, django_assert_num_queries
):
    """Another process (another app server) commits a change: its `invalidate` reaches
    this one's pages through Redis, with nothing else shared."""
    url = url_of(release)
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    bump_from_another_process()
    with CaptureQueriesContext(connection) as built_again:
        assert client.get(url).status_code == 200
    assert len(built_again) > 0


# --- time alone: embargoes with the cache warm -----------------------------------------------


def test_scheduled_release_appears_at_its_minute_through_warm_pages(client, page_cache):
    """Every door is read (and cached) one minute before the embargo; at the minute, with
    nothing saved, every door shows the release."""
    world = build_embargo()
    with frozen(BEFORE):
        before = doors(client, world)
        assert [door for door, shown in before.items() if shown] == []
        assert doors(client, world) == before  # the same, from the cache
    with frozen(AT):
        seen = doors(client, world)
    assert [door for door, shown in seen.items() if not shown] == []


def test_translation_with_its_own_time_appears_then_on_a_warm_page(client, page_cache):
    world = build_translation_embargo()
    url = url_of(world.release, "ja")
    with frozen(JA_TIME - timedelta(minutes=1)):
        assert JA_TITLE not in fetch(client, url).html
        assert JA_TITLE not in fetch(client, url).html
    with frozen(JA_TIME):
        assert JA_TITLE in fetch(client, url).html


def test_the_home_page_turns_over_at_midnight(client, page_cache):
    """A trip starting tomorrow joins "Trips under way" at midnight, with no save."""
    VisitFactory(
        legs=1,
        title_en="Mayor's trip to Tokyo",
        published_at=seoul(2024, 7, 1, 9, 0),
        start_date=seoul(2024, 7, 26, 0, 0).date(),
    )
    home = rev("press:home")
    with frozen(seoul(2024, 7, 25, 23, 59)):
        assert "trip to Tokyo" not in under_way(fetch(client, home).html)
        assert "trip to Tokyo" not in under_way(fetch(client, home).html)
    with frozen(seoul(2024, 7, 26, 0, 0)):
        assert "trip to Tokyo" in under_way(fetch(client, home).html)


def under_way(html: str) -> str:
    """The home page's "Trips under way" section ("" when there is none)."""
    start = html.find('id="current-trips"')
    return html[start : html.find("</section>", start)] if start != -1 else ""


# --- never for editors, never what is private ----------------------------------------------


def test_editors_neither_read_nor_fill_the_cache(
    admin_client, client, page_cache, release, django_capture_on_commit_callbacks
):
    url = url_of(release)
    client.get(url)
    PressRelease.objects.filter(pk=release.pk).update(title_en="Changed behind the cache")
    assert "Changed behind the cache" in fetch(admin_client, url).html
    assert "Changed behind the cache" not in fetch(client, url).html


def test_a_preview_is_never_stored(admin_client, client, page_cache):
    draft = PressReleaseFactory(draft=True, title_en="Not yet public")
    url = url_of(draft)
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert client.get(url).status_code == 404


def test_a_missing_page_is_not_stored(client, page_cache):
    url = rev("press:release_detail", slug="no-such-release")
    assert client.get(url).status_code == 404
    PressReleaseFactory(slug="no-such-release")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cached_pages_keep_every_security_header(client, page_cache, release, lang):
    url = url_of(release, lang)
    first, second = client.get(url), client.get(url)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert second[header] == first[header], header
    assert second["Content-Language"] == first["Content-Language"] == lang


# --- the cache server down -------------------------------------------------------------------


def test_pages_are_served_when_the_cache_server_is_down(
    client, settings, release, caplog, django_capture_on_commit_callbacks
):
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
        }
    }
    assert "Seoul opens a river bus line" in fetch(client, url_of(release)).html

    def retitle():
        release.title_en = "Saved while the cache was down"
        release.save()

    saved(django_capture_on_commit_callbacks, retitle)
    assert PressRelease.objects.get(pk=release.pk).title_en == "Saved while the cache was down"
    assert "cannot be read" in caplog.text
    assert "Could not retire" in caplog.text


def test_a_new_generation_never_repeats_an_old_one(page_cache):
    pagecache.invalidate()
    first = page_cache.get(pagecache.GENERATION_KEY)
    pagecache.invalidate()
    assert page_cache.get(pagecache.GENERATION_KEY) == first + 1
    page_cache.delete(pagecache.GENERATION_KEY)  # evicted
    pagecache.invalidate()
    assert page_cache.get(pagecache.GENERATION_KEY) > first + 1


def test_building_a_page_for_the_cache_stays_within_the_query_budget(
    client, page_cache, django_assert_max_num_queries
):
    """A page built afresh for a new generation also reads that generation's horizon, in
    one query: the heaviest pages still stay within budget."""
    urls = scenario_urls(build_scenario(3, "three"))
    for name, url in urls.items():
        pagecache.invalidate()
        with django_assert_max_num_queries(QUERY_BUDGET, info=name):
            assert client.get(url).status_code == 200


# --- the process's own copies ------------------------------------------------------------


@pytest.fixture
def local_layer(page_cache, settings):
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 1.0
    return page_cache


def dead_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }


def test_a_page_this_process_has_costs_no_round_trip(client, local_layer, release, settings):
    url = url_of(release)
    first = client.get(url)
    dead_redis(settings)  # any question to Redis would now fail and build the page
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0
    assert second.content == first.content


def test_another_servers_edit_shows_here_within_the_recheck_interval(client, local_layer, release):
    url = url_of(release)
    now = timezone.now()
    with frozen(now):
        client.get(url)
        bump_from_another_process()
        with CaptureQueriesContext(connection) as within:
            client.get(url)
        assert len(within) == 0  # still this process's copy: the second has not passed
    with frozen(now + timedelta(seconds=2)):
        with CaptureQueriesContext(connection) as after:
            client.get(url)
        assert len(after) > 0


def test_an_edit_through_this_server_shows_here_at_once(
    client, local_layer, release, django_capture_on_commit_callbacks
):
    url = url_of(release)
    client.get(url)

    def retitle():
        release.title_en = "Retitled on this server"
        release.save()

    saved(django_capture_on_commit_callbacks, retitle)
    assert "Retitled on this server" in fetch(client, url).html


def test_the_process_keeps_at_most_its_byte_budget():
    pages = pagecache.LocalPages()
    for number in range(10):
        pages.put(f"page-{number}", (1, 0, [], b"x" * 100), limit=350)
    assert list(pages.pages) == ["page-7", "page-8", "page-9"]
    assert pages.size == 300
    pages.get("page-7")  # read lately: kept, the least recently read goes
    pages.put("page-10", (1, 0, [], b"x" * 100), limit=350)
    assert list(pages.pages) == ["page-9", "page-7", "page-10"]
    pages.put("huge", (1, 0, [], b"x" * 1000), limit=350)
    assert "huge" not in pages.pages
