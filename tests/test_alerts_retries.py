"""Alerts that fail on the way, and languages released late (press/alerts/sending.py): a
failure before anything reached the server is tried again later, with a back-off, until
it goes or is given up; a failure after the server may have taken the mail is never tried
again (two alerts are worse than one lost); a language made ready on a release already
public goes out to its subscribers at that minute."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as Locmem

from press import services
from press.alerts import sending
from press.models import AlertDelivery, DeliveryStatus, Subscriber
from tests.factories import PressReleaseFactory, assign_languages
from visits.publishing import Status

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _alerts(settings, monkeypatch):
    from visits.tasks import queue

    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"
    monkeypatch.setattr(queue, "IMMEDIATE", True)
    monkeypatch.setattr(sending, "BACKOFF", 0)


class DownBackend(Locmem):
    """The server refuses connections while ``down``."""

    down = True

    def open(self):
        if DownBackend.down:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().open()


class ReplyLostBackend(Locmem):
    """The server takes the mail, then the connection drops before its reply."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def release_and_subscriber(**release):
    release.setdefault("published_at", NOW - dt.timedelta(minutes=1))
    made = PressReleaseFactory(status=Status.PUBLISHED, **release)
    Subscriber.objects.create(
        email="t@example.org",
        language="en",
        everything=True,
        confirmed_at=NOW - dt.timedelta(days=3),
    )
    return made


def test_a_language_made_ready_late_is_sent_to_its_subscribers():
    release = PressReleaseFactory(
        status=Status.PUBLISHED, published_at=NOW - dt.timedelta(days=3), ready_ko=False
    )
    release.title_ko, release.lead_ko = "한국어 제목", "요지."
    release.save()
    Subscriber.objects.create(
        email="k@example.org",
        language="ko",
        everything=True,
        confirmed_at=NOW - dt.timedelta(days=30),
    )
    translator = User.objects.create(username="tr", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translator"))
    assign_languages(translator)
    with time_machine.travel(NOW, tick=False):
        services.mark_language_ready(release=release, user=translator, language="ko")
        sending.dispatch()
    assert [m.to for m in mail.outbox] == [["k@example.org"]]
    assert "한국어 제목" in mail.outbox[0].subject


def test_a_failure_after_the_server_took_the_mail_is_not_sent_again(settings):
    settings.EMAIL_BACKEND = "tests.test_alerts_retries.ReplyLostBackend"
    with time_machine.travel(NOW, tick=False):
        release_and_subscriber()
        sending.dispatch()
    assert len(mail.outbox) == 1
    row = AlertDelivery.objects.get()
    assert row.status == DeliveryStatus.FAILED and "SMTPServerDisconnected" in row.error
    for minutes in (1, 6, 30, 120):
        with time_machine.travel(NOW + dt.timedelta(minutes=minutes), tick=False):
            sending.dispatch()
    assert len(mail.outbox) == 1


def test_a_short_outage_is_tried_again_later_and_the_alert_goes(settings):
    settings.EMAIL_BACKEND = "tests.test_alerts_retries.DownBackend"
    DownBackend.down = True
    with time_machine.travel(NOW, tick=False):
        release_and_subscriber()
        sending.dispatch()
    row = AlertDelivery.objects.get()
    assert (row.status, row.attempts) == (DeliveryStatus.QUEUED, 1)
    assert row.retry_at == NOW + sending.RETRY_DELAYS[0]
    assert mail.outbox == []
    DownBackend.down = False
    with time_machine.travel(NOW + sending.RETRY_DELAYS[0], tick=False):
        sending.dispatch()
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_an_outage_that_lasts_is_given_up_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.test_alerts_retries.DownBackend"
    DownBackend.down = True
    at = NOW
    with time_machine.travel(at, tick=False):
        release_and_subscriber()
        sending.dispatch()
    row = AlertDelivery.objects.get()
    for attempt, delay in enumerate(sending.RETRY_DELAYS, 1):
        assert (row.status, row.attempts, row.retry_at) == (
            DeliveryStatus.QUEUED,
            attempt,
            at + delay,
        )
        at = row.retry_at
        with time_machine.travel(at - dt.timedelta(seconds=1), tick=False):
            sending.dispatch()  # not yet: nothing tried
        assert AlertDelivery.objects.get().attempts == attempt
        with time_machine.travel(at, tick=False):
            sending.dispatch()
        row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == len(sending.RETRY_DELAYS) + 1
    assert mail.outbox == []


def test_a_row_waiting_for_its_worker_is_queued_again_once(monkeypatch):
    with time_machine.travel(NOW, tick=False):
        monkeypatch.setattr("visits.tasks.enqueue_on_commit", lambda *a, **k: None)
        release_and_subscriber()
        sending.dispatch()  # the task is lost
        monkeypatch.undo()
    monkeypatch.setattr(sending, "BACKOFF", 0)
    queued = []
    monkeypatch.setattr("visits.tasks.enqueue_on_commit", lambda task, *a: queued.append(a))
    for minutes in range(0, 12):
        with time_machine.travel(NOW + dt.timedelta(minutes=minutes), tick=False):
            sending.dispatch()
    assert len(queued) == 1


def test_a_message_that_cannot_be_built_fails_the_row(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("no template")

    monkeypatch.setattr(sending.mail, "alert_message", broken)
    with time_machine.travel(NOW, tick=False):
        release_and_subscriber()
        sending.dispatch()
    row = AlertDelivery.objects.get()
    assert row.status == DeliveryStatus.FAILED and "no template" in row.error
    assert row.claimed_at == NOW


def test_stuck_rows_are_counted_from_their_claim():
    with time_machine.travel(NOW, tick=False):
        release = release_and_subscriber()
    row = AlertDelivery.objects.create(
        subscriber=Subscriber.objects.get(),
        release=release,
        language="en",
        status=DeliveryStatus.SENDING,
        created_at=NOW - dt.timedelta(hours=5),
        claimed_at=NOW - dt.timedelta(minutes=10),
    )
    with time_machine.travel(NOW, tick=False):
        assert list(sending.stuck()) == []
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert list(sending.stuck()) == [row]
