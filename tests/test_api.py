"""The read API (/api/v1/, `press.api`): every endpoint, each answer checked against the
OpenAPI schema the API serves; what the public may not see never in it, in any language;
read-only; its docs page from our own static files. Filters and bad parameters:
tests/test_api_filters.py; paging and query counts: tests/test_api_paging.py; ETags and
the page cache: tests/test_api_cache.py."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from openapi_schema_validator import OAS31Validator

from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_pages import LANGUAGES, SECRET, class_data
from visits.publishing import Status

pytestmark = pytest.mark.django_db

API = "/api/v1"


# --- the schema the API serves, and answers checked against it ----------------------------


class OpenApi:
    """The served OpenAPI document: each answer is validated against the schema its
    operation declares for its status (components resolved in the document)."""

    def __init__(self, document: dict):
        self.document = document

    def operation(self, template: str) -> dict:
        return self.document["paths"][f"{API}{template}"]["get"]

    def parameters(self, template: str) -> set[str]:
        return {p["name"] for p in self.operation(template)["parameters"] if p["in"] == "query"}

    def check(self, response, template: str):
        responses = self.operation(template)["responses"]
        status = str(response.status_code)
        assert status in responses, (template, status, response.content[:300])
        schema = responses[status]["content"]["application/json"]["schema"]
        body = response.json()
        OAS31Validator({**schema, "components": self.document["components"]}).validate(body)
        return body


_document = {}


def openapi(client) -> OpenApi:
    if "doc" not in _document:
        response = client.get(f"{API}/openapi.json")
        assert response.status_code == 200
        _document["doc"] = response.json()
    return OpenApi(_document["doc"])


def template_of(path: str) -> str:
    """The operation's path template of a URL under /api/v1."""
    path = path.removeprefix(API).split("?")[0]
    for pattern, template in (
        (r"^/releases/[^/]+$", "/releases/{key}"),
        (r"^/trips/[^/]+$", "/trips/{slug}"),
        (r"^/coverage/[^/]+$", "/coverage/{item_id}"),
        (r"^/photos/[^/]+$", "/photos/{item_id}"),
        (r"^/topics/[^/]+$", "/topics/{slug}"),
        (r"^/outlets/[^/]+$", "/outlets/{slug}"),
    ):
        if re.match(pattern, path):
            return template
    return path


def get(client, path: str, status: int = 200, **query):
    """The API's answer at ``path`` (with ``query``), checked against the schema."""
    url = f"{API}{path}" + (f"?{urlencode(query)}" if query else "")
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return openapi(client).check(response, template_of(path))


def listed(client, path: str, key: str = "slug", **query) -> list:
    """The values of ``key`` of every item of a list (one page: fewer than the limit)."""
    body = get(client, path, limit=100, **query)
    assert body["next"] is None
    return [item[key] for item in body["items"]]


# --- the world -------------------------------------------------------------------------


