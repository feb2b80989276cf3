"""HWP (Hangul 5): an OLE2 compound file, read by its directory (olefile).

It must have a ``FileHeader`` stream that starts with ``HWP Document File``; any other
compound file (an old .doc, .xls or .ppt with the word “FileHeader” in it) is refused.
Refused too: scripts (the ``Scripts`` storage, where HWP keeps its JScript macros), VBA
projects (``_VBA_PROJECT``, ``VBA``, ``Macros``), and PostScript or EPS pictures in
``BinData`` (a PostScript interpreter runs them), known by name or by their first bytes.
"""

from __future__ import annotations

import io
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .kinds import damaged, old_office

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP_SIGNATURE = b"HWP Document File"
#: Storages (any level, any case) that hold programs.
ACTIVE = {"scripts", "_vba_project", "_vba_project_cur", "vba", "macros"}
POSTSCRIPT_NAMES = (".eps", ".ps", ".epsf", ".epsi")
POSTSCRIPT_STARTS = (b"%!", b"\xc5\xd0\xd3\xc6")


def check_hwp(data: bytes) -> None:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # not a compound file olefile can read
        raise old_office() from None
    with ole:
        try:
            if ole.get_type("FileHeader") != olefile.STGTY_STREAM:
                raise old_office()
            with ole.openstream("FileHeader") as stream:
                header = stream.read(64)
            paths = ole.listdir(streams=True, storages=True)
        except ValidationError:
            raise
        except Exception:  # a damaged directory or stream
            raise damaged() from None
        if not header.startswith(HWP_SIGNATURE):
            raise old_office()
        for path in paths:
            parts = [part.lower() for part in path]
            if ACTIVE.intersection(parts):
                raise active()
            if (
                parts[0] == "bindata"
                and len(parts) > 1
                and (parts[-1].endswith(POSTSCRIPT_NAMES) or is_postscript(ole, path))
            ):
                raise active()


def is_postscript(ole, path) -> bool:
    """Whether a BinData stream starts as PostScript or EPS, stored plain or deflated."""
    try:
        if ole.get_type(path) != 2:  # a storage, not a stream
            return False
        with ole.openstream(path) as stream:
            head = stream.read(4096)
    except Exception:
        raise damaged() from None
    if head.lstrip().startswith(POSTSCRIPT_STARTS):
        return True
    try:
        unpacked = zlib.decompressobj(-15).decompress(head, 64)
    except zlib.error:
        return False
    return unpacked.lstrip().startswith(POSTSCRIPT_STARTS)


def active() -> ValidationError:
    return ValidationError(
        _(
            "This HWP file contains scripts, macros or PostScript (EPS) pictures, which are "
            "not accepted. Remove them, or save the document as HWPX or PDF."
        ),
        code="hwp_active",
    )
