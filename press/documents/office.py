"""ZIP-based documents: DOCX, XLSX, PPTX (OOXML) and HWPX.

Every ZIP is measured before zipfile parses it: the end-of-central-directory record gives
the number of entries and the directory's size, so a ZIP with a huge directory is refused
unread. Then each entry's sizes and ratio (a ZIP bomb is refused unopened), encrypted
entries (they cannot be looked into) and names that leave the archive (``../``).

- HWPX: a ``mimetype`` entry saying ``application/hwp+zip``; no ``Scripts/``.
- OOXML: ``[Content_Types].xml`` naming the main part of that kind, and that part there.
  Refused: macros and ActiveX or OLE objects, known by their content types (and the name
  ``vbaProject.bin``); relationships to anything outside the file (``TargetMode="External"``:
  a remote template, picture or data source), hyperlinks excepted; DDE fields in Word
  (``DDE``/``DDEAUTO`` in field instructions, ``w:instrText`` or ``w:fldSimple``) and DDE
  or OLE links in Excel's external links.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import hwp
from .kinds import DOCX, HWPX, PPTX, XLSX, damaged, not_allowed, zip_bomb

#: A ZIP's limits: more entries, more bytes unpacked or a higher ratio is a bomb.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_DIRECTORY = 4 * 1024 * 1024
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024
ZIP_MAX_RATIO = 100
#: How much of one XML part is read to look into it.
PART_MAX = 64 * 1024 * 1024

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
MACRO_TYPES = ("vbaproject", "vbadata", "macroenabled", "ms-word.keymapcustomizations")
OBJECT_TYPES = ("activex", "oleobject")
CONTENT_TYPE = re.compile(rb"""ContentType\s*=\s*(?:"([^"]*)"|'([^']*)')""")
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^<>]*>")
ATTRIBUTE = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
INSTR_TEXT = re.compile(rb"<w:instrText\b[^<>]*>([^<]*)<")  # text only: no backtracking
INSTR_ATTRIBUTE = re.compile(rb"""w:instr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
DDE = re.compile(r"\bDDE(?:AUTO)?\b", re.IGNORECASE)
EOCD = struct.Struct("<4s4H2LH")
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def check_zip(data: bytes) -> str:
    measure_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, RuntimeError):
        raise damaged() from None
    measure_zip(entries, len(data))
    for entry in entries:
        if entry.flag_bits & 1:
            raise encrypted()
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise damaged()
    names = {entry.filename for entry in entries}
    try:
        if "mimetype" in names:
            mimetype = read_entry(archive, "mimetype", 200).strip()
            if mimetype == b"application/hwp+zip":
                if any(name.lower().startswith("scripts/") for name in names):
                    raise hwp.active()
                return HWPX
        if "[Content_Types].xml" in names:
            return check_ooxml(archive, names)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        raise damaged() from None
    raise not_allowed()


def measure_directory(data: bytes) -> None:
    """Refuses, from the end-of-central-directory record alone, a ZIP that says it has
    more entries or a bigger directory than any document needs."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - EOCD.size - 65535))
    if at < 0 or at + EOCD.size > len(data):
        raise damaged()
    _sig, _disk, _cd_disk, _here, entries, size, _offset, _comment = EOCD.unpack_from(data, at)
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        locator = at - ZIP64_LOCATOR.size
        if locator < 0 or data[locator : locator + 4] != b"PK\x06\x07":
            raise damaged()
        record = ZIP64_LOCATOR.unpack_from(data, locator)[2]
        if record + ZIP64_EOCD.size > len(data) or data[record : record + 4] != b"PK\x06\x06":
            raise damaged()
        fields = ZIP64_EOCD.unpack_from(data, record)
        entries, size = fields[7], fields[8]
    if entries > ZIP_MAX_ENTRIES or size > ZIP_MAX_DIRECTORY:
        raise zip_bomb()


def measure_zip(entries, packed_size: int) -> None:
    if len(entries) > ZIP_MAX_ENTRIES:
        raise zip_bomb()
    total = sum(entry.file_size for entry in entries)
    if total > ZIP_MAX_UNCOMPRESSED:
        raise zip_bomb()
    if total > 1024 * 1024 and total > ZIP_MAX_RATIO * max(packed_size, 1):
        raise zip_bomb()
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise zip_bomb()


def read_entry(archive, name: str, limit: int) -> bytes:
    with archive.open(name) as entry:
        return entry.read(limit)


def read_part(archive, name: str) -> bytes:
    data = read_entry(archive, name, PART_MAX + 1)
    if len(data) > PART_MAX:
        raise zip_bomb()
    return data


def check_ooxml(archive, names: set[str]) -> str:
    types = read_entry(archive, "[Content_Types].xml", 1024 * 1024)
    declared = [
        html.unescape((m[1] or m[2]).decode("utf-8", "replace")).lower()
        for m in CONTENT_TYPE.finditer(types)
    ]
    lowered = [name.lower() for name in names]
    if any(name.endswith("vbaproject.bin") for name in lowered) or any(
        marker in content_type for content_type in declared for marker in MACRO_TYPES
    ):
        raise macros()
    if any(marker in content_type for content_type in declared for marker in OBJECT_TYPES) or any(
        "/activex/" in name or name.rpartition("/")[2].startswith("oleobject") for name in lowered
    ):
        raise objects()
    for name in sorted(names):
        low = name.lower()
        if low.endswith(".rels"):
            check_relationships(read_part(archive, name))
        elif low.startswith("word/") and low.endswith(".xml"):
            check_fields(read_part(archive, name))
        elif low.startswith("xl/externallinks/") and low.endswith(".xml"):
            part = read_part(archive, name)
            if b"ddeLink" in part or b"oleLink" in part:
                raise dde()
    for kind, (content_type, folder) in OOXML_MAIN.items():
        if content_type.encode() in types and any(n.startswith(folder) for n in names):
            return kind
    raise not_allowed()


def check_relationships(rels: bytes) -> None:
    for match in RELATIONSHIP.finditer(rels):
        attributes = {
            key.rpartition(b":")[2].lower(): html.unescape((v1 or v2).decode("utf-8", "replace"))
            for key, v1, v2 in ATTRIBUTE.findall(match.group(0))
        }
        if attributes.get(b"targetmode", "").strip().lower() != "external":
            continue
        if not attributes.get(b"type", "").strip().endswith("/hyperlink"):
            raise external()


def check_fields(part: bytes) -> None:
    instructions = b"".join(m.group(1) for m in INSTR_TEXT.finditer(part))
    texts = [instructions] + [m[0] or m[1] for m in INSTR_ATTRIBUTE.findall(part)]
    for text in texts:
        if DDE.search(html.unescape(text.decode("utf-8", "replace"))):
            raise dde()


def macros() -> ValidationError:
    return ValidationError(
        _(
            "This Office file contains macros, which are not accepted. Save it "
            "as a document without macros (DOCX, XLSX or PPTX)."
        ),
        code="macros",
    )


def objects() -> ValidationError:
    return ValidationError(
        _(
            "This Office file contains ActiveX controls or embedded OLE objects, which are "
            "not accepted. Remove them and save it again."
        ),
        code="office_objects",
    )


def external() -> ValidationError:
    return ValidationError(
        _(
            "This Office file loads something from outside it (a remote template, picture "
            "or data source), which is not accepted. Remove the link and save it again."
        ),
        code="office_external",
    )


def dde() -> ValidationError:
    return ValidationError(
        _(
            "This Office file contains a DDE field or link, which can start a program, and "
            "is not accepted. Remove it and save the file again."
        ),
        code="office_dde",
    )


def encrypted() -> ValidationError:
    return ValidationError(
        _(
            "This file has password-protected (encrypted) parts, which cannot be checked. "
            "Save it again without a password."
        ),
        code="zip_encrypted",
    )