def build_world():
    w = SimpleNamespace()
    now = timezone.now()
    w.seoul = CityFactory(name_en="Seoul", name_ko="서울", country="KR", time_zone="Asia/Seoul")
    w.tokyo = CityFactory(name_en="Tokyo", name_ja="東京", country="JP", time_zone="Asia/Tokyo")
    w.mayor = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈")
    w.trip = VisitFactory(
        title_en="Trip to Seoul and Tokyo",
        title_ko="서울·도쿄 순방",
        official=w.mayor,
        start_date=date(2024, 7, 24),
        end_date=date(2024, 8, 1),
    )
    w.leg_seoul = LegFactory(visit=w.trip, city=w.seoul, order=1, end_date=date(2024, 7, 27))
    w.leg_tokyo = LegFactory(visit=w.trip, city=w.tokyo, order=2, start_date=date(2024, 7, 28))
    w.forum = EngagementFactory(leg=w.leg_seoul, title_en="Smart city forum", people=[w.mayor])
    w.visit_tokyo = EngagementFactory(leg=w.leg_tokyo, title_en="Tokyo city hall")
    w.old_trip = VisitFactory(
        title_en="Trip of 2023", start_date=date(2023, 3, 1), end_date=date(2023, 3, 5)
    )
    w.secret_trip = VisitFactory(draft=True, title_en=f"{SECRET} trip")
    LegFactory(visit=w.secret_trip, city=CityFactory(name_en=f"{SECRET} city"))

    w.topic = TopicFactory(name_en="Smart city", name_ko="스마트 도시")
    w.secret_topic = TopicFactory(name_en=f"{SECRET} topic")  # only on hidden releases
    w.lead = PhotoFactory(visit=w.trip, caption_en="The forum", caption_ko="포럼")
    w.secret_photo = PhotoFactory(visit=w.secret_trip, caption_en=f"{SECRET} photo")

    w.korean = PressReleaseFactory(
        visit=w.trip,
        title_en="Seoul shares its smart city plan",
        title_ko="서울 스마트 도시 계획 공유",
        topics=[w.topic],
        engagements=[w.forum],
        photos=[w.lead],
        published_at=now - timedelta(days=3),
    )
    w.japanese = PressReleaseFactory(
        visit=w.trip,
        title_en="",
        lead_en="",
        body_en="",
        title_ja="東京都庁を訪問",
        body_ja="<p>本文。</p>",
        original_language="ja",
        engagements=[w.visit_tokyo],
        published_at=now - timedelta(days=2),
    )
    # Korean is ready with a time of its own still ahead: not out in Korean.
    w.pending = PressReleaseFactory(
        visit=w.old_trip,
        title_en="River buses",
        title_ko=f"{SECRET} 한강 수상버스",
        ready_ko=True,
        public_from_ko=now + timedelta(days=1),
        published_at=now - timedelta(days=1),
    )
    # Chinese filled in but not marked ready.
    w.unready = PressReleaseFactory(
        visit=w.old_trip,
        title_en="Night markets",
        title_zh_hans=f"{SECRET} 夜市",
        ready_zh_hans=False,
        published_at=now - timedelta(hours=5),
    )
    hidden = {"topics": [w.secret_topic], "visit": w.trip}
    w.draft = PressReleaseFactory(draft=True, title_en=f"{SECRET} draft", **hidden)
    w.scheduled = PressReleaseFactory(scheduled=True, title_en=f"{SECRET} embargoed", **hidden)
    w.withdrawn = PressReleaseFactory(title_en=f"{SECRET} withdrawn", **hidden)
    w.withdrawn.status = Status.WITHDRAWN
    w.withdrawn.withdrawal_reason_en = "Issued in error."
    w.withdrawn.save()
    assert w.withdrawn.was_public  # its page stays; the API shows it nowhere
    w.on_secret_trip = PressReleaseFactory(visit=w.secret_trip, title_en="On a draft trip")

    w.outlet = OutletFactory(name_en="Korea Herald", name_ko="코리아헤럴드", language="en")
    w.ko_outlet = OutletFactory(name_en="Yonhap", language="ko")
    w.secret_outlet = OutletFactory(name_en=f"{SECRET} outlet")
    w.article = CoverageFactory(
        outlet=w.outlet,
        visit=w.trip,
        headline="Seoul pitches smart city",
        engagements=[w.forum],
        releases=[w.korean, w.draft],
        published_on=date(2024, 7, 25),
    )
    w.ko_article = CoverageFactory(
        outlet=w.ko_outlet,
        visit=w.trip,
        headline="오세훈, 도쿄 방문",
        engagements=[w.visit_tokyo],
        published_on=date(2024, 7, 29),
    )
    CoverageFactory(
        outlet=w.secret_outlet, visit=w.secret_trip, draft=True, headline=f"{SECRET} article"
    )
    return w


def build_indexed_world():
    """The world, indexed for search as it is made (the class's data is built before the
    tests' own fixtures turn immediate indexing on)."""
    from visits.search import indexing

    was, indexing.IMMEDIATE = indexing.IMMEDIATE, True
    try:
        return build_world()
    finally:
        indexing.IMMEDIATE = was


world = class_data("world", build_indexed_world)


# --- every endpoint, and nothing hidden ------------------------------------------------


def every_url(w) -> list[str]:
    return [
        "/releases",
        f"/releases/{w.korean.slug}",
        f"/releases/{w.korean.uuid}",
        f"/releases/{w.japanese.slug}",
        f"/releases/{w.pending.slug}",
        f"/releases/{w.unready.slug}",
        "/trips",
        f"/trips/{w.trip.slug}",
        "/coverage",
        f"/coverage/{w.article.pk}",
        "/photos",
        f"/photos/{w.lead.pk}",
        "/topics",
        f"/topics/{w.topic.slug}",
        "/outlets",
        f"/outlets/{w.outlet.slug}",
    ]


