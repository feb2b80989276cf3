"""Tiny documents of every accepted kind, and hostile files, made in memory for the
tests of press/document_checks.py and of the pages, feeds and backups that carry them."""

import io
import re
import struct
import zipfile
import zlib

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from press.models import Document

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)
OOXML = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def pdf(*objects: bytes, pages: int = 1) -> bytes:
    """A small PDF: a catalogue, ``pages`` pages and any ``objects`` given, with the
    cross-reference table of every ``N 0 obj`` among them (as readers expect)."""
    body = [b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj"]
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages)).encode()
    body.append(b"2 0 obj << /Type /Pages /Kids [" + kids + b"] /Count %d >> endobj" % pages)
    for n in range(pages):
        body.append(b"%d 0 obj << /Type /Page /Parent 2 0 R >> endobj" % (3 + n))
    body += objects
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for part in body:
        if match := re.match(rb"(\d+) 0 obj", part):
            offsets[int(match.group(1))] = len(out)
        out += part + b"\n"
    size = max(offsets) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 00000 f \n"
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def flate_object_stream(inner: bytes) -> bytes:
    packed = zlib.compress(inner)
    return (
        b"9 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream endobj"
    )


def office(kind: str, extra: dict | None = None) -> bytes:
    part, content_type = OOXML[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(part=part, type=content_type))
        archive.writestr(part, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def hwpx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("Contents/section0.xml", "<hs:sec/>")
    return out.getvalue()


def ole2(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding ``streams``, by path
    (``"BinData/BIN0001.eps"``). Each stream is padded to 4 KiB so that none goes in the
    mini stream; enough for olefile to read it as Hangul and Office do."""
    nosid, endofchain, fatsect, free = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    tree: dict = {}
    for path, data in streams.items():
        *folders, leaf = path.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node[leaf] = data.ljust(4096, b"\x00")
    entries = [["Root Entry", 5, None, 0, b""]]  # name, type, children, start, data

    def add(node: dict) -> list[int]:
        ids = []
        for name, value in node.items():
            ids.append(len(entries))
            if isinstance(value, dict):
                entries.append([name, 1, None, endofchain, b""])
                entries[ids[-1]][2] = add(value)
            else:
                entries.append([name, 2, None, 0, value])
        return sorted(ids, key=lambda i: (len(entries[i][0]), entries[i][0].upper()))

    entries[0][2] = add(tree)
    dir_sectors = -(-len(entries) * 128 // 512)
    fat = [fatsect] + [n + 2 for n in range(dir_sectors - 1)] + [endofchain]
    for entry in entries:
        if entry[1] == 2:
            entry[3] = len(fat)
            count = len(entry[4]) // 512
            fat += [len(fat) + n + 1 for n in range(count - 1)] + [endofchain]
    assert len(fat) <= 128
    directory = bytearray()
    for name, kind, children, first, data in entries:
        child = children[0] if children else nosid
        encoded = (name + "\x00").encode("utf-16-le")
        directory += encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
        directory += struct.pack("<3L", nosid, nosid, child) + b"\x00" * 36
        directory += struct.pack("<LQ", first if kind != 5 else endofchain, len(data))
    for entry in entries:  # siblings chained to the right, in the order OLE2 sorts them
        for left, right in zip(entry[2] or [], (entry[2] or [])[1:], strict=False):
            struct.pack_into("<L", directory, left * 128 + 72, right)
    directory = bytes(directory).ljust(dir_sectors * 512, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack(
            "<5H6x9L", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, endofchain, 0, endofchain, 0
        )
        + struct.pack("<L", 0)
        + struct.pack("<L", free) * 108
    )
    fat_sector = b"".join(struct.pack("<L", n) for n in fat).ljust(512, b"\xff")
    data = b"".join(entry[4] for entry in entries if entry[1] == 2)
    return header + fat_sector + directory + data


def hwp(extra: dict | None = None) -> bytes:
    """A HWP 5 file: an OLE2 compound file with its ``FileHeader`` and a body section."""
    return ole2(
        {
            "FileHeader": b"HWP Document File".ljust(32, b"\x00") + b"\x00\x00\x05\x05",
            "DocInfo": b"\x00" * 16,
            "BodyText/Section0": b"\x00" * 16,
            **(extra or {}),
        }
    )


def zip_bomb() -> bytes:
    """A .docx-shaped ZIP one entry of which unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(part=OOXML["docx"][0], type=OOXML["docx"][1]),
        )
        archive.writestr("word/document.xml", "<document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            block = b"\x00" * (1024 * 1024)
            for _ in range(200):
                entry.write(block)
    return out.getvalue()


GOOD = {
    "report.pdf": lambda: pdf(pages=3),
    "speech.docx": lambda: office("docx"),
    "figures.xlsx": lambda: office("xlsx"),
    "slides.pptx": lambda: office("pptx"),
    "보도자료.hwp": hwp,
    "보도자료.hwpx": hwpx,
    "notes.txt": lambda: "서울시 보도자료\nPress release\n".encode(),
    "table.csv": lambda: "\ufeff구분,값\nvisitors,120\n".encode(),
}


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A one-page English PDF, in no release and no trip unless given."""

    file = factory.LazyFunction(lambda: ContentFile(pdf(), name="fact-sheet.pdf"))
    title_en = factory.Sequence(lambda n: f"Fact sheet {n}")
    language = "en"

    class Meta:
        model = Document
        skip_postgeneration_save = True

    @classmethod
    def _generate(cls, strategy, params):
        # In no release, the trip's own (as the demo and the admin's trip form make it).
        params.setdefault("trip_wide", not params.get("releases"))
        return super()._generate(strategy, params)

    @factory.post_generation
    def releases(self, create, extracted, **kwargs):
        if create and extracted:
            self.releases.set(extracted)

    @factory.post_generation
    def events(self, create, extracted, **kwargs):
        if create and extracted:
            self.events.set(extracted)
