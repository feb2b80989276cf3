"""The page cache (visits/changes/pagecache.py), on the real Redis server production uses.

What a reader would notice if it were wrong: a page or feed that still shows a title
after an editor changed it, a release missing after its embargo minute, a draft or an
editor's preview handed to the public, a language's page in another language, or an
error page when the cache server is down. And what it is for: the second reader of a
page costs no query, and a reader whose copy is current gets a 304.
"""

import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import PressRelease
from tests import redis_server
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
from visits.changes import pagecache
from visits.models import ContentVersion, ReadRow
from visits.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(redis_cache, settings):
    """The page cache on Redis. Every request reads the generation from the database (no
    second of grace, as if every request came to another server), unless a test says
    otherwise."""
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
    pagecache.local_pages.clear()
    yield redis_cache
    pagecache.local_pages.clear()


def only_the_generation(queries) -> bool:
    """Whether a request asked the database for nothing but the generation: one row by its
    key, which a process reads at most once a second (the horizon's subqueries only after
    a change)."""
    sql = [query["sql"] for query in queries.captured_queries]
    return len(sql) <= 1 and all(
        "visits_contentversion" in query and query.count("SELECT") == 1 for query in sql
    )


@contextmanager
def no_page_query():
    """No query for the page itself: served from the cache."""
    with CaptureQueriesContext(connection) as queries:
        yield
    assert only_the_generation(queries), [query["sql"] for query in queries.captured_queries]


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
def test_second_anonymous_reader_costs_no_query(client, page_cache, release, name):
    first = client.get(rev(name))
    assert first.status_code == 200
    with no_page_query():
        second = client.get(rev(name))
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_detail_pages_feeds_and_sitemaps_are_cached_too(client, page_cache, release):
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
    for url in urls:
        with no_page_query():
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


def test_current_copy_gets_304_without_a_query(client, page_cache, release):
    url = url_of(release)
    etag = client.get(url)["ETag"]
    with no_page_query():
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_unchanged_feed_answers_304_from_the_cache(client, page_cache, release):
    url = rev("press:release_feed_atom")
    first = client.get(url)
    with no_page_query():
        response = client.get(url, headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304
    assert response["Last-Modified"] == first["Last-Modified"]


def test_the_json_feed_is_cached_304d_and_retired_like_the_others(
    client, page_cache, release, django_capture_on_commit_callbacks
):
    url = rev("press:release_feed_json", "ko")
    first = client.get(url)
    assert first["Content-Type"] == "application/feed+json; charset=utf-8"
    with no_page_query():
        cached = client.get(url)
    with no_page_query():
        current = client.get(url, headers={"if-none-match": first["ETag"]})
    assert cached.content == first.content
    assert cached["Content-Type"] == first["Content-Type"]
    assert current.status_code == 304

    def retitle():
        release.title_ko = "서울, 두 번째 한강 수상버스 개통"
        release.save()

    saved(django_capture_on_commit_callbacks, retitle)
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert "서울, 두 번째 한강 수상버스 개통" in changed.content.decode()


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


def commit_on_another_server():
    """What an edit committed on another app server leaves for this one: the content
    version moved on in the database (`visits.changes`), and nothing in this process."""
    ContentVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now())


def test_an_edit_on_another_app_server_retires_this_servers_pages(client, page_cache, release):
    """Another app server commits a change: it reaches this one's pages through the
    database, with nothing else shared."""
    url = url_of(release)
    client.get(url)
    with no_page_query():
        client.get(url)
    commit_on_another_server()
    with CaptureQueriesContext(connection) as built_again:
        assert client.get(url).status_code == 200
    assert not only_the_generation(built_again)


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
    assert "Saved while the cache was down" in fetch(client, url_of(release)).html
    assert "cannot be read" in caplog.text


def test_a_database_started_afresh_never_meets_the_old_pages(client, page_cache, release):
    """A database recreated (or restored) behind a Redis that kept its pages counts its
    versions from where it starts: the same number does not bring the old pages back, as
    the generation is the number with the moment it was reached."""
    url = url_of(release)
    ContentVersion.objects.filter(pk=1).update(number=7, changed_at=timezone.now())
    client.get(url)
    PressRelease.objects.filter(pk=release.pk).update(title_en="In the new database")
    ContentVersion.objects.filter(pk=1).update(
        number=7, changed_at=timezone.now() + timedelta(seconds=1)
    )
    ReadRow.objects.all().delete()  # the new database's read model is its own
    assert "In the new database" in fetch(client, url).html


def test_building_a_page_for_the_cache_stays_within_the_query_budget(
    client, page_cache, settings, django_assert_max_num_queries
):
    """A page built afresh in a process that has just started also reads what changed and
    the horizon, in one query: the heaviest pages still stay within budget (counted once
    the read model has their rows, as a reader finds them)."""
    urls = scenario_urls(build_scenario(3, "three"))
    for url in urls.values():
        client.get(url)
    for name, url in urls.items():
        pagecache.invalidate()
        fresh_cache_prefix(settings)
        with django_assert_max_num_queries(QUERY_BUDGET, info=name):
            response = client.get(url)
        assert (response.status_code, response["X-Page-Cache"]) == (200, "miss"), name


def fresh_cache_prefix(settings):
    """The page cache on the same Redis under a prefix of its own: no page stored yet."""
    default = settings.CACHES["default"]
    settings.CACHES = {"default": {**default, "KEY_PREFIX": f"{default['KEY_PREFIX']}-afresh"}}


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
    # The clock stands still: on a loaded machine a second could pass between the two
    # requests, and the process would rightly ask the database for changes again.
    with frozen(timezone.now()):
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
        commit_on_another_server()
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


# --- an outage between a save and the next reader ------------------------------------------


@pytest.fixture
def own_redis(tmp_path):
    yield from redis_server.own_redis(tmp_path)


@pytest.fixture
def outage_cache(own_redis, settings):
    """The page cache on a Redis server of this test's own, which it may stop or freeze."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"unreachable_pause": UNREACHABLE_PAUSE},
        }
    }
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
    pagecache.local_pages.clear()
    yield own_redis
    pagecache.local_pages.clear()


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_an_edit_saved_while_the_cache_server_is_down_stays_when_it_returns(
    client, outage_cache, release, outage, django_capture_on_commit_callbacks
):
    """Redis is stopped (or hangs) while an editor saves, and comes back with every page
    it held: the page from before the edit is still there, and must never be served."""
    url = url_of(release)
    assert "Seoul opens a river bus line" in fetch(client, url).html
    stored = outage_cache.client().keys("*pagecache:page:*")
    assert stored

    def retitle():
        release.title_en = "Retitled while the cache was down"
        release.save()

    outage_cache.stop() if outage == "stopped" else outage_cache.freeze()
    saved(django_capture_on_commit_callbacks, retitle)
    outage_cache.start() if outage == "stopped" else outage_cache.thaw()
    assert outage_cache.client().exists(*stored) == len(stored)  # the old page is back
    time.sleep(UNREACHABLE_PAUSE)

    assert "Retitled while the cache was down" in fetch(client, url).html
    # And the cache serves again: the next reader gets that page with no query of its own.
    with CaptureQueriesContext(connection) as queries:
        assert "Retitled while the cache was down" in fetch(client, url).html
    assert only_the_generation(queries)


#: Seconds the cache backend leaves a server alone after it failed, in the outage tests.
UNREACHABLE_PAUSE = 0.5
