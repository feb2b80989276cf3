"""The days an article names, in its four languages, resolved against its own date.

Absolute ("2024년 7월 31일", "7月31日", "July 31", "31 July 2024"), partial ("31일",
"31日", "지난 31일", "지난달 31일") and relative ("어제", "전날", "昨日", "yesterday",
"on Wednesday"), and days told from the one just spoken of ("이날", "전날", "同日").
A day without its month is the latest such day on or before the article's
date ("31일" in an article of 4 August is 31 July); a weekday is the latest on or before
it. Without the article's date only the mentions that give their month can be used
(`Mention.month_day`), matched against a trip's year by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import MONTHS


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    date: dt.date | None  # resolved (needs the article's date unless the year is given)
    month_day: tuple[int, int] | None = None  # (month, day) when the text gives both


WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)

# Each pattern names its groups: year, month, day (numbers or an English month name),
# back (days before the article's date), weekday, last_month (the day is in the month
# before), past (the day is on or before the article's date, "지난 31일").
PATTERNS = [
    # 2024-07-31, 2024. 7. 31., 2024/7/31
    re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*(?P<day>\d{1,2})(?!\d)"
    ),
    # 2024년 7월 31일, 7월 31일
    re.compile(
        r"(?:(?P<year>(?:19|20)\d\d)\s*년\s*)?(?<!\d)(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일"
    ),
    # 2024年7月31日, 7月31日, 7月31号
    re.compile(
        r"(?:(?P<year>(?:19|20)\d\d)\s*年\s*)?(?<!\d)(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"
    ),
    # July 31, July 31st, 2024; Jul. 31
    re.compile(
        rf"(?<![a-z])(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?",
        re.IGNORECASE,
    ),
    # 31 July 2024, 31st of July
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})(?![a-z])\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?",
        re.IGNORECASE,
    ),
    # on the 31st
    re.compile(r"(?<![a-z])the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)(?![a-z])", re.IGNORECASE),
    # 지난달 31일
    re.compile(r"(?P<last_month>지난\s*달|전달|先月|上个月|上月)\s*(?P<day>\d{1,2})\s*[일日号]"),
    # 지난 31일
    re.compile(r"(?P<past>지난)\s*(?P<day>\d{1,2})\s*일"),
    # 31일 (not 9일간, 3일째, 5일 동안), 31日 (not 9日間)
    re.compile(r"(?<![\d월月.])(?P<day>\d{1,2})\s*일(?!\s*(?:간|째|동안|만에|만))"),
    re.compile(r"(?<![\d月.])(?P<day>\d{1,2})\s*[日号](?!\s*[間间])"),
    # Days counted from the article's date
    re.compile(r"(?P<back2>그제|그저께|一昨日|前天|おととい)"),
    re.compile(r"(?P<back1>어제|昨日|昨天|(?<![a-z])yesterday(?![a-z]))", re.IGNORECASE),
    re.compile(r"(?P<back0>오늘|今天|今日|本日|(?<![a-z])today(?![a-z]))", re.IGNORECASE),
    # Days counted from the day the text was just speaking of
    re.compile(
        r"(?P<then0>이날|당일|같은\s*날|当天|当日|同日|同一天|同じ日|(?:the\s+same|that)\s+day)",
        re.IGNORECASE,
    ),
    re.compile(r"(?P<then_1>전날|前日|the day before)", re.IGNORECASE),
    re.compile(
        r"(?P<then1>다음\s*날|이튿날|翌日|次日|the next day|the following day)", re.IGNORECASE
    ),
    # (on) Wednesday, last Wednesday
    re.compile(rf"(?<![a-z])(?:last\s+|on\s+)?(?P<weekday>{_WEEKDAY})(?![a-z])", re.IGNORECASE),
]


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None where the month has no such day (31 June)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_before(on: dt.date) -> tuple[int, int]:
    return (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)


def _resolve(
    groups: dict, on: dt.date | None, context: dt.date | None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    for name, days in (("then0", 0), ("then_1", -1), ("then1", 1)):
        if groups.get(name):
            base = context or on
            return (base + dt.timedelta(days=days) if base else None), None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("month"):
        text = groups["month"].lower().rstrip(".")
        month = int(text) if text.isdigit() else MONTHS.get(text)
        if not month or not day or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None, None
        if groups.get("year"):
            return date_or_none(int(groups["year"]), month, day), (month, day)
        if on is None:
            return None, (month, day)
        found = date_or_none(on.year, month, day)
        if found and found > on + dt.timedelta(days=60):  # December named in January
            found = date_or_none(on.year - 1, month, day)
        return found, (month, day)
    if on is None:
        return None, None
    for back in (0, 1, 2):
        if groups.get(f"back{back}"):
            return on - dt.timedelta(days=back), None
    if groups.get("weekday"):
        weekday = WEEKDAYS[groups["weekday"].lower()]
        return on - dt.timedelta(days=(on.weekday() - weekday) % 7), None
    if day is None or not 1 <= day <= 31:
        return None, None
    if groups.get("last_month"):
        return date_or_none(*_month_before(on), day), None
    if day <= on.day:
        return date_or_none(on.year, on.month, day), None
    return date_or_none(*_month_before(on), day), None


def mentioned_dates(
    text: str, on: dt.date | None = None, context: dt.date | None = None
) -> list[Mention]:
    """Every day ``text`` names, earliest in the text first. ``on`` is the article's date;
    ``context`` the day the text spoke of last (for "이날", "전날", "同日"), else ``on``."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            date, month_day = _resolve(match.groupdict(), on, context)
            if date is None and month_day is None:
                continue
            taken.append((start, end))
            found.append(Mention(start, end, date, month_day))
    return sorted(found, key=lambda mention: mention.start)
