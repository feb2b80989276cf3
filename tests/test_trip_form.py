"""A trip's form for the day's work (issue 22): its events as a compact table, each
opening its own form that comes back to the trip; its legs still edited in place; one
notice about the time zone per form instead of one under every date and time field."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from visits.models import Engagement
from visits.trip_events import TRIP_FILTER

from .factories import (
    CityFactory,
    EngagementFactory,
    PlaceFactory,
    PressReleaseFactory,
    VisitFactory,
    assign_languages,
)
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db


def trip_with_events(count: int, legs: int = 2):
    trip = VisitFactory(legs=legs)
    all_legs = list(trip.legs.order_by("order"))
    for n in range(count):
        leg = all_legs[n % legs]
        EngagementFactory(
            leg=leg,
            title_en=f"Event number {n}",
            start_time=datetime.time(9 + n % 8, 30),
            place=PlaceFactory(name_en=f"Place number {n}"),
        )
    return trip


def trip_url(trip, language="en"):
    return admin_url("visits", "visit", "change", trip.pk, language=language)


def event_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="trip-event">(.*?)</tr>', html, re.S)


def event_links(html: str) -> list[str]:
    """The addresses the events table links to, unescaped."""
    section = html.split('id="trip-events"', 1)[1]
    return [link.replace("&amp;", "&") for link in re.findall(r'href="([^"]+)"', section)]


# --- the table ----------------------------------------------------------------------------


def test_each_event_is_one_row_with_its_date_time_kind_title_place_and_link(admin_client):
    trip = VisitFactory(legs=1)
    event = EngagementFactory(
        leg=trip.legs.get(),
        title_en="Talks at city hall",
        start_time=datetime.time(14, 30),
        kind=Engagement.Kind.MEETING,
        place=PlaceFactory(name_en="Hôtel de Ville"),
    )

    html = admin_client.get(trip_url(trip)).content.decode()

    rows = event_rows(html)
    assert len(rows) == 1
    row = rows[0]
    assert "Talks at city hall" in row
    assert "Meeting" in row
    assert escape("Hôtel de Ville") in row
    assert "14:30" in row
    assert f"{event.date:%d}" in row
    link = admin_url("visits", "engagement", "change", event.pk)
    assert f'href="{link}?' in row
    assert html.count("Talks at city hall") == 1
    assert "1 event" in html


def test_the_form_has_no_inline_events_any_more(admin_client):
    trip = trip_with_events(3)
    html = admin_client.get(trip_url(trip)).content.decode()
    assert "engagements-TOTAL_FORMS" not in html
    assert 'name="engagements-0-title_en"' not in html
    assert len(event_rows(html)) == 3


def test_titles_are_in_the_editors_language_else_marked_with_their_own(admin_client):
    trip = VisitFactory(legs=1)
    leg = trip.legs.get()
    EngagementFactory(leg=leg, title_en="Site visit", title_ko="현장 방문")
    EngagementFactory(leg=leg, title_en="Only in English")

    html = admin_client.get(trip_url(trip, language="ko")).content.decode()

    rows = event_rows(html)
    assert "현장 방문" in rows[0] and "Site visit" not in rows[0]
    assert re.search(r'lang="en"[^>]*>Only in English<', rows[1])


def test_the_query_count_does_not_grow_with_the_events(admin_client):
    def queries(trip):
        admin_client.get(trip_url(trip))  # sessions, permissions, content types
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(trip_url(trip))
        assert response.status_code == 200
        return len(captured)

    # Two legs each: every leg's city autocomplete reads its city (Django's widget).
    small, large = trip_with_events(2), trip_with_events(14)
    assert queries(small) == queries(large)


# --- the event's own form and the way back --------------------------------------------------


def test_an_event_opened_from_its_trip_comes_back_to_it_after_saving(admin_client):
    trip = trip_with_events(2)
    html = admin_client.get(trip_url(trip)).content.decode()
    event_url = next(
        url for url in event_links(html) if "/engagement/" in url and "/change/" in url
    )
    response = admin_client.get(event_url)
    page = response.content.decode()
    assert f'href="{trip_url(trip)}"' in page.split('class="breadcrumbs"', 1)[1].split("</div>")[0]
    assert "Back to the trip" in page

    data = post_data(response)
    data["title_ja"] = "会談"
    response = admin_client.post(event_url, data)

    assert response.status_code == 302, messages_in(response)
    assert response["Location"] == trip_url(trip)
    assert Engagement.objects.filter(visit=trip, title_ja="会談").exists()


def test_save_and_continue_keeps_the_way_back(admin_client):
    trip = trip_with_events(1)
    event = trip.engagements.get()
    url = next(
        u for u in event_links(admin_client.get(trip_url(trip)).content.decode()) if "/change/" in u
    )
    data = post_data(admin_client.get(url))
    data["_continue"] = "1"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == admin_url("visits", "engagement", "change", event.pk)
    filters = parse_qs(parse_qs(location.query)["_changelist_filters"][0])
    assert filters == {TRIP_FILTER: [str(trip.pk)]}


def test_an_event_deleted_from_its_trip_comes_back_to_the_trip(admin_client):
    trip = trip_with_events(2)
    url = next(
        u for u in event_links(admin_client.get(trip_url(trip)).content.decode()) if "/change/" in u
    )
    delete_url = url.replace("/change/", "/delete/")

    response = admin_client.post(delete_url, {"post": "yes"})

    assert response.status_code == 302
    assert response["Location"] == trip_url(trip)
    assert trip.engagements.count() == 1
    page = admin_client.get(trip_url(trip)).content.decode()
    assert "was deleted successfully" in page  # Django's message, shown on the trip


def test_an_event_deleted_from_the_events_list_goes_back_to_the_list(admin_client):
    trip = trip_with_events(1)
    event = trip.engagements.get()

    response = admin_client.post(
        admin_url("visits", "engagement", "delete", event.pk), {"post": "yes"}
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url("visits", "engagement", "changelist")


def test_an_event_opened_from_the_events_list_goes_back_to_the_list(admin_client):
    trip = trip_with_events(1)
    event = trip.engagements.get()
    url = admin_url("visits", "engagement", "change", event.pk)

    response = admin_client.post(url, post_data(admin_client.get(url)))

    assert response.status_code == 302
    assert response["Location"] == admin_url("visits", "engagement", "changelist")


def test_add_an_event_prefills_the_trip_offers_its_legs_and_comes_back(admin_client):
    trip = trip_with_events(1)
    VisitFactory(legs=1)  # another trip's leg is not offered
    html = admin_client.get(trip_url(trip)).content.decode()
    add_url = next(u for u in event_links(html) if "/engagement/add/" in u)

    response = admin_client.get(add_url)
    form = response.context["adminform"].form
    assert str(form.initial["visit"]) == str(trip.pk)
    assert set(form.fields["leg"].queryset) == set(trip.legs.all())
    assert "Add an event" in response.content.decode().split('class="breadcrumbs"', 1)[1]

    second = trip.legs.order_by("order").last()
    data = post_data(response)
    data.update(visit=str(trip.pk), date=second.start_date.isoformat(), title_ko="간담회")
    response = admin_client.post(add_url, data)

    assert response.status_code == 302, messages_in(response)
    assert response["Location"] == trip_url(trip)
    assert Engagement.objects.get(visit=trip, title_ko="간담회").leg == second


@pytest.mark.parametrize("visit", ["abc", "9" * 30, "-1", "999999", "\u00b2", "1\u00b2"])
def test_a_hand_made_trip_in_the_add_address_is_no_error(admin_client, visit):
    url = admin_url("visits", "engagement", "add") + f"?visit={visit}"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Back to the trip" not in response.content.decode()


def test_an_event_without_a_place_has_an_empty_cell_without_a_language(admin_client):
    trip = VisitFactory(legs=1)
    EngagementFactory(leg=trip.legs.get(), place=None)
    row = event_rows(admin_client.get(trip_url(trip)).content.decode())[0]
    assert 'lang=""' not in row


# --- the legs, still in the form --------------------------------------------------------------


def test_legs_are_still_edited_in_the_trips_form(admin_client):
    trip = trip_with_events(2)
    url = trip_url(trip)
    data = post_data(admin_client.get(url))
    berlin = CityFactory(name_en="Berlin", country="DE", time_zone="Europe/Berlin")
    data["legs-0-city"] = str(berlin.pk)

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    assert trip.legs.order_by("order").first().city == berlin
    assert trip.engagements.count() == 2


# --- who sees what ----------------------------------------------------------------------------


def staff(name: str, *, group: str | None = None, perms=()) -> User:
    user = User.objects.create_user(name, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.mark.parametrize(
    ("who", "links", "adds"),
    [
        (lambda: staff("editor", group="Editor"), True, True),
        (lambda: staff("translator", group="Translator"), True, False),
        (lambda: staff("reader", perms=["view_visit", "view_engagement"]), True, False),
        (lambda: staff("trips only", perms=["view_visit"]), False, False),
    ],
    ids=["editor", "translator", "reader", "trips-only reader"],
)
def test_everyone_who_sees_the_trip_sees_its_events(client, who, links, adds):
    trip = trip_with_events(2)
    client.force_login(who())

    html = client.get(trip_url(trip)).content.decode()

    rows = event_rows(html)
    assert len(rows) == 2 and "Event number 0" in rows[0]
    assert ("/engagement/" in rows[0]) is links
    assert ("Add an event" in html) is adds


def test_a_translator_opens_an_event_from_the_trip_and_translates_it(client):
    """Translators translate events (press/migrations/0016) on the event's own page,
    reached from the trip, in their languages only, and come back to the trip."""
    trip = trip_with_events(1)
    translator = staff("translator", group="Translator")
    assign_languages(translator, "ja")
    client.force_login(translator)
    html = client.get(trip_url(trip)).content.decode()
    url = next(u for u in event_links(html) if "/change/" in u)

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="title_ja"' in page and 'name="title_ko"' not in page
    assert f'href="{trip_url(trip)}"' in page
    data = post_data(response)
    data["title_ja"] = "訪問"
    saved = client.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == trip_url(trip)
    assert trip.engagements.get().title_ja == "訪問"


# --- one notice about the time zone -----------------------------------------------------------


NOTICE = 'class="zone-notice"'


def test_a_release_form_says_once_that_its_times_are_seoul_time(admin_client):
    release = PressReleaseFactory()
    html = admin_client.get(admin_url("press", "pressrelease", "change", release.pk)).content
    html = html.decode()
    assert html.count(NOTICE) == 1
    assert html.count("Seoul time (UTC+09:00)") == 1
    assert html.index(NOTICE) < html.index('name="published_at_0"')
    # The per-field notes are turned off; the offset stays for the "Now" shortcut.
    assert "js/one_zone_notice.js" in html
    assert "data-admin-utc-offset" in html
    assert html.index("DateTimeShortcuts.js") < html.index("js/one_zone_notice.js")


def test_the_notice_speaks_the_editors_language(admin_client):
    release = PressReleaseFactory()
    url = admin_url("press", "pressrelease", "change", release.pk, language="ko")
    html = admin_client.get(url).content.decode()
    with translation.override("ko"):
        assert translation.gettext("Seoul time") != "Seoul time"
        assert html.count(f"{translation.gettext('Seoul time')} (UTC+09:00)") == 1


def test_an_events_form_says_its_time_is_local(admin_client):
    event = EngagementFactory()
    html = admin_client.get(admin_url("visits", "engagement", "change", event.pk)).content
    html = html.decode()
    assert html.count(NOTICE) == 1
    assert "local time" in html.split(NOTICE, 1)[1].split("</p>", 1)[0]
    assert "Seoul time" not in html


def test_a_form_without_times_has_no_notice(admin_client):
    city = CityFactory()
    html = admin_client.get(admin_url("visits", "city", "change", city.pk)).content.decode()
    assert NOTICE not in html


def test_the_script_turns_off_the_per_field_notes_only():
    from django.contrib.staticfiles import finders

    with open(finders.find("js/one_zone_notice.js"), encoding="utf-8") as file:
        script = file.read()
    assert "addTimezoneWarning = function () {}" in script
    assert "adminUtcOffset" not in script  # the "Now" shortcut still reads the offset
