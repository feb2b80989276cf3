"""PDF: what a reader would do with it, read by its structure (pypdf) and by its bytes.

A PDF must start with ``%PDF-`` (only whitespace before it: a program or web page in front
makes a polyglot). It is parsed with pypdf (leniently, as readers do; a file pypdf cannot
parse at all is refused, since it cannot be checked). Every object is looked at: those of
the cross-reference table, those found by scanning the bytes for ``N G obj``, and those
packed in object streams, which are unpacked and parsed here too. Every stream is decoded
through its whole filter chain (within pypdf's limits, lowered here, and a total:
`PDF_STREAM_MAX`, `PDF_TOTAL_MAX`), except pictures, whose pixels no reader runs; a
stream with a filter we cannot decode is refused, not skipped.

Refused (`FORBIDDEN`): JavaScript (``/JS``, ``/JavaScript``, in actions, ``/AA``,
``/OpenAction`` or the names tree), files inside (``/EmbeddedFile(s)``,
``/FileAttachment``), actions that start programs or open other files (``/Launch``,
``/GoToR``, ``/GoToE``), forms that send or load data or run XFA (``/SubmitForm``,
``/ImportData``, ``/XFA``), embedded media (``/RichMedia``); encrypted PDFs. The raw byte
scan of the old check stays as a second net, over the file and every decoded stream, with
``#xx`` escapes decoded. The page count is pypdf's.
"""

from __future__ import annotations

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: How far one stream is unpacked to look into it, and all of them together.
PDF_STREAM_MAX = 32 * 1024 * 1024
PDF_TOTAL_MAX = 128 * 1024 * 1024
#: Objects looked at, at most (a file that has more is refused, unchecked).
PDF_MAX_OBJECTS = 500_000

#: Names a PDF must not have, as keys or values: what each one is.
FORBIDDEN = {
    b"JS": "script",
    b"JavaScript": "script",
    b"EmbeddedFile": "file",
    b"EmbeddedFiles": "file",
    b"FileAttachment": "file",
    b"Launch": "launch",
    b"GoToR": "open",
    b"GoToE": "open",
    b"SubmitForm": "form",
    b"ImportData": "form",
    b"XFA": "form",
    b"RichMedia": "media",
}
FORBIDDEN_NAMES = {"/" + name.decode(): found for name, found in FORBIDDEN.items()}
#: XFA forms inside a stream, in case the ``/XFA`` that points at them is hidden.
XFA_PACKET = re.compile(rb"<(?:\w+:)?xdp\b|http://www\.xfa\.org/schema", re.IGNORECASE)

NAME_END = rb"(?=[\s/<>\[\]()%{}]|\Z)"
FORBIDDEN_NAME = re.compile(rb"/(" + b"|".join(FORBIDDEN) + rb")" + NAME_END)
ESCAPED_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>\[\]()%{}]*)")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
INDIRECT = re.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b")

#: Filters pypdf decodes; pictures' own codecs (only ever last) are not unpacked.
TEXT_FILTERS = {
    "/FlateDecode",
    "/Fl",
    "/LZWDecode",
    "/LZW",
    "/ASCIIHexDecode",
    "/AHx",
    "/ASCII85Decode",
    "/A85",
    "/RunLengthDecode",
    "/RL",
}
PICTURE_FILTERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/CCITTFaxDecode", "/CCF", "/JBIG2Decode"}


def start(data: bytes) -> bytes:
    """``data`` without the whitespace a PDF may have before its header."""
    return data.lstrip(b" \t\r\n\f\x00")


def check_pdf(data: bytes) -> int | None:
    """The page count (None when it has none); refuses what `FORBIDDEN` names."""
    if found := forbidden_in(data):
        raise refusal(found)
    if b"/Encrypt" in data:
        raise encrypted()
    import pypdf
    from pypdf.errors import LimitReachedError

    limits = {
        "zlib_maximum_output_length": PDF_STREAM_MAX,
        "lzw_maximum_output_length": PDF_STREAM_MAX,
        "run_length_maximum_output_length": PDF_STREAM_MAX,
        "array_based_stream_maximum_output_length": PDF_STREAM_MAX,
        "stream_decoding_work_maximum_length": 4 * PDF_STREAM_MAX,
        "jbig2dec_binary": None,
    }
    with pypdf.apply_configuration(**limits):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise encrypted()
            pages = len(reader.pages)
        except ValidationError:
            raise
        except LimitReachedError:
            raise too_packed() from None
        except Exception:  # any failure to parse is a refusal, never a 500
            raise unreadable() from None
        Walk(reader, data).run()
    return pages or None


