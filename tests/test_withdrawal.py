"""A withdrawn release, as readers, crawlers and feed readers meet it.

Like GOV.UK, a release that was public and is withdrawn keeps its address: its page
says, at the top and in the reader's language, when and why it was withdrawn, keeps its
text, and drops its photos, structured data and feed links, and asks not to be indexed.
It has left every list, feed, sitemap and topic or trip page, and its photos' files are
no longer public through it.

Only a release that was public can be withdrawn (the action and the form refuse the
others); one that was never public and is withdrawn anyway (by a script, or an old row)
is a 404 at every door, whatever its times say.
"""

import importlib
import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import reversion
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from press import previews
from press.models import PressRelease, next_release_moments
from press.renditions import make_renditions, social_image_url
from press.services import withdraw_release
from tests.factories import (
    CoverageFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_admin import admin_url, messages_in, post_data
from tests.test_feeds import read_feed, sitemap_locations
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, rev, seoul, url_of
from tests.test_roles import change_url, member, messages_of, run_action
from visits.publishing import Status

pytestmark = pytest.mark.django_db

TITLE = "Night market on the Han River opens in August"
KO_TITLE = "한강 야시장 8월 개장"
BODY = "Stalls open every Friday."
REASON_EN = "The market was postponed."
REASON_KO = "야시장 개장이 연기되었습니다."
WITHDRAWN_AT = seoul(2024, 7, 26, 9, 30)
FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


def build_withdrawal():
    w = SimpleNamespace()
    w.trip = VisitFactory(legs=1)
    w.topic = TopicFactory(name_en="Markets")
    w.staying = PressReleaseFactory(visit=w.trip, topics=[w.topic], title_ko="남는 보도자료")
    # Its photos are shown by nothing else public.
    w.lead_photo = PhotoFactory(visit=None)
    w.photo = PhotoFactory(visit=None)
    w.release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.topic],
        photos=[w.lead_photo, w.photo],
        title_en=TITLE,
        title_ko=KO_TITLE,
        body_en=f"<p>{BODY}</p>",
        published_at=seoul(2024, 7, 25, 10, 0),
        withdrawal_reason_en=REASON_EN,
        withdrawal_reason_ko=REASON_KO,
    )
    with time_machine.travel(WITHDRAWN_AT, tick=False):
        withdraw_release(release=w.release, user=member("Publisher"))
    w.coverage = CoverageFactory(visit=w.trip, releases=[w.release, w.staying])
    # Withdrawn before it was ever public: never published, or withdrawn before its time.
    w.never_published = PressReleaseFactory(
        visit=w.trip, withdrawn=True, published_at=None, title_en="Never out"
    )
    w.withdrawn_under_embargo = PressReleaseFactory(
        visit=w.trip,
        withdrawn=True,
        published_at=timezone.now() + timedelta(days=1),
        title_en="Withdrawn under embargo",
    )
    make_renditions(w.lead_photo)
    return w


withdrawal = class_data("withdrawal", build_withdrawal)


def advertised_feeds(page):
    return [link for link in page.head("alternate") if link.get("type") in FEED_TYPES]


