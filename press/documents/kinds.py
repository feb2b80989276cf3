"""The kinds of document the site accepts, and the refusals every format shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError
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


def accepted_list() -> str:
    return ", ".join(ext.upper() for ext in ACCEPTED_EXTENSIONS)


def not_allowed() -> ValidationError:
    return ValidationError(
        _("This kind of file is not accepted. Accepted: %(kinds)s.") % {"kinds": accepted_list()},
        code="kind",
    )


def damaged() -> ValidationError:
    return ValidationError(
        _("This file is damaged or incomplete and cannot be read. Save it again and retry."),
        code="damaged",
    )


def program() -> ValidationError:
    return ValidationError(
        _("This file is a program, not a document. Programs are never accepted."),
        code="program",
    )


def old_office() -> ValidationError:
    return ValidationError(
        _(
            "This is an older Office file (.doc, .xls or .ppt) or another compound "
            "file, not a HWP document. Save it as DOCX, XLSX, PPTX or PDF."
        ),
        code="old_office",
    )


def zip_bomb() -> ValidationError:
    return ValidationError(
        _(
            "This file unpacks to far more than its size (a “ZIP bomb”) and is refused. "
            "Save it again from the program that made it."
        ),
        code="zip_bomb",
    )
