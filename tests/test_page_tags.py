"""Edits retire only the cached pages that show what they touched (visits/changes/pagecache.py,
visits/changes/version.py, visits/changes/tags.py), on the real Redis server production uses.

What a reader would notice if it were wrong: after an edit, a page that still shows the
old text (on this server, on another one, or on one that has just started), or, the point
of it all, every page of the site built again after an edit to one release. A CDN in front
reads which page shows what from the headers.
"""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import PressRelease
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_embargo import frozen
from tests.test_pages import fetch, rev, url_of
from visits.changes import content_changed, pagecache, tags, version
from visits.models import ContentChange, ContentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(redis_cache, settings):
    """The page cache on Redis; every request reads the content version again, as if each
    came to another server (unless a test says otherwise)."""
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
    pagecache.local_pages.clear()
    yield redis_cache
    pagecache.local_pages.clear()


def saved(django_capture_on_commit_callbacks, change):
    """Run ``change`` and what its commit sets off, as a real request's transaction would."""
    with django_capture_on_commit_callbacks(execute=True):
        change()


class World:
    """Two releases on two trips, and the pages a reader meets them on."""

    def __init__(self):
        self.trip = VisitFactory(legs=1, title_en="Mayor's trip to Tokyo")
        self.other_trip = VisitFactory(legs=1, title_en="Mayor's trip to Hanoi")
        self.edited = PressReleaseFactory(visit=self.trip, title_en="Tokyo signs a water pact")
        self.other = PressReleaseFactory(visit=self.other_trip, title_en="Hanoi opens a metro line")
        self.urls = {
            "edited release": url_of(self.edited),
            "edited release, Korean address": url_of(self.edited, "ko"),
            "its trip": url_of(self.trip),
            "other release": url_of(self.other),
            "other trip": url_of(self.other_trip),
            "release list": rev("press:release_list"),
            "home": rev("press:home"),
            "release feed": rev("press:release_feed_rss"),
            "trip list": rev("visits:visit_list"),
            "coverage list": rev("press:coverage_list"),
        }
        #: Pages that show the edited release (or its trip's list of releases).
        self.showing = {
            "edited release",
            "edited release, Korean address",
            "its trip",
            "release list",
            "home",
            "release feed",
        }

    def retitle(self, title="Tokyo signs a water pact, amended"):
        def change():
            self.edited.title_en = title
            self.edited.save()

        return change


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """Made in a transaction of its own, committed before the test's edits."""
    made = []
    saved(django_capture_on_commit_callbacks, lambda: made.append(World()))
    return made[0]


def warm(client, urls) -> None:
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
    for name, url in urls.items():
        assert client.get(url)["X-Page-Cache"] == "hit", name


def served(client, urls) -> dict[str, str]:
    """{page: hit or miss} for one more request to each."""
    return {name: client.get(url)["X-Page-Cache"] for name, url in urls.items()}


def expected(world, retired) -> dict[str, str]:
    return {name: "miss" if name in retired else "hit" for name in world.urls}


# --- an edit to one release ------------------------------------------------------------


