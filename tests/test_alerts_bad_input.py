"""The subscribe form against bad input and floods: malformed, overlong and throwaway
addresses are refused with a message in the reader's language; past the limit per address
or per client the form answers 429, alike for every address; nothing is saved or sent."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from press.alerts import throttle
from press.models import Subscriber

from .test_alerts_subscribe import alerts_url, form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.PRESSROOM_ALERT_SUBSCRIBE_PER_ADDRESS = 3
    settings.PRESSROOM_ALERT_SUBSCRIBE_PER_IP = 5
    settings.PRESSROOM_ALERT_SUBSCRIBE_WINDOW = 3600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    def send(data, *, language="en", ip="203.0.113.7", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return Client(REMOTE_ADDR=ip).post(alerts_url(language), data, **extra)

    return send


def assert_nothing_happened():
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


class TestAddresses:
    @pytest.mark.parametrize(
        "address",
        ["plain", "a@b", "a@@example.org", "a b@example.org", "<script>@example.org", " "],
    )
    def test_a_malformed_address_is_refused_in_the_reader_s_language(self, post, address):
        response = post(form(address), language="ko")
        assert response.status_code == 200
        with translation.override("ko"):
            expected = gettext("Enter a valid email address.")
            if not address.strip():
                expected = gettext("This field is required.")
        assert expected in response.text
        assert 'lang="ko"' in response.text
        assert_nothing_happened()

    def test_an_overlong_address_is_refused(self, post):
        response = post(form("a" * 250 + "@example.org"))
        assert response.status_code == 200
        assert "at most 254 characters" in response.text
        assert_nothing_happened()

    @pytest.mark.parametrize(
        "address", ["x@mailinator.com", "x@eu.mailinator.com", "X@YOPMAIL.COM", "x@MailDrop.cc"]
    )
    def test_a_throwaway_address_is_refused(self, post, address):
        response = post(form(address), language="ja")
        assert response.status_code == 200
        assert "使い捨てメールサービスのアドレスは受け付けていません" in response.text
        assert_nothing_happened()

    def test_only_the_domain_and_its_subdomains_are_blocked(self, post):
        response = post(form("x@notmailinator.com"))
        assert response.status_code == 303
        assert Subscriber.objects.filter(email="x@notmailinator.com").exists()

    def test_the_office_sets_the_blocked_domains(self, post, settings):
        settings.PRESSROOM_ALERT_BLOCKED_DOMAINS = ["example.net"]
        assert post(form("x@news.example.net")).status_code == 200
        assert post(form("x@mailinator.com")).status_code == 303

    @pytest.mark.parametrize(
        "data",
        [
            {"email": "a@example.org", "language": "xx", "follow": "everything"},
            {"email": "a@example.org", "language": "en", "follow": "nothing"},
            {"email": "a@example.org", "language": "en", "follow": "some", "trips": ["abc"]},
            {"email": "a@example.org", "language": "en", "follow": "some", "topics": ["99999"]},
            {"email": ["a@example.org", "b@example.org"], "language": "en"},
            {},
        ],
    )
    def test_other_bad_fields_are_errors_not_failures(self, post, data):
        response = post(data)
        assert response.status_code == 200
        assert 'class="errorlist"' in response.text
        assert_nothing_happened()

    def test_other_methods_are_refused(self):
        assert Client().put(alerts_url(), "email=a@example.org").status_code == 405
        assert Client().delete(alerts_url()).status_code == 405


class TestFloods:
    def test_past_the_limit_per_address_the_form_answers_429_whatever_the_address_s_state(
        self, post
    ):
        Subscriber.objects.create(
            email="known@example.org", language="en", confirmed_at=timezone.now()
        )
        limited = {}
        for address in ("known@example.org", "unknown@example.org"):
            for attempt in range(3):  # each from another network: the address is counted
                assert post(form(address), ip=f"198.51.100.{attempt}").status_code == 303
            response = post(form(address), ip="198.51.100.9")
            limited[address] = (response.status_code, response["Retry-After"], response.content)
        assert limited["known@example.org"] == limited["unknown@example.org"]
        status, retry_after, content = limited["known@example.org"]
        assert (status, retry_after) == (429, "3600")
        assert b"Too many subscription requests" in content
        assert len(mail.outbox) == 6  # three each, none past the limit

    def test_past_the_limit_per_client_the_form_answers_429(self, post):
        for number in range(5):
            assert post(form(f"a{number}@example.org")).status_code == 303
        response = post(form("a9@example.org"), language="zh-hans")
        assert response.status_code == 429
        assert "此地址或您的网络提交的订阅请求过多" in response.text
        assert not Subscriber.objects.filter(email="a9@example.org").exists()
        # Another client is not held back.
        assert post(form("a9@example.org"), ip="192.0.2.1").status_code == 303

    def test_the_client_is_the_one_the_trusted_proxy_saw(self, post, settings):
        settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.0/8"]
        proxy = "10.0.0.5"
        for number in range(5):
            # The client forges the first entry each time; the proxy appends the real one.
            forwarded = f"192.0.2.{number}, 203.0.113.50"
            response = post(
                form(f"b{number}@example.org"), ip=proxy, HTTP_X_FORWARDED_FOR=forwarded
            )
            assert response.status_code == 303
        response = post(form("b9@example.org"), ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
        assert response.status_code == 429
        other = post(form("b9@example.org"), ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51")
        assert other.status_code == 303

    def test_bad_input_is_not_counted_against_the_address(self, post):
        for _attempt in range(5):
            post({**form("c@example.org"), "language": "xx"}, ip="192.0.2.77")
        assert post(form("c@example.org")).status_code == 303

    def test_the_cache_down_refuses_rather_than_lets_a_flood_through(self, post, monkeypatch):
        def down(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(throttle.cache, "add", down)
        response = post(form("d@example.org"), language="ko")
        assert response.status_code == 503
        assert "지금은 구독 신청을 받을 수 없습니다" in response.text
        assert_nothing_happened()

    def test_the_cache_holds_no_address(self, post):
        post(form("secret.reporter@example.org"))
        keys = list(cache._cache)  # the test settings' local-memory cache
        assert keys and not any("secret.reporter" in key for key in keys)


def test_the_sent_page_takes_no_post():
    with translation.override("en"):
        assert Client().post(reverse("press:alerts_sent")).status_code == 405
