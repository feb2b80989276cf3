# Dashes of several widths are meant.
# ruff: noqa: RUF001
"""Step 1 of the desk: pasted text and uploaded or named files → `Source`s.

Refuses (`Refused`, in the editor's language) what cannot be a clipping: an empty or
binary file, one over the size limit (``PRESSROOM_CLIPPING_MAX_BYTES``), text it cannot
decode. A file or a paste may hold several clippings, separated by a line of ``---``.
"""

import codecs
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .results import Refused, Source

TEXT = "text/plain"
HTML = "text/html"
EXTENSIONS = {".txt": TEXT, ".text": TEXT, ".html": HTML, ".htm": HTML}

#: A line of three or more dashes (or of the long dashes a word processor makes of them)
#: separates clippings in a paste or a text file.
SEPARATOR = re.compile(r"^[ \t]*[-‐‑‒–—―─━]{3,}[ \t]*$", re.M)
#: Where an HTML document starts: a second one in the same paste is a second clipping.
HTML_START = re.compile(r"^[ \t]*(?:<!doctype\s+html[^>]*>|<html[\s>])", re.I | re.M)
LOOKS_HTML = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
#: The charset an HTML page declares (``<meta charset>`` or the http-equiv form).
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: Tried, in order, when a file is not UTF-8 and declares nothing we can use: the East
#: Asian encodings the newsroom's outlets wrote before UTF-8. Accepted only when the whole
#: file decodes cleanly and reads as text.
FALLBACK_ENCODINGS = ("cp949", "gb18030", "shift_jis")


def max_bytes() -> int:
    return getattr(settings, "PRESSROOM_CLIPPING_MAX_BYTES", 2 * 1024 * 1024)


def split_pasted(text: str, *, first_number: int = 1) -> list[Source]:
    """The clippings in one paste, numbered from ``first_number``."""
    return _split(text, name="", first_number=first_number)


def read_upload(name: str, data: bytes, *, first_number: int = 1) -> list[Source]:
    """The clippings in one uploaded file (``.txt`` or ``.html``); raises `Refused`."""
    name = os.path.basename(name or "") or _("(no name)")
    media_type = EXTENSIONS.get(Path(name).suffix.lower())
    if media_type is None:
        raise Refused(
            _("%(name)s: only .txt and .html files can be imported.") % {"name": name},
            name=name,
        )
    if len(data) > max_bytes():
        raise Refused(
            _("%(name)s is too large (%(size)s): a clipping may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(len(data)),
                "limit": filesizeformat(max_bytes()),
            },
            name=name,
        )
    if not data.strip():
        raise Refused(_("%(name)s is empty.") % {"name": name}, name=name)
    text = decode(data, name=name, html=media_type == HTML)
    sources = _split(text, name=name, first_number=first_number, media_type=media_type)
    if not sources:
        raise Refused(_("%(name)s is empty.") % {"name": name}, name=name)
    return sources


def read_paths(paths: Iterable[str | Path]) -> Iterator[Source | Refused]:
    """Every clipping in the named files and folders (their ``.txt`` and ``.html``
    files, in name order); a file that cannot be read yields its `Refused`."""
    number = 1
    for path in _files(paths):
        if isinstance(path, Refused):
            yield path
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes() + 1)
        except OSError as error:
            yield Refused(
                _("%(name)s cannot be read: %(error)s")
                % {"name": str(path), "error": error.strerror or error},
                name=str(path),
            )
            continue
        try:
            sources = read_upload(path.name, data, first_number=number)
        except Refused as refused:
            yield Refused(refused.message.replace(path.name, str(path), 1), name=str(path))
            continue
        for source in sources:
            # The name a message shows is the path given, so the editor can find it.
            yield Source(
                original=source.original,
                name=str(path),
                media_type=source.media_type,
                number=source.number,
            )
        number += len(sources)


def _files(paths: Iterable[str | Path]) -> Iterator[Path | Refused]:
    seen: set[Path] = set()
    for path in _named(paths):
        if isinstance(path, Path):
            key = path.resolve()
            if key in seen:
                continue  # a file named twice (itself and in its folder) is read once
            seen.add(key)
        yield path


def _named(paths: Iterable[str | Path]) -> Iterator[Path | Refused]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")),
                key=lambda p: p.relative_to(path).parts,
            )
            for file in found:
                if file.suffix.lower() in EXTENSIONS:
                    yield file
        elif path.is_file():
            if path.suffix.lower() in EXTENSIONS:
                yield path
            else:
                yield Refused(
                    _("%(name)s: only .txt and .html files can be imported.") % {"name": str(path)},
                    name=str(path),
                )
        else:
            yield Refused(_("%(name)s does not exist.") % {"name": str(path)}, name=str(path))


