"""Event pages (/<lang>/trips/<trip>/events/<event>/) and the links that lead to them.

An event of a public trip has its own page: what happened, where, whom the delegation
met, and every public release, article (all languages, by language) and photo about it,
with the events before and after. The trip's itinerary links each event and counts what
covers it and each leg; releases, articles and photos link their events. The page is read
from the read model, retired by any change to what it shows, and listed in the sitemap.
"""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.document_samples import DocumentFactory
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    VideoFactory,
    VisitFactory,
    png_file,
)
from tests.test_admin import post_data
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, url_of
from visits.models import Engagement, ReadRow
from visits.readmodel import reading

pytestmark = pytest.mark.django_db


def build_world():
    w = SimpleNamespace()
    w.mayor = PersonFactory(name_en="Oh Se-hoon", role_en="Mayor of Seoul")
    w.trip = VisitFactory(official=w.mayor, legs=2, title_en="Mayor's trip to Beijing")
    w.leg1, w.leg2 = w.trip.legs.order_by("order")
    beijing = w.leg1.city
    beijing.name_en = "Beijing"
    beijing.save()
    w.parent = PlaceFactory(city=beijing, name_en="Zhongguancun")
    w.place = PlaceFactory(
        city=beijing, name_en="InnoWay", parent=w.parent, latitude=39.98, longitude=116.31
    )
    w.host = PersonFactory(name_en="Yin Yong", role_en="Mayor of Beijing")
    w.org = OrganizationFactory(name_en="Tsinghua University")
    w.first = EngagementFactory(leg=w.leg1, title_en="Arrival", start_time=dt.time(8, 0))
    w.event = EngagementFactory(
        leg=w.leg1,
        title_en="Talks with Yin Yong",
        title_ko="인융 시장 면담",
        description_en="The first talks between the two mayors since 2018.",
        kind=Engagement.Kind.MEETING,
        start_time=dt.time(10, 30),
        place=w.place,
        people=[w.host],
        organizations=[w.org],
    )
    w.other = EngagementFactory(
        leg=w.leg2, title_en="Evening with residents", kind=Engagement.Kind.OTHER
    )
    w.release = PressReleaseFactory(
        visit=w.trip, engagements=[w.event, w.other], title_en="Seoul and Beijing talk"
    )
    w.second_release = PressReleaseFactory(
        visit=w.trip, engagements=[w.event], title_en="Robots next"
    )
    w.draft_release = PressReleaseFactory(
        visit=w.trip, engagements=[w.event], draft=True, title_en="SECRET draft"
    )
    w.coverage = {
        lang: CoverageFactory(
            visit=w.trip,
            outlet=OutletFactory(language=lang),
            headline=f"Article in {lang}",
            engagements=[w.event],
        )
        for lang in ("en", "ko", "ja")
    }
    w.hidden_coverage = CoverageFactory(
        visit=w.trip, headline="SECRET article", draft=True, engagements=[w.event]
    )
    w.photo = PhotoFactory(visit=w.trip, engagement=w.event, caption_en="The two mayors")
    w.other_trip = VisitFactory(legs=1, title_en="Another trip")
    w.stranger = EngagementFactory(leg=w.other_trip.legs.get(), title_en="Talks with Yin Yong")
    w.hidden_trip = VisitFactory(legs=1, draft=True, title_en="SECRET trip")
    w.hidden_event = EngagementFactory(leg=w.hidden_trip.legs.get(), title_en="SECRET event")
    return w


world = class_data("world", build_world)


# --- slugs ----------------------------------------------------------------------------


class TestSlugs:
    def test_made_from_the_first_title_unique_within_the_trip_only(self, world):
        assert world.event.slug == "talks-with-yin-yong"
        assert world.stranger.slug == "talks-with-yin-yong"  # another trip: same slug
        again = EngagementFactory(leg=world.leg2, title_en="Talks with Yin Yong")
        assert again.slug == "talks-with-yin-yong-2"
        korean = EngagementFactory(leg=world.leg2, title_en="", title_ko="오세훈 면담")
        assert korean.slug == "osehun-myeondam"

    def test_the_database_refuses_two_events_of_a_trip_with_one_slug(self, world):
        with pytest.raises(IntegrityError), transaction.atomic():
            Engagement.objects.filter(pk=world.first.pk).update(slug=world.event.slug)

    def test_the_migration_fills_the_slugs_of_recorded_events(self, world):
        migration = importlib.import_module("visits.migrations.0010_event_slugs")
        Engagement.objects.filter(pk=world.first.pk).update(slug="talks-with-yin-yong-2")
        Engagement.objects.filter(pk=world.event.pk).update(slug="")
        migration.fill_slugs(apps, None)
        world.event.refresh_from_db()
        assert world.event.slug == "talks-with-yin-yong"
        Engagement.objects.filter(pk=world.event.pk).update(slug="")
        Engagement.objects.filter(pk=world.first.pk).update(slug="talks-with-yin-yong")
        migration.fill_slugs(apps, None)
        world.event.refresh_from_db()
        assert world.event.slug == "talks-with-yin-yong-2"


