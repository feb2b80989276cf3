"""Public change notes (press/models/notes.py): an editor's short note when a published
release changes materially. The release page shows each, newest first, in the reader's
language; the release's feed entries and sitemap entries are dated by its last public
change (its publication, or its latest note), never by the row's own modification; a
note retires the page the read model and the page cache keep; publishers write notes in
the release's admin form and translators translate them."""

from datetime import datetime, timedelta
from io import StringIO
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.utils import timezone
from reversion.models import Version

from press.backup import backed_up_models
from press.models import ChangeNote, PressRelease
from tests.conftest import on_public_host
from tests.factories import PressReleaseFactory, assign_languages
from tests.test_admin import admin_url, messages_in, post_data
from tests.test_page_tags import (
    World,
    expected,
    page_cache,  # noqa: F401 (the fixture, used by name)
    saved,
    served,
    warm,
)
from tests.test_pages import Page, count_queries, fetch, rev, url_of
from visits.models import ReadRow
from visits.publishing import Status
from visits.readmodel import building

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def seoul(*args):
    return datetime(*args, tzinfo=SEOUL)


@pytest.fixture
def release():
    """A release of 31 July 2024, saved (so last modified) today, with two notes."""
    release = PressReleaseFactory(
        title_en="Mayor watches Tiangong run",
        title_ko="시장, 톈궁 달리는 모습 살펴",
        body_ko="<p>본문</p>",
        published_at=seoul(2024, 7, 31, 17, 0),
    )
    ChangeNote.objects.create(
        release=release,
        noted_at=seoul(2024, 8, 1, 9, 30),
        note_en="The photo captions were corrected.",
    )
    ChangeNote.objects.create(
        release=release,
        noted_at=seoul(2024, 8, 2, 11, 0),
        note_en="Tiangong's top speed was corrected to 6 km/h.",
        note_ko="톈궁의 최고 속도를 시속 6km로 바로잡았습니다.",
    )
    return release


def notes_on(page: Page) -> list[str]:
    """The page's "Updated" lines, in order."""
    found = page.html.split('<ul class="change-notes">', 1)
    assert len(found) == 2, "no change notes on the page"
    items = found[1].split("</ul>", 1)[0].split("<li>")[1:]
    return [" ".join(item.split()) for item in items]


# --- the page --------------------------------------------------------------------------


class TestThePage:
    def test_shows_each_note_newest_first_with_its_time(self, client, release):
        page = fetch(client, url_of(release))
        newest, oldest = notes_on(page)
        assert newest.startswith('Updated <time datetime="2024-08-02T11:00:00+09:00">')
        assert "Tiangong&#x27;s top speed was corrected to 6 km/h." in newest
        assert oldest.startswith('Updated <time datetime="2024-08-01T09:30:00+09:00">')
        assert "The photo captions were corrected." in oldest

    def test_in_the_readers_language_and_marked_where_it_falls_back(self, client, release):
        page = fetch(client, url_of(release, "ko"))
        newest, _oldest = notes_on(page)
        assert "톈궁의 최고 속도를 시속 6km로 바로잡았습니다." in newest
        assert "업데이트" in newest and "Updated" not in newest
        assert page.langs_of("톈궁의 최고 속도를 시속 6km로 바로잡았습니다.") == {"ko"}
        # The older note has no Korean: shown in English, marked as such.
        assert page.langs_of("The photo captions were corrected.") == {"en"}
        japanese = fetch(client, url_of(release, "ja"))
        assert japanese.langs_of("Tiangong's top speed was corrected to 6 km/h.") == {"en"}

    def test_structured_data_dates_the_last_change_by_the_newest_note(self, client, release):
        (article,) = [
            d for d in fetch(client, url_of(release)).jsonld if d["@type"] == "NewsArticle"
        ]
        assert article["datePublished"].startswith("2024-07-31T08:00:00")  # UTC
        assert article["dateModified"].startswith("2024-08-02T02:00:00")

    def test_a_release_without_notes_shows_none(self, client):
        plain = PressReleaseFactory()
        assert "change-notes" not in fetch(client, url_of(plain)).html

    def test_query_count_does_not_grow_with_the_notes(
        self, client, release, django_assert_max_num_queries
    ):
        few = count_queries(client, url_of(release), django_assert_max_num_queries)
        for day in range(3, 13):
            ChangeNote.objects.create(
                release=release, noted_at=seoul(2024, 8, day), note_en=f"Change {day}."
            )
        many = count_queries(client, url_of(release), django_assert_max_num_queries)
        assert few == many
        assert len(notes_on(fetch(client, url_of(release)))) == 12


