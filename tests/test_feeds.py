"""The RSS and Atom feeds as a subscriber's feed reader meets them.

Every feed (all releases, a trip's releases, a trip's coverage, a topic's releases) in
both formats and all four languages parses cleanly and carries exactly the public items
(a release only in the languages it is out in), newest first, in the feed's language
with the pages' fallback for what is not held back per language; links are absolute on the
host the feed was asked from; entry IDs survive edits; the lead photo travels as an
enclosure with its credit. Polling is cheap (a 304 before any item is loaded) yet never
stale: any edit, even of a topic or a photo, and a scheduled release going live at its
minute change the validators. Pages advertise the feeds that fit them, and only feeds
that answer.

Feeds are read by feedparser, as a reader would; rows are made once per class.
"""

import calendar
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from types import SimpleNamespace
from unittest.mock import patch
from xml.etree import ElementTree

import feedparser
import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from press import feeds
from press.models import PressRelease, language_time_field, ready_field
from tests.conftest import PUBLIC_HOST, on_public_host
from tests.document_samples import DocumentFactory
from tests.factories import (
    CoverageFactory,
    OutletFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_pages import LANGUAGES, QUERY_BUDGET, SECRET, class_data, fetch, rev, seoul, url_of
from visits.changes import content_changed, content_version
from visits.models import ContentVersion
from visits.publishing import Status

pytestmark = pytest.mark.django_db

#: The public host the feeds are asked from (not the test client's "testserver").
HOST = PUBLIC_HOST
FORMATS = ["rss", "atom"]
KINDS = ["releases", "trip releases", "trip coverage", "topic releases"]
FEED_TYPES = {"application/rss+xml", "application/atom+xml"}


# --- helpers ------------------------------------------------------------------------


@pytest.fixture
def reader(public_client):
    """A feed reader subscribed on the newsroom's public host."""
    return public_client


on_host = on_public_host


class Feed:
    """A feed as a reader gets it: the response, its raw XML and feedparser's reading."""

    def __init__(self, response):
        self.response = response
        self.xml = response.content.decode()
        self.parsed = feedparser.parse(response.content)
        self.entries = self.parsed.entries
        self.links = [entry.link for entry in self.entries]

    def entry(self, link):
        (entry,) = [entry for entry in self.entries if entry.link == link]
        return entry


def read_feed(client, url, **kwargs) -> Feed:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    feed = Feed(response)
    assert not feed.parsed.bozo, f"{url}: {feed.parsed.get('bozo_exception')}"
    return feed


def feed_url(w, kind, fmt="rss", lang="en"):
    """The URL of one of the world's feeds of ``kind`` (the trip's, the Robotics topic's)."""
    name, slug = {
        "releases": ("press:release_feed", None),
        "trip releases": ("press:trip_release_feed", w.trip.slug),
        "trip coverage": ("press:trip_coverage_feed", w.trip.slug),
        "topic releases": ("press:topic_feed", w.robotics.slug),
    }[kind]
    return rev(f"{name}_{fmt}", lang, **({"slug": slug} if slug else {}))


def timestamp(struct_time) -> int:
    """A feedparser date (a UTC struct_time) as seconds since the epoch."""
    return calendar.timegm(struct_time)


def edit(obj, **fields):
    """Change and save a fresh copy of ``obj``, as an editor in the admin would (the
    class's shared instance keeps the values it was built with)."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh.save()
    return fresh


def refuse_items(monkeypatch):
    """Make loading a feed's items fail the test."""

    def items(self, obj):
        raise AssertionError("an up-to-date reader must get a 304 before items are loaded")

    for feed_class in (feeds.ReleaseFeed, feeds.TripCoverageFeed):
        monkeypatch.setattr(feed_class, "items", items)


# --- the world: a trip with releases and coverage in several languages ------------------

KO_TITLE = "서울시, 베이징 중관촌에서 로봇 협력 논의"
KO_LEAD = "오세훈 시장은 중관촌을 방문했다."
KO_HEADLINE = "오세훈, 베이징서 로봇 협력"
LEAD_CREDIT = "Kim Min-ji / Seoul Metropolitan Government"
EN_LEAD = "The two cities will share labs."
#: What the translated release shows in each feed: (title, lead, language the lead is in).
RELEASE_TEXT = {
    "en": ("Seoul and Beijing agree on robotics", EN_LEAD, "en"),
    "ko": ("서울·베이징 로봇 협력 합의", "두 도시는 연구소를 공유한다.", "ko"),
    "zh-hans": ("首尔与北京就机器人达成协议", "两市将共享实验室。", "zh-hans"),
    # Japanese is ready without a lead of its own: the English lead, marked as English.
    "ja": ("ソウルと北京、ロボット分野で合意", EN_LEAD, "en"),
}
ROBOTICS = {"en": "Robotics", "ko": "로봇", "zh-hans": "机器人", "ja": "ロボット"}


def build_newsroom():
    w = SimpleNamespace()
    now = timezone.now()
    w.trip = VisitFactory(title_en="Mayor's trip to Beijing", title_ko="베이징 출장", legs=1)
    w.robotics = TopicFactory(
        name_en="Robotics", name_ko="로봇", name_zh_hans="机器人", name_ja="ロボット"
    )
    w.culture = TopicFactory(name_en="Culture")  # English only: every feed falls back
    w.lead_photo = PhotoFactory(
        visit=w.trip,
        caption_en="The mayor at the robot lab",
        caption_ko="로봇 연구소의 시장",
        credit=LEAD_CREDIT,
    )
    w.gallery_photo = PhotoFactory(visit=w.trip, credit="Gallery credit")
    texts = {}
    for code, (title, lead, lead_lang) in RELEASE_TEXT.items():
        suffix = code.replace("-", "_")
        texts |= {f"title_{suffix}": title, f"body_{suffix}": "<p>…</p>"}
        if lead_lang == code:
            texts[f"lead_{suffix}"] = lead
    w.release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.robotics, w.culture],
        photos=[w.lead_photo, w.gallery_photo],
        published_at=now - timedelta(hours=5),
        **texts,
    )
    w.korean_release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.robotics],
        title_en="",
        lead_en="",
        body_en="",
        title_ko=KO_TITLE,
        lead_ko=KO_LEAD,
        body_ko="<p>본문</p>",
        original_language="ko",
        published_at=now - timedelta(hours=4),
    )
    w.city_release = PressReleaseFactory(visit=None, published_at=now - timedelta(hours=3))

    w.english_article = CoverageFactory(
        visit=w.trip,
        outlet=OutletFactory(name_en="Reuters", language="en"),
        published_on=date(2024, 7, 25),
        published_time=time(9, 30),
    )
    w.korean_article = CoverageFactory(
        visit=w.trip,
        outlet=OutletFactory(name_en="Yonhap", name_ko="연합뉴스", language="ko"),
        headline=KO_HEADLINE,
        summary="오세훈 시장이 베이징에서 로봇 협력을 논의했다.",
        translated_headline_en="Oh Se-hoon talks robots in Beijing",
        published_on=date(2024, 7, 26),
        published_time=time(8, 0),
    )

    # What no feed may show: unpublished releases and coverage on the public trip...
    w.secret_topic = TopicFactory(name_en=f"{SECRET} topic")
    states = {
        "draft": {"draft": True},
        "review": {"status": Status.IN_REVIEW, "published_at": now - timedelta(hours=2)},
        "scheduled": {"scheduled": True},
        "withdrawn": {"withdrawn": True},
    }
    w.hidden_releases = [
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.robotics, w.secret_topic],
            photos=[PhotoFactory(visit=w.trip, credit=f"{SECRET} credit")],
            title_en=f"{SECRET} {state}",
            **fields,
        )
        for state, fields in states.items()
    ]
    secret_outlet = OutletFactory(name_en=f"{SECRET} outlet")
    w.hidden_coverage = [
        CoverageFactory(visit=w.trip, outlet=secret_outlet, headline=f"{SECRET} {state}", **fields)
        for state, fields in states.items()
    ]
    # ...and unpublished trips, one with a public release and public coverage of its own.
    w.hidden_trips = [
        VisitFactory(title_en=f"{SECRET} {state} trip", **fields)
        for state, fields in states.items()
    ]
    w.orphan_release = PressReleaseFactory(
        visit=w.hidden_trips[0], published_at=now - timedelta(hours=1)
    )
    w.orphan_coverage = CoverageFactory(visit=w.hidden_trips[0])
    return w


