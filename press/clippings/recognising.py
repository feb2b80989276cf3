"""Step 2 of the desk: a `Source` → a `Recognition` of what its text says.

A clipping is read as lines (an HTML page as the lines a reader sees, each with what it
is: a heading, a list item, navigation). The city's own release page is read as a release
(`release_pages`); anything else as coverage: each line is sorted into furniture, a
copyright, byline, date or address line, or the article's (`line_sorting`); the article's
lines give the headline, sub-headlines and body (`article_structure`); the evidence gives
the byline, outlet and address (`attribution`) and the date and time (`dating`). Our rules,
since on portal pastes generic extractors find no byline and get the date wrong;
trafilatura gives an HTML page's metadata and, where our lines find none, its article;
lingua the language (`languages`). This module owns the order of those steps and the
refusals.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .article_structure import read_body, read_headline
from .attribution import read_byline, read_outlet, read_url
from .dating import read_date
from .evidence import Reading
from .languages import ForeignLanguage, detect
from .line_sorting import sort_lines
from .outlet_names import OutletIndex
from .pages import Line, read_page
from .release_pages import is_release_page, read_release
from .results import Guess, Recognition, Refused, Source

__all__ = ["OutletIndex", "recognise"]


def recognise(source: Source, *, outlets: OutletIndex | None = None) -> Recognition:
    """What the clipping itself says; raises `Refused` when it cannot be coverage or a
    release of ours (a language the newsroom does not have, no text at all)."""
    if outlets is None:
        outlets = OutletIndex()
    recognition = Recognition(source=source)
    page = None
    if source.is_html:
        page = read_page(source.original)
        lines = page.lines
        if not lines and page.main_text:
            lines = [Line(text) for text in page.main_text.splitlines()]
    else:
        lines = [Line(text) for text in source.original.replace("\r", "").split("\n")]
    lines = [Line(_tidy(line.text), line.tag, line.outside) for line in lines]
    if not any(line.text for line in lines):
        raise Refused(_("%(name)s has no text.") % {"name": source.label}, name=source.label)
    if is_release_page(lines):
        read_release(recognition, lines, page)
    else:
        _read_coverage(recognition, lines, page, outlets)
    _read_language(recognition)
    return recognition


def _tidy(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


# -- language ---------------------------------------------------------------------------------


def _read_language(recognition: Recognition) -> None:
    sample = "\n".join([recognition.headline.value or "", recognition.text])
    try:
        detected = detect(sample)
    except ForeignLanguage as foreign:
        raise Refused(
            _("%(name)s is written in %(language)s, which the newsroom does not publish in.")
            % {"name": recognition.source.label, "language": foreign.name},
            name=recognition.source.label,
        ) from None
    if detected is None:
        raise Refused(
            _("%(name)s has no article text to read.") % {"name": recognition.source.label},
            name=recognition.source.label,
        )
    recognition.language = Guess(detected.code, detected.confidence, detected.reason)


def _read_coverage(recognition, lines: list[Line], page, outlets: OutletIndex) -> None:
    reading = Reading(lines=lines, page=page)
    sort_lines(reading, outlets)
    headline_at = read_headline(recognition, reading, outlets)
    read_body(recognition, reading, headline_at)
    read_byline(recognition, reading)
    read_date(recognition, reading)
    read_outlet(recognition, reading, outlets)
    read_url(recognition, reading)
    recognition.notes.extend(reading.notes)
