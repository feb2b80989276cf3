"""Embargoes through the event pages, with the clock frozen around them.

A trip scheduled for 10:00 in Seoul: at 09:59 its events' pages are 404 in every
language, the sitemap does not list them and no public page links them; at 10:00 they
all answer, with nothing saved in between. A release scheduled on a public trip's event
is not on the event's page (nor counted on the trip page) before its minute, and is
after it, through the read model's rows built before the minute.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.factories import EngagementFactory, PressReleaseFactory, VisitFactory
from tests.test_embargo import AT, BEFORE, frozen
from tests.test_pages import LANGUAGES, fetch, seoul, url_of
from visits.publishing import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        w.trip = VisitFactory(legs=1, status=Status.SCHEDULED, published_at=AT)
        w.event = EngagementFactory(leg=w.trip.legs.get(), title_en="Drone taxi test flight")
        w.public_trip = VisitFactory(legs=1, title_en="A public trip")
        w.public_event = EngagementFactory(
            leg=w.public_trip.legs.get(), title_en="Visit to the river", start_time=dt.time(9)
        )
        w.release = PressReleaseFactory(
            visit=w.public_trip,
            engagements=[w.public_event],
            status=Status.SCHEDULED,
            published_at=AT,
            title_en="Embargoed drone taxis",
        )
    return w


def sitemap(client) -> str:
    return client.get("/sitemap-events.xml").content.decode()


class TestAScheduledTrip:
    def test_its_events_are_nowhere_before_the_minute_and_everywhere_at_it(
        self, client, public_client, world
    ):
        with frozen(BEFORE):
            for lang in LANGUAGES:
                assert client.get(url_of(world.event, lang)).status_code == 404
            assert url_of(world.event) not in sitemap(public_client)
            assert not fetch(client, url_of(world.public_event)).links_to(url_of(world.event))
        with frozen(AT):
            for lang in LANGUAGES:
                page = fetch(client, url_of(world.event, lang))
                assert "Drone taxi test flight" in page.html
            assert url_of(world.event) in sitemap(public_client)
            assert fetch(client, url_of(world.trip)).links_to(url_of(world.event))


class TestAScheduledRelease:
    def test_joins_the_events_page_and_counts_at_its_minute(self, client, world):
        event_url, trip_url = url_of(world.public_event), url_of(world.public_trip)
        with frozen(BEFORE):
            page = fetch(client, event_url)  # the row is built now, before the minute
            assert "Embargoed drone taxis" not in page.html
            assert not page.links_to(url_of(world.release))
            assert "1 release" not in fetch(client, trip_url).html
        with frozen(AT):
            page = fetch(client, event_url)
            assert page.links_to(url_of(world.release))
            assert "1 release" in fetch(client, trip_url).html
