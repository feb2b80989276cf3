"""What a document upload really is, from its bytes, and whether the site may keep it.

Allowed: PDF, DOCX, XLSX, PPTX, HWP, HWPX, TXT and CSV (`KINDS`). The kind is worked out
from the content alone, then the file's name must agree with it:

- PDF: the ``%PDF-`` header; refused when it carries JavaScript (``/JS``,
  ``/JavaScript``), embedded files (``/EmbeddedFile(s)``, ``/FileAttachment``) or
  ``/Launch`` actions, looked for in the file and in every Flate-compressed stream (object
  streams hide objects there), names decoded from their ``#xx`` escapes; encrypted PDFs
  cannot be looked into and are refused too. Pages are counted (``/Type /Page``).
- DOCX, XLSX, PPTX: a ZIP with ``[Content_Types].xml`` naming the main part of that
  kind, and that part present; macro-enabled variants (a ``vbaProject.bin``) refused.
- HWPX: a ZIP whose ``mimetype`` entry says ``application/hwp+zip``.
- HWP: an OLE2 compound file (its signature) with a ``FileHeader`` stream (the name in
  the directory, UTF-16); other OLE2 files (old .doc, .xls) are refused.
- TXT, CSV: UTF-8 (a BOM allowed), no NUL byte, nothing that reads as HTML or script.

Every ZIP is measured before anything is read from it (entries, total uncompressed size,
compression ratio), so a ZIP bomb is refused unopened. Nothing here needs a dependency;
messages are the editor's (translated, said at the time of the check). Imports no model.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF, DOCX, XLSX, PPTX, HWP, HWPX, TXT, CSV = (
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "hwp",
    "hwpx",
    "txt",
    "csv",
)

#: kind: (label, media type, extensions its name may have)
KINDS = {
    PDF: ("PDF", "application/pdf", ("pdf",)),
    DOCX: (
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
    ),
    XLSX: (
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
    ),
    PPTX: (
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
    ),
    HWP: ("HWP", "application/x-hwp", ("hwp",)),
    HWPX: ("HWPX", "application/hwp+zip", ("hwpx",)),
    TXT: (gettext_lazy("Text"), "text/plain; charset=utf-8", ("txt",)),
    CSV: ("CSV", "text/csv; charset=utf-8", ("csv",)),
}
KIND_CHOICES = [(kind, label) for kind, (label, _type, _ext) in KINDS.items()]
ACCEPTED_EXTENSIONS = tuple(ext for _label, _type, exts in KINDS.values() for ext in exts)

#: A ZIP's limits: more entries, more bytes unpacked or a higher ratio is a bomb.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024
ZIP_MAX_RATIO = 100
#: How far one Flate stream of a PDF is unpacked to look into it, and all of them.
PDF_STREAM_MAX = 32 * 1024 * 1024
PDF_TOTAL_MAX = 256 * 1024 * 1024

OOXML_MAIN = {
    DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/",
    ),
    XLSX: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/"),
    PPTX: (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "ppt/",
    ),
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP_STREAM = "FileHeader".encode("utf-16-le")

#: Names a PDF must not have: script, files inside it, actions that start programs.
PDF_FORBIDDEN = {
    b"JS": "script",
    b"JavaScript": "script",
    b"EmbeddedFile": "file",
    b"EmbeddedFiles": "file",
    b"FileAttachment": "file",
    b"Launch": "launch",
}
PDF_NAME_END = rb"(?=[\s/<>\[\]()%{}]|\Z)"
PDF_FORBIDDEN_NAME = re.compile(rb"/(" + b"|".join(PDF_FORBIDDEN) + rb")" + PDF_NAME_END)
PDF_ESCAPED_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>\[\]()%{}]*)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
PDF_IMAGE = re.compile(rb"/Subtype\s*/Image")

#: What makes a text file read as a web page or script by a browser that sniffs it.
MARKUP = re.compile(
    r"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form)\b"
    r"|<\?xml|javascript:",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Checked:
    kind: str
    media_type: str
    size: int
    pages: int | None = None


def max_bytes() -> int:
    return getattr(settings, "PRESSROOM_DOCUMENT_MAX_BYTES", 50 * 1024 * 1024)


def accepted_list() -> str:
    return ", ".join(ext.upper() for ext in ACCEPTED_EXTENSIONS)


def check(file, name: str) -> Checked:
    """The kind of ``file`` (any object with ``read``/``seek``) named ``name``, or a
    `ValidationError` that says, in the active language, why it is refused."""
    file.seek(0)
    limit = max_bytes()
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:
        raise ValidationError(
            _("This file is larger than %(limit)s, the most a document may be.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    kind, pages = detect(data, extension)
    label, media_type, extensions = KINDS[kind]
    if extension not in extensions:
        raise ValidationError(
            _(
                "This file is a %(kind)s document but its name ends in “.%(extension)s”. "
                "Rename it to end in “.%(expected)s”, or upload the file you meant."
            )
            % {"kind": label, "extension": extension, "expected": extensions[0]},
            code="wrong_extension",
        )
    return Checked(kind, media_type, len(data), pages)


def detect(data: bytes, extension: str) -> tuple[str, int | None]:
    """(kind, page count) from the bytes; ``extension`` only tells a TXT from a CSV."""
    if b"%PDF-" in data[:1024]:
        return PDF, check_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return check_zip(data), None
    if data.startswith(OLE2_SIGNATURE):
        if HWP_STREAM in data:
            return HWP, None
        raise ValidationError(
            _(
                "This is an older Office file (.doc, .xls or .ppt) or another compound "
                "file, not a HWP document. Save it as DOCX, XLSX, PPTX or PDF."
            ),
            code="old_office",
        )
    if data.startswith(b"MZ") or data.startswith(b"\x7fELF"):
        raise ValidationError(
            _("This file is a program, not a document. Programs are never accepted."),
            code="program",
        )
    check_text(data)
    return (CSV if extension == CSV else TXT), None


def begins_as(kind: str, head: bytes) -> bool:
    """Whether a stored file's first bytes (up to 1 KiB) are still those of ``kind``."""
    if kind == PDF:
        return b"%PDF-" in head
    if kind in (DOCX, XLSX, PPTX, HWPX):
        return head.startswith(b"PK\x03\x04")
    if kind == HWP:
        return head.startswith(OLE2_SIGNATURE)
    if kind in (TXT, CSV):
        return b"\x00" not in head and not MARKUP.search(head.decode("utf-8", "ignore"))
    return False


