"""The email alerts in the admin: publishers (and superusers) see the subscribers, add
suppressed addresses by hand and read the log of alerts sent; editors and translators see
none of it. Each changelist costs the same number of queries however many rows it shows."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.models import AlertDelivery, Subscriber, SuppressedAddress

from .factories import PressReleaseFactory, TopicFactory, VisitFactory
from .test_admin import admin_url

pytestmark = pytest.mark.django_db

MODELS = ("subscriber", "suppressedaddress", "alertdelivery")


def member(role: str) -> User:
    user = User.objects.create_user(role.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def make_subscribers(count: int, start: int = 0):
    trip, topic = VisitFactory(), TopicFactory()
    for number in range(start, start + count):
        subscriber = Subscriber.objects.create(
            email=f"reader{number}@example.org",
            language="ko",
            confirmed_at=timezone.now() if number % 2 else None,
        )
        subscriber.trips.add(trip, VisitFactory())
        subscriber.topics.add(topic)
        release = PressReleaseFactory()
        AlertDelivery.objects.create(subscriber=subscriber, release=release, language="ko")
        SuppressedAddress.suppress(f"gone{number}@example.org", "bounced")
    SuppressedAddress.suppress(f"reader{start}@example.org", "complained")


def changelist_queries(client, model: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url("press", model, "changelist"))
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.parametrize("model", MODELS)
def test_each_changelist_costs_the_same_with_more_rows(admin_client, model):
    make_subscribers(2)
    few, _page = changelist_queries(admin_client, model)
    make_subscribers(8, start=2)
    many, page = changelist_queries(admin_client, model)
    assert many == few
    assert "reader9@example.org" in page or "gone9@example.org" in page


def test_the_subscriber_list_shows_what_each_follows_and_its_state(admin_client):
    trip = VisitFactory(title_en="Europe trip")
    topic = TopicFactory(name_en="Robotics")
    subscriber = Subscriber.objects.create(email="a@example.org", language="ko")
    subscriber.trips.add(trip)
    subscriber.topics.add(topic)
    Subscriber.objects.create(email="b@example.org", language="en", everything=True)
    SuppressedAddress.suppress("b@example.org", "bounced")
    page = admin_client.get(admin_url("press", "subscriber", "changelist")).text
    assert "Europe trip; Robotics" in page
    assert "every release" in page
    found = admin_client.get(admin_url("press", "subscriber", "changelist") + "?q=b@exa").text
    assert "b@example.org" in found and "a@example.org" not in found
    waiting = admin_client.get(admin_url("press", "subscriber", "changelist") + "?state=waiting")
    assert "a@example.org" in waiting.text


def test_the_subscriber_form_picks_trips_and_topics_by_autocomplete(admin_client):
    subscriber = Subscriber.objects.create(email="a@example.org", language="en")
    page = admin_client.get(admin_url("press", "subscriber", "change", subscriber.pk)).text
    assert page.count("admin-autocomplete") >= 2


def test_a_publisher_handles_subscribers_and_suppresses_an_address_by_hand(client):
    client.force_login(member("Publisher"))
    for model in MODELS:
        assert client.get(admin_url("press", model, "changelist")).status_code == 200
    add = admin_url("press", "suppressedaddress", "add")
    assert 'value="by_hand" selected' in client.get(add).text
    response = client.post(add, {"email": "Someone@Example.org", "reason": "by_hand"})
    assert response.status_code == 302
    assert SuppressedAddress.is_suppressed("someone@example.org")


def test_nobody_writes_the_log_of_alerts_sent(admin_client):
    make_subscribers(1)
    delivery = AlertDelivery.objects.get()
    assert admin_client.get(admin_url("press", "alertdelivery", "add")).status_code == 403
    page = admin_client.get(admin_url("press", "alertdelivery", "change", delivery.pk))
    assert page.status_code == 200
    assert 'name="status"' not in page.text  # shown, not editable


@pytest.mark.parametrize("role", ["Editor", "Translator"])
def test_editors_and_translators_see_no_reader_addresses(client, role):
    client.force_login(member(role))
    for model in MODELS:
        assert client.get(admin_url("press", model, "changelist")).status_code == 403


def test_the_admin_speaks_the_editor_s_language(admin_client):
    Subscriber.objects.create(email="a@example.org", language="ko", everything=True)
    page = admin_client.get(admin_url("press", "subscriber", "changelist", language="ko")).text
    assert "알림 구독자" in page
    assert "모든 보도자료" in page  # what it follows