class TestItsPage:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_keeps_its_address_and_text_under_a_notice(self, client, withdrawal, lang):
        page = fetch(client, url_of(withdrawal.release, lang))
        main = page.html.split('<main id="main"', 1)[1]
        notice = re.search(r'<section class="notice notice--withdrawn".*?</section>', main, re.S)
        assert notice is not None
        assert main.index(notice.group()) < main.index("<h1>")  # at the top
        assert f'<time datetime="{timezone.localtime(WITHDRAWN_AT).isoformat()}">' in notice[0]
        reason = REASON_KO if lang == "ko" else REASON_EN
        assert reason in notice[0]
        assert page.langs_of(reason) == {"ko" if lang == "ko" else "en"}
        assert BODY in page.html
        assert page.langs_of(KO_TITLE if lang == "ko" else TITLE) == {
            "ko" if lang == "ko" else "en"
        }

    def test_says_so_in_english(self, client, withdrawal):
        page = fetch(client, url_of(withdrawal.release))
        assert "This release was withdrawn on" in page.html
        assert "26 July 2024" in page.html
        assert page.html.split("<title>", 1)[1].startswith(f"Withdrawn: {TITLE}")

    def test_drops_its_photos(self, client, withdrawal):
        page = fetch(client, url_of(withdrawal.release))
        for photo in (withdrawal.lead_photo, withdrawal.photo):
            assert photo.image.name not in page.html
            assert not page.links_to(url_of(photo))
        assert "og:image" not in page.meta

    def test_is_not_indexed_and_has_no_structured_data_or_feed_links(self, client, withdrawal):
        response = client.get(url_of(withdrawal.release))
        page = fetch(client, url_of(withdrawal.release))
        assert page.meta["robots"] == "noindex"
        assert response["X-Robots-Tag"] == "noindex"
        assert page.jsonld == []
        assert advertised_feeds(page) == []

    def test_is_an_ordinary_public_page_for_caches(self, client, withdrawal):
        response = client.get(url_of(withdrawal.release))
        assert "private" not in response.get("Cache-Control", "")
        assert "preview-banner" not in response.content.decode()

    def test_query_count_within_budget(self, client, withdrawal, django_assert_max_num_queries):
        client.get(url_of(withdrawal.release))  # builds its read-model row
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url_of(withdrawal.release)).status_code == 200

    def test_a_public_release_has_no_notice_and_keeps_its_photos(self, client, withdrawal):
        w = withdrawal
        public = PressReleaseFactory(visit=w.trip, photos=[PhotoFactory(visit=None)])
        page = fetch(client, url_of(public))
        assert "notice--withdrawn" not in page.html
        assert "robots" not in page.meta
        assert len(page.jsonld) == 1
        assert "og:image" in page.meta
        assert advertised_feeds(page)


class TestNeverPublic:
    @pytest.mark.parametrize("lang", ["en", "ja"])
    def test_is_a_404(self, client, withdrawal, lang):
        for release in (withdrawal.never_published, withdrawal.withdrawn_under_embargo):
            page = fetch(client, url_of(release, lang), status=404)
            assert release.title_en not in page.html

    def test_editors_may_still_preview_it(self, client, withdrawal, django_user_model):
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="change_pressrelease"))
        client.force_login(editor)
        response = client.get(url_of(withdrawal.never_published))
        assert response.status_code == 200
        assert "preview-banner" in response.content.decode()
        assert "private" in response["Cache-Control"]


class TestItHasLeft:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_every_list_and_page_that_lists_releases(self, client, withdrawal, lang):
        w = withdrawal
        link = url_of(w.release, lang)
        pages = [
            rev("press:home", lang),
            rev("press:release_list", lang),
            f"{rev('press:release_list', lang)}?topic={w.topic.slug}",
            url_of(w.topic, lang),
            url_of(w.trip, lang),
            url_of(w.staying, lang),  # "more on this trip"
            url_of(w.coverage, lang),  # the releases an article covers
        ]
        for url in pages:
            page = fetch(client, url)
            assert not page.links_to(link), url
            assert TITLE not in page.html and KO_TITLE not in page.html, url
        assert fetch(client, rev("press:release_list", lang)).links_to(url_of(w.staying, lang))

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_every_feed(self, client, withdrawal, lang):
        w = withdrawal
        for fmt in ("rss", "atom"):
            for name, kwargs in [
                ("release_feed", {}),
                ("trip_release_feed", {"slug": w.trip.slug}),
                ("topic_feed", {"slug": w.topic.slug}),
            ]:
                feed = read_feed(client, rev(f"press:{name}_{fmt}", lang, **kwargs))
                assert f"http://testserver{url_of(w.release, lang)}" not in feed.links
                assert TITLE not in feed.xml

    def test_the_sitemap(self, client, withdrawal):
        w = withdrawal
        listed = sitemap_locations(client, "releases")
        assert f"http://testserver{url_of(w.staying)}" in listed
        for release in (w.release, w.never_published, w.withdrawn_under_embargo):
            for lang in LANGUAGES:
                assert f"http://testserver{url_of(release, lang)}" not in listed
        photos = sitemap_locations(client, "photos")
        assert f"http://testserver{url_of(w.lead_photo)}" not in photos

    def test_its_photos_pages_and_files(self, client, withdrawal):
        for photo in (withdrawal.lead_photo, withdrawal.photo):
            assert client.get(url_of(photo)).status_code == 404
            assert client.get(urlsplit(photo.image.url).path).status_code == 404
            assert client.get(urlsplit(social_image_url(photo)).path).status_code == 404