def decode(data: bytes, *, name: str, html: bool = False) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), then the charset an
    HTML page declares, then the East Asian fallbacks when they decode cleanly."""
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _binary(name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _readable(_try(data, "utf-16"), name)
    text = _try(data, "utf-8-sig")
    if text is None and html:
        declared = DECLARED_CHARSET.search(data[:4096])
        if declared:
            charset = declared.group(1).decode("ascii").lower()
            # A page that says euc-kr is nearly always written in its superset cp949.
            charset = {"euc-kr": "cp949", "ks_c_5601-1987": "cp949", "gb2312": "gb18030"}.get(
                charset, charset
            )
            try:
                text = _try(data, charset)
            except LookupError:
                text = None
    if text is None:
        text = _fallback(data)
    if text is None:
        raise Refused(
            _(
                "%(name)s is not text in an encoding the desk reads "
                "(UTF-8, EUC-KR, GB18030 or Shift JIS)."
            )
            % {"name": name},
            name=name,
        )
    return _readable(text, name)


def _fallback(data: bytes) -> str | None:
    """The text in the first East Asian encoding that decodes it cleanly into what reads
    as that language: these encodings overlap, so Chinese in GB18030 also decodes as
    (nonsense) Korean in CP949. Korean text is nearly all Hangul, Japanese always has
    kana; failing those, the first clean decoding."""
    decoded = {}
    for encoding in FALLBACK_ENCODINGS:
        text = _try(data, encoding)
        if text is not None and _mostly_text(text):
            decoded[encoding] = text
    if not decoded:
        return None

    def share(text: str, low: str, high: str) -> float:
        cjk = [ch for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"]
        return sum(1 for ch in cjk if low <= ch <= high) / len(cjk) if cjk else 0.0

    # Kana first: Japanese in Shift JIS also decodes as (nonsense) Chinese in GB18030.
    tests = [
        ("cp949", "\uac00", "\ud7a3", 0.9),  # Hangul syllables
        ("shift_jis", "\u3040", "\u30ff", 0.1),  # hiragana and katakana
        ("gb18030", "\u4e00", "\u9fff", 0.9),  # Han
    ]
    for encoding, low, high, least in tests:
        text = decoded.get(encoding)
        if text is not None and share(text, low, high) >= least:
            return text
    return next(iter(decoded.values()))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, ValueError):
        return None


def _mostly_text(text: str) -> bool:
    """Whether decoded text reads as text: few control characters, few unassigned or
    private-use characters (what a wrong decoding of another encoding makes)."""
    if not text:
        return False
    odd = 0
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in "\t\n\r\f") or category in ("Co", "Cn", "Cs"):
            odd += 1
    return odd <= max(2, len(text) // 100)


def _readable(text: str | None, name: str) -> str:
    if text is None or not _mostly_text(text):
        raise _binary(name)
    return text


def _binary(name: str) -> Refused:
    return Refused(
        _("%(name)s is a binary file, not a text or HTML clipping.") % {"name": name},
        name=name,
    )


def _split(text: str, *, name: str, first_number: int, media_type: str | None = None):
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    pieces = []
    # An HTML file is one page (a line of dashes in its source is no separator); a paste
    # or a text file may hold several clippings.
    parts = [text] if media_type == HTML else SEPARATOR.split(text)
    for part in parts:
        pieces.extend(_split_documents(part))
    sources = []
    for piece in pieces:
        if not piece.strip():
            continue
        kind = media_type or (HTML if LOOKS_HTML.match(piece) else TEXT)
        if media_type == TEXT and LOOKS_HTML.match(piece):
            kind = HTML  # HTML saved under .txt is still a page
        sources.append(
            Source(
                original=piece.strip("\n"),
                name=name,
                media_type=kind,
                number=first_number + len(sources),
            )
        )
    return sources


def _split_documents(text: str) -> list[str]:
    """Pasted HTML documents one after another, cut where each starts. A document starts
    with ``<!DOCTYPE html>`` or ``<html>``; ``<html>`` right after a doctype is the same
    document. Plain text is never cut without a separator line."""
    starts = []
    last_end = -1
    for match in HTML_START.finditer(text):
        if last_end >= 0 and not text[last_end : match.start()].strip():
            last_end = match.end()
            continue  # <html> right after its own doctype
        starts.append(match.start())
        last_end = match.end()
    if len(starts) <= 1:
        return [text]
    cuts = [0, *starts[1:], len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]