# --- the read model and the page cache ------------------------------------------------


class TestRetirement:
    def test_a_new_note_retires_the_kept_page(self, client, release):
        building.build("press.pressrelease", [release.pk])
        rows = ReadRow.objects.filter(kind="press.pressrelease", object_id=release.pk)
        assert rows.count() == 4
        before = client.get(url_of(release)).content.decode()
        assert "The venue was corrected." not in before

        ChangeNote.objects.create(release=release, note_en="The venue was corrected.")

        assert not rows.exists()  # the note touched the release's members
        assert "The venue was corrected." in client.get(url_of(release)).content.decode()

    def test_an_edited_or_deleted_note_retires_it_too(self, client, release):
        note = release.change_notes.first()
        building.build("press.pressrelease", [release.pk])
        note.note_en = "Tiangong's top speed was corrected to 6 km an hour."
        note.save()
        assert "6 km an hour" in client.get(url_of(release)).content.decode()
        building.build("press.pressrelease", [release.pk])
        note.delete()
        assert "6 km an hour" not in client.get(url_of(release)).content.decode()


# --- feeds and the sitemap -------------------------------------------------------------


def atom_updated(client, release, lang="en") -> str:
    response = client.get(rev("press:release_feed_atom", lang))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    for entry in root.findall("atom:entry", ATOM):
        if entry.find("atom:link", ATOM).get("href") == on_public_host(url_of(release, lang)):
            return entry.find("atom:updated", ATOM).text
    raise AssertionError("the release is not in the feed")


def rss_updated(client, release) -> str:
    response = client.get(rev("press:release_feed_rss"))
    root = ElementTree.fromstring(response.content)
    for item in root.iter("item"):
        if item.find("link").text == on_public_host(url_of(release)):
            return item.find("atom:updated", ATOM).text
    raise AssertionError("the release is not in the feed")


def sitemap_lastmods(client) -> dict[str, str]:
    root = ElementTree.fromstring(client.get("/sitemap-releases.xml").content)
    return {
        node.find("sm:loc", SITEMAP).text: node.find("sm:lastmod", SITEMAP).text
        for node in root.findall("sm:url", SITEMAP)
    }


class TestFeedsAndSitemap:
    def test_feed_entries_are_updated_by_the_newest_note(self, public_client, release):
        assert atom_updated(public_client, release) == "2024-08-02T11:00:00+09:00"
        assert rss_updated(public_client, release) == "2024-08-02T11:00:00+09:00"
        ChangeNote.objects.create(release=release, note_en="The programme was corrected.")
        now = timezone.localtime()
        assert atom_updated(public_client, release)[:16] == now.isoformat()[:16]

    def test_sitemap_dates_a_release_by_its_newest_note(self, public_client, release):
        lastmods = sitemap_lastmods(public_client)
        assert lastmods[on_public_host(url_of(release))] == "2024-08-02"
        assert lastmods[on_public_host(url_of(release, "ko"))] == "2024-08-02"

    def test_a_2024_release_is_dated_by_its_publication_not_by_today(self, public_client):
        """The demo loads its 2024 releases today: their rows are modified today, but
        readers last saw them change in 2024."""
        old = PressReleaseFactory(published_at=seoul(2024, 7, 22, 10, 0))
        old.title_en = "Edited today, as a load or a typo fix would"
        old.save()
        assert old.updated_at.date() == timezone.now().date()
        assert sitemap_lastmods(public_client)[on_public_host(url_of(old))] == "2024-07-22"
        assert atom_updated(public_client, old) == "2024-07-22T10:00:00+09:00"
        index = ElementTree.fromstring(public_client.get("/sitemap.xml").content)
        dated = {
            node.find("sm:loc", SITEMAP).text: node.find("sm:lastmod", SITEMAP)
            for node in index.findall("sm:sitemap", SITEMAP)
        }
        assert dated[on_public_host("/sitemap-releases.xml")].text.startswith("2024-07-22")

    def test_a_note_of_an_unpublished_release_shows_nowhere(self, public_client, release):
        draft = PressReleaseFactory(draft=True, title_en="Draft release")
        # Past the admin's check (a script could): the note still has no door of its own.
        ChangeNote.objects.create(release=draft, note_en="SECRET correction")
        for url in (
            url_of(draft),
            rev("press:release_feed_atom"),
            rev("press:release_feed_rss"),
            "/sitemap-releases.xml",
            "/sitemap.xml",
            rev("press:release_list"),
            rev("press:home"),
        ):
            assert "SECRET" not in public_client.get(url).content.decode(), url


