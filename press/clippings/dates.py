# Date labels in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001, RUF003
"""Dates and times as clippings print them, in four languages, and their zone.

``2024. 8. 4. 17:42`` (Daum), ``입력 2024.08.04. 오전 11:18`` (Naver), ``2024-08-04 11:18``,
``2024/08/04 17:42``, ``2024년 8월 4일 11:18``, ``2024年8月4日 11時18分``, ``Aug. 4, 2024
5:42 p.m.``, ``4 August 2024``, ISO ``2024-08-04T17:42:00+09:00``. A time is Korea
Standard Time unless the line names another zone (北京时间, Beijing time, UTC, JST…).
A date printed without its year but with its weekday (``8/2(金) 11:05配信``, as Japanese
portals print them) is given the latest year, up to the day of the import, that puts that
day on that weekday (`find_yearless`).

Only absolute dates: relative ones (지난달 31일, yesterday) are the matching step's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from visits.timezone import newsroom_zone

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_NUMERIC = (
    r"(?<![\d.])(?P<year>(?:19|20)\d\d)\s*(?:[.\-/]|년|年)\s*(?P<month>\d{1,2})\s*(?:[.\-/]|월|月)"
    r"\s*(?P<day>\d{1,2})(?!\d)\s*(?:일|日|\.)?"
)
_ENGLISH_MDY = r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
_ENGLISH_DMY = r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"
_WEEKDAY = (
    r"(?:[\s,]*[(（]?\s*(?:[월화수목금토일]|[月火水木金土日]|星期[一二三四五六日天]|周[一二三四五六日天]|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:요일|曜日|曜)?\s*[)）]?)?"
)
_TIME = (
    r"(?P<ampm1>오전|오후|上午|下午|午前|午後|AM|PM)?\s*(?P<hour>\d{1,2})\s*(?::|시|時|时|点)\s*"
    r"(?P<minute>\d{2})(?:\s*:\s*(?P<second>\d{2})(?:\.\d+)?)?\s*(?:분|分)?"
    r"(?:\s*(?P<ampm2>a\.?m\.?|p\.?m\.?)(?![a-z]))?"
)
_ZONE = (
    r"(?:\s*[(（]?\s*(?P<zone>KST|JST|HKT|CST|CET|CEST|UTC|GMT|Z(?![a-z]))"
    r"(?P<zone_offset>\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\s*[)）]?|(?P<iso_offset>[+-]\d{2}:?\d{2}))?"
)
_SEP = r"(?:[\sT,·|/]*|\s+at\s+|\s*[|/]\s*)"


def _pattern(date: str, index: int) -> str:
    # Group names must be unique in one regex: number each alternative.
    named = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{index}>", date)
    time = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{index}>", _TIME)
    zone = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{index}>", _ZONE)
    return f"{named}{_WEEKDAY}(?:{_SEP}{time}{zone})?"


_DATES = [_NUMERIC, _ENGLISH_MDY, _ENGLISH_DMY]
DATE_TIME = re.compile("|".join(f"(?:{_pattern(d, i)})" for i, d in enumerate(_DATES)), re.I)
#: A time written before its date: "17:42 Aug. 4, 2024", "Published 5:42 p.m. Aug 4, 2024".
TIME_FIRST = re.compile(
    re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_t>", _TIME)
    + re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_t>", _ZONE)
    + r"[\s,]+(?=(?:"
    + _MONTH.replace("(?P<month_name>", "(?:")
    + r"|\d{1,2}\s+[A-Za-z]|(?:19|20)\d\d))",
    re.I,
)

#: What a Korean label may add after its verb: 입력일, 송고시간, 배포시각, 등록일시, 게재일자.
_KO_LABEL_END = r"(?:일시|일자|시간|시각|일|시)"
#: Korean words that label a date, whatever word is written onto them (최초입력, 기사입력,
#: 송고시간, 최종수정시각): the verb, then what it may add.
_KO_PUBLISHED = r"입력|등록|게재|발행|송고|작성|승인|배포|보도|출고"
_KO_UPDATED = r"수정|업데이트|갱신|변경"
PUBLISHED = re.compile(
    rf"({_KO_PUBLISHED}|发布(?:时间|日期)?|发表|"
    r"时间|日期|来源|配信|公開|掲載|投稿|更新日時|published|posted|posted on|created|date|"
    rf"first published|released?|issued)\s*(?:{_KO_LABEL_END}|日時|on|at)?\s*[:：]?\s*$",
    re.I,
)
UPDATED = re.compile(
    rf"({_KO_UPDATED}|更新|修改|最終更新|updated?|modified|last updated|edited)"
    rf"\s*(?:{_KO_LABEL_END}|日時|on|at)?\s*[:：]?\s*$",
    re.I,
)
#: A Korean label as one word, with whatever is written onto it (최초입력, 송고시간, 기사작성일,
#: 최종수정시각) or a bare 시간/일시 standing for one: never a reporter's name.
KO_LABEL = re.compile(
    rf"(?<![가-힣])[가-힣]{{0,4}}(?:(?:{_KO_PUBLISHED}|{_KO_UPDATED})\s*{_KO_LABEL_END}?|"
    r"일시|일자|시간|시각)(?![가-힣])\s*[:：]?"
)

#: Zones other than Korea's, and how a line names them.
ZONES = [
    (
        re.compile(
            r"北京时间|北京時間|베이징\s*(?:현지\s*)?시간|beijing time|china standard time", re.I
        ),
        "Asia/Shanghai",
    ),
    (re.compile(r"香港时间|香港時間|hong kong time|\bHKT\b", re.I), "Asia/Hong_Kong"),
    (
        re.compile(r"파리\s*(?:현지\s*)?시간|paris time|heure de paris|\bCEST?\b", re.I),
        "Europe/Paris",
    ),
    (
        re.compile(r"東京時間|日本時間|도쿄\s*(?:현지\s*)?시간|\bJST\b|japan time", re.I),
        "Asia/Tokyo",
    ),
    (re.compile(r"\bUTC\b|\bGMT\b", re.I), "UTC"),
    (
        re.compile(
            r"\bKST\b|한국\s*시간|서울\s*시간|korea(?:n)? (?:standard )?time|韩国时间|韓国時間",
            re.I,
        ),
        "Asia/Seoul",
    ),
]

#: A note that every time on the page is in one zone: "本站所有时间均为北京时间", "All times
#: shown are Hong Kong time", "모든 시간은 베이징 시간 기준", "時刻はすべて日本時間です".
ZONE_NOTE = re.compile(
    r"(?:所有|全部|本站|本网|全站|页面|网页|本页|本網|網頁)[^，。,]{0,10}(?:时间|時間)|"
    r"(?:时间|時間)[^，。,]{0,4}(?:均|都|一律)|以[^，。,]{0,8}(?:时间|時間)为准|"
    r"\ball\s+(?:the\s+)?(?:times|dates\s+and\s+times)\b|\btimes\s+(?:shown|given|listed)\b|"
    r"\btimes\s+(?:on\s+this\s+(?:site|page)\s+)?are\b|"
    r"모든\s*(?:시간|시각)|(?:표시|표기)(?:된|한)?\s*(?:시간|시각)|"
    r"(?:すべての|全ての|表示|掲載)[^、。]{0,6}(?:時刻|時間)|(?:時刻|時間)は(?:すべて|全て)",
    re.I,
)
#: Longer than this, a line naming a zone is a sentence of the article, not a note.
MAX_ZONE_NOTE = 80


def declared_zone(line: str) -> str | None:
    """The zone a page says all its times are in (an IANA name), when the line is such a
    note: short, dating nothing itself, naming one zone. A zone named in a sentence of the
    article ("北京时间7月31日下午…") dates that sentence, not the page."""
    if len(line) > MAX_ZONE_NOTE or DATE_TIME.search(line) or not ZONE_NOTE.search(line):
        return None
    for pattern, name in ZONES:
        if pattern.search(line):
            return name
    return None


@dataclass
class Stamp:
    """A date (and maybe time) as the clipping printed it, with what labels it."""

    date: dt.date
    time: dt.time | None
    zone: str  # an IANA name; "Asia/Seoul" when the line names none
    zone_named: bool  # whether the line named the zone
    label: str  # "published", "updated" or ""
    start: int
    end: int
    offset: dt.timedelta | None = None  # an explicit UTC offset (+08:00)
    #: For a date printed without its year: the day of the import it was reckoned back from.
    year_from: dt.date | None = None

    def in_kst(self) -> tuple[dt.date, dt.time | None]:
        """The date and time in Korea Standard Time."""
        if self.time is None:
            return self.date, None
        moment = dt.datetime.combine(self.date, self.time)
        if self.offset is not None:
            moment = moment.replace(tzinfo=dt.timezone(self.offset))
        else:
            moment = moment.replace(tzinfo=ZoneInfo(self.zone))
        local = moment.astimezone(newsroom_zone())
        return local.date(), local.time().replace(tzinfo=None)

    @property
    def converted(self) -> bool:
        if self.time is None:
            return False
        if self.offset is not None:
            return self.offset != dt.timedelta(hours=9)
        return self.zone not in ("Asia/Seoul", "Asia/Tokyo")


def _group(match: re.Match, name: str):
    for key, value in match.groupdict().items():
        if value is not None and key.rsplit("_", 1)[0] == name:
            return value
    return None


def _time(match: re.Match) -> dt.time | None:
    hour = _group(match, "hour")
    if hour is None:
        return None
    hour, minute = int(hour), int(_group(match, "minute"))
    second = int(_group(match, "second") or 0)
    ampm = (_group(match, "ampm1") or _group(match, "ampm2") or "").lower().replace(".", "")
    if ampm in ("오후", "下午", "午後", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "上午", "午前", "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def _offset(text: str | None) -> dt.timedelta | None:
    if not text:
        return None
    text = text.replace(" ", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return sign * dt.timedelta(hours=hours, minutes=minutes)


def find_stamps(line: str) -> list[Stamp]:
    """Every absolute date in a line, with the time and zone printed beside it."""
    stamps = []
    for match in DATE_TIME.finditer(line):
        try:
            month_name = _group(match, "month_name")
            month = MONTHS[month_name.lower()] if month_name else int(_group(match, "month"))
            date = dt.date(int(_group(match, "year")), month, int(_group(match, "day")))
        except (TypeError, ValueError, KeyError):
            continue
        time = _time(match)
        start, end = match.start(), match.end()
        if time is None:
            # A time printed before the date: "17:42 Aug. 4, 2024".
            before = line[:start]
            for first in TIME_FIRST.finditer(before + line[start:end]):
                if first.end() >= len(before) - 1 and first.start() < len(before):
                    time = _time(first)
                    start = first.start()
                    break
        stamps.append(_stamp(line, match, date, time, start, end))
    return stamps


def _stamp(line, match, date, time, start, end) -> Stamp:
    zone_text = _group(match, "zone")
    zone_offset = _group(match, "zone_offset")
    iso_offset = _group(match, "iso_offset")
    offset = None
    zone, named = "Asia/Seoul", False
    if iso_offset:
        offset, named = _offset(iso_offset), True
    elif zone_text:
        named = True
        upper = zone_text.upper()
        if upper in ("UTC", "GMT", "Z"):
            offset = _offset(zone_offset) or dt.timedelta(0)
        else:
            zone = {
                "KST": "Asia/Seoul",
                "JST": "Asia/Tokyo",
                "HKT": "Asia/Hong_Kong",
                "CST": "Asia/Shanghai",
                "CET": "Europe/Paris",
                "CEST": "Europe/Paris",
            }[upper]
    if not named:
        for pattern, name in ZONES:
            if pattern.search(line):
                zone, named = name, True
                break
    before = line[:start].rstrip()
    # The label is the word just before the date ("입력 2024.08.04.", "发布时间：").
    label = ""
    tail = before[-24:]
    if UPDATED.search(tail):
        label = "updated"
    elif PUBLISHED.search(tail) or not before:
        label = "published" if PUBLISHED.search(tail) else ""
    return Stamp(
        date=date,
        time=time,
        zone=zone,
        zone_named=named,
        label=label,
        start=start,
        end=end,
        offset=offset,
    )


#: A date without its year, its weekday in brackets (what tells the year), maybe a time:
#: "8/2(金) 11:05配信", "最終更新:8/2(金) 11:05", "8月2日(金) 11時05分", "8/2(금) 11:05".
YEARLESS = re.compile(
    r"(?<![\d/.年])(?P<month>\d{1,2})\s*(?:/|月)\s*(?P<day>\d{1,2})(?![\d/])\s*日?\s*"
    r"[(（]\s*(?P<weekday>[月火水木金土日월화수목금토일])\s*(?:曜日|曜|요일)?\s*[)）]"
    r"(?:\s*" + _TIME + r")?"
)
WEEKDAYS = {
    day: n
    for n, days in enumerate(("月월", "火화", "水수", "木목", "金금", "土토", "日일"))
    for day in days
}
#: Words after a date that label it as the publication's: "11:05配信".
PUBLISHED_AFTER = re.compile(r"^\s*(?:配信|公開|掲載|発表|発行|입력|송고|발행|发布)")
#: How many years before the import a date without its year is looked for.
YEARLESS_YEARS = 6


def year_for(month: int, day: int, weekday: int, today: dt.date) -> int | None:
    """The latest year, up to ``today`` and at most `YEARLESS_YEARS` before it, in which
    the day falls on the weekday (Monday 0); None when none does."""
    for year in range(today.year, today.year - YEARLESS_YEARS - 1, -1):
        try:
            date = dt.date(year, month, day)
        except ValueError:  # 29 February
            continue
        if date <= today and date.weekday() == weekday:
            return year
    return None


def find_yearless(line: str, today: dt.date) -> list[Stamp]:
    """The dates in a line printed without their year but with their weekday, each given
    the latest year up to ``today`` (the day of the import: an article is imported after
    it appears) that puts the day on that weekday."""
    stamps = []
    for match in YEARLESS.finditer(line):
        month, day = int(match.group("month")), int(match.group("day"))
        year = year_for(month, day, WEEKDAYS[match.group("weekday")], today)
        if year is None:
            continue
        stamp = _stamp(line, match, dt.date(year, month, day), _time(match), *match.span())
        if not stamp.label and PUBLISHED_AFTER.match(line[match.end() :]):
            stamp.label = "published"
        stamp.year_from = today
        stamps.append(stamp)
    return stamps


def strip_stamps(line: str) -> str:
    """The line without its dates, times, zones and the labels before them."""
    out = line
    for stamp in sorted(find_stamps(line), key=lambda s: s.start, reverse=True):
        out = out[: stamp.start] + " " + out[stamp.end :]
    out = YEARLESS.sub(" ", out)
    for pattern, _name in ZONES:
        out = pattern.sub(" ", out)
    out = KO_LABEL.sub(" ", out)
    out = re.sub(
        r"(기사\s*입력|최종\s*수정|입력|수정|등록|업데이트|송고|발행|게재|승인|发布时间|发布日期|发布|"
        r"更新时间|更新|时间|日期|配信|公開|掲載|更新日時|最終更新|published|posted on|posted|"
        r"updated|last updated|modified|date|on)\s*[:：]?",
        " ",
        out,
        flags=re.I,
    )
    out = re.sub(r"\(\s*\)|（\s*）|\[\s*\]", " ", out)
    return re.sub(r"\s+", " ", out).strip(" |/·,:：-–—()[]")