newsroom = class_data("newsroom", build_newsroom)


def expected_items(w, kind, lang="en"):
    """The items a feed of ``kind`` in ``lang`` carries, newest first: releases only
    where they are out in ``lang`` (the Korean-only release in the Korean feeds alone)."""
    items = {
        "releases": [w.orphan_release, w.city_release, w.korean_release, w.release],
        "trip releases": [w.korean_release, w.release],
        "trip coverage": [w.korean_article, w.english_article],
        "topic releases": [w.korean_release, w.release],
    }[kind]
    return [
        item
        for item in items
        if not isinstance(item, PressRelease) or lang in item.public_languages()
    ]


# --- every feed, every format, every language ------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
class TestEveryFeed:
    def test_parses_with_the_public_items_newest_first(self, reader, newsroom, kind, fmt, lang):
        feed = read_feed(reader, feed_url(newsroom, kind, fmt, lang))
        assert feed.response["Content-Type"] == f"application/{fmt}+xml; charset=utf-8"
        assert feed.parsed.version == ("rss20" if fmt == "rss" else "atom10")
        assert feed.parsed.feed.language == lang
        assert feed.parsed.feed.title
        expected = [on_host(url_of(item, lang)) for item in expected_items(newsroom, kind, lang)]
        assert feed.links == expected
        assert expected  # every feed of this world carries something in every language
        assert SECRET not in feed.xml
        assert SECRET.lower() not in feed.xml  # not even in a slug

    def test_links_are_absolute_on_the_requested_host(self, reader, newsroom, kind, fmt, lang):
        url = feed_url(newsroom, kind, fmt, lang)
        feed = read_feed(reader, url)
        assert feed.parsed.feed.link.startswith(f"http://{HOST}/{lang}/")
        self_links = [link.href for link in feed.parsed.feed.links if link.rel == "self"]
        assert self_links == [on_host(url)]
        for entry in feed.entries:
            assert entry.link.startswith(f"http://{HOST}/{lang}/")
            for enclosure in entry.enclosures:
                assert enclosure.href.startswith(f"http://{HOST}/media/")
        assert "testserver" not in feed.xml

    def test_entry_ids_are_permanent_names_not_urls(self, reader, newsroom, kind, fmt, lang):
        feed = read_feed(reader, feed_url(newsroom, kind, fmt, lang))
        ids = [entry.id for entry in feed.entries]
        assert len(set(ids)) == len(ids)
        for entry in feed.entries:
            assert entry.id.startswith("urn:uuid:")
            assert HOST not in entry.id
            assert not entry.guidislink

    def test_published_and_updated_dates_parse(self, reader, newsroom, kind, fmt, lang):
        feed = read_feed(reader, feed_url(newsroom, kind, fmt, lang))
        items = expected_items(newsroom, kind, lang)
        for entry, item in zip(feed.entries, items, strict=True):
            assert entry.published_parsed is not None
            assert entry.updated_parsed is not None
            assert timestamp(entry.updated_parsed) >= timestamp(entry.published_parsed)
            if isinstance(item, PressRelease):
                assert timestamp(entry.published_parsed) == int(item.published_at.timestamp())
                # Its last public change: no change note here, so its publication.
                last_change = item.published_at
                assert timestamp(entry.updated_parsed) == int(last_change.timestamp())


