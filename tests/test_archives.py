"""Archived copies of live coverage articles (issue 19): a WARC record, a PDF and a
screenshot, opened and checked; none partial when anything fails; staff only; kept by
backup and restore.

The PDF and the screenshot are made by Debian's Chromium (scripts/test installs it, with
the CJK fonts); without it those tests are skipped, except in CI, where they fail.
"""

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from warcio.archiveiterator import ArchiveIterator

from press import backup
from press.linkcheck import admin as linkcheck_admin
from press.linkcheck.check import check_coverage
from press.models import ARCHIVE_PREFIX, ArchivedCopy, CaptureNote, Coverage, LinkState, Photo
from tests.factories import CoverageFactory, PhotoFactory, png_file
from tests.linkcheck_server import HEADLINE, HEADLINE_KO, OutletServer
from tests.test_backup import clear_storage, empty_database
from tests.test_xss import rewrite_rows

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason=f"{CHROMIUM} is missing: install it with `apt-get install chromium fonts-noto-cjk` "
    "(scripts/test does so when run as root); in CI this test always runs",
)

LIVE = "/news/2024/07/31/robot-centre-1001"
KOREAN = "/news/2024/07/31/korean-1007"


@pytest.fixture
def outlet(settings):
    settings.PRESSROOM_LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    settings.PRESSROOM_LINK_CHECK_READ_TIMEOUT = 2.0
    settings.PRESSROOM_LINK_CHECK_MAX_BYTES = 1024 * 1024
    settings.PRESSROOM_CHROMIUM = str(CHROMIUM)
    server = OutletServer().start()
    yield server
    server.stop()


def archive_files(coverage) -> list[str]:
    """The files on the storage under ``coverage``'s archive folder (the tests' storage
    keeps other tests' files)."""
    folder = f"{ARCHIVE_PREFIX}coverage/{coverage.uuid}"
    return list(backup.storage_files(default_storage, folder))


def copies_of(coverage) -> dict[str, ArchivedCopy]:
    return {copy.kind: copy for copy in ArchivedCopy.objects.filter(coverage=coverage)}


def read(copy) -> bytes:
    with default_storage.open(copy.file.name, "rb") as file:
        return file.read()


@needs_chromium
@pytest.mark.django_db
def test_a_live_article_is_archived_once_and_each_copy_opens(outlet):
    coverage = CoverageFactory(url=outlet.url(LIVE), headline=HEADLINE)
    outcome = check_coverage(coverage)
    assert outcome.status == "ok"
    assert outcome.archived == ["warc", "pdf", "screenshot"]
    copies = copies_of(coverage)

    for copy in copies.values():
        data = read(copy)
        assert copy.file.name.startswith(ARCHIVE_PREFIX)
        assert (copy.size, copy.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        assert (copy.url, copy.http_status) == (coverage.url, 200)

    records = {}
    for record in ArchiveIterator(io.BytesIO(read(copies["warc"]))):
        records[record.rec_type] = (record, record.content_stream().read())
    assert set(records) == {"warcinfo", "request", "response"}
    response, payload = records["response"]
    assert response.rec_headers.get_header("WARC-Target-URI") == coverage.url
    assert response.http_headers.get_statuscode() == "200"
    assert HEADLINE.encode() in payload
    request, _ = records["request"]
    assert request.http_headers.protocol == "GET"
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )

    assert read(copies["pdf"]).startswith(b"%PDF")
    with Image.open(io.BytesIO(read(copies["screenshot"]))) as image:
        image.load()
        assert image.format == "PNG" and image.width >= 800
        assert len(image.getcolors(1_000_000) or []) > 2  # more than a blank page

    # Seen alive again: nothing new.
    check_coverage(Coverage.objects.get(pk=coverage.pk))
    assert ArchivedCopy.objects.filter(coverage=coverage).count() == 3


@needs_chromium
@pytest.mark.django_db
def test_a_korean_page_is_archived_as_sent(outlet):
    coverage = CoverageFactory(url=outlet.url(KOREAN), headline=HEADLINE_KO, language="ko")
    assert check_coverage(coverage).status == "ok"
    copies = copies_of(coverage)
    assert set(copies) == {"warc", "pdf", "screenshot"}
    record = next(
        r for r in ArchiveIterator(io.BytesIO(read(copies["warc"]))) if r.rec_type == "response"
    )
    assert HEADLINE_KO.encode("euc-kr") in record.content_stream().read()  # the outlet's bytes


@pytest.mark.django_db
def test_nothing_is_archived_of_an_answer_too_large(outlet):
    coverage = CoverageFactory(url=outlet.url("/news/2024/07/31/huge-1011"), headline=HEADLINE)
    outcome = check_coverage(coverage)
    assert (outcome.status, outcome.reason) == ("error", "too_large")
    assert not ArchivedCopy.objects.exists()
    assert archive_files(coverage) == []


