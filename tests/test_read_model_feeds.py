"""Feeds read what each entry says from the read model (press/feeds/facts.py): the items
and their order still come through the feed's door at every request, and an entry whose
facts are missing, expired or stale is written from the ORM as before. A reader cannot
tell which: the feed is the same byte for byte. Also: the hand-written entries are
escaped as Django's XML writer escapes them, and the statements built once per shape
(press/feeds/statements.py) answer as the ORM does."""

from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from hypothesis import given
from hypothesis import strategies as st

from press import feeds
from press.feeds import base, facts, statements
from press.models import ChangeNote, Coverage, PressRelease
from tests.conftest import on_public_host
from tests.factories import (
    CoverageFactory,
    OutletFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_feeds import Feed, feed_url, read_feed
from tests.test_pages import QUERY_BUDGET, url_of
from visits.models import ReadRow
from visits.publishing import Status
from visits.readmodel import building

pytestmark = pytest.mark.django_db

KINDS = ["releases", "trip releases", "trip coverage", "topic releases"]
FORMATS = ["rss", "atom"]
#: Characters a writer must escape, in text and in attributes.
AWKWARD = "Tom & Jerry's <robots> \"say\" 'hi'\tat\nnoon"


@pytest.fixture
def reader(public_client):
    return public_client


@pytest.fixture
def world():
    """A trip and a topic with three releases (one with a lead photo and awkward text, one
    in Korean only) and three articles (one in Korean with a translated headline)."""
    w = SimpleNamespace()
    now = timezone.now()
    w.trip = VisitFactory(title_en="Trip to Jakarta")
    w.robotics = TopicFactory(name_en="Robotics", name_ko="로봇")
    photo = PhotoFactory(visit=w.trip, caption_en=f"Caption {AWKWARD}", credit=AWKWARD)
    w.releases = [
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.robotics, TopicFactory(name_en=AWKWARD)],
            photos=[photo],
            title_en=f"Pact {AWKWARD}",
            title_ko="협약",
            lead_en=f"Lead {AWKWARD}",
            published_at=now - timedelta(hours=3),
        ),
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.robotics],
            title_en="",
            lead_en="",
            body_en="",
            title_ko="한국어 보도자료",
            body_ko="<p>본문</p>",
            original_language="ko",
            published_at=now - timedelta(hours=2),
        ),
        PressReleaseFactory(
            visit=w.trip,
            topics=[w.robotics],
            title_en="Second day",
            published_at=now - timedelta(hours=1),
        ),
    ]
    w.coverage = [
        CoverageFactory(
            visit=w.trip,
            outlet=OutletFactory(name_en="Reuters", language="en"),
            headline=f"Seoul {AWKWARD}",
            byline="Kim",
        ),
        CoverageFactory(
            visit=w.trip,
            outlet=OutletFactory(name_en="Yonhap", name_ko="연합뉴스", language="ko"),
            headline="서울과 자카르타",
            translated_headline_en="Seoul and Jakarta",
            summary="요약",
        ),
        CoverageFactory(visit=w.trip, outlet=OutletFactory(name_en="AP", language="en")),
    ]
    return w


def every_feed(w, langs=("en", "ko")):
    return [feed_url(w, kind, fmt, lang) for kind in KINDS for fmt in FORMATS for lang in langs]


def build_rows(w):
    building.build("press.pressrelease", [release.pk for release in w.releases])
    building.build("press.coverage", [item.pk for item in w.coverage])


def contents(client, urls) -> dict[str, bytes]:
    return {url: read_feed(client, url).response.content for url in urls}


def set_title(item, title: str) -> None:
    """Write ``title`` into the read model's facts of ``item`` in every language, as a row
    built before an edit would hold it."""
    for row in ReadRow.objects.filter(kind=item._meta.label_lower, object_id=item.pk):
        row.facts = {**row.facts, "title": title}
        row.save(update_fields=["facts"])


# --- the same feed, whatever the read model holds ------------------------------------------


