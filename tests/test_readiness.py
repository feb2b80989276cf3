"""Per-language readiness: a release goes out in Korean and English while its Chinese
is still being translated and its Japanese waits for a time of its own.

Text of a language that is not out never reaches a reader: not on any page (title tag,
OpenGraph and structured data included), not in any feed, not in the sitemap. Pages and
lists in every language show the release, in a language that is out, with a
"translation pending" note (and the time, when the language has one). A language's
feeds and its sitemap entry wait for it. Editors previewing a draft see every language.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.http import http_date

from tests.factories import CoverageFactory, PressReleaseFactory, TopicFactory, VisitFactory
from tests.test_feeds import read_feed
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, rev, url_of
from tests.test_sitemaps import Entry, read_xml
from visits.models import ContentVersion

pytestmark = pytest.mark.django_db

TEXT = {
    "en": ("Seoul opens a robot lab", "The lab opens in Mapo.", "<p>English body.</p>"),
    "ko": ("서울시 로봇 연구소 개소", "연구소는 마포에 문을 연다.", "<p>한국어 본문</p>"),
    # Being translated: not ready.
    "zh-hans": ("首尔机器人实验室草稿", "实验室草稿导语。", "<p>中文草稿正文</p>"),
    # Ready, with its own time tomorrow.
    "ja": ("ソウル、ロボット研究所を開設", "研究所は麻浦に開設。", "<p>日本語の本文</p>"),
}
#: Every piece of text that is not out yet.
UNREADY = [
    text.removeprefix("<p>").removesuffix("</p>")
    for code in ("zh-hans", "ja")
    for text in TEXT[code]
]


def texts(**overrides):
    fields = {}
    for code, (title, lead, body) in TEXT.items():
        suffix = code.replace("-", "_")
        fields |= {f"title_{suffix}": title, f"lead_{suffix}": lead, f"body_{suffix}": body}
    return fields | overrides


def build_readiness():
    w = SimpleNamespace()
    now = timezone.now()
    w.ja_time = (now + timedelta(days=1)).replace(microsecond=0)
    w.trip = VisitFactory(legs=1)
    w.topic = TopicFactory(name_en="Robotics")
    w.release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.topic],
        published_at=now - timedelta(hours=2),
        ready_zh_hans=False,
        public_from_ja=w.ja_time,
        **texts(),
    )
    w.coverage = CoverageFactory(visit=w.trip, releases=[w.release])
    w.draft = PressReleaseFactory(
        visit=w.trip, draft=True, ready_zh_hans=False, ready_ja=False, **texts()
    )
    return w


readiness = class_data("readiness", build_readiness)


def public_pages(w, lang):
    return [
        url_of(w.release, lang),
        rev("press:home", lang),
        rev("press:release_list", lang),
        url_of(w.trip, lang),
        url_of(w.topic, lang),
        url_of(w.coverage, lang),
    ]


def feed_urls(w, lang):
    return [
        rev(f"press:{name}_{fmt}", lang, **kwargs)
        for fmt in ("rss", "atom")
        for name, kwargs in [
            ("release_feed", {}),
            ("trip_release_feed", {"slug": w.trip.slug}),
            ("topic_feed", {"slug": w.topic.slug}),
        ]
    ]


def pending_notice(page) -> str | None:
    found = re.findall(r'<p class="notice notice--pending".*?</p>', page.html, re.S)
    return found[0] if found else None


class TestNoUnreadyText:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_on_any_page(self, client, readiness, lang):
        for url in public_pages(readiness, lang):
            html = fetch(client, url).html
            for text in UNREADY:
                assert text not in html, (url, text)

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_in_the_head_of_its_page(self, client, readiness, lang):
        """Title tag, description, OpenGraph and structured data: all in a language
        that is out (the reader's, else English)."""
        shown = lang if lang in ("en", "ko") else "en"
        title, lead, _body = TEXT[shown]
        page = fetch(client, url_of(readiness.release, lang))
        assert page.html.split("<title>", 1)[1].startswith(title)
        assert page.meta["description"] == lead
        assert page.meta["og:title"] == title
        assert page.meta["og:description"] == lead
        (article,) = page.jsonld
        assert (article["headline"], article["description"]) == (title, lead)
        assert article["inLanguage"] == shown

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_in_any_feed(self, client, readiness, lang):
        for url in feed_urls(readiness, lang):
            feed = read_feed(client, url)
            for text in UNREADY:
                assert text not in feed.xml, (url, text)

    def test_in_the_sitemap(self, client, readiness):
        entries = [
            Entry(node)
            for node in read_xml(client, "/sitemap-releases.xml", "urlset").findall(
                "sm:url", {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
            )
        ]
        mine = [e for e in entries if readiness.release.slug in e.loc]
        out = {code: f"http://testserver{url_of(readiness.release, code)}" for code in ("en", "ko")}
        assert sorted(e.loc for e in mine) == sorted(out.values())
        for entry in mine:
            assert entry.alternates == {**out, "x-default": out["en"]}


class TestPagesShowEveryPublicRelease:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_lists_in_every_language_link_it(self, client, readiness, lang):
        for url in public_pages(readiness, lang)[1:]:
            assert fetch(client, url).links_to(url_of(readiness.release, lang)), url

    @pytest.mark.parametrize("lang", ["zh-hans", "ja"])
    def test_in_a_ready_language_marked_as_such(self, client, readiness, lang):
        for url in (rev("press:release_list", lang), url_of(readiness.release, lang)):
            assert fetch(client, url).langs_of(TEXT["en"][0]) == {"en"}, url


class TestPendingNotice:
    def test_japanese_readers_are_told_when(self, client, readiness):
        page = fetch(client, url_of(readiness.release, "ja"))
        notice = pending_notice(page)
        assert notice is not None
        assert f'<time datetime="{timezone.localtime(readiness.ja_time).isoformat()}">' in notice

    def test_chinese_readers_are_told_it_is_not_available_yet(self, client, readiness):
        notice = pending_notice(fetch(client, url_of(readiness.release, "zh-hans")))
        assert notice is not None
        assert "<time" not in notice

    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_readers_of_a_language_that_is_out_see_none(self, client, readiness, lang):
        page = fetch(client, url_of(readiness.release, lang))
        assert pending_notice(page) is None
        assert 'class="notice' not in page.html

    def test_in_english_words(self, client, readiness):
        """What the lead translates (the page is in English under /en/ only, so a
        Korean-only release shows it there)."""
        korean_only = PressReleaseFactory(
            visit=None, title_en="", lead_en="", body_en="", title_ko="국문 보도자료"
        )
        notice = pending_notice(fetch(client, url_of(korean_only)))
        assert "Translation pending." in notice
        assert "This release is not yet available in English." in notice
        assert "Meanwhile it is shown in Korean." in notice

    def test_with_its_time_in_english_words(self, client, readiness):
        release = PressReleaseFactory(
            visit=None, title_ko="국문", public_from_en=readiness.ja_time, ready_ko=True
        )
        notice = pending_notice(fetch(client, url_of(release)))
        assert "The English version of this release will be published on" in notice

    def test_costs_no_query(self, client, readiness, django_assert_max_num_queries):
        counts = {}
        for lang in ("en", "ja"):
            fetch(client, url_of(readiness.release, lang))  # builds its read-model row
            with django_assert_max_num_queries(QUERY_BUDGET) as captured:
                fetch(client, url_of(readiness.release, lang))
            counts[lang] = len(captured)
        assert counts["en"] == counts["ja"]


class TestEditorsPreview:
    @pytest.mark.parametrize("lang", ["zh-hans", "ja"])
    def test_a_draft_in_every_language_ready_or_not(
        self, client, readiness, django_user_model, lang
    ):
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="change_pressrelease"))
        client.force_login(editor)
        page = fetch(client, url_of(readiness.draft, lang))
        assert page.langs_of(TEXT[lang][0]) == {lang}
        assert pending_notice(page) is None

    def test_the_public_never_does(self, client, readiness):
        assert client.get(url_of(readiness.draft, "ja")).status_code == 404


class TestFeedValidators:
    def test_without_a_recorded_change_they_still_follow_the_languages_time(
        self, client, readiness
    ):
        """Before any change is recorded, the validators come from the items alone."""
        ContentVersion.objects.all().delete()
        newest = readiness.release.published_at
        for url in feed_urls(readiness, "en"):
            response = client.get(url)
            assert response.status_code == 200
            assert response["Last-Modified"] == http_date(int(newest.timestamp()))
            again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
            assert again.status_code == 304
        for url in feed_urls(readiness, "ja"):
            assert read_feed(client, url).entries == []


def test_hreflang_offers_only_the_languages_that_are_out(client):
    release = PressReleaseFactory(
        title_ko="보도자료", ready_ko=True, title_ja="報道発表", ready_ja=False
    )
    html = client.get(release.get_absolute_url()).content.decode()
    offered = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html))
    assert offered == {"en", "ko", "x-default"}
    # The reader can still switch to Japanese (shown with a pending note).
    assert 'hreflang="ja" lang="ja"' in html
