"""The public site as readers meet it, in all four languages.

Every page answers; a trip's releases, coverage and photos link to one another; nothing
unpublished leaks into a page, a list or a filter; the language machinery (switcher,
fallback, hreflang, structured data) holds; query counts stay constant and within budget;
the filters of the lists narrow correctly and survive pagination.

Rows are made once per class (``class_data``) inside a transaction that is rolled back
after the class, and every test runs in its own savepoint on top of them.
"""

import json
import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from press.renditions import make_renditions, social_image
from tests.document_samples import DocumentFactory
from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    TopicFactory,
    VideoFactory,
    VisitFactory,
)
from visits.models import Engagement
from visits.views import TRIP_PHOTOS_SHOWN, TRIP_RELEASES_SHOWN

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ko", "zh-hans", "ja"]
SEOUL = ZoneInfo("Asia/Seoul")
#: Every row the public must not see carries this word, so a page can be searched for it.
SECRET = "SECRET"
#: The most queries any page may take: the trip page from its view, 12, and one each for
#: its videos and its documents (issue 24).
QUERY_BUDGET = 14


# --- helpers ------------------------------------------------------------------------


def class_data(name, build):
    """A class-scoped fixture: ``build()`` runs once for the class, rolled back after it."""

    @pytest.fixture(scope="class", name=name)
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    return fixture


def url_of(obj, lang="en"):
    with translation.override(lang):
        return obj.get_absolute_url()


