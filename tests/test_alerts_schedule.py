"""A release or a language scheduled ahead gets a dispatch of its alerts queued for its
very minute (press/alerts/sending.py `schedule_dispatch`), where the queue can defer tasks
(django-tasks' ``run_after``, which the database queue supports); ``send_alerts`` every
minute is the safety net, and the only way on a queue that cannot defer."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from press.alerts.tasks import dispatch_alerts
from tests.factories import PressReleaseFactory
from visits.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_queue(settings, monkeypatch):
    """A queue that keeps what it is given, with ``run_after`` (the dummy backend), and
    tasks queued at once (the test's transaction never commits)."""
    from visits.tasks import queue

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(queue, "IMMEDIATE", True)
    default_task_backend.clear()
    return default_task_backend


def dispatches(backend):
    return sorted(
        (
            result.task.run_after
            for result in backend.results
            if result.task.func is dispatch_alerts.func
        ),
        key=lambda at: at or dt.datetime.min.replace(tzinfo=dt.UTC),
    )


def test_scheduling_a_release_queues_a_dispatch_at_its_minute_and_at_each_languages(kept_queue):
    at = (timezone.now() + dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    PressReleaseFactory(
        status=Status.SCHEDULED,
        published_at=at,
        title_ko="보도자료",
        body_ko=".",
        title_ja="プレスリリース",
        body_ja=".",
        public_from_ja=at + dt.timedelta(hours=2),
    )
    assert dispatches(kept_queue) == [at, at + dt.timedelta(hours=2)]


def test_a_draft_queues_nothing(kept_queue):
    PressReleaseFactory(draft=True, title_ko="초안", body_ko=".")
    assert dispatches(kept_queue) == []


def test_a_release_published_now_is_dispatched_at_once(kept_queue):
    PressReleaseFactory(published_at=timezone.now(), title_ko="지금", body_ko=".")
    assert dispatches(kept_queue) == [None]


def test_a_release_of_the_past_saved_again_queues_nothing(kept_queue):
    release = PressReleaseFactory(published_at=timezone.now() - dt.timedelta(days=2))
    kept_queue.clear()
    release.save()
    assert dispatches(kept_queue) == []


def test_on_a_queue_that_cannot_defer_only_the_timer_sends(monkeypatch):
    """The test settings' immediate backend has no ``run_after``: scheduling queues
    nothing and raises nothing."""
    from visits.tasks import queue

    monkeypatch.setattr(queue, "IMMEDIATE", True)
    assert not dispatch_alerts.get_backend().supports_defer
    PressReleaseFactory(
        status=Status.SCHEDULED, published_at=timezone.now() + dt.timedelta(hours=1)
    )


def test_dispatch_reads_and_writes_in_queries_that_do_not_grow_with_subscribers(kept_queue):
    """Per language one query for the releases; per release out in it, one for who is due,
    one insert, one read of the rows queued; and one for lost tasks. The subscribers
    add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from press.alerts import sending
    from press.models import AlertDelivery, Subscriber

    PressReleaseFactory(published_at=timezone.now() - dt.timedelta(minutes=2), title_ko="가")

    def subscribe(count, start):
        for n in range(start, start + count):
            Subscriber.objects.create(
                email=f"r{n}@example.kr",
                language="ko",
                everything=True,
                confirmed_at=timezone.now() - dt.timedelta(days=1),
            )

    counts = []
    for start, count in ((0, 2), (2, 40)):
        AlertDelivery.objects.all().delete()
        subscribe(count, start)
        with CaptureQueriesContext(connection) as queries:
            done = sending.dispatch()
        counts.append(len(queries))
        assert len(done.queued) == start + count
    # Four languages; English has the release but no subscriber (one query), Korean three.
    assert counts[0] == counts[1] == 4 + 1 + 3 + 1
