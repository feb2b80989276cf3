"""The lists filter by what an item is about (press/event_filters.py): the release and
coverage lists by event, city and country (releases about events in Paris, not every
release of a trip that passed through Paris), the event menu listing the chosen trip's
events; and how the filter form reads: each date of a range has its own label, the form
is folded behind a summary unless a filter is applied, and the results have a heading
between the page's h1 and the cards' h3."""

import itertools
from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.utils import translation
from django.utils.formats import date_format

from press.kept import kept
from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    PressReleaseFactory,
    VisitFactory,
)
from tests.test_pages import QUERY_BUDGET, class_data, count_queries, fetch, rev
from visits.readmodel import reading

pytestmark = pytest.mark.django_db

SECRET = "SECRET"
RELEASES, COVERAGE = "press:release_list", "press:coverage_list"


def build_europe():
    w = SimpleNamespace()
    w.paris = CityFactory(
        name_en="Paris", name_ko="파리", country="FR", time_zone="Europe/Paris", slug="paris"
    )
    w.london = CityFactory(
        name_en="London", name_ko="런던", country="GB", time_zone="Europe/London", slug="london"
    )
    w.tokyo = CityFactory(
        name_en="Tokyo", name_ko="도쿄", country="JP", time_zone="Asia/Tokyo", slug="tokyo"
    )
    w.osaka = CityFactory(
        name_en="Osaka", name_ko="오사카", country="JP", time_zone="Asia/Tokyo", slug="osaka"
    )
    w.trip = VisitFactory(
        slug="europe",
        title_en="Trip to Paris and London",
        start_date=date(2024, 5, 1),
        end_date=date(2024, 5, 6),
    )
    in_paris = LegFactory(
        visit=w.trip, city=w.paris, order=1, start_date=date(2024, 5, 1), end_date=date(2024, 5, 3)
    )
    in_london = LegFactory(
        visit=w.trip, city=w.london, order=2, start_date=date(2024, 5, 4), end_date=date(2024, 5, 6)
    )
    # Made out of itinerary order: the menu sorts them.
    w.thames = EngagementFactory(leg=in_london, date=date(2024, 5, 5), title_en="Thames barrier")
    w.louvre = EngagementFactory(leg=in_paris, date=date(2024, 5, 2), title_en="Louvre visit")
    w.forum = EngagementFactory(
        leg=in_paris, date=date(2024, 5, 1), title_en="Smart city forum", title_ko="스마트시티 포럼"
    )
    w.r_louvre = PressReleaseFactory(visit=w.trip, engagements=[w.louvre])
    w.r_forum = PressReleaseFactory(visit=w.trip, engagements=[w.forum])
    w.r_london = PressReleaseFactory(visit=w.trip, engagements=[w.thames])
    w.r_both = PressReleaseFactory(visit=w.trip, engagements=[w.louvre, w.thames])
    w.r_none = PressReleaseFactory(visit=w.trip)  # about the trip, no event in particular
    w.c_louvre = CoverageFactory(visit=w.trip, engagements=[w.louvre])
    w.c_london = CoverageFactory(visit=w.trip, engagements=[w.thames])
    w.c_none = CoverageFactory(visit=w.trip)

    w.japan = VisitFactory(slug="japan", start_date=date(2025, 3, 1), end_date=date(2025, 3, 2))
    w.summit = EngagementFactory(
        leg=LegFactory(visit=w.japan, city=w.tokyo, order=1), title_en="Tokyo summit"
    )
    LegFactory(visit=w.japan, city=w.osaka, order=2)
    w.r_tokyo = PressReleaseFactory(visit=w.japan, engagements=[w.summit])
    w.c_tokyo = CoverageFactory(visit=w.japan, engagements=[w.summit])

    # An unpublished trip with an event in Paris: public items linked to it by mistake
    # must not come out under Paris, and its event is no one's choice.
    w.secret = VisitFactory(draft=True, slug="secret-trip", title_en=f"{SECRET} trip")
    w.gala = EngagementFactory(
        leg=LegFactory(visit=w.secret, city=w.paris, order=1), title_en=f"{SECRET} gala"
    )
    w.lonely = CityFactory(name_en=f"{SECRET} city", slug="lonely", country="DE")
    LegFactory(visit=w.secret, city=w.lonely, order=2)
    w.r_gala = PressReleaseFactory(visit=None, engagements=[w.gala])
    w.c_gala = CoverageFactory(visit=None, engagements=[w.gala])
    return w