class Walk:
    """Every object of ``reader``, looked at once; streams decoded and scanned."""

    def __init__(self, reader, data: bytes):
        self.reader, self.data = reader, data
        self.seen: dict[int, object] = {}  # by id, holding each so no id is reused
        self.decoded = 0

    def run(self) -> None:
        from pypdf.generic import IndirectObject

        numbers: set[tuple[int, int]] = set()
        for generation, table in self.reader.xref.items():
            numbers.update((number, generation) for number in table)
        numbers.update((number, 0) for number in self.reader.xref_objStm)
        numbers.update((int(m[1]), int(m[2])) for m in INDIRECT.finditer(self.data))
        if len(numbers) > PDF_MAX_OBJECTS:
            raise too_packed()
        for number, generation in sorted(numbers):
            try:
                obj = self.reader.get_object(IndirectObject(number, generation, self.reader))
            except Exception:  # an object no reader can parse runs nothing
                continue
            self.look(obj)

    def look(self, root) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

        stack = [root]
        while stack:
            obj = stack.pop()
            if isinstance(obj, NameObject):
                check_name(obj)
            elif isinstance(obj, (DictionaryObject, ArrayObject)):
                if id(obj) in self.seen:
                    continue
                self.seen[id(obj)] = obj
                if isinstance(obj, DictionaryObject):
                    for key, value in obj.items():
                        check_name(key)
                        stack.append(value)
                    if isinstance(obj, StreamObject):
                        self.stream(obj)
                else:
                    stack.extend(obj)

    def stream(self, stream) -> None:
        from pypdf.errors import LimitReachedError

        filters = stream.get("/Filter", [])
        if hasattr(filters, "get_object"):
            filters = filters.get_object()
        if not isinstance(filters, list):
            filters = [filters]
        names = [str(f) for f in filters]
        if "/Crypt" in names:
            raise encrypted()
        if names and names[-1] in PICTURE_FILTERS:
            names = names[:-1]
            picture = True
        else:
            picture = stream.get("/Subtype") == "/Image" and stream.get("/Type") != "/ObjStm"
        if any(name not in TEXT_FILTERS for name in names):
            raise unreadable_part()
        if picture:
            return  # pixels: nothing in them is run
        try:
            decoded = stream.get_data()
        except LimitReachedError:
            raise too_packed() from None
        except Exception:  # a part we cannot decode is not let through
            raise unreadable_part() from None
        self.decoded += len(decoded)
        if len(decoded) > PDF_STREAM_MAX or self.decoded > PDF_TOTAL_MAX:
            raise too_packed()
        if found := forbidden_in(decoded):
            raise refusal(found)
        if XFA_PACKET.search(decoded):
            raise refusal("form")
        if stream.get("/Type") == "/ObjStm":
            self.object_stream(stream, decoded)
        if hasattr(stream, "decoded_self"):
            stream.decoded_self = None  # keep no unpacked copy: memory stays bounded

    def object_stream(self, stream, decoded: bytes) -> None:
        """The objects packed in an object stream, parsed here whether or not the
        cross-reference table points at them (a reader may find them by scanning)."""
        from pypdf.generic import NumberObject, read_object

        try:
            count, first = int(stream.get("/N", 0)), int(stream.get("/First", 0))
            header = decoded[:first].split()
            offsets = [int(header[2 * i + 1]) for i in range(min(count, len(header) // 2))]
        except (ValueError, TypeError, IndexError):
            return  # the byte scan above has looked at it all
        for offset in offsets:
            buffer = io.BytesIO(decoded)
            buffer.seek(first + offset)
            try:
                obj = read_object(buffer, self.reader)
            except Exception:  # unparsable: no reader uses it either
                continue
            if not isinstance(obj, NumberObject):
                self.look(obj)


def check_name(name) -> None:
    if found := FORBIDDEN_NAMES.get(str(name)):
        raise refusal(found)


def forbidden_in(data: bytes) -> str | None:
    """What `FORBIDDEN` names ``data`` has: plain names by one regular expression over
    the whole text, then any name written with ``#xx`` escapes, decoded."""
    if match := FORBIDDEN_NAME.search(data):
        return FORBIDDEN[match.group(1)]
    for match in ESCAPED_NAME.finditer(data):
        name = ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in FORBIDDEN:
            return FORBIDDEN[name]
    return None


def refusal(found: str) -> ValidationError:
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
    elif found == "launch":
        message = _(
            "This PDF contains an action that starts a program (“Launch”), which is not "
            "accepted. Save it again without it."
        )
    elif found == "open":
        message = _(
            "This PDF contains a link that opens another file on the reader's computer "
            "(“GoToR” or “GoToE”), which is not accepted. Save it again without it."
        )
    elif found == "form":
        message = _(
            "This PDF has a form that sends or loads data, or an XFA form, which is not "
            "accepted. Save it again flattened (e.g. “Print to PDF”) and upload that copy."
        )
    else:
        message = _(
            "This PDF contains embedded media (RichMedia), which is not accepted. Upload "
            "the video as a video link instead."
        )
    return ValidationError(message, code=f"pdf_{found}")


def encrypted() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is encrypted or has a password, so it cannot be checked. Save it "
            "again without a password or restrictions."
        ),
        code="encrypted",
    )


def too_packed() -> ValidationError:
    return ValidationError(
        _("This PDF unpacks to far more than its size and cannot be checked."),
        code="pdf_too_packed",
    )


def unreadable() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is damaged and cannot be read, so it cannot be checked. Save it again "
            "(e.g. “Print to PDF”) and upload that copy."
        ),
        code="pdf_damaged",
    )


def unreadable_part() -> ValidationError:
    return ValidationError(
        _(
            "This PDF has a part packed in a way that cannot be unpacked, so it cannot be "
            "checked. Save it again (e.g. “Print to PDF”) and upload that copy."
        ),
        code="pdf_unreadable_part",
    )


def polyglot() -> ValidationError:
    return ValidationError(
        _(
            "This file has something before its PDF header (a program or a web page can "
            "hide there), so it is not accepted as a PDF. Save it again as a PDF."
        ),
        code="pdf_polyglot",
    )
