"""Documents (issue 24): what an upload really is, from its bytes; the admin; downloads
through the media route; their place on release, trip and event pages, in feeds, search
and the trip's press kit. The embargo doors are tests/test_embargo_documents.py.

Hostile files tried, each refused with a message that says why: a Windows program (MZ)
named ``.pdf``; a ZIP bomb named ``.docx`` (200 MB of zeros); a PDF with JavaScript, plain,
with its name escaped (``/J#61vaScript``) and inside a Flate-compressed object stream; a
PDF with an embedded file and one with a Launch action; an encrypted PDF; an HTML page
named ``.txt``; a DOCX renamed ``.xlsx``; a DOCX with macros; an old Office (OLE2) file
named ``.hwp``; a CP949 CSV; an empty file; a file over the size limit.
"""

import io
import json
import zipfile
from datetime import timedelta
from urllib.parse import unquote

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from press import document_checks
from press.models import Document
from tests.document_samples import (
    GOOD,
    DocumentFactory,
    flate_object_stream,
    hwp,
    office,
    pdf,
    upload,
    zip_bomb,
)
from tests.factories import EngagementFactory, PressReleaseFactory, VisitFactory
from tests.test_admin import admin_url, messages_in, post_data
from tests.test_pages import fetch, rev, url_of
from tests.test_search import search_page

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": "Agreement", "ko": "협약서", "zh_hans": "协议", "ja": "協定書"}


def check(name: str, data: bytes):
    return document_checks.check(io.BytesIO(data), name)


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check(name, data)
    return " ".join(refused.value.messages)


# --- what a file is ---------------------------------------------------------------------


@pytest.mark.parametrize("name", list(GOOD))
def test_a_good_file_of_every_kind_is_accepted(name):
    checked = check(name, GOOD[name]())
    assert checked.kind == name.rpartition(".")[2]
    assert checked.size == len(GOOD[name]())


def test_pages_of_a_pdf_are_counted_from_its_page_tree():
    assert check("a.pdf", pdf(pages=3)).pages == 3
    stray = flate_object_stream(b"7 0 << /Type /Page /Parent 2 0 R >>")
    assert check("a.pdf", pdf(stray, pages=2)).pages == 2  # not in the tree: no reader shows it


