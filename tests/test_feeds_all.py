"""The feeds of every release, translated or not (``/<lang>/feeds/releases/all.rss`` and
``.atom``; press/feeds/everything.py), as a subscriber's feed reader meets them.

A language's own release feeds leave out a release not yet out in that language; these
carry it, in the language its pages fall back to, marked where a reader sees it (its
title opens with the language's name, and a category names it) and where software reads
it (``dc:language`` in RSS, ``xml:lang`` in Atom). Entry IDs are the ones the language's
own feeds give the same release, so a translation going out updates the entry in place.
Nothing unpublished shows, an embargo lifts at its minute, queries stay few and constant,
and an up-to-date reader gets a 304.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from press import feeds
from press.models import PressRelease
from tests.factories import PressReleaseFactory, TopicFactory, VisitFactory
from tests.test_feeds import (
    FORMATS,
    KO_TITLE,
    QUERY_BUDGET,
    SECRET,
    build_embargo,
    build_newsroom,
    bulk_releases,
    count_feed_queries,
    edit,
    feed_url,
    on_host,
    read_feed,
)
from tests.test_pages import class_data, fetch, rev, seoul, url_of

pytestmark = pytest.mark.django_db

newsroom = class_data("newsroom", build_newsroom)
embargo = class_data("embargo", build_embargo)


@pytest.fixture
def reader(public_client):
    """A feed reader subscribed on the newsroom's public host."""
    return public_client


#: Readers of these languages have no Korean text of the Korean-only release in their
#: own feeds; "Korean" in each, and the title as their every-release feed shows it.
MARKED = {
    "en": f"[Korean] {KO_TITLE}",
    "zh-hans": f"【韩语】{KO_TITLE}",
    "ja": f"【韓国語】{KO_TITLE}",
}
KOREAN = {"en": "Korean", "zh-hans": "韩语", "ja": "韓国語"}


def all_url(fmt="rss", lang="en"):
    return rev(f"press:release_all_feed_{fmt}", lang)


def ids_by_link(feed) -> dict:
    return {entry.link: entry.id for entry in feed.entries}


class TestUntranslatedReleases:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("lang", MARKED)
    def test_the_korean_only_release_is_in_the_every_release_feed_marked_korean(
        self, reader, newsroom, fmt, lang
    ):
        link = on_host(url_of(newsroom.korean_release, lang))
        everything = read_feed(reader, all_url(fmt, lang))
        entry = everything.entry(link)
        assert entry.title == MARKED[lang]
        assert KOREAN[lang] in [tag.term for tag in entry.tags]
        if fmt == "atom":
            assert entry.title_detail.language == "ko"
        else:
            assert entry.language == "ko"  # dc:language
        # The language's own feed leaves it out.
        own = read_feed(reader, feed_url(newsroom, "releases", fmt, lang))
        assert link not in own.links
        assert KO_TITLE not in own.xml

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_in_the_korean_feed_it_is_not_marked(self, reader, newsroom, fmt):
        entry = read_feed(reader, all_url(fmt, "ko")).entry(
            on_host(url_of(newsroom.korean_release, "ko"))
        )
        assert entry.title == KO_TITLE
        assert "한국어" not in [tag.term for tag in entry.tags]

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("lang", ["en", "ko", "zh-hans", "ja"])
    def test_a_release_out_in_the_language_is_the_language_feeds_entry(
        self, reader, newsroom, fmt, lang
    ):
        """Same link, ID and title as in the language's own feed: no mark."""
        everything = read_feed(reader, all_url(fmt, lang))
        own = read_feed(reader, feed_url(newsroom, "releases", fmt, lang))
        assert own.links and set(own.links) <= set(everything.links)
        for link, entry_id in ids_by_link(own).items():
            assert everything.entry(link).id == entry_id
            assert everything.entry(link).title == own.entry(link).title

    def test_entries_are_newest_first_by_publication(self, reader, newsroom):
        expected = [
            newsroom.orphan_release,
            newsroom.city_release,
            newsroom.korean_release,
            newsroom.release,
        ]
        for fmt in FORMATS:
            feed = read_feed(reader, all_url(fmt))
            assert feed.links == [on_host(url_of(release)) for release in expected]


class TestNothingUnpublished:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_no_draft_review_scheduled_or_withdrawn_release(self, reader, newsroom, fmt, lang):
        feed = read_feed(reader, all_url(fmt, lang))
        assert SECRET not in feed.xml
        for hidden in newsroom.hidden_releases:
            assert on_host(url_of(hidden, lang)) not in feed.links

    def test_an_embargo_lifts_at_its_minute_and_changes_the_validators(self, reader, embargo):
        link = on_host(url_of(embargo.release))
        for fmt in FORMATS:
            url = all_url(fmt)
            with time_machine.travel(seoul(2024, 7, 25, 9, 59), tick=False):
                before = reader.get(url)
                assert link not in read_feed(reader, url).links
                assert reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
            with time_machine.travel(seoul(2024, 7, 25, 10, 0), tick=False):
                after = reader.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
                assert after.status_code == 200
                assert read_feed(reader, url).links[0] == link


