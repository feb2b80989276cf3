"""Trip calendars (visits/calendars.py) as a journalist's calendar program reads them,
parsed back by a real iCalendar parser (the ``icalendar`` package): the file's header,
one all-day event per trip, an event per engagement at its local time with the time zone
defined in the file (or all day when no time is known), UIDs that survive edits, text in
the reader's language, which trips the calendar of all trips holds, and constant queries.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from tests.factories import (
    CityFactory,
    EngagementFactory,
    LegFactory,
    PersonFactory,
    PlaceFactory,
    VisitFactory,
)
from tests.test_page_cache import no_page_query, page_cache, saved  # noqa: F401
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, rev, seoul, url_of
from visits.calendars import RECENT_DAYS
from visits.models import Engagement

pytestmark = pytest.mark.django_db

#: The present of these tests: a trip to Paris and Beijing is three weeks away.
NOW = seoul(2024, 10, 1, 9, 0)
SECRET = "SECRET"


def frozen(moment=NOW):
    return time_machine.travel(moment, tick=False)


@pytest.fixture(autouse=True)
def _now():
    with frozen():
        yield


def build_world():
    w = SimpleNamespace()
    with frozen():
        paris = CityFactory(name_en="Paris", name_ko="파리", country="FR", time_zone="Europe/Paris")
        beijing = CityFactory(
            name_en="Beijing", name_ko="베이징", country="CN", time_zone="Asia/Shanghai"
        )
        w.trip = VisitFactory(
            title_en="Mayor Oh in Paris and Beijing",
            title_ko="오세훈 시장 파리·베이징 순방",
            start_date=date(2024, 10, 20),
            end_date=date(2024, 10, 26),
        )
        w.paris = LegFactory(
            visit=w.trip, city=paris, start_date=date(2024, 10, 20), end_date=date(2024, 10, 23)
        )
        w.beijing = LegFactory(
            visit=w.trip, city=beijing, start_date=date(2024, 10, 24), end_date=date(2024, 10, 26)
        )
        w.station = PlaceFactory(
            city=paris,
            name_en="Station F",
            name_ko="스테이션 F",
            latitude=Decimal("48.834"),
            longitude=Decimal("2.370"),
        )
        w.meeting = EngagementFactory(
            leg=w.paris,
            date=date(2024, 10, 21),
            start_time=time(10, 0),
            kind=Engagement.Kind.MEETING,
            title_en="Start-ups at Station F",
            title_ko="스테이션 F 스타트업 간담회",
            description_en="The mayor meets founders of Seoul start-ups in Paris.",
            place=w.station,
            people=[PersonFactory(name_en="Roxanne Varza")],
        )
        w.talks = EngagementFactory(
            leg=w.beijing,
            date=date(2024, 10, 24),
            start_time=time(15, 30),
            title_en="Talks with the mayor of Beijing",
            title_ko="베이징 시장 회담",
        )
        # English only, no time, of no particular kind.
        w.tour = EngagementFactory(
            leg=w.beijing, date=date(2024, 10, 25), kind=Engagement.Kind.OTHER, title_en="Hutongs"
        )
        since = NOW.date() - timedelta(days=RECENT_DAYS)
        w.recent = VisitFactory(
            title_en="Recent trip", start_date=since - timedelta(days=5), end_date=since, legs=1
        )
        w.old = VisitFactory(
            title_en="Old trip",
            start_date=since - timedelta(days=6),
            end_date=since - timedelta(days=1),
            legs=1,
        )
        w.draft = VisitFactory(
            draft=True, title_en=f"{SECRET} trip", start_date=date(2024, 11, 4), legs=1
        )
        EngagementFactory(leg=w.draft.legs.get(), title_en=f"{SECRET} meeting")
        w.scheduled = VisitFactory(
            scheduled=True,
            published_at=NOW + timedelta(days=30),
            title_en=f"{SECRET} scheduled trip",
            start_date=date(2024, 11, 20),
        )
    return w


world = class_data("world", build_world)


def read_calendar(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('.ics"')
    assert SECRET not in response.content.decode()
    return Calendar.from_ical(response.content)


def trip_calendar(client, trip, lang="en") -> Calendar:
    return read_calendar(client, rev("visits:visit_calendar", lang, slug=trip.slug))


def events(calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.events}


def uid(obj) -> str:
    return f"{obj._meta.model_name}-{obj.pk}@testserver"


class TestTripCalendar:
    def test_is_a_publishing_calendar_named_in_the_readers_language(self, client, world):
        for lang in LANGUAGES:
            calendar = trip_calendar(client, world.trip, lang)
            assert calendar["VERSION"] == "2.0"
            assert calendar["PRODID"].startswith("-//Pressroom//")
            assert calendar["CALSCALE"] == "GREGORIAN"
            assert calendar["METHOD"] == "PUBLISH"
            assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
            assert calendar["X-PUBLISHED-TTL"] == "PT6H"
            # Chinese and Japanese fall back to English, as every page does.
            title = world.trip.title_ko if lang == "ko" else world.trip.title_en
            with translation.override(lang):
                assert calendar["X-WR-CALNAME"] == f"{title} · {gettext('Seoul Newsroom')}"

    def test_has_the_trip_and_each_engagement(self, client, world):
        found = events(trip_calendar(client, world.trip))
        assert set(found) == {uid(world.trip), *map(uid, (world.meeting, world.talks, world.tour))}

    def test_the_trip_is_all_day_with_an_exclusive_end(self, client, world):
        trip = events(trip_calendar(client, world.trip))[uid(world.trip)]
        assert type(trip.start) is date and type(trip.end) is date
        assert trip.start == date(2024, 10, 20)
        assert trip.end == date(2024, 10, 27)
        assert trip["DTSTART"].params.get("VALUE") == "DATE"
        assert str(trip["SUMMARY"]) == "Mayor Oh in Paris and Beijing"
        assert str(trip["URL"]) == f"http://testserver{url_of(world.trip)}"
        assert "Paris" in str(trip["LOCATION"]) and "Beijing" in str(trip["LOCATION"])

    def test_a_timed_engagement_starts_at_local_time_in_its_citys_zone(self, client, world):
        calendar = trip_calendar(client, world.trip)
        found = events(calendar)
        meeting, talks = found[uid(world.meeting)], found[uid(world.talks)]
        assert isinstance(meeting.start, datetime)
        assert meeting["DTSTART"].params["TZID"] == "Europe/Paris"
        assert talks["DTSTART"].params["TZID"] == "Asia/Shanghai"
        # 10:00 in Paris in October is 08:00 UTC (CEST); 15:30 in Beijing is 07:30 UTC.
        assert meeting.start.astimezone(UTC) == datetime(2024, 10, 21, 8, 0, tzinfo=UTC)
        assert talks.start.astimezone(UTC) == datetime(2024, 10, 24, 7, 30, tzinfo=UTC)
        # No end time is known: none is made up (RFC 5545: it ends when it starts).
        assert "DTEND" not in meeting and "DURATION" not in meeting

    def test_every_zone_used_is_defined_in_the_file(self, client, world):
        calendar = trip_calendar(client, world.trip)
        assert calendar.get_used_tzids() == {"Europe/Paris", "Asia/Shanghai"}
        assert {str(zone["TZID"]) for zone in calendar.timezones} == {
            "Europe/Paris",
            "Asia/Shanghai",
        }
        assert calendar.get_missing_tzids() == set()
        # The file's own definition gives the right offsets, summer and winter time alike.
        (paris,) = [zone for zone in calendar.timezones if zone["TZID"] == "Europe/Paris"]
        zone = paris.to_tz()
        assert datetime(2024, 10, 21, 10, tzinfo=zone).utcoffset() == timedelta(hours=2)
        assert datetime(2024, 10, 28, 10, tzinfo=zone).utcoffset() == timedelta(hours=1)

    def test_an_engagement_without_a_time_is_all_day(self, client, world):
        tour = events(trip_calendar(client, world.trip))[uid(world.tour)]
        assert type(tour.start) is date and type(tour.end) is date
        assert (tour.start, tour.end) == (date(2024, 10, 25), date(2024, 10, 26))

    def test_an_engagement_says_where_and_whom_and_links_to_its_page(self, client, world):
        meeting = events(trip_calendar(client, world.trip))[uid(world.meeting)]
        assert str(meeting["SUMMARY"]) == "Start-ups at Station F"
        assert str(meeting["LOCATION"]) == "Station F, Paris, France"
        assert meeting["GEO"].latitude == pytest.approx(48.834)
        description = str(meeting["DESCRIPTION"])
        assert "founders of Seoul start-ups" in description
        assert "Roxanne Varza" in description
        assert world.trip.title_en in description
        assert str(meeting["URL"]) == f"http://testserver{world.meeting.get_absolute_url()}"
        assert meeting.categories == ["Meeting"]

    def test_the_kind_other_is_not_shown(self, client, world):
        tour = events(trip_calendar(client, world.trip))[uid(world.tour)]
        assert "CATEGORIES" not in tour

    def test_text_is_in_the_readers_language_and_says_when_it_falls_back(self, client, world):
        found = events(trip_calendar(client, world.trip, "ko"))
        trip, meeting, tour = (found[uid(o)] for o in (world.trip, world.meeting, world.tour))
        assert str(trip["SUMMARY"]) == "오세훈 시장 파리·베이징 순방"
        assert "LANGUAGE" not in trip["SUMMARY"].params
        assert str(meeting["SUMMARY"]) == "스테이션 F 스타트업 간담회"
        assert str(meeting["LOCATION"]) == "스테이션 F, 파리, 프랑스"
        with translation.override("ko"):
            assert meeting.categories == [str(Engagement.Kind.MEETING.label)]
            assert gettext("Trip: %(trip)s") % {"trip": trip["SUMMARY"]} in str(
                meeting["DESCRIPTION"]
            )
        assert meeting.categories != ["Meeting"]
        assert str(tour["SUMMARY"]) == "Hutongs"
        assert tour["SUMMARY"].params["LANGUAGE"] == "en"
        assert str(meeting["URL"]).startswith("http://testserver/ko/trips/")

    def test_uids_are_the_same_in_every_language_and_after_edits(self, client, world):
        before = set(events(trip_calendar(client, world.trip)))
        for lang in LANGUAGES:
            assert set(events(trip_calendar(client, world.trip, lang))) == before
        world.meeting.title_en = "Start-ups and investors at Station F"
        world.meeting.start_time = time(11, 0)
        world.meeting.save()
        world.trip.title_en = "Mayor Oh in Europe and China"
        world.trip.save()
        after = events(trip_calendar(client, world.trip))
        assert set(after) == before
        assert str(after[uid(world.meeting)]["SUMMARY"]) == "Start-ups and investors at Station F"

    def test_is_stamped_with_the_trips_last_change(self, client, world):
        for event in trip_calendar(client, world.trip).events:
            assert event.stamp == world.trip.updated_at
            assert event.last_modified == world.trip.updated_at

    @pytest.mark.parametrize("name", ["draft", "scheduled"])
    def test_an_unpublished_trip_has_no_calendar(self, client, world, name):
        for lang in LANGUAGES:
            url = rev("visits:visit_calendar", lang, slug=getattr(world, name).slug)
            assert client.get(url).status_code == 404

    def test_an_unknown_trip_has_no_calendar(self, client, world):
        assert client.get(rev("visits:visit_calendar", slug="no-such-trip")).status_code == 404

    def test_only_get_and_head(self, client, world):
        url = rev("visits:visit_calendar", slug=world.trip.slug)
        assert client.head(url).status_code == 200
        assert client.post(url).status_code == 405

    def test_the_trip_page_links_to_it(self, client, world):
        for lang in LANGUAGES:
            page = fetch(client, url_of(world.trip, lang))
            assert page.links_to(rev("visits:visit_calendar", lang, slug=world.trip.slug))


class TestAllTrips:
    def test_holds_upcoming_and_recent_trips_with_their_engagements(self, client, world):
        found = events(read_calendar(client, rev("visits:calendar")))
        expected = {
            uid(world.trip),
            *map(uid, (world.meeting, world.talks, world.tour)),
            uid(world.recent),
        }
        assert set(found) == expected

    def test_a_trip_leaves_it_when_its_recent_days_are_over(self, client, world):
        with frozen(NOW + timedelta(days=1)):
            found = events(read_calendar(client, rev("visits:calendar")))
        assert uid(world.recent) not in found and uid(world.trip) in found

    def test_never_holds_an_unpublished_trip(self, client, world):
        for lang in LANGUAGES:
            found = events(read_calendar(client, rev("visits:calendar", lang)))
            assert uid(world.draft) not in found and uid(world.scheduled) not in found

    def test_is_named_in_the_readers_language(self, client, world):
        for lang in LANGUAGES:
            calendar = read_calendar(client, rev("visits:calendar", lang))
            with translation.override(lang):
                assert (
                    calendar["X-WR-CALNAME"] == f"{gettext('Trips')} · {gettext('Seoul Newsroom')}"
                )
            assert calendar.get_missing_tzids() == set()

    def test_the_trip_list_links_to_it(self, client, world):
        for lang in LANGUAGES:
            assert fetch(client, rev("visits:visit_list", lang)).links_to(
                rev("visits:calendar", lang)
            )


# --- queries -------------------------------------------------------------------------------


def trip_with(engagements: int):
    with frozen():
        trip = VisitFactory(start_date=date(2024, 10, 20), legs=1)
        leg = trip.legs.get()
        for n in range(engagements):
            EngagementFactory(
                leg=leg,
                start_time=time(9 + n % 8),
                place=PlaceFactory(city=leg.city, parent=PlaceFactory(city=leg.city)),
                people=[PersonFactory()],
            )
    return trip


def queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(QUERY_BUDGET), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    Calendar.from_ical(response.content)
    return len(ctx)


def test_a_trips_calendar_costs_the_same_however_many_engagements(
    client, django_assert_max_num_queries
):
    one, many = trip_with(1), trip_with(12)
    assert queries(
        client, rev("visits:visit_calendar", slug=one.slug), django_assert_max_num_queries
    ) == queries(
        client, rev("visits:visit_calendar", slug=many.slug), django_assert_max_num_queries
    )


def test_the_calendar_of_all_trips_costs_the_same_however_many_trips(
    client, django_assert_max_num_queries
):
    trip_with(2)
    one = queries(client, rev("visits:calendar"), django_assert_max_num_queries)
    for _ in range(4):
        trip_with(3)
    assert len(events(read_calendar(client, rev("visits:calendar")))) == 5 * 1 + 2 + 4 * 3
    assert queries(client, rev("visits:calendar"), django_assert_max_num_queries) == one


# --- the page cache ------------------------------------------------------------------------


@pytest.mark.usefixtures("page_cache")
def test_the_page_cache_keeps_a_calendar_until_its_trip_changes(
    client, django_capture_on_commit_callbacks
):
    trip = trip_with(1)
    engagement = trip.engagements.get()
    for url in (rev("visits:visit_calendar", slug=trip.slug), rev("visits:calendar")):
        first = client.get(url)
        with no_page_query():
            second = client.get(url)
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == "text/calendar; charset=utf-8"

    def retitle():
        engagement.title_en = "Moved to the city hall"
        engagement.save()

    saved(django_capture_on_commit_callbacks, retitle)
    for url in (rev("visits:visit_calendar", slug=trip.slug), rev("visits:calendar")):
        (event,) = [e for e in read_calendar(client, url).events if e["UID"] == uid(engagement)]
        assert str(event["SUMMARY"]) == "Moved to the city hall"
