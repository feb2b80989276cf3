"""The smaller faults a reader met (issue 21, item 6), each as the reader would notice it:
heading levels that skip, two search landmarks of one name, a photo page whose only
heading is a hidden "Photo", English dates in two styles, an ASCII comma in a Japanese
list, ``/favicon.ico`` missing, and a 404 page that calls itself canonical."""

import re
from datetime import date, datetime
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import (
    EngagementFactory,
    LegFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from visits.lists import list_separator

pytestmark = pytest.mark.django_db

LANDMARK_ROLES = {
    "header": "banner",
    "nav": "navigation",
    "main": "main",
    "aside": "complementary",
    "footer": "contentinfo",
    "search": "search",
}


class Outline(HTMLParser):
    """What these tests read from a page: headings (level, text, classes, lang), landmarks
    (role, name), head links, the texts of ``<time>`` elements and of the body."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headings: list[dict] = []
        self.landmarks: list[tuple[str, str | None]] = []
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.times: list[str] = []
        self._heading: dict | None = None
        self._anchor: dict | None = None
        self._time: list[str] | None = None
        self._lang: list[str | None] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = {
                "level": int(tag[1]),
                "text": "",
                "class": attrs.get("class") or "",
                "langs": set(),
            }
        elif self._heading is not None and attrs.get("lang"):
            self._heading["langs"].add(attrs["lang"])
        role = attrs.get("role") or LANDMARK_ROLES.get(tag)
        if role in LANDMARK_ROLES.values():
            self.landmarks.append((role, attrs.get("aria-label")))
        if tag == "link":
            self.links.append(attrs)
        if tag == "a":
            self._anchor = {**attrs, "text": ""}
            self.anchors.append(self._anchor)
        if tag == "time":
            self._time = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self._heading["text"] = " ".join(self._heading["text"].split())
            self.headings.append(self._heading)
            self._heading = None
        elif tag == "a":
            self._anchor = None
        elif tag == "time" and self._time is not None:
            self.times.append(" ".join("".join(self._time).split()))
            self._time = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading["text"] += data
        if self._anchor is not None:
            self._anchor["text"] += data
        if self._time is not None:
            self._time.append(data)

    def rel(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


def outline(client, url, status=200) -> Outline:
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return Outline(response.content.decode())


def url_of(obj, lang="en"):
    with translation.override(lang):
        return obj.get_absolute_url()


def assert_no_skipped_level(page: Outline):
    levels = [heading["level"] for heading in page.headings]
    assert levels and levels[0] == 1, levels
    for before, after in pairwise(levels):
        assert after <= before + 1, f"h{before} then h{after}: {levels}"


# --- headings ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_topic_page_headings_go_down_one_level_at_a_time(client, lang):
    topic = TopicFactory()
    PressReleaseFactory(topics=[topic], title_en="Smart city plans")
    page = outline(client, url_of(topic, lang))
    assert_no_skipped_level(page)
    assert [h["level"] for h in page.headings][:3] == [1, 2, 3]
    assert "Smart city plans" in page.headings[2]["text"]


# --- landmarks -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("query", ["", "robot"])
def test_every_landmark_of_a_kind_has_its_own_name(client, lang, query):
    with translation.override(lang):
        url = f"/{lang}/search/" + (f"?q={query}" if query else "")
    page = outline(client, url)
    searches = [name for role, name in page.landmarks if role == "search"]
    assert len(searches) == 2 and all(searches), searches  # the header's and the page's
    by_role: dict[str, list] = {}
    for role, name in page.landmarks:
        by_role.setdefault(role, []).append(name)
    for role, names in by_role.items():
        if len(names) > 1:
            assert len(set(names)) == len(names) and None not in names, (role, names)


# --- the photo page ------------------------------------------------------------------------


@pytest.fixture
def gallery():
    """A public trip with four photos in a gallery order unlike their keys, one of them
    held back (not public), and one more photo of an unpublished trip."""
    trip = VisitFactory()
    third = PhotoFactory(visit=trip, order=30, caption_en="Third in the gallery")
    first = PhotoFactory(visit=trip, order=10, caption_en="", caption_ko="서울시장 베이징 도착")
    held = PhotoFactory(visit=trip, order=15, held_back=True, caption_en="SECRET held back")
    second = PhotoFactory(visit=trip, order=20, caption_en="Second in the gallery")
    hidden = PhotoFactory(visit=VisitFactory(draft=True), caption_en="SECRET hidden")
    return {"photos": [first, second, third], "held": held, "hidden": hidden}


def pager_links(page: Outline) -> dict[str, str]:
    return {a["rel"]: a["href"] for a in page.anchors if a.get("rel") in ("prev", "next")}


def test_photo_page_is_headed_by_its_caption(client, gallery):
    first, second, _third = gallery["photos"]
    page = outline(client, url_of(second))
    (h1,) = [h for h in page.headings if h["level"] == 1]
    assert h1["text"] == "Second in the gallery"
    assert "visually-hidden" not in h1["class"]
    assert_no_skipped_level(page)
    # A caption shown in another language says which.
    page = outline(client, url_of(first))
    (h1,) = [h for h in page.headings if h["level"] == 1]
    assert h1["text"] == "서울시장 베이징 도착" and h1["langs"] == {"ko"}
    page = outline(client, url_of(first, "ko"))
    (h1,) = [h for h in page.headings if h["level"] == 1]
    assert h1["text"] == "서울시장 베이징 도착" and h1["langs"] == set()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_photo_pages_link_the_trips_photos_in_gallery_order(client, gallery, lang):
    first, second, third = gallery["photos"]
    assert pager_links(outline(client, url_of(first, lang))) == {"next": url_of(second, lang)}
    assert pager_links(outline(client, url_of(second, lang))) == {
        "prev": url_of(first, lang),
        "next": url_of(third, lang),
    }
    assert pager_links(outline(client, url_of(third, lang))) == {"prev": url_of(second, lang)}


def test_photo_pager_never_reaches_what_is_not_public(client, gallery):
    for photo in gallery["photos"]:
        html = client.get(url_of(photo)).content.decode()
        assert "SECRET" not in html
        assert url_of(gallery["held"]) not in html
    assert client.get(url_of(gallery["held"])).status_code == 404
    assert client.get(url_of(gallery["hidden"])).status_code == 404


def test_the_pager_follows_a_photo_added_between_two(client):
    trip = VisitFactory()
    first = PhotoFactory(visit=trip, order=1)
    last = PhotoFactory(visit=trip, order=3)
    assert pager_links(outline(client, url_of(first))) == {"next": url_of(last)}
    middle = PhotoFactory(visit=trip, order=2)  # the page kept for the first is dropped
    assert pager_links(outline(client, url_of(first))) == {"next": url_of(middle)}
    middle.held_back = True
    middle.save()
    assert pager_links(outline(client, url_of(first))) == {"next": url_of(last)}


def test_a_photo_shown_only_by_a_release_has_no_trip_pager(client):
    trip = VisitFactory(draft=True)
    shown = PhotoFactory(visit=trip, order=1)
    PhotoFactory(visit=trip, order=2)
    PressReleaseFactory(visit=None, photos=[shown])
    page = outline(client, url_of(shown))
    assert pager_links(page) == {}


def test_photo_page_queries_do_not_grow_with_the_gallery(
    client, django_assert_max_num_queries, settings
):
    from visits.readmodel import reading

    reading.IMMEDIATE = False  # count the view's own queries, every time

    def queries(photo) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as ctx:
            assert client.get(url_of(photo)).status_code == 200
        return len(ctx)

    small = VisitFactory()
    few = [PhotoFactory(visit=small, order=n) for n in range(3)]
    large = VisitFactory()
    many = [PhotoFactory(visit=large, order=n) for n in range(25)]
    assert queries(few[1]) == queries(many[12])


# --- English dates -------------------------------------------------------------------------

#: "1 August 2024", "1 August", "1 August 2024, 14:30", "1 August 2024 (Thursday)"
ENGLISH_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+( \d{4})?(, \d{2}:\d{2}( [A-Z]+)?)?( \(\w+\))?")


def test_english_date_formats_are_one_style():
    day = date(2024, 8, 1)
    moment = datetime(2024, 8, 1, 14, 30)
    with translation.override("en"):
        assert date_format(day) == "1 August 2024"
        assert date_format(day, "MONTH_DAY_FORMAT") == "1 August"
        assert date_format(day, "YEAR_MONTH_FORMAT") == "August 2024"
        assert date_format(moment, "DATETIME_FORMAT") == "1 August 2024, 14:30"
        assert date_format(day, "SHORT_DATE_FORMAT") == "1 Aug 2024"
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "1 Aug 2024, 14:30"
    with translation.override("ko"):  # the other languages keep their own
        assert date_format(day) == "2024년 8월 1일"


def test_english_pages_write_every_date_the_same_way(client):
    trip = VisitFactory(title_en="Mayor in Beijing")
    leg = LegFactory(visit=trip)
    EngagementFactory(visit=trip, leg=leg, people=[PersonFactory(name_en="Yin Yong")])
    release = PressReleaseFactory(visit=trip, photos=[PhotoFactory(visit=trip)])
    times = []
    for url in ("/en/", url_of(trip), url_of(release), "/en/releases/", url_of(trip.photos.get())):
        times += outline(client, url).times
    assert times
    for text in times:
        assert ENGLISH_DATE.fullmatch(text), text
        assert not re.search(r"[A-Z][a-z]{2}\. \d|\w+ \d{1,2}, \d{4}|[ap]\.m\.", text), text


# --- lists in the reader's language --------------------------------------------------------


def test_lists_use_the_readers_separator(client):
    trip = VisitFactory()
    people = [
        PersonFactory(name_en="Yin Yong", name_ja="殷勇", name_ko="인융"),
        PersonFactory(name_en="Li Ming", name_ja="李明", name_ko="리밍"),
    ]
    EngagementFactory(visit=trip, leg=LegFactory(visit=trip), people=people)
    # Each name may be followed by its role in brackets, then the separator.
    html = client.get(url_of(trip, "ja")).content.decode()
    assert re.search(r"(殷勇|李明)</a>[^<]*、<a [^>]*>(殷勇|李明)</a>", html)
    assert not re.search(r"(殷勇|李明)</a>[^<]*, <a ", html)
    html = client.get(url_of(trip, "en")).content.decode()
    assert re.search(r"(Yin Yong|Li Ming)</a>[^<]*, <a [^>]*>(Yin Yong|Li Ming)</a>", html)


def test_an_event_page_lists_organisations_with_the_readers_separator(client):
    trip = VisitFactory()
    organizations = [
        OrganizationFactory(name_en="Beijing Robotics", name_ja="北京ロボット"),
        OrganizationFactory(name_en="Zhongguancun Park", name_ja="中関村"),
    ]
    event = EngagementFactory(visit=trip, leg=LegFactory(visit=trip), organizations=organizations)
    with translation.override("ja"):
        url = event.get_absolute_url()
    html = client.get(url).content.decode()
    assert re.search(r"(北京ロボット|中関村)</a>、<a [^>]*>(北京ロボット|中関村)</a>", html)
    with translation.override("en"):
        url = event.get_absolute_url()
    html = client.get(url).content.decode()
    assert re.search(r"(Beijing Robotics|Zhongguancun Park)</a>, <a ", html)


@pytest.mark.parametrize(
    ("lang", "separator"), [("en", ", "), ("ko", ", "), ("zh-hans", "、"), ("ja", "、")]
)
def test_join_list_filter(lang, separator):
    from django.template import Context, Template

    template = Template("{% load newsroom %}{{ names|join_list }}")
    with translation.override(lang):
        assert list_separator() == separator
        html = template.render(Context({"names": ["A", "<b>"]}))
    assert html == f"A{separator}&lt;b&gt;"


# --- favicon -------------------------------------------------------------------------------


def test_favicon_is_answered_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"] == static("favicon.svg")
    assert finders.find("favicon.svg")
    (icon,) = outline(client, "/en/").rel("icon")
    assert icon["href"] == static("favicon.svg")


# --- error pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/no-such-page/", "/ko/releases/no-such-release/"])
def test_404_page_names_no_canonical_and_no_other_language(client, url):
    page = outline(client, url, status=404)
    assert page.rel("canonical") == []
    assert [link for link in page.links if link.get("hreflang")] == []
    assert [h["level"] for h in page.headings][:1] == [1]


@pytest.mark.parametrize("template", ["400.html", "500.html"])
def test_other_error_pages_name_no_canonical_either(template):
    page = Outline(render_to_string(template))
    assert page.rel("canonical") == []
    assert [link for link in page.links if link.get("hreflang")] == []


# --- a place's parent --------------------------------------------------------------------


def test_a_place_links_its_parent_only_when_the_parents_page_is_public(client):
    """A place public only as the parent of a visited place (InnoWay inside Zhongguancun,
    inside Haidian) names its own parent but does not link a page the public cannot see."""
    haidian = PlaceFactory(name_en="Haidian")
    zhongguancun = PlaceFactory(name_en="Zhongguancun", parent=haidian, city=haidian.city)
    innoway = PlaceFactory(name_en="InnoWay", parent=zhongguancun, city=haidian.city)
    trip = VisitFactory()
    EngagementFactory(visit=trip, leg=LegFactory(visit=trip, city=haidian.city), place=innoway)
    assert client.get(haidian.get_absolute_url()).status_code == 404
    inner = client.get(innoway.get_absolute_url()).content.decode()
    assert f'href="{zhongguancun.get_absolute_url()}"' in inner
    middle = client.get(zhongguancun.get_absolute_url()).content.decode()
    assert "Haidian" in middle
    assert f'href="{haidian.get_absolute_url()}"' not in middle
