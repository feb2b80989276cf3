"""Trip scoring: which trip a clipping is about, from the trips' names it holds and its date.

A trip scores its names found in the text (the official 3, people met 3, places and
organisations 2, distinctive words of event titles 1, cities 1: the `Gazetteer`'s points)
and the article's date (during the trip or up to `DAYS_AFTER` days after it: 3; up to
`DAYS_BEFORE` days before: 3 for an announcement, 1 otherwise; further away: -3), plus 1
when a day the text names falls in the trip. A trip needs at least one name of its own,
and `PLACE_AT` points (`PLACE_AT_UNDATED` without a date). Two trips with the best score
are both returned as candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .gazetteer import Gazetteer, TripInfo
from .mentioned_dates import date_or_none
from .results import Guess, Recognition
from .sentences import Sentence

#: An article appears during its trip or in the days after it; an announcement before.
DAYS_AFTER = 14
DAYS_BEFORE = 14
#: Points a trip needs to be proposed, with the article's date and without it.
PLACE_AT = 4
PLACE_AT_UNDATED = 4
# An article that looks ahead: an announcement may come before its trip.
ANNOUNCES = re.compile(
    r"(?<![a-z])(?:will|to visit|to travel|is to|plans to|leaves? (?:today|on|for))(?![a-z])"
    r"|예정|할 계획|나선다|떠난다|방문한다|찾는다|将|拟|予定|訪れる|訪問する",
    re.IGNORECASE,
)


def place_trip(
    gazetteer: Gazetteer,
    recognition: Recognition,
    sentences: list[Sentence],
    found: dict[str, list[int]],
    on: dt.date | None,
) -> TripInfo | None:
    """The trip the clipping is about, filling its ``trip`` and ``trip_candidates``; None
    when no trip, or more than one, has the best score."""
    scores: dict[int, float] = defaultdict(float)
    names: dict[int, dict] = defaultdict(dict)  # trip → {entity: (points, text)}
    for key in found:
        term = gazetteer.terms[key]
        for (trip_pk, entity), points in term.trips.items():
            if points and (points, len(term.text)) > (
                names[trip_pk].get(entity, (0, ""))[0],
                len(names[trip_pk].get(entity, (0, ""))[1]),
            ):
                names[trip_pk][entity] = (points, term.text)
    announcing = recognition.is_release or any(ANNOUNCES.search(s.text) for s in sentences)
    mentioned = set().union(*(s.dates for s in sentences)) if sentences else set()
    reasons: dict[int, list[str]] = defaultdict(list)
    for trip_pk, info in gazetteer.trips.items():
        if not names[trip_pk]:
            continue
        visit = info.visit
        points = sum(p for p, _text in names[trip_pk].values())
        ordered = sorted(names[trip_pk].values(), key=lambda v: -v[0])
        shown = list(dict.fromkeys(text for _p, text in ordered))[:4]
        if on is not None:
            if visit.start_date <= on <= visit.end_date:
                points += 3
                reasons[trip_pk].append(
                    _("Published %(date)s, during the trip.") % {"date": date_format(on)}
                )
            elif visit.end_date < on <= visit.end_date + dt.timedelta(days=DAYS_AFTER):
                points += 3
                days = (on - visit.end_date).days
                reasons[trip_pk].append(
                    ngettext(
                        "Published %(date)s, %(days)d day after the trip.",
                        "Published %(date)s, %(days)d days after the trip.",
                        days,
                    )
                    % {"date": date_format(on), "days": days}
                )
            elif visit.start_date - dt.timedelta(days=DAYS_BEFORE) <= on < visit.start_date:
                points += 3 if announcing else 1
                reasons[trip_pk].append(
                    (
                        _("Published %(date)s, before the trip, announcing it.")
                        if announcing
                        else _("Published %(date)s, before the trip.")
                    )
                    % {"date": date_format(on)}
                )
            else:
                points -= 3
                reasons[trip_pk].append(
                    _("Published %(date)s, far from the trip's dates.") % {"date": date_format(on)}
                )
        else:
            reasons[trip_pk].append(_("No date: placed by the names alone."))
        if any(_in_trip(day, visit) for day in mentioned):
            points += 1
            reasons[trip_pk].append(_("Names a day of the trip."))
        reasons[trip_pk].append(_("Names %(names)s.") % {"names": ", ".join(shown)})
        scores[trip_pk] = points

    needed = PLACE_AT if on is not None else PLACE_AT_UNDATED
    ranked = sorted(((s, pk) for pk, s in scores.items() if s >= needed), reverse=True)
    if not ranked:
        recognition.trip = Guess(
            None, 0.1 if scores else 0.0, _("No trip matches its date and names.")
        )
        recognition.trip_candidates = []
        return None
    best = ranked[0][0]
    tied = [gazetteer.trips[pk].visit for score, pk in ranked if score == best]
    if len(tied) > 1:
        recognition.trip = Guess(
            None,
            0.3,
            _("Matches these trips equally, choose one: %(trips)s.")
            % {"trips": "; ".join(str(visit) for visit in tied)},
        )
        recognition.trip_candidates = tied
        return None
    pk = ranked[0][1]
    confidence = min(0.95, 0.35 + 0.06 * best)
    if on is None:
        confidence = min(confidence, 0.6)
    if len(ranked) > 1:
        confidence = min(confidence, 0.35 + 0.1 * (best - ranked[1][0]))
    recognition.trip = Guess(gazetteer.trips[pk].visit, round(confidence, 2), " ".join(reasons[pk]))
    recognition.trip_candidates = []
    return gazetteer.trips[pk]


def _in_trip(day, visit) -> bool:
    if isinstance(day, dt.date):
        return visit.start_date <= day <= visit.end_date
    month, number = day
    for year in {visit.start_date.year, visit.end_date.year}:
        candidate = date_or_none(year, month, number)
        if candidate is not None and visit.start_date <= candidate <= visit.end_date:
            return True
    return False