def not_allowed() -> ValidationError:
    return ValidationError(
        _("This kind of file is not accepted. Accepted: %(kinds)s.") % {"kinds": accepted_list()},
        code="kind",
    )


# --- text -----------------------------------------------------------------------------


def check_text(data: bytes) -> None:
    if b"\x00" in data:
        raise not_allowed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "This text file is not in UTF-8. Save it again as UTF-8 (in Excel: “CSV "
                "UTF-8”; in Notepad: encoding UTF-8) and upload it again."
            ),
            code="encoding",
        ) from None
    if MARKUP.search(text):
        raise ValidationError(
            _(
                "This text file contains HTML or script, which is not accepted in a text "
                "document. Upload it as a PDF instead."
            ),
            code="markup",
        )


# --- ZIP-based: OOXML and HWPX ---------------------------------------------------------


def check_zip(data: bytes) -> str:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise damaged() from None
    measure_zip(entries, len(data))
    names = {entry.filename for entry in entries}
    try:
        if "mimetype" in names:
            mimetype = read_entry(archive, "mimetype", 200).strip()
            if mimetype == b"application/hwp+zip":
                return HWPX
        if "[Content_Types].xml" in names:
            types = read_entry(archive, "[Content_Types].xml", 1024 * 1024)
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    _(
                        "This Office file contains macros, which are not accepted. Save it "
                        "as a document without macros (DOCX, XLSX or PPTX)."
                    ),
                    code="macros",
                )
            for kind, (content_type, folder) in OOXML_MAIN.items():
                if content_type.encode() in types and any(n.startswith(folder) for n in names):
                    return kind
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        raise damaged() from None
    raise not_allowed()