class TestEveryEndpoint:
    def test_every_operation_is_tested(self, client, world):
        served = {path.removeprefix(API) for path in openapi(client).document["paths"]}
        assert served == {template_of(url) for url in every_url(world)}

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_every_answer_fits_the_schema_and_shows_nothing_hidden(self, client, world, lang):
        for url in every_url(world):
            body = get(client, url, lang=lang)
            assert SECRET not in json.dumps(body, ensure_ascii=False), (url, lang)

    def test_hidden_items_are_404(self, client, world):
        w = world
        for url in (
            *(f"/releases/{r.slug}" for r in (w.draft, w.scheduled, w.withdrawn)),
            f"/releases/{w.scheduled.uuid}",
            f"/trips/{w.secret_trip.slug}",
            f"/photos/{w.secret_photo.pk}",
            f"/topics/{w.secret_topic.slug}",
            f"/outlets/{w.secret_outlet.slug}",
            "/coverage/999999",
            "/releases/no-such-release",
        ):
            assert get(client, url, status=404) == {"detail": "Not Found"}, url

    def test_lists_hold_the_public_items(self, client, world):
        w = world
        assert listed(client, "/releases") == [
            w.on_secret_trip.slug,
            w.unready.slug,
            w.pending.slug,
            w.japanese.slug,
            w.korean.slug,
        ]
        assert listed(client, "/trips") == [w.trip.slug, w.old_trip.slug]
        assert listed(client, "/coverage", "id") == [w.ko_article.pk, w.article.pk]
        assert listed(client, "/photos", "id") == [w.lead.pk]
        assert listed(client, "/topics") == [w.topic.slug]
        assert listed(client, "/outlets") == [w.outlet.slug, w.ko_outlet.slug]

    def test_a_release_on_a_draft_trip_does_not_show_the_trip(self, client, world):
        body = get(client, f"/releases/{world.on_secret_trip.slug}")
        assert body["trip"] is None


class TestReleaseContent:
    def test_detail(self, client, world):
        body = get(client, f"/releases/{world.korean.uuid}", lang="ko")
        assert body["id"] == str(world.korean.uuid)
        assert body["title"] == {"value": "서울 스마트 도시 계획 공유", "lang": "ko"}
        assert body["lead"]["lang"] == "en"  # no Korean lead: English, said so
        assert body["body"] == {"value": "<p>The body of the release.</p>", "lang": "en"}
        assert body["url"] == f"http://testserver/ko/releases/{world.korean.slug}/"
        assert body["languages"] == ["en", "ko"]
        assert body["trip"]["title"] == {"value": "서울·도쿄 순방", "lang": "ko"}
        assert body["topics"][0]["name"] == {"value": "스마트 도시", "lang": "ko"}
        assert [e["title"]["value"] for e in body["events"]] == ["Smart city forum"]
        (photo,) = body["photos"]
        assert photo == body["lead_photo"]
        assert photo["credit"] == world.lead.credit
        assert photo["caption"] == {"value": "포럼", "lang": "ko"}
        assert photo["original"].startswith("http://testserver/media/")

    def test_a_language_not_out_is_never_shown(self, client, world):
        pending = get(client, f"/releases/{world.pending.slug}", lang="ko")
        assert pending["title"] == {"value": "River buses", "lang": "en"}
        assert pending["languages"] == ["en"]
        unready = get(client, f"/releases/{world.unready.slug}", lang="zh-hans")
        assert unready["title"] == {"value": "Night markets", "lang": "en"}
        assert unready["languages"] == ["en"]

    @pytest.mark.parametrize("asked", ["KO", "Ko", "ko"])
    def test_the_language_asked_for_in_any_case(self, client, world, asked):
        response = client.get(f"{API}/releases/{world.korean.uuid}?lang={asked}")
        assert response.status_code == 200
        assert response["Content-Language"] == "ko"
        assert response.json()["title"] == {"value": "서울 스마트 도시 계획 공유", "lang": "ko"}

    @pytest.mark.parametrize("asked", ["zh-Hans", "ZH-HANS"])
    def test_chinese_as_bcp47_clients_write_it(self, client, world, asked):
        response = client.get(f"{API}/releases?lang={asked}&language={asked}")
        assert response.status_code == 200, response.content
        assert response["Content-Language"] == "zh-hans"
        listed = client.get(f"{API}/releases?lang=zh-hans&language=zh-hans").json()
        assert response.json()["items"] == listed["items"]

    def test_fallback_to_the_only_language(self, client, world):
        body = get(client, f"/releases/{world.japanese.slug}", lang="en")
        assert body["title"] == {"value": "東京都庁を訪問", "lang": "ja"}
        assert body["lead"] == {"value": "", "lang": None}

    def test_coverage_shows_only_public_releases(self, client, world):
        body = get(client, f"/coverage/{world.article.pk}")
        assert [r["slug"] for r in body["releases"]] == [world.korean.slug]
        assert body["outlet"]["name"] == {"value": "Korea Herald", "lang": "en"}
        assert body["article_url"] == world.article.url

    def test_trip_has_its_legs_and_events(self, client, world):
        body = get(client, f"/trips/{world.trip.slug}", lang="ja")
        assert [leg["city"]["name"]["value"] for leg in body["legs"]] == ["Seoul", "東京"]
        assert [leg["city"]["country"] for leg in body["legs"]] == ["KR", "JP"]
        events = [[e["title"]["value"] for e in leg["events"]] for leg in body["legs"]]
        assert events == [["Smart city forum"], ["Tokyo city hall"]]
        assert body["legs"][0]["events"][0]["people"][0]["slug"] == world.mayor.slug
        assert body["official"]["name"] == {"value": "Oh Se-hoon", "lang": "en"}


