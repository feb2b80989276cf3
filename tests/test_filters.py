"""The filter menus of the public lists: their options are read as plain values and
written without templates (press/filters.py, visits/widgets.py), so what a reader sees in
them is checked here: names in the reader's language with the usual fallback, the chosen
option kept, text escaped, and one query per menu whatever the number of trips."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest

from tests.factories import CityFactory, PressReleaseFactory, VisitFactory
from tests.test_pages import rev

pytestmark = pytest.mark.django_db


class Menus(HTMLParser):
    """Each <select> of a page: {name: [(value, label, selected), ...]}."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.menus, self.current, self.option = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.current = self.menus.setdefault(attrs["name"], [])
        elif tag == "option":
            self.option = [attrs["value"], "", "selected" in attrs]
            self.current.append(self.option)

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option[1] = self.option[1].strip()
            self.option = None


def menus(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Menus(response.content.decode()).menus


def test_trip_names_are_in_the_readers_language_with_fallback(client):
    both = VisitFactory(title_en="Trip to Paris", title_ko="파리 순방", slug="paris")
    english_only = VisitFactory(title_en="Trip to Oslo", title_ko="", slug="oslo")
    PressReleaseFactory(visit=both)
    PressReleaseFactory(visit=english_only)
    korean = {
        value: label for value, label, _ in menus(client, rev("press:release_list", "ko"))["trip"]
    }
    assert korean["paris"] == "파리 순방"
    assert korean["oslo"] == "Trip to Oslo"
    english = {value: label for value, label, _ in menus(client, rev("press:release_list"))["trip"]}
    assert english["paris"] == "Trip to Paris"


def test_the_chosen_options_stay_chosen(client):
    trip = VisitFactory(slug="seoul-week", legs=1)
    PressReleaseFactory(visit=trip)
    found = menus(client, rev("press:release_list") + "?trip=seoul-week&language=ko")
    assert [value for value, _, selected in found["trip"] if selected] == ["seoul-week"]
    assert [value for value, _, selected in found["language"] if selected] == ["ko"]
    assert [value for value, _, selected in found["topic"] if selected] == [""]


def test_names_are_escaped(client):
    trip = VisitFactory(title_en='<script>alert("x")</script> & "friends"', slug="escaped")
    PressReleaseFactory(visit=trip)
    response = client.get(rev("press:release_list"))
    assert b"<script>alert" not in response.content
    labels = {value: label for value, label, _ in Menus(response.content.decode()).menus["trip"]}
    assert labels["escaped"] == '<script>alert("x")</script> & "friends"'


def test_city_menu_costs_the_same_with_many_cities(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(rev("press:release_list"))
        return len(queries)

    cities = [CityFactory()]
    VisitFactory(legs=1, legs__city=cities[0])
    PressReleaseFactory()
    few = count()
    for _ in range(15):
        cities.append(CityFactory())
        trip = VisitFactory(legs=1, legs__city=cities[-1])
        PressReleaseFactory(visit=trip)
    assert count() == few
    (everywhere, *options) = menus(client, rev("press:release_list"))["city"]
    assert everywhere == ["", "All cities", True]
    assert sorted(label for _value, label, _chosen in options) == sorted(c.name for c in cities)


def test_the_trip_menu_shows_the_newest_trips_and_the_chosen_one(client, settings):
    """A menu of every trip would be thousands of options after fifteen years: it shows the
    newest, plus an older one a reader chose, and accepts any public trip."""
    import datetime

    from visits.choices import TRIPS_SHOWN

    trips = [
        VisitFactory(slug=f"trip-{n:03}", start_date=datetime.date(2011, 1, 1) + timedelta(n))
        for n in range(TRIPS_SHOWN + 5)
    ]
    oldest = trips[0]
    PressReleaseFactory(visit=oldest, title_en="From the oldest trip")
    for url in (rev("press:release_list"), rev("press:coverage_list"), rev("visits:search")):
        shown = [value for value, _, _ in menus(client, url)["trip"] if value]
        assert shown == [t.slug for t in reversed(trips)][:TRIPS_SHOWN], url
        chosen = menus(client, f"{url}?trip={oldest.slug}")["trip"]
        assert [value for value, _, selected in chosen if selected] == [oldest.slug], url
    page = client.get(f"{rev('press:release_list')}?trip={oldest.slug}")
    assert "From the oldest trip" in page.content.decode()


@pytest.mark.parametrize("value", ["%00", "a%00b", "%EF%BC%92", "x" * 300, "trip-000/../"])
def test_a_trip_that_cannot_be_a_slug_is_never_looked_up(client, value):
    """The menus show the chosen trip; a value that cannot be a slug is not looked up
    (PostgreSQL refuses a NUL in a query outright)."""
    VisitFactory(slug="trip-000")
    for url in (rev("press:release_list"), rev("press:coverage_list"), rev("visits:search")):
        response = client.get(f"{url}?trip=&trip={value}")
        assert response.status_code == 200, url
