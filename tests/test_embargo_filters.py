"""The lists' filters by event and city are doors too (press/event_filters.py): nothing of a
trip or release still under embargo shows through them before its minute, and all of it
does at the minute, with no save."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    PressReleaseFactory,
    VisitFactory,
)
from tests.test_pages import fetch, rev

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
MINUTE = datetime(2026, 3, 2, 10, 0, tzinfo=SEOUL)
SECRET = "Embargoed"


@pytest.fixture
def embargo():
    with time_machine.travel(MINUTE - timedelta(days=1), tick=False):
        city = CityFactory(name_en=f"{SECRET} city", slug="hidden-city", country="NO")
        trip = VisitFactory(
            scheduled=True,
            published_at=MINUTE,
            slug="hidden-trip",
            title_en=f"{SECRET} trip",
            start_date=date(2026, 3, 5),
        )
        event = EngagementFactory(
            leg=LegFactory(visit=trip, city=city, order=1), title_en=f"{SECRET} event"
        )
        public = VisitFactory(slug="open", legs=1, title_en="Open trip")
        meeting = EngagementFactory(leg=public.legs.get(), title_en="Open meeting")
        release = PressReleaseFactory(visit=trip, scheduled=True, published_at=MINUTE)
        release.engagements.add(event)
        later = PressReleaseFactory(
            visit=public, scheduled=True, published_at=MINUTE, title_en=f"{SECRET} release"
        )
        later.engagements.add(meeting)
        article = CoverageFactory(
            visit=trip,
            engagements=[event],
            headline=f"{SECRET} article",
            scheduled=True,
            published_at=MINUTE,
        )
    return {
        "event": event,
        "meeting": meeting,
        "release": release,
        "later": later,
        "article": article,
    }


def doors(w):
    return [
        f"{rev(name)}?{query}"
        for name in ("press:release_list", "press:coverage_list")
        for query in (
            f"event={w['event'].pk}",
            f"trip=hidden-trip&event={w['event'].pk}",
            "city=hidden-city",
            f"event={w['meeting'].pk}",
            "",
        )
    ]


def test_nothing_shows_through_the_filters_before_the_minute(client, embargo):
    with time_machine.travel(MINUTE - timedelta(minutes=1), tick=False):
        for address in doors(embargo):
            page = fetch(client, address)
            assert SECRET not in page.html, address
            assert embargo["release"].slug not in page.html
        events = fetch(client, f"{rev('press:release_list')}?trip=open").html
        assert embargo["later"].slug not in events


def test_everything_shows_at_the_minute(client, embargo):
    with time_machine.travel(MINUTE + timedelta(seconds=1), tick=False):
        page = fetch(client, f"{rev('press:release_list')}?city=hidden-city")
        assert page.slugs("/en/releases/") == {embargo["release"].slug}
        assert f"{SECRET} city" in page.html  # in the city menu
        page = fetch(client, f"{rev('press:coverage_list')}?trip=hidden-trip")
        assert f"{SECRET} event" in page.html  # in the event menu
        page = fetch(client, f"{rev('press:coverage_list')}?event={embargo['event'].pk}")
        assert page.slugs("/en/coverage/") == {str(embargo["article"].pk)}
        page = fetch(client, f"{rev('press:release_list')}?event={embargo['meeting'].pk}")
        assert page.slugs("/en/releases/") == {embargo["later"].slug}