def test_coverage_dates_are_the_articles_in_seoul_time(reader, newsroom):
    """Yonhap's article of 26 July 2024, 08:00 in Seoul, is 25 July 23:00 UTC."""
    for fmt in FORMATS:
        feed = read_feed(reader, feed_url(newsroom, "trip coverage", fmt))
        entry = feed.entry(on_host(url_of(newsroom.korean_article)))
        assert tuple(entry.published_parsed)[:5] == (2024, 7, 25, 23, 0)


# --- languages ---------------------------------------------------------------------------


def own_languages(feed, element="title") -> dict[str, str | None]:
    """The text of an ``element`` of each Atom entry → its own ``xml:lang`` (None when it
    has none and so is in the feed's language), read from the XML itself."""
    root = ElementTree.fromstring(feed.response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return {node.text: node.get(lang) for node in root.findall(f"atom:entry/atom:{element}", ns)}


class TestLanguages:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_release_is_in_the_feeds_language_or_marked(self, reader, newsroom, lang):
        """The title is always the feed's language (the release is out in it); a field
        its translation lacks falls back and is marked."""
        title, lead, lead_lang = RELEASE_TEXT[lang]
        link = on_host(url_of(newsroom.release, lang))
        rss = read_feed(reader, feed_url(newsroom, "releases", "rss", lang)).entry(link)
        atom_feed = read_feed(reader, feed_url(newsroom, "releases", "atom", lang))
        atom = atom_feed.entry(link)
        for entry in (rss, atom):
            assert entry.title == title
            assert lead in entry.summary
            assert lead in entry.summary_detail.value
        marked = None if lead_lang == lang else lead_lang
        assert atom.title_detail.language == lang
        assert own_languages(atom_feed)[title] is None
        (summary_lang,) = [
            code for text, code in own_languages(atom_feed, "summary").items() if lead in text
        ]
        assert summary_lang == marked
        assert rss.get("language") is None  # dc:language follows the title

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("lang", ["en", "zh-hans", "ja"])
    def test_korean_only_release_is_only_in_the_korean_feeds(self, reader, newsroom, fmt, lang):
        """Its text is out in Korean alone: other languages' feeds leave it out rather than
        carry Korean text (their pages show it, with a "translation pending" note)."""
        for kind in ("releases", "trip releases", "topic releases"):
            feed = read_feed(reader, feed_url(newsroom, kind, fmt, lang))
            assert on_host(url_of(newsroom.korean_release, lang)) not in feed.links, kind
            assert KO_TITLE not in feed.xml
            korean = read_feed(reader, feed_url(newsroom, kind, fmt, "ko"))
            assert on_host(url_of(newsroom.korean_release, "ko")) in korean.links, kind

    def test_korean_release_in_the_korean_feed_is_not_marked(self, reader, newsroom):
        atom_feed = read_feed(reader, feed_url(newsroom, "releases", "atom", "ko"))
        assert own_languages(atom_feed)[KO_TITLE] is None
        entry = atom_feed.entry(on_host(url_of(newsroom.korean_release, "ko")))
        assert entry.title_detail.language == "ko"

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_categories_are_the_topics_names_in_the_feeds_language(
        self, reader, newsroom, fmt, lang
    ):
        feed = read_feed(reader, feed_url(newsroom, "trip releases", fmt, lang))
        entry = feed.entry(on_host(url_of(newsroom.release, lang)))
        assert {tag.term for tag in entry.tags} == {ROBOTICS[lang], "Culture"}
        if lang == "ko":
            korean = feed.entry(on_host(url_of(newsroom.korean_release, lang)))
            assert [tag.term for tag in korean.tags] == [ROBOTICS[lang]]

    def test_article_headline_is_translated_and_the_original_kept(self, reader, newsroom):
        feed = read_feed(reader, feed_url(newsroom, "trip coverage", "atom", "en"))
        entry = feed.entry(on_host(url_of(newsroom.korean_article)))
        assert entry.title == "Oh Se-hoon talks robots in Beijing"
        assert entry.title_detail.language == "en"
        assert f'<p lang="ko">{KO_HEADLINE}</p>' in entry.summary
        related = [link for link in entry.links if link.rel == "related"]
        assert [(link.href, link.hreflang) for link in related] == [
            (newsroom.korean_article.url, "ko")
        ]

    def test_article_keeps_its_headline_for_readers_of_its_language(self, reader, newsroom):
        feed = read_feed(reader, feed_url(newsroom, "trip coverage", "atom", "ko"))
        korean = feed.entry(on_host(url_of(newsroom.korean_article, "ko")))
        assert korean.title == KO_HEADLINE
        assert korean.title_detail.language == "ko"
        english = feed.entry(on_host(url_of(newsroom.english_article, "ko")))
        assert english.title == newsroom.english_article.headline
        assert english.title_detail.language == "en"
        assert own_languages(feed)[newsroom.english_article.headline] == "en"


# --- entry IDs ---------------------------------------------------------------------------


class TestEntryIds:
    def test_survive_editing_the_title_and_body(self, reader, newsroom):
        url = feed_url(newsroom, "releases")
        link = on_host(url_of(newsroom.release))
        before = read_feed(reader, url).entry(link)
        edit(
            newsroom.release,
            title_en="Seoul and Beijing sign a robotics pact",
            lead_en="A new lead.",
            body_en="<p>A rewritten body.</p>",
        )
        after = read_feed(reader, url).entry(link)
        assert after.title == "Seoul and Beijing sign a robotics pact"
        assert after.id == before.id

    def test_differ_between_languages(self, reader, newsroom):
        ids = {
            lang: read_feed(reader, feed_url(newsroom, "releases", "atom", lang))
            .entry(on_host(url_of(newsroom.release, lang)))
            .id
            for lang in LANGUAGES
        }
        assert len(set(ids.values())) == len(LANGUAGES)

    def test_same_item_has_the_same_id_in_every_feed_and_format(self, reader, newsroom):
        """A reader subscribed to the newsroom's and a trip's feed sees one entry, not two."""
        link = on_host(url_of(newsroom.release, "ko"))
        ids = {
            read_feed(reader, feed_url(newsroom, kind, fmt, "ko")).entry(link).id
            for kind in ("releases", "trip releases", "topic releases")
            for fmt in FORMATS
        }
        assert len(ids) == 1

    def test_do_not_depend_on_the_host(self, client, reader, newsroom):
        url = feed_url(newsroom, "releases", "atom")
        here = read_feed(reader, url).entry(on_host(url_of(newsroom.release)))
        there = read_feed(client, url).entry(f"http://testserver{url_of(newsroom.release)}")
        assert here.id == there.id


# --- the lead photo ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
class TestLeadPhoto:
    def test_is_an_enclosure_with_its_stored_size_and_type(self, reader, newsroom, fmt):
        photo = newsroom.lead_photo
        feed = read_feed(reader, feed_url(newsroom, "releases", fmt))
        entry = feed.entry(on_host(url_of(newsroom.release)))
        (enclosure,) = entry.enclosures
        assert enclosure.href == on_host(photo.image.url)
        assert enclosure.type == "image/png"
        assert int(enclosure.length) == default_storage.size(photo.image.name) > 0
        (media,) = entry.media_content
        assert media["url"] == on_host(photo.image.url)
        assert (media["width"], media["height"]) == ("16", "12")

    def test_credit_is_in_media_credit_and_in_the_summary(self, reader, newsroom, fmt):
        feed = read_feed(reader, feed_url(newsroom, "releases", fmt, "ko"))
        entry = feed.entry(on_host(url_of(newsroom.release, "ko")))
        assert [credit["content"] for credit in entry.media_credit] == [LEAD_CREDIT]
        assert LEAD_CREDIT in entry.summary
        assert "로봇 연구소의 시장" in entry.summary  # the caption, in the feed's language
        assert "Gallery credit" not in feed.xml  # the rest of the gallery stays on the page

    def test_release_without_photos_has_no_enclosure(self, reader, newsroom, fmt):
        feed = read_feed(reader, feed_url(newsroom, "releases", fmt))
        entry = feed.entry(on_host(url_of(newsroom.city_release)))
        assert entry.enclosures == []
        assert "media_content" not in entry


# --- what is not public --------------------------------------------------------------


class TestUnpublished:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("kind", ["trip releases", "trip coverage"])
    def test_feeds_of_an_unpublished_trip_are_404(self, reader, newsroom, kind, fmt):
        name = {"trip releases": "trip_release_feed", "trip coverage": "trip_coverage_feed"}
        for trip in newsroom.hidden_trips:
            url = rev(f"press:{name[kind]}_{fmt}", slug=trip.slug)
            response = reader.get(url)
            assert response.status_code == 404, trip.status
            assert SECRET.encode() not in response.content

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_feed_of_a_topic_without_a_public_release_is_404(self, reader, newsroom, fmt):
        for slug in (newsroom.secret_topic.slug, "no-such-topic"):
            assert reader.get(rev(f"press:topic_feed_{fmt}", slug=slug)).status_code == 404
        empty = TopicFactory(name_en="Nothing filed yet")
        assert reader.get(rev(f"press:topic_feed_{fmt}", slug=empty.slug)).status_code == 404

    def test_unknown_trip_is_404(self, reader, newsroom):
        assert reader.get(rev("press:trip_release_feed_rss", slug="nowhere")).status_code == 404


def build_embargo():
    """At 09:00 in Seoul, a release is scheduled for 10:00 on a trip and two topics, one of
    which has nothing else public yet."""
    w = SimpleNamespace()
    with time_machine.travel(seoul(2024, 7, 25, 9, 0), tick=False):
        w.trip = VisitFactory(legs=1)
        w.topic = TopicFactory(name_en="Urban air mobility")
        w.new_topic = TopicFactory(name_en="Drone taxis")
        w.earlier = PressReleaseFactory(visit=w.trip, topics=[w.topic])
        w.release = PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic, w.new_topic],
            status=Status.SCHEDULED,
            published_at=seoul(2024, 7, 25, 10, 0),
            title_en="Drone taxis over the Han River",
        )
    return w


