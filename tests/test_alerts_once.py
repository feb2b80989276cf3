"""Email alerts go out when a release goes public in a language, at its minute with no
save, once per subscriber and release (press/alerts/sending.py): the issue's journey of a
Korean journalist following one trip, languages released later, and the subscribers who
must get nothing."""

import datetime as dt
from email import message_from_bytes, policy

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from press.alerts import sending
from press.models import AlertDelivery, DeliveryStatus, Subscriber, SuppressedAddress
from tests.factories import PressReleaseFactory, TopicFactory, VisitFactory
from visits.publishing import Status

pytestmark = pytest.mark.django_db

KST = dt.timezone(dt.timedelta(hours=9))
#: The minute the releases go public (Seoul time).
AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=KST)


@pytest.fixture(autouse=True)
def _alerts(settings, monkeypatch):
    """Links on the public site; tasks queued at once (the test's transaction never
    commits) and run at once (the test settings' immediate backend)."""
    from visits.tasks import queue

    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"
    monkeypatch.setattr(queue, "IMMEDIATE", True)
    monkeypatch.setattr(sending, "BACKOFF", 0)


def subscriber(email, language, *, trips=(), topics=(), everything=False, **fields):
    fields.setdefault("confirmed_at", AT - dt.timedelta(days=3))
    sub = Subscriber.objects.create(email=email, language=language, everything=everything, **fields)
    sub.trips.set(trips)
    sub.topics.set(topics)
    return sub


def scheduled(trip, n, **fields):
    """A release scheduled for ``AT`` in English and Korean (others as ``fields`` say)."""
    return PressReleaseFactory(
        visit=trip,
        status=Status.SCHEDULED,
        published_at=AT,
        title_en=f"Release {n}",
        title_ko=f"보도자료 {n}",
        lead_ko=f"보도자료 {n}의 요지.",
        body_ko="<p>본문.</p>",
        **fields,
    )


def sent_to(address):
    """The subjects of the alerts in the outbox to ``address``, each parsed as received."""
    subjects = []
    for message in mail.outbox:
        if address in message.to:
            parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
            subjects.append(str(parsed["Subject"]))
    return subjects


def tick(moment):
    """The timer's minute: ``manage.py send_alerts`` at ``moment``, nothing saved."""
    with time_machine.travel(moment, tick=False):
        call_command("send_alerts", verbosity=0)


def test_a_korean_journalist_gets_the_trips_next_release_in_korean_once_at_its_minute():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip, other_trip = VisitFactory(), VisitFactory()
        korean = subscriber("kim@news.example.kr", "ko", trips=[trip])
        release = scheduled(trip, 1)
        scheduled(other_trip, 2)  # another trip's release: never sent to her

    tick(AT - dt.timedelta(days=1))
    tick(AT - dt.timedelta(minutes=1))
    assert mail.outbox == []  # nothing before the minute

    tick(AT)
    assert sent_to(korean.email) == ["보도자료 1"]
    delivery = AlertDelivery.objects.get()
    assert (delivery.subscriber, delivery.release, delivery.language) == (korean, release, "ko")
    assert delivery.status == DeliveryStatus.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == delivery.message_id

    # The timer comes back every minute, the release is saved again: still once.
    tick(AT + dt.timedelta(minutes=1))
    with time_machine.travel(AT + dt.timedelta(minutes=2), tick=False):
        release.save()
        sending.dispatch()
    tick(AT + dt.timedelta(hours=3))
    assert sent_to(korean.email) == ["보도자료 1"]
    assert len(mail.outbox) == 1


def test_a_language_released_later_reaches_its_subscribers_when_it_goes_out():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip = VisitFactory()
        japanese = subscriber("sato@news.example.jp", "ja", everything=True)
        english = subscriber("lee@news.example.com", "en", everything=True)
        korean = subscriber("kim@news.example.kr", "ko", trips=[trip])
        scheduled(
            trip,
            1,
            title_ja="プレスリリース 1",
            lead_ja="要旨。",
            body_ja="<p>本文。</p>",
            public_from_ja=AT + dt.timedelta(hours=2),
        )

    tick(AT)
    assert sent_to(english.email) == ["Release 1"]
    assert sent_to(korean.email) == ["보도자료 1"]
    assert sent_to(japanese.email) == []  # Japanese is not out yet

    tick(AT + dt.timedelta(hours=1, minutes=59))
    assert sent_to(japanese.email) == []
    tick(AT + dt.timedelta(hours=2))
    assert sent_to(japanese.email) == ["プレスリリース 1"]

    # English and Korean readers are not sent it again when Japanese goes out.
    tick(AT + dt.timedelta(hours=2, minutes=1))
    assert sent_to(english.email) == ["Release 1"]
    assert sent_to(korean.email) == ["보도자료 1"]
    assert len(mail.outbox) == 3


def test_a_release_never_out_in_a_language_is_never_sent_in_it():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip = VisitFactory()
        chinese = subscriber("wang@news.example.cn", "zh-hans", everything=True)
        scheduled(trip, 1, title_zh_hans="新闻稿 1", ready_zh_hans=False)
    tick(AT)
    tick(AT + dt.timedelta(days=1))
    assert sent_to(chinese.email) == []


