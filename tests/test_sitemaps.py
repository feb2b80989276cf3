"""The sitemap index, its sections and robots.txt, as a search engine's crawler meets them.

``/sitemap.xml`` is an index whose every entry answers; the sections together list every
public page in all four languages (a release in the languages it is out in), and nothing
else, each with its alternates in those languages and an ``x-default``, and the date of
its last change where the model keeps one.
Bad page numbers are 404s, and the query count of a page does not grow with the rows.
"""

import re
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.urls import NoReverseMatch
from django.utils import timezone

from press.models import PressRelease
from press.sitemaps import SITEMAPS
from tests.conftest import PUBLIC_HOST, on_public_host
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_pages import LANGUAGES, QUERY_BUDGET, SECRET, class_data, rev, url_of
from visits.models import Visit
from visits.publishing import Status
from visits.sitemaps import NewsroomSitemap, VisitSitemap

pytestmark = pytest.mark.django_db

HOST = PUBLIC_HOST
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SECTIONS = [
    "pages",
    "releases",
    "trips",
    "events",
    "coverage",
    "photos",
    "topics",
    "places",
    "people",
    "organisations",
]
#: Sections whose models keep a date of last change.
DATED = {"releases", "trips", "events", "coverage", "photos"}
STATIC_PAGES = [
    "press:home",
    "press:release_list",
    "visits:visit_list",
    "press:coverage_list",
    "press:photo_list",
    "press:topic_list",
    "visits:person_list",
    "visits:place_list",
    "press:feeds",
    "press:contacts",
]


@pytest.fixture
def crawler(public_client):
    """A search engine's crawler on the newsroom's public host."""
    return public_client


on_host = on_public_host


def in_every_language(obj) -> dict[str, str]:
    return {lang: on_host(url_of(obj, lang)) for lang in LANGUAGES}


def listed_in(obj) -> dict[str, str]:
    """The URLs of ``obj`` a sitemap lists: a release's in the languages it is out in."""
    if isinstance(obj, PressRelease):
        return {lang: on_host(url_of(obj, lang)) for lang in obj.public_languages()}
    return in_every_language(obj)


def x_default(urls: dict[str, str]) -> str:
    """The English page, or the first language listed when there is none."""
    return urls.get("en") or next(iter(urls.values()))


def read_xml(client, url, root):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response["Content-Type"] == "application/xml"
    tree = ElementTree.fromstring(response.content)
    assert tree.tag == f"{{{NS['sm']}}}{root}"
    return tree


def index_locations(client) -> list[str]:
    index = read_xml(client, "/sitemap.xml", "sitemapindex")
    return [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]


class Entry:
    """One ``<url>`` of a section: its location, last change and alternates."""

    def __init__(self, node):
        self.loc = node.find("sm:loc", NS).text
        lastmod = node.find("sm:lastmod", NS)
        self.lastmod = lastmod.text if lastmod is not None else None
        links = node.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        self.hreflangs = [link.get("hreflang") for link in links]
        self.alternates = {link.get("hreflang"): link.get("href") for link in links}


def section_entries(client, url) -> list[Entry]:
    return [Entry(node) for node in read_xml(client, url, "urlset").findall("sm:url", NS)]


def everything_listed(client) -> dict[str, list[Entry]]:
    """Every entry of every page of every section, by section, following the index."""
    listed = {}
    for location in index_locations(client):
        section = location.removeprefix(f"http://{HOST}/sitemap-").split(".xml")[0]
        listed.setdefault(section, []).extend(section_entries(client, location))
    return listed


# --- the world: one trip with everything, and what the public must not see -------------


