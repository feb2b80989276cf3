"""The subscribe and manage forms against what a review found: ids too big for the
database, a reply that took longer for a new address than a known one, and flood limits
got round by another "+tag", another IPv6 address of one network or the Unicode spelling
of a domain."""

import importlib

import pytest
from django.apps import apps as django_apps
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


class TestFloodsNotGotRound:
    def test_another_plus_tag_is_the_same_mailbox(self, post):
        for number in range(3):
            email = f"Victim+{number}@example.org"
            response = post(alerts_url(), form(email), ip=f"198.51.100.{number}")
            assert response.status_code == 303
        response = post(alerts_url(), form("victim+9@example.org"), ip="198.51.100.9")
        assert response.status_code == 429
        assert post(alerts_url(), form("victim@example.org"), ip="198.51.100.10").status_code == 429
        # The subscriptions keep the address as typed (lower case), tag and all.
        assert set(Subscriber.objects.values_list("email", flat=True)) == {
            "victim+0@example.org",
            "victim+1@example.org",
            "victim+2@example.org",
        }
        assert len(mail.outbox) == 3
        # Another mailbox of the domain is not held back.
        assert post(alerts_url(), form("other@example.org"), ip="198.51.100.11").status_code == 303

    def test_an_ipv6_network_is_one_client(self, post):
        for number in range(5):
            ip = f"2001:db8:0:1:{number:x}::{number + 1}"
            assert post(alerts_url(), form(f"a{number}@example.org"), ip=ip).status_code == 303
        assert post(alerts_url(), form("a9@example.org"), ip="2001:db8:0:1::99").status_code == 429
        # The next /64 is another client.
        assert post(alerts_url(), form("a9@example.org"), ip="2001:db8:0:2::1").status_code == 303

    def test_an_ipv4_mapped_address_is_the_ipv4_client(self, post):
        for number in range(5):
            ip = "::ffff:192.0.2.5" if number % 2 else "192.0.2.5"
            assert post(alerts_url(), form(f"m{number}@example.org"), ip=ip).status_code == 303
        assert post(alerts_url(), form("m9@example.org"), ip="192.0.2.5").status_code == 429

    def test_a_unicode_domain_is_its_ascii_spelling(self, post):
        assert post(alerts_url(), form("A@Exämple.com"), ip="192.0.2.1").status_code == 303
        assert post(alerts_url(), form("a@xn--exmple-cua.com"), ip="192.0.2.2").status_code == 303
        assert post(alerts_url(), form("a@EXÄMPLE.com"), ip="192.0.2.3").status_code == 303
        assert post(alerts_url(), form("a@exämple.com"), ip="192.0.2.4").status_code == 429
        [subscriber] = Subscriber.objects.all()
        assert subscriber.email == "a@xn--exmple-cua.com"
        assert {message.to[0] for message in mail.outbox} == {"a@xn--exmple-cua.com"}

    def test_a_unicode_domain_is_suppressed_under_either_spelling(self):
        SuppressedAddress.suppress("a@EXÄMPLE.com", "bounced")
        assert SuppressedAddress.objects.get().email == "a@xn--exmple-cua.com"
        assert SuppressedAddress.is_suppressed("a@xn--exmple-cua.com")
        assert SuppressedAddress.is_suppressed("A@exämple.com")

    def test_a_throwaway_domain_is_blocked_in_either_spelling(self, post, settings):
        settings.PRESSROOM_ALERT_BLOCKED_DOMAINS = ["wegwerfpost.de", "ünnötig.example"]
        for email in ("a@xn--nntig-kua3b.example", "a@ÜNNÖTIG.example", "a@mail.ünnötig.example"):
            response = post(alerts_url(), form(email))
            assert response.status_code == 200
            assert "throwaway mail services" in response.text
        assert not Subscriber.objects.exists()

    def test_an_address_too_long_in_ascii_is_refused(self, post):
        email = "a@" + ".".join(["ä" * 20] * 10) + ".com"  # under 254 as typed, over in ASCII
        assert len(email) < 254
        response = post(alerts_url(), form(email))
        assert response.status_code == 200
        assert "at most 254 characters" in response.text
        assert not Subscriber.objects.exists()


def test_existing_rows_take_the_ascii_spelling():
    migration = importlib.import_module("press.migrations.0021_alerts_ascii_domains")
    now = timezone.now()
    rows = {}
    for email in ("one@exämple.com", "two@exämple.com", "plain@example.org"):
        rows[email] = Subscriber.objects.create(email="x", language="en", confirmed_at=now)
        Subscriber.objects.filter(pk=rows[email].pk).update(email=email)  # as saved before
    taken = Subscriber.objects.create(email="two@xn--exmple-cua.com", language="en")
    SuppressedAddress.objects.create(email="s@xn--exmple-cua.com", reason="bounced")
    for email in ("s@exämple.com", "t@exämple.com"):
        SuppressedAddress.objects.filter(
            pk=SuppressedAddress.objects.create(email="x", reason="bounced").pk
        ).update(email=email)

    migration.to_ascii(django_apps, None)

    def state(row):
        row.refresh_from_db()
        return row.email, row.stopped_at is None

    assert state(rows["one@exämple.com"]) == ("one@xn--exmple-cua.com", True)
    assert state(rows["two@exämple.com"]) == ("two@exämple.com", False)  # stopped: a twin
    assert state(taken) == ("two@xn--exmple-cua.com", True)
    assert state(rows["plain@example.org"]) == ("plain@example.org", True)
    assert sorted(SuppressedAddress.objects.values_list("email", flat=True)) == [
        "s@xn--exmple-cua.com",
        "t@xn--exmple-cua.com",
    ]


class TestManageWhenAFollowedTripIsNoLongerPublic:
    def make(self):
        kept = VisitFactory(title_en="Kept trip")
        hidden = VisitFactory(title_en="Withdrawn trip")
        topic = TopicFactory(name_en="Public topic")
        PressReleaseFactory(topics=[topic], visit=kept)
        subscriber = Subscriber.objects.create(email="a@example.org", language="ko")
        subscriber.trips.add(kept, hidden)
        subscriber.topics.add(topic)
        Visit.objects.filter(pk=hidden.pk).update(status=Status.DRAFT, published_at=None)
        return subscriber, kept

    def test_the_page_opens_and_offers_only_what_is_public(self):
        subscriber, _kept = self.make()
        response = Client().get(links.path(subscriber, "manage"))
        assert response.status_code == 200
        assert "Kept trip" in response.text and "Withdrawn trip" not in response.text

    def test_saving_drops_it_and_says_so_in_the_reader_s_language(self):
        subscriber, kept = self.make()
        response = Client().post(
            links.path(subscriber, "manage"),
            {"language": "ko", "follow": "some", "trips": [kept.pk]},
            follow=True,
        )
        assert response.status_code == 200
        assert 'lang="ko"' in response.text
        assert "알림 설정을 저장했습니다." in response.text
        assert (
            "구독하던 순방 또는 주제가 더 이상 공개되지 않아 알림에서 제외했습니다."
            in response.text
        )
        assert "Withdrawn trip" not in response.text  # not named
        assert list(subscriber.trips.all()) == [kept]

    def test_no_word_of_it_when_nothing_was_dropped(self):
        trip = VisitFactory()
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        subscriber.trips.add(trip)
        response = Client().post(
            links.path(subscriber, "manage"),
            {"language": "en", "follow": "some", "trips": [trip.pk]},
            follow=True,
        )
        assert "Your alert choices are saved." in response.text
        assert "no longer published" not in response.text