HOSTILE = [
    ("program.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200, "is a program"),
    ("bomb.docx", zip_bomb, "ZIP bomb"),
    (
        "script.pdf",
        lambda: pdf(b"5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"),
        "JavaScript",
    ),
    ("escaped.pdf", lambda: pdf(b"5 0 obj << /S /J#61vaScript /J#53 (x) >> endobj"), "JavaScript"),
    (
        "packed.pdf",
        lambda: pdf(flate_object_stream(b"5 0 << /OpenAction << /S /JavaScript /JS (x) >> >>")),
        "JavaScript",
    ),
    (
        "attached.pdf",
        lambda: pdf(b"5 0 obj << /Type /EmbeddedFile /Length 3 >> endobj"),
        "embedded",
    ),
    (
        "names.pdf",
        lambda: pdf(b"5 0 obj << /Names << /EmbeddedFiles 6 0 R >> >> endobj"),
        "embedded",
    ),
    ("annot.pdf", lambda: pdf(b"5 0 obj << /Subtype /FileAttachment >> endobj"), "embedded"),
    ("launch.pdf", lambda: pdf(b"5 0 obj << /S /Launch /F (cmd.exe) >> endobj"), "Launch"),
    (
        "locked.pdf",
        lambda: pdf(b"9 0 obj << /Filter /Standard /V 2 >> endobj /Encrypt 9 0 R"),
        "encrypted",
    ),
    (
        "page.txt",
        lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "HTML or script",
    ),
    ("sneaky.csv", lambda: b"name,value\nx,<script>alert(1)</script>\n", "HTML or script"),
    ("renamed.xlsx", lambda: office("docx"), "Word document but its name ends in"),
    ("macros.docx", lambda: office("docx", {"word/vbaProject.bin": b"\x00"}), "macros"),
    ("old.hwp", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "older Office"),
    ("korean.csv", lambda: "구분,값\n".encode("cp949"), "not in UTF-8"),
    ("empty.pdf", lambda: b"", "empty"),
    ("archive.zip", lambda: office("docx"), "Rename it"),
    ("binary.txt", lambda: b"abc\x00def", "not accepted"),
]


@pytest.mark.parametrize(("name", "make", "says"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_with_a_clear_message(name, make, says):
    assert says in refusal(name, make())


def test_the_size_limit_is_a_setting(settings):
    settings.PRESSROOM_DOCUMENT_MAX_BYTES = 1000
    assert "larger than 1000" in refusal("big.txt", b"a" * 1001)
    assert check("small.txt", b"a" * 1000).kind == "txt"


def test_refusals_are_in_the_editors_language():
    with translation.override("ko"):
        message = refusal("script.pdf", pdf(b"<< /JS (x) >>"))
    assert "JavaScript" in message and "PDF" in message
    assert message != refusal("script.pdf", pdf(b"<< /JS (x) >>"))


def test_a_script_that_skips_the_form_is_refused_too():
    with pytest.raises(ValidationError) as refused:
        DocumentFactory(file=ContentFile(b"MZ" + b"\x00" * 64, name="setup.pdf"))
    assert "program" in str(refused.value)
    assert not Document.objects.exists()


# --- the admin ----------------------------------------------------------------------------


def add_form(client):
    url = admin_url("press", "document", "add")
    response = client.get(url)
    assert response.status_code == 200
    return url, post_data(response)


def titled(data: dict, field="title", texts=LANGUAGES) -> dict:
    return data | {f"{field}_{code}": text for code, text in texts.items()}


def test_an_editor_attaches_a_korean_hwp_and_an_english_pdf_to_a_release(admin_client):
    """The issue's "done when": titles in four languages, and the files are readers'
    downloads from the release page once it is public, not before."""
    release = PressReleaseFactory(scheduled=True)
    url, data = add_form(admin_client)
    korean = {**titled(data), "language": "ko", "releases": [release.pk]}
    korean["file"] = upload("협약서.hwp", hwp())
    response = admin_client.post(url, korean)
    assert response.status_code == 302, messages_in(response)
    english = {**titled(data, texts={c: f"{t} (English)" for c, t in LANGUAGES.items()})}
    english |= {"language": "en", "releases": [release.pk], "order": 2}
    english["file"] = upload("agreement.pdf", pdf(pages=4))
    assert admin_client.post(url, english).status_code == 302
    hwp_doc, pdf_doc = Document.objects.order_by("order")
    assert (hwp_doc.kind, hwp_doc.language, hwp_doc.title_ja) == ("hwp", "ko", "協定書")
    assert (pdf_doc.kind, pdf_doc.page_count, pdf_doc.file_size) == ("pdf", 4, len(pdf(pages=4)))

    admin_client.logout()
    assert admin_client.get(hwp_doc.download_url).status_code == 404  # under embargo
    release.status, release.published_at = "published", timezone.now() - timedelta(minutes=1)
    release.save()
    page = fetch(admin_client, url_of(release)).html
    assert hwp_doc.download_url in page and pdf_doc.download_url in page
    assert "HWP" in page and "4 pages" in page and "in Korean" in page
    response = admin_client.get(hwp_doc.download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-hwp"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert unquote(disposition.split("filename*=utf-8''")[1]) == "협약서.hwp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == hwp()


def test_a_refused_upload_is_an_error_on_the_form_and_nothing_is_lost(admin_client):
    release = PressReleaseFactory()
    url, data = add_form(admin_client)
    data = {**titled(data), "releases": [release.pk], "file": upload("bomb.docx", zip_bomb())}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "ZIP bomb" in messages_in(response)
    form = response.context["adminform"].form
    assert form["title_ko"].value() == "협약서" and [
        int(pk) for pk in form["releases"].value()
    ] == [release.pk]
    assert not Document.objects.exists()
    assert (
        not default_storage.listdir("documents")[1] if default_storage.exists("documents") else True
    )


def test_the_document_list_loads_in_a_constant_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    DocumentFactory(visit=VisitFactory())
    url = admin_url("press", "document", "changelist")
    with django_assert_max_num_queries(30) as one:
        assert admin_client.get(url).status_code == 200
    DocumentFactory.create_batch(10, visit=VisitFactory())
    with django_assert_max_num_queries(30) as many:
        assert admin_client.get(url).status_code == 200
    assert len(one) == len(many)


def test_a_trip_form_lists_its_documents_and_a_release_form_its_own(admin_client):
    trip = VisitFactory(legs=1)
    own = DocumentFactory(visit=trip, title_en="Programme of the trip")
    release = PressReleaseFactory(visit=trip)
    DocumentFactory(visit=trip, releases=[release], title_en="Speech")
    trip_form = admin_client.get(admin_url("visits", "visit", "change", trip.pk))
    assert "Programme of the trip" in trip_form.content.decode()
    release_form = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    html = release_form.content.decode()
    assert "Speech" in html and "documents of this release" in html.lower()
    assert own.title_en not in html


def test_events_of_another_trip_are_refused(admin_client):
    trip, other = VisitFactory(legs=1), VisitFactory(legs=1)
    stray = EngagementFactory(leg=other.legs.get())
    url, data = add_form(admin_client)
    data = {**titled(data), "visit": trip.pk, "events": [stray.pk]}
    data["file"] = upload("a.pdf", pdf())
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "events of the document" in messages_in(response)


# --- pages, feeds, search, press kit ---------------------------------------------------


@pytest.fixture
def carried():
    trip = VisitFactory(legs=1)
    event = EngagementFactory(leg=trip.legs.get())
    release = PressReleaseFactory(visit=trip, title_en="Signing in Seoul", title_ko="서울 서명식")
    on_release = DocumentFactory(
        visit=trip,
        releases=[release],
        title_en="",
        title_ko="서울 협약 전문",
        language="ko",
        file=ContentFile(GOOD["notes.txt"](), name="full-text.txt"),
    )
    on_event = DocumentFactory(visit=trip, events=[event], title_en="Event programme")
    return trip, event, release, on_release, on_event


def test_pages_list_documents_with_type_size_language_and_the_titles_language(client, carried):
    trip, event, release, on_release, on_event = carried
    page = fetch(client, url_of(release))
    html = page.html
    assert on_release.download_url in html
    link = html[html.index(on_release.download_url) - 200 : html.index("서울 협약 전문") + 20]
    assert 'lang="ko"' in link  # fell back from English to Korean
    assert "Text" in html and "in Korean" in html and "bytes" in html
    assert on_event.download_url not in html  # the event's, not the release's
    event_page = fetch(client, url_of(event)).html
    assert on_event.download_url in event_page and "1 page" in event_page
    trip_page = fetch(client, url_of(trip)).html
    assert on_release.download_url in trip_page and on_event.download_url in trip_page
    with translation.override("ja"):
        japanese = fetch(client, url_of(release, "ja")).html
    assert "韓国語" in japanese


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_releases_documents_are_its_entrys_enclosures(client, carried, fmt):
    trip, _event, _release, on_release, _on_event = carried
    response = client.get(rev(f"press:trip_release_feed_{fmt}", slug=trip.slug))
    parsed = feedparser.parse(response.content)
    (entry,) = parsed.entries
    enclosures = [e for e in entry.enclosures if e.href.endswith(on_release.download_url)]
    assert len(enclosures) == 1
    assert enclosures[0].type == "text/plain; charset=utf-8"
    assert int(enclosures[0].length) == on_release.file_size


def test_the_json_feed_lists_them_as_attachments(client, carried):
    trip, _event, _release, on_release, _on_event = carried
    response = client.get(rev("press:trip_release_feed_json", slug=trip.slug))
    (item,) = json.loads(response.content)["items"]
    (attachment,) = item["attachments"]
    assert attachment["url"].endswith(on_release.download_url)
    assert attachment["title"] == "서울 협약 전문"
    assert attachment["size_in_bytes"] == on_release.file_size


def test_search_finds_documents_titles(client, carried):
    trip, _event, release, _on_release, _on_event = carried
    found = search_page(client, reader="ko", q="협약 전문").content.decode()
    assert url_of(release, "ko") in found
    found = search_page(client, q="programme").content.decode()
    assert url_of(trip) in found


def test_the_trip_press_kit_carries_its_documents(client, carried):
    trip = carried[0]
    response = client.get(rev("press:trip_photos_zip", slug=trip.slug))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    documents = [name for name in names if name.startswith("documents/")]
    assert len(documents) == 2
    assert any(name.endswith(".txt") for name in documents)
    assert archive.read(next(n for n in documents if n.endswith(".txt"))) == GOOD["notes.txt"]()
    assert "Event programme" in archive.read("credits.txt").decode()


def test_pages_follow_a_document_added_changed_and_deleted(
    client, django_capture_on_commit_callbacks
):
    release = PressReleaseFactory()
    assert "Timetable" not in fetch(client, url_of(release)).html  # kept by the caches
    document = DocumentFactory(releases=[release], title_en="Timetable")
    assert "Timetable" in fetch(client, url_of(release)).html
    document.title_en = "Programme"
    document.save()
    assert "Programme" in fetch(client, url_of(release)).html
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert "Programme" not in fetch(client, url_of(release)).html
    assert not default_storage.exists(name)


def test_a_replaced_file_leaves_the_storage(client, django_capture_on_commit_callbacks):
    document = DocumentFactory(visit=VisitFactory(legs=1))
    old = document.file.name
    document = Document.objects.get(pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(pdf(pages=2), name="corrected.pdf")
        document.save()
    assert not default_storage.exists(old)
    assert default_storage.exists(document.file.name)
    assert client.get("/media/" + old).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        document.title_en = "Same file"
        document.save()  # no new file: the stored one stays
    assert default_storage.exists(document.file.name)