def test_an_edit_retires_the_pages_that_show_it_and_no_other(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    warm(client, world.urls)
    saved(django_capture_on_commit_callbacks, world.retitle())
    assert served(client, world.urls) == expected(world, world.showing)
    for name in ["edited release", "its trip", "release list", "home"]:
        assert "Tokyo signs a water pact, amended" in fetch(client, world.urls[name]).html, name
    assert b"Tokyo signs a water pact, amended" in client.get(world.urls["release feed"]).content
    assert "Hanoi opens a metro line" in fetch(client, world.urls["other release"]).html


def test_the_edit_is_recorded_with_the_version_it_moved_to(
    page_cache, world, django_capture_on_commit_callbacks
):
    saved(django_capture_on_commit_callbacks, world.retitle())
    number = ContentVersion.objects.get().number
    touched = tags.parse(ContentChange.objects.get(version=number).tags)
    assert tags.of_instance(world.edited) in touched
    assert tags.members_tag(type(world.trip), world.trip.pk) in touched
    assert tags.of_instance(world.other) not in touched


def test_a_process_that_missed_the_commit_retires_the_same_pages(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    """The edit committed elsewhere: this process heard nothing of it. Once as a process
    that kept its knowledge from before (it reads the changes it has not seen), once as
    a process that has just started (it reads every change kept)."""
    warm(client, world.urls)
    held = pagecache.local_pages.changes
    saved(django_capture_on_commit_callbacks, world.retitle())
    pagecache.local_pages.clear()
    pagecache.local_pages.saw(held, time_enough(), whole=True)  # as it was before the edit
    assert served(client, world.urls) == expected(world, world.showing)

    saved(django_capture_on_commit_callbacks, world.retitle("Tokyo signs a water pact, again"))
    pagecache.invalidate()  # a process that has just started
    assert served(client, world.urls) == expected(world, world.showing)
    assert "Tokyo signs a water pact, again" in fetch(client, world.urls["edited release"]).html


def time_enough() -> float:
    """A horizon an hour away."""
    return (timezone.now() + timedelta(hours=1)).timestamp()


def test_another_servers_edit_retires_its_pages_here_within_the_recheck_interval(
    client, page_cache, world, settings
):
    """Another server committed (its row of tags and the version, nothing else shared):
    within the second this process still serves what it has; after it, it retires what
    that edit touched, and only that."""
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 1.0
    now = timezone.now()
    with frozen(now):
        warm(client, world.urls)
        PressRelease.objects.filter(pk=world.edited.pk).update(title_en="Retitled elsewhere")
        version.record([tags.of_instance(world.edited), tags.model_tag(PressRelease)])
        with CaptureQueriesContext(connection) as within:
            assert served(client, world.urls) == expected(world, set())
        assert len(within) == 0
    with frozen(now + timedelta(seconds=2)):
        assert served(client, world.urls) == expected(world, world.showing)
        assert "Retitled elsewhere" in fetch(client, world.urls["release list"]).html


def test_a_version_moved_by_a_script_keeps_the_pages_through_the_next_edit(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    """A database filled by a script (bench/generate.py) moves the content version with no
    row of tags: the pages built after it are served until an edit retires what it
    touched, in a process that was running and in one that starts."""
    ContentVersion.objects.update(number=F("number") + 1, changed_at=timezone.now())
    pagecache.invalidate()
    warm(client, world.urls)
    saved(django_capture_on_commit_callbacks, world.retitle())
    assert served(client, world.urls) == expected(world, world.showing)


def test_a_change_no_row_names_retires_every_page(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    warm(client, world.urls)
    saved(django_capture_on_commit_callbacks, content_changed)
    assert served(client, world.urls) == expected(world, set(world.urls))


def test_a_page_that_says_nothing_of_what_it_shows_retires_on_every_edit(
    client, page_cache, world, django_capture_on_commit_callbacks
):
    """The search page declares no tags: it may show anything."""
    url = rev("visits:search") + "?q=metro"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    saved(django_capture_on_commit_callbacks, world.retitle())
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_pages_stored_under_versions_no_longer_kept_are_built_again_by_a_new_process(
    client, page_cache, world, django_capture_on_commit_callbacks, settings
):
    """Changes are kept as long as a page lives (and a margin): a process that starts after
    they were pruned does not trust a page built before them."""
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 3600  # pages that outlive the changes kept
    now = noon_tomorrow()  # an hour from midnight: pages kept till then
    with frozen(now):
        warm(client, world.urls)
    later = now + version.keep_for() + timedelta(minutes=1)
    with frozen(later):
        saved(django_capture_on_commit_callbacks, world.retitle())
    with frozen(later + version.keep_for() + timedelta(minutes=1)):
        saved(django_capture_on_commit_callbacks, world.retitle("Tokyo signs a water pact, 3"))
        kept = list(ContentChange.objects.values_list("version", flat=True))
        assert len(kept) == 2  # the last one and the one before it
        pagecache.invalidate()
        assert served(client, {"trip list": world.urls["trip list"]}) == {"trip list": "miss"}


def noon_tomorrow():
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time(12, 0)))


# --- the cache server down ---------------------------------------------------------------


def test_with_the_cache_server_down_this_process_keeps_the_pages_an_edit_left(
    client, page_cache, world, settings, django_capture_on_commit_callbacks
):
    settings.PRESSROOM_PAGE_CACHE_RECHECK = 1.0
    warm(client, world.urls)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
        }
    }
    saved(django_capture_on_commit_callbacks, world.retitle())
    assert served(client, world.urls) == expected(world, world.showing)
    assert "Tokyo signs a water pact, amended" in fetch(client, world.urls["edited release"]).html


# --- headers -----------------------------------------------------------------------------


