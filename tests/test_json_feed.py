"""The JSON Feeds (``…/feeds/releases.json`` and beside every RSS and Atom feed) as a
script or a JSON Feed reader meets them.

Each is a valid JSON Feed 1.1 document (checked here against the spec's required fields
and the types of the fields it uses), served as ``application/feed+json``, with the items
of the Atom feed at the same address: the same IDs, links and titles, in the same order,
under the same language rules (a release not out in the feed's language is left out of
its own feeds, and is in the feed of every release marked with the language it fell
back to). An up-to-date reader gets a 304; a scheduled release is not in it before its
minute; the queries do not grow with the items; pages and the Feeds page point to it.
"""

import json
from calendar import timegm
from datetime import datetime

import pytest
import time_machine

from tests.test_feeds import (
    KINDS,
    KO_TITLE,
    QUERY_BUDGET,
    SECRET,
    build_embargo,
    build_feed_scenarios,
    build_newsroom,
    feed_url,
    on_host,
    read_feed,
)
from tests.test_pages import LANGUAGES, class_data, fetch, rev, seoul, url_of

pytestmark = pytest.mark.django_db

VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_TYPE = "application/feed+json; charset=utf-8"
FEED_NAMES = ["release_feed", "release_all_feed", "trip_release_feed", "trip_coverage_feed"]

newsroom = class_data("newsroom", build_newsroom)
embargo = class_data("embargo", build_embargo)
feed_scenarios = class_data("feed_scenarios", build_feed_scenarios)


@pytest.fixture
def reader(public_client):
    """A feed reader subscribed on the newsroom's public host."""
    return public_client


# --- the spec ----------------------------------------------------------------------------


def rfc3339(value) -> datetime:
    """``value`` as a date: an RFC 3339 date-time with its offset, or the test fails."""
    assert isinstance(value, str) and "T" in value, value
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert moment.tzinfo is not None, f"{value} has no offset"
    return moment


def check_authors(authors):
    assert isinstance(authors, list) and authors
    for author in authors:
        assert isinstance(author, dict)
        assert set(author) <= {"name", "url", "avatar"} and author, author
        assert all(isinstance(value, str) and value for value in author.values())


def check_url(value):
    assert isinstance(value, str) and value.startswith(("http://", "https://")), value


def validate(document: dict):
    """What JSON Feed 1.1 requires (``version``, ``title``, ``items``; per item ``id`` and
    ``content_html`` or ``content_text``) and the types of the optional fields used."""
    assert isinstance(document, dict)
    assert document["version"] == VERSION
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list)
    for key in ("home_page_url", "feed_url"):
        if key in document:
            check_url(document[key])
    for key in ("description", "language"):
        if key in document:
            assert isinstance(document[key], str)
    if "authors" in document:
        check_authors(document["authors"])
    ids = [item.get("id") for item in document["items"]]
    assert len(ids) == len(set(ids)), "item IDs repeat"
    for item in document["items"]:
        assert isinstance(item, dict)
        assert isinstance(item["id"], str) and item["id"], item
        contents = [item.get(key) for key in ("content_html", "content_text")]
        assert any(isinstance(text, str) for text in contents), f"{item['id']} has no content"
        for key in ("url", "external_url", "image"):
            if key in item:
                check_url(item[key])
        for key in ("title", "summary", "language"):
            if key in item:
                assert isinstance(item[key], str) and item[key], (key, item)
        published = rfc3339(item["date_published"]) if "date_published" in item else None
        if "date_modified" in item:
            modified = rfc3339(item["date_modified"])
            assert published is None or modified >= published, item["id"]
        if "authors" in item:
            check_authors(item["authors"])
        if "tags" in item:
            assert isinstance(item["tags"], list)
            assert all(isinstance(tag, str) and tag for tag in item["tags"])


class JsonFeed:
    """A JSON Feed as a reader gets it: the response, its text and its items."""

    def __init__(self, response):
        self.response = response
        self.text = response.content.decode()
        self.document = json.loads(self.text)
        self.items = self.document["items"]
        self.links = [item["url"] for item in self.items]
        self.ids = [item["id"] for item in self.items]

    def item(self, link) -> dict:
        (item,) = [item for item in self.items if item["url"] == link]
        return item


