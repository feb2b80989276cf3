"""When a coverage clipping was published, in Korea Standard Time: the date printed with
the article (a publication stamp before an undated or updated one, a date above or below
the article before one between its paragraphs), else the page's metadata, converted from
the zone the clipping names beside the date or, for the whole page, in a note of its own.
The page's metadata comes first when it names its zone and the printed time does not, on
the same day (`_zoned_meta_agrees`); a date printed without its year says how its year was
reckoned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from .dates import Stamp, find_stamps
from .evidence import Reading, is_paragraph, short
from .furniture import is_copyright
from .results import Guess


def read_date(recognition, reading: Reading) -> None:
    """The date and time published, in Korea Standard Time."""
    # Dates printed above or below the article first: a short line with a date between
    # its paragraphs is more likely a sub-heading about a day of the trip.
    paragraphs = [i for i, line in reading.content if is_paragraph(line.text)]
    inside = range(paragraphs[0] + 1, paragraphs[-1]) if paragraphs else range(0)
    # Below a list of other articles after the text ("関連記事", "Most viewed"), the dates
    # are those articles'; only the outlet's copyright line there still dates this one.
    listed = next((h for h in reading.list_headings if paragraphs and h > paragraphs[0]), None)
    stamps = [
        found
        for found in reading.stamps
        if listed is None or found[0] < listed or is_copyright(found[2])
    ]
    stamps = sorted(stamps, key=lambda found: found[0] in inside)
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
    shown = ""  # the time printed with the article, when the page's zoned one is taken
    if chosen is not None and page is not None and page.published:
        meta = _meta_stamp(page.published)
        if meta is not None and _zoned_meta_agrees(chosen[0], meta, reading):
            shown = chosen[1]
            chosen, kind = (meta, page.published), "meta"
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
    if kind == "meta" and shown:
        reason = _(
            "the page's publication time, which names its zone (%(text)s), for the time the "
            "article prints without one: “%(shown)s”"
        ) % {"text": line, "shown": short(shown)}
        confidence = 0.9
    elif kind == "meta":
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
    if stamp.year_from is not None:
        confidence = min(confidence, 0.8)
        reason += " " + _(
            "(no year printed: %(year)s is the latest year up to the day of the import, "
            "%(today)s, in which %(month)s/%(day)s is a %(weekday)s)"
        ) % {
            "year": stamp.date.year,
            "today": stamp.year_from.isoformat(),
            "month": stamp.date.month,
            "day": stamp.date.day,
            "weekday": WEEKDAYS[stamp.date.weekday()],
        }
    recognition.published_on = Guess(date, confidence, reason)
    if time is not None:
        time_reason = reason
        if not stamp.zone_named:
            time_reason += " " + _("(no zone given: read as Korea Standard Time)")
        recognition.published_time = Guess(time, confidence, time_reason)


def _zoned_meta_agrees(shown: Stamp, meta: Stamp, reading: Reading) -> bool:
    """Whether the page's metadata time, which names its zone (``2019-02-01T19:30:00+08:00``),
    should stand for the time the article prints without one ("7:30pm, 1 Feb, 2019"): a
    page abroad prints its own clock, and read as Korea's it would be an hour or more out.
    Only when both give the same day (in the page's own zone), so that metadata about some
    other moment (a later edit, a day's archive) does not replace what the article prints;
    not when the page says which zone its times are in (that note converts them); and not
    when the metadata is in UTC with the very clock time the article shows: a page that
    writes its local time with a "Z" (a common slip), whose printed time is the right one.
    """
    if meta.offset is None or meta.time is None:
        return False
    if shown.offset is not None or shown.zone_named or reading.zone:
        return False
    if shown.date != meta.date:
        return False
    return not (meta.offset == dt.timedelta(0) and shown.time == meta.time)


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