def build_site():
    w = SimpleNamespace()
    w.mayor = PersonFactory(name_en="Oh Se-hoon")
    w.trip = VisitFactory(official=w.mayor, legs=1, title_en="Mayor's trip to Beijing")
    leg = w.trip.legs.get()
    w.org = OrganizationFactory(name_en="Tsinghua University")
    w.host = PersonFactory(name_en="Yin Yong")
    w.place = PlaceFactory(city=leg.city, name_en="Zhongguancun")
    meeting = EngagementFactory(leg=leg, place=w.place, people=[w.host], organizations=[w.org])
    w.meeting = meeting
    w.topic = TopicFactory(name_en="Robotics")
    w.photo = PhotoFactory(visit=w.trip)
    w.release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.topic],
        photos=[w.photo],
        engagements=[meeting],
        title_ko="서울·베이징 로봇 협력",
        title_zh_hans="首尔与北京机器人合作",
        title_ja="ソウルと北京のロボット協力",
    )
    # Out in Korean alone: listed in Korean only, its x-default the Korean page.
    w.korean_release = PressReleaseFactory(
        visit=None, title_en="", body_en="", title_ko="서울시 발표", body_ko="<p>본문</p>"
    )
    w.coverage = CoverageFactory(visit=w.trip, releases=[w.release])

    # Unpublished trips, and the people, places, organisations and photos only they show...
    states = {
        "draft": {"draft": True},
        "review": {"status": Status.IN_REVIEW},
        "scheduled": {"scheduled": True},
        "withdrawn": {"withdrawn": True},
    }
    w.hidden_trips = [
        VisitFactory(
            title_en=f"{SECRET} {state} trip",
            official=PersonFactory(name_en=f"{SECRET} official {state}"),
            legs=1,
            **fields,
        )
        for state, fields in states.items()
    ]
    hidden_leg = w.hidden_trips[0].legs.get()
    w.hidden_place = PlaceFactory(city=hidden_leg.city, name_en=f"{SECRET} place")
    w.hidden_person = PersonFactory(name_en=f"{SECRET} person")
    w.hidden_org = OrganizationFactory(name_en=f"{SECRET} organisation")
    w.hidden_engagement = EngagementFactory(
        leg=hidden_leg,
        place=w.hidden_place,
        people=[w.hidden_person],
        organizations=[w.hidden_org],
    )
    w.hidden_photo = PhotoFactory(visit=w.hidden_trips[0], caption_en=f"{SECRET} photo")
    # ...unpublished releases and coverage, with a topic and a photo only they have...
    w.secret_topic = TopicFactory(name_en=f"{SECRET} topic")
    w.draft_photo = PhotoFactory(visit=None, caption_en=f"{SECRET} draft photo")
    w.hidden_releases = [
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.secret_topic],
            photos=[w.draft_photo],
            title_en=f"{SECRET} {state}",
            **fields,
        )
        for state, fields in states.items()
    ]
    w.hidden_coverage = [
        CoverageFactory(visit=w.trip, headline=f"{SECRET} {state}", **fields)
        for state, fields in states.items()
    ]
    # ...and public items of an unpublished trip: listed, without the trip.
    w.orphan_release = PressReleaseFactory(visit=w.hidden_trips[0])
    w.orphan_coverage = CoverageFactory(visit=w.hidden_trips[0])
    return w


site = class_data("site", build_site)


def public_items(w) -> dict[str, list]:
    return {
        "releases": [w.release, w.korean_release, w.orphan_release],
        "trips": [w.trip],
        "events": [w.meeting],
        "coverage": [w.coverage, w.orphan_coverage],
        "photos": [w.photo],
        "topics": [w.topic],
        "places": [w.place],
        "people": [w.mayor, w.host],
        "organisations": [w.org],
    }


def hidden_items(w) -> list:
    return [
        *w.hidden_trips,
        *(trip.official for trip in w.hidden_trips),
        w.hidden_engagement,
        w.hidden_place,
        w.hidden_person,
        w.hidden_org,
        w.hidden_photo,
        w.draft_photo,
        w.secret_topic,
        *w.hidden_releases,
        *w.hidden_coverage,
    ]


