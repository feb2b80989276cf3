"""The read model (visits/readmodel/): item pages read from rows the change pipeline
builds, through the same door as ever, and retired only by what touches them."""

import logging
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.models import Coverage, PressRelease
from tests.factories import (
    CoverageFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from visits.changes import tags
from visits.models import ReadRow, ReadTag, Visit
from visits.publishing import Status
from visits.readmodel import building, reading, upkeep

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "ko", "zh-hans", "ja")


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def world():
    trip = VisitFactory(title_en="Trip to Jakarta", title_ko="자카르타 방문")
    other_trip = VisitFactory(title_en="Trip to Hanoi")
    photo = PhotoFactory(visit=trip)
    topic = TopicFactory()
    release = PressReleaseFactory(
        visit=trip,
        title_en="Mayor signs the smart city pact",
        title_ko="시장, 스마트시티 협약 서명",
        photos=[photo],
        topics=[topic],
    )
    sibling = PressReleaseFactory(visit=trip, title_en="Second day in Jakarta")
    stranger = PressReleaseFactory(visit=other_trip, title_en="A day in Hanoi")
    coverage = CoverageFactory(visit=trip, headline="Seoul and Jakarta sign a pact")
    coverage.releases.add(release)
    return SimpleNamespace(
        trip=trip,
        other_trip=other_trip,
        photo=photo,
        topic=topic,
        release=release,
        sibling=sibling,
        stranger=stranger,
        coverage=coverage,
    )


def pages(world):
    """(kind, id, url name, URL keyword) of every item page in the world."""
    return [
        (
            "press.pressrelease",
            world.release.pk,
            "press:release_detail",
            {"slug": world.release.slug},
        ),
        ("visits.visit", world.trip.pk, "visits:visit_detail", {"slug": world.trip.slug}),
        ("press.coverage", world.coverage.pk, "press:coverage_detail", {"pk": world.coverage.pk}),
        ("press.photo", world.photo.pk, "press:photo_detail", {"pk": world.photo.pk}),
    ]


def row_ids(kind, pk):
    return set(ReadRow.objects.filter(kind=kind, object_id=pk).values_list("pk", flat=True))


class TestTheSamePage:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_a_row_gives_the_page_the_view_gives_byte_for_byte(self, client, world, lang):
        reading.IMMEDIATE = False  # no row: the view serves the page
        for kind, pk, name, kwargs in pages(world):
            address = url(name, lang, **kwargs)
            from_view = client.get(address)
            assert from_view.status_code == 200
            assert not ReadRow.objects.filter(kind=kind, object_id=pk).exists()
            building.build(kind, [pk])
            client.get(address)  # this process reads what changed, at most once a second
            with CaptureQueriesContext(connection) as queries:
                from_row = client.get(address)
            assert len(queries) == 1, f"{kind}: {[q['sql'] for q in queries]}"
            assert from_row.content == from_view.content, kind
            assert from_row["Content-Type"] == from_view["Content-Type"]

    def test_a_withdrawn_release_keeps_its_notice_and_noindex(self, client, world):
        release = world.release
        release.status, release.was_public = Status.WITHDRAWN, True
        release.withdrawn_at = timezone.now() - timedelta(minutes=1)
        release.withdrawal_reason_en = "Published in error."
        release.save()
        building.build("press.pressrelease", [release.pk])
        response = client.get(release.get_absolute_url())
        assert response["X-Robots-Tag"] == "noindex"
        assert "Published in error." in response.content.decode()

    def test_links_are_on_the_readers_own_host(self, client, world, settings):
        settings.ALLOWED_HOSTS = ["press.example.org"]
        building.build("press.pressrelease", [world.release.pk])
        page = client.get(world.release.get_absolute_url(), HTTP_HOST="press.example.org")
        text = page.content.decode()
        assert f'href="http://press.example.org{world.release.get_absolute_url()}"' in text
        assert building.HOST not in text


