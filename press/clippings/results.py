"""What the desk hands from one step to the next: a clipping's `Source`, the `Guess`es made
about it and the whole `Recognition`, and a `Refused` clipping's reason.

Plain data: holds no rule and does no query, so every step can import it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

COVERAGE = "coverage"
RELEASE = "release"  # the city's own release page: becomes a release draft, not coverage


class Refused(Exception):
    """A clipping that cannot be imported. The message is for the editor, already in
    their language; ``name`` says which clipping of a batch it was."""

    def __init__(self, message: str, *, name: str = ""):
        super().__init__(message)
        self.message = message
        self.name = name

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Source:
    """One clipping as it came in, decoded to text (HTML stays HTML)."""

    original: str
    name: str = ""  # the file's name; empty when pasted
    media_type: str = "text/plain"  # or "text/html"
    number: int = 1  # its place in the batch, from 1, for messages ("clipping 3")

    @property
    def is_html(self) -> bool:
        return self.media_type == "text/html"

    @property
    def label(self) -> str:
        return self.name or f"#{self.number}"


@dataclass
class Guess(Generic[T]):
    """One recognised value, how sure the desk is (0 = not found, 1 = certain) and why,
    in the editor's language (shown on the review screen)."""

    value: T | None = None
    confidence: float = 0.0
    reason: str = ""

    def __bool__(self) -> bool:
        return self.value not in (None, "", [], ())


@dataclass(frozen=True)
class Duplicate:
    """What the newsroom already has of this clipping."""

    kind: str  # COVERAGE or RELEASE
    pk: int  # 0 when it is an earlier clipping of the same import, not saved yet
    reason: str  # in the editor's language: "same address", "same outlet and headline"…
    earlier: str = ""  # that earlier clipping's label (Source.label), when it is one


@dataclass
class Recognition:
    """Everything the desk found in one clipping. `recognising` fills the fields the text
    gives; `matching` the trip, events, releases and ``duplicate``."""

    source: Source
    kind: str = COVERAGE
    text: str = ""  # the cleaned article: paragraphs separated by a blank line
    fingerprint: str = ""  # duplicates.fingerprint(text)
    headline: Guess[str] = field(default_factory=Guess)
    subheadlines: list[str] = field(default_factory=list)
    byline: Guess[str] = field(default_factory=Guess)  # "김우영 (Kim Woo-young)"
    published_on: Guess[dt.date] = field(default_factory=Guess)
    published_time: Guess[dt.time] = field(default_factory=Guess)  # Korea Standard Time
    language: Guess[str] = field(default_factory=Guess)  # "en", "ko", "zh-hans", "ja"
    outlet: Guess[Any] = field(default_factory=Guess)  # an existing press.Outlet
    outlet_name: str = ""  # the name the clipping gives: proposed as a new outlet
    outlet_domain: str = ""  # its web or e-mail domain, when the clipping shows one
    url: Guess[str] = field(default_factory=Guess)
    number: Guess[str] = field(default_factory=Guess)  # a city release's number: SMG 449
    trip: Guess[Any] = field(default_factory=Guess)  # a visits.Visit
    trip_candidates: list[Any] = field(default_factory=list)  # trips tied for first place
    engagements: Guess[list] = field(default_factory=Guess)  # visits.Engagement rows
    releases: Guess[list] = field(default_factory=Guess)  # press.PressRelease rows
    duplicate: Duplicate | None = None
    notes: list[str] = field(default_factory=list)  # warnings for the editor, not refusals

    @property
    def is_release(self) -> bool:
        return self.kind == RELEASE