class TestStableIds:
    def test_a_translation_going_out_updates_the_entry_in_place(self, reader):
        """The Korean-only release's entry in the English every-release feed has the ID
        the English feed gives it once its English text goes out at its own time."""
        now = timezone.now()
        release = PressReleaseFactory(
            title_en="Seoul and Jakarta share a smart-city lab",
            title_ko=KO_TITLE,
            ready_en=True,
            public_from_en=now + timedelta(hours=1),
            original_language="ko",
            published_at=now - timedelta(hours=1),
        )
        link = on_host(url_of(release))
        first = read_feed(reader, all_url("atom"))
        before = first.entry(link)
        assert before.title == f"[Korean] {KO_TITLE}"
        assert link not in read_feed(reader, rev("press:release_feed_atom")).links
        with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
            after = reader.get(all_url("atom"), HTTP_IF_NONE_MATCH=first.response["ETag"])
            assert after.status_code == 200  # no save: the clock alone changed it
            entry = read_feed(reader, all_url("atom")).entry(link)
            english = read_feed(reader, rev("press:release_feed_atom")).entry(link)
        assert entry.id == before.id == english.id
        assert entry.title == english.title == "Seoul and Jakarta share a smart-city lab"
        assert entry.updated_parsed > before.updated_parsed
        assert entry.published_parsed == before.published_parsed

    def test_editing_keeps_the_id(self, reader, newsroom, django_capture_on_commit_callbacks):
        link = on_host(url_of(newsroom.korean_release))
        before = read_feed(reader, all_url()).entry(link)
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.korean_release, title_ko=KO_TITLE + " (수정)")
        after = read_feed(reader, all_url()).entry(link)
        assert after.title == f"[Korean] {KO_TITLE} (수정)"
        assert after.id == before.id


class TestPolling:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_an_up_to_date_reader_gets_a_304_before_any_item_is_loaded(
        self, reader, newsroom, fmt, monkeypatch, django_assert_max_num_queries
    ):
        url = all_url(fmt)
        first = reader.get(url)
        assert first.status_code == 200
        assert first["Cache-Control"] == "public, no-cache"

        def items(self, obj):
            raise AssertionError("an up-to-date reader must get a 304 before items are loaded")

        monkeypatch.setattr(feeds.AllReleaseFeed, "items", items)
        with django_assert_max_num_queries(2):
            response = reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 304
        with django_assert_max_num_queries(2):
            by_date = reader.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304

    def test_etags_differ_from_the_language_feeds_and_between_languages(self, reader, newsroom):
        etags = {
            reader.get(url)["ETag"]
            for url in (
                all_url(),
                all_url("atom"),
                all_url(lang="ko"),
                rev("press:release_feed_rss"),
            )
        }
        assert len(etags) == 4

    def test_editing_a_release_changes_the_etag(
        self, reader, newsroom, django_capture_on_commit_callbacks
    ):
        first = reader.get(all_url())
        with django_capture_on_commit_callbacks(execute=True):
            edit(newsroom.korean_release, lead_ko="새 요약.")
        response = reader.get(all_url(), HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 200
        assert "새 요약." in response.content.decode()


class TestQueries:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_constant_in_the_number_of_items(self, reader, fmt, django_assert_max_num_queries):
        trip, topic = VisitFactory(), TopicFactory()
        release = {"visit": trip, "topics": [topic], "title_en": "", "title_ko": "보도자료"}
        bulk_releases([release], "one")
        one = count_feed_queries(reader, all_url(fmt), django_assert_max_num_queries, 1)
        bulk_releases([release] * (feeds.MAX_ITEMS + 10), "more")
        full = count_feed_queries(
            reader, all_url(fmt), django_assert_max_num_queries, feeds.MAX_ITEMS
        )
        assert one == full <= QUERY_BUDGET

    def test_a_full_feed_holds_the_newest_published(self, reader):
        now = timezone.now()
        trip = VisitFactory()
        bulk_releases(
            [
                {"visit": trip, "published_at": now - timedelta(minutes=n), "title_ko": "보도"}
                for n in range(1, feeds.MAX_ITEMS + 6)
            ],
            "full",
        )
        feed = read_feed(reader, all_url("atom", "ja"))
        newest = PressRelease.objects.published().order_by("-published_at", "-pk")
        with_ja = [on_host(url_of(release, "ja")) for release in newest[: feeds.MAX_ITEMS]]
        assert feed.links == with_ja


class TestOffered:
    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_the_feeds_page_and_the_release_list_offer_them(self, client, newsroom, lang):
        feeds_page = fetch(client, rev("press:feeds", lang))
        for fmt in FORMATS:
            assert feeds_page.links_to(all_url(fmt, lang))
        announced = {
            link["href"]
            for link in fetch(client, rev("press:release_list", lang)).head("alternate")
        }
        assert {all_url("rss", lang), all_url("atom", lang)} <= announced

    def test_the_feeds_page_no_longer_says_language_feeds_carry_untranslated_items(
        self, client, newsroom
    ):
        text = fetch(client, rev("press:feeds")).html
        assert "an item not yet translated appears in its original language" not in text
        assert "a release not yet translated is left out" in text
        assert "feed of every press release" in text