class TestTheDoorDecides:
    def test_a_row_of_an_item_taken_down_without_a_signal_is_never_served(self, client, world):
        address = world.release.get_absolute_url()
        assert client.get(address).status_code == 200
        assert ReadRow.objects.filter(object_id=world.release.pk).exists()
        PressRelease.objects.filter(pk=world.release.pk).update(status=Status.DRAFT)
        assert client.get(address).status_code == 404
        Coverage.objects.filter(pk=world.coverage.pk).update(
            published_at=timezone.now() + timedelta(days=1)
        )
        assert client.get(url("press:coverage_detail", pk=world.coverage.pk)).status_code == 404

    def test_an_embargo_lifts_on_time_through_the_read_model(self, client, world):
        release = PressReleaseFactory(scheduled=True, visit=world.trip, title_en="Embargoed")
        address = release.get_absolute_url()
        assert client.get(address).status_code == 404
        assert "Embargoed" not in client.get(world.trip.get_absolute_url()).content.decode()
        with time_machine.travel(release.published_at + timedelta(minutes=1), tick=False):
            assert client.get(address).status_code == 200
            # The trip's row was built before the embargo lifted: its horizon has passed.
            trip_page = client.get(world.trip.get_absolute_url()).content.decode()
            assert "Embargoed" in trip_page

    def test_when_time_alone_publishes_an_item_only_the_rows_that_show_it_go(self, client, world):
        release = PressReleaseFactory(scheduled=True, visit=world.trip, title_en="Embargoed")
        for kind, pk, _name, _kwargs in pages(world):
            building.build(kind, [pk])
        building.build("press.pressrelease", [world.stranger.pk])
        stranger_rows = row_ids("press.pressrelease", world.stranger.pk)
        trip_rows = row_ids("visits.visit", world.trip.pk)
        assert ReadRow.objects.filter(valid_until=release.published_at).count() > 4
        with time_machine.travel(release.published_at + timedelta(minutes=1), tick=False):
            assert upkeep.sweep() == 1
            # The stranger's rows stay, kept until the next horizon (none is scheduled).
            assert row_ids("press.pressrelease", world.stranger.pk) == stranger_rows
            kept = ReadRow.objects.filter(pk__in=stranger_rows)
            assert set(kept.values_list("valid_until", flat=True)) == {None}
            assert not row_ids("visits.visit", world.trip.pk) & trip_rows
            assert "Embargoed" in client.get(world.trip.get_absolute_url()).content.decode()
            assert upkeep.sweep() == 0

    def test_a_scheduled_withdrawal_takes_effect_on_time(self, client, world):
        release = world.release
        at = timezone.now() + timedelta(hours=2)
        release.status, release.was_public, release.withdrawn_at = Status.WITHDRAWN, True, at
        release.withdrawal_reason_en = "Superseded."
        release.save()
        building.build("press.pressrelease", [release.pk])
        assert "X-Robots-Tag" not in client.get(release.get_absolute_url())
        with time_machine.travel(at + timedelta(minutes=1), tick=False):
            response = client.get(release.get_absolute_url())
            assert response["X-Robots-Tag"] == "noindex"

    def test_editors_previews_and_query_strings_get_the_view(self, client, world, admin_user):
        building.build("press.pressrelease", [world.release.pk])
        with CaptureQueriesContext(connection) as queries:
            client.get(world.release.get_absolute_url() + "?utm_source=feed")
        assert len(queries) > 1
        draft = PressReleaseFactory(draft=True, visit=world.trip)
        client.force_login(admin_user)
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert not ReadRow.objects.filter(object_id=draft.pk, kind="press.pressrelease").exists()


class TestMissingRows:
    def test_pages_stay_right_when_rows_are_lost_and_the_loss_is_logged(
        self, client, world, caplog
    ):
        for kind, pk, _name, _kwargs in pages(world):
            building.build(kind, [pk])
        expected = {name: client.get(url(name, **kw)).content for _k, _p, name, kw in pages(world)}
        ReadRow.objects.all().delete()
        reading.IMMEDIATE = False
        reading._queued.clear()
        with caplog.at_level(logging.INFO, logger="visits.readmodel"):
            for _kind, _pk, name, kwargs in pages(world):
                assert client.get(url(name, **kwargs)).content == expected[name]
        queued = [r for r in caplog.records if "queued" in r.getMessage()]
        assert len(queued) == len(pages(world))

    def test_a_row_built_for_a_time_that_passed_is_not_used(self, client, world):
        building.build("press.pressrelease", [world.release.pk])
        ReadRow.objects.update(valid_until=timezone.now() - timedelta(seconds=1))
        reading.IMMEDIATE = False
        with CaptureQueriesContext(connection) as queries:
            assert client.get(world.release.get_absolute_url()).status_code == 200
        assert len(queries) > 2  # the view served it


