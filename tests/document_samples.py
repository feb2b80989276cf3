"""Tiny documents of every accepted kind, and hostile files, made in memory for the
tests of press/document_checks.py and of the pages, feeds and backups that carry them."""

import io
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
    """A small PDF: a catalogue, ``pages`` pages and any ``objects`` given."""
    body = [b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj"]
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages)).encode()
    body.append(b"2 0 obj << /Type /Pages /Kids [" + kids + b"] /Count %d >> endobj" % pages)
    for n in range(pages):
        body.append(b"%d 0 obj << /Type /Page /Parent 2 0 R >> endobj" % (3 + n))
    body += objects
    return b"%PDF-1.7\n" + b"\n".join(body) + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


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


def hwp() -> bytes:
    """The start of an OLE2 compound file with a FileHeader stream in its directory."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "FileHeader".encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return header + entry + b"HWP Document File" + b"\x00" * 300


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