# --- the page -------------------------------------------------------------------------


class TestEventPage:
    def test_says_what_happened_where_and_whom_the_mayor_met(self, client, world):
        page = fetch(client, url_of(world.event))
        html = page.html
        assert "<h1>Talks with Yin Yong</h1>" in html
        assert "Meeting" in html
        assert "The first talks between the two mayors since 2018." in html
        assert 'datetime="2024-07-24T10:30:00+08:00"' in html  # the leg's city's time
        assert "(local time in Beijing, UTC+08:00)" in html
        for linked in (world.place, world.parent, world.host, world.org, world.trip):
            assert page.links_to(url_of(linked)), linked
        assert "Mayor of Beijing" in html

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_lists_every_public_release_article_and_photo_about_it(self, client, world, lang):
        page = fetch(client, url_of(world.event, lang))
        assert page.html_lang == lang
        for item in (world.release, world.second_release, world.photo, *world.coverage.values()):
            assert page.links_to(url_of(item, lang)), item
        assert "SECRET" not in page.html
        assert not page.links_to(url_of(world.draft_release, lang))

    def test_coverage_is_grouped_by_language(self, client, world):
        html = fetch(client, url_of(world.event)).html
        section = html[html.index('id="coverage"') :]
        positions = [section.index(f"<h3>{name}</h3>") for name in ("English", "Japanese")]
        assert positions == sorted(positions)
        assert section.index("Article in en") < section.index("<h3>Japanese</h3>")
        assert section.index("Article in ja") > section.index("<h3>Japanese</h3>")

    def test_links_the_events_before_and_after_and_the_leg_on_the_trip_page(self, client, world):
        page = fetch(client, url_of(world.event))
        assert page.links_to(url_of(world.first))
        assert page.links_to(url_of(world.other))
        assert page.links_to(f"{url_of(world.trip)}#leg-1")
        first = fetch(client, url_of(world.first))
        assert not any('rel="prev"' in a.get("rel", "") for a in first.anchors)
        assert {a.get("rel") for a in first.anchors if a.get("rel")} >= {"next"}
        last = fetch(client, url_of(world.other))
        assert last.links_to(url_of(world.event))
        assert last.links_to(f"{url_of(world.trip)}#leg-2")

    def test_an_event_of_kind_other_does_not_say_so(self, client, world):
        html = fetch(client, url_of(world.other)).html
        assert ">Other<" not in html
        assert '<p class="kicker">Event</p>' in html

    def test_links_to_the_filtered_lists_when_there_are_more(self, client, world, monkeypatch):
        monkeypatch.setattr("visits.events.EVENT_COVERAGE_SHOWN", 2)
        monkeypatch.setattr("visits.events.EVENT_RELEASES_SHOWN", 1)
        reading.IMMEDIATE = False
        page = fetch(client, url_of(world.event))
        trip, pk = world.trip.slug, world.event.pk
        assert page.links_to(f"/en/coverage/?trip={trip}&event={pk}")
        assert page.links_to(f"/en/releases/?trip={trip}&event={pk}")
        assert len(page.slugs("/en/coverage/")) == 2

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_event_json_ld_canonical_alternates_and_open_graph(self, client, world, lang):
        page = fetch(client, url_of(world.event, lang))
        (data,) = [d for d in page.jsonld if d.get("@type") == "Event"]
        assert data["startDate"] == "2024-07-24T10:30:00+08:00"
        assert data["location"]["name"] == "InnoWay"
        assert data["location"]["containedInPlace"]["name"] == "Zhongguancun"
        assert data["location"]["geo"]["latitude"] == 39.98
        assert data["superEvent"]["url"].endswith(url_of(world.trip, lang))
        assert data["url"].endswith(url_of(world.event, lang))
        (canonical,) = page.head("canonical")
        assert canonical["href"].endswith(url_of(world.event, lang))
        alternates = {
            link["hreflang"]: link["href"] for link in page.head("alternate") if "hreflang" in link
        }
        for code in LANGUAGES:
            assert alternates[code].endswith(url_of(world.event, code))
        assert page.meta["og:url"].endswith(url_of(world.event, lang))
        assert page.meta["og:title"]

    def test_a_fallback_title_carries_its_language(self, client, world):
        korean = EngagementFactory(leg=world.leg2, title_en="", title_ko="시민과의 대화")
        page = fetch(client, url_of(korean))
        assert page.langs_of("시민과의 대화") == {"ko"}


