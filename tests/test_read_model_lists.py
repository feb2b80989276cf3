"""Lists read their items' cards from the read model (visits/readmodel/cards.py): the same
pages whether the cards are there or not, with the list's own door deciding what shows;
and the filter menus' options kept per process while the content stays as it was."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.kept import kept
from press.models import Coverage, PressRelease
from tests.factories import (
    CoverageFactory,
    OutletFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from visits.models import ReadRow, Visit
from visits.publishing import Status
from visits.readmodel import building, reading

pytestmark = pytest.mark.django_db

RELEASE, COVERAGE = "press.pressrelease", "press.coverage"


def url(name, lang="en", query="", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs) + query


@pytest.fixture
def world():
    trip = VisitFactory(title_en="Trip to Jakarta", title_ko="자카르타 방문", slug="jakarta")
    robotics = TopicFactory(name_en="Robotics", name_ko="로봇", slug="robotics")
    releases = [
        PressReleaseFactory(
            visit=trip,
            title_en=f"Jakarta, day {n}",
            title_ko=f"자카르타 {n}일" if n % 2 else "",
            lead_en=f"What the mayor did on day {n} & <why>.",
            topics=[robotics] if n % 3 else [],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(6)
    ]
    outlets = [OutletFactory(name_en="Jakarta Post"), OutletFactory(language="ko")]
    coverage = [
        CoverageFactory(
            visit=trip,
            outlet=outlets[n % 2],
            headline=f"Seoul mayor in Jakarta, part {n}",
            translated_headline_en="" if n % 2 == 0 else f"Mayor in Jakarta {n}",
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(5)
    ]
    return SimpleNamespace(trip=trip, topic=robotics, releases=releases, coverage=coverage)


def list_urls(world):
    return [
        url("press:release_list"),
        url("press:release_list", "ko", "?topic=robotics"),
        url("press:release_list", "ja", "?trip=jakarta&page=1"),
        url("press:coverage_list"),
        url("press:coverage_list", "zh-hans"),
        url("press:home"),
        url("press:home", "ko"),
        url("press:topic_detail", slug="robotics"),
        url("press:topic_detail", "ja", slug="robotics"),
    ]


def text(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def pages(client, world) -> dict:
    found = {}
    for address in list_urls(world):
        response = client.get(address)
        assert response.status_code == 200, address
        found[address] = response.content.decode()
    return found


@pytest.fixture(autouse=True)
def _nothing_kept():
    """What another test's content had kept (its transaction rolled back) is forgotten."""
    kept.forget()
    yield
    kept.forget()


def build_cards(world):
    building.build(RELEASE, [r.pk for r in world.releases])
    building.build(COVERAGE, [c.pk for c in world.coverage])


def cards():
    return ReadRow.objects.filter(kind__in=[RELEASE, COVERAGE]).exclude(card="")


class TestTheSameLists:
    def test_cards_present_missing_for_some_or_for_all_give_the_same_pages(self, client, world):
        assert not ReadRow.objects.exists()
        none = pages(client, world)
        build_cards(world)
        assert cards().count() == 4 * (len(world.releases) + len(world.coverage))
        every = pages(client, world)
        cards().filter(object_id__in=[world.releases[1].pk, world.coverage[2].pk]).delete()
        ReadRow.objects.filter(object_id=world.releases[4].pk).update(card="")
        some = pages(client, world)
        for address, page in none.items():
            assert every[address] == page, address
            assert some[address] == page, address
        assert "Jakarta, day 3" in none[url("press:release_list")]
        assert "자카르타 1일" in none[url("press:release_list", "ko", "?topic=robotics")]
        assert "Seoul mayor in Jakarta, part 4" in none[url("press:coverage_list")]

    def test_a_list_shows_the_cards_it_finds(self, client, world):
        """The lists really read the cards (a card changed behind the builder's back shows)."""
        build_cards(world)
        ReadRow.objects.filter(kind=RELEASE, object_id=world.releases[2].pk, language="en").update(
            card="<article>The card of day 2</article>"
        )
        ReadRow.objects.filter(kind=COVERAGE, object_id=world.coverage[0].pk, language="en").update(
            card="<article>The card of part 0</article>"
        )
        releases = text(client, url("press:release_list"))
        assert "<article>The card of day 2</article>" in releases
        assert "Jakarta, day 2" not in releases
        assert "<article>The card of part 0</article>" in text(client, url("press:coverage_list"))
        home = text(client, url("press:home"))
        assert "The card of day 2" in home and "The card of part 0" in home
        assert "The card of day 2" in text(client, url("press:topic_detail", slug="robotics"))
        # Another language has its own card.
        assert "The card of day 2" not in text(client, url("press:release_list", "ko"))

    def test_queries_stay_few_with_cards_and_without(self, client, world):
        def queries(address):
            client.get(address)
            with CaptureQueriesContext(connection) as ctx:
                client.get(address)
            return len(ctx)

        without = {address: queries(address) for address in list_urls(world)}
        build_cards(world)
        with_cards = {address: queries(address) for address in list_urls(world)}
        for address, count in with_cards.items():
            assert count <= without[address], address
            assert count <= 12, address
        # The ORM path loads each list's items and what they show; the cards path does not.
        assert with_cards[url("press:release_list")] < without[url("press:release_list")]

    def test_missing_cards_are_queued_and_logged(self, client, world, caplog):
        reading.IMMEDIATE = False
        reading._queued.clear()
        with caplog.at_level(logging.INFO, logger="visits.readmodel"):
            client.get(url("press:release_list"))
            client.get(url("press:release_list"))  # asked once a minute at most
        queued = [r.getMessage() for r in caplog.records if "no current card" in r.getMessage()]
        assert len(queued) == 1
        assert str(world.releases[0].pk) in queued[0]


