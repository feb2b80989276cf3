"""Event selection: which events of the chosen trip a clipping is *about*, not every one it
names, from the evidence each of its sentences gives (see `covers`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .gazetteer import STRONG, WEAK, Gazetteer, TripInfo
from .results import Guess
from .sentences import Sentence


@dataclass
class Evidence:
    """What one sentence says for one event."""

    strong: set = field(default_factory=set)  # keys of its names and title phrases
    weak: float = 0  # points of its words, details and areas
    detail: bool = False  # a detail of its description: "Tiangong", 5,000 m²


def _title(obj) -> str:
    return str(obj)


def select_events(
    gazetteer: Gazetteer,
    info: TripInfo,
    sentences: list[Sentence],
    found: dict[str, list[int]],
    *,
    until: dt.date | None = None,
) -> Guess:
    """The events of ``info``'s trip the clipping covers, up to ``until`` (the article's
    date; None for a release page, which may announce any), in the order they took place."""
    evidence = _evidence(gazetteer, info, sentences, found)
    covered = [
        info.engagements[pk]
        for pk, by_sentence in evidence.items()
        if (until is None or info.engagements[pk].date <= until)
        and covers(info.engagements[pk], by_sentence, sentences)
    ]
    covered.sort(key=lambda e: (e.date, e.start_time or dt.time(0), e.pk))
    if not covered:
        return Guess([], 0.0, _("No event of the trip is named."))
    named = []
    for engagement in covered:
        keys = sorted(
            {key for slot in evidence[engagement.pk].values() for key in slot.strong},
            key=len,
            reverse=True,
        )
        names = ", ".join(gazetteer.terms[key].text for key in keys[:2])
        named.append(f"{_title(engagement)} ({names})")
    reason = _("Named in the article: %(names)s.") % {"names": "; ".join(named)}
    return Guess(covered, 0.7, reason)


def _evidence(gazetteer: Gazetteer, info: TripInfo, sentences, found) -> dict:
    """event pk → sentence index → `Evidence` for it in that sentence."""
    trip = info.visit.pk
    evidence: dict[int, dict[int, Evidence]] = defaultdict(lambda: defaultdict(Evidence))
    for key, where in found.items():
        term = gazetteer.terms[key]
        for (trip_pk, _entity), events in term.events.items():
            if trip_pk != trip:
                continue
            for pk, points in events.items():
                for index in where:
                    slot = evidence[pk][index]
                    if points >= STRONG:
                        slot.strong.add(key)
                    else:
                        slot.weak += points
                        slot.detail = slot.detail or (key, pk) in gazetteer.details
    for index, sentence in enumerate(sentences):
        for number in sentence.numbers:
            if (pk := info.numbers.get(number)) is not None:
                slot = evidence[pk][index]
                slot.weak += WEAK
                slot.detail = True
    return evidence


def covers(engagement, by_sentence: dict, sentences: list[Sentence]) -> bool:
    """Whether the article is about this event, from its evidence sentence by sentence.

    An event is covered when a sentence names it strongly and

    - is the headline or a sub-headline, or names the event's own day, or
    - gives a second strong name or a detail, unless it says it is background, or
    - two sentences or more give evidence for it (4 points together), one of them naming
      it strongly and not as background.
    """
    day = {engagement.date, (engagement.date.month, engagement.date.day)}
    total, count, plain_strong = 0, 0, False
    for index, slot in by_sentence.items():
        sentence = sentences[index]
        # "InnoWay startup street" found along with "startup street" is one name.
        strong = slot.strong
        distinct = {key for key in strong if not any(key != o and key in o for o in strong)}
        on_day = bool(sentence.dates & day)
        if not distinct and slot.weak < WEAK:
            continue
        count += 1
        total += STRONG * min(len(distinct), 2) + min(slot.weak, 2) + (1 if on_day else 0)
        if distinct and (sentence.headline or on_day):
            return True
        if distinct and not sentence.background:
            plain_strong = True
            if len(distinct) >= 2 or slot.detail:
                return True
    return plain_strong and count >= 2 and total >= 4