class TestNotFound:
    def test_unknown_slug_another_trips_event_and_an_unpublished_trip(self, client, world):
        trip = world.trip.slug
        assert client.get(f"/en/trips/{trip}/events/no-such-event/").status_code == 404
        stranger = world.stranger.slug
        assert client.get(f"/en/trips/{trip}/events/{stranger}x/").status_code == 404
        other = world.other_trip.slug
        assert client.get(f"/en/trips/{other}/events/{world.event.slug}-2/").status_code == 404
        assert client.get(f"/en/trips/{other}/events/{world.first.slug}/").status_code == 404
        assert client.get(url_of(world.hidden_event)).status_code == 404
        assert client.get(f"/en/trips/{trip}/events/%E2%80%A6/").status_code == 404

    def test_staff_who_may_change_events_preview_an_unpublished_trips_event(
        self, client, world, admin_user
    ):
        client.force_login(admin_user)
        response = client.get(url_of(world.hidden_event))
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"


# --- query counts ---------------------------------------------------------------------


def scenario(n, tag):
    """An event with ``n`` of everything: people, organisations, releases, articles in
    several languages, photos, and ``n`` events around it."""
    trip = VisitFactory(legs=n, title_en=f"Trip {tag}")
    legs = list(trip.legs.order_by("order"))
    event = EngagementFactory(
        leg=legs[0],
        place=PlaceFactory(parent=PlaceFactory()),
        people=[PersonFactory(organization=OrganizationFactory()) for _ in range(n)],
        organizations=[OrganizationFactory() for _ in range(n)],
        start_time=dt.time(9, 0),
    )
    for leg in legs:
        EngagementFactory(leg=leg)
    for index in range(n):
        PressReleaseFactory(visit=trip, engagements=[event])
        CoverageFactory(
            visit=trip,
            outlet=OutletFactory(language=["en", "ko", "ja", "de"][index % 4]),
            engagements=[event],
        )
        PhotoFactory(visit=trip, engagement=event)
        VideoFactory(visit=trip, engagements=[event], poster=png_file("still.png"))
        DocumentFactory(visit=trip, events=[event])
    return SimpleNamespace(trip=trip, event=event)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(ctx) <= QUERY_BUDGET, f"{url}: {len(ctx)} queries"
    return len(ctx)


class TestQueryCounts:
    def test_event_and_trip_pages_are_constant_from_the_view_and_the_read_model(self, client):
        one, many = scenario(1, "one"), scenario(12, "many")
        for s in (one, many):
            assert fetch(client, url_of(s.event)).html.count('class="coverage-item"') in (1, 12)
        for name in ("event", "trip"):
            urls = [url_of(getattr(s, name)) for s in (one, many)]
            # A query string always takes the view; without one, the read model's row.
            from_view = [queries_of(client, f"{url}?from=view") for url in urls]
            assert from_view[0] == from_view[1], name
            client.get(urls[0]), client.get(urls[1])
            from_rows = [queries_of(client, url) for url in urls]
            assert from_rows == [1, 1], name


# --- the trip page and the items about the event --------------------------------------


class TestTripPage:
    def test_each_event_links_its_page_with_counts_of_public_items(self, client, world):
        page = fetch(client, url_of(world.trip))
        for event in (world.first, world.event, world.other):
            assert page.links_to(url_of(event))
        html = page.html
        item = html[html.index(f'id="engagement-{world.event.pk}"') :]
        item = item[: item.index("</li>")]
        assert "2 releases · 3 articles · 1 photo" in item  # no draft, no hidden article
        arrival = html[html.index(f'id="engagement-{world.first.pk}"') :]
        assert "itinerary__counts" not in arrival[: arrival.index("</li>")]

    def test_each_leg_has_an_anchor_and_counts_each_item_once(self, client, world):
        html = fetch(client, url_of(world.trip)).html
        leg1 = html[html.index('id="leg-1"') : html.index('id="leg-2"')]
        assert "2 releases · 3 articles · 1 photo" in leg1
        leg2 = html[html.index('id="leg-2"') :]
        assert '<p class="leg__counts muted">1 release</p>' in leg2

    def test_the_itinerary_shows_each_events_time_not_its_day_again(self, client, world):
        html = fetch(client, url_of(world.trip)).html
        item = html[html.index(f'id="engagement-{world.event.pk}"') :]
        when = item[item.index('class="itinerary__when"') : item.index("</p>")]
        assert "10:30" in when and "Meeting" in when
        assert "2024" not in when and "July" not in when

    def test_the_public_never_sees_the_kind_other(self, client, world):
        html = fetch(client, url_of(world.trip)).html
        item = html[html.index(f'id="engagement-{world.other.pk}"') :]
        assert ">Other<" not in item[: item.index("</li>")]
        assert "· Other" not in html

    def test_place_pages_still_list_their_events_with_dates(self, client, world):
        page = fetch(client, url_of(world.place))
        assert page.links_to(url_of(world.event))


