"""Shared previews: a signed, expiring link to a draft release, per language, for a
reviewer without an account; it stops working when it expires, when it is revoked and
when the release goes public, and a link that does not open never gives a 500."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from press import previews
from press.models import PressRelease
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from visits.publishing import Status

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ko", "zh-hans", "ja"]
TITLES = {
    "en": "Seoul opens robot lab",
    "ko": "서울 로봇 연구소 개소",
    "zh-hans": "首尔开设机器人实验室",
    "ja": "ソウルがロボット研究所を開設",
}
#: A draft release with its gallery, and one query each for its videos and documents.
QUERY_BUDGET = 14


@pytest.fixture
def draft():
    """A draft in four languages; only English is marked ready."""
    return PressReleaseFactory(
        draft=True,
        title_en=TITLES["en"],
        title_ko=TITLES["ko"],
        title_zh_hans=TITLES["zh-hans"],
        title_ja=TITLES["ja"],
        body_ko="<p>한국어 본문</p>",
        body_zh_hans="<p>中文正文</p>",
        body_ja="<p>日本語の本文</p>",
        ready_ko=False,
        ready_zh_hans=False,
        ready_ja=False,
    )


def link(release, language="en"):
    return previews.preview_url(release, language)


def token_of(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def fresh(release):
    return PressRelease.objects.get(pk=release.pk)


def publish(release, **changes):
    """Publish from a fresh copy (the release is optimistically locked)."""
    release = fresh(release)
    release.status = Status.PUBLISHED
    release.published_at = timezone.now() - timedelta(minutes=1)
    for name, value in changes.items():
        setattr(release, name, value)
    release.save()
    return release


def assert_private(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert "nofollow" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


# --- opening a link -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_link_opens_without_an_account_in_its_language(client, draft, language):
    url = link(draft, language)
    assert url.startswith(f"/{language}/preview/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert TITLES[language] in html
    assert response.context["shared_preview"] is True


def test_preview_shows_the_translation_that_is_not_ready(client, draft):
    html = client.get(link(draft, "ja")).content.decode()
    assert "日本語の本文" in html
    # Shown as Japanese, not as a fallback to English.
    assert "The body of the release." not in html
    assert "not yet available" not in html


def test_banner_says_it_is_not_public_and_when_the_link_expires(client, draft, settings):
    settings.PRESSROOM_PREVIEW_MAX_AGE = timedelta(days=2)
    with time_machine.travel("2024-07-01 09:00 +09:00", tick=False):
        html = client.get(link(draft)).content.decode()
    assert "Preview shared by the press office — not public yet." in html
    assert '<time datetime="2024-07-03T09:00:00+09:00">' in html


def test_page_is_not_cached_indexed_or_referred(client, draft):
    response = client.get(link(draft))
    assert_private(response)
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<meta name="referrer" content="no-referrer">' in html


def test_page_has_no_admin_links_no_feeds_and_no_structured_data(client, draft, admin_user):
    client.force_login(admin_user)  # even for staff: the page is the reviewer's view
    response = client.get(link(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLES["en"] in html
    assert "/admin/" not in html
    assert "preview-banner" not in html
    assert "application/rss+xml" not in html
    assert "application/atom+xml" not in html
    assert "application/ld+json" not in html


def test_a_link_of_another_language_goes_to_its_own(client, draft):
    """A Korean link opened under /ja/ (the language switcher) leads to the Korean text."""
    url = link(draft, "ko")
    with translation.override("ja"):
        elsewhere = reverse("press:release_preview", kwargs={"token": token_of(url)})
    assert elsewhere.startswith("/ja/")
    response = client.get(elsewhere)
    assert response.status_code == 302
    assert response["Location"] == url
    assert_private(response)


def test_only_get(client, draft):
    assert client.post(link(draft)).status_code == 405


# --- links that do not open -----------------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:-5],
        lambda token: "X" + token,
        lambda token: "nonsense",
        lambda token: ":::",
        lambda token: signing.TimestampSigner(salt="other").sign_object([1, "en", "0" * 32]),
        lambda token: previews.signer().sign_object({"not": "a link"}),
        lambda token: previews.signer().sign_object([1, "de", "0" * 32]),
        lambda token: previews.signer().sign_object(["1", "en", "0" * 32]),
    ],
)
def test_a_tampered_or_made_up_token_is_not_found(client, draft, tamper):
    token = tamper(token_of(link(draft, "ko")))
    with translation.override("ko"):
        url = reverse("press:release_preview", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 404
    assert_private(response)
    html = response.content.decode()
    assert '<html lang="ko">' in html  # in the reader's language
    assert TITLES["ko"] not in html and TITLES["en"] not in html


def test_link_expires_after_the_max_age(client, draft):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        url = link(draft)
        traveller.shift(timedelta(days=7) - timedelta(seconds=1))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(seconds=1))
        response = client.get(url)
    assert response.status_code == 410
    assert_private(response)
    assert "This preview link has expired." in response.content.decode()
    assert TITLES["en"] not in response.content.decode()


def test_max_age_is_a_setting(client, draft, settings):
    settings.PRESSROOM_PREVIEW_MAX_AGE = 3600  # seconds, or a timedelta
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        url = link(draft)
        traveller.shift(timedelta(minutes=59))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(minutes=1))
        assert client.get(url).status_code == 410


def test_revoked_links_stop_working_and_new_ones_work(client, draft):
    old = link(draft, "ko")
    release = fresh(draft)
    release.revoke_previews()
    release.save()
    response = client.get(old)
    assert response.status_code == 410
    with translation.override("ko"):
        assert (
            gettext("The press office has cancelled this preview link.")
            in response.content.decode()
        )
    assert client.get(link(release, "ko")).status_code == 200


def test_refused_once_published(client, draft):
    url = link(draft, "ko")
    release = publish(draft, ready_en=True)
    response = client.get(url)
    assert response.status_code == 410
    assert_private(response)
    html = response.content.decode()
    assert TITLES["ko"] not in html
    with translation.override("ko"):
        assert f'href="{release.get_absolute_url()}"' in html  # in the reader's language


def test_refused_once_public_even_if_nobody_revoked(client, draft):
    """A code path that skips save() (and so the revoke) still cannot leave links open."""
    url = link(draft)
    PressRelease.objects.filter(pk=draft.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )
    assert fresh(draft).preview_key == draft.preview_key
    response = client.get(url)
    assert response.status_code == 410
    assert f'href="/en/releases/{draft.slug}/"' in response.content.decode()


def test_expired_link_of_a_published_release_points_to_it(client, draft):
    with time_machine.travel(timezone.now() - timedelta(days=30)):
        url = link(draft)
    release = publish(draft)
    response = client.get(url)
    assert response.status_code == 410
    assert f'href="/en/releases/{release.slug}/"' in response.content.decode()


def test_refused_once_scheduled_even_if_nobody_revoked(client, draft):
    url = link(draft)
    PressRelease.objects.filter(pk=draft.pk).update(
        status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1)
    )
    response = client.get(url)
    assert response.status_code == 410
    assert TITLES["en"] not in response.content.decode()
    assert "no longer available for review" in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_drafts_and_releases_in_review_can_be_shared(client, draft, status):
    PressRelease.objects.filter(pk=draft.pk).update(status=status)
    assert client.get(link(draft)).status_code == 200


def test_withdrawn_and_deleted_releases_are_gone(client):
    withdrawn = PressReleaseFactory(withdrawn=True)
    deleted = PressReleaseFactory(draft=True)
    urls = [link(withdrawn), link(deleted)]
    deleted.delete()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 410
        assert "no longer available for review" in response.content.decode()


# --- query count ----------------------------------------------------------------------


def draft_with(n):
    """A draft on a public trip with n topics, photos, engagements, and n of the trip's
    releases and coverage items around it."""
    trip = VisitFactory()
    leg = LegFactory(visit=trip)
    engagements = [EngagementFactory(leg=leg) for _ in range(n)]
    photos = [PhotoFactory(visit=trip) for _ in range(n)]
    release = PressReleaseFactory(
        draft=True,
        visit=trip,
        topics=[TopicFactory() for _ in range(n)],
        engagements=engagements,
        photos=photos,
    )
    for _ in range(n):
        PressReleaseFactory(visit=trip, topics=[TopicFactory()])
        CoverageFactory(visit=trip)
    return release


def test_query_count_is_constant_and_in_budget(client, django_assert_max_num_queries):
    counts = []
    for n in (1, 8):
        url = link(draft_with(n))
        with (
            django_assert_max_num_queries(QUERY_BUDGET),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_refused_link_costs_one_query(client, draft, django_assert_max_num_queries):
    url = link(draft)
    publish(draft)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 410
    with django_assert_max_num_queries(0):
        assert client.get("/en/preview/nonsense/").status_code == 404


# --- admin ----------------------------------------------------------------------------


def editor(django_user_model, *perms):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="press", codename__in=perms)
    )
    return django_user_model.objects.get(pk=user.pk)


def test_admin_field_gives_a_working_link_per_language(rf, client, draft, django_user_model):
    request = rf.get("/en/admin/")
    request.user = editor(django_user_model, "change_pressrelease")
    html = previews.admin_preview_links(draft, request)
    urls = re.findall(r'value="(http://testserver/[^"]+)"', html)
    assert [url.split("/")[3] for url in urls] == LANGUAGES
    assert html.count("<time datetime=") == 4
    assert "without signing in" in html
    for language, url in zip(LANGUAGES, urls, strict=True):
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert TITLES[language] in response.content.decode()


def test_admin_field_shares_nothing_it_should_not(rf, draft, django_user_model):
    request = rf.get("/en/admin/")
    request.user = editor(django_user_model, "view_pressrelease")
    assert "/preview/" not in previews.admin_preview_links(draft, request)
    request.user = AnonymousUser()
    assert "/preview/" not in previews.admin_preview_links(draft, request)
    request.user = django_user_model.objects.create_superuser("boss", password="x")
    assert "Save the release first" in previews.admin_preview_links(PressRelease(), request)
    public = PressReleaseFactory()
    assert "public address" in previews.admin_preview_links(public, request)
    withdrawn = PressReleaseFactory(withdrawn=True)
    assert "/preview/" not in previews.admin_preview_links(withdrawn, request)
    scheduled = PressReleaseFactory(scheduled=True)
    assert "/preview/" not in previews.admin_preview_links(scheduled, request)


def admin_request(rf, method, user, csrf=False):
    request = getattr(rf, method)("/en/admin/press/pressrelease/revoke/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = not csrf
    return request


def test_revoke_view_asks_then_revokes(rf, client, draft, django_user_model):
    user = editor(django_user_model, "change_pressrelease")
    url = link(draft)
    page = previews.revoke_view(admin_request(rf, "get", user), draft.pk)
    page.render()
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert client.get(url).status_code == 200  # asking changes nothing

    response = previews.revoke_view(admin_request(rf, "post", user), draft.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:press_pressrelease_change", args=[draft.pk])
    release = fresh(draft)
    assert release.preview_key != draft.preview_key
    assert release.lock_version == draft.lock_version + 1  # open forms notice
    assert client.get(url).status_code == 410


def test_revoke_view_needs_permission_and_csrf(rf, draft, django_user_model):
    viewer = editor(django_user_model, "view_pressrelease")
    with pytest.raises(PermissionDenied):
        previews.revoke_view(admin_request(rf, "post", viewer), draft.pk)
    changer = django_user_model.objects.create_superuser("boss", password="x")
    forged = admin_request(rf, "post", changer, csrf=True)
    assert previews.revoke_view(forged, draft.pk).status_code == 403
    assert previews.revoke_view(admin_request(rf, "put", changer), draft.pk).status_code == 405
    assert fresh(draft).preview_key == draft.preview_key


def test_release_form_shares_and_revokes_through_the_admin(client, draft, admin_user):
    """The release's change form shows the four links; its revoke button ends them."""
    client.force_login(admin_user)
    change = reverse("admin:press_pressrelease_change", args=[draft.pk])
    page = client.get(change).content.decode()
    shared = re.findall(
        r'href="(?:http://testserver)?(/(?:en|ko|zh-hans|ja)/preview/[^"]+/)"', page
    )
    assert len(set(shared)) == 4
    client.logout()
    assert client.get(shared[0]).status_code == 200

    client.force_login(admin_user)
    revoke = reverse("admin:press_pressrelease_revoke_previews", args=[draft.pk])
    assert revoke in page
    assert client.post(revoke).status_code == 302
    client.logout()
    assert client.get(shared[0]).status_code == 410
