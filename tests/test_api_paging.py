"""The API's lists a page at a time (`press.api.paging`): a walk by the ``next`` URLs
sees every item once, in order, even with items sharing a time and items published
meanwhile; the filters stay on every page; and the number of queries of every endpoint
does not grow with the number of items (asserted with one item and with many)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    PersonFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_api import API, get

pytestmark = pytest.mark.django_db


def walk(client, path: str, key: str, **query) -> list:
    """Every item's ``key`` from the first page to the last, following ``next``."""
    body = get(client, path, **query)
    found = [item[key] for item in body["items"]]
    pages = 1
    while body["next"]:
        assert body["next"].startswith(f"http://testserver{API}{path}?")
        response = client.get(body["next"])
        assert response.status_code == 200
        body = response.json()
        found += [item[key] for item in body["items"]]
        pages += 1
        assert pages < 100
    return found


def test_a_walk_sees_every_release_once_in_order(client):
    now = timezone.now()
    same_time = now - timedelta(hours=3)
    releases = [PressReleaseFactory(published_at=same_time) for _ in range(5)]
    releases += [PressReleaseFactory(published_at=now - timedelta(days=n)) for n in range(1, 4)]
    expected = [
        r.slug for r in sorted(releases, key=lambda r: (r.published_at, r.pk), reverse=True)
    ]
    assert walk(client, "/releases", "slug", limit=2) == expected
    assert walk(client, "/releases", "slug", limit=3) == expected
    assert walk(client, "/releases", "slug", limit=100) == expected


def test_items_published_during_a_walk_neither_repeat_nor_shift_it(client):
    releases = [
        PressReleaseFactory(published_at=timezone.now() - timedelta(days=n)) for n in range(6)
    ]
    first = get(client, "/releases", limit=2)
    PressReleaseFactory(published_at=timezone.now())  # newer than the walk's start
    rest = walk_from(client, first["next"])
    seen = [item["slug"] for item in first["items"]] + rest
    assert seen == [r.slug for r in releases]


def walk_from(client, url) -> list:
    found = []
    while url:
        body = client.get(url).json()
        found += [item["slug"] for item in body["items"]]
        url = body["next"]
    return found


def test_filters_and_language_stay_on_every_page(client):
    trip = VisitFactory()
    mine = [PressReleaseFactory(visit=trip, title_ko=f"보도 {n}") for n in range(5)]
    PressReleaseFactory()  # another trip's
    body = get(client, "/releases", limit=2, trip=trip.slug, lang="ko")
    assert "trip=" in body["next"] and "lang=ko" in body["next"]
    found = walk(client, "/releases", "slug", limit=2, trip=trip.slug, lang="ko")
    assert sorted(found) == sorted(r.slug for r in mine)


@pytest.mark.parametrize(
    ("path", "key", "make"),
    [
        ("/trips", "slug", lambda n: VisitFactory()),
        ("/coverage", "id", lambda n: CoverageFactory()),
        ("/photos", "id", lambda n: PhotoFactory()),
        ("/topics", "slug", lambda n: PressReleaseFactory(topics=[TopicFactory()]).topics.get()),
    ],
)
def test_every_list_walks_every_item_once(client, path, key, make):
    items = [make(n) for n in range(5)]
    found = walk(client, path, key, limit=2)
    assert sorted(found) == sorted(getattr(i, key if key != "id" else "pk") for i in items)
    assert len(found) == len(set(found))


def test_outlets_walk(client):
    items = [CoverageFactory().outlet for _ in range(5)]
    assert walk(client, "/outlets", "slug", limit=2) == [o.slug for o in items]


# --- constant query counts ----------------------------------------------------------------


def queries(client, url) -> int:
    """The queries of a GET of ``url`` (asked once before, as a reader before it would:
    what is read once per process is not counted)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def populate(count: int):
    """``count`` of everything, each with what the answers show."""
    made = []
    for _ in range(count):
        trip = VisitFactory(official=PersonFactory())
        legs = [LegFactory(visit=trip, order=n) for n in (1, 2)]
        events = [EngagementFactory(leg=leg, people=[PersonFactory()]) for leg in legs]
        photos = [PhotoFactory(visit=trip) for _ in range(2)]
        topics = [TopicFactory(), TopicFactory()]
        release = PressReleaseFactory(
            visit=trip, topics=topics, engagements=events, photos=photos, title_ko="보도"
        )
        coverage = CoverageFactory(visit=trip, engagements=events[:1], releases=[release])
        made.append((trip, release, coverage, photos[0], topics[0]))
    return made


def urls(made) -> dict[str, str]:
    trip, release, coverage, photo, topic = made[0]
    return {
        "releases": "/releases",
        "releases filtered": f"/releases?trip={trip.slug}&topic={topic.slug}&language=ko",
        "release": f"/releases/{release.slug}",
        "trips": "/trips",
        "trip": f"/trips/{trip.slug}",
        "coverage list": "/coverage",
        "coverage list filtered": f"/coverage?trip={trip.slug}&date_after=2024-01-01",
        "coverage": f"/coverage/{coverage.pk}",
        "photos": "/photos",
        "photo": f"/photos/{photo.pk}",
        "topics": "/topics",
        "topic": f"/topics/{topic.slug}",
        "outlets": "/outlets",
        "outlet": f"/outlets/{coverage.outlet.slug}",
    }


#: The queries of each endpoint, whatever the number of items: the items, then one per
#: relation shown (topics, gallery, legs, events, people, organisations, releases); a
#: filter adds the check of its value (a public trip, a public topic).
EXPECTED = {
    "releases": 3,
    "releases filtered": 6,
    "release": 4,
    "trips": 5,
    "trip": 5,
    "coverage list": 2,
    "coverage list filtered": 4,
    "coverage": 2,
    "photos": 1,
    "photo": 1,
    "topics": 1,
    "topic": 1,
    "outlets": 1,
    "outlet": 1,
}


def test_query_counts_do_not_grow_with_the_items(client):
    one = {name: queries(client, f"{API}{url}") for name, url in urls(populate(1)).items()}
    made = populate(6)
    many = {name: queries(client, f"{API}{url}") for name, url in urls(made).items()}
    assert one == EXPECTED
    assert many == EXPECTED
    # Every list's page is full of items with everything they show.
    assert len(get(client, "/releases")["items"]) == 7