def measure_zip(entries, packed_size: int) -> None:
    bomb = ValidationError(
        _(
            "This file unpacks to far more than its size (a “ZIP bomb”) and is refused. "
            "Save it again from the program that made it."
        ),
        code="zip_bomb",
    )
    if len(entries) > ZIP_MAX_ENTRIES:
        raise bomb
    total = sum(entry.file_size for entry in entries)
    if total > ZIP_MAX_UNCOMPRESSED:
        raise bomb
    if total > 1024 * 1024 and total > ZIP_MAX_RATIO * max(packed_size, 1):
        raise bomb
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise bomb


def read_entry(archive, name: str, limit: int) -> bytes:
    with archive.open(name) as entry:
        return entry.read(limit)


def damaged() -> ValidationError:
    return ValidationError(
        _("This file is damaged or incomplete and cannot be read. Save it again and retry."),
        code="damaged",
    )


# --- PDF ------------------------------------------------------------------------------


def check_pdf(data: bytes) -> int | None:
    """The page count (None when none was found); refuses what `PDF_FORBIDDEN` names."""
    if found := forbidden_in(data):
        raise pdf_refusal(found)
    if b"/Encrypt" in data:
        raise ValidationError(
            _(
                "This PDF is encrypted or has a password, so it cannot be checked. Save it "
                "again without a password or restrictions."
            ),
            code="encrypted",
        )
    pages = len(PDF_PAGE.findall(data))
    for stream in flate_streams(data):
        if found := forbidden_in(stream):
            raise pdf_refusal(found)
        pages += len(PDF_PAGE.findall(stream))
    return pages or None


def forbidden_in(data: bytes) -> str | None:
    """What `PDF_FORBIDDEN` names ``data`` has: plain names by one regular expression over
    the whole text, then any name written with ``#xx`` escapes, decoded."""
    if match := PDF_FORBIDDEN_NAME.search(data):
        return PDF_FORBIDDEN[match.group(1)]
    for match in PDF_ESCAPED_NAME.finditer(data):
        name = PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in PDF_FORBIDDEN:
            return PDF_FORBIDDEN[name]
    return None


def pdf_refusal(found: str) -> ValidationError:
    if found == "script":
        message = _(
            "This PDF contains JavaScript, which is not accepted. Save it again without "
            "scripts or form actions (e.g. “Print to PDF”) and upload that copy."
        )
    elif found == "file":
        message = _(
            "This PDF has files embedded or attached in it, which are not accepted. Remove "
            "the attachments, or upload them as documents of their own."
        )
    else:
        message = _(
            "This PDF contains an action that starts a program (“Launch”), which is not "
            "accepted. Save it again without it."
        )
    return ValidationError(message, code=f"pdf_{found}")


def flate_streams(data: bytes):
    """The unpacked bytes of each Flate stream that is not an image, each cut at
    `PDF_STREAM_MAX`; a stream that would go past it, or all of them past
    `PDF_TOTAL_MAX`, is refused: what is in it could not be looked at."""
    total = 0
    for match in PDF_STREAM.finditer(data):
        start = match.end()
        dictionary = data[max(0, match.start() - 1024) : match.start()]
        dictionary = dictionary.rpartition(b"obj")[2]
        if b"FlateDecode" not in dictionary or PDF_IMAGE.search(dictionary):
            continue
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        unpacker = zlib.decompressobj()
        try:
            unpacked = unpacker.decompress(data[start:end], PDF_STREAM_MAX + 1)
        except zlib.error:
            continue  # not a stream we can read; a reader will not run it either
        total += len(unpacked)
        if len(unpacked) > PDF_STREAM_MAX or total > PDF_TOTAL_MAX:
            raise ValidationError(
                _("This PDF unpacks to far more than its size and cannot be checked."),
                code="pdf_too_packed",
            )
        yield unpacked