class TestTheSameFeed:
    @time_machine.travel(timezone.now(), tick=False)  # an empty feed is dated now
    def test_with_facts_for_all_some_or_no_items(self, reader, world):
        urls = every_feed(world, ("en", "ko", "zh-hans", "ja"))
        from_orm = contents(reader, urls)
        build_rows(world)
        assert ReadRow.objects.exclude(facts={}).count() == 6 * 4
        assert contents(reader, urls) == from_orm
        # Rows lost for some items (a crash between a save and its rebuild).
        ReadRow.objects.filter(object_id__in=[world.releases[1].pk, world.coverage[0].pk]).delete()
        assert contents(reader, urls) == from_orm
        ReadRow.objects.all().delete()
        assert contents(reader, urls) == from_orm

    def test_entries_are_read_from_the_facts_while_their_rows_are_valid(self, reader, world):
        build_rows(world)
        release, article = world.releases[2], world.coverage[2]
        set_title(release, "From the read model")
        set_title(article, "Article from the read model")
        for url in every_feed(world, ("en",)):
            feed = read_feed(reader, url)
            titles = {entry.title for entry in feed.entries}
            assert "From the read model" in titles or "Article from the read model" in titles

    def test_an_expired_row_is_not_read(self, reader, world):
        build_rows(world)
        release = world.releases[2]
        set_title(release, "Expired")
        ReadRow.objects.filter(object_id=release.pk).update(
            valid_until=timezone.now() - timedelta(seconds=1)
        )
        feed = read_feed(reader, feed_url(world, "releases", "atom"))
        assert feed.entries[0].title == "Second day"

    def test_only_the_items_without_facts_are_worked_out(self, reader, world, monkeypatch):
        build_rows(world)
        missing = world.releases[0].pk
        ReadRow.objects.filter(kind="press.pressrelease", object_id=missing).delete()
        asked = []

        def release_facts(keys, language):
            asked.append(sorted(keys))
            return facts.release_facts(keys, language)

        monkeypatch.setattr(
            feeds.ReleaseFeed, "entry_facts", lambda self, keys, lang: release_facts(keys, lang)
        )
        read_feed(reader, feed_url(world, "topic releases", "rss"))
        assert asked == [[missing]]


# --- what the door says, not the rows ----------------------------------------------------


class TestTheDoorDecides:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_an_item_unpublished_by_an_update_never_appears(self, reader, world, fmt):
        build_rows(world)
        release, article = world.releases[2], world.coverage[0]
        # No save, no signal: the rows stay, but the items are no longer public.
        PressRelease.objects.filter(pk=release.pk).update(status=Status.DRAFT)
        Coverage.objects.filter(pk=article.pk).update(status=Status.DRAFT)
        kept = ReadRow.objects.filter(kind="press.pressrelease", object_id=release.pk).count()
        kept += ReadRow.objects.filter(kind="press.coverage", object_id=article.pk).count()
        assert kept == 8
        for kind in KINDS:
            feed = read_feed(reader, feed_url(world, kind, fmt))
            assert feed.entries, kind
            assert on_public_host(url_of(release)) not in feed.links, kind
            assert on_public_host(url_of(article)) not in feed.links, kind
            assert "Second day" not in feed.xml, kind

    def test_an_item_scheduled_by_an_update_leaves_until_its_time(self, reader, world):
        build_rows(world)
        release = world.releases[2]
        PressRelease.objects.filter(pk=release.pk).update(
            published_at=timezone.now() + timedelta(hours=1), status=Status.SCHEDULED
        )
        feed = read_feed(reader, feed_url(world, "releases", "rss"))
        assert on_public_host(url_of(release)) not in feed.links


class TestAnEdit:
    def test_changes_its_entry_and_no_other(self, reader, world):
        build_rows(world)
        urls = every_feed(world, ("en",))
        before = {url: Feed(reader.get(url)) for url in urls}
        release = PressRelease.objects.get(pk=world.releases[2].pk)
        release.title_en = "Third day, as edited"
        release.save()
        # The edit retires the release's rows (and those of the pages that show it).
        assert not ReadRow.objects.filter(kind="press.pressrelease", object_id=release.pk)
        link = on_public_host(url_of(release))
        for url in urls:
            after = Feed(reader.get(url))
            assert after.links == before[url].links, url
            for entry, old in zip(after.entries, before[url].entries, strict=True):
                if entry.link == link:
                    assert (old.title, entry.title) == ("Second day", "Third day, as edited")
                else:
                    assert entry == old, url


# --- query counts -----------------------------------------------------------------------


def count_queries(client, url):
    """The queries of a feed, asked for twice: the first may read what changed meanwhile
    (`visits.changes.pagecache.knowledge`, at most once a second), the second is counted."""
    read_feed(client, url)
    with CaptureQueriesContext(connection) as captured:
        read_feed(client, url)
    return len(captured)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_query_count_does_not_grow_with_the_items(reader, kind, fmt):
    counts = []
    for n in (1, 12):
        w = SimpleNamespace(trip=VisitFactory(), robotics=TopicFactory())
        for _ in range(n):
            PressReleaseFactory(visit=w.trip, topics=[w.robotics])
            CoverageFactory(visit=w.trip)
        building.build("press.pressrelease", PressRelease.objects.values_list("pk", flat=True))
        building.build("press.coverage", Coverage.objects.values_list("pk", flat=True))
        url = feed_url(w, kind, fmt)
        with_facts = count_queries(reader, url)
        ReadRow.objects.all().delete()
        counts.append((with_facts, count_queries(reader, url)))
    assert counts[0] == counts[1]
    with_facts, without = counts[0]
    assert with_facts < without <= QUERY_BUDGET