europe = class_data("europe", build_europe)


def releases(client, query, lang="en"):
    page = fetch(client, f"{rev(RELEASES, lang)}?{query}")
    return page, page.slugs(f"/{lang}/releases/")


def articles(client, query, lang="en"):
    page = fetch(client, f"{rev(COVERAGE, lang)}?{query}")
    return page, page.slugs(f"/{lang}/coverage/")


def slugs(*items):
    return {item.slug for item in items}


def pks(*items):
    return {str(item.pk) for item in items}


class TestAboutEvents:
    def test_a_city_gives_the_releases_about_its_events_not_the_trips(self, client, europe):
        w = europe
        assert releases(client, "city=paris")[1] == slugs(w.r_louvre, w.r_forum, w.r_both)
        assert releases(client, "city=london")[1] == slugs(w.r_london, w.r_both)
        assert releases(client, "city=osaka")[1] == set()  # a leg with no event
        assert releases(client, "trip=europe&city=london")[1] == slugs(w.r_london, w.r_both)

    def test_a_country_gives_the_releases_about_its_events(self, client, europe):
        w = europe
        assert releases(client, "country=FR")[1] == slugs(w.r_louvre, w.r_forum, w.r_both)
        assert releases(client, "country=JP")[1] == slugs(w.r_tokyo)

    def test_an_event_gives_the_releases_and_articles_about_it(self, client, europe):
        w = europe
        for query in (f"event={w.louvre.pk}", f"trip=europe&event={w.louvre.pk}"):
            assert releases(client, query)[1] == slugs(w.r_louvre, w.r_both)
            assert articles(client, query)[1] == pks(w.c_louvre)
        assert releases(client, f"event={w.summit.pk}", "ko")[1] == slugs(w.r_tokyo)

    def test_coverage_by_trip_city_and_event(self, client, europe):
        w = europe
        assert articles(client, "trip=europe")[1] == pks(w.c_louvre, w.c_london, w.c_none)
        assert articles(client, "city=paris")[1] == pks(w.c_louvre)
        assert articles(client, "city=london", "ja")[1] == pks(w.c_london)
        assert articles(client, f"city=tokyo&event={w.summit.pk}")[1] == pks(w.c_tokyo)
        assert articles(client, f"city=paris&event={w.summit.pk}")[1] == set()

    def test_a_filter_keeps_its_count_and_pages(self, client, europe):
        page, _found = releases(client, "city=paris")
        assert "3 press releases" in page.html


