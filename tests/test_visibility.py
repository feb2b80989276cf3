"""Each visibility rule is written twice, in Python for an item in hand and in SQL for a
query (`visits.publishing.publishable`, `press.models.visibility`). On a grid of release
states and times, each pair must agree, and the page cache's next moments must bound
every change of what the public sees: changing one form without its twin fails here."""

from datetime import UTC, datetime, timedelta

import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from press.models import (
    PressRelease,
    language_time_field,
    next_release_moments,
    ready_field,
    visibility,
)
from press.sitemaps import ReleaseSitemap
from tests.factories import PressReleaseFactory
from visits.changes import content_version
from visits.changes.moments import scheduled_publications
from visits.models import ContentVersion
from visits.publishing import APPROVED, Status, public_at
from visits.text import LANGUAGE_CODES

HOUR_0 = datetime(2024, 7, 25, tzinfo=UTC)
#: Times are whole hours from 0 to LAST_HOUR; the rules are read at each of MOMENTS.
LAST_HOUR = 6
MOMENTS = (-1, 1, 3, 5, 7)


def hour(n: int) -> datetime:
    return HOUR_0 + timedelta(hours=n)


hours = st.integers(0, LAST_HOUR)
drawn_release = st.fixed_dictionaries(
    {
        "status": st.sampled_from(Status.values),
        "hour": st.none() | hours,
        "updated": hours,
        "ready": st.fixed_dictionaries({code: st.booleans() for code in LANGUAGE_CODES}),
        "own": st.fixed_dictionaries({code: st.none() | hours for code in LANGUAGE_CODES}),
        "withdrawn_hour": hours,
        "was_public": st.booleans(),
    }
)


def release_row(drawn: dict) -> dict:
    """The fields of a release in the drawn state, made to hold the table's constraints
    (an approved release has a time and a launch language; only a release withdrawn after
    its time can have been public)."""
    status = drawn["status"]
    published_at = None if drawn["hour"] is None else hour(drawn["hour"])
    if status in APPROVED and published_at is None:
        published_at = hour(0)
    row = {"status": status, "published_at": published_at, "visit": None}
    for code in LANGUAGE_CODES:
        row[ready_field(code)] = drawn["ready"][code]
        own = drawn["own"][code]
        row[language_time_field(code)] = None if own is None else hour(own)
    if status in APPROVED and not visibility.has_launch_language(PressRelease(**row)):
        row["ready_en"], row["public_from_en"] = True, None
    if status == Status.WITHDRAWN:
        row["withdrawn_at"] = hour(drawn["withdrawn_hour"])
        row["was_public"] = (
            drawn["was_public"] and published_at is not None and published_at <= row["withdrawn_at"]
        )
    return row


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def visible(release, moment) -> tuple:
    """What the public sees of ``release`` at ``moment``, by the Python forms: whether it
    is listed, whether its page opens, and in which languages."""
    if not visibility.on_record(release, moment):
        return (False, False, ())
    listed = public_at(release.status, release.published_at, moment)
    return (listed, True, visibility.public_languages(release, moment))


class TestPythonAndSqlAgree(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        ContentVersion.objects.update_or_create(pk=1, defaults={"number": 1})

    def make(self, drawn) -> list[PressRelease]:
        rows = [release_row(state) for state in drawn]
        releases = PressRelease.objects.bulk_create(
            PressReleaseFactory.build(slug=f"grid-{index}", **row) for index, row in enumerate(rows)
        )
        for release, state in zip(releases, drawn, strict=True):
            release.updated_at = hour(state["updated"])
            PressRelease.objects.filter(pk=release.pk).update(updated_at=release.updated_at)
        return releases

    @settings(max_examples=60, deadline=None, database=None)
    @given(drawn=st.lists(drawn_release, min_size=1, max_size=6))
    def test_on_every_state_and_time(self, drawn):
        releases = self.make(drawn)
        everything = PressRelease.objects.all()
        for n in MOMENTS:
            now = hour(n)
            with time_machine.travel(now, tick=False):
                self.check_release_rules(releases, everything, now)
                self.check_languages(releases, everything, now)
                self.check_dates(releases, now)

    def check_release_rules(self, releases, everything, now):
        def where(rule):
            return {release.pk for release in releases if rule(release)}

        assert pks(everything.published()) == where(lambda r: r.is_public)
        assert pks(everything.published()) == where(
            lambda r: public_at(r.status, r.published_at, now)
        )
        assert pks(everything.withdrawn()) == where(lambda r: visibility.withdrawn_by(r, now))
        assert pks(everything.on_record()) == where(lambda r: visibility.on_record(r, now))
        assert pks(everything.filter(visibility.launch_language_q())) == where(
            visibility.has_launch_language
        )

    def check_languages(self, releases, everything, now):
        for code in LANGUAGE_CODES:
            own_part = pks(everything.filter(visibility.language_out_q(code)))
            assert own_part == {r.pk for r in releases if visibility.language_out(r, code, now)}
            out = pks(everything.out_in(code))
            assert out == {r.pk for r in releases if visibility.out_in(r, code, now)}
            # A public release's readers see exactly the languages its lists and feeds
            # carry it in.
            for release in releases:
                if release.is_public:
                    assert (code in release.public_languages()) == (release.pk in out)
            out_at = dict(everything.language_times(code).values_list("pk", "out_at"))
            assert out_at == {r.pk: visibility.out_at(r, code) for r in releases}
            newest = content_version(
                latest=visibility.newest_out_at(PressRelease.objects.out_in(code), code)
            )[2]
            times = [visibility.out_at(r, code) for r in releases if r.pk in out]
            assert newest == max(times, default=None)

    def check_dates(self, releases, now):
        """The sitemap dates a release, in the index by SQL and on its entries by
        Python: the index's date is its latest entry's."""
        sitemap = ReleaseSitemap()
        items = sitemap.items().annotate(
            lastmod=sitemap.lastmod_expression(), last_out=visibility.last_out_expression()
        )
        for item in items:
            release = next(r for r in releases if r.pk == item.pk)
            assert item.last_out == visibility.last_out(release, now)
            entries = [sitemap.language_lastmod(item, code) for code in sitemap.languages(item)]
            assert item.lastmod == max(entries)

    @settings(max_examples=60, deadline=None, database=None)
    @given(drawn=st.lists(drawn_release, min_size=1, max_size=6))
    def test_nothing_public_changes_before_the_page_cache_horizon(self, drawn):
        """The page cache keeps a page until the next moment a release or its language
        changes by time alone: until then, by the Python rules, nothing public changes."""
        releases = self.make(drawn)
        for start in range(-1, LAST_HOUR + 2):
            now = hour(start)
            sources = {**scheduled_publications(now), **next_release_moments(now)}
            moments = [moment for qs in sources.values() if (moment := qs.first()) is not None]
            horizon = min(moments, default=hour(LAST_HOUR + 2))
            before = [visible(release, now) for release in releases]
            moment = now + timedelta(minutes=30)
            while moment < horizon:
                assert [visible(release, moment) for release in releases] == before, moment
                moment += timedelta(minutes=30)
