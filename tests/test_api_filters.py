"""The read API's filters and its refusals (`press.api`): every filter of every list as
the OpenAPI schema names them, search in the languages that are out only, and bad
parameters a 422 with a message, never a 500. The world: tests/test_api.py."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.test_api import API, build_indexed_world, get, listed, openapi
from tests.test_pages import class_data

pytestmark = pytest.mark.django_db

world = class_data("world", build_indexed_world)


# --- every filter ----------------------------------------------------------------------

RELEASE_FILTERS = {
    "trip": lambda w: (w.trip.slug, [w.japanese, w.korean]),
    "event": lambda w: (w.forum.pk, [w.korean]),
    "topic": lambda w: (w.topic.slug, [w.korean]),
    "country": lambda w: ("JP", [w.japanese]),
    "city": lambda w: (w.seoul.slug, [w.korean]),
    "official": lambda w: (w.mayor.slug, [w.japanese, w.korean]),
    "published_after": lambda w: (
        (timezone.localdate() - timedelta(days=2)).isoformat(),
        [w.on_secret_trip, w.unready, w.pending, w.japanese],
    ),
    "published_before": lambda w: (
        (timezone.localdate() - timedelta(days=3)).isoformat(),
        [w.korean],
    ),
    "language": lambda w: ("ko", [w.korean]),  # pending's Korean is not out
    "q": lambda w: ("river buses", [w.pending]),
}
COVERAGE_FILTERS = {
    "trip": lambda w: (w.trip.slug, [w.ko_article, w.article]),
    "event": lambda w: (w.visit_tokyo.pk, [w.ko_article]),
    "city": lambda w: (w.seoul.slug, [w.article]),
    "outlet": lambda w: (w.ko_outlet.slug, [w.ko_article]),
    "language": lambda w: ("ko", [w.ko_article]),
    "date_after": lambda w: ("2024-07-26", [w.ko_article]),
    "date_before": lambda w: ("2024-07-26", [w.article]),
    "q": lambda w: ("pitches", [w.article]),
}
TRIP_FILTERS = {
    "official": lambda w: (w.mayor.slug, [w.trip]),
    "city": lambda w: (w.tokyo.slug, [w.trip]),
    "country": lambda w: ("KR", [w.trip]),
    "year": lambda w: (2023, [w.old_trip]),
    "date_after": lambda w: ("2024-01-01", [w.trip]),
    "date_before": lambda w: ("2023-12-31", [w.old_trip]),
}
PHOTO_FILTERS = {
    "trip": lambda w: (w.trip.slug, [w.lead]),
    "release": lambda w: (w.japanese.slug, []),
}
LISTS = {
    "/releases": ("slug", RELEASE_FILTERS),
    "/coverage": ("id", COVERAGE_FILTERS),
    "/trips": ("slug", TRIP_FILTERS),
    "/photos": ("id", PHOTO_FILTERS),
    "/topics": ("slug", {}),
    "/outlets": ("slug", {}),
}
COMMON = {"lang", "cursor", "limit"}


@pytest.mark.parametrize("path", LISTS)
def test_every_filter_of_the_schema_is_tested(client, path):
    _key, filters = LISTS[path]
    assert openapi(client).parameters(path) == COMMON | set(filters)


CASES = [(path, name) for path, (_key, filters) in LISTS.items() for name in filters]


class TestFilters:
    @pytest.mark.parametrize(("path", "name"), CASES)
    def test_filter(self, client, world, path, name):
        key, filters = LISTS[path]
        value, expected = filters[name](world)
        found = listed(client, path, key, **{name: value})
        assert found == [getattr(item, key if key != "id" else "pk") for item in expected]

    def test_filters_combine(self, client, world):
        found = listed(client, "/releases", trip=world.trip.slug, city=world.tokyo.slug)
        assert found == [world.japanese.slug]

    def test_search_looks_only_at_languages_that_are_out(self, client, world):
        assert listed(client, "/releases", q="수상버스") == []  # pending's Korean
        assert listed(client, "/releases", q="夜市") == []  # unready's Chinese
        assert listed(client, "/releases", q="東京都庁") == [world.japanese.slug]
        assert listed(client, "/releases", q="SECRET") == []

    @pytest.mark.parametrize("text", ["!!!", "a\x00b", "\u202e", "OR"])
    def test_odd_searches_answer(self, client, world, text):
        get(client, "/releases", q=text)
        get(client, "/coverage", q=text)

    def test_release_photos_filter(self, client, world):
        assert listed(client, "/photos", "id", release=world.korean.slug) == [world.lead.pk]


# --- bad parameters: 422 with a message, never a 500 -------------------------------------

BAD = [
    ("/releases", {"lang": "fr"}),
    ("/releases", {"limit": "0"}),
    ("/releases", {"limit": "101"}),
    ("/releases", {"limit": "ten"}),
    ("/releases", {"limit": "9" * 40}),
    ("/releases", {"cursor": "not-a-cursor"}),
    ("/releases", {"cursor": "x" * 600}),
    ("/releases", {"event": "abc"}),
    ("/releases", {"event": "99999999999999999999"}),
    ("/releases", {"event": "0"}),
    ("/releases", {"trip": "no-such-trip"}),
    ("/releases", {"trip": "a\x00b"}),
    ("/releases", {"topic": "../etc"}),
    ("/releases", {"country": "korea"}),
    ("/releases", {"published_after": "yesterday"}),
    ("/releases", {"published_before": "2024-02-30"}),
    ("/releases", {"language": "xx"}),
    ("/releases", {"q": "word " * 50}),
    ("/coverage", {"outlet": "no-such-outlet"}),
    ("/coverage", {"date_after": "2024-13-01"}),
    ("/coverage", {"language": "a\x00"}),
    ("/trips", {"year": "1800"}),
    ("/trips", {"year": "abc"}),
    ("/trips", {"date_before": "soon"}),
    ("/photos", {"trip": "bad slug"}),
    ("/topics", {"limit": "-1"}),
    ("/outlets", {"lang": "en-GB"}),
    ("/releases/x", {"lang": "de"}),
    ("/coverage/1", {"lang": "de"}),
]


class TestBadParameters:
    @pytest.mark.parametrize(("path", "query"), BAD)
    def test_bad_parameters_are_422_with_a_message(self, client, world, path, query):
        body = get(client, path, status=422, **query)
        (problem, *_more) = body["detail"]
        name = next(iter(query))
        assert problem["loc"] == ["query", name]
        assert problem["msg"]

    def test_a_cursor_of_another_list_is_422(self, client, world):
        body = get(client, "/trips", limit=1)
        cursor = re.search(r"cursor=([^&]+)", body["next"]).group(1)
        response = client.get(f"{API}/releases?cursor={cursor}")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "cursor"]

    @pytest.mark.parametrize("key", ["0", "-1", "abc", "9" * 30])
    def test_bad_keys_in_the_path_are_never_a_500(self, client, world, key):
        for path in ("/coverage/", "/photos/"):
            response = client.get(f"{API}{path}{key}")
            assert response.status_code in (404, 422), (path, key)
            assert response["Content-Type"].startswith("application/json")

    @pytest.mark.parametrize("key", ["a%00b", "%E2%80%AE", "x" * 300])
    def test_odd_slugs_are_404(self, client, world, key):
        for path in ("/releases/", "/trips/", "/topics/", "/outlets/"):
            assert client.get(f"{API}{path}{key}").status_code == 404, (path, key)