def test_topics_and_everything_are_followed_and_other_trips_are_not():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip, other_trip = VisitFactory(), VisitFactory()
        topic = TopicFactory()
        by_topic = subscriber("topic@news.example.kr", "ko", topics=[topic])
        by_trip = subscriber("trip@news.example.kr", "ko", trips=[other_trip])
        scheduled(trip, 1, topics=[topic])
    tick(AT)
    assert sent_to(by_topic.email) == ["보도자료 1"]
    assert sent_to(by_trip.email) == []


def test_stopped_suppressed_unconfirmed_and_late_subscribers_get_nothing():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip = VisitFactory()
        stopped = subscriber("stopped@example.kr", "ko", everything=True, stopped_at=AT)
        suppressed = subscriber("bounced@example.kr", "ko", everything=True)
        SuppressedAddress.suppress("Bounced@Example.kr", "bounced")
        unconfirmed = subscriber("new@example.kr", "ko", everything=True, confirmed_at=None)
        receiving = subscriber("ok@example.kr", "ko", everything=True)
        scheduled(trip, 1)
    tick(AT)
    assert [message.to for message in mail.outbox] == [[receiving.email]]

    # Confirmed an hour after the release went out: not sent the day's earlier releases.
    with time_machine.travel(AT + dt.timedelta(hours=1), tick=False):
        unconfirmed.confirmed_at = AT + dt.timedelta(hours=1)
        unconfirmed.save()
    tick(AT + dt.timedelta(hours=1, minutes=1))
    assert sent_to(unconfirmed.email) == []
    assert not AlertDelivery.objects.filter(subscriber__in=[stopped, suppressed]).exists()


def test_a_subscriber_who_stops_after_the_row_is_written_is_skipped():
    """The send task checks again: rows written, then the subscriber stops before a worker
    takes them."""
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        sub = subscriber("late@example.kr", "ko", everything=True)
        scheduled(VisitFactory(), 1)
    with time_machine.travel(AT, tick=False):
        AlertDelivery.objects.create(
            subscriber=sub,
            release_id=sending.recent_out("ko", AT, AT - dt.timedelta(hours=1)).get().pk,
            language="ko",
        )
        Subscriber.objects.filter(pk=sub.pk).update(stopped_at=AT)
        assert sending.send_queued() == {DeliveryStatus.SKIPPED: 1}
    assert mail.outbox == []
    assert AlertDelivery.objects.get().status == DeliveryStatus.SKIPPED


def test_a_withdrawn_release_is_not_sent():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        sub = subscriber("ko@example.kr", "ko", everything=True)
        release = scheduled(VisitFactory(), 1)
    with time_machine.travel(AT + dt.timedelta(seconds=30), tick=False):
        type(release).objects.filter(pk=release.pk).update(
            status=Status.WITHDRAWN, withdrawn_at=AT + dt.timedelta(seconds=20)
        )
    tick(AT + dt.timedelta(minutes=1))
    assert sent_to(sub.email) == []


def test_the_command_says_what_it_queued():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        subscriber("ko@example.kr", "ko", everything=True)
        subscriber("en@example.com", "en", everything=True)
        scheduled(VisitFactory(), 1)
    from io import StringIO

    out = StringIO()
    with time_machine.travel(AT, tick=False):
        call_command("send_alerts", verbosity=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert "en: 1 release(s) out lately, 1 alert(s) queued" in lines
    assert "ko: 1 release(s) out lately, 1 alert(s) queued" in lines
    assert "ja: 0 release(s) out lately, 0 alert(s) queued" in lines
    assert lines[-1] == "2 alert(s) queued"


def test_a_release_of_last_month_never_starts_to_go_out():
    """Only releases that went out within the lookback, not the whole archive."""
    with time_machine.travel(AT - dt.timedelta(days=40), tick=False):
        sub = subscriber(
            "ko@example.kr", "ko", everything=True, confirmed_at=AT - dt.timedelta(days=40)
        )
        PressReleaseFactory(published_at=AT - dt.timedelta(days=30), title_ko="옛 보도자료")
    tick(AT)
    assert sent_to(sub.email) == []


def test_the_command_warns_of_alerts_left_sending_by_a_dead_worker():
    from io import StringIO

    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        sub = subscriber("ko@example.kr", "ko", everything=True)
        release = scheduled(VisitFactory(), 1)
    with time_machine.travel(AT, tick=False):
        AlertDelivery.objects.create(
            subscriber=sub, release=release, language="ko", status=DeliveryStatus.SENDING
        )
    err = StringIO()
    with time_machine.travel(AT + dt.timedelta(hours=2), tick=False):
        call_command("send_alerts", verbosity=0, stderr=err)
    assert "1 alert(s) have been 'sending' for over an hour" in err.getvalue()
    assert mail.outbox == []


def test_a_row_whose_task_was_lost_is_queued_again_once_minutes_later():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        sub = subscriber("ko@example.kr", "ko", everything=True)
        release = scheduled(VisitFactory(), 1)
    with time_machine.travel(AT, tick=False):  # written, but its task never reached the queue
        AlertDelivery.objects.create(subscriber=sub, release=release, language="ko")
    tick(AT + dt.timedelta(minutes=3))
    assert mail.outbox == []
    tick(AT + dt.timedelta(minutes=6))
    assert sent_to(sub.email) == ["보도자료 1"]
    tick(AT + dt.timedelta(minutes=7))
    assert len(mail.outbox) == 1