def rev(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def seoul(*args):
    return datetime(*args, tzinfo=SEOUL)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Page(HTMLParser):
    """What the tests read from a page: links, head tags, JSON-LD and each text's language."""

    def __init__(self, response):
        super().__init__(convert_charrefs=True)
        self.response = response
        self.html = response.content.decode()
        self.html_lang = None
        self.anchors: list[dict] = []
        self.head_links: list[dict] = []
        self.meta: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self.texts: list[tuple[str, str | None]] = []
        self._open: list[tuple[str, str | None]] = []
        self._script: list[str] | None = None
        self._in_body = False
        self.feed(self.html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self._open[-1][1] if self._open else None)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "body":
            self._in_body = True
        elif tag == "a" and attrs.get("href"):
            self.anchors.append(attrs)
        elif tag == "link":
            self.head_links.append(attrs)
        elif tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(key, attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        if tag not in _VOID:
            self._open.append((tag, lang))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag == "script" and self._script is not None:
            self.jsonld.append(json.loads("".join(self._script)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif data.strip() and self._in_body:
            self.texts.append((data.strip(), self._open[-1][1] if self._open else None))

    @property
    def hrefs(self) -> set[str]:
        return {a["href"] for a in self.anchors}

    def links_to(self, url) -> bool:
        return url in self.hrefs

    def langs_of(self, text) -> set[str | None]:
        """The languages (nearest ``lang``) of the body's text nodes that hold ``text``."""
        return {lang for data, lang in self.texts if text in data}

    def head(self, rel) -> list[dict]:
        return [link for link in self.head_links if link.get("rel") == rel]

    def slugs(self, prefix) -> set[str]:
        """The last path segment of every link under ``prefix`` (``/en/releases/``)."""
        pattern = re.compile(rf"^{re.escape(prefix)}([^/?#]+)/$")
        return {m.group(1) for href in self.hrefs if (m := pattern.match(href))}


def fetch(client, url, status=200, **kwargs) -> Page:
    response = client.get(url, **kwargs)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return Page(response)


# --- the world: one trip with everything, and what the public must not see -------------

KO_TITLE = "서울시, 베이징 중관촌에서 로봇 협력 논의"


def build_world():
    w = SimpleNamespace()
    w.mayor = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈", role_en="Mayor of Seoul")
    w.trip = VisitFactory(
        official=w.mayor,
        legs=2,
        title_en="Mayor's trip to Beijing and Shanghai",
        title_ko="베이징·상하이 출장",
    )
    leg1, leg2 = w.trip.legs.order_by("order")
    w.org = OrganizationFactory(name_en="Tsinghua University")
    w.host = PersonFactory(name_en="Yin Yong", role_en="Mayor of Beijing")
    w.place = PlaceFactory(city=leg1.city, name_en="Zhongguancun")
    w.meeting = EngagementFactory(
        leg=leg1,
        kind=Engagement.Kind.MEETING,
        place=w.place,
        people=[w.host],
        organizations=[w.org],
    )
    w.site_visit = EngagementFactory(leg=leg2)
    w.topic = TopicFactory(name_en="Robotics")
    w.lead_photo = PhotoFactory(visit=w.trip)
    make_renditions(w.lead_photo)  # a task's work after the commit: the social crop
    w.photo = PhotoFactory(visit=w.trip)
    w.release = PressReleaseFactory(
        visit=w.trip,
        topics=[w.topic],
        engagements=[w.meeting],
        photos=[w.lead_photo, w.photo],
        title_en="Seoul and Beijing agree on robotics",
    )
    w.other_release = PressReleaseFactory(visit=w.trip, engagements=[w.site_visit])
    w.korean_release = PressReleaseFactory(
        visit=w.trip,
        title_en="",
        lead_en="",
        body_en="",
        title_ko=KO_TITLE,
        lead_ko="오세훈 시장은 중관촌을 방문했다.",
        body_ko="<p>본문</p>",
        original_language="ko",
    )
    w.releases = [w.release, w.other_release, w.korean_release]
    w.coverage = {
        lang: CoverageFactory(
            visit=w.trip, outlet=OutletFactory(language=lang), releases=[w.release]
        )
        for lang in ["en", "ko", "zh-hans", "ja", "de"]
    }
    w.coverage["ko"].headline = "오세훈, 베이징서 로봇 협력"
    w.coverage["ko"].save()

    # What the public must not see: unpublished items on the public trip (the withdrawn
    # release was never public: one that was keeps its page, see test_withdrawal)...
    secret_topic = TopicFactory(name_en=f"{SECRET} topic")
    never_public = {"draft": {}, "scheduled": {}, "withdrawn": {"published_at": None}}
    w.hidden_releases = [
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic, secret_topic],
            title_en=f"{SECRET} {state}",
            **{state: True},
            **fields,
        )
        for state, fields in never_public.items()
    ]
    w.secret_topic = secret_topic
    secret_outlet = OutletFactory(name_en=f"{SECRET} outlet", language="fr")
    w.hidden_coverage = [
        CoverageFactory(
            visit=w.trip, outlet=secret_outlet, headline=f"{SECRET} {state}", **{state: True}
        )
        for state in ("draft", "scheduled", "withdrawn")
    ]
    # ...unpublished trips, with the people, places and organisations only they involve...
    w.hidden_trips = [
        VisitFactory(
            title_en=f"{SECRET} {state} trip",
            official=PersonFactory(name_en=f"{SECRET} official {state}"),
            legs=1,
            legs__city=CityFactory(name_en=f"{SECRET} city {state}", country="JP"),
            **{state: True},
        )
        for state in ("draft", "scheduled", "withdrawn")
    ]
    hidden_trip = w.hidden_trips[0]
    w.hidden_place = PlaceFactory(name_en=f"{SECRET} place", city=hidden_trip.legs.get().city)
    w.hidden_person = PersonFactory(name_en=f"{SECRET} person")
    w.hidden_org = OrganizationFactory(name_en=f"{SECRET} organisation")
    w.hidden_engagement = EngagementFactory(
        leg=hidden_trip.legs.get(),
        title_en=f"{SECRET} engagement",
        place=w.hidden_place,
        people=[w.hidden_person],
        organizations=[w.hidden_org],
    )
    w.hidden_photo = PhotoFactory(visit=hidden_trip, caption_en=f"{SECRET} photo")
    # ...and public items that belong to an unpublished trip: shown, but without the trip.
    w.orphan_release = PressReleaseFactory(
        visit=hidden_trip, engagements=[w.hidden_engagement], title_en="Announcement ahead"
    )
    w.orphan_coverage = CoverageFactory(visit=hidden_trip, headline="Preview of a trip")
    return w


world = class_data("world", build_world)


def public_pages(w, lang):
    """The twelve kinds of public page, with an example of each, in one language."""
    return {
        "home": rev("press:home", lang),
        "release list": rev("press:release_list", lang),
        "release": url_of(w.release, lang),
        "trip list": rev("visits:visit_list", lang),
        "trip": url_of(w.trip, lang),
        "coverage list": rev("press:coverage_list", lang),
        "coverage": url_of(w.coverage["ko"], lang),
        "photo": url_of(w.photo, lang),
        "topic": url_of(w.topic, lang),
        "place": url_of(w.place, lang),
        "person": url_of(w.host, lang),
        "organisation": url_of(w.org, lang),
    }


PAGE_NAMES = [
    "home",
    "release list",
    "release",
    "trip list",
    "trip",
    "coverage list",
    "coverage",
    "photo",
    "topic",
    "place",
    "person",
    "organisation",
]


def hidden_urls(w, lang):
    items = [
        *w.hidden_releases,
        *w.hidden_coverage,
        *w.hidden_trips,
        w.hidden_photo,
        w.hidden_place,
        w.hidden_person,
        w.hidden_org,
        w.secret_topic,
        *(trip.official for trip in w.hidden_trips),
    ]
    return {url_of(item, lang) for item in items}


# --- every page, every language -------------------------------------------------------


class TestEveryPage:
    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", PAGE_NAMES)
    def test_answers_in_every_language(self, client, world, name, lang):
        url = public_pages(world, lang)[name]
        assert url.startswith(f"/{lang}/")
        page = fetch(client, url)
        assert page.html_lang == lang
        assert page.response["Content-Language"] == lang

    @pytest.mark.parametrize(
        ("accept", "expected"),
        [
            ("ko", "/ko/"),
            ("ko-KR,ko;q=0.9,en;q=0.8", "/ko/"),
            ("ja", "/ja/"),
            ("zh-CN", "/zh-hans/"),
            ("fr", "/en/"),
            ("", "/en/"),
        ],
    )
    def test_root_redirects_to_the_readers_language(self, client, accept, expected):
        response = client.get("/", headers={"accept-language": accept})
        assert response.status_code == 302
        assert response["Location"] == expected

    def test_unknown_page_is_a_404_in_the_readers_language(self, client, world):
        page = fetch(client, "/ko/releases/no-such-release/", status=404)
        assert page.html_lang == "ko"


# --- cross-links --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
class TestCrossLinks:
    def test_trip_links_its_releases_coverage_and_photos(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.trip, lang))
        for release in w.releases:
            assert page.links_to(url_of(release, lang)), release
        for item in w.coverage.values():
            assert page.links_to(url_of(item, lang)), item.language
            assert page.links_to(item.url)
        for photo in (w.lead_photo, w.photo):
            assert page.links_to(url_of(photo, lang))
        for linked in (w.mayor, w.place, w.host, w.org):
            assert page.links_to(url_of(linked, lang)), linked

    def test_release_links_trip_coverage_and_other_releases(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.release, lang))
        assert page.links_to(url_of(w.trip, lang))
        for item in w.coverage.values():
            assert page.links_to(url_of(item, lang)), item.language
        assert page.links_to(url_of(w.other_release, lang))
        assert page.links_to(url_of(w.korean_release, lang))
        assert page.links_to(url_of(w.topic, lang))
        assert page.links_to(url_of(w.photo, lang))
        assert page.links_to(url_of(w.place, lang))

    def test_coverage_links_trip_releases_and_other_coverage(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.coverage["ko"], lang))
        assert page.links_to(url_of(w.trip, lang))
        for release in w.releases:
            assert page.links_to(url_of(release, lang)), release
        for code in ("en", "zh-hans", "ja", "de"):
            assert page.links_to(url_of(w.coverage[code], lang))
        assert page.links_to(w.coverage["ko"].url)

    def test_photo_links_its_trip_and_releases(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.photo, lang))
        assert page.links_to(url_of(w.trip, lang))
        assert page.links_to(url_of(w.release, lang))

    def test_place_person_and_organisation_link_trips_and_releases(self, client, world, lang):
        w = world
        for item in (w.place, w.host, w.org):
            page = fetch(client, url_of(item, lang))
            assert page.links_to(url_of(w.trip, lang)), item
            assert page.links_to(url_of(w.release, lang)), item
            assert not page.links_to(url_of(w.other_release, lang)), item

    def test_official_page_links_the_trips_led(self, client, world, lang):
        page = fetch(client, url_of(world.mayor, lang))
        assert page.links_to(url_of(world.trip, lang))

    def test_topic_links_its_releases(self, client, world, lang):
        page = fetch(client, url_of(world.topic, lang))
        assert page.links_to(url_of(world.release, lang))


