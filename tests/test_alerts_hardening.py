"""The subscribe and manage forms against what a review found: ids too big for the
database, a reply that took longer for a new address than a known one, and flood limits
got round by another "+tag", another IPv6 address of one network or the Unicode spelling
of a domain."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from press.alerts import links, subscriptions, tasks
from press.models import Subscriber, SuppressedAddress
from visits.models import Visit
from visits.publishing import Status

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


class TestNoTimingOracle:
    """The page does the same work for every address: validate, count, queue one task."""

    STATES = ("new", "waiting", "confirmed", "stopped", "suppressed")

    def test_every_state_costs_the_same_queries_and_one_queued_task(
        self, django_capture_on_commit_callbacks
    ):
        now = timezone.now()
        trip = VisitFactory()
        Subscriber.objects.create(email="waiting@example.org", language="en")
        Subscriber.objects.create(email="confirmed@example.org", language="en", confirmed_at=now)
        Subscriber.objects.create(
            email="stopped@example.org", language="en", confirmed_at=now, stopped_at=now
        )
        SuppressedAddress.suppress("suppressed@example.org", "bounced")
        seen, numbers = {}, iter(range(1, 100))
        for name in self.STATES:
            for data in (
                form(f"{name}@example.org"),
                form(f"{name}@example.org", follow="some", trips=[trip.pk]),
            ):
                client = Client(REMOTE_ADDR=f"192.0.2.{next(numbers)}")
                with (
                    CaptureQueriesContext(connection) as queries,
                    django_capture_on_commit_callbacks(execute=False) as queued,
                ):
                    response = client.post(alerts_url(), data)
                key = data.get("follow")
                seen.setdefault(key, set()).add(
                    (
                        len(queries),
                        len(queued),
                        response.status_code,
                        response["Location"],
                        response.content,
                    )
                )
        assert all(len(answers) == 1 for answers in seen.values()), seen
        [(_queries, queued, status, _location, _content)] = seen["everything"]
        assert (queued, status) == (1, 303)
        assert mail.outbox == []  # nothing ran yet: the worker does it
        assert not Subscriber.objects.filter(email="new@example.org").exists()

    def test_the_worker_leaves_out_what_stopped_being_public_meanwhile(
        self, django_capture_on_commit_callbacks
    ):
        kept, hidden = VisitFactory(title_en="Kept"), VisitFactory(title_en="Hidden")
        data = form("a@example.org", follow="some", trips=[kept.pk, hidden.pk])
        with django_capture_on_commit_callbacks(execute=False) as queued:
            assert Client().post(alerts_url(), data).status_code == 303
        Visit.objects.filter(pk=hidden.pk).update(status=Status.DRAFT, published_at=None)
        with django_capture_on_commit_callbacks(execute=True):
            for callback in queued:
                callback()
        subscriber = Subscriber.objects.get()
        assert list(subscriber.trips.all()) == [kept]
        [message] = mail.outbox
        assert "/alerts/confirm/" in message.body

    def test_the_task_says_which_case_it_was(self):
        now = timezone.now()
        Subscriber.objects.create(email="c@example.org", language="en", confirmed_at=now)
        SuppressedAddress.suppress("s@example.org", "complained")
        ask = {"language": "en", "everything": True, "trips": [], "topics": []}
        results = {
            email: tasks.subscribe.call(email=email, **ask)
            for email in ("n@example.org", "c@example.org", "s@example.org")
        }
        assert results == {
            "n@example.org": subscriptions.NEW,
            "c@example.org": subscriptions.SUBSCRIBED,
            "s@example.org": subscriptions.SUPPRESSED,
        }