# --- the admin -------------------------------------------------------------------------


def member(role: str) -> User:
    user = User.objects.create_user(role.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if role == "Translator":
        assign_languages(user)
    return user


def change_url(release):
    return admin_url("press", "pressrelease", "change", release.pk)


def with_new_note(data: dict, note: str, at=None) -> dict:
    """``data`` with one more change-note row."""
    at = timezone.localtime(at or timezone.now() - timedelta(minutes=1))
    index = int(data["change_notes-TOTAL_FORMS"])
    data["change_notes-TOTAL_FORMS"] = str(index + 1)
    data[f"change_notes-{index}-note_en"] = note
    data[f"change_notes-{index}-noted_at_0"] = at.date().isoformat()
    data[f"change_notes-{index}-noted_at_1"] = at.time().replace(microsecond=0).isoformat()
    return data


class TestAdmin:
    def test_a_publisher_adds_a_note_in_the_release_form(self, client, release):
        client.force_login(member("Publisher"))
        response = client.get(change_url(release))
        assert response.status_code == 200
        data = with_new_note(post_data(response), "The time of the signing was corrected.")

        response = client.post(change_url(release), data)

        assert response.status_code == 302, messages_in(response)
        note = release.change_notes.first()
        assert note.note_en == "The time of the signing was corrected."
        assert (
            "The time of the signing was corrected." in client.get(url_of(release)).content.decode()
        )
        # The note is part of the release's revision (reversion follows it).
        version = Version.objects.get_for_object(release).first()
        notes = version.revision.version_set.filter(content_type__model="changenote")
        assert {v.object_id for v in notes} == {str(n.pk) for n in release.change_notes.all()}

    def test_a_note_dated_ahead_or_on_an_unpublished_release_is_refused(self, client, release):
        client.force_login(member("Publisher"))
        ahead = timezone.now() + timedelta(days=1)
        data = with_new_note(post_data(client.get(change_url(release))), "Later", at=ahead)
        response = client.post(change_url(release), data)
        assert response.status_code == 200
        assert "cannot be dated ahead" in messages_in(response)

        before = seoul(2024, 7, 30, 12, 0)
        data = with_new_note(post_data(client.get(change_url(release))), "Early", at=before)
        response = client.post(change_url(release), data)
        assert "before the release went out" in messages_in(response)

        draft = PressReleaseFactory(draft=True)
        data = with_new_note(post_data(client.get(change_url(draft))), "Too soon")
        response = client.post(change_url(draft), data)
        assert response.status_code == 200
        assert "this release is not public yet" in messages_in(response)
        assert not ChangeNote.objects.filter(note_en__in=["Later", "Early", "Too soon"]).exists()

    def test_a_translator_translates_a_note_but_keeps_its_time(self, client, release):
        client.force_login(member("Translator"))
        response = client.get(change_url(release))
        formset = next(
            inline.formset
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.model is ChangeNote
        )
        assert "note_ja" in formset.forms[0].fields
        assert "noted_at" not in formset.forms[0].fields  # read-only for them
        data = post_data(response)
        data["change_notes-0-note_ja"] = "天工の最高速度を時速6kmに訂正しました。"
        response = client.post(change_url(release), data)
        assert response.status_code == 302, messages_in(response)
        note = release.change_notes.first()
        assert note.note_ja == "天工の最高速度を時速6kmに訂正しました。"
        assert note.noted_at == seoul(2024, 8, 2, 11, 0)
        assert "天工の最高速度" in client.get(url_of(release, "ja")).content.decode()

    def test_an_editor_sees_the_notes_of_a_published_release_read_only(self, client, release):
        client.force_login(member("Editor"))
        response = client.get(change_url(release))
        assert response.status_code == 200
        (inline,) = [
            i for i in response.context["inline_admin_formsets"] if i.formset.model is ChangeNote
        ]
        assert not inline.has_add_permission and not inline.has_change_permission
        data = with_new_note(post_data(response), "Not theirs to add")
        assert client.post(change_url(release), data).status_code == 403
        assert not ChangeNote.objects.filter(note_en="Not theirs to add").exists()


def test_groups_have_sensible_permissions():
    perms = {
        group.name: {p.codename for p in group.permissions.all()}
        for group in Group.objects.filter(name__in=["Editor", "Translator", "Publisher"])
    }
    assert {"add_changenote", "change_changenote", "delete_changenote"} <= perms["Publisher"]
    assert "change_changenote" in perms["Translator"]
    assert "add_changenote" not in perms["Translator"] | perms["Editor"]
    assert "view_changenote" in perms["Editor"]


def test_backups_carry_the_notes():
    assert ChangeNote in backed_up_models()


@time_machine.travel(seoul(2024, 8, 3, 12, 0), tick=False)
def test_a_release_withdrawn_keeps_its_notes_on_its_page(client, release):
    PressRelease.objects.filter(pk=release.pk).update(
        status=Status.WITHDRAWN,
        withdrawn_at=seoul(2024, 8, 3, 9, 0),
        was_public=True,
        withdrawal_reason_en="The event was cancelled.",
    )
    page = fetch(client, url_of(release))
    assert len(notes_on(page)) == 2


# --- the demo --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_the_demo_dates_its_2024_releases_in_2024_and_shows_its_note(demo, public_client):
    """Issue 21: the sitemap showed the demo's load date for the 2024 releases."""
    lastmods = sitemap_lastmods(public_client)
    announced = PressRelease.objects.get(number="SMG-2024-0722")
    tiangong = PressRelease.objects.get(number="SMG-2024-0731-02")
    assert lastmods[on_public_host(url_of(announced))] == "2024-07-22"
    assert lastmods[on_public_host(url_of(tiangong, "ko"))] == "2024-08-02"
    page = fetch(public_client, url_of(tiangong, "zh-hans"))
    (note,) = notes_on(page)
    assert '<time datetime="2024-08-02T11:00:00+09:00">' in note
    assert "天工" in note and "85%" in note


# --- the page cache (on Redis, as in production) ----------------------------------------


@pytest.mark.usefixtures("page_cache")
def test_a_note_retires_the_cached_release_page_feeds_and_sitemap_and_no_trip_page(
    client, django_capture_on_commit_callbacks
):
    made = []
    saved(django_capture_on_commit_callbacks, lambda: made.append(World()))
    world = made[0]
    urls = {**world.urls, "sitemap": "/sitemap-releases.xml"}
    warm(client, urls)

    def add_note():
        ChangeNote.objects.create(release=world.edited, note_en="The venue was corrected.")

    saved(django_capture_on_commit_callbacks, add_note)

    # The trip's page lists the release but shows no note: it stays.
    retired = {*world.showing - {"its trip"}, "sitemap"}
    assert served(client, urls) == {**expected(world, retired), "sitemap": "miss"}
    assert "The venue was corrected." in fetch(client, urls["edited release"]).html
