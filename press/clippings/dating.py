"""When a coverage clipping was published, in Korea Standard Time: the date printed with
the article (a publication stamp before an undated or updated one, a date above or below
the article before one between its paragraphs), else the page's metadata, converted from
the zone the clipping names beside the date or, for the whole page, in a note of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils.translation import gettext as _

from .dates import Stamp, find_stamps
from .evidence import Reading, is_paragraph, short
from .results import Guess


def read_date(recognition, reading: Reading) -> None:
    """The date and time published, in Korea Standard Time."""
    # Dates printed above or below the article first: a short line with a date between
    # its paragraphs is more likely a sub-heading about a day of the trip.
    paragraphs = [i for i, line in reading.content if is_paragraph(line.text)]
    inside = range(paragraphs[0] + 1, paragraphs[-1]) if paragraphs else range(0)
    stamps = sorted(reading.stamps, key=lambda found: found[0] in inside)
    chosen = None
    kind = ""
    for wanted in ("published", ""):
        for _i, stamp, line in stamps:
            if stamp.label == wanted:
                chosen, kind = (stamp, line), wanted
                break
        if chosen:
            break
    # A date alone, and the same date with its time on another line: take the time.
    if chosen and chosen[0].time is None:
        for _i, stamp, line in stamps:
            if stamp.date == chosen[0].date and stamp.time and stamp.label != "updated":
                chosen = (stamp, line)
                break
    page = reading.page
    if chosen is None and page is not None and page.published:
        meta = _meta_stamp(page.published)
        if meta:
            chosen, kind = (meta, page.published), "meta"
    if chosen is None:
        updated = [(stamp, line) for _i, stamp, line in stamps if stamp.label == "updated"]
        if updated:
            chosen, kind = updated[0], "updated"
            reading.notes.append(_("Only the time the article was last updated is given."))
    if chosen is None and page is not None and page.tf_date:
        meta = _meta_stamp(page.tf_date)
        if meta:
            chosen, kind = (meta, page.tf_date), "extractor"
    if chosen is None:
        return
    stamp, line = chosen
    declared = not stamp.zone_named and stamp.offset is None and bool(reading.zone)
    if declared:
        # "本站所有时间均为北京时间": the page's note gives the zone its stamp does not.
        stamp = dataclasses.replace(stamp, zone=reading.zone, zone_named=True)
    date, time = stamp.in_kst()
    if kind == "meta":
        reason = _("the page's publication date (%(text)s)") % {"text": line}
        confidence = 0.8
    elif kind == "extractor":
        reason = _("the page's date as trafilatura reads it")
        confidence = 0.5
    else:
        reason = _("printed with the article: “%(text)s”") % {"text": short(line)}
        confidence = 0.95 if kind == "published" else 0.85 if kind == "" else 0.6
    if declared and stamp.converted:
        reason += " " + _(
            "(converted from %(zone)s to Korea Standard Time: the page gives its times in "
            "%(zone)s, “%(note)s”)"
        ) % {"zone": _zone_name(stamp), "note": short(reading.zone_note)}
    elif stamp.converted:
        reason += " " + _("(converted from %(zone)s to Korea Standard Time)") % {
            "zone": _zone_name(stamp)
        }
    recognition.published_on = Guess(date, confidence, reason)
    if time is not None:
        time_reason = reason
        if not stamp.zone_named:
            time_reason += " " + _("(no zone given: read as Korea Standard Time)")
        recognition.published_time = Guess(time, confidence, time_reason)


def _zone_name(stamp: Stamp) -> str:
    if stamp.offset is not None:
        total = int(stamp.offset.total_seconds() // 60)
        sign = "+" if total >= 0 else "-"
        return f"UTC{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    return {
        "Asia/Shanghai": _("Beijing time"),
        "Asia/Hong_Kong": _("Hong Kong time"),
        "Europe/Paris": _("Paris time"),
        "UTC": "UTC",
    }.get(stamp.zone, stamp.zone)


def _meta_stamp(value: str) -> Stamp | None:
    value = value.strip()
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        stamps = find_stamps(value)
        return stamps[0] if stamps else None
    has_time = "T" in value or " " in value.strip()
    offset = moment.utcoffset()
    return Stamp(
        date=moment.date(),
        time=moment.time().replace(tzinfo=None) if has_time else None,
        zone="Asia/Seoul",
        zone_named=offset is not None,
        label="published",
        start=0,
        end=len(value),
        offset=offset,
    )