embargo = class_data("embargo", build_embargo)


def embargo_feeds(w):
    return [
        rev(f"press:{name}_{fmt}", **kwargs)
        for fmt in FORMATS
        for name, kwargs in [
            ("release_feed", {}),
            ("trip_release_feed", {"slug": w.trip.slug}),
            ("topic_feed", {"slug": w.topic.slug}),
        ]
    ]


def sitemap_locations(client, section) -> set[str]:
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    return {loc.text for loc in root.findall("sm:url/sm:loc", ns)}


class TestScheduledRelease:
    """No save happens between 09:59 and 10:00: the release goes out by the clock alone."""

    def test_absent_at_0959_everywhere(self, reader, embargo):
        link = on_host(url_of(embargo.release))
        with time_machine.travel(seoul(2024, 7, 25, 9, 59), tick=False):
            for url in embargo_feeds(embargo):
                assert link not in read_feed(reader, url).links, url
            new_topic = rev("press:topic_feed_atom", slug=embargo.new_topic.slug)
            assert reader.get(new_topic).status_code == 404
            assert link not in sitemap_locations(reader, "releases")
            assert on_host(url_of(embargo.new_topic)) not in sitemap_locations(reader, "topics")

    def test_present_at_1000_everywhere(self, reader, embargo):
        link = on_host(url_of(embargo.release))
        with time_machine.travel(seoul(2024, 7, 25, 10, 0), tick=False):
            for url in embargo_feeds(embargo):
                assert read_feed(reader, url).links[0] == link, url
            new_topic = read_feed(reader, rev("press:topic_feed_atom", slug=embargo.new_topic.slug))
            assert new_topic.links == [link]
            assert link in sitemap_locations(reader, "releases")
            assert on_host(url_of(embargo.new_topic)) in sitemap_locations(reader, "topics")

    def test_going_live_changes_the_validators(self, reader, embargo):
        for url in embargo_feeds(embargo):
            with time_machine.travel(seoul(2024, 7, 25, 9, 59), tick=False):
                before = reader.get(url)
                assert before.status_code == 200
                unchanged = reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
                assert unchanged.status_code == 304
            with time_machine.travel(seoul(2024, 7, 25, 10, 0), tick=False):
                by_etag = reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
                by_date = reader.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
            assert by_etag.status_code == 200, url
            assert by_etag["ETag"] != before["ETag"]
            assert by_date.status_code == 200, url
            assert on_host(url_of(embargo.release)) in Feed(by_etag).links