def test_a_language_due_after_the_withdrawal_never_shows(client):
    """A translation scheduled for after the withdrawal stays unseen on the withdrawn page."""
    now = timezone.now()
    release = PressReleaseFactory(
        title_ja="撤回後の翻訳",
        ready_ja=True,
        public_from_ja=now + timedelta(hours=2),
    )
    withdraw_release(release=release, user=member("Publisher"), reason=REASON_EN)
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        page = client.get(release.get_absolute_url().replace("/en/", "/ja/", 1))
    assert page.status_code == 200
    assert "撤回後の翻訳" not in page.content.decode()


def test_republishing_a_withdrawn_release_clears_the_withdrawal(client):
    release = PressReleaseFactory(withdrawn=True)
    release.status = Status.PUBLISHED
    release.save()
    release.refresh_from_db()
    assert release.withdrawn_at is None
    page = client.get(release.get_absolute_url()).content.decode()
    assert "was withdrawn" not in page


# --- only what was public can be withdrawn ----------------------------------------------

NEVER_PUBLIC = (
    "Only a published release can be withdrawn; this one was never public, so unpublish "
    "or delete it instead."
)
SECRET_BODY = "Ferry fares double in September"


def build_never_public():
    """Releases that were never public, withdrawn anyway, with publication times long
    past: by a script (from draft and from review), an old row written withdrawn, and
    one under embargo whose withdrawal is dated after its time. Beside them, a public
    release of the same trip and topic, so that every list and feed exists."""
    n = SimpleNamespace()
    n.trip = VisitFactory(legs=1)
    n.topic = TopicFactory(name_en="Ferries")
    n.staying = PressReleaseFactory(visit=n.trip, topics=[n.topic], title_en="Ferry timetable")
    n.photo = PhotoFactory(visit=None)  # shown by nothing public
    past = timezone.now() - timedelta(days=3)
    n.previews = {}
    n.releases = []
    for status in (Status.DRAFT, Status.IN_REVIEW):
        release = PressReleaseFactory(
            visit=n.trip,
            topics=[n.topic],
            photos=[n.photo],
            status=status,
            published_at=past,
            title_en=f"Ferry {status} qzxv",
            title_ko="페리 qzxv",
            body_en=f"<p>{SECRET_BODY}</p>",
            ready_ko=True,
        )
        n.previews[status] = previews.preview_url(release, "en")
        release.status = Status.WITHDRAWN  # what a script does
        release.withdrawal_reason_en = "Not needed."
        release.save()
        n.releases.append(release)
    n.releases.append(
        PressReleaseFactory(  # an old row, withdrawn with no record of having been public
            visit=n.trip,
            topics=[n.topic],
            status=Status.WITHDRAWN,
            published_at=past,
            withdrawn_at=past + timedelta(days=1),
            withdrawal_reason_en="Not needed.",
            title_en="Ferry old row qzxv",
            body_en=f"<p>{SECRET_BODY}</p>",
        )
    )
    return n


never_public = class_data("never_public", build_never_public)


class TestNeverPublicWithdrawnAnyway:
    """Every door stays shut (before the fix their pages answered 200 with their text)."""

    def test_its_page_is_a_404_in_every_language(self, client, never_public):
        for release in never_public.releases:
            assert not release.was_public
            for lang in LANGUAGES:
                page = fetch(client, url_of(release, lang), status=404)
                assert SECRET_BODY not in page.html and release.title_en not in page.html

    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_no_feed_list_count_or_search_has_it(self, client, never_public, lang):
        n = never_public
        for fmt in ("rss", "atom"):
            for name, kwargs in [
                ("release_feed", {}),
                ("trip_release_feed", {"slug": n.trip.slug}),
                ("topic_feed", {"slug": n.topic.slug}),
            ]:
                feed = read_feed(client, rev(f"press:{name}_{fmt}", lang, **kwargs))
                assert "qzxv" not in feed.xml
        for url in (
            rev("press:release_list", lang),
            f"{rev('press:release_list', lang)}?topic={n.topic.slug}",
            url_of(n.topic, lang),
            url_of(n.trip, lang),
            rev("press:home", lang),
        ):
            assert "qzxv" not in fetch(client, url).html, url
        with translation.override("en"):
            listed = fetch(client, f"{rev('press:release_list')}?topic={n.topic.slug}")
            assert "1 press release" in listed.html
        with translation.override(lang):
            search = client.get(reverse("visits:search"), {"q": "qzxv"}).content.decode()
        assert "qzxv</mark>" not in search and 'class="card search-hit"' not in search

    def test_the_sitemap_and_its_photo(self, client, never_public):
        listed = sitemap_locations(client, "releases")
        for release in never_public.releases:
            assert not {loc for loc in listed if release.slug in loc}
        photo = never_public.photo
        assert f"http://testserver{url_of(photo)}" not in sitemap_locations(client, "photos")
        assert client.get(url_of(photo)).status_code == 404
        assert client.get(urlsplit(photo.image.url).path).status_code == 404

    def test_a_preview_link_shared_before_is_gone(self, client, never_public):
        for url in never_public.previews.values():
            response = client.get(url)
            assert response.status_code == 410
            assert SECRET_BODY not in response.content.decode()