# --- visibility ---------------------------------------------------------------------


class TestVisibility:
    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", PAGE_NAMES)
    def test_no_page_shows_or_links_anything_unpublished(self, client, world, name, lang):
        page = fetch(client, public_pages(world, lang)[name])
        assert SECRET not in page.html
        assert not page.hrefs & hidden_urls(world, lang)

    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_lists_leave_out_unpublished_releases_and_coverage(self, client, world, lang):
        w = world
        releases = fetch(client, rev("press:release_list", lang)).slugs(f"/{lang}/releases/")
        assert releases == {r.slug for r in [*w.releases, w.orphan_release]}
        coverage = fetch(client, rev("press:coverage_list", lang)).slugs(f"/{lang}/coverage/")
        assert coverage == {str(c.pk) for c in [*w.coverage.values(), w.orphan_coverage]}
        trips = fetch(client, rev("visits:visit_list", lang)).slugs(f"/{lang}/trips/")
        assert trips == {w.trip.slug}

    def test_unpublished_details_are_404_for_anonymous_visitors(self, client, world):
        w = world
        hidden = [
            *w.hidden_releases,
            *w.hidden_coverage,
            *w.hidden_trips,
            w.hidden_photo,
            w.hidden_place,
            w.hidden_person,
            w.hidden_org,
            w.secret_topic,
            *(trip.official for trip in w.hidden_trips),
        ]
        for item in hidden:
            for lang in ("en", "ja"):
                page = fetch(client, url_of(item, lang), status=404)
                assert page.html_lang == lang
                assert SECRET not in page.html

    def test_public_release_of_an_unpublished_trip_does_not_reveal_the_trip(self, client, world):
        w = world
        for item in (w.orphan_release, w.orphan_coverage):
            page = fetch(client, url_of(item))
            assert SECRET not in page.html
            assert not page.links_to(url_of(w.hidden_trips[0]))
            assert not page.links_to(url_of(w.hidden_place))
        release = fetch(client, url_of(w.orphan_release))
        (article,) = release.jsonld
        assert "about" not in article

    def test_staff_with_the_change_permission_can_preview(self, client, world, django_user_model):
        w = world
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(
            Permission.objects.get(codename="change_pressrelease"),
            Permission.objects.get(codename="change_visit"),
            Permission.objects.get(codename="change_coverage"),
        )
        client.force_login(editor)
        for item in [*w.hidden_releases, w.hidden_trips[0], w.hidden_coverage[0]]:
            response = client.get(url_of(item))
            assert response.status_code == 200, item
            cache_control = response["Cache-Control"]
            assert {"no-cache", "no-store", "private"} <= set(re.split(r",\s*", cache_control))
            assert response["X-Robots-Tag"] == "noindex"

    def test_staff_without_the_permission_get_404(self, client, world, django_user_model):
        w = world
        staff = django_user_model.objects.create_user("staff", is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_pressrelease"))
        client.force_login(staff)
        for item in [*w.hidden_releases, w.hidden_trips[0], w.hidden_coverage[0]]:
            assert client.get(url_of(item)).status_code == 404, item

    def test_permission_without_staff_status_is_not_enough(self, client, world, django_user_model):
        user = django_user_model.objects.create_user("reader")
        user.user_permissions.add(Permission.objects.get(codename="change_pressrelease"))
        client.force_login(user)
        assert client.get(url_of(world.hidden_releases[0])).status_code == 404

    def test_public_pages_are_not_marked_private(self, client, world):
        response = client.get(url_of(world.release))
        assert response.status_code == 200  # an error page is not marked private either
        assert "private" not in response.get("Cache-Control", "")


# --- languages ------------------------------------------------------------------------


class TestLanguages:
    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", ["release", "trip", "coverage", "photo", "place", "topic"])
    def test_switcher_keeps_the_reader_on_the_same_object(self, client, world, name, lang):
        page = fetch(client, public_pages(world, lang)[name])
        switcher = {
            a["hreflang"]: a["href"]
            for a in page.anchors
            if "hreflang" in a and a["href"].startswith("/")
        }
        assert switcher == {code: public_pages(world, code)[name] for code in LANGUAGES}
        current = [a for a in page.anchors if a.get("aria-current") == "true"]
        assert [a["hreflang"] for a in current] == [lang]

    def test_switcher_keeps_the_filters(self, client, world):
        page = fetch(client, f"/ko/releases/?topic={world.topic.slug}&page=1")
        switcher = {a["hreflang"]: a["href"] for a in page.anchors if "hreflang" in a}
        assert switcher["ja"] == f"/ja/releases/?topic={world.topic.slug}&page=1"

    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", PAGE_NAMES)
    def test_hreflang_alternates_and_canonical(self, client, world, name, lang):
        page = fetch(client, public_pages(world, lang)[name])
        alternates = {
            link["hreflang"]: link["href"] for link in page.head("alternate") if "hreflang" in link
        }
        # A release is offered to search engines only in the languages that are out.
        indexed = world.release.public_languages() if name == "release" else LANGUAGES
        expected = {code: f"http://testserver{public_pages(world, code)[name]}" for code in indexed}
        expected["x-default"] = expected["en"]
        assert alternates == expected
        (canonical,) = page.head("canonical")
        assert canonical["href"] == f"http://testserver{public_pages(world, lang)[name]}"
        assert page.meta["og:url"] == canonical["href"]

    def test_korean_only_release_under_english_is_marked_korean(self, client, world):
        page = fetch(client, url_of(world.korean_release, "en"))
        assert page.langs_of(KO_TITLE) == {"ko"}
        assert re.search(rf'<h1><(\w+) lang="ko">{KO_TITLE}</\1></h1>', page.html)
        assert "not yet available in English" in page.html
        assert "Korean" in page.html
        assert page.meta["og:title"] == KO_TITLE
        (article,) = page.jsonld
        assert article["headline"] == KO_TITLE
        assert article["inLanguage"] == "ko"

    def test_korean_only_release_under_korean_has_no_notice(self, client, world):
        page = fetch(client, url_of(world.korean_release, "ko"))
        assert page.langs_of(KO_TITLE) == {"ko"}
        assert 'class="notice"' not in page.html

    def test_korean_title_in_an_english_list_is_marked_korean(self, client, world):
        for url in (rev("press:release_list"), url_of(world.trip), url_of(world.release)):
            page = fetch(client, url)
            assert page.langs_of(KO_TITLE) == {"ko"}, url

    def test_coverage_headline_keeps_the_articles_language(self, client, world):
        page = fetch(client, url_of(world.trip, "en"))
        assert page.langs_of(world.coverage["ko"].headline) == {"ko"}

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_release_has_news_article_json_ld_and_og_image(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.release, lang))
        (article,) = page.jsonld
        assert article["@context"] == "https://schema.org"
        assert article["@type"] == "NewsArticle"
        assert article["headline"] == "Seoul and Beijing agree on robotics"
        assert article["url"] == f"http://testserver{url_of(w.release, lang)}"
        assert article["about"]["@type"] == "Event"
        assert article["about"]["url"] == f"http://testserver{url_of(w.trip, lang)}"
        assert article["datePublished"].startswith(f"{w.release.published_at:%Y-%m-%d}")
        image = f"http://testserver{w.lead_photo.image.url}"
        assert article["image"]["url"] == image
        assert article["image"]["creditText"] == w.lead_photo.credit
        social = f"http://testserver{social_image(w.lead_photo).url}"
        assert page.meta["og:image"] == social  # the 1200 x 630 crop around the focal point
        assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
        assert page.meta["og:type"] == "article"

    def test_release_without_photos_has_no_image(self, client, world):
        page = fetch(client, url_of(world.other_release))
        (article,) = page.jsonld
        assert "image" not in article
        assert "og:image" not in page.meta

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_trip_has_event_json_ld(self, client, world, lang):
        w = world
        page = fetch(client, url_of(w.trip, lang))
        (event,) = page.jsonld
        assert event["@type"] == "Event"
        assert event["startDate"] == w.trip.start_date.isoformat()
        assert event["endDate"] == w.trip.end_date.isoformat()
        assert event["url"] == f"http://testserver{url_of(w.trip, lang)}"
        expected_name = (
            "베이징·상하이 출장" if lang == "ko" else "Mayor's trip to Beijing and Shanghai"
        )
        assert event["name"] == expected_name
        assert len(event["location"]) == 2

    def test_json_ld_cannot_be_closed_by_text(self, client, world):
        title = "</script><script>alert(1)</script>"
        release = PressReleaseFactory(visit=world.trip, title_en=title)
        page = fetch(client, url_of(release))
        (article,) = page.jsonld
        assert article["headline"] == title
        assert "<script>alert(1)" not in page.html


