"""Bounces and complaints stop mail (press/alerts/tracking.py): the provider's webhook,
posted as Postmark sends it to /anymail/postmark/tracking/ with the shared secret, and
anymail's ``tracking`` signal as any provider's webhook raises it."""

import base64
import datetime as dt
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail
from django.utils import timezone

from press.alerts import sending
from press.models import AlertDelivery, DeliveryStatus, Subscriber, SuppressedAddress
from tests.factories import PressReleaseFactory

pytestmark = pytest.mark.django_db

WEBHOOK = "/anymail/postmark/tracking/"

#: Postmark's bounce webhook, as its documentation gives it.
POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "MessageStream": "outbound",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "TypeCode": 1,
    "Name": "Hard bounce",
    "Tag": "",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Metadata": {},
    "ServerID": 23,
    "Description": "The server was unable to deliver your message (ex: unknown user, "
    "mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "Kim@News.example.kr",
    "From": "newsroom@example.org",
    "BouncedAt": "2026-03-02T00:01:54.9070259Z",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "보도자료",
}
POSTMARK_COMPLAINT = POSTMARK_BOUNCE | {
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "Email": "lee@news.example.com",
}


def basic_auth(secret: str) -> dict:
    return {"authorization": "Basic " + base64.b64encode(secret.encode()).decode()}


def post(client, payload, secret="webhook:test-secret"):
    return client.post(
        WEBHOOK, json.dumps(payload), content_type="application/json", headers=basic_auth(secret)
    )


def receiving(email, language="ko"):
    return Subscriber.objects.create(
        email=email,
        language=language,
        everything=True,
        confirmed_at=timezone.now() - dt.timedelta(days=1),
    )


def test_a_postmark_bounce_posted_to_the_webhook_suppresses_the_address(client):
    response = post(client, POSTMARK_BOUNCE)
    assert response.status_code == 200
    suppressed = SuppressedAddress.objects.get()
    assert suppressed.email == "kim@news.example.kr"
    assert suppressed.reason == "bounced"
    assert "postmark" in suppressed.detail.lower()


def test_a_postmark_spam_complaint_suppresses_the_address(client):
    assert post(client, POSTMARK_COMPLAINT).status_code == 200
    assert SuppressedAddress.objects.get().reason == "complained"


def test_the_webhook_refuses_a_post_without_the_secret(client):
    for secret in ("webhook:wrong", ""):
        response = post(client, POSTMARK_BOUNCE, secret=secret)
        assert response.status_code == 400
    assert not SuppressedAddress.objects.exists()


def test_the_webhook_is_outside_the_language_prefix(client):
    assert client.get("/en/anymail/postmark/tracking/").status_code == 404


@pytest.mark.parametrize(
    ("event_type", "reason"),
    [
        ("bounced", "bounced"),
        ("rejected", "bounced"),
        ("complained", "complained"),
        ("unsubscribed", "unsubscribed"),
    ],
)
def test_the_tracking_signal_of_any_provider_suppresses(event_type, reason):
    event = AnymailTrackingEvent(event_type=event_type, recipient="Someone@Example.org")
    tracking.send(sender=object, event=event, esp_name="Mailgun")
    assert SuppressedAddress.objects.get().reason == reason
    assert SuppressedAddress.is_suppressed("someone@example.org")


@pytest.mark.parametrize("event_type", ["delivered", "opened", "clicked", "deferred", "queued"])
def test_other_events_stop_nothing(event_type):
    event = AnymailTrackingEvent(event_type=event_type, recipient="someone@example.org")
    tracking.send(sender=object, event=event, esp_name="Mailgun")
    assert not SuppressedAddress.objects.exists()


def test_a_bounced_address_gets_no_later_alert(client, settings, monkeypatch):
    """The bounce arrives after the first alert: the next release's row is never written;
    a row written before the bounce came in is skipped by the worker."""
    from visits.tasks import queue

    monkeypatch.setattr(queue, "IMMEDIATE", True)
    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"
    now = timezone.now()
    bounced = receiving("kim@news.example.kr")
    other = receiving("park@news.example.kr")
    PressReleaseFactory(published_at=now - dt.timedelta(minutes=5), title_ko="첫째", body_ko=".")
    sending.dispatch()
    assert sorted(m.to[0] for m in mail.outbox) == [bounced.email, other.email]

    waiting = PressReleaseFactory(
        published_at=now - dt.timedelta(minutes=1), title_ko="둘째", body_ko="."
    )
    AlertDelivery.objects.create(subscriber=bounced, release=waiting, language="ko")
    assert post(client, POSTMARK_BOUNCE).status_code == 200
    sending.dispatch()
    sending.send_queued()
    assert sorted(m.to[0] for m in mail.outbox) == [bounced.email, other.email, other.email]
    assert AlertDelivery.objects.get(subscriber=bounced, release=waiting).status == (
        DeliveryStatus.SKIPPED
    )
