"""Page numbers no page can have are a 404, never a 500, on every paged public URL.

A scanner's ``?page=99999999999999999999`` once reached the database as an OFFSET: a 500
on every sitemap section (both databases) and on the search page (SQLite's integers end
at 64 bits). Every list, the search page, every sitemap section and every feed is asked
here for huge, negative, non-numeric and NUL-holding page numbers, in two languages:

- a number beyond `MAX_PAGE` (either sign, or too long for ``int()``) is the newsroom's
  404 page in the reader's language (a plain 404 for a sitemap);
- anything else keeps each door's own rule: a list or the search page shows its first
  page for a word and its last for a number past the end; a sitemap section answers
  404 for anything but a page it has; a feed has no pages and ignores the parameter.
"""

from types import SimpleNamespace

import pytest

from press.sitemaps import SITEMAPS
from tests.factories import (
    CoverageFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_pages import class_data, rev
from visits.paging import MAX_PAGE

pytestmark = pytest.mark.django_db

HUGE = [
    "99999999999999999999",
    str(MAX_PAGE + 1),
    "+99999999999999999999",
    "-99999999999999999999",
    "9" * 5000,  # more digits than int() converts
    "1" + "0" * 400,
]
#: Values that are no page, or none we have: never a 500, and each door's own answer.
ODD = ["-1", "0", "abc", "1\x00", "\x00", "%00", "1.5", "1e309", "\u0663", "\uff12", "1_0", ""]


def build():
    from visits.search import indexing

    indexing.IMMEDIATE = True  # the search page must have something to page through
    try:
        w = SimpleNamespace()
        w.trip = VisitFactory(legs=1, title_en="Seoul goes to Paris")
        w.topic = TopicFactory()
        PhotoFactory(visit=w.trip)
        for n in range(3):
            release = PressReleaseFactory(
                visit=w.trip, topics=[w.topic], title_en=f"Seoul robots {n}"
            )
        CoverageFactory(visit=w.trip, releases=[release])
        return w
    finally:
        indexing.IMMEDIATE = False


world = class_data("world", build)


def lists(w, lang) -> list[tuple[str, dict]]:
    """Every paged public HTML page, with the query it needs besides its page."""
    return [
        (rev("press:release_list", lang), {}),
        (rev("press:release_list", lang), {"topic": w.topic.slug}),
        (rev("press:coverage_list", lang), {}),
        (rev("visits:visit_list", lang), {}),
        (rev("press:topic_detail", lang, slug=w.topic.slug), {}),
        (rev("press:trip_photos", lang, slug=w.trip.slug), {}),
        (rev("press:feeds", lang), {}),
        (rev("visits:search", lang), {"q": "seoul"}),
    ]


def feeds(w, lang) -> list[str]:
    urls = []
    for fmt in ("rss", "atom"):
        urls += [
            rev(f"press:release_feed_{fmt}", lang),
            rev(f"press:trip_release_feed_{fmt}", lang, slug=w.trip.slug),
            rev(f"press:trip_coverage_feed_{fmt}", lang, slug=w.trip.slug),
            rev(f"press:topic_feed_{fmt}", lang, slug=w.topic.slug),
        ]
    return urls


def ask(client, url, query, page, key="page"):
    client.raise_request_exception = False  # a 500 is a status to assert, not a crash
    response = client.get(url, {**query, key: page})
    assert response.status_code != 500, f"{url}?{key}={page[:30]!r} is a 500"
    return response


class TestLists:
    """Releases (plain and filtered), coverage, trips, a topic, a trip's photos, the
    feeds page and search."""

    @pytest.mark.parametrize("lang", ["en", "ko"])
    @pytest.mark.parametrize("page", HUGE)
    def test_a_number_no_page_can_have_is_the_404_page(self, client, world, lang, page):
        for url, query in lists(world, lang):
            response = ask(client, url, query, page)
            assert response.status_code == 404, f"{url}?page={page[:30]}"
            assert f'<html lang="{lang}">' in response.content.decode(), url

    @pytest.mark.parametrize("page", ODD)
    def test_other_bad_numbers_show_a_page(self, client, world, page):
        for url, query in lists(world, "en"):
            assert ask(client, url, query, page).status_code == 200, f"{url}?page={page!r}"

    def test_the_last_page_a_number_may_name_shows_the_last_page(self, client, world):
        for url, query in lists(world, "en"):
            assert ask(client, url, query, str(MAX_PAGE)).status_code == 200, url
            assert ask(client, url, query, f"-{MAX_PAGE}").status_code == 200, url
            assert ask(client, url, query, f"{'0' * 30}1").status_code == 200, url

    def test_search_shows_its_results_on_the_page_asked_for(self, client, world):
        url = rev("visits:search")
        first = ask(client, url, {"q": "seoul"}, "1").content.decode()
        past_the_end = ask(client, url, {"q": "seoul"}, "999").content.decode()
        assert 'href="/en/releases/seoul-robots-0/"' in first
        assert past_the_end.count('class="card search-hit"') == first.count(
            'class="card search-hit"'
        )


class TestSitemaps:
    @pytest.mark.parametrize("section", list(SITEMAPS))
    def test_anything_but_a_page_it_has_is_a_404(self, client, world, section):
        url = f"/sitemap-{section}.xml"
        assert ask(client, url, {}, "1", key="p").status_code == 200
        assert ask(client, url, {}, "0001", key="p").status_code == 200
        for page in [*HUGE, *ODD, str(MAX_PAGE), "2"]:
            assert ask(client, url, {}, page, key="p").status_code == 404, f"{url}?p={page!r}"


class TestFeeds:
    @pytest.mark.parametrize("page", [*HUGE, *ODD])
    def test_feeds_have_no_pages_and_ignore_the_number(self, client, world, page):
        for url in feeds(world, "en"):
            assert ask(client, url, {}, page).status_code == 200, f"{url}?page={page[:30]!r}"
