# Sentence ends and bullets in four scripts.
# ruff: noqa: RUF001
"""What the recogniser's steps share while reading one coverage clipping: the `Reading`
(its lines, and the evidence found so far for each field, as `Hit`s), and the shapes of
text every step tells apart (a sentence's end, a paragraph, a bullet point).

Plain data and patterns: no rule about any one field lives here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone

from visits.timezone import newsroom_zone

from . import bylines as by
from .dates import Stamp
from .furniture import normalise_line
from .pages import Line

#: A line that ends a sentence: body text, not a heading.
SENTENCE_END = re.compile(r"(?:[.!?。！？]|다\.|니다\.?|[.。]\s*[\])）】\"”’]?)\s*$")
#: A bullet point's mark: a dash, a dot, a number or a circled number.
BULLET = re.compile(r"^\s*(?:[-–•·◦▪▫○●□■◆◇▶▷►*]|\d+[.)]\s|[①-⑳])\s*")


@dataclass
class Hit:
    """One piece of evidence for a field: the value, how sure, why, where."""

    value: object
    confidence: float
    reason: str
    order: int = 0


@dataclass
class Reading:
    lines: list[Line]
    page: object = None
    content: list[tuple[int, Line]] = field(default_factory=list)
    stamps: list[tuple[int, Stamp, str]] = field(default_factory=list)  # (line, stamp, text)
    bylines: list[tuple[int, by.Byline, str]] = field(default_factory=list)
    outlets: list[Hit] = field(default_factory=list)  # value: (outlet, name, domain)
    urls: list[Hit] = field(default_factory=list)
    emails: list[tuple[int, str]] = field(default_factory=list)
    copyright_names: set = field(default_factory=set)  # folded names in copyright lines
    list_headings: list[int] = field(default_factory=list)  # "Most viewed", "관련기사"…
    notes: list[str] = field(default_factory=list)
    zone: str = ""  # the zone the page says all its times are in (an IANA name)
    zone_note: str = ""  # the line that says so
    #: The day of the import, in Seoul: a date printed without its year is reckoned back
    #: from it.
    today: dt.date = field(default_factory=lambda: timezone.localdate(timezone=newsroom_zone()))


def is_paragraph(text: str) -> bool:
    return len(text) > 120 or bool(SENTENCE_END.search(text))


def short(text: str, limit: int = 80) -> str:
    text = normalise_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