# --- query counts ---------------------------------------------------------------------


def build_scenario(n, tag):
    """A trip with ``n`` of everything around one place, person, organisation and topic.

    The main trip has n legs, n engagements (each at the same place, meeting the same
    person and organisation), n releases, n coverage items and n photos; release 0
    covers every engagement, has n topics and every photo; photo 0 is in every release;
    coverage 0 covers every release and engagement. n - 1 more trips, led by the same
    official, each hold one more engagement at the place with its own release.
    """
    s = SimpleNamespace()
    start = date(2023, 3, 1) if n == 1 else date(2024, 3, 1)
    s.official = PersonFactory(name_en=f"Official {tag}")
    s.person = PersonFactory(name_en=f"Partner {tag}", organization=OrganizationFactory())
    s.org = OrganizationFactory(name_en=f"Organisation {tag}")
    s.place = PlaceFactory(name_en=f"Place {tag}", parent=PlaceFactory())
    s.topic = TopicFactory(name_en=f"Topic {tag}")
    s.trip = VisitFactory(
        official=s.official, start_date=start, end_date=start + timedelta(days=n - 1), legs=n
    )
    met = {"place": s.place, "people": [s.person], "organizations": [s.org]}
    engagements = [EngagementFactory(leg=leg, **met) for leg in s.trip.legs.all()]
    s.photos = [PhotoFactory(visit=s.trip) for _ in range(n)]
    topics = [s.topic, *(TopicFactory() for _ in range(n - 1))]
    s.releases = [
        PressReleaseFactory(visit=s.trip, topics=topics, engagements=engagements, photos=s.photos)
    ]
    for index in range(1, n):
        s.releases.append(
            PressReleaseFactory(
                visit=s.trip,
                topics=[s.topic],
                engagements=[engagements[index]],
                photos=[PhotoFactory(visit=s.trip), s.photos[0]],
            )
        )
    # Videos: n on the trip, each in release 0 and on every engagement.
    s.videos = [
        VideoFactory(visit=s.trip, releases=[s.releases[0]], engagements=engagements)
        for _ in range(n)
    ]
    languages = ["en", "ko", "zh-hans", "ja", "de"]
    s.coverage = [
        CoverageFactory(
            visit=s.trip,
            outlet=OutletFactory(language=languages[index % 5]),
            releases=s.releases if index == 0 else [],
            engagements=engagements if index == 0 else [],
        )
        for index in range(n)
    ]
    for _ in range(n - 1):
        trip = VisitFactory(official=s.official, start_date=start, legs=1)
        engagement = EngagementFactory(leg=trip.legs.get(), **met)
        PressReleaseFactory(visit=trip, topics=[TopicFactory()], engagements=[engagement])
    # n documents on release 0 and n of the trip's own, each on an event.
    for index in range(n):
        DocumentFactory(visit=s.trip, releases=[s.releases[0]])
        DocumentFactory(visit=s.trip, events=[engagements[index]])
    return s