@pytest.mark.django_db
def test_without_chromium_the_warc_is_kept_and_the_state_says_so(outlet, settings, caplog):
    settings.PRESSROOM_CHROMIUM = "/nonexistent/chromium"
    coverage = CoverageFactory(url=outlet.url(LIVE), headline=HEADLINE)
    assert check_coverage(coverage).status == "ok"
    assert set(copies_of(coverage)) == {"warc"}
    state = LinkState.objects.get(coverage=coverage)
    assert state.capture_note == CaptureNote.NO_BROWSER
    assert state.capture_text == "skipped: Chromium is not installed"
    assert "Chromium (/nonexistent/chromium) is not installed" in caplog.text


@pytest.mark.django_db
def test_a_browser_that_fails_half_way_leaves_no_partial_file(outlet, settings, tmp_path):
    broken = tmp_path / "chromium"
    # Writes the start of a PDF (or a PNG) where it was told to, then dies.
    broken.write_text(
        "#!/bin/sh\n"
        'for arg; do case "$arg" in --print-to-pdf=*|--screenshot=*) '
        'printf "%%PDF-1.7 half" > "${arg#*=}";; esac; done\nexit 1\n'
    )
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    settings.PRESSROOM_CHROMIUM = str(broken)
    coverage = CoverageFactory(url=outlet.url(LIVE), headline=HEADLINE)
    assert check_coverage(coverage).status == "ok"
    assert set(copies_of(coverage)) == {"warc"}
    stored = archive_files(coverage)
    assert len(stored) == 1 and stored[0].endswith(".warc.gz")
    state = LinkState.objects.get(coverage=coverage)
    assert state.capture_note == CaptureNote.FAILED
    assert "Chromium failed" in state.capture_detail


# --- staff only --------------------------------------------------------------------------


@pytest.fixture
def stored_copy(db):
    coverage = CoverageFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buffer, "PNG")
    name = default_storage.save(
        f"{ARCHIVE_PREFIX}coverage/{coverage.uuid}/shot.png", ContentFile(buffer.getvalue())
    )
    return ArchivedCopy.objects.create(
        coverage=coverage,
        kind="screenshot",
        file=name,
        sha256=hashlib.sha256(buffer.getvalue()).hexdigest(),
        size=len(buffer.getvalue()),
        url=coverage.url,
        http_status=200,
        captured_at=coverage.published_at or "2025-03-01T09:00:00Z",
    )


def test_the_public_media_route_refuses_archived_copies(client, stored_copy):
    name = stored_copy.file.name
    assert client.get(f"/media/{name}").status_code == 404
    # Not even when a public photo's row names the file, nor for a superuser.
    photo = PhotoFactory(image=png_file("p.png"))
    Photo.objects.filter(pk=photo.pk).update(image=name)
    assert client.get(f"/media/{name}").status_code == 404
    client.force_login(User.objects.create_superuser("chief"))
    assert client.get(f"/media/{name}").status_code == 404


def test_staff_who_may_view_coverage_download_a_copy(rf, stored_copy):
    request = rf.get("/")
    request.user = User.objects.create_user("reader", is_staff=True)
    with pytest.raises(PermissionDenied):
        linkcheck_admin.download(request, stored_copy.pk)
    request.user.user_permissions.add(Permission.objects.get(codename="view_coverage"))
    request.user = User.objects.get(pk=request.user.pk)  # permissions are cached
    response = linkcheck_admin.download(request, stored_copy.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == read(stored_copy)


@pytest.mark.on_commit
def test_a_deleted_item_takes_its_copies_files_with_it(
    stored_copy, django_capture_on_commit_callbacks
):
    name = stored_copy.file.name
    with django_capture_on_commit_callbacks(execute=True):
        stored_copy.coverage.delete()
    assert not default_storage.exists(name)


# --- backup and restore ------------------------------------------------------------------


@needs_chromium
@pytest.mark.django_db  # not transactional: a flush would take the migrations' roles away
def test_backup_and_restore_keep_the_archived_copies(outlet, tmp_path):
    clear_storage()
    coverage = CoverageFactory(url=outlet.url(LIVE), headline=HEADLINE)
    check_coverage(coverage)
    before = {
        copy.kind: (copy.file.name, copy.sha256, read(copy)) for copy in ArchivedCopy.objects.all()
    }
    assert set(before) == {"warc", "pdf", "screenshot"}
    path = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(path), verbosity=0)

    empty_database()  # the storage too
    assert not ArchivedCopy.objects.exists() and not default_storage.exists(before["warc"][0])
    call_command("restore", str(path), verbosity=0)

    after = {
        copy.kind: (copy.file.name, copy.sha256, read(copy)) for copy in ArchivedCopy.objects.all()
    }
    assert after == before
    assert hashlib.sha256(after["warc"][2]).hexdigest() == after["warc"][1]
    assert LinkState.objects.get().status == "ok"


@pytest.mark.django_db
def test_a_restore_refuses_an_archived_copy_that_is_not_one(stored_copy, tmp_path):
    path = tmp_path / "b.tar.gz"
    call_command("backup", str(path), verbosity=0)
    edited = tmp_path / "edited.tar.gz"

    def hostile(row):
        if row["model"] == "press.archivedcopy":
            row["fields"]["file"] = "photos/page.html"
        return row

    rewrite_rows(path, edited, hostile)
    empty_database()
    with pytest.raises(CommandError, match=r"press\.archivedcopy .* 'photos/page\.html'"):
        call_command("restore", str(edited), verbosity=0)