class TestTheListsDoorDecides:
    def test_a_card_of_an_item_taken_down_without_a_signal_never_shows(self, client, world):
        build_cards(world)
        hidden, late = world.releases[2], world.coverage[1]
        PressRelease.objects.filter(pk=hidden.pk).update(status=Status.DRAFT)
        Coverage.objects.filter(pk=late.pk).update(published_at=timezone.now() + timedelta(days=1))
        assert cards().filter(object_id=hidden.pk, kind=RELEASE).exists()
        assert cards().filter(object_id=late.pk, kind=COVERAGE).exists()
        for address, page in pages(client, world).items():
            assert hidden.title_en not in page, address
            assert late.headline not in page, address
        assert "Jakarta, day 3" in text(client, url("press:release_list"))

    def test_a_filter_still_decides_what_a_list_shows(self, client, world):
        build_cards(world)
        page = text(client, url("press:release_list", query="?topic=robotics"))
        assert "Jakarta, day 1" in page and "Jakarta, day 3" not in page  # day 3 has no topic

    def test_a_withdrawn_release_leaves_the_lists_though_its_card_stays(self, client, world):
        build_cards(world)
        withdrawn = world.releases[1]
        PressRelease.objects.filter(pk=withdrawn.pk).update(
            status=Status.WITHDRAWN, was_public=True, withdrawn_at=timezone.now()
        )
        building.build(RELEASE, [withdrawn.pk])  # its page stays on record, with its card
        assert cards().filter(object_id=withdrawn.pk, kind=RELEASE).exists()
        for address, page in pages(client, world).items():
            assert withdrawn.title_en not in page, address

    def test_an_embargo_lifts_on_time_in_the_lists(self, client, world):
        build_cards(world)
        embargoed = PressReleaseFactory(scheduled=True, visit=world.trip, title_en="Embargoed")
        assert "Embargoed" not in text(client, url("press:release_list"))
        with time_machine.travel(embargoed.published_at + timedelta(minutes=1)):
            assert "Embargoed" in text(client, url("press:release_list"))