def build_scenarios():
    return SimpleNamespace(one=build_scenario(1, "one"), many=build_scenario(20, "many"))


scenarios = class_data("scenarios", build_scenarios)


def scenario_urls(s):
    return {
        "release list": f"{rev('press:release_list')}?topic={s.topic.slug}",
        "release": url_of(s.releases[0]),
        "trip": url_of(s.trip),
        "coverage list": f"{rev('press:coverage_list')}?trip={s.trip.slug}",
        "coverage": url_of(s.coverage[0]),
        "photo": url_of(s.photos[0]),
        "topic": url_of(s.topic),
        "place": url_of(s.place),
        "person": url_of(s.person),
        "official": url_of(s.official),
        "organisation": url_of(s.org),
    }


def count_queries(client, url, django_assert_max_num_queries) -> int:
    """The queries of a reader's request once the page's read-model row is there (the
    first request of an item page builds it; tests/test_read_model.py counts both)."""
    client.get(url)
    with django_assert_max_num_queries(QUERY_BUDGET), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


class TestQueryCounts:
    @pytest.mark.parametrize(
        "name",
        [
            "release list",
            "release",
            "trip",
            "coverage list",
            "coverage",
            "photo",
            "topic",
            "place",
            "person",
            "official",
            "organisation",
        ],
    )
    def test_constant_in_the_number_of_rows(
        self, client, scenarios, name, django_assert_max_num_queries
    ):
        one = count_queries(
            client, scenario_urls(scenarios.one)[name], django_assert_max_num_queries
        )
        many = count_queries(
            client, scenario_urls(scenarios.many)[name], django_assert_max_num_queries
        )
        assert one == many, f"{name}: {one} queries with 1 row, {many} with 20"

    def test_shown_rows_really_differ(self, client, scenarios):
        one = fetch(client, scenario_urls(scenarios.one)["release list"])
        many = fetch(client, scenario_urls(scenarios.many)["release list"])
        assert len(one.slugs("/en/releases/")) == 1
        assert len(many.slugs("/en/releases/")) == 20
        trip = fetch(client, scenario_urls(scenarios.many)["trip"])
        assert len(trip.slugs("/en/coverage/")) == 20
        assert len(trip.slugs("/en/photos/")) == TRIP_PHOTOS_SHOWN  # of 20 + 19

    def test_a_big_trip_shows_its_newest_and_links_to_the_rest(self, client, scenarios):
        """A trip's page and "more on this trip" show the newest few of each kind, and
        link to the lists filtered by the trip for the rest."""
        s = scenarios.many
        trip = fetch(client, url_of(s.trip))
        releases = s.trip.releases.published()
        shown = trip.slugs("/en/releases/")
        assert shown == {r.slug for r in releases[:TRIP_RELEASES_SHOWN]}
        assert trip.links_to(f"{rev('press:release_list')}?trip={s.trip.slug}")
        assert not trip.links_to(f"{rev('press:coverage_list')}?trip={s.trip.slug}")  # all 20
        more = fetch(client, url_of(s.coverage[1]))  # an item that covers no release
        assert len(more.slugs("/en/releases/")) == TRIP_RELEASES_SHOWN
        assert more.links_to(f"{rev('press:release_list')}?trip={s.trip.slug}")
        assert more.links_to(rev("press:trip_photos", slug=s.trip.slug))
        small = fetch(client, url_of(scenarios.one.trip))
        assert not small.links_to(f"{rev('press:release_list')}?trip={scenarios.one.trip.slug}")

    def test_trip_list_page_of_one_and_of_twenty(
        self, client, scenarios, django_assert_max_num_queries
    ):
        url = rev("visits:visit_list")
        many = count_queries(client, url, django_assert_max_num_queries)
        one = count_queries(client, f"{url}?page=2", django_assert_max_num_queries)
        assert len(fetch(client, url).slugs("/en/trips/")) == 20
        assert len(fetch(client, f"{url}?page=2").slugs("/en/trips/")) == 1
        assert one == many


