"""The change pipeline (visits/changes/): one announcement per committed transaction.

What a reader or an editor would notice if it were wrong: every cached page and feed
validator retired several times by one save (each retirement costs every server a cold
cache), an edit that never reaches the index or the page cache (a batch swallowed by a
transaction still open), or work done for a transaction that rolled back.

Tests marked ``django_db(transaction=True)`` commit for real; the others commit through
``django_capture_on_commit_callbacks``, as the rest of the suite does.
"""

import logging
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from press.models import PressRelease, Topic
from tests.factories import (
    CityFactory,
    EngagementFactory,
    PersonFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_admin import messages_in, post_data
from visits import changes
from visits.changes import commits
from visits.models import Visit
from visits.search import indexing
from visits.search.entries import SearchEntry

real_commits = pytest.mark.django_db(transaction=True)


def version() -> int:
    row = changes.content_version()
    return row[0] if row else 0


@contextmanager
def counting():
    """How many times the content version moved on inside the block."""
    counted = {"bumps": 0}
    before = version()
    yield counted
    counted["bumps"] = version() - before


@pytest.fixture
def heard(monkeypatch):
    """The batches of content changes announced, as a listener hears them."""
    batches = []
    monkeypatch.setattr(
        commits,
        "_listeners",
        [*commits._listeners, (changes.CONTENT, lambda items, using: batches.append(items))],
    )
    return batches


def keys(batch) -> set:
    return {(change.model, change.pk) for change in batch}


# --- one announcement per transaction ---------------------------------------------------


@pytest.mark.on_commit
@real_commits
def test_a_release_with_three_topics_and_two_photos_bumps_once(heard):
    topics = [TopicFactory() for _ in range(3)]
    photos = [PhotoFactory() for _ in range(2)]
    heard.clear()
    with counting() as counted, transaction.atomic():
        release = PressReleaseFactory(topics=topics, photos=photos)
        release.topics.set(topics[:2])
    assert counted["bumps"] == 1
    assert len(heard) == 1
    assert (PressRelease, release.pk) in keys(heard[0])
    assert {(Topic, topic.pk) for topic in topics} <= keys(heard[0])
    # The search index heard of it too, once the transaction had committed.
    assert SearchEntry.objects.filter(kind="release", object_id=release.pk).exists()


@pytest.mark.on_commit
@real_commits
def test_a_rolled_back_transaction_bumps_nothing_and_indexes_nothing(heard):
    topics = [TopicFactory() for _ in range(3)]
    heard.clear()
    with counting() as counted, pytest.raises(RuntimeError), transaction.atomic():
        PressReleaseFactory(title_en="Never out", topics=topics, photos=[PhotoFactory()])
        raise RuntimeError
    assert counted["bumps"] == 0
    assert heard == []
    assert not SearchEntry.objects.filter(kind="release").exists()
    # The next transaction starts a batch of its own and is announced.
    with counting() as counted, transaction.atomic():
        TopicFactory()
    assert counted["bumps"] == 1


@pytest.mark.on_commit
@real_commits
def test_a_trip_saved_in_the_admin_with_its_legs_bumps_once(admin_client):
    """The trip and every leg in one save (the events have their own form)."""
    trip = VisitFactory(legs=2)
    with translation.override("en"):
        url = reverse("admin:visits_visit_change", args=[trip.pk])
    data = post_data(admin_client.get(url))
    data["title_en"] = "Seoul in Paris, renamed"
    cities = [CityFactory(), CityFactory()]
    for n, city in enumerate(cities):  # every leg changes, so every leg is saved
        data[f"legs-{n}-city"] = str(city.pk)

    with counting() as counted:
        response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    assert Visit.objects.get(pk=trip.pk).title_en == "Seoul in Paris, renamed"
    assert [leg.city for leg in trip.legs.order_by("order")] == cities
    assert counted["bumps"] == 1


@pytest.mark.on_commit
@real_commits
def test_writing_the_search_index_is_not_a_change():
    release = PressReleaseFactory(title_en="Indexed qzxv", visit=None)
    with counting() as counted:
        indexing.reindex("release", [release.pk])
        indexing.rebuild()
        SearchEntry.objects.all().delete()
    assert counted["bumps"] == 0


@pytest.mark.on_commit
@real_commits
def test_outside_a_transaction_each_save_is_announced_at_once(heard):
    start = version()
    topic = TopicFactory()
    assert version() == start + 1  # at once: the save was its own transaction
    topic.name_en = "Renamed"
    topic.save()
    assert version() == start + 2
    assert [keys(batch) for batch in heard] == [{(Topic, topic.pk)}] * 2


@pytest.mark.on_commit
@real_commits
def test_nested_atomic_blocks_are_one_transaction(heard):
    topics = [TopicFactory() for _ in range(2)]
    heard.clear()
    with counting() as counted, transaction.atomic():
        release = PressReleaseFactory(visit=None)
        with transaction.atomic():
            release.topics.add(topics[0])
            with transaction.atomic():
                release.topics.add(topics[1])
                Topic.objects.filter(pk=topics[1].pk).update(name_en="Updated")
                changes.changed_rows(Topic, [topics[1].pk])
        # Nothing is announced before the outermost block commits.
        assert heard == []
    assert counted["bumps"] == 1
    assert keys(heard[0]) == {(PressRelease, release.pk), *((Topic, t.pk) for t in topics)}


@pytest.mark.on_commit
@real_commits
def test_a_savepoint_rolled_back_inside_a_committed_transaction(heard):
    heard.clear()
    with counting() as counted, transaction.atomic():
        kept = TopicFactory(name_en="Kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            lost = CityFactory(name_en="Lost")
            raise RuntimeError
        later = TopicFactory(name_en="Saved after the rollback")
    assert counted["bumps"] == 1
    assert keys(heard[0]) == {(Topic, kept.pk), (Topic, later.pk)}
    assert (type(lost), lost.pk) not in keys(heard[0])

    # A transaction whose only change was rolled back with its savepoint bumps nothing.
    heard.clear()
    with (
        counting() as counted,
        transaction.atomic(),  # commits
        pytest.raises(RuntimeError),
        transaction.atomic(),  # rolled back to its savepoint
    ):
        TopicFactory(name_en="Lost too")
        raise RuntimeError
    assert counted["bumps"] == 0
    assert heard == []


# --- tests that commit with django_capture_on_commit_callbacks -------------------------


@pytest.mark.on_commit
@pytest.mark.django_db
def test_a_change_before_the_capture_does_not_swallow_the_one_inside_it(
    django_capture_on_commit_callbacks, heard
):
    """Content made by a fixture, then edited inside the capture, as the feed and page
    cache tests do: the edit is announced by the capture."""
    release = PressReleaseFactory(title_en="Before")
    with counting() as counted, django_capture_on_commit_callbacks(execute=True):
        release.title_en = "After"
        release.save()
    assert counted["bumps"] == 1
    assert (PressRelease, release.pk) in keys(heard[-1])


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker):
    """A release made once for the class, in an atomic block rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield PressReleaseFactory(title_en="The world's release", topics=[TopicFactory()])
        transaction.set_rollback(True)


@pytest.mark.on_commit
@pytest.mark.django_db
class TestAClassScopedWorld:
    """A world made once for the class in an atomic block that stays open (rolled back
    after the class), each test in a savepoint on top: batching once let the world's open
    batch swallow every later change, so these tests saw no bump."""

    def test_an_edit_committed_in_the_world_is_announced(
        self, world, django_capture_on_commit_callbacks, heard
    ):
        with counting() as counted, django_capture_on_commit_callbacks(execute=True):
            world.title_en = "Edited in the world"
            world.save()
        assert counted["bumps"] == 1
        # Only what the test changed: the world's own rows are not committed by it.
        assert [keys(batch) for batch in heard] == [{(PressRelease, world.pk)}]

    def test_the_next_test_in_the_world_is_announced_too(
        self, world, django_capture_on_commit_callbacks, heard
    ):
        topic = TopicFactory()
        with counting() as counted:
            with django_capture_on_commit_callbacks(execute=True):
                world.topics.add(topic)
            with django_capture_on_commit_callbacks(execute=True):
                world.topics.remove(topic)
        assert counted["bumps"] == 2  # two commits
        assert all((Topic, topic.pk) in keys(batch) for batch in heard)


# --- listeners -----------------------------------------------------------------------------


@pytest.mark.on_commit
@real_commits
def test_tasks_and_work_ride_on_the_same_commit_without_bumping():
    done = []
    with counting() as counted, transaction.atomic():
        changes.after_commit(lambda: done.append("work"))
        assert done == []
    assert done == ["work"]
    assert counted["bumps"] == 0  # asked-for work is not a change of content

    with pytest.raises(RuntimeError), transaction.atomic():
        changes.after_commit(lambda: done.append("rolled back"))
        raise RuntimeError
    assert done == ["work"]


@pytest.mark.on_commit
@real_commits
def test_a_failing_listener_is_logged_and_the_others_still_hear(monkeypatch, caplog):
    def broken(items, using):
        raise ValueError("listener bug")

    monkeypatch.setattr(commits, "_listeners", [(changes.CONTENT, broken), *commits._listeners])
    with caplog.at_level(logging.ERROR), counting() as counted, transaction.atomic():
        topic = TopicFactory()
    assert Topic.objects.filter(pk=topic.pk).exists()  # the save stands
    assert counted["bumps"] == 1
    assert "listener bug" in caplog.text


@pytest.mark.on_commit
@real_commits
def test_a_deleted_trip_still_names_what_it_reached_to_the_index():
    """The index's watcher reads a trip's people before the delete takes them out of
    reach; after the commit they are no longer findable through it."""
    trip = VisitFactory()
    guest = PersonFactory(name_en="Qxwz Guest")
    EngagementFactory(visit=trip, leg__visit=trip, people=[guest])
    entry = SearchEntry.objects.get(kind="person", object_id=guest.pk, language="en")
    assert entry.public_from is not None
    with transaction.atomic():
        trip.delete()
    entry = SearchEntry.objects.get(kind="person", object_id=guest.pk, language="en")
    assert entry.public_from is None