# --- the writer ------------------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\x0b\x0c"))


def as_django_writes(name, content, attrs) -> str:
    out = StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.addQuickElement(name, content, dict(attrs))
    return out.getvalue()


@given(
    content=st.one_of(st.none(), text.filter(lambda s: not base_illegal(s))),
    values=st.lists(text.filter(lambda s: not base_illegal(s)), max_size=3),
)
def test_an_element_is_written_as_djangos_xml_writer_writes_it(content, values):
    attrs = tuple((f"a{index}", value) for index, value in enumerate(values))
    assert base.element("x:name", content, attrs) == as_django_writes("x:name", content, attrs)


def base_illegal(value: str) -> bool:
    return bool(facts.XML_ILLEGAL.search(value))


# --- statements built once --------------------------------------------------------------


class TestStatements:
    def test_give_what_the_orm_gives_at_each_moment(self, world):
        scheduled = PressReleaseFactory(scheduled=True, visit=world.trip)
        statement = statements.Statement(
            lambda trip: PressRelease.objects.published().filter(visit=trip).values_list("pk")
        )
        assert (scheduled.pk,) not in statement.rows(keys=(world.trip,))
        assert None not in statement._prepared.values()  # built once, with stand-ins
        PressRelease.objects.filter(pk=scheduled.pk).update(published_at=timezone.now())
        found = statement.rows(keys=(world.trip,))
        assert sorted(found) == sorted(
            PressRelease.objects.published().filter(visit=world.trip).values_list("pk")
        )
        assert (scheduled.pk,) in found
        assert statement.rows(keys=(world.coverage[0].visit,)) == found  # the same trip
        other = VisitFactory()
        assert statement.rows(keys=(other,)) == []

    def test_a_statement_whose_values_move_otherwise_is_built_each_time(self, world):
        def yesterday(trip):
            return PressRelease.objects.filter(
                visit=trip, published_at__lte=timezone.now() - timedelta(days=1)
            ).values_list("pk")

        statement = statements.Statement(yesterday)
        old = PressReleaseFactory(visit=world.trip, published_at=timezone.now() - timedelta(days=2))
        assert statement.rows(keys=(world.trip,)) == [(old.pk,)]
        assert list(statement._prepared.values()) == [None]


# --- sitemaps: one statement a page, through the door -------------------------------------

SECTIONS = ["releases", "trips", "coverage", "photos", "topics"]


def sitemap_pages(client) -> dict[str, bytes]:
    pages = {}
    for section in SECTIONS:
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200, section
        pages[section] = response.content
    return pages


class TestSitemaps:
    @time_machine.travel(timezone.now(), tick=False)
    def test_the_same_whatever_the_read_model_holds(self, reader, world):
        before = sitemap_pages(reader)
        build_rows(world)
        building.build("visits.visit", [world.trip.pk])
        assert sitemap_pages(reader) == before

    def test_an_item_unpublished_by_an_update_is_not_listed(self, reader, world):
        build_rows(world)
        release, article = world.releases[2], world.coverage[0]
        PressRelease.objects.filter(pk=release.pk).update(status=Status.DRAFT)
        Coverage.objects.filter(pk=article.pk).update(status=Status.DRAFT)
        pages = sitemap_pages(reader)
        assert on_public_host(url_of(release)).encode() not in pages["releases"]
        assert on_public_host(url_of(world.releases[0])).encode() in pages["releases"]
        assert on_public_host(url_of(article)).encode() not in pages["coverage"]

    def test_a_change_note_dates_its_entries_and_a_plain_edit_does_not(self, reader, world):
        build_rows(world)
        before = reader.get("/sitemap-releases.xml").content.decode()
        edited, other = world.releases[2], world.releases[0]
        with time_machine.travel(timezone.now() + timedelta(days=3)):
            release = PressRelease.objects.get(pk=edited.pk)
            release.title_en = "Third day, as edited"
            release.save()
            edited_only = reader.get("/sitemap-releases.xml").content.decode()
            ChangeNote.objects.create(release=release, note_en="The venue was corrected.")
            after = reader.get("/sitemap-releases.xml").content.decode()
            today = timezone.localdate().isoformat()
        assert f"{url_of(edited)}</loc><lastmod>{today}</lastmod>" in after
        assert f"{url_of(edited)}</loc><lastmod>{today}</lastmod>" not in before
        assert f"{url_of(edited)}</loc><lastmod>{today}</lastmod>" not in edited_only
        unchanged = f"{url_of(other)}</loc><lastmod>"
        assert before.split(unchanged)[1][:10] == after.split(unchanged)[1][:10]