class TestHomeQueries:
    def test_home_is_constant(self, client, django_assert_max_num_queries):
        build_scenario(1, "one")
        one = count_queries(client, rev("press:home"), django_assert_max_num_queries)
        build_scenario(20, "many")
        many = count_queries(client, rev("press:home"), django_assert_max_num_queries)
        assert one == many


# --- filters and pagination -----------------------------------------------------------


def build_filter_world():
    w = SimpleNamespace()
    beijing = CityFactory(name_en="Beijing", country="CN")
    w.shanghai = CityFactory(name_en="Shanghai", country="CN")
    w.tokyo = CityFactory(name_en="Tokyo", country="JP", time_zone="Asia/Tokyo")
    w.mayor, w.deputy = PersonFactory(name_en="Mayor"), PersonFactory(name_en="Deputy")
    w.china = VisitFactory(official=w.mayor, start_date=date(2024, 7, 24))
    in_beijing = LegFactory(visit=w.china, city=beijing, order=1, end_date=date(2024, 7, 27))
    in_shanghai = LegFactory(visit=w.china, city=w.shanghai, order=2, start_date=date(2024, 7, 28))
    w.japan = VisitFactory(
        official=w.deputy, start_date=date(2024, 10, 1), legs=1, legs__city=w.tokyo
    )
    # What each release is about: the city and country filters go by these.
    about = [EngagementFactory(leg=leg) for leg in (in_beijing, in_shanghai, w.japan.legs.get())]
    w.robotics, w.culture = TopicFactory(name_en="Robotics"), TopicFactory(name_en="Culture")
    w.r1 = PressReleaseFactory(
        engagements=[about[0]],
        visit=w.china,
        topics=[w.robotics],
        published_at=seoul(2024, 7, 25, 0, 30),
        title_ko="로봇",
        body_ko="<p>로봇</p>",
    )
    w.r2 = PressReleaseFactory(
        engagements=[about[1]],
        visit=w.china,
        topics=[w.culture],
        published_at=seoul(2024, 7, 28, 23, 30),
        title_zh_hans="文化",
        body_zh_hans="<p>文化</p>",
    )
    w.r3 = PressReleaseFactory(
        engagements=[about[2]],
        visit=w.japan,
        topics=[w.robotics, w.culture],
        published_at=seoul(2024, 10, 2, 9),
        title_ja="ロボット",
        body_ja="<p>ロボット</p>",
        title_zh_hans="只有标题",
    )
    w.r4 = PressReleaseFactory(
        visit=None,
        published_at=seoul(2023, 1, 5, 9),
        title_en="",
        lead_en="",
        body_en="",
        title_ko="한국어만",
        body_ko="<p>한국어</p>",
    )
    # Never in any result, whatever the filter.
    PressReleaseFactory(visit=w.china, topics=[w.robotics], draft=True, title_ko="x", body_ko="x")
    PressReleaseFactory(visit=w.japan, topics=[w.culture], scheduled=True)
    w.hidden_trip = VisitFactory(draft=True, legs=1, legs__city=w.tokyo)
    PressReleaseFactory(visit=w.hidden_trip, withdrawn=True)

    w.yonhap = OutletFactory(name_en="Yonhap", language="ko")
    w.xinhua = OutletFactory(name_en="Xinhua", language="zh-hans")
    w.reuters = OutletFactory(name_en="Reuters", language="en")
    w.c1 = CoverageFactory(visit=w.china, outlet=w.yonhap, published_on=date(2024, 7, 25))
    w.c2 = CoverageFactory(visit=w.china, outlet=w.reuters, published_on=date(2024, 7, 28))
    w.c3 = CoverageFactory(visit=w.japan, outlet=w.xinhua, published_on=date(2024, 10, 3))
    w.c4 = CoverageFactory(visit=w.japan, outlet=w.yonhap, published_on=date(2024, 10, 4))
    CoverageFactory(visit=w.china, outlet=w.reuters, draft=True, published_on=date(2024, 7, 26))
    CoverageFactory(visit=w.japan, outlet=w.yonhap, scheduled=True)
    return w


