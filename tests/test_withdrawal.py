"""A withdrawn release, as readers, crawlers and feed readers meet it.

Like GOV.UK, a release that was public and is withdrawn keeps its address: its page
says, at the top and in the reader's language, when and why it was withdrawn, keeps its
text, and drops its photos, structured data and feed links, and asks not to be indexed.
It has left every list, feed, sitemap and topic or trip page, and its photos' files are
no longer public through it. A release withdrawn before it was ever public is a 404.
"""

import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone

from press.renditions import make_renditions, social_image_url
from tests.factories import (
    CoverageFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_feeds import read_feed, sitemap_locations
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, rev, seoul, url_of
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
        status=Status.WITHDRAWN,
        withdrawn_at=WITHDRAWN_AT,
        withdrawal_reason_en=REASON_EN,
        withdrawal_reason_ko=REASON_KO,
    )
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
        assert "July 26, 2024" in page.html
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
        withdrawn=True,
        withdrawn_at=now,
    )
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
