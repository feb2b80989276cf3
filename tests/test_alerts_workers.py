"""Exactly once under two workers, on committed rows (``transaction=True``): two real
``manage.py db_worker`` processes sending every alert's task twice through a real SMTP
server (SQLite and PostgreSQL), and two dispatchers then two senders at the same moment,
each a thread with its own connection (PostgreSQL: SQLite's in-memory test database
refuses a second writer at once instead of waiting, unlike a database file). Each
subscriber gets each release once: the unique delivery row stops a second dispatch, the
claim (queued → sending, one UPDATE) a second sender."""

import datetime as dt
import threading
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.db import connection

from press.alerts import sending
from press.alerts.tasks import send_alert
from press.models import AlertDelivery, DeliveryStatus, Subscriber
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_alerts_smtp import Inbox, free_port
from tests.test_tasks import DATABASE_QUEUE, database_for_workers, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBERS = 12
RELEASES = 3


@pytest.fixture
def queue_kept(settings):
    """Tasks go to a queue nobody works (the dummy backend keeps them): the two threads
    below are the workers."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"


def world():
    trip = VisitFactory()
    now = dt.datetime.now(dt.UTC)
    releases = [
        PressReleaseFactory(
            visit=trip,
            published_at=now - dt.timedelta(minutes=n + 1),
            title_ko=f"보도자료 {n}",
            body_ko="<p>.</p>",
        )
        for n in range(RELEASES)
    ]
    subscribers = []
    for n in range(SUBSCRIBERS):
        sub = Subscriber.objects.create(
            email=f"reader{n}@example.kr",
            language="ko",
            confirmed_at=now - dt.timedelta(days=1),
        )
        sub.trips.add(trip)
        subscribers.append(sub)
    return releases, subscribers


def in_two_threads(work):
    """Run ``work()`` in two threads released together; each has its own connection."""
    barrier = threading.Barrier(2)
    errors, results = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except Exception as error:  # reported below, with the thread's traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


needs_concurrent_writers = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="SQLite's shared in-memory test database refuses a second writer at once",
)


@needs_concurrent_writers
def test_two_dispatchers_and_two_senders_send_each_release_to_each_subscriber_once(queue_kept):
    world()

    in_two_threads(sending.dispatch)
    assert AlertDelivery.objects.count() == SUBSCRIBERS * RELEASES

    outcomes = in_two_threads(sending.send_queued)
    sent = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(sent) == len(set(sent)) == SUBSCRIBERS * RELEASES
    assert sum(outcome.get(DeliveryStatus.SENT, 0) for outcome in outcomes) == len(sent)
    assert set(AlertDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    # A third worker, a retry of every task, another dispatch: nothing more.
    sending.dispatch()
    for pk in AlertDelivery.objects.values_list("pk", flat=True):
        assert sending.send_delivery(pk) == "taken"
    assert len(mail.outbox) == SUBSCRIBERS * RELEASES


@needs_concurrent_writers
def test_two_senders_racing_for_the_same_row_send_it_once(queue_kept):
    world()
    sending.dispatch()
    rows = list(AlertDelivery.objects.order_by("pk").values_list("pk", flat=True))

    def send_all():
        return [sending.send_delivery(pk) for pk in rows]

    first, second = in_two_threads(send_all)
    for mine, theirs in zip(first, second, strict=True):
        assert sorted([mine, theirs]) == sorted([DeliveryStatus.SENT, "taken"])
    assert len(mail.outbox) == len(rows)


@pytest.mark.on_commit
def test_two_real_workers_send_each_alert_once_over_smtp(settings, tmp_path):
    from aiosmtpd.controller import Controller

    settings.TASKS = DATABASE_QUEUE
    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"
    world()
    done = sending.dispatch()  # queues one task per row (no transaction: at once)
    assert len(done.queued) == SUBSCRIBERS * RELEASES
    for pk in done.queued:  # and every task once more, as a retry or a second dispatch would
        send_alert.enqueue(pk)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    output = tmp_path / "workers.log"
    try:
        with database_for_workers(tmp_path) as url, open(output, "wb") as out:
            workers = [
                start_worker(
                    url,
                    out,
                    "tests.alert_worker_settings",
                    PRESSROOM_TEST_SMTP_PORT=str(controller.port),
                )
                for _ in range(2)
            ]
            for worker in workers:
                assert worker.wait(timeout=180) == 0, output.read_text()
    finally:
        controller.stop()

    received = []
    for recipients, raw in inbox.messages:
        parsed = message_from_bytes(raw, policy=policy.default)
        received.append((recipients[0], parsed["Subject"].strip()))
    assert len(received) == len(set(received)) == SUBSCRIBERS * RELEASES, output.read_text()
    statuses = set(AlertDelivery.objects.values_list("status", flat=True))
    assert statuses == {DeliveryStatus.SENT}