filter_world = class_data("filter_world", build_filter_world)

#: (query string, names of the releases it finds) for the release list.
RELEASE_FILTERS = [
    ("", {"r1", "r2", "r3", "r4"}),
    ("trip=", {"r1", "r2", "r3", "r4"}),
    ("trip={china}", {"r1", "r2"}),
    ("trip={japan}", {"r3"}),
    ("topic={robotics}", {"r1", "r3"}),
    ("topic={culture}", {"r2", "r3"}),
    # Releases about events in that country or city (not every release of a trip there).
    ("country=CN", {"r1", "r2"}),
    ("country=JP", {"r3"}),
    ("city={shanghai}", {"r2"}),
    ("city={tokyo}", {"r3"}),
    ("official={mayor}", {"r1", "r2"}),
    ("official={deputy}", {"r3"}),
    ("published_after=2024-07-26", {"r2", "r3"}),
    ("published_before=2024-07-27", {"r1", "r4"}),
    ("published_after=2024-07-01&published_before=2024-07-31", {"r1", "r2"}),
    # Dates are Seoul dates, both ends included.
    ("published_after=2024-07-25&published_before=2024-07-25", {"r1"}),
    ("published_after=2024-07-28&published_before=2024-07-28", {"r2"}),
    ("language=en", {"r1", "r2", "r3"}),
    ("language=ko", {"r1", "r4"}),
    ("language=ja", {"r3"}),
    # A title without a body is not a translation.
    ("language=zh-hans", {"r2"}),
    ("topic={robotics}&country=JP", {"r3"}),
    ("topic={culture}&official={mayor}&language=zh-hans", {"r2"}),
    # Values that do not exist, or are not public, find nothing (and reveal nothing).
    ("trip=no-such-trip", set()),
    ("trip={hidden_trip}", set()),
    ("country=ZZ", set()),
    ("published_after=2024-13-45", set()),
]


class TestReleaseFilters:
    @pytest.mark.parametrize(("query", "expected"), RELEASE_FILTERS)
    def test_filter_narrows_the_list(self, client, filter_world, query, expected):
        w = filter_world
        slugs = {
            "china": w.china.slug,
            "japan": w.japan.slug,
            "hidden_trip": w.hidden_trip.slug,
            "robotics": w.robotics.slug,
            "culture": w.culture.slug,
            "shanghai": w.shanghai.slug,
            "tokyo": w.tokyo.slug,
            "mayor": w.mayor.slug,
            "deputy": w.deputy.slug,
        }
        page = fetch(client, f"/en/releases/?{query.format(**slugs)}")
        assert page.slugs("/en/releases/") == {getattr(w, name).slug for name in expected}

    def test_choices_offer_only_public_values(self, client, filter_world):
        w = filter_world
        page = fetch(client, "/en/releases/")
        options = set(re.findall(r'<option value="([^"]+)"', page.html))
        assert {w.china.slug, w.japan.slug, "CN", "JP", w.tokyo.slug} <= options
        assert w.hidden_trip.slug not in options

    def test_invalid_value_is_reported_not_an_error(self, client, filter_world):
        page = fetch(client, "/en/releases/?published_after=yesterday&trip=nope")
        assert 'class="field-error"' in page.html
        assert page.slugs("/en/releases/") == set()


COVERAGE_FILTERS = [
    ("", {"c1", "c2", "c3", "c4"}),
    ("trip={china}", {"c1", "c2"}),
    ("trip={japan}", {"c3", "c4"}),
    ("outlet={yonhap}", {"c1", "c4"}),
    ("outlet={xinhua}", {"c3"}),
    ("language=ko", {"c1", "c4"}),
    ("language=zh-hans", {"c3"}),
    ("language=en", {"c2"}),
    ("date_after=2024-07-26", {"c2", "c3", "c4"}),
    ("date_before=2024-07-28", {"c1", "c2"}),
    ("date_after=2024-07-26&date_before=2024-10-03", {"c2", "c3"}),
    ("trip={japan}&outlet={yonhap}", {"c4"}),
    ("language=fr", set()),
    ("outlet=no-such-outlet", set()),
]


class TestCoverageFilters:
    @pytest.mark.parametrize(("query", "expected"), COVERAGE_FILTERS)
    def test_filter_narrows_the_list(self, client, filter_world, query, expected):
        w = filter_world
        slugs = {
            "china": w.china.slug,
            "japan": w.japan.slug,
            "yonhap": w.yonhap.slug,
            "xinhua": w.xinhua.slug,
        }
        page = fetch(client, f"/ko/coverage/?{query.format(**slugs)}")
        assert page.slugs("/ko/coverage/") == {str(getattr(w, name).pk) for name in expected}