class TestEditsReachTheCards:
    def test_an_edit_to_one_release_changes_its_card_in_the_list(self, client, world):
        build_cards(world)
        release = world.releases[2]
        release.title_en = "Jakarta, day 2, revised"
        release.save()
        page = text(client, url("press:release_list"))
        assert "Jakarta, day 2, revised" in page
        building.build(RELEASE, [release.pk])
        card = ReadRow.objects.get(kind=RELEASE, object_id=release.pk, language="en").card
        assert "Jakarta, day 2, revised" in card
        assert text(client, url("press:release_list")) == page

    def test_a_trip_renamed_changes_the_cards_that_show_it(self, client, world):
        build_cards(world)
        world.trip.title_en = "Trip to Jakarta and Bandung"
        world.trip.save()
        page = text(client, url("press:release_list"))
        assert page.count("Trip to Jakarta and Bandung") >= len(world.releases)

    @pytest.mark.on_commit
    def test_after_the_commit_a_card_is_built_again(
        self, client, world, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            world.trip.save()  # the world's own creation, announced
        build_cards(world)
        release = world.releases[0]
        with django_capture_on_commit_callbacks(execute=True):
            release.title_en = "Jakarta, the first day"
            release.save()
        card = ReadRow.objects.get(kind=RELEASE, object_id=release.pk, language="en").card
        assert "Jakarta, the first day" in card
        assert "Jakarta, the first day" in text(client, url("press:release_list"))


# --- the filter menus ------------------------------------------------------------------


def menu_queries(client, address):
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(address).content.decode()
    return page, [q["sql"] for q in ctx]


def option(label):
    return f">{label}</option>"


@pytest.mark.on_commit
class TestMenus:
    """Outside the tests' never-committed transactions (``on_commit``), as in production."""

    @pytest.fixture(autouse=True)
    def committed(self, world, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            world.trip.save()  # a content version to keep the menus by
        self.capture = django_capture_on_commit_callbacks

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "?topic=robotics",
            "?trip=jakarta&page=2",
            "?trip=nowhere",
            "?country=XX",
            "?published_after=never",
            "?language=tlh",
            "?outlet=nowhere&date_after=2024-13-01",
        ],
    )
    @pytest.mark.parametrize("name", ["press:release_list", "press:coverage_list"])
    def test_kept_menus_give_the_same_pages_errors_included(self, client, name, query):
        address = url(name, "ko", query)
        reading.IMMEDIATE = True  # menus read afresh
        fresh = client.get(address).content.decode()
        reading.IMMEDIATE = False
        client.get(address)
        assert client.get(address).content.decode() == fresh

    def test_an_unfiltered_list_is_the_list_with_an_empty_filter(self, client):
        """The blank form and the count an unfiltered list keeps are the filtered list's."""

        def shown(page):  # the form, the count and the items (links elsewhere keep "?trip=")
            return page[page.index('<form class="filters"') : page.index("</main>")]

        for name in ("press:release_list", "press:coverage_list"):
            client.get(url(name))
            unfiltered = text(client, url(name))
            assert shown(unfiltered) == shown(text(client, url(name, query="?trip=")))

    def test_the_count_of_an_unfiltered_list_follows_edits_and_time(self, client, world):
        count = len(world.releases)
        assert f"{count} press releases" in text(client, url("press:release_list"))
        with self.capture(execute=True):
            PressReleaseFactory(visit=world.trip, title_en="One more")
            later = PressReleaseFactory(scheduled=True, visit=world.trip, title_en="Later")
        assert f"{count + 1} press releases" in text(client, url("press:release_list"))
        with time_machine.travel(later.published_at + timedelta(minutes=1)):
            assert f"{count + 2} press releases" in text(client, url("press:release_list"))
        with self.capture(execute=True):
            Coverage.objects.get(pk=world.coverage[0].pk).delete()
        page = text(client, url("press:coverage_list"))
        assert f"{len(world.coverage) - 1} articles" in page

    def test_the_count_of_a_filtered_list_follows_edits(self, client, world):
        address = url("press:release_list", query="?topic=robotics")
        assert "4 press releases" in text(client, address)  # days 1, 2, 4 and 5
        assert "4 press releases" in text(client, address + "&page=1")
        with self.capture(execute=True):
            world.releases[0].topics.add(world.topic)
        assert "5 press releases" in text(client, address)
        with self.capture(execute=True):
            world.releases[1].status = Status.DRAFT
            world.releases[1].save()
        assert "4 press releases" in text(client, address)

    def test_menus_are_read_once_per_language(self, client, world):
        build_cards(world)
        first, cold = menu_queries(client, url("press:release_list"))
        second, warm = menu_queries(client, url("press:release_list"))
        assert second == first
        assert len(warm) < len(cold)
        assert not [q for q in warm if '"press_topic"' in q or '"visits_city"' in q]
        _korean, korean = menu_queries(client, url("press:release_list", "ko"))
        assert [q for q in korean if '"press_topic"' in q]  # its own names
        assert option("Trip to Jakarta") in first and option("Robotics") in first

    def test_a_committed_edit_reaches_the_menus_that_show_it_at_once(self, client, world):
        client.get(url("press:release_list"))
        trips = kept.values[("ReleaseFilter.trip", "en")]
        with self.capture(execute=True):
            culture = TopicFactory(name_en="Culture")
            world.releases[0].topics.add(culture)
        page = text(client, url("press:release_list"))
        assert option("Culture") in page
        assert kept.values[("ReleaseFilter.trip", "en")] is trips  # not read again
        with self.capture(execute=True):
            world.trip.title_en = "Trip to Jakarta, renamed"
            world.trip.save()
        assert option("Trip to Jakarta, renamed") in text(client, url("press:release_list"))

    def test_an_edit_committed_by_another_process_reaches_the_menus_within_the_recheck(
        self, client, world, settings
    ):
        from visits.changes import tags, version

        client.get(url("press:release_list"))
        # Another process's commit: the version moves on, this process hears nothing.
        Visit.objects.filter(pk=world.trip.pk).update(title_en="Trip to Jakarta, elsewhere")
        version.record([tags.model_tag(Visit), tags.item_tag(Visit, world.trip.pk)])
        settings.PRESSROOM_PAGE_CACHE_RECHECK = 3600
        page = text(client, url("press:release_list"))
        assert option("Trip to Jakarta, elsewhere") not in page
        settings.PRESSROOM_PAGE_CACHE_RECHECK = 0
        page = text(client, url("press:release_list"))
        assert option("Trip to Jakarta, elsewhere") in page

    def test_a_trip_that_goes_public_by_time_alone_joins_the_menus_on_time(self, client, world):
        with self.capture(execute=True):
            later = VisitFactory(scheduled=True, title_en="Trip to Hanoi", slug="hanoi")
        assert option("Trip to Hanoi") not in text(client, url("press:coverage_list"))
        with time_machine.travel(later.published_at + timedelta(minutes=1)):
            page = text(client, url("press:coverage_list"))
        assert option("Trip to Hanoi") in page