def static_pages(lang) -> list[str]:
    return [on_host(rev(name, lang)) for name in STATIC_PAGES]


# --- the index ---------------------------------------------------------------------------


class TestIndex:
    def test_lists_each_section_on_the_requested_host_and_each_answers(self, crawler, site):
        locations = index_locations(crawler)
        assert locations == [on_host(f"/sitemap-{section}.xml") for section in SECTIONS]
        for location in locations:
            read_xml(crawler, location, "urlset")

    def test_dated_sections_carry_their_latest_change(self, crawler, site):
        index = read_xml(crawler, "/sitemap.xml", "sitemapindex")
        dated = {
            node.find("sm:loc", NS).text: node.find("sm:lastmod", NS)
            for node in index.findall("sm:sitemap", NS)
        }
        for section in SECTIONS:
            lastmod = dated[on_host(f"/sitemap-{section}.xml")]
            assert (lastmod is not None) == (section in DATED), section
        # A release's last change is its last public one (no change notes here).
        latest = max(release.published_at for release in public_items(site)["releases"])
        releases = dated[on_host("/sitemap-releases.xml")].text
        assert releases == timezone.localtime(latest).isoformat()

    def test_big_sections_are_split_into_pages(self, crawler, site, monkeypatch):
        monkeypatch.setattr(NewsroomSitemap, "limit", 2)
        releases = on_host("/sitemap-releases.xml")
        locations = index_locations(crawler)
        assert [loc for loc in locations if loc.startswith(releases)] == [
            releases,
            f"{releases}?p=2",
        ]
        first = section_entries(crawler, releases)
        second = section_entries(crawler, f"{releases}?p=2")
        releases = public_items(site)["releases"]
        assert len(first) == len(listed_in(releases[0])) + len(listed_in(releases[1])) == 5
        assert len(second) == len(listed_in(releases[2])) == 1
        expected = {url for item in releases for url in listed_in(item).values()}
        assert {entry.loc for entry in first + second} == expected
        assert crawler.get("/sitemap-releases.xml?p=3").status_code == 404

    def test_robots_txt_names_the_absolute_sitemap(self, crawler):
        response = crawler.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert f"Sitemap: http://{HOST}/sitemap.xml" in lines
        assert "User-agent: *" in lines
        # Search result pages are not crawled, in any language.
        assert {"Disallow: /en/search/", "Disallow: /ko/search/", "Disallow: /ja/search/"} <= set(
            lines
        )


# --- the sections --------------------------------------------------------------------------