def build_pagination_world():
    w = SimpleNamespace()
    w.topic = TopicFactory(name_en="Startups")
    w.trip = VisitFactory(legs=1)
    w.tagged = [
        PressReleaseFactory(visit=w.trip, topics=[w.topic], published_at=seoul(2024, 8, 1, 9))
        for _ in range(25)
    ]
    PressReleaseFactory.create_batch(5, visit=w.trip, published_at=seoul(2024, 8, 2, 9))
    w.korean = CoverageFactory.create_batch(23, visit=w.trip, outlet=OutletFactory(language="ko"))
    CoverageFactory.create_batch(3, visit=w.trip)
    VisitFactory.create_batch(21, legs=1)
    return w


pagination_world = class_data("pagination_world", build_pagination_world)


def next_link(page):
    (link,) = [a["href"] for a in page.anchors if a.get("rel") == "next"]
    return link


class TestPagination:
    def test_release_pages_keep_the_filters(self, client, pagination_world):
        w = pagination_world
        query = f"topic={w.topic.slug}&published_after=2024-08-01&published_before=2024-08-01"
        first = fetch(client, f"/en/releases/?{query}")
        assert len(first.slugs("/en/releases/")) == 20
        assert "25 press releases" in first.html
        assert next_link(first) == f"?{query}&page=2"
        second = fetch(client, f"/en/releases/{next_link(first)}")
        assert len(second.slugs("/en/releases/")) == 5
        everything = first.slugs("/en/releases/") | second.slugs("/en/releases/")
        assert everything == {r.slug for r in w.tagged}
        (previous,) = [a["href"] for a in second.anchors if a.get("rel") == "prev"]
        assert previous == f"?{query}&page=1"

    def test_page_parameter_is_not_repeated(self, client, pagination_world):
        page = fetch(client, f"/en/releases/?page=1&topic={pagination_world.topic.slug}")
        assert next_link(page) == f"?topic={pagination_world.topic.slug}&page=2"

    def test_coverage_pages_keep_the_filters(self, client, pagination_world):
        first = fetch(client, "/ja/coverage/?language=ko")
        assert len(first.slugs("/ja/coverage/")) == 20
        assert next_link(first) == "?language=ko&page=2"
        second = fetch(client, f"/ja/coverage/{next_link(first)}")
        assert second.slugs("/ja/coverage/") | first.slugs("/ja/coverage/") == {
            str(c.pk) for c in pagination_world.korean
        }

    def test_trip_and_topic_lists_paginate(self, client, pagination_world):
        trips = fetch(client, "/en/trips/")
        assert len(trips.slugs("/en/trips/")) == 20
        assert len(fetch(client, f"/en/trips/{next_link(trips)}").slugs("/en/trips/")) == 2
        topic = fetch(client, url_of(pagination_world.topic))
        assert len(topic.slugs("/en/releases/")) == 20
        assert (
            len(fetch(client, f"{url_of(pagination_world.topic)}?page=2").slugs("/en/releases/"))
            == 5
        )

    @pytest.mark.parametrize(
        ("page", "shown"),
        [
            ("abc", 1),
            ("0", 2),
            ("-1", 2),
            ("999", 2),
            ("1.5", 1),
            ("", 1),
            ("2", 2),
            ("1000000", 2),  # the largest page number a list answers (visits.paging)
            ("%00", 1),
            ("1e3", 1),
        ],
    )
    def test_bad_page_number_shows_a_page(self, client, pagination_world, page, shown):
        response = fetch(client, f"/en/releases/?topic={pagination_world.topic.slug}&page={page}")
        assert len(response.slugs("/en/releases/")) == (20 if shown == 1 else 5)
        assert f"Page {shown} of 2" in response.html


class TestAppearances:
    """A place's page lists what happened in the places inside it; an organisation's page
    lists the meetings with its people, the same paths that make them public."""

    def test_parent_place_and_member_organisation_list_the_engagement(self, client):
        visit = VisitFactory(legs=1)
        leg = visit.legs.get()
        zhongguancun = PlaceFactory(name_en="Zhongguancun")
        innoway = PlaceFactory(name_en="InnoWay", parent=zhongguancun, city=zhongguancun.city)
        kic = OrganizationFactory(name_en="KIC China")
        head = PersonFactory(name_en="Kim Jong-moon", organization=kic)
        engagement = EngagementFactory(
            visit=visit,
            leg=leg,
            date=leg.start_date,
            place=innoway,
            people=[head],
            title_en="Briefing at KIC China",
        )
        release = PressReleaseFactory(visit=visit, engagements=[engagement])
        for obj in (zhongguancun, kic):
            page = fetch(client, url_of(obj))
            assert engagement.get_absolute_url() in page.hrefs
            assert url_of(release) in page.hrefs
            assert url_of(visit) in page.hrefs


def test_filter_choices_list_each_country_and_language_once(client):
    """Two Chinese legs (Chongqing, Beijing) give one "China" in the country filter."""
    visit = VisitFactory()
    for order, name in enumerate(["Chongqing", "Beijing"], start=1):
        LegFactory(
            visit=visit,
            city=CityFactory(name_en=name, country="CN"),
            order=order,
            start_date=visit.start_date,
            end_date=visit.start_date,
        )
    for n in range(2):
        CoverageFactory(visit=visit, language="ko", url=f"https://news.example.kr/{n}")
    releases = client.get(rev("press:release_list")).content.decode()
    coverage = client.get(rev("press:coverage_list")).content.decode()
    assert releases.count('<option value="CN"') == 1
    assert coverage.count('<option value="ko"') == 1
