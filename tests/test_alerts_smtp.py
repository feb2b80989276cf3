"""The alert over real SMTP: a server started here on 127.0.0.1 (aiosmtpd) receives the
mail Django's SMTP backend sends, the test reads it as a mail client would, then
unsubscribes in one click the way the client does (RFC 8058: a POST of
``List-Unsubscribe=One-Click`` to the header's URL, with no session and no CSRF token)."""

import datetime as dt
import re
import socket
import threading
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from django.utils import translation

from press.alerts import sending
from press.models import AlertDelivery, DeliveryStatus, Subscriber
from tests.factories import PressReleaseFactory, VisitFactory
from visits.publishing import Status

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


class Inbox:
    """aiosmtpd's handler: keeps every message it is given, as the bytes received."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings, monkeypatch):
    from visits.tasks import queue

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.PRESSROOM_SITE_URL = "https://newsroom.example.org"
    settings.DEFAULT_FROM_EMAIL = "Seoul Newsroom <newsroom@example.org>"
    monkeypatch.setattr(queue, "IMMEDIATE", True)
    monkeypatch.setattr(sending, "BACKOFF", 0)
    yield inbox
    controller.stop()


def korean_journalist_and_release():
    with time_machine.travel(AT - dt.timedelta(days=1), tick=False):
        trip = VisitFactory()
        sub = Subscriber.objects.create(
            email="kim@news.example.kr", language="ko", confirmed_at=AT - dt.timedelta(days=2)
        )
        sub.trips.add(trip)
        release = PressReleaseFactory(
            visit=trip,
            status=Status.SCHEDULED,
            published_at=AT,
            title_ko="서울시, 광저우와 청소년 교류 합의",
            lead_ko="두 도시는 청소년 교류에 합의했다.",
            body_ko="<p>본문.</p>",
        )
    return sub, release


def test_the_alert_arrives_over_smtp_and_reads_as_sent(smtp_server):
    korean_journalist_and_release()
    with time_machine.travel(AT, tick=False):
        call_command("send_alerts", verbosity=0)

    assert len(smtp_server.messages) == 1
    recipients, raw = smtp_server.messages[0]
    assert recipients == ["kim@news.example.kr"]
    # On the wire the unsubscribe URL is plain ASCII, folded but never encoded (RFC 2369
    # headers carry no encoded words).
    assert re.search(rb"List-Unsubscribe:\s+<https://newsroom\.example\.org/ko/alerts/", raw)
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    parsed = message_from_bytes(raw, policy=policy.default)
    # (Folded after the colon, as a long encoded subject is: the client drops the space.)
    assert parsed["Subject"].strip() == "서울시, 광저우와 청소년 교류 합의"
    assert b"\nMessage-ID: <alert." in raw
    assert parsed["Message-ID"] == AlertDelivery.objects.get().message_id
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert "두 도시는 청소년 교류에 합의했다." in text
    assert "두 도시는 청소년 교류에 합의했다." in html
    assert AlertDelivery.objects.get().status == DeliveryStatus.SENT


def test_a_server_that_refuses_the_connection_gets_the_alert_when_back(smtp_server, settings):
    korean_journalist_and_release()
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nothing listens there
    with time_machine.travel(AT, tick=False):
        call_command("send_alerts", verbosity=0)
    delivery = AlertDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in delivery.error
    # Nothing is tried again before the retry time; at it, the server is back.
    settings.EMAIL_PORT = port
    with time_machine.travel(AT + dt.timedelta(seconds=30), tick=False):
        call_command("send_alerts", verbosity=0)
    assert smtp_server.messages == []
    with time_machine.travel(AT + sending.RETRY_DELAYS[0], tick=False):
        call_command("send_alerts", verbosity=0)
    assert AlertDelivery.objects.get().status == DeliveryStatus.SENT
    assert len(smtp_server.messages) == 1


def test_one_click_unsubscribe_from_the_received_header_stops_the_next_alert(smtp_server):
    sub, release = korean_journalist_and_release()
    with time_machine.travel(AT, tick=False):
        call_command("send_alerts", verbosity=0)
    parsed = message_from_bytes(smtp_server.messages[0][1], policy=policy.default)
    url = parsed["List-Unsubscribe"].strip().strip("<>")
    path = urlsplit(url).path
    with translation.override(path.split("/")[1]):  # the prefix of the path's language
        assert resolve(path).url_name == "alerts_unsubscribe"

    # What a mail client does: a bare POST, no cookie, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    with time_machine.travel(AT + dt.timedelta(minutes=5), tick=False):
        response = client.post(
            path,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
            headers={"host": "testserver"},
        )
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.stopped_at is not None

    # The trip's next release goes out: no mail for her.
    with time_machine.travel(AT + dt.timedelta(minutes=10), tick=False):
        PressReleaseFactory(
            visit=release.visit,
            published_at=AT + dt.timedelta(minutes=10),
            title_ko="다음 보도자료",
            body_ko="<p>.</p>",
        )
        call_command("send_alerts", verbosity=0)
    assert len(smtp_server.messages) == 1