# --- conditional GET -----------------------------------------------------------------


class TestConditionalGet:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("kind", KINDS)
    def test_up_to_date_reader_gets_a_304_before_any_item_is_loaded(
        self, reader, newsroom, kind, fmt, monkeypatch, django_assert_max_num_queries
    ):
        url = feed_url(newsroom, kind, fmt)
        first = reader.get(url)
        assert first.status_code == 200
        assert first["Cache-Control"] == "public, no-cache"
        refuse_items(monkeypatch)
        with django_assert_max_num_queries(2):
            response = reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        with django_assert_max_num_queries(2):
            by_date = reader.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304
        assert by_date.content == b""

    def test_another_etag_gets_the_feed(self, reader, newsroom):
        url = feed_url(newsroom, "releases")
        response = reader.get(url, HTTP_IF_NONE_MATCH='"an-old-copy"')
        assert response.status_code == 200
        assert len(Feed(response).entries) == 3

    def test_etag_differs_between_languages_and_formats(self, reader, newsroom):
        etags = {
            reader.get(feed_url(newsroom, "releases", fmt, lang))["ETag"]
            for fmt in FORMATS
            for lang in LANGUAGES
        }
        assert len(etags) == len(FORMATS) * len(LANGUAGES)

    def test_editing_a_release_gives_the_next_poll_the_new_text(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        url = feed_url(newsroom, "trip releases", "atom")
        etag = reader.get(url)["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.release, title_en="Seoul and Beijing sign a robotics pact")
        response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag
        entry = Feed(response).entry(on_host(url_of(newsroom.release)))
        assert entry.title == "Seoul and Beijing sign a robotics pact"

    def test_renaming_a_topic_of_a_release_changes_the_etag(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        url = feed_url(newsroom, "releases")
        etag = reader.get(url)["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.culture, name_en="Culture and tourism")
        response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        entry = Feed(response).entry(on_host(url_of(newsroom.release)))
        assert {tag.term for tag in entry.tags} == {"Robotics", "Culture and tourism"}

    def test_editing_the_lead_photos_credit_changes_the_etag(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        url = feed_url(newsroom, "topic releases")
        etag = reader.get(url)["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.lead_photo, credit="Yonhap")
        response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        entry = Feed(response).entry(on_host(url_of(newsroom.release)))
        assert [credit["content"] for credit in entry.media_credit] == ["Yonhap"]

    def test_renaming_an_outlet_changes_the_coverage_feeds_etag(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        url = feed_url(newsroom, "trip coverage")
        etag = reader.get(url)["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.english_article.outlet, name_en="Reuters Seoul")
        response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        entry = Feed(response).entry(on_host(url_of(newsroom.english_article)))
        assert entry.author.endswith("Reuters Seoul")

    def test_the_version_is_shared_by_every_process_not_kept_in_a_cache(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        """Another app server or a management command sees the same validators: a
        cleared cache changes nothing, a change recorded anywhere changes them."""
        url = feed_url(newsroom, "releases")
        etag = reader.get(url)["ETag"]
        cache.clear()
        assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        with django_capture_on_commit_callbacks(execute=True):
            PressRelease.objects.filter(pk=newsroom.release.pk).update(title_en="Edited")
            content_changed()  # as a command that edits with update() must say
        assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_withdrawing_a_release_removes_it_at_the_next_poll(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        url = feed_url(newsroom, "releases")
        etag = reader.get(url)["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.city_release, status=Status.WITHDRAWN)
        response = reader.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert on_host(url_of(newsroom.city_release)) not in Feed(response).links

    @pytest.mark.parametrize("method", ["post", "put", "delete"])
    def test_only_get_and_head_are_allowed(self, reader, newsroom, method):
        for kind in KINDS:
            response = getattr(reader, method)(feed_url(newsroom, kind))
            assert response.status_code == 405
            assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}

    def test_head_answers_like_get(self, reader, newsroom):
        url = feed_url(newsroom, "releases")
        response = reader.head(url)
        assert response.status_code == 200
        assert response["ETag"] == reader.get(url)["ETag"]


# --- query counts ----------------------------------------------------------------------


def build_feed_scenario(n, tag):
    """A trip with ``n`` releases (each with two photos, two topics, one shared, and two
    documents) and ``n`` articles from ``n`` outlets."""
    s = SimpleNamespace()
    s.trip = VisitFactory(title_en=f"Trip {tag}")
    s.topic = TopicFactory(name_en=f"Topic {tag}")
    for index in range(n):
        release = PressReleaseFactory(
            visit=s.trip,
            title_ko=f"보도자료 {tag} {index}",  # out in Korean too, lead and body in English
            topics=[s.topic, TopicFactory()],
            photos=[PhotoFactory(visit=s.trip), PhotoFactory(visit=s.trip)],
        )
        DocumentFactory.create_batch(2, visit=s.trip, releases=[release])
        CoverageFactory(visit=s.trip, outlet=OutletFactory())
    return s


def build_feed_scenarios():
    return SimpleNamespace(one=build_feed_scenario(1, "one"), many=build_feed_scenario(20, "many"))


feed_scenarios = class_data("feed_scenarios", build_feed_scenarios)


def count_feed_queries(client, url, django_assert_max_num_queries, entries):
    with django_assert_max_num_queries(QUERY_BUDGET) as captured:
        feed = read_feed(client, url)
    assert len(feed.entries) == entries, url
    return len(captured)


class TestFeedQueryCounts:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("name", ["trip_release_feed", "trip_coverage_feed", "topic_feed"])
    def test_constant_in_the_number_of_items(
        self, reader, feed_scenarios, name, fmt, django_assert_max_num_queries
    ):
        counts = []
        for scenario, n in ((feed_scenarios.one, 1), (feed_scenarios.many, 20)):
            slug = scenario.topic.slug if name == "topic_feed" else scenario.trip.slug
            url = rev(f"press:{name}_{fmt}", "ko", slug=slug)
            counts.append(count_feed_queries(reader, url, django_assert_max_num_queries, n))
        assert counts[0] == counts[1], f"{name}: {counts[0]} queries for 1 item, {counts[1]} for 20"


class TestAllReleasesFeedQueries:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_constant_in_the_number_of_items(self, reader, fmt, django_assert_max_num_queries):
        url = rev(f"press:release_feed_{fmt}")
        build_feed_scenario(1, "one")
        one = count_feed_queries(reader, url, django_assert_max_num_queries, 1)
        build_feed_scenario(19, "more")
        many = count_feed_queries(reader, url, django_assert_max_num_queries, 20)
        assert one == many


# --- the newest items, found without dating and sorting every release ------------------

#: Drawn releases are dated in whole hours from HOUR_0 (few values, so many ties); the
#: clock stands at NOW_HOUR, so later hours are releases and own times still to come.
HOUR_0 = datetime(2024, 7, 25, tzinfo=UTC)
NOW_HOUR = 6


def hour(n: int) -> datetime:
    return HOUR_0 + timedelta(hours=n)


def bulk_releases(rows, tag: str) -> list[PressRelease]:
    """Releases inserted in one statement (many, fast): each row is a release's fields,
    ``visit`` among them, and optionally its ``topics``."""
    releases = PressRelease.objects.bulk_create(
        PressReleaseFactory.build(slug=f"{tag}-{index}", **{**row, "topics": None})
        for index, row in enumerate(rows)
    )
    links = PressRelease.topics.through
    links.objects.bulk_create(
        links(pressrelease=release, topic=topic)
        for release, row in zip(releases, rows, strict=True)
        for topic in row.get("topics", ())
    )
    return releases


def drawn_release(in_feed: bool):
    """A release's state as drawn: `in_feed` ones are public and out in the feed's
    language (their own time, if any, before or after the release's), the others may not
    be (a draft, scheduled for later, not ready, or not yet out in the language)."""
    hours = st.integers(0, NOW_HOUR) if in_feed else st.integers(0, NOW_HOUR + 2)
    return st.fixed_dictionaries(
        {
            "status": st.sampled_from(
                [Status.PUBLISHED, Status.SCHEDULED]
                if in_feed
                else [Status.PUBLISHED, Status.SCHEDULED, Status.DRAFT]
            ),
            "hour": hours,
            "own_hour": st.none() | hours,
            "ready": st.just(True) if in_feed else st.booleans(),
            "on_trip": st.booleans(),
            "on_topic": st.booleans(),
        }
    )


#: Mostly releases in the feed, so that there are often more than it carries.
drawn_releases = st.lists(
    st.one_of(drawn_release(in_feed=True), drawn_release(in_feed=False)), max_size=16
)


class TestNewestItems(HypothesisTestCase):
    """A release feed's entries and its newest time are exactly what dating and sorting
    every item gives, and so is what `feeds.newest_out` finds through the time indexes
    among a feed's items: whatever the release times, own times (earlier, later, still to
    come), ties, states and readiness, with fewer items than wanted or more, among all
    releases or a trip's or a topic's."""

    @classmethod
    def setUpTestData(cls):
        cls.trip = VisitFactory()
        cls.topic = TopicFactory()
        ContentVersion.objects.update_or_create(pk=1, defaults={"number": 1})

    @settings(max_examples=100, deadline=None, database=None)
    @given(
        drawn=drawn_releases,
        count=st.integers(1, 4),
        lang=st.sampled_from(["en", "zh-hans"]),
    )
    def test_match_sorting_every_item(self, drawn, count, lang):
        own_field = language_time_field(lang)
        releases = bulk_releases(
            [
                {
                    "status": row["status"],
                    "published_at": hour(row["hour"]),
                    "ready_ko": True,  # an approved release needs a language out with it
                    ready_field(lang): row["ready"],
                    own_field: None if row["own_hour"] is None else hour(row["own_hour"]),
                    "visit": self.trip if row["on_trip"] else None,
                    "topics": [self.topic] if row["on_topic"] else [],
                }
                for row in drawn
            ],
            "drawn",
        )
        feed_kinds = [
            (feeds.ReleaseFeed(), None, lambda row: True),
            (feeds.TripReleaseFeed(), self.trip, lambda row: row["on_trip"]),
            (feeds.TopicReleaseFeed(), self.topic, lambda row: row["on_topic"]),
        ]
        with (
            time_machine.travel(hour(NOW_HOUR), tick=False),
            translation.override(lang),
            patch.object(feeds.releases, "MAX_ITEMS", count),
        ):
            for feed, obj, in_feed in feed_kinds:
                out = sorted(
                    (
                        (max(hour(row["hour"]), hour(row["own_hour"] or 0)), release.pk)
                        for row, release in zip(drawn, releases, strict=True)
                        if in_feed(row)
                        and row["status"] != Status.DRAFT
                        and row["hour"] <= NOW_HOUR
                        and row["ready"]
                        and (row["own_hour"] is None or row["own_hour"] <= NOW_HOUR)
                    ),
                    reverse=True,
                )
                # The feed's entries, and what newest_out finds among the same items
                # (trip and topic feeds sort their own releases instead).
                for items in (feed.items(obj), feeds.newest_out(feed.source(obj), count)):
                    assert [(item.out_at, item.pk) for item in items] == out[:count]
                latest = content_version(latest=feed.newest(obj))[2]
                assert latest == (out[0][0] if out else None), type(feed).__name__


def build_full_feed():
    """More releases than a feed carries, on one trip and topic, in English only: one an
    hour, the oldest ones all at the same time, so that the feed's last place is a tie;
    and a release from last year whose English text went out a minute ago."""
    w = SimpleNamespace()
    now = timezone.now()
    w.trip = VisitFactory()
    w.robotics = TopicFactory()
    ties_from = feeds.MAX_ITEMS - 3
    bulk_releases(
        [
            {
                "visit": w.trip,
                "topics": [w.robotics],
                "published_at": now - timedelta(hours=min(n, ties_from)),
            }
            for n in range(1, feeds.MAX_ITEMS + 11)
        ],
        "full",
    )
    w.late = PressReleaseFactory(
        visit=w.trip,
        topics=[w.robotics],
        title_ko="작년 보도자료",
        published_at=now - timedelta(days=365),
        public_from_en=now - timedelta(minutes=1),
    )
    ContentVersion.objects.update_or_create(
        pk=1, defaults={"number": 1, "changed_at": now - timedelta(days=1)}
    )
    return w


full_feed = class_data("full_feed", build_full_feed)


class TestFullFeed:
    """With more releases than a feed carries, each release feed holds the newest to go out
    in its language, as dating and sorting them all would give."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("kind", ["releases", "trip releases", "topic releases"])
    def test_the_newest_to_go_out_with_a_late_translation_on_top(
        self, reader, full_feed, kind, fmt
    ):
        feed = read_feed(reader, feed_url(full_feed, kind, fmt))
        everything = PressRelease.objects.out_in("en").language_times("en")
        newest = everything.order_by("-out_at", "-pk")[: feeds.MAX_ITEMS]
        assert feed.links == [on_host(url_of(release)) for release in newest]
        assert feed.links[0] == on_host(url_of(full_feed.late))
        late_out = full_feed.late.public_from_en.replace(microsecond=0)
        assert timestamp(feed.entries[0].published_parsed) == late_out.timestamp()
        assert parsedate_to_datetime(feed.response["Last-Modified"]) == late_out

    def test_a_feed_with_fewer_items_carries_them_all(self, reader, full_feed):
        feed = read_feed(reader, feed_url(full_feed, "releases", "atom", "ko"))
        assert feed.links == [on_host(url_of(full_feed.late, "ko"))]


@pytest.mark.parametrize("kind", ["releases", "trip releases", "topic releases"])
def test_full_feed_takes_as_many_queries_as_a_one_item_feed(
    reader, kind, django_assert_max_num_queries
):
    w = SimpleNamespace(trip=VisitFactory(), robotics=TopicFactory())
    release = {"visit": w.trip, "topics": [w.robotics]}
    url = feed_url(w, kind)
    bulk_releases([release], "one")
    one = count_feed_queries(reader, url, django_assert_max_num_queries, 1)
    bulk_releases([release] * (feeds.MAX_ITEMS + 10), "more")
    full = count_feed_queries(reader, url, django_assert_max_num_queries, feeds.MAX_ITEMS)
    assert one == full


# --- discovery ---------------------------------------------------------------------------


def advertised_feeds(page) -> set[tuple[str, str]]:
    """(type, href) of the feeds a page announces in its head."""
    head = page.html.split("</head>", 1)[0]
    found = {
        (link["type"], link["href"])
        for link in page.head("alternate")
        if link.get("type") in FEED_TYPES
    }
    for _type, href in found:
        assert f'href="{href}"' in head, f"{href} is announced outside <head>"
    return found


def both_formats(name, lang, **kwargs) -> set[tuple[str, str]]:
    return {
        (f"application/{fmt}+xml", rev(f"press:{name}_{fmt}", lang, **kwargs)) for fmt in FORMATS
    }


def assert_all_answer(client, urls):
    for url in urls:
        read_feed(client, url)


@pytest.mark.parametrize("lang", LANGUAGES)
class TestDiscovery:
    def test_pages_announce_the_feeds_that_fit_them(self, client, newsroom, lang):
        w = newsroom
        site = both_formats("release_feed", lang)
        trip = both_formats("trip_release_feed", lang, slug=w.trip.slug) | both_formats(
            "trip_coverage_feed", lang, slug=w.trip.slug
        )
        topics = {
            topic: both_formats("topic_feed", lang, slug=topic.slug)
            for topic in (w.robotics, w.culture)
        }
        pages = {
            rev("press:home", lang): site,
            # The release list also offers the feed of every release, translated or not.
            rev("press:release_list", lang): site | both_formats("release_all_feed", lang),
            url_of(w.trip, lang): trip | site,
            url_of(w.robotics, lang): topics[w.robotics] | site,
            url_of(w.release, lang): trip | topics[w.robotics] | topics[w.culture] | site,
            url_of(w.korean_article, lang): trip | site,
        }
        for url, expected in pages.items():
            assert advertised_feeds(fetch(client, url)) == expected, url
        assert_all_answer(client, {href for announced in pages.values() for _, href in announced})

    def test_preview_of_an_unpublished_trip_does_not_announce_its_feeds(
        self, client, newsroom, django_user_model, lang
    ):
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="change_visit"))
        client.force_login(editor)
        trip = newsroom.hidden_trips[0]
        page = fetch(client, url_of(trip, lang))
        assert "preview-banner" in page.html
        assert advertised_feeds(page) == both_formats("release_feed", lang)
        assert trip.slug not in "".join(href for _, href in advertised_feeds(page))

    def test_preview_of_a_draft_release_announces_only_feeds_that_answer(
        self, client, newsroom, django_user_model, lang
    ):
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="change_pressrelease"))
        client.force_login(editor)
        draft = newsroom.hidden_releases[0]
        announced = advertised_feeds(fetch(client, url_of(draft, lang)))
        assert both_formats("topic_feed", lang, slug=newsroom.robotics.slug) <= announced
        assert newsroom.secret_topic.slug not in "".join(href for _, href in announced)
        assert_all_answer(Client(), {href for _, href in announced})


class TestFeedsPage:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_links_every_feed_and_each_answers(self, client, newsroom, lang):
        w = newsroom
        page = fetch(client, rev("press:feeds", lang))
        assert page.html_lang == lang
        linked = {a["href"] for a in page.anchors if a.get("type") in FEED_TYPES}
        expected = {
            href
            for _type, href in (
                both_formats("release_feed", lang)
                | both_formats("trip_release_feed", lang, slug=w.trip.slug)
                | both_formats("trip_coverage_feed", lang, slug=w.trip.slug)
                | both_formats("topic_feed", lang, slug=w.robotics.slug)
                | both_formats("topic_feed", lang, slug=w.culture.slug)
            )
        }
        others = {
            href
            for code in LANGUAGES
            for name in ("release_feed", "release_all_feed")
            if code != lang or name == "release_all_feed"
            for _type, href in both_formats(name, code)
        }
        assert linked == expected | others
        assert_all_answer(client, linked)
        assert SECRET not in page.html

    def test_the_footer_links_the_feeds_page(self, client, newsroom):
        home = fetch(client, rev("press:home", "ja"))
        assert home.links_to(rev("press:feeds", "ja"))

    def test_trips_without_releases_still_have_working_feeds(self, client, newsroom):
        quiet = VisitFactory(title_en="A quiet trip")
        page = fetch(client, rev("press:feeds"))
        for _type, href in both_formats("trip_release_feed", "en", slug=quiet.slug):
            assert page.links_to(href)
            assert read_feed(client, href).entries == []