def read_json_feed(client, url, **kwargs) -> JsonFeed:
    """The feed at ``url``, checked: a 200 as ``application/feed+json``, a valid document."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response["Content-Type"] == CONTENT_TYPE, url
    feed = JsonFeed(response)
    validate(feed.document)
    return feed


# --- the same items as the Atom feed -----------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
class TestSameItemsAsAtom:
    @pytest.mark.parametrize("kind", [*KINDS, "all releases"])
    def test_same_ids_links_titles_and_order(self, reader, newsroom, kind, lang):
        if kind == "all releases":
            urls = [rev(f"press:release_all_feed_{fmt}", lang) for fmt in ("atom", "json")]
        else:
            urls = [feed_url(newsroom, kind, fmt, lang) for fmt in ("atom", "json")]
        atom, feed = read_feed(reader, urls[0]), read_json_feed(reader, urls[1])
        assert feed.items, urls[1]
        assert feed.ids == [entry.id for entry in atom.entries]
        assert feed.links == atom.links
        assert [item["title"] for item in feed.items] == [e.title for e in atom.entries]
        for item, entry in zip(feed.items, atom.entries, strict=True):
            assert int(rfc3339(item["date_published"]).timestamp()) == timegm(
                entry.published_parsed
            )
            assert int(rfc3339(item["date_modified"]).timestamp()) == timegm(entry.updated_parsed)
        assert feed.document["language"] == lang
        assert feed.document["feed_url"] == on_host(urls[1])
        assert SECRET not in feed.text

    def test_a_release_item_in_full(self, reader, newsroom, lang):
        """Full text, a plain summary, the lead photo, the office, the topics."""
        w = newsroom
        feed = read_json_feed(reader, feed_url(w, "releases", "json", lang))
        item = feed.item(on_host(url_of(w.release, lang)))
        assert item["content_html"] == "<p>…</p>"
        assert "<" not in item["summary"] and item["summary"]
        assert item["image"] == on_host(w.lead_photo.image.url)
        assert item["authors"][0]["name"]
        assert len(item["tags"]) == 2
        # Culture has an English name only: its tag falls back, as in Atom.
        assert "Culture" in item["tags"]

    def test_an_article_links_to_its_outlet(self, reader, newsroom, lang):
        w = newsroom
        feed = read_json_feed(reader, feed_url(w, "trip coverage", "json", lang))
        item = feed.item(on_host(url_of(w.korean_article, lang)))
        check_url(item["external_url"])
        assert item["content_html"].startswith("<p")

    def test_text_in_another_language_is_marked_as_rss_marks_it(self, reader, newsroom, lang):
        for kind in [*KINDS, "all releases"]:
            if kind == "all releases":
                urls = [rev(f"press:release_all_feed_{fmt}", lang) for fmt in ("rss", "json")]
            else:
                urls = [feed_url(newsroom, kind, fmt, lang) for fmt in ("rss", "json")]
            rss, feed = read_feed(reader, urls[0]), read_json_feed(reader, urls[1])
            for item in feed.items:
                assert item.get("language") == rss.entry(item["url"]).get("language"), item


# --- language rules ------------------------------------------------------------------------


MARKED = {
    "en": f"[Korean] {KO_TITLE}",
    "zh-hans": f"【韩语】{KO_TITLE}",
    "ja": f"【韓国語】{KO_TITLE}",
}


class TestLanguages:
    @pytest.mark.parametrize("lang", MARKED)
    def test_an_untranslated_release_is_only_in_the_every_release_feed_marked(
        self, reader, newsroom, lang
    ):
        link = on_host(url_of(newsroom.korean_release, lang))
        own = read_json_feed(reader, feed_url(newsroom, "releases", "json", lang))
        assert link not in own.links
        assert KO_TITLE not in own.text
        everything = read_json_feed(reader, rev("press:release_all_feed_json", lang))
        item = everything.item(link)
        assert item["title"] == MARKED[lang]
        assert item["language"] == "ko"
        # The ID is the one the language's own feed will give it once translated.
        atom = read_feed(reader, rev("press:release_all_feed_atom", lang))
        assert item["id"] == atom.entry(link).id

    def test_in_korean_nothing_is_marked(self, reader, newsroom):
        feed = read_json_feed(reader, rev("press:release_all_feed_json", "ko"))
        item = feed.item(on_host(url_of(newsroom.korean_release, "ko")))
        assert item["title"] == KO_TITLE
        assert "language" not in item
        assert feed.document["language"] == "ko"

    def test_ids_differ_per_language_and_survive_across_formats(self, reader, newsroom):
        ids = {
            lang: read_json_feed(reader, feed_url(newsroom, "releases", "json", lang)).ids
            for lang in LANGUAGES
        }
        assert len({item_id for found in ids.values() for item_id in found}) == sum(
            map(len, ids.values())
        )


# --- conditional GET, embargo, queries ------------------------------------------------------


class TestPolling:
    def test_304_by_etag_and_by_date(self, reader, newsroom):
        url = feed_url(newsroom, "releases", "json")
        first = reader.get(url)
        assert first["Cache-Control"] == "public, no-cache"
        by_etag = reader.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert by_etag.status_code == 304 and by_etag.content == b""
        by_date = reader.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304
        # Its own validator: an Atom copy's ETag does not pass for the JSON one.
        atom = reader.get(feed_url(newsroom, "releases", "atom"))
        assert atom["ETag"] != first["ETag"]
        assert reader.get(url, HTTP_IF_NONE_MATCH=atom["ETag"]).status_code == 200

    def test_a_post_is_refused(self, reader, newsroom):
        response = reader.post(feed_url(newsroom, "releases", "json"))
        assert response.status_code == 405

    def test_an_unknown_trip_is_a_404(self, reader, newsroom):
        url = rev("press:trip_release_feed_json", slug="no-such-trip")
        assert reader.get(url).status_code == 404


def embargo_urls(w):
    return [
        rev("press:release_feed_json"),
        rev("press:release_all_feed_json"),
        rev("press:trip_release_feed_json", slug=w.trip.slug),
        rev("press:topic_feed_json", slug=w.topic.slug),
    ]


class TestEmbargo:
    def test_a_scheduled_release_is_out_at_its_minute_not_before(self, client, embargo):
        link = f"http://testserver{url_of(embargo.release)}"
        for url in embargo_urls(embargo):
            with time_machine.travel(seoul(2024, 7, 25, 9, 59), tick=False):
                before = read_json_feed(client, url)
                assert link not in before.links, url
                assert "Drone taxis over the Han River" not in before.text
                etag = before.response["ETag"]
                assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
            with time_machine.travel(seoul(2024, 7, 25, 10, 0), tick=False):
                after = read_json_feed(client, url, HTTP_IF_NONE_MATCH=etag)
                assert after.links[0] == link, url
                item = after.items[0]
                published = rfc3339(item["date_published"])
                assert published == seoul(2024, 7, 25, 10, 0)


class TestQueries:
    @pytest.mark.parametrize("name", ["trip_release_feed", "trip_coverage_feed", "topic_feed"])
    def test_constant_and_as_few_as_atom(
        self, reader, feed_scenarios, name, django_assert_max_num_queries
    ):
        counts = {}
        for fmt in ("atom", "json"):
            for label, scenario, n in (
                ("one", feed_scenarios.one, 1),
                ("many", feed_scenarios.many, 20),
            ):
                slug = scenario.topic.slug if name == "topic_feed" else scenario.trip.slug
                url = rev(f"press:{name}_{fmt}", "ko", slug=slug)
                with django_assert_max_num_queries(QUERY_BUDGET) as captured:
                    response = reader.get(url)
                assert response.status_code == 200
                if fmt == "json":
                    assert len(JsonFeed(response).items) == n
                counts[fmt, label] = len(captured)
        assert counts["json", "one"] == counts["json", "many"], counts
        assert counts["json", "many"] == counts["atom", "many"], counts


# --- discovery -----------------------------------------------------------------------------


def json_alternates(page) -> set[str]:
    return {
        link["href"]
        for link in page.head("alternate")
        if link.get("type") == "application/feed+json"
    }


def xml_alternates(page) -> set[str]:
    return {
        link["href"]
        for link in page.head("alternate")
        if link.get("type") == "application/atom+xml"
    }


@pytest.mark.parametrize("lang", LANGUAGES)
class TestDiscovery:
    def test_every_page_with_atom_alternates_announces_the_json_feeds(
        self, client, reader, newsroom, lang
    ):
        w = newsroom
        pages = [
            rev("press:home", lang),
            rev("press:release_list", lang),
            url_of(w.release, lang),
            url_of(w.trip, lang),
            url_of(w.robotics, lang),
        ]
        for url in pages:
            page = fetch(client, url)
            atom = xml_alternates(page)
            assert atom, url
            assert json_alternates(page) == {href[: -len(".atom")] + ".json" for href in atom}
        home = fetch(client, rev("press:home", lang))
        assert json_alternates(home) == {rev("press:release_feed_json", lang)}
        release = json_alternates(fetch(client, url_of(w.release, lang)))
        assert rev("press:trip_release_feed_json", lang, slug=w.trip.slug) in release
        assert rev("press:topic_feed_json", lang, slug=w.robotics.slug) in release
        for href in release:
            read_json_feed(reader, href)

    def test_the_feeds_page_offers_json_beside_every_atom_feed(self, client, newsroom, lang):
        page = fetch(client, rev("press:feeds", lang))
        atom = {a["href"] for a in page.anchors if a.get("type") == "application/atom+xml"}
        found = {a["href"] for a in page.anchors if a.get("type") == "application/feed+json"}
        assert atom and found == {href[: -len(".atom")] + ".json" for href in atom}
        assert "JSON Feed" in page.html
        for href in found:
            read_json_feed(client, href)

    def test_the_topics_page_offers_json(self, client, newsroom, lang):
        page = fetch(client, rev("press:topic_list", lang))
        found = {a["href"] for a in page.anchors if a.get("type") == "application/feed+json"}
        assert rev("press:topic_feed_json", lang, slug=newsroom.robotics.slug) in found


def test_a_feed_with_no_items_is_still_valid(reader):
    feed = read_json_feed(reader, rev("press:release_feed_json"))
    assert feed.items == []
    assert feed.document["title"]
