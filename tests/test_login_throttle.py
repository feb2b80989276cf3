"""Sign-in to the admin is rate-limited per account and per address."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

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
    settings.PRESSROOM_TRUSTED_PROXIES = 1
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
