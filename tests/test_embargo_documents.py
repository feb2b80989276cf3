"""Embargoes for documents (issue 24): a document of a release that is not public (a
draft, under embargo, withdrawn) and a trip's own document while the trip is a draft are
on no page, feed, search result or press kit, and the media route answers 404 for their
files; at the release's minute its documents are everywhere, with nothing saved.
"""

import io
import json
import zipfile
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from tests.document_samples import DocumentFactory, hwp
from tests.factories import EngagementFactory, PressReleaseFactory, VisitFactory
from tests.test_pages import LANGUAGES, rev, seoul, url_of
from tests.test_search import search_page
from visits.publishing import Status

pytestmark = pytest.mark.django_db

BEFORE, AT = seoul(2024, 7, 25, 9, 59), seoul(2024, 7, 25, 10, 0)
#: Every hidden document's title carries this word, so pages can be searched for it.
SECRET = "Zeppelin"


def frozen(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def world():
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        w.trip = VisitFactory(legs=1, title_en="River trip")
        w.event = EngagementFactory(leg=w.trip.legs.get())
        w.public = PressReleaseFactory(visit=w.trip, title_en="Out already")
        w.scheduled = PressReleaseFactory(
            visit=w.trip, status=Status.SCHEDULED, published_at=AT, title_en="Drone taxis"
        )
        w.draft = PressReleaseFactory(visit=w.trip, draft=True)
        w.withdrawn = PressReleaseFactory(visit=w.trip, withdrawn=True)
        w.draft_trip = VisitFactory(draft=True, legs=1)
        w.shown = DocumentFactory(visit=w.trip, releases=[w.public], title_en="Timetable")
        w.embargoed = DocumentFactory(
            visit=w.trip,
            releases=[w.scheduled],
            events=[w.event],
            title_en=f"{SECRET} fact sheet",
            title_ko=f"{SECRET} 자료",
            file=ContentFile(hwp(), name="embargoed.hwp"),
        )
        w.hidden = [
            DocumentFactory(visit=w.trip, releases=[w.draft], title_en=f"{SECRET} draft"),
            DocumentFactory(visit=w.trip, releases=[w.withdrawn], title_en=f"{SECRET} gone"),
            DocumentFactory(visit=w.draft_trip, title_en=f"{SECRET} of a draft trip"),
        ]
    return w


def doors(client, w, lang="en"):
    """Every public answer a document could show in, as text."""
    texts = {}
    for name, obj in (("trip", w.trip), ("event", w.event), ("public release", w.public)):
        texts[name] = client.get(url_of(obj, lang)).content.decode()
    for fmt in ("rss", "atom", "json"):
        texts[f"all {fmt}"] = client.get(rev(f"press:release_feed_{fmt}", lang)).content.decode()
        trip_feed = rev(f"press:trip_release_feed_{fmt}", lang, slug=w.trip.slug)
        texts[f"trip {fmt}"] = client.get(trip_feed).content.decode()
    # The search page repeats the words asked for: what counts is whether a result leads
    # to the release that carries the document.
    found = search_page(client, reader=lang, q=SECRET).content.decode()
    texts["search"] = SECRET if 'class="card search-hit"' in found else ""
    kit = client.get(rev("press:trip_photos_zip", lang, slug=w.trip.slug))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(kit.streaming_content)))
    texts["press kit"] = " ".join(archive.namelist()) + archive.read("credits.txt").decode()
    return texts


def media_status(client, document) -> int:
    """The answer for the document's download link, and the same on the media route."""
    status = client.get(document.download_url).status_code
    assert client.get(document.file.url).status_code == status
    return status


@pytest.mark.parametrize("lang", LANGUAGES)
def test_before_the_minute_no_door_shows_a_hidden_document(client, world, lang):
    with frozen(BEFORE):
        for door, text in doors(client, world, lang).items():
            assert SECRET not in text, door
            assert world.embargoed.file.name not in text, door
        assert "Timetable" in doors(client, world, lang)["trip"]
        assert media_status(client, world.shown) == 200
        for document in (world.embargoed, *world.hidden):
            assert media_status(client, document) == 404, document


def test_at_the_minute_the_releases_documents_are_everywhere(client, world):
    with frozen(BEFORE):
        doors(client, world)  # pages and feeds kept by the caches before the minute
    with frozen(AT):
        texts = doors(client, world)
        for door in ("trip", "event", "all rss", "all atom", "all json", "search", "press kit"):
            assert SECRET in texts[door] or "embargoed" in texts[door], door
        assert media_status(client, world.embargoed) == 200
        for document in world.hidden:
            assert media_status(client, document) == 404, document


def test_the_release_feed_enclosure_arrives_with_the_release(client, world):
    with frozen(AT):
        feed = json.loads(client.get(rev("press:release_feed_json")).content)
    (item,) = [i for i in feed["items"] if "Drone taxis" in i["title"]]
    assert [a["title"] for a in item["attachments"]] == [f"{SECRET} fact sheet"]


def test_staff_who_may_change_documents_download_them_before_the_minute(client, world):
    from django.contrib.auth.models import User

    editor = User.objects.create_user("desk", is_staff=True)
    client.force_login(editor)
    with frozen(BEFORE):
        assert media_status(client, world.embargoed) == 404  # staff, but no permission
        editor.user_permissions.add(Permission.objects.get(codename="change_document"))
        response = client.get(world.embargoed.download_url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("attachment;")


def test_a_public_answer_may_be_kept_by_caches_and_a_refusal_not(client, world):
    with frozen(BEFORE):
        assert client.get(world.embargoed.download_url)["Cache-Control"] == "no-store"
        assert client.get(world.shown.download_url)["Cache-Control"].startswith("public")


def test_a_row_naming_a_file_that_is_not_its_kind_is_not_served(client, world):
    """A row changed behind the form's back (a script, a restore) cannot serve HTML."""
    page = ContentFile(b"<html><script>alert(1)</script></html>", name="page.txt")
    document = DocumentFactory(visit=world.trip, releases=[world.public])
    stored = document.file.storage.save("documents/page.pdf", page)
    type(document).objects.filter(pk=document.pk).update(file=stored)
    document.refresh_from_db()
    assert media_status(client, document) == 404


@pytest.mark.parametrize("how", ["delete the release", "take the document off it"])
@pytest.mark.parametrize("release", ["draft", "scheduled"])
def test_a_release_gone_leaves_its_documents_private(client, world, how, release):
    """A document is the trip's own only when an editor says so: losing its last
    release (deleted, or the document taken off) does not put it on the trip's page."""
    w = world
    carrier = getattr(w, release)
    document = w.embargoed if release == "scheduled" else w.hidden[0]
    with frozen(BEFORE):
        if how == "delete the release":
            carrier.delete()
        else:
            document.releases.clear()
        for door, text in doors(client, w).items():
            assert document.title_en not in text, door
        assert media_status(client, document) == 404
    with frozen(AT):
        assert media_status(client, document) == 404
        assert document.title_en not in doors(client, w)["trip"]


def test_a_document_marked_the_trips_own_is_public_with_the_trip(client, world):
    document = world.hidden[0]
    with frozen(BEFORE):
        world.draft.delete()
        document.trip_wide = True
        document.save()
        assert document.title_en in doors(client, world)["trip"]
        assert media_status(client, document) == 200
