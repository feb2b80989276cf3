"""TXT and CSV: UTF-8 (a BOM allowed), no NUL byte, nothing a browser that sniffs it would
read as a web page or script; a CSV also has no cell a spreadsheet would run as a formula
(“CSV injection”: a cell starting with ``=``, ``+``, ``-`` or ``@``, after quotes or
spaces), plain numbers such as ``-3`` or ``+3.5`` excepted."""

from __future__ import annotations

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .kinds import not_allowed

#: What makes a text file read as a web page or script by a browser that sniffs it.
MARKUP = re.compile(
    r"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|form|img)\b"
    r"|<\?xml|javascript:",
    re.IGNORECASE,
)
#: The first characters of a cell that a spreadsheet takes for a formula (and their
#: full-width forms, which some spreadsheets read the same).
FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: A signed number, or dashes standing for “none”: what such a cell may still be.
PLAIN = re.compile(r"[-+\uff0b\uff0d]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?%?|[-+]+")
#: Characters skipped before looking at a cell's first.
CELL_PADDING = " \t\r\n\"'"
DELIMITERS = ",;\t|"
#: Pieces of a cell as another program, splitting it differently, would see them.
PIECES = re.compile(r"[,;\t|]")


def check_text(data: bytes, is_csv: bool = False) -> None:
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
    if is_csv and has_formula(text):
        raise ValidationError(
            _(
                "This CSV file has cells that start with =, +, - or @, which a spreadsheet "
                "would run as formulas (“CSV injection”). Put an apostrophe (') before them, "
                "or upload the table as XLSX."
            ),
            code="csv_formula",
        )


def has_formula(text: str) -> bool:
    """Whether any cell starts as a formula: the cells as the file's own delimiter (the
    commonest of comma, semicolon, tab and bar in its first line) splits them, and any
    piece of a cell, split by another of them, that starts with ``=``."""
    first_line = text[:65536].partition("\n")[0]  # not csv.Sniffer: quadratic on quotes
    delimiter = max(DELIMITERS, key=first_line.count) if first_line else ","
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in row:
                if is_formula(cell) or any(
                    piece.lstrip(CELL_PADDING).startswith(("=", "\uff1d"))
                    for piece in PIECES.split(cell)
                ):
                    return True
    except csv.Error:
        return any(is_formula(piece) for piece in PIECES.split(text))
    return False


def is_formula(cell: str) -> bool:
    stripped = cell.strip(CELL_PADDING)
    return stripped.startswith(FORMULA_START) and not PLAIN.fullmatch(stripped)
