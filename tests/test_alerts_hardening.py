"""The subscribe and manage forms against what a review found: ids too big for the
database, a reply that took longer for a new address than a known one, and flood limits
got round by another "+tag", another IPv6 address of one network or the Unicode spelling
of a domain."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from press.alerts import links
from press.models import Subscriber

from .factories import PressReleaseFactory, TopicFactory, VisitFactory
from .test_alerts_subscribe import alerts_url, form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.PRESSROOM_ALERT_SUBSCRIBE_PER_ADDRESS = 3
    settings.PRESSROOM_ALERT_SUBSCRIBE_PER_IP = 5
    settings.PRESSROOM_ALERT_SUBSCRIBE_WINDOW = 3600
    settings.DEFAULT_FROM_EMAIL = "alerts@press.example.org"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def send(url, data, *, ip="203.0.113.7"):
        with django_capture_on_commit_callbacks(execute=True):
            return Client(REMOTE_ADDR=ip).post(url, data)

    return send


BAD_IDS = ["99999999999999999999999", "9223372036854775808", "١٢", "²", "1.5", "-1", "x", ""]


class TestIdsTheDatabaseCannotHold:
    @pytest.mark.parametrize("field", ["trips", "topics"])
    @pytest.mark.parametrize("bad", BAD_IDS)
    def test_the_subscribe_form_says_the_value_is_not_valid(self, post, field, bad):
        PressReleaseFactory(visit=VisitFactory(), topics=[TopicFactory()])
        response = post(alerts_url("ko"), form("a@example.org", follow="some", **{field: [bad]}))
        assert response.status_code == 200
        assert 'lang="ko"' in response.text
        assert "은/는 유효한 값이 아닙니다." in response.text  # "… is not a valid value."
        assert 'class="errorlist"' in response.text
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    @pytest.mark.parametrize("bad", BAD_IDS[:4])
    def test_the_manage_form_too_and_nothing_is_lost(self, post, bad):
        trip = VisitFactory()
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        subscriber.trips.add(trip)
        response = post(
            links.path(subscriber, "manage"),
            {"language": "ja", "follow": "some", "trips": [str(trip.pk), bad]},
        )
        assert response.status_code == 200
        assert "is not a valid value" in response.text
        subscriber.refresh_from_db()
        assert subscriber.language == "en"
        assert list(subscriber.trips.all()) == [trip]