class TestOnlyAPublicReleaseCanBeWithdrawn:
    @pytest.fixture
    def publisher(self, client):
        client.force_login(member("Publisher"))
        return client

    @pytest.mark.parametrize(
        "state",
        [
            {"draft": True, "published_at": timezone.now() - timedelta(days=1)},
            {"status": Status.IN_REVIEW, "published_at": timezone.now() - timedelta(days=1)},
            {"scheduled": True},
        ],
        ids=["draft", "in-review", "under-embargo"],
    )
    def test_the_action_refuses_with_a_clear_message(self, publisher, state):
        release = PressReleaseFactory(title_en="Unseen qzxv", **state)
        status = release.status
        response = run_action(
            publisher, PressRelease, "withdraw", [release], withdraw="1", reason="Oops"
        )
        assert NEVER_PUBLIC in messages_of(response)
        release.refresh_from_db()
        assert (release.status, release.withdrawn_at) == (status, None)
        publisher.logout()
        assert publisher.get(url_of(release)).status_code == 404

    def test_the_action_withdraws_the_public_ones_of_a_mixed_choice(self, publisher):
        public = PressReleaseFactory(title_en="Public one")
        draft = PressReleaseFactory(draft=True, title_en="Draft one")
        page = run_action(publisher, PressRelease, "withdraw", [public, draft])
        assert "Draft one" in messages_of(page)  # named as refused...
        assert page.context["items"] == [public]  # ...and not offered
        response = run_action(
            publisher, PressRelease, "withdraw", [public], withdraw="1", reason="Postponed."
        )
        assert "1 press release withdrawn" in messages_of(response)
        public.refresh_from_db()
        assert (public.status, public.was_public) == (Status.WITHDRAWN, True)

    def test_the_form_refuses_it_and_keeps_what_was_typed(self, publisher):
        release = PressReleaseFactory(
            draft=True, published_at=timezone.now() - timedelta(days=1), title_en="Unseen qzxv"
        )
        data = post_data(publisher.get(change_url(release)))
        data.update(status=Status.WITHDRAWN, withdrawal_reason_en="Oops", title_en="Retitled")
        response = publisher.post(change_url(release), data)
        assert response.status_code == 200
        assert NEVER_PUBLIC in messages_in(response)
        assert 'value="Retitled"' in response.content.decode()
        release.refresh_from_db()
        assert (release.status, release.title_en) == (Status.DRAFT, "Unseen qzxv")

    def test_the_form_withdraws_a_public_release(self, publisher):
        release = PressReleaseFactory()
        data = post_data(publisher.get(change_url(release)))
        data.update(status=Status.WITHDRAWN, withdrawal_reason_en="Postponed.")
        assert publisher.post(change_url(release), data).status_code == 302
        release.refresh_from_db()
        assert (release.status, release.was_public) == (Status.WITHDRAWN, True)
        publisher.logout()
        assert "Postponed." in fetch(publisher, url_of(release)).html

    def test_the_messages_are_in_the_publishers_language(self, publisher):
        draft = PressReleaseFactory(draft=True, published_at=timezone.now())
        data = {"action": "withdraw", "_selected_action": [draft.pk]}
        url = admin_url("press", "pressrelease", "changelist", language="ko")
        action = messages_of(publisher.post(url, data, follow=True))
        form_url = admin_url("press", "pressrelease", "change", draft.pk, language="ko")
        data = post_data(publisher.get(form_url))
        data.update(status=Status.WITHDRAWN, withdrawal_reason_en="Oops")
        form = messages_in(publisher.post(form_url, data))
        with translation.override("ko"):
            korean = gettext(NEVER_PUBLIC)
            refused = ngettext(
                "Not withdrawn: %(releases)s. Only a published release can be withdrawn; "
                "this one was never public, so unpublish or delete it instead.",
                "Not withdrawn: %(releases)s. Only a published release can be withdrawn; "
                "these were never public, so unpublish or delete them instead.",
                1,
            ) % {"releases": f"“{draft}”"}
        assert korean != NEVER_PUBLIC and korean in form
        assert "Not withdrawn" not in refused and refused in action

    def test_the_service_refuses_it_and_only_publishers_may(self):
        draft = PressReleaseFactory(draft=True, published_at=timezone.now() - timedelta(hours=1))
        with pytest.raises(ValidationError) as refused:
            withdraw_release(release=draft, user=member("Publisher"), reason="Oops")
        assert refused.value.messages == [NEVER_PUBLIC]
        with pytest.raises(PermissionDenied):
            withdraw_release(release=PressReleaseFactory(), user=member("Editor"), reason="No")

    def test_editing_a_withdrawn_release_keeps_its_page(self, client):
        release = PressReleaseFactory()
        withdraw_release(release=release, user=member("Publisher"), reason="Postponed.")
        release.withdrawal_reason_en = "Postponed to October."
        release.save()
        assert PressRelease.objects.get(pk=release.pk).was_public
        assert "Postponed to October." in fetch(client, url_of(release)).html

    def test_the_database_refuses_a_never_public_row_marked_public(self):
        draft = PressReleaseFactory(draft=True)
        rows = PressRelease.objects.filter(pk=draft.pk)
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(status=Status.WITHDRAWN, withdrawn_at=timezone.now(), was_public=True)