class Menus(HTMLParser):
    """Each <select> of a page: {name: [(group, value, label, selected), ...]}."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.menus, self.current, self.group, self.option = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.current = self.menus.setdefault(attrs["name"], [])
        elif tag == "optgroup":
            self.group = attrs["label"]
        elif tag == "option":
            self.option = [self.group, attrs["value"], "", "selected" in attrs]
            self.current.append(self.option)

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option[2] = self.option[2].strip()
            self.option = None
        elif tag == "optgroup":
            self.group = None


def day(value, lang="en"):
    """A date as the menus write it in ``lang`` (the site's date format)."""
    with translation.override(lang):
        return date_format(value, "DATE_FORMAT")


def menu(client, url, name):
    return Menus(fetch(client, url).html).menus[name]


class TestMenus:
    def test_the_event_menu_lists_the_chosen_trips_events_in_itinerary_order(self, client, europe):
        w = europe
        for name in (RELEASES, COVERAGE):
            options = menu(client, f"{rev(name)}?trip=europe", "event")
            assert options[0] == [None, "", "All events", True]
            assert [(group, value, label) for group, value, label, _ in options[1:]] == [
                ("Paris", str(w.forum.pk), f"{day(w.forum.date)} · Smart city forum"),
                ("Paris", str(w.louvre.pk), f"{day(w.louvre.date)} · Louvre visit"),
                ("London", str(w.thames.pk), f"{day(w.thames.date)} · Thames barrier"),
            ]
        korean = menu(client, f"{rev(RELEASES, 'ko')}?trip=europe", "event")
        assert korean[1] == ["파리", str(w.forum.pk), "2024년 5월 1일 · 스마트시티 포럼", False]
        assert korean[3][:2] == ["런던", str(w.thames.pk)]

    def test_the_chosen_event_is_selected_with_or_without_its_trip(self, client, europe):
        w = europe
        for query in (f"trip=europe&event={w.louvre.pk}", f"event={w.louvre.pk}"):
            options = menu(client, f"{rev(COVERAGE)}?{query}", "event")
            assert [value for _g, value, _l, chosen in options if chosen] == [str(w.louvre.pk)]
        alone = menu(client, f"{rev(RELEASES)}?event={w.louvre.pk}", "event")
        assert [label for _g, _v, label, _c in alone] == [
            "All events",
            f"{day(w.louvre.date)} · Louvre visit",
        ]

    def test_without_a_trip_the_event_menu_says_how_to_fill_it(self, client, europe):
        page = fetch(client, rev(RELEASES))
        assert [label for _g, _v, label, _c in Menus(page.html).menus["event"]] == ["All events"]
        assert (
            '<p class="filters__help" id="id_event_help">'
            "Choose a trip and apply the filters to list its events.</p>"
        ) in page.html
        assert '<select name="event" aria-describedby="id_event_help" id="id_event">' in page.html
        trip = fetch(client, f"{rev(RELEASES)}?trip=europe")
        assert "Choose a trip and apply" not in trip.html

    def test_another_trips_event_is_dropped_when_the_trip_changes(self, client, europe):
        """A reader who chose the Louvre, then changed the trip to Japan, sees Japan."""
        w = europe
        page, found = releases(client, f"trip=japan&event={w.louvre.pk}")
        assert found == slugs(w.r_tokyo)
        assert 'class="field-error"' not in page.html
        options = Menus(page.html).menus["event"]
        assert [value for _g, value, _l, chosen in options if chosen] == [""]
        assert [label for _g, _v, label, _c in options][1:] == [
            f"{day(w.summit.date)} · Tokyo summit"
        ]

    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_countries_and_cities_in_the_readers_order(self, client, europe, lang):
        options = menu(client, rev(RELEASES, lang), "city")
        groups = list(dict.fromkeys(group for group, *_ in options[1:]))
        assert groups == sorted(groups, key=str.casefold)
        assert len(groups) == 3  # France, the United Kingdom, Japan; not the secret trip's
        for group in groups:
            cities = [label for g, _v, label, _c in options if g == group]
            assert cities == sorted(cities, key=str.casefold)
        with translation.override(lang):
            from django_countries import countries

            japan = str(countries.name("JP"))
        assert [label for g, _v, label, _c in options if g == japan] == (
            ["Osaka", "Tokyo"] if lang == "en" else ["도쿄", "오사카"]
        )
        countries_menu = menu(client, rev(RELEASES, lang), "country")
        names = [label for _g, _v, label, _c in countries_menu[1:]]
        assert names == sorted(names) and japan in names and len(names) == 3


class TestBadValues:
    @pytest.mark.parametrize(
        "query",
        [
            "event=abc",
            "event=999999",
            "event=99999999999999999999999",
            "event=-1",
            "event=%00",
            "event=%EF%BC%92",
            "event={gala}",
            "trip=secret-trip&event={gala}",
            "city=lonely",
            "city=nowhere",
            "city=%00",
            "country=DE",
        ],
    )
    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    def test_reported_never_a_leak(self, client, europe, name, query):
        if name == COVERAGE and query.startswith("country"):
            query = "city=" + query.split("=")[1]
        page = fetch(client, f"{rev(name)}?{query.format(gala=europe.gala.pk)}")
        assert 'class="field-error"' in page.html
        assert SECRET not in page.html
        assert not page.slugs("/en/releases/") and not page.slugs("/en/coverage/")

    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    @pytest.mark.parametrize("event", ["{gala}", "999999", "abc"])
    def test_with_a_trip_an_event_not_of_it_is_dropped(self, client, europe, name, event):
        w = europe
        query = f"trip=europe&event={event.format(gala=w.gala.pk)}"
        page = fetch(client, f"{rev(name)}?{query}")
        assert SECRET not in page.html
        found = page.slugs("/en/releases/") | page.slugs("/en/coverage/")
        everything = fetch(client, f"{rev(name)}?trip=europe")
        assert found == everything.slugs("/en/releases/") | everything.slugs("/en/coverage/")
        assert found

    def test_errors_are_in_the_readers_language(self, client, europe):
        page = fetch(client, f"{rev(RELEASES, 'ko')}?event=nope")
        assert "Select a valid choice" not in page.html
        assert 'class="field-error"' in page.html

    def test_an_unpublished_event_gives_nothing_through_a_public_city(self, client, europe):
        """A public release linked to an unpublished trip's Paris event stays out of Paris."""
        w = europe
        assert w.r_gala.slug not in releases(client, "city=paris")[1]
        assert str(w.c_gala.pk) not in articles(client, "city=paris")[1]
        assert w.r_gala.slug not in releases(client, "country=FR")[1]


class Form(HTMLParser):
    """The filter form as read by a screen reader: labels, inputs, details, headings."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}
        self.inputs: list[dict] = []
        self.details: list[dict] = []
        self.headings: list[str] = []
        self.legends: list[str] = []
        self._label, self._text, self._in = None, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label, self._text = attrs.get("for"), []
        elif tag in ("input", "select") and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
        elif tag == "details":
            self.details.append(attrs)
        elif tag in ("h1", "h2", "h3", "h4") or tag == "legend":
            self._in, self._text = tag, []
            if tag != "legend":
                self.headings.append(tag)

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "label" and self._label:
            self.labels[self._label] = "".join(self._text).strip()
            self._label = None
        elif tag == "legend":
            self.legends.append("".join(self._text).strip())


class TestFormReads:
    @pytest.mark.parametrize("lang", ["en", "ko"])
    @pytest.mark.parametrize("query", ["", "?topic=nope", "?trip=europe"])
    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    def test_every_input_has_its_own_label(self, client, europe, name, lang, query):
        form = Form(fetch(client, rev(name, lang) + query).html.split("<main", 1)[1])
        dates = [field for field in form.inputs if field.get("type") == "date"]
        assert len(dates) == 2
        with translation.override(lang):
            from django.utils.translation import gettext

            expected = [gettext("From"), gettext("To")]
            assert gettext("Published between") in form.legends
        if lang != "en":
            assert expected != ["From", "To"]
        assert [form.labels.get(field["id"]) for field in dates] == expected
        for field in form.inputs:
            if field.get("name") != "q":  # the header's search box has its own
                assert form.labels.get(field.get("id")), field

    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    def test_the_form_is_folded_unless_a_filter_is_applied(self, client, europe, name):
        def opened(query):
            (details,) = Form(fetch(client, rev(name) + query).html).details
            return "open" in details

        assert not opened("")
        assert not opened("?page=1")
        assert not opened("?trip=")  # an empty value applies nothing
        assert opened("?trip=europe")
        assert opened("?event=nope")  # its error shows
        assert opened("?city=paris&page=2")

    @pytest.mark.parametrize("query", ["", "?city=paris", "?event=nope"])
    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    def test_headings_go_h1_h2_h3(self, client, europe, name, query):
        main = fetch(client, rev(name) + query).html.split("<main", 1)[1].split("</main>")[0]
        levels = [int(tag[1]) for tag in Form(main).headings]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def build_crowd():
    """Europe's trip with one event and item per city, and with twenty."""
    worlds = []
    for count in (1, 20):
        trip = VisitFactory(slug=f"crowd-{count}", legs=count)
        legs = list(trip.legs.order_by("order"))
        events = [EngagementFactory(leg=leg) for leg in legs]
        for event in events:
            PressReleaseFactory(visit=trip, engagements=[event, events[0]])
            CoverageFactory(visit=trip, engagements=[event, events[0]])
        worlds.append(SimpleNamespace(trip=trip, events=events, city=legs[0].city))
    return worlds


crowd = class_data("crowd", build_crowd)


class TestQueryCounts:
    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    @pytest.mark.parametrize(
        "query",
        [
            "trip={trip}",
            "event={event}",
            "trip={trip}&event={event}",
            "city={city}",
            "city={city}&event=nope",
            "trip={trip}&event={other}",
        ],
    )
    def test_constant_and_within_budget(
        self, client, crowd, name, query, django_assert_max_num_queries
    ):
        counts = []
        for world, other in zip(crowd, reversed(crowd), strict=True):
            address = f"{rev(name)}?" + query.format(
                trip=world.trip.slug,
                event=world.events[0].pk,
                city=world.city.slug,
                other=other.events[0].pk,
            )
            counts.append(count_queries(client, address, django_assert_max_num_queries))
            page = fetch(client, address)
            if "nope" not in query and "other" not in query:
                expected = len(world.events)
                assert len(page.slugs("/en/releases/") | page.slugs("/en/coverage/")) == expected
        assert counts[0] == counts[1] <= QUERY_BUDGET


@pytest.mark.on_commit
class TestKeptMenus:
    """The menus kept per process (`press.kept`): the event menu once per trip, each menu
    read again when a committed change touches what it shows."""

    @pytest.fixture(autouse=True)
    def world(self, django_capture_on_commit_callbacks):
        kept.forget()
        with django_capture_on_commit_callbacks(execute=True):
            self.w = build_europe()
        self.capture = django_capture_on_commit_callbacks
        yield
        kept.forget()

    @pytest.mark.parametrize(
        "query",
        [
            "?trip=europe",
            "?trip=japan",
            "?trip=europe&event={louvre}",
            "?trip=japan&event={louvre}",
            "?event={louvre}",
            "?event={gala}",
            "?city=paris",
            "?country=JP&city=nowhere",
        ],
    )
    @pytest.mark.parametrize("name", [RELEASES, COVERAGE])
    def test_kept_menus_give_the_same_pages(self, client, name, query):
        address = rev(name, "ko") + query.format(louvre=self.w.louvre.pk, gala=self.w.gala.pk)
        reading.IMMEDIATE = True  # menus read afresh
        fresh = client.get(address).content.decode()
        reading.IMMEDIATE = False
        client.get(rev(name, "ko") + "?trip=japan")  # another trip's event menu kept first
        client.get(address)
        assert client.get(address).content.decode() == fresh

    def test_each_trip_has_its_own_event_menu(self, client):
        europe = menu(client, f"{rev(RELEASES)}?trip=europe", "event")
        japan = menu(client, f"{rev(RELEASES)}?trip=japan", "event")
        assert [label for *_, label, _c in japan] == [
            "All events",
            f"{day(self.w.summit.date)} · Tokyo summit",
        ]
        assert len(europe) == 4
        assert {("ReleaseFilter.event@europe", "en"), ("ReleaseFilter.event@japan", "en")} <= set(
            kept.values
        )
        assert menu(client, f"{rev(RELEASES)}?trip=europe", "event") == europe

    def test_a_committed_event_or_city_reaches_the_menus_at_once(self, client):
        address = f"{rev(COVERAGE)}?trip=japan"
        assert len(menu(client, address, "event")) == 2
        with self.capture(execute=True):
            EngagementFactory(
                leg=self.w.japan.legs.get(order=2), title_en="Osaka expo", date=date(2025, 3, 2)
            )
        labels = [label for *_, label, _c in menu(client, address, "event")]
        assert labels[-1] == f"{day(date(2025, 3, 2))} · Osaka expo"
        with self.capture(execute=True):
            self.w.osaka.name_en = "Ōsaka"
            self.w.osaka.save()
        assert "Ōsaka" in [label for *_, label, _c in menu(client, address, "city")]
