"""Sign-in to the admin is rate-limited per account and per address."""

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests import redis_server
from tests.factories import PressReleaseFactory
from tests.test_pages import fetch, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor", password="correct horse battery", is_staff=True, is_superuser=True
    )


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_the_account_even_for_the_right_password(client, editor):
    for _ in range(5):
        assert sign_in(client, "editor", "wrong").status_code == 200
    response = sign_in(client, "editor", "correct horse battery")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From another address, the account is still locked; another account is not.
    assert sign_in(client, "EDITOR", "correct horse battery", "198.51.100.7").status_code == 429
    get_user_model().objects.create_user("other", password="pw-other-123", is_staff=True)
    assert sign_in(client, "other", "pw-other-123", "198.51.100.7").status_code == 302


def test_the_lock_ends_after_the_window(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert sign_in(client, "editor", "correct horse battery").status_code == 302


def test_many_accounts_tried_from_one_address_lock_the_address(client, editor):
    for n in range(20):
        sign_in(client, f"guess{n}", "wrong")
    assert sign_in(client, "editor", "correct horse battery").status_code == 429
    assert sign_in(client, "editor", "correct horse battery", "192.0.2.1").status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "correct horse battery").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "correct horse battery").status_code == 302


def test_the_refusal_is_in_the_readers_language(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    response = client.post(
        reverse("admin:login").replace("/en/", "/ko/"),
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="ko"' in html and "로그인 실패가 너무 많습니다" in html


def test_behind_a_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = "10.0.0.2"
    for n in range(20):
        client.post(
            reverse("admin:login"),
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"forged-{n}, 203.0.113.9",
        )
    # The attacker's address is locked (whatever it forged before it)...
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "correct horse battery"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
    )
    assert response.status_code == 429
    # ...while an editor coming through the same proxy is not.
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "correct horse battery"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302


# --- the address behind proxies ------------------------------------------------------------


PASSWORD = "correct horse battery"


def attempt(client, address, forwarded, username="editor", password="wrong"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_client_reaching_the_app_server_directly_cannot_forge_its_address(
    client, editor, settings
):
    """Past the proxy, straight to an app server: a new X-Forwarded-For on every attempt
    does not make a new address, since only the proxies' entries are believed."""
    settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(20):
        attempt(client, "203.0.113.50", f"198.51.100.{n}", username=f"guess{n}")
    response = attempt(client, "203.0.113.50", "198.51.100.99", password=PASSWORD)
    assert response.status_code == 429
    # Through the proxy, the editor's own address is not locked.
    response = attempt(client, "10.0.0.2", "198.51.100.99", password=PASSWORD)
    assert response.status_code == 302


def test_through_a_chain_of_proxies_the_first_untrusted_entry_counts(client, editor, settings):
    """Two proxies: the outer one appends the visitor, the inner one the outer proxy.
    Whatever the visitor put in front (an address, a word, many) is left aside."""
    settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    for n in range(20):
        forged = ["not-an-address", f"198.51.100.{n}", f"2001:db8::{n}"][n % 3]
        attempt(client, "10.0.0.2", f"{forged}, 203.0.113.9, 192.0.2.10", f"guess{n}")
    locked = attempt(client, "10.0.0.2", "203.0.113.9, 192.0.2.10", password=PASSWORD)
    assert locked.status_code == 429
    other = attempt(client, "10.0.0.2", "203.0.113.10, 192.0.2.10", password=PASSWORD)
    assert other.status_code == 302


def test_over_a_unix_socket_the_proxy_on_this_machine_is_believed(client, editor, settings):
    """gunicorn on a Unix socket gives no peer address: only the proxy can reach it."""
    settings.PRESSROOM_TRUSTED_PROXIES = []
    for n in range(20):
        attempt(client, "", "203.0.113.9", username=f"guess{n}")
    assert attempt(client, "", "203.0.113.9", password=PASSWORD).status_code == 429
    assert attempt(client, "", "203.0.113.10", password=PASSWORD).status_code == 302


# --- where a sign-in leads ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)", ""]
)
def test_a_refused_next_leads_to_the_admin_index(client, editor, lang, next_url):
    login = reverse("admin:login").replace("/en/", f"/{lang}/")
    response = client.post(
        login, {"username": "editor", "password": "correct horse battery", "next": next_url}
    )
    index = reverse("admin:index").replace("/en/", f"/{lang}/")
    assert response.status_code == 302
    assert response["Location"] == index
    assert client.get(index).status_code == 200


def test_a_next_on_this_site_is_followed(client, editor):
    target = reverse("admin:auth_user_changelist")
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "correct horse battery", "next": target},
    )
    assert response["Location"] == target


# --- the cache server down ------------------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path):
    yield from redis_server.own_redis(tmp_path)


@pytest.fixture
def cache_on_own_redis(own_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.NewsroomRedisCache",
            "LOCATION": own_redis.url,
        }
    }
    return own_redis


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_with_the_cache_down_sign_in_says_so_in_the_readers_language(
    client, editor, cache_on_own_redis, outage
):
    cache_on_own_redis.stop() if outage == "stopped" else cache_on_own_redis.freeze()
    login = reverse("admin:login").replace("/en/", "/ko/")
    assert client.get(login).status_code == 200
    response = client.post(login, {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert 'lang="ko"' in html and "지금은 로그인할 수 없습니다" in html
    assert "_auth_user_id" not in client.session
    # A wrong password is refused the same way, not let through uncounted.
    assert client.post(login, {"username": "editor", "password": "wrong"}).status_code == 503


def test_with_the_cache_frozen_requests_wait_once_not_each_time(
    client, editor, cache_on_own_redis, settings, caplog
):
    """A Redis that hangs costs one short timeout; later requests, pages and sign-ins
    alike, do not wait for it again (until the pause is over).

    Counted, not timed: each wait for the frozen server ends in the warning that starts
    a pause, so one warning over ten requests is one wait. The pause is long here, so
    that a slow machine does not outlast it between requests."""
    settings.PRESSROOM_PAGE_CACHE_SECONDS = 600
    default = settings.CACHES["default"]
    settings.CACHES = {"default": {**default, "OPTIONS": {"unreachable_pause": 600}}}
    release = PressReleaseFactory()
    cache_on_own_redis.freeze()
    with caplog.at_level(logging.WARNING, logger="config.redis_cache"):
        for _ in range(5):
            assert release.title_en in fetch(client, url_of(release)).html
            assert attempt(client, "203.0.113.5", "").status_code == 503
    waits = [r for r in caplog.records if "Redis cannot be reached" in r.getMessage()]
    assert len(waits) == 1
