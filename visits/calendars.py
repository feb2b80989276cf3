"""Trips and their engagements as iCalendar files (RFC 5545), for a journalist's calendar.

Two files per language: every upcoming and recent public trip (`RECENT_DAYS`) with its
engagements, ``/<lang>/calendar.ics``, and one trip with its engagements,
``/<lang>/trips/<slug>/calendar.ics``. A trip is an all-day event over its dates; an
engagement starts at its time in its leg's city, in that city's zone (a VTIMEZONE for
every zone used, made from the zone database), or is an all-day event when no time is
known. An engagement has no end time in the data, so none is invented: by RFC 5545 an
event with a start time and no end ends when it starts.

Text is in the reader's language with the site's fallback; a property whose text falls
back carries the language it is in (``LANGUAGE=``). UIDs name the row and the site's
host (``engagement-12@press.example.org``), so an edit updates the event in a subscribed
calendar instead of adding one; they are the same in every language, as the event is.
Only trips through `published()` and their engagements are ever read. Served through the
page cache like any public page (`visits.urls`). Imports nothing of `press`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.views import View
from icalendar import Calendar, Event, vDuration

from .models import Engagement, Leg, Visit
from .text import translated_field

#: A trip is "recent", and stays in the calendar of all trips, this many days after it ends.
RECENT_DAYS = 90
#: Who made the file (RFC 5545 PRODID): the software, and the language of its text.
PRODUCT = "-//Pressroom//Trip calendar//{language}"
#: How often a calendar program that subscribed should read the file again (RFC 7986's
#: REFRESH-INTERVAL; X-PUBLISHED-TTL for Outlook and Apple's Calendar).
REFRESH = timedelta(hours=6)


def trips_queryset():
    """Public trips with what their events show, in a fixed number of queries."""
    return (
        Visit.objects.published()
        .select_related("official")
        .prefetch_related(Prefetch("legs", queryset=Leg.objects.select_related("city")))
    )


def engagements_of(trip_ids) -> list[Engagement]:
    """The engagements of these (public) trips with their place, city and who was met."""
    return list(
        Engagement.objects.filter(visit_id__in=trip_ids)
        .select_related("place__city", "place__parent", "leg__city")
        .prefetch_related("people", "organizations")
        .order_by("date", "start_time", "pk")
    )


def text(obj, field: str) -> tuple[str, str | None]:
    """(what the reader sees of ``field``, the language it is in when it falls back)."""
    value = translated_field(obj, field)
    return value.text, (value.lang if value.is_fallback else None)


def add_text(component, name: str, value: str, language: str | None = None) -> None:
    if value:
        component.add(name, value, parameters={"LANGUAGE": language} if language else None)


def zone_of(leg) -> ZoneInfo | None:
    try:
        return ZoneInfo(leg.city.time_zone)
    except (ZoneInfoNotFoundError, ValueError):  # a restored row with an unknown zone
        return None


def names(rows, field: str = "name") -> str:
    return ", ".join(filter(None, (translated_field(row, field).text for row in rows)))


def location_of(engagement) -> str:
    """Where it happens, as a reader would write it on an envelope: the place, the place
    it lies in, the city, the country."""
    place, city = engagement.place, engagement.leg.city
    parts = []
    if place is not None:
        parts.append(translated_field(place, "name").text)
        if place.parent is not None:
            parts.append(translated_field(place.parent, "name").text)
    parts += [translated_field(city, "name").text, str(city.country.name)]
    return ", ".join(dict.fromkeys(filter(None, parts)))


def stamped(event, visit) -> None:
    """DTSTAMP and LAST-MODIFIED from the trip's last save (with its legs and engagements):
    the file changes only when the trip does, so caches and validators hold."""
    event.add("dtstamp", visit.updated_at)
    event.add("last-modified", visit.updated_at)


class CalendarWriter:
    """One calendar file: its header, then events added trip by trip (`add_trip`)."""

    def __init__(self, request, name: str):
        self.request = request
        self.host = split_domain_port(request.get_host())[0] or "localhost"
        language = get_language()
        self.calendar = Calendar.new(
            prodid=PRODUCT.format(language=language.upper()),
            calscale="GREGORIAN",
            method="PUBLISH",
            name=name,
            uid=f"calendar-{request.path.strip('/').replace('/', '-')}@{self.host}",
        )
        self.calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        self.calendar.add("x-published-ttl", vDuration(REFRESH))
        self.days: list[date] = []

    def uid(self, obj) -> str:
        return f"{obj._meta.model_name}-{obj.pk}@{self.host}"

    def url(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def add_trip(self, visit, engagements) -> None:
        self.calendar.add_component(self.trip_event(visit))
        for engagement in engagements:
            engagement.visit = visit  # its address names the trip: no query per event
            self.calendar.add_component(self.engagement_event(visit, engagement))

    def trip_event(self, visit) -> Event:
        event = Event()
        event.add("uid", self.uid(visit))
        stamped(event, visit)
        event.add("dtstart", visit.start_date)
        event.add("dtend", visit.end_date + timedelta(days=1))  # exclusive, per RFC 5545
        event.add("transp", "TRANSPARENT")
        add_text(event, "summary", *text(visit, "title"))
        legs = list(visit.legs.all())
        lines = [text(visit, "summary")[0]]
        official = translated_field(visit.official, "name").text
        if official:
            lines.append(gettext("Led by %(official)s") % {"official": official})
        for leg in legs:
            lines.append(
                f"{translated_field(leg.city, 'name').text} ({leg.city.country.name}): "
                f"{date_format(leg.start_date)} \N{EN DASH} {date_format(leg.end_date)}"
            )
        add_text(event, "description", "\n".join(filter(None, lines)))
        cities = (translated_field(leg.city, "name").text for leg in legs)
        add_text(event, "location", " \N{RIGHTWARDS ARROW} ".join(filter(None, cities)))
        event.add("url", self.url(visit.get_absolute_url()))
        self.days += [visit.start_date, visit.end_date]
        return event

    def engagement_event(self, visit, engagement) -> Event:
        event = Event()
        event.add("uid", self.uid(engagement))
        stamped(event, visit)
        zone = zone_of(engagement.leg) if engagement.start_time is not None else None
        if zone is not None:
            event.add("dtstart", datetime.combine(engagement.date, engagement.start_time, zone))
        else:
            event.add("dtstart", engagement.date)
            event.add("dtend", engagement.date + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        add_text(event, "summary", *text(engagement, "title"))
        # The description's lines may each fall back to another language: no LANGUAGE.
        lines = [text(engagement, "description")[0]]
        met = names([*engagement.people.all(), *engagement.organizations.all()])
        if met:
            lines.append(gettext("Met: %(names)s") % {"names": met})
        lines.append(gettext("Trip: %(trip)s") % {"trip": text(visit, "title")[0]})
        add_text(event, "description", "\n".join(filter(None, lines)))
        add_text(event, "location", location_of(engagement))
        place = engagement.place
        if place is not None and place.latitude is not None and place.longitude is not None:
            event.add("geo", (float(place.latitude), float(place.longitude)))
        if engagement.kind != Engagement.Kind.OTHER:
            event.add("categories", [str(engagement.get_kind_display())])
        event.add("url", self.url(engagement.get_absolute_url()))
        self.days.append(engagement.date)
        return event

    def to_ical(self) -> bytes:
        """The file, with a VTIMEZONE for each zone its events use, covering their years."""
        if self.days:
            first, last = min(self.days), max(self.days)
            self.calendar.add_missing_timezones(
                first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 12, 31)
            )
        return self.calendar.to_ical()


def ics_response(writer: CalendarWriter, filename: str) -> HttpResponse:
    response = HttpResponse(writer.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class TripsCalendarView(View):
    """Every public trip that is under way, to come, or ended in the last `RECENT_DAYS`
    days (in the newsroom's time zone: the page cache's horizon turns at its midnight),
    with the engagements of each."""

    http_method_names = ["get", "head"]

    def get(self, request):
        since = timezone.localdate() - timedelta(days=RECENT_DAYS)
        trips = list(trips_queryset().filter(end_date__gte=since).order_by("start_date", "pk"))
        by_trip: dict[int, list] = {trip.pk: [] for trip in trips}
        for engagement in engagements_of(list(by_trip)):
            by_trip[engagement.visit_id].append(engagement)
        name = f"{gettext('Trips')} · {gettext('Seoul Newsroom')}"
        writer = CalendarWriter(request, name)
        for trip in trips:
            writer.add_trip(trip, by_trip[trip.pk])
        return ics_response(writer, f"trips-{get_language()}.ics")


class TripCalendarView(View):
    """One public trip and its engagements; a 404 for any other slug."""

    http_method_names = ["get", "head"]

    def get(self, request, slug):
        trip = trips_queryset().filter(slug=slug).first()
        if trip is None:
            raise Http404
        title = translated_field(trip, "title").text
        writer = CalendarWriter(request, f"{title} · {gettext('Seoul Newsroom')}")
        writer.add_trip(trip, engagements_of([trip.pk]))
        return ics_response(writer, f"{trip.slug}-{get_language()}.ics")
