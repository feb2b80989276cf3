"""Issue 23's journey, end to end over real SMTP (aiosmtpd on 127.0.0.1): a Korean
journalist subscribes to one trip on the public form, confirms from the mail, gets the
trip's next release early from a journalist list under embargo, then once in Korean at its
minute as an alert, unsubscribes in one click as a mail client does, and reads the same
release through /api/v1/, which shows it only from its minute."""

import datetime as dt
import re
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from press import distribution
from press.models import AlertDelivery, Journalist, JournalistList, Subscriber
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_alerts_smtp import smtp_server  # noqa: F401 (the fixture)
from visits.publishing import Status

pytestmark = pytest.mark.django_db

SEOUL = dt.timezone(dt.timedelta(hours=9))
MINUTE = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SEOUL)
EARLY = MINUTE - dt.timedelta(hours=20)
ADDRESS = "kim.minji@daily.example.kr"


def received(inbox, index):
    recipients, raw = inbox.messages[index]
    return recipients, message_from_bytes(raw, policy=policy.default)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url: str) -> str:
    return urlsplit(url).path


def post_form(client, path, data):
    """What a browser does: GET the page (its CSRF cookie), POST the form with the token."""
    client.get(path)
    return client.post(path, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_a_korean_journalist_follows_one_trip_from_subscription_to_api(smtp_server):  # noqa: F811
    cache.clear()  # the subscribe form's flood counters
    inbox = smtp_server
    with time_machine.travel(EARLY - dt.timedelta(days=1), tick=False):
        trip = VisitFactory(title_ko="파리 순방", title_en="Paris trip")
        other_trip = VisitFactory(title_en="Another trip")
        release = PressReleaseFactory(
            visit=trip,
            status=Status.SCHEDULED,
            published_at=MINUTE,
            original_language="ko",
            title_ko="서울시, 파리와 기후 협력 합의",
            lead_ko="두 도시는 기후 협력에 합의했다.",
            body_ko="<p>본문.</p>",
            title_en="Seoul and Paris agree on climate work",
        )
        PressReleaseFactory(visit=other_trip, published_at=MINUTE, title_ko="다른 순방 보도자료")

    browser = Client(enforce_csrf_checks=True)
    with time_machine.travel(EARLY, tick=False):
        # 1. She subscribes in Korean to the trip, on the public form.
        response = post_form(
            browser,
            "/ko/alerts/",
            {"email": ADDRESS, "language": "ko", "follow": "some", "trips": [trip.pk]},
        )
        assert response.status_code in (302, 303)
        recipients, confirmation = received(inbox, 0)
        assert recipients == [ADDRESS]
        confirm_url = re.search(r"https://\S+/alerts/confirm/\S+/", text_of(confirmation))[0]

        # 2. The link opens a page with a button (a mail scanner's GET confirms nothing).
        assert browser.get(path_of(confirm_url)).status_code == 200
        assert Subscriber.objects.get(email=ADDRESS).confirmed_at is None
        post_form(browser, path_of(confirm_url), {})
        assert Subscriber.objects.get(email=ADDRESS).confirmed_at is not None

        # 3. The press office sends the release under embargo to a list she is on.
        desk = JournalistList.objects.create(name="Korean desks")
        desk.journalists.add(
            Journalist.objects.create(
                name="Kim Min-ji", outlet_name="Daily", email=ADDRESS, language="ko"
            )
        )
        distribution.send_under_embargo(release=release, lists=[desk])
        assert len(inbox.messages) == 2
        _, embargoed = received(inbox, 1)
        assert "2026-03-02 10:00" in embargoed["Subject"]
        assert embargoed["Subject"].strip() != release.title_ko  # the embargo comes first
        personal = re.search(r"https://\S+/embargoed/\S+/", text_of(embargoed))[0]
        page = browser.get(path_of(personal))
        assert page.status_code == 200
        assert "서울시, 파리와 기후 협력 합의" in page.content.decode()
        # Nobody else sees it yet: not its page, not the API.
        assert Client().get(f"/ko/releases/{release.slug}/").status_code == 404
        api = Client().get("/api/v1/releases", {"lang": "ko", "trip": trip.slug})
        assert api.status_code == 200
        assert api.json()["items"] == []

        # No alert goes out before the minute.
        call_command("send_alerts", verbosity=0)
        assert len(inbox.messages) == 2

    # 4. At its minute, with no save, the alert goes out in Korean, once.
    with time_machine.travel(MINUTE + dt.timedelta(seconds=30), tick=False):
        call_command("send_alerts", verbosity=0)
    with time_machine.travel(MINUTE + dt.timedelta(minutes=1), tick=False):
        call_command("send_alerts", verbosity=0)
    alerts = inbox.messages[2:]
    assert len(alerts) == 1, "one alert, once; none for the other trip"
    _, alert = received(inbox, 2)
    assert alert["Subject"].strip() == "서울시, 파리와 기후 협력 합의"
    assert alert["Content-Language"] == "ko"
    assert "두 도시는 기후 협력에 합의했다." in text_of(alert)
    assert AlertDelivery.objects.get().release == release

    with time_machine.travel(MINUTE + dt.timedelta(minutes=2), tick=False):
        # The personal link now leads to the public page.
        response = browser.get(path_of(personal))
        assert response.status_code in (301, 302)
        # 5. The API has it, in Korean.
        api = Client().get("/api/v1/releases", {"lang": "ko", "trip": trip.slug})
        assert api.status_code == 200
        (item,) = [i for i in api.json()["items"] if i["slug"] == release.slug]
        assert item["title"] == {"value": "서울시, 파리와 기후 협력 합의", "lang": "ko"}

        # 6. One click in her mail client: a bare POST to the header's URL.
        url = alert["List-Unsubscribe"].strip().strip("<>")
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        response = Client(enforce_csrf_checks=True).post(
            path_of(url),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert Subscriber.objects.get(email=ADDRESS).stopped_at is not None

    # The trip's next release reaches her no more.
    later = MINUTE + dt.timedelta(hours=1)
    with time_machine.travel(later - dt.timedelta(minutes=5), tick=False):
        PressReleaseFactory(visit=trip, published_at=later, title_ko="다음 보도자료")
    with time_machine.travel(later + dt.timedelta(minutes=1), tick=False):
        call_command("send_alerts", verbosity=0)
    assert len(inbox.messages) == 3