# --- read-only, open to scripts ----------------------------------------------------------


class TestReadOnly:
    @pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
    def test_read_only(self, client, world, method):
        for url in ("/releases", f"/releases/{world.korean.slug}", "/topics"):
            response = getattr(client, method)(f"{API}{url}")
            assert response.status_code == 405, (method, url)

    def test_no_authentication_and_any_origin_may_read(self, client, world):
        response = client.get(f"{API}/releases", HTTP_ORIGIN="https://example.net")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Set-Cookie" not in response

    def test_the_root_names_the_schema_and_the_docs(self, client):
        assert client.get(f"{API}/").json() == {
            "openapi": f"http://testserver{API}/openapi.json",
            "docs": f"http://testserver{API}/docs/",
        }

    @pytest.mark.parametrize("path", ["/nothing", "/releases/a/b", "/docs/x"])
    def test_other_addresses_are_a_json_404(self, client, path):
        response = client.get(f"{API}{path}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}

    def test_content_language_is_the_one_asked_for(self, client, world):
        response = client.get(f"{API}/topics?lang=ja", HTTP_ACCEPT_LANGUAGE="ko")
        assert response["Content-Language"] == "ja"

    def test_text_is_utf8_as_it_is(self, client, world):
        response = client.get(f"{API}/releases/{world.korean.slug}?lang=ko")
        assert "서울 스마트 도시 계획 공유".encode() in response.content


# --- the schema and its docs page --------------------------------------------------------


def test_the_schema_is_a_valid_openapi_document(client):
    from openapi_spec_validator import validate

    validate(openapi(client).document)


def test_docs_page_loads_only_our_own_files(client):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Newsroom API</title>" in html
    assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
        else:
            assert client.get(source).status_code == 200, source
    assert "Content-Security-Policy" in response
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_docs_page_title_is_translated(client):
    from django.utils import translation

    with translation.override("ko"):
        from django.utils.translation import gettext

        title = gettext("Newsroom API")
    response = client.get(f"{API}/docs/", HTTP_ACCEPT_LANGUAGE="ko")
    assert f"<title>{title}</title>" in response.content.decode()
    assert title != "Newsroom API"


# --- the API's doors, for the embargo tests (tests/test_embargo.py) ------------------------


def api_doors(client, w) -> dict[str, bool]:
    """Whether the release of an embargo world (``w.release`` with ``w.new_topic``, its
    photos ``w.lead_photo`` and ``w.photo``) shows through each door of the API."""

    def answers(url) -> bool:
        status = client.get(f"{API}{url}").status_code
        assert status in (200, 404, 422), (url, status)
        return status == 200

    def lists(url, key, value) -> bool:
        response = client.get(f"{API}{url}")
        assert response.status_code in (200, 422), (url, response.status_code)
        if response.status_code != 200:
            return False  # a filter by something not public is refused
        return value in [item[key] for item in response.json()["items"]]

    seen = {}
    slug, photos = w.release.slug, (w.lead_photo, w.photo)
    for lang in LANGUAGES:
        seen[f"api {lang} release list"] = lists(f"/releases?lang={lang}", "slug", slug)
        seen[f"api {lang} trip's releases"] = lists(
            f"/releases?lang={lang}&trip={w.trip.slug}", "slug", slug
        )
        seen[f"api {lang} new topic's releases"] = lists(
            f"/releases?lang={lang}&topic={w.new_topic.slug}", "slug", slug
        )
        seen[f"api {lang} release"] = answers(f"/releases/{slug}?lang={lang}")
        seen[f"api {lang} release by id"] = answers(f"/releases/{w.release.uuid}?lang={lang}")
        seen[f"api {lang} topics"] = lists(f"/topics?lang={lang}", "slug", w.new_topic.slug)
        seen[f"api {lang} new topic"] = answers(f"/topics/{w.new_topic.slug}?lang={lang}")
        for photo in photos:
            seen[f"api {lang} photos {photo.pk}"] = lists(f"/photos?lang={lang}", "id", photo.pk)
            seen[f"api {lang} photo {photo.pk}"] = answers(f"/photos/{photo.pk}?lang={lang}")
    return seen
