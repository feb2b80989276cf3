"""Archived copies of a live article: a WARC record of the answer, a PDF and a screenshot.

`capture` makes the copies an item lacks for the address it was found alive at: the WARC
record (request and response, as the outlet sent them, with the time and the address
connected to) from the check's own GET, so it is exactly what was checked; the PDF and
the screenshot by headless Chromium (`browser`). Each file is written to a temporary
folder first and reaches the media storage (under `ARCHIVE_PREFIX`, staff only) only once
it is whole and checked, with its SHA-256 and size in its `ArchivedCopy` row: a failure
leaves no partial file and no row. Without Chromium the PDF and the screenshot are
skipped, logged, and the link's state says so; the check itself never fails for them.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import uuid

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from press.models import ARCHIVE_PREFIX, ArchivedCopy, CaptureNote

from . import browser
from .fetch import Answer
from .network import host_lock, split

logger = logging.getLogger(__name__)
Kind = ArchivedCopy.Kind

#: Hop-by-hop headers that describe the transfer, not the payload a WARC record holds
#: (urllib3 has already undone the chunking).
DROPPED_HEADERS = {"transfer-encoding"}


def write_warc(answer: Answer, captured_at, path: str) -> None:
    """A gzipped WARC file at ``path``: a warcinfo record, then the request and its
    response, linked (``WARC-Concurrent-To``)."""
    date = datetime_to_iso_date(captured_at, use_micros=True)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        info = writer.create_warcinfo_record(
            os.path.basename(path),
            {"software": "Pressroom link check (warcio)", "format": "WARC File Format 1.1"},
        )
        writer.write_record(info)
        response_headers = StatusAndHeaders(
            f"{answer.status} {answer.reason}".strip(),
            [(k, v) for k, v in answer.headers if k.lower() not in DROPPED_HEADERS],
            protocol="HTTP/1.1",
        )
        response = writer.create_warc_record(
            answer.url,
            "response",
            payload=io.BytesIO(answer.body),
            http_headers=response_headers,
            warc_headers_dict={"WARC-Date": date, "WARC-IP-Address": answer.address},
        )
        request_headers = StatusAndHeaders(
            answer.request_line, answer.request_headers, is_http_request=True
        )
        request = writer.create_warc_record(
            answer.url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=request_headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_request_response_pair(request, response)


def digest(path: str) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def storage_name(coverage, kind: str, captured_at) -> str:
    """``archives/coverage/<uuid>/<time>-<random><ending>``: unguessable, so not even a
    storage that serves files by name (a public bucket) gives them to passers-by."""
    ending = ArchivedCopy.FILES[Kind(kind)][0]
    stamp = captured_at.strftime("%Y%m%dT%H%M%S")
    return f"{ARCHIVE_PREFIX}coverage/{coverage.uuid}/{stamp}-{uuid.uuid4().hex}{ending}"


def store(coverage, kind: str, path: str, answer: Answer, captured_at) -> ArchivedCopy:
    """The finished file at ``path`` onto the media storage, with its row; a failure
    leaves neither."""
    sha256, size = digest(path)
    with open(path, "rb") as file:
        name = default_storage.save(storage_name(coverage, kind, captured_at), File(file))
    try:
        with transaction.atomic():
            return ArchivedCopy.objects.create(
                coverage=coverage,
                kind=kind,
                file=name,
                sha256=sha256,
                size=size,
                url=answer.url[:2000],
                http_status=answer.status,
                captured_at=captured_at,
            )
    except BaseException:
        default_storage.delete(name)
        raise


def missing_kinds(coverage, url: str) -> list[str]:
    """The kinds of copy ``coverage`` lacks of the page at ``url``."""
    held = set(
        ArchivedCopy.objects.filter(coverage=coverage, url=url[:2000]).values_list(
            "kind", flat=True
        )
    )
    return [kind for kind in Kind.values if kind not in held]


def capture(coverage, answer: Answer, captured_at) -> tuple[list[ArchivedCopy], str, str]:
    """Make the copies ``coverage`` lacks of ``answer``'s page: (the copies made, a
    `CaptureNote` and its detail for the PDF and the screenshot)."""
    wanted = missing_kinds(coverage, answer.url)
    made: list[ArchivedCopy] = []
    note, detail = CaptureNote.NONE, ""
    if not wanted:
        return made, note, detail
    with tempfile.TemporaryDirectory(prefix="pressroom-archive-") as folder:
        if Kind.WARC in wanted:
            path = os.path.join(folder, "page.warc.gz")
            write_warc(answer, captured_at, path)
            made.append(store(coverage, Kind.WARC, path, answer, captured_at))
        shots = [kind for kind in (Kind.PDF, Kind.SCREENSHOT) if kind in wanted]
        if shots and browser.chromium() is None:
            logger.warning(
                "Archiving %s: Chromium (%s) is not installed, so no PDF or screenshot "
                "was made; the WARC record is kept.",
                answer.url,
                browser.setting("PRESSROOM_CHROMIUM"),
            )
            return made, CaptureNote.NO_BROWSER, ""
        if shots:
            # The browser visits the outlet as one reader: the host's lock is held
            # while it loads the page (and its own files from the same host).
            _parts, host, _port = split(answer.url)
            with host_lock(host):
                for kind in shots:
                    try:
                        path = browser.render(
                            answer.url, "pdf" if kind == Kind.PDF else "png", folder
                        )
                    except browser.CaptureFailed as error:
                        logger.warning("Archiving %s: %s failed: %s", answer.url, kind, error)
                        note, detail = CaptureNote.FAILED, f"{kind}: {error}"[:300]
                        continue
                    made.append(store(coverage, kind, path, answer, captured_at))
    return made, note, detail