def test_a_withdrawal_dated_ahead(client):
    """A withdrawal time still to come (a script's): the release has left every list at
    once, its page with the notice opens at that time, and a release that was under
    embargo when it was withdrawn never opens, even once both times have passed."""
    now = timezone.now()
    public = PressReleaseFactory(title_en="Dated ahead", published_at=now - timedelta(days=1))
    embargoed = PressReleaseFactory(
        scheduled=True, published_at=now + timedelta(minutes=30), title_en="Embargoed qzxv"
    )
    for release in (public, embargoed):
        release.status = Status.WITHDRAWN
        release.withdrawn_at = now + timedelta(hours=1)
        release.withdrawal_reason_en = "Postponed."
        release.save()
    assert [r.was_public for r in (public, embargoed)] == [True, False]
    # The page cache's horizon: only the public one changes at its withdrawal time.
    assert list(next_release_moments(now)["release_withdrawn_at"]) == [public.withdrawn_at]
    for moment, public_status in (
        (now, 404),
        (now + timedelta(minutes=45), 404),
        (now + timedelta(hours=2), 200),
    ):
        with time_machine.travel(moment, tick=False):
            assert client.get(url_of(public)).status_code == public_status
            assert client.get(url_of(embargoed)).status_code == 404
            listed = fetch(client, rev("press:release_list")).html
            assert "Dated ahead" not in listed and "qzxv" not in listed
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        assert "Postponed." in fetch(client, url_of(public)).html


# --- the migration ------------------------------------------------------------------------


def test_the_migration_reads_the_history_then_the_times():
    """Rows withdrawn before `was_public` existed: the revision history decides where it
    knows the state before the withdrawal; otherwise the times do."""
    migration = importlib.import_module("press.migrations.0008_withdrawn_releases_were_public")
    past = timezone.now() - timedelta(days=2)

    def withdrawn_after(*states, published_at=past):
        release = PressReleaseFactory(draft=True)
        for status in states:
            with reversion.create_revision():
                release.status = status
                release.published_at = published_at if status != Status.DRAFT else past
                release.withdrawal_reason_en = "Gone."
                release.save()
        return release

    rows = {
        "published, then withdrawn": (withdrawn_after(Status.PUBLISHED, Status.WITHDRAWN), True),
        "draft, then withdrawn": (withdrawn_after(Status.DRAFT, Status.WITHDRAWN), False),
        "in review, then withdrawn": (withdrawn_after(Status.IN_REVIEW, Status.WITHDRAWN), False),
        "only ever withdrawn": (withdrawn_after(Status.WITHDRAWN), False),
        "no history, time before": (PressReleaseFactory(withdrawn=True), True),
        "no history, no time": (PressReleaseFactory(withdrawn=True, published_at=None), False),
        "no history, time after": (
            PressReleaseFactory(withdrawn=True, published_at=timezone.now() + timedelta(days=1)),
            False,
        ),
    }
    PressRelease.objects.update(was_public=False)
    migration.record_public_withdrawals(django_apps, SimpleNamespace(connection=connection))
    found = {
        name: PressRelease.objects.get(pk=release.pk).was_public
        for name, (release, _expected) in rows.items()
    }
    assert found == {name: expected for name, (_release, expected) in rows.items()}