class TestSections:
    def test_list_every_public_page_in_every_language_and_nothing_else(self, crawler, site):
        listed = everything_listed(crawler)
        assert set(listed) == set(SECTIONS)
        for section, items in public_items(site).items():
            expected = {url for item in items for url in listed_in(item).values()}
            locations = [entry.loc for entry in listed[section]]
            assert sorted(locations) == sorted(expected), section
        pages = [entry.loc for entry in listed["pages"]]
        assert sorted(pages) == sorted(url for lang in LANGUAGES for url in static_pages(lang))

    def test_never_list_anything_unpublished(self, crawler, site):
        listed = {entry.loc for entries in everything_listed(crawler).values() for entry in entries}
        for item in hidden_items(site):
            assert not listed & set(in_every_language(item).values()), item
        for section in SECTIONS:
            assert SECRET.lower() not in crawler.get(f"/sitemap-{section}.xml").content.decode()

    def test_every_url_has_its_languages_and_x_default(self, crawler, site):
        for section, entries in everything_listed(crawler).items():
            for entry in entries:
                languages = entry.hreflangs[:-1]
                assert entry.hreflangs[-1] == "x-default", entry.loc
                assert languages == [code for code in LANGUAGES if code in languages]
                if section != "releases":
                    assert languages == LANGUAGES, entry.loc
                lang = entry.loc.removeprefix(f"http://{HOST}/").split("/")[0]
                assert entry.alternates[lang] == entry.loc, section
                for code in languages:
                    assert entry.alternates[code].startswith(f"http://{HOST}/{code}/")
                assert entry.alternates["x-default"] == x_default(
                    {code: entry.alternates[code] for code in languages}
                )

    def test_alternates_point_at_the_same_item(self, crawler, site):
        entries = section_entries(crawler, "/sitemap-releases.xml")
        (entry,) = [e for e in entries if e.loc == on_host(url_of(site.release, "ja"))]
        expected = in_every_language(site.release)
        assert entry.alternates == {**expected, "x-default": expected["en"]}

    def test_a_release_is_listed_only_in_the_languages_it_is_out_in(self, crawler, site):
        entries = section_entries(crawler, "/sitemap-releases.xml")
        korean = on_host(url_of(site.korean_release, "ko"))
        (entry,) = [e for e in entries if site.korean_release.slug in e.loc]
        assert entry.loc == korean
        assert entry.alternates == {"ko": korean, "x-default": korean}

    def test_dated_items_carry_their_last_change(self, crawler, site):
        listed = everything_listed(crawler)
        for section, entries in listed.items():
            for entry in entries:
                assert (entry.lastmod is not None) == (section in DATED), entry.loc
        # What readers saw change, never the rows' own modification (press/sitemaps.py):
        # a release's publication, its trip's newest public release or coverage, a
        # coverage item's publication, a photo's trip's publication.
        trip_content = [site.trip.published_at]
        trip_content += [
            r.published_at for r in PressRelease.objects.published().filter(visit=site.trip)
        ]
        trip_content += [c.published_at for c in site.trip.coverage.published()]
        changes = {
            site.release: site.release.published_at,
            site.trip: max(trip_content),
            site.coverage: site.coverage.published_at,
            site.photo: site.photo.visit.published_at,
        }
        by_location = {entry.loc: entry for entries in listed.values() for entry in entries}
        for item, changed in changes.items():
            for url in listed_in(item).values():
                assert by_location[url].lastmod == f"{timezone.localdate(changed):%Y-%m-%d}"

    def test_urls_are_each_items_get_absolute_url_in_each_language(self, site):
        """Sections reverse a URL once per language and put each item's slug or key in it
        (`NewsroomSitemap.path_finder`): the result is what ``get_absolute_url()`` gives,
        for every item of every kind, public or not."""
        for section, sitemap_class in SITEMAPS.items():
            sitemap = sitemap_class()
            path = sitemap.path_finder()
            if section == "pages":
                expected = {
                    (name, lang): rev(name, lang) for name in STATIC_PAGES for lang in LANGUAGES
                }
            else:
                items = sitemap.model._default_manager.all()
                expected = {
                    (item, lang): url_of(item, lang) for item in items for lang in LANGUAGES
                }
            assert len(expected) >= 4, section
            assert {key: path(*key) for key in expected} == expected, section

    @pytest.mark.parametrize("slug", ["Seoul_2025-Beijing", "0", "a--b__c"])
    def test_any_slug_a_url_holds_is_put_in_as_reverse_puts_it(self, slug):
        trip = Visit(slug=slug)
        path = VisitSitemap().path_finder()
        assert [path(trip, lang) for lang in LANGUAGES] == [
            url_of(trip, lang) for lang in LANGUAGES
        ]

    @pytest.mark.parametrize("slug", ["seoul.beijing", "서울", "100%", "a/b", "a b", "a&b"])
    def test_a_slug_no_url_holds_fails_as_get_absolute_url_does(self, slug):
        trip = Visit(slug=slug)
        path = VisitSitemap().path_finder()
        with pytest.raises(NoReverseMatch):
            url_of(trip, "ko")
        with pytest.raises(NoReverseMatch):
            path(trip, "ko")

    @pytest.mark.parametrize("section", SECTIONS)
    def test_a_page_is_well_formed_sitemap_xml_with_xhtml_alternates(self, crawler, site, section):
        body = crawler.get(f"/sitemap-{section}.xml").content
        assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset ')
        urlset = ElementTree.fromstring(body)  # an undeclared prefix would not parse
        assert urlset.tag == f"{{{NS['sm']}}}urlset"
        assert len(urlset), section
        sm, xhtml = (f"{{{NS[prefix]}}}" for prefix in ("sm", "xhtml"))
        for url in urlset:
            assert url.tag == f"{sm}url"
            tags = [child.tag for child in url]
            dated = [f"{sm}lastmod"] if section in DATED else []
            assert tags == [f"{sm}loc", *dated, *[f"{xhtml}link"] * (len(tags) - 1 - len(dated))]
            assert len(tags) - 1 - len(dated) >= 2  # its language or languages, x-default
            if dated:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", url.find("sm:lastmod", NS).text)
            for link in url.findall("xhtml:link", NS):
                assert sorted(link.attrib) == ["href", "hreflang", "rel"]
                assert link.get("href").startswith(f"http://{HOST}/")

    @pytest.mark.parametrize("section", ["releases", "pages"])
    @pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5", "", "%00"])
    def test_bad_page_number_is_a_404(self, crawler, site, section, page):
        assert crawler.get(f"/sitemap-{section}.xml?p={page}").status_code == 404

    def test_unknown_section_is_a_404(self, crawler):
        assert crawler.get("/sitemap-secrets.xml").status_code == 404

    @pytest.mark.parametrize("method", ["post", "put"])
    def test_only_reading_is_allowed(self, crawler, method):
        for url in ("/sitemap.xml", "/robots.txt"):
            assert getattr(crawler, method)(url).status_code == 405