class TestEditsRetireWhatTheyTouch:
    def build_all(self, world, capture=None):
        if capture is not None:  # announce the world's own creation first
            with capture(execute=True):
                world.stranger.save()
        for kind, pk, _name, _kwargs in pages(world):
            building.build(kind, [pk])
        building.build("press.pressrelease", [world.stranger.pk])

    def test_tags_name_what_a_page_shows(self, world):
        self.build_all(world)
        shown = set(
            ReadTag.objects.filter(
                kind="press.pressrelease", object_id=world.release.pk
            ).values_list("tag", flat=True)
        )
        assert tags.item_tag(PressRelease, world.release.pk) in shown
        assert tags.item_tag(Visit, world.trip.pk) in shown
        assert tags.members_tag(Visit, world.trip.pk) in shown
        assert tags.item_tag(type(world.topic), world.topic.pk) in shown
        assert tags.item_tag(type(world.photo), world.photo.pk) in shown
        assert tags.item_tag(Visit, world.other_trip.pk) not in shown

    def test_an_edit_drops_its_own_and_its_trips_rows_not_others(self, client, world):
        self.build_all(world)
        stranger_rows = row_ids("press.pressrelease", world.stranger.pk)
        trip_rows = row_ids("visits.visit", world.trip.pk)
        sibling = world.sibling
        sibling.title_en = "Second day in Jakarta, revised"
        sibling.save()
        assert row_ids("press.pressrelease", world.stranger.pk) == stranger_rows
        assert not row_ids("visits.visit", world.trip.pk) & trip_rows
        page = client.get(world.trip.get_absolute_url()).content.decode()
        assert "Second day in Jakarta, revised" in page

    def test_a_topic_renamed_retires_the_pages_that_show_it(self, client, world):
        self.build_all(world)
        stranger_rows = row_ids("press.pressrelease", world.stranger.pk)
        world.topic.name_en = "Smart cities"
        world.topic.save()
        assert not row_ids("press.pressrelease", world.release.pk)
        assert row_ids("press.pressrelease", world.stranger.pk) == stranger_rows
        assert "Smart cities" in client.get(world.release.get_absolute_url()).content.decode()

    @pytest.mark.on_commit
    def test_after_the_commit_rows_are_built_again_on_the_queue(
        self, client, world, django_capture_on_commit_callbacks
    ):
        self.build_all(world, django_capture_on_commit_callbacks)
        stranger_rows = row_ids("press.pressrelease", world.stranger.pk)
        with django_capture_on_commit_callbacks(execute=True):
            world.release.title_en = "Mayor signs the pact, updated"
            world.release.save()
        rows = ReadRow.objects.filter(kind="press.pressrelease", object_id=world.release.pk)
        assert rows.count() == len(LANGUAGES)  # built again by the (immediate) queue
        client.get(world.release.get_absolute_url())  # reads what changed, once a second
        with CaptureQueriesContext(connection) as queries:
            page = client.get(world.release.get_absolute_url()).content.decode()
        assert len(queries) == 1
        assert "Mayor signs the pact, updated" in page
        assert row_ids("press.pressrelease", world.stranger.pk) == stranger_rows

    @pytest.mark.on_commit
    def test_building_rows_is_no_content_change(self, world, django_capture_on_commit_callbacks):
        from visits.changes import content_version

        self.build_all(world, django_capture_on_commit_callbacks)
        before = content_version()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            building.build("press.pressrelease", [world.release.pk, world.stranger.pk])
        assert content_version() == before
        assert not callbacks

    @pytest.mark.on_commit
    def test_a_deleted_item_loses_its_rows(self, world, django_capture_on_commit_callbacks):
        self.build_all(world, django_capture_on_commit_callbacks)
        pk = world.stranger.pk
        with django_capture_on_commit_callbacks(execute=True):
            world.stranger.delete()
        assert not ReadRow.objects.filter(kind="press.pressrelease", object_id=pk).exists()
        assert not ReadTag.objects.filter(kind="press.pressrelease", object_id=pk).exists()


class TestRebuild:
    def test_the_command_builds_every_open_item_and_forgets_the_rest(self, world):
        draft = PressReleaseFactory(draft=True, visit=world.trip)
        ReadRow.objects.create(
            kind="press.pressrelease",
            object_id=draft.pk,
            language="en",
            page=b"",
            tags="",
            version=0,
        )
        out = StringIO()
        call_command("rebuild_read_model", stdout=out)
        built = set(ReadRow.objects.values_list("kind", "object_id").distinct())
        assert ("press.pressrelease", world.release.pk) in built
        assert ("press.pressrelease", draft.pk) not in built
        assert ("visits.visit", world.trip.pk) in built
        assert ("press.coverage", world.coverage.pk) in built
        assert ("press.photo", world.photo.pk) in built
        assert (
            ReadRow.objects.filter(object_id=world.release.pk, kind="press.pressrelease").count()
            == 4
        )
        assert "rows" in out.getvalue()

    def test_the_newest_items_or_named_ones_alone(self, world):
        ReadRow.objects.all().delete()
        call_command("rebuild_read_model", "--kind", "press.pressrelease", "--newest", "1")
        built = set(ReadRow.objects.values_list("object_id", flat=True))
        assert built == {world.stranger.pk}  # the newest release
        call_command("rebuild_read_model", "--id", str(world.release.pk), stdout=StringIO())
        built = set(ReadRow.objects.values_list("kind", "object_id"))
        assert ("press.pressrelease", world.release.pk) in built
        assert ("press.pressrelease", world.sibling.pk) not in built

    def test_bad_numbers_are_refused(self):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="--newest"):
            call_command("rebuild_read_model", "--newest", "0")

    def test_an_unknown_kind_is_refused(self):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match=r"press\.nothing"):
            call_command("rebuild_read_model", "--kind", "press.nothing")

    def test_migrate_builds_a_read_model_that_is_missing(self, world):
        ReadRow.objects.all().delete()
        upkeep.build_if_empty()
        assert ReadRow.objects.filter(
            kind="press.pressrelease", object_id=world.release.pk
        ).exists()
