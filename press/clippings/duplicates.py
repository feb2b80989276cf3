"""Whether the newsroom already has a clipping's article or release, or an earlier
clipping of the same import does.

Coverage is the same article when it has the same address (if the clipping gives one),
the same outlet and headline (spaces and punctuation aside), the same text (its
`fingerprint`), or nearly the same text (`NEAR`) as a clipping of the same outlet or of a
date within `NEAR_DAYS` days. A city release is the same when its number is (``SMG 449``,
``SMG-449`` and ``smg449`` are one number), or its date (Seoul time) and trip are and its
title in some language is nearly the headline.

How the importer uses it, for one batch of clippings::

    batch = Batch()
    for recognition in recognitions:            # in the batch's order
        matcher.place(recognition)              # the trip first: a release needs it
        duplicate = find_duplicate(recognition, batch=batch)
        if duplicate:                           # "already have <kind> <pk>"
            continue                            # (pk 0: an earlier clipping of this batch,
                                                #  not saved yet; its label in .earlier)
        record = save(recognition)              # or nothing, on a dry run
        batch.saved(recognition, record.pk)     # later repeats name the saved record
        # a clipping refused after all: batch.forget(recognition)

`find_duplicate` remembers each clipping it finds new in ``batch``, so pasting the same
article twice in one import gives "already have" for the second, even on the review
screen, before anything is saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.db.models import Q
from django.utils.translation import gettext as _

from press.models import Clipping, Coverage, PressRelease
from visits.text import localized, translations

from .normalising import folded, overlap, shingles, similarity, squeezed
from .results import COVERAGE, RELEASE, Duplicate, Recognition

#: Texts or titles this alike are the same article or release.
NEAR = 0.9
#: The dates around a clipping's whose clippings are compared with it, text to text.
NEAR_DAYS = 2
#: At most this many stored clippings are read to compare texts.
MAX_CANDIDATES = 300


def fingerprint(text: str) -> str:
    """SHA-256 of the cleaned text with spaces and punctuation aside (NFKC, case folded)."""
    return hashlib.sha256(squeezed(text).encode("utf-8")).hexdigest()


def release_number(number: str) -> str:
    """A release number as compared: 'SMG 449' == 'SMG-449' == 'smg449'."""
    return re.sub(r"[\W_]+", "", folded(number or ""))


def url_variants(url: str) -> list[str]:
    """The address as given and without its fragment or its final slash."""
    url = (url or "").strip()
    if not url:
        return []
    parts = urlsplit(url)
    bare = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
    variants = {url, bare, bare.rstrip("/"), bare.rstrip("/") + "/"}
    return sorted(v for v in variants if v)


def _text_alike(a_shingles: set, a_text: str, b_text: str) -> float:
    score = overlap(a_shingles, shingles(b_text))
    if NEAR > score >= 0.6:  # shingles undercount an edit in a short text
        score = max(score, similarity(a_text, b_text))
    return score


def _near_text(percent: float) -> str:
    return _("nearly the same text (%(percent)d%% alike)") % {"percent": int(percent * 100)}


def _coverage_in_newsroom(recognition: Recognition) -> Duplicate | None:
    outlet = recognition.outlet.value
    url = recognition.url.value
    if url:
        pk = Coverage.objects.filter(url__in=url_variants(url)).values_list("pk", flat=True).first()
        if pk:
            return Duplicate(COVERAGE, pk, _("same address"))
    headline = squeezed(recognition.headline.value or "")
    if outlet is not None and headline:
        for pk, stored in Coverage.objects.filter(outlet=outlet).values_list("pk", "headline"):
            if squeezed(stored) == headline:
                return Duplicate(COVERAGE, pk, _("same outlet and headline"))
    found = _same_fingerprint(recognition)
    if found:
        return found
    on = recognition.published_on.value
    if not recognition.text or (outlet is None and on is None):
        return None
    nearby = Q()
    if outlet is not None:
        nearby |= Q(coverage__outlet=outlet)
    if on is not None:
        days = dt.timedelta(days=NEAR_DAYS)
        nearby |= Q(coverage__published_on__range=(on - days, on + days))
    candidates = (
        Clipping.objects.filter(coverage__isnull=False)
        .filter(nearby)
        .order_by("-imported_at", "-pk")
        .values_list("coverage_id", "text")[:MAX_CANDIDATES]
    )
    mine = shingles(recognition.text)
    for pk, text in candidates:
        alike = _text_alike(mine, recognition.text, text)
        if alike >= NEAR:
            return Duplicate(COVERAGE, pk, _near_text(alike))
    return None


def _same_fingerprint(recognition: Recognition) -> Duplicate | None:
    if not recognition.fingerprint:
        return None
    row = (
        Clipping.objects.filter(fingerprint=recognition.fingerprint)
        .values_list("coverage_id", "release_id")
        .first()
    )
    if row is None:
        return None
    coverage_id, release_id = row
    if coverage_id:
        return Duplicate(COVERAGE, coverage_id, _("same text"))
    return Duplicate(RELEASE, release_id, _("same text"))


def _release_in_newsroom(recognition: Recognition) -> Duplicate | None:
    number = release_number(recognition.number.value or "")
    if number:
        stored = PressRelease.objects.filter(number__isnull=False).values_list("pk", "number")
        for pk, other in stored:
            if release_number(other) == number:
                return Duplicate(RELEASE, pk, _("same release number"))
    found = _same_fingerprint(recognition)
    if found:
        return found
    on, headline = recognition.published_on.value, recognition.headline.value or ""
    if on is None or not headline:
        return None
    same_day = PressRelease.objects.filter(published_at__date=on)
    trip = recognition.trip.value
    if trip is not None:
        same_day = same_day.filter(visit=trip)
    for release in same_day.only("pk", *localized("title")):
        if any(similarity(headline, title) >= NEAR for title in translations(release, "title")):
            return Duplicate(RELEASE, release.pk, _("same date, trip and title"))
    return None


@dataclass
class _Seen:
    recognition: Recognition
    pk: int = 0
    shingles: set = field(default_factory=set)


class Batch:
    """The clippings of one import seen so far, so that a clipping pasted twice in one
    go is reported the second time (see the module's description)."""

    def __init__(self):
        self._seen: list[_Seen] = []

    def add(self, recognition: Recognition) -> None:
        if not any(seen.recognition is recognition for seen in self._seen):
            self._seen.append(_Seen(recognition, 0, shingles(recognition.text)))

    def saved(self, recognition: Recognition, pk: int) -> None:
        """The record this batch's clipping became: later repeats name it."""
        for seen in self._seen:
            if seen.recognition is recognition:
                seen.pk = pk
                return
        self._seen.append(_Seen(recognition, pk, shingles(recognition.text)))

    def forget(self, recognition: Recognition) -> None:
        """A clipping refused after all is no model for the next ones."""
        self._seen = [seen for seen in self._seen if seen.recognition is not recognition]

    def find(self, recognition: Recognition) -> Duplicate | None:
        mine = shingles(recognition.text)
        for seen in self._seen:
            earlier = seen.recognition
            if earlier is recognition or earlier.kind != recognition.kind:
                continue
            reason = _same(recognition, earlier, mine, seen.shingles)
            if reason:
                label = earlier.source.label
                return Duplicate(
                    earlier.kind,
                    seen.pk,
                    _("%(reason)s as clipping %(label)s of this import")
                    % {"reason": reason, "label": label},
                    earlier=label,
                )
        return None


def _same(new: Recognition, old: Recognition, new_shingles: set, old_shingles: set) -> str:
    """Why two clippings of one batch are the same article or release ("" if not)."""
    if new.fingerprint and new.fingerprint == old.fingerprint:
        return _("same text")
    if new.is_release:
        number = release_number(new.number.value or "")
        if number and number == release_number(old.number.value or ""):
            return _("same release number")
        if (
            new.published_on.value
            and new.published_on.value == old.published_on.value
            and new.trip.value == old.trip.value
            and similarity(new.headline.value or "", old.headline.value or "") >= NEAR
        ):
            return _("same date, trip and title")
        return ""
    if new.url.value and set(url_variants(new.url.value)) & set(url_variants(old.url.value)):
        return _("same address")
    if (
        new.outlet.value is not None
        and new.outlet.value == old.outlet.value
        and squeezed(new.headline.value or "")
        and squeezed(new.headline.value or "") == squeezed(old.headline.value or "")
    ):
        return _("same outlet and headline")
    if new.text and old.text:
        alike = overlap(new_shingles, old_shingles)
        if NEAR > alike >= 0.6:
            alike = max(alike, similarity(new.text, old.text))
        if alike >= NEAR:
            return _near_text(alike)
    return ""


def find_duplicate(recognition: Recognition, *, batch: Batch | None = None) -> Duplicate | None:
    """What the newsroom (or an earlier clipping of ``batch``) already has of this clipping.
    Sets the recognition's ``fingerprint`` and ``duplicate``; a clipping found new is
    remembered in ``batch``. A release should be placed (its trip) first."""
    recognition.fingerprint = fingerprint(recognition.text) if squeezed(recognition.text) else ""
    if recognition.is_release:
        found = _release_in_newsroom(recognition)
    else:
        found = _coverage_in_newsroom(recognition)
    if found is None and batch is not None:
        found = batch.find(recognition)
        if found is None:
            batch.add(recognition)
    recognition.duplicate = found
    return found