def test_each_answer_says_whether_it_came_from_the_cache(client, page_cache, world):
    url = world.urls["release list"]
    first, second = client.get(url), client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    not_modified = client.get(url, headers={"if-none-match": second["ETag"]})
    assert (not_modified.status_code, not_modified["X-Page-Cache"]) == (304, "hit")
    search = rev("visits:search") + "?q=nothing-matches-this"
    assert client.get(search)["X-Page-Cache"] == "miss"


def test_no_cache_header_with_the_cache_off(client, world, settings):
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get(world.urls["release list"])


def test_pages_name_what_they_show_to_a_cdn(client, page_cache, world):
    release_list = client.get(world.urls["release list"])
    names = release_list["Surrogate-Key"].split(" ")
    assert release_list["Cache-Tag"].split(",") == names
    assert {"press.pressrelease", "press.topic", "visits.visit"} <= set(names)
    assert client.get(world.urls["release list"])["Surrogate-Key"] == " ".join(names)  # a hit
    trip_list = client.get(world.urls["trip list"])["Surrogate-Key"].split(" ")
    assert "press.pressrelease" not in trip_list
    release_page = client.get(world.urls["other release"])["Surrogate-Key"].split(" ")
    assert tags.of_instance(world.other) in release_page
    assert tags.of_instance(world.edited) not in release_page


def test_editors_get_no_tags_for_a_cdn(admin_client, page_cache, world):
    assert "Surrogate-Key" not in admin_client.get(world.urls["release list"])


def test_a_page_with_hundreds_of_tags_names_their_models_instead():
    shown = [f"press.pressrelease:{pk}" for pk in range(300)] + ["visits.visit:3/members"]
    assert tags.for_header(shown) == ["press.pressrelease", "visits.visit:3/members"]
    members = [f"visits.visit:{pk}/members" for pk in range(300)]
    assert tags.for_header(members) == [tags.ANY]
    assert tags.for_header(["visits.visit:3", tags.ANY]) == [tags.ANY]
    assert tags.for_header(["visits.visit:3", "press.topic"]) == ["press.topic", "visits.visit:3"]


def test_a_hit_carries_the_stored_policy_with_no_policy_work(
    client, page_cache, world, monkeypatch
):
    url = world.urls["release list"]
    built = client.get(url)
    assert "default-src 'self'" in built["Content-Security-Policy"]

    def no_policy_work(*args, **kwargs):
        raise AssertionError("a cached page's policy was built again")

    monkeypatch.setattr("csp.middleware.build_policy", no_policy_work)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Security-Policy"] == built["Content-Security-Policy"]


# --- the read model's question ---------------------------------------------------------------


def test_stale_says_whether_what_a_row_shows_changed_after_its_version(
    page_cache, world, django_capture_on_commit_callbacks
):
    before = ContentVersion.objects.get().number
    edited, other = tags.of_instance(world.edited), tags.of_instance(world.other)
    assert not pagecache.stale({edited, other}, before)
    saved(django_capture_on_commit_callbacks, world.retitle())
    after = ContentVersion.objects.get().number
    assert pagecache.stale({edited}, before)
    assert pagecache.stale([tags.model_tag(PressRelease)], before)
    assert pagecache.stale({tags.ANY}, before)  # depends on everything
    assert not pagecache.stale({other}, before)
    assert not pagecache.stale({edited}, after)
    saved(django_capture_on_commit_callbacks, content_changed)
    assert pagecache.stale({other}, after)  # a change to everything


def test_stale_answers_for_versions_older_than_the_changes_kept(page_cache, world):
    version.record([tags.of_instance(world.edited)])
    version.record([tags.of_instance(world.edited)])
    pagecache.invalidate()
    oldest = ContentChange.objects.order_by("version").first().version
    other = tags.of_instance(world.other)
    assert not pagecache.stale({other}, oldest - 1)
    assert pagecache.stale({other}, oldest - 1, before_known=True)


def test_a_change_no_watcher_saw_counts_as_a_change_to_everything():
    """A raw save (a restore) is announced with no tags of its own."""
    from visits.changes.commits import SAVED, Change

    saved_here = Change(PressRelease, 7, SAVED)
    own = [tags.model_tag(PressRelease), "press.pressrelease:7"]
    assert version.batch_tags([saved_here], own) == sorted(own)
    assert version.batch_tags([saved_here], []) == [tags.ANY]
    assert version.batch_tags([Change(None, None, SAVED)], own) == [tags.ANY]
    too_many = [f"press.pressrelease:{pk}" for pk in range(version.MAX_TAGS + 1)]
    assert version.batch_tags([saved_here], too_many) == [tags.ANY]