class TestItemsLinkTheirEvents:
    def test_a_release_links_each_event_once_in_its_sidebar(self, client, world):
        page = fetch(client, url_of(world.release))
        for event in (world.event, world.other):
            hrefs = [a["href"] for a in page.anchors if a["href"] == url_of(event)]
            assert len(hrefs) == 1, event
        assert page.links_to(url_of(world.first))  # the itinerary around, once

    def test_an_article_and_a_photo_link_their_events(self, client, world):
        assert fetch(client, url_of(world.coverage["ko"])).links_to(url_of(world.event))
        assert fetch(client, url_of(world.photo)).links_to(url_of(world.event))

    def test_a_photo_of_an_unpublished_trips_event_does_not_link_it(self, client, world):
        photo = PhotoFactory(visit=None, engagement=world.hidden_event)
        release = PressReleaseFactory(visit=None, photos=[photo])
        assert release.is_public
        page = fetch(client, url_of(photo))
        assert not page.links_to(url_of(world.hidden_event))
        assert "SECRET" not in page.html


# --- the read model and the sitemap ---------------------------------------------------


class TestReadModel:
    def test_the_page_is_read_from_its_row(self, client, world):
        client.get(url_of(world.event))
        assert ReadRow.objects.filter(kind="visits.engagement", object_id=world.event.pk).exists()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url_of(world.event))
        assert len(ctx) == 1

    @pytest.mark.parametrize("kind", ["release", "coverage", "photo"])
    def test_an_item_newly_about_the_event_appears_on_its_page(self, client, world, kind):
        address = url_of(world.event)
        client.get(address)
        rows = set(ReadRow.objects.filter(object_id=world.event.pk).values_list("pk", flat=True))
        assert rows
        if kind == "release":
            item = PressReleaseFactory(visit=world.trip, title_en="Newly linked")
            item.engagements.add(world.event)
        elif kind == "coverage":
            item = CoverageFactory(visit=world.trip, headline="Newly linked")
            item.engagements.add(world.event)
        else:
            item = PhotoFactory(visit=world.trip)
            item.engagement = world.event
            item.save()
        assert fetch(client, address).links_to(url_of(item))

    def test_edits_to_the_event_and_its_trip_reach_the_page(self, client, world):
        address = url_of(world.event)
        client.get(address)
        world.event.description_en = "Revised description."
        world.event.save()
        assert "Revised description." in fetch(client, address).html
        world.trip.title_en = "Renamed trip"
        world.trip.save()
        assert "Renamed trip" in fetch(client, address).html
        world.release.title_en = "Retitled release"
        world.release.save()
        assert "Retitled release" in fetch(client, address).html


class TestSitemap:
    def test_events_of_public_trips_are_listed_with_alternates(self, public_client, world):
        body = public_client.get("/sitemap-events.xml").content.decode()
        for lang in LANGUAGES:
            assert f"<loc>http://press.example.org{url_of(world.event, lang)}</loc>" in body
        assert 'hreflang="x-default"' in body
        assert url_of(world.hidden_event) not in body
        assert "secret" not in body.lower()


# --- the admin --------------------------------------------------------------------------


def admin_trip_with_events(admin_client, slugs):
    """Add one event per slug given ("" for none) to a new trip through the admin's event
    form, as the trip's "Add an event" link opens it, all titled alike; the responses."""
    trip = VisitFactory(legs=1)
    leg = trip.legs.get()
    with translation.override("en"):
        url = reverse("admin:visits_engagement_add") + f"?visit={trip.pk}"
    responses = []
    for slug in slugs:
        data = post_data(admin_client.get(url))
        data.update(
            {
                "visit": str(trip.pk),
                "date": leg.start_date.isoformat(),
                "kind": "meeting",
                "title_en": "Meeting at city hall",
                "slug": slug,
            }
        )
        responses.append(admin_client.post(url, data))
    return trip, responses


@pytest.mark.django_db
def test_events_added_in_the_trip_admin_without_slugs_get_one_each(admin_client):
    trip, responses = admin_trip_with_events(admin_client, ["", ""])
    assert [response.status_code for response in responses] == [302, 302]
    assert sorted(trip.engagements.values_list("slug", flat=True)) == [
        "meeting-at-city-hall",
        "meeting-at-city-hall-2",
    ]


@pytest.mark.django_db
def test_a_second_event_of_one_trip_given_the_same_slug_is_refused(admin_client):
    trip, (first, second) = admin_trip_with_events(admin_client, ["talks", "talks"])
    assert first.status_code == 302
    assert second.status_code == 200
    assert "Another event of this trip has this slug." in second.content.decode()
    assert list(trip.engagements.values_list("slug", flat=True)) == ["talks"]