# --- query counts ---------------------------------------------------------------------------


def build_rows(n):
    """``n`` trips, each with an engagement (a place, a person, an organisation), a photo,
    a release with a topic and the photo, and an article."""
    for _ in range(n):
        trip = VisitFactory(legs=1)
        engagement = EngagementFactory(
            leg=trip.legs.get(),
            place=PlaceFactory(),
            people=[PersonFactory()],
            organizations=[OrganizationFactory()],
        )
        photo = PhotoFactory(visit=trip)
        PressReleaseFactory(
            visit=trip,
            topics=[TopicFactory()],
            photos=[photo],
            engagements=[engagement],
            title_ko="보도자료",
            title_zh_hans="新闻稿",
            title_ja="プレスリリース",
        )
        CoverageFactory(visit=trip)


def count_queries(client, django_assert_max_num_queries) -> dict[str, tuple[int, int]]:
    """(queries, entries) for the index and each section."""
    counts = {}
    for url in ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SECTIONS)]:
        with django_assert_max_num_queries(QUERY_BUDGET) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = (len(captured), response.content.count(b"<loc>"))
    return counts


class TestQueryCounts:
    def test_constant_in_the_number_of_rows(self, crawler, django_assert_max_num_queries):
        build_rows(1)
        one = count_queries(crawler, django_assert_max_num_queries)
        build_rows(19)
        many = count_queries(crawler, django_assert_max_num_queries)
        for url in one:
            assert one[url][0] == many[url][0], f"{url}: {one[url][0]} vs {many[url][0]} queries"
        releases = "/sitemap-releases.xml"
        assert (one[releases][1], many[releases][1]) == (4, 80)
        # A section's page is one query (a slice, no count); the index one per section.
        for section in SECTIONS:
            assert many[f"/sitemap-{section}.xml"][0] == (section != "pages"), section
        assert many["/sitemap.xml"][0] == len(SECTIONS) - 1

    def test_an_empty_section_is_one_empty_page(self, crawler):
        assert section_entries(crawler, "/sitemap-releases.xml") == []
        assert index_locations(crawler).count(on_host("/sitemap-releases.xml")) == 1
        assert crawler.get("/sitemap-releases.xml?p=2").status_code == 404
