"""What a document upload really is, from its bytes, and whether the site may keep it.

Allowed: PDF, DOCX, XLSX, PPTX, HWP, HWPX, TXT and CSV (`KINDS`). The kind is worked out
from the content alone, then the file's name must agree with it. Programs (Windows,
Linux, macOS) are refused first; a file is a PDF only when it starts with ``%PDF-``
(whitespace before it allowed), a ZIP-based document when it starts as a ZIP, a HWP when
it starts as an OLE2 compound file, text otherwise. Each family is checked by its module
in `press.documents`:

- `press.documents.pdf`: parsed with pypdf, every object and stream looked into;
  JavaScript, embedded files, Launch/GoToR/GoToE, forms that send data, XFA, RichMedia
  and encryption refused; the page count.
- `press.documents.office`: DOCX, XLSX, PPTX and HWPX; ZIP bombs, huge directories,
  encrypted entries, macros, ActiveX/OLE objects, external relationships and DDE refused.
- `press.documents.hwp`: HWP by its OLE directory (olefile); scripts, VBA and EPS refused.
- `press.documents.text`: TXT and CSV in UTF-8, no HTML or script, no CSV formulas.

Messages are the editor's (translated, said at the time of the check). Imports no model.
This module is what the rest of the project imports; its names stay here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .documents.hwp import OLE2_SIGNATURE, check_hwp
from .documents.kinds import (
    ACCEPTED_EXTENSIONS,
    CSV,
    DOCX,
    HWP,
    HWPX,
    KIND_CHOICES,
    KINDS,
    PDF,
    PPTX,
    TXT,
    XLSX,
    accepted_list,
    damaged,
    not_allowed,
    program,
)
from .documents.office import check_zip
from .documents.pdf import check_pdf, polyglot, start
from .documents.text import MARKUP, check_text

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "CSV",
    "DOCX",
    "HWP",
    "HWPX",
    "KINDS",
    "KIND_CHOICES",
    "PDF",
    "PPTX",
    "TXT",
    "XLSX",
    "Checked",
    "accepted_list",
    "begins_as",
    "check",
    "damaged",
    "detect",
    "max_bytes",
    "not_allowed",
]

#: The first bytes of programs: Windows (MZ), Linux (ELF), macOS (Mach-O, fat binaries),
#: Java classes share the fat-binary magic; shell scripts (``#!``).
PROGRAMS = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Checked:
    kind: str
    media_type: str
    size: int
    pages: int | None = None


def max_bytes() -> int:
    return getattr(settings, "PRESSROOM_DOCUMENT_MAX_BYTES", 50 * 1024 * 1024)


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
    if data.startswith(PROGRAMS):
        raise program()
    if data.startswith(ZIP_STARTS):
        return check_zip(data), None
    if data.startswith(OLE2_SIGNATURE):
        check_hwp(data)
        return HWP, None
    if start(data).startswith(b"%PDF-"):
        return PDF, check_pdf(data)
    if b"%PDF-" in data[:1024]:
        raise polyglot()
    check_text(data, is_csv=extension == CSV)
    return (CSV if extension == CSV else TXT), None


def begins_as(kind: str, head: bytes) -> bool:
    """Whether a stored file's first bytes (up to 1 KiB) are still those of ``kind``."""
    if kind == PDF:
        return start(head).startswith(b"%PDF-")
    if kind in (DOCX, XLSX, PPTX, HWPX):
        return head.startswith(b"PK\x03\x04")
    if kind == HWP:
        return head.startswith(OLE2_SIGNATURE)
    if kind in (TXT, CSV):
        return b"\x00" not in head and not MARKUP.search(head.decode("utf-8", "ignore"))
    return False
