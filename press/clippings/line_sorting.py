# Source and summary labels in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001, RUF003
"""Sorting a coverage clipping's lines: each is furniture (dropped), a portal's automatic
summary (dropped), a copyright, byline, date, source or address line (read for the outlet,
reporter, date and address, then dropped), or the article's own (kept for the headline and
body). What the dropped lines say is gathered in the `Reading` as evidence.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from . import bylines as by
from .dates import YEARLESS, declared_zone, find_stamps, find_yearless, strip_stamps
from .evidence import SENTENCE_END, Hit, Reading, short
from .furniture import (
    EMAIL,
    LIST_HEADINGS,
    copyright_holder,
    is_copyright,
    is_furniture,
    normalise_line,
)
from .outlet_names import OutletIndex, fold

#: A line naming the article's source: "출처: 헤럴드경제", "来源：人民网", "Source: …".
SOURCE_LINE = re.compile(
    r"^[\s\[(【]*(?:출처|기사\s*출처|来源|來源|source|出典|提供|配信元)\s*[:：]\s*(?P<name>[^\])】]{2,40})"
    r"[\])】]*\s*$",
    re.I,
)
#: A source named on a byline or date line: "来源：鹏城科技网　作者：陈嘉怡".
SOURCE_IN_LINE = re.compile(
    r"(?:출처|来源|來源|source|出典|配信元)\s*[:：]\s*(?P<name>[^\s　|/,，]{2,30})", re.I
)
URL = re.compile(r"https?://[^\s<>\"'()\[\]（）]+", re.I)
URL_LABEL = re.compile(
    r"(원문|기사\s*원문|출처|source|original|原文|来源|url|link|링크|記事)", re.I
)
#: The notice a portal prints above its automatic summary. The summary's buttons alone
#: ("본문 요약봇", "요약보기", "자동요약") are furniture: with the summary folded, what follows
#: them is the article's.
AUTO_SUMMARY = re.compile(
    r"주요\s*문장을\s*기반으로|자동\s*추출\s*기술로\s*요약|자동\s*요약(?:한|된)\s*(?:결과|내용)|"
    r"요약된\s*내용입니다|전체\s*맥락을\s*이해하기\s*위해서는"
)
COPYRIGHT_CLOSING = re.compile(
    r"rights\s+reserved|무단|재배포|전재|금지|转载|禁止|版权所有|無断|転載|複製", re.I
)
#: At most so many lines follow a summary notice before the article resumes.
SUMMARY_LINES = 5
#: A short line that names no more than a person and a role, beside a date.
MAX_DATE_LINE = 48


def sort_lines(reading: Reading, outlets: OutletIndex) -> None:
    """Sort each line into furniture, copyright, byline, date or content, reading what the
    non-article lines say as it goes."""
    summary_left = 0  # lines of a portal's automatic summary still to come
    summary_outside = False
    after_date = False  # the last line that was not furniture dated the article
    for i, line in enumerate(reading.lines):
        text = line.text
        norm = normalise_line(text)
        if not norm:
            if summary_left < SUMMARY_LINES:
                summary_left = 0  # the summary ends at a blank line
            continue
        if summary_left and line.outside != summary_outside:
            summary_left = 0  # a page's summary box has ended
        if AUTO_SUMMARY.search(norm) and len(norm) < 200:
            summary_left, summary_outside = SUMMARY_LINES, line.outside
            continue
        zone = declared_zone(norm)
        if zone:
            # "本站所有时间均为北京时间": read for the date's zone, then dropped.
            reading.zone, reading.zone_note = zone, norm
            continue
        if is_copyright(norm):
            name, domain = copyright_holder(norm)
            outlet, found = outlets.in_text(name or norm) if len(outlets) else (None, "")
            if outlet is None and name:
                outlet = outlets.by_name(name)
            if outlet is None and domain:
                outlet = outlets.by_domain(domain)[0]
            # An outlet's closing line says what may not be done with the article; a
            # photo's credit ("ⓒ 연합뉴스") only names whose picture it is.
            closing = bool(COPYRIGHT_CLOSING.search(norm))
            reading.outlets.append(
                Hit(
                    (outlet, found or name, domain),
                    0.95 if closing else 0.85,
                    _("named in the copyright line “%(text)s”") % {"text": short(norm)},
                    i,
                )
            )
            reading.copyright_names.add(fold(name))
            # "ⓒ 中央日報日本語版 2024.07.31 09:12": the line dates the article too.
            for stamp in find_stamps(norm):
                reading.stamps.append((i, stamp, norm))
            continue
        if is_furniture(norm):
            if LIST_HEADINGS.match(norm):
                reading.list_headings.append(i)
            summary_left = 0  # the summary ends at the next widget
            continue
        if summary_left and (len(norm) > 150 or not SENTENCE_END.search(norm)):
            # The article itself: a summary's lines are short sentences, and a line that is
            # none (a sub-headline, the reporter's credit) is the article's beginning.
            summary_left = 0
        if summary_left:
            # A sentence of the automatic summary, not of the article.
            summary_left -= 1
            continue
        if is_furniture(norm):
            continue
        emails = EMAIL.findall(norm)
        if emails:
            for email in emails:
                reading.emails.append((i, email))
            rest = EMAIL.sub(" ", norm)
            rest = re.sub(r"[\[\]()<>（）【】/|,;:]+|\s+", " ", rest).strip()
            if len(rest) < 60 and _credit_line(reading, i, rest, outlets, whole=norm):
                continue
            if len(rest) < 30:
                continue  # an address alone, or a name with it
            # An address inside a paragraph: the paragraph stays, the address goes.
            line.text = re.sub(r"\s*[\[(<（]?\s*" + EMAIL.pattern + r"\s*[\])>）]?", "", text)
            norm = normalise_line(line.text)
        stamps = find_stamps(norm) or find_yearless(norm, reading.today)
        if stamps:
            rest = strip_stamps(norm)
            if len(rest) <= MAX_DATE_LINE and not SENTENCE_END.search(rest):
                for stamp in stamps:
                    reading.stamps.append((i, stamp, norm))
                if rest:
                    _credit_line(reading, i, rest, outlets, whole=norm, beside_date=True)
                after_date = True
                continue
        if YEARLESS.search(norm) and len(strip_stamps(norm)) <= MAX_DATE_LINE:
            # A date without its year that no recent year fits: still the date's line.
            reading.notes.append(
                _(
                    "“%(text)s” gives no year, and no recent year puts that day on that "
                    "weekday: check the date."
                )
                % {"text": short(norm)}
            )
            after_date = True
            continue
        if after_date and _outlet_below_date(reading, i, norm, outlets):
            after_date = False
            continue
        after_date = False
        source = SOURCE_LINE.match(norm)
        if source:
            name = source.group("name").strip()
            outlet = outlets.by_name(name) or outlets.in_text(name)[0]
            reading.outlets.append(
                Hit(
                    (outlet, name, ""),
                    0.85,
                    _("named as the source: “%(text)s”") % {"text": short(norm)},
                    i,
                )
            )
            continue
        for url in URL.findall(norm):
            labelled = bool(URL_LABEL.search(norm.replace(url, "")))
            reading.urls.append(Hit(url.rstrip(".,;"), 0.7 if labelled else 0.5, "", i))
        if URL.fullmatch(norm) or (URL.search(norm) and len(URL.sub("", norm)) < 20):
            continue
        if len(norm) <= 80 and _credit_line(reading, i, norm, outlets, whole=norm):
            continue
        reading.content.append((i, line))


def _credit_line(reading, i, rest, outlets, *, whole, beside_date=False) -> bool:
    """Read a short line that may credit a reporter (and name the outlet); True when it is
    such a line, to be left out of the article."""
    rest = rest.strip(" =-–—|/·,[]()")
    # "来源：鹏城科技网　作者：陈嘉怡": the source named on a byline or date line.
    source = SOURCE_IN_LINE.search(whole)
    if source:
        name = source.group("name").strip()
        outlet = (outlets.by_name(name) or outlets.in_text(name)[0]) if len(outlets) else None
        reading.outlets.append(
            Hit(
                (outlet, name, ""),
                0.85,
                _("named as the source: “%(text)s”") % {"text": short(whole)},
                i,
            )
        )
        rest = SOURCE_IN_LINE.sub(" ", rest).strip()
        whole = SOURCE_IN_LINE.sub(" ", whole)
    credits = by.korean_bylines(whole)
    if credits:
        for credit in credits:
            reading.bylines.append((i, credit, whole))
            if credit.outlet:
                _outlet_named(reading, outlets, credit.outlet, i, whole, 0.9)
        return True
    english = by.english_byline(rest)
    if english:
        reading.bylines.append((i, english, whole))
        return True
    for reader in (by.japanese_byline, by.chinese_byline):
        found = reader(whole)
        # The credit must be (nearly) all the line holds: "记者 王晓雯", "（记者 李明）".
        named = len(found.name or found.outlet) if found else 0
        if found and named and len(re.sub(r"\W", "", rest)) - named <= 8:
            if found.name:
                reading.bylines.append((i, found, whole))
            if found.outlet:
                _outlet_named(reading, outlets, found.outlet, i, whole, 0.8)
            return True
    if not rest:
        return beside_date
    # A name or an outlet alone beside a date ("조정우 2024. 8. 4. 17:42") or an e-mail.
    outlet = outlets.by_name(rest) if len(outlets) else None
    if outlet is not None:
        reading.outlets.append(
            Hit((outlet, rest, ""), 0.85, _("the outlet's name above the article"), i)
        )
        return True
    if beside_date or EMAIL.search(whole):
        bare = re.sub(r"\s*(?:기자|특파원|reporter|記者|记者)\s*$", "", rest, flags=re.I).strip()
        if by.is_korean_name(bare):
            reading.bylines.append((i, by.Byline(name=bare, script="ko"), whole))
            return True
        if re.fullmatch(by.LATIN_NAME, bare) and len(bare) <= 40:
            reading.bylines.append((i, by.Byline(name="", roman=by.title_case(bare)), whole))
            return True
        if by.OUTLET_ENDINGS.search(bare) and len(bare) <= 20:
            _outlet_named(reading, outlets, bare, i, whole, 0.8)
            return True
        return beside_date
    return False


def _outlet_below_date(reading, i, norm, outlets) -> bool:
    """A portal prints the outlet's name on a line of its own below the date (furniture
    such as comment counters aside): "8/2(金) 11:05配信" / "コメント5件" / "みなと経済新聞".
    A short line there that reads as an outlet's name (it ends as outlets' names do: 新聞,
    일보, 뉴스, ニュース…) names the outlet to propose; True when it is one."""
    if len(norm) > 20 or len(norm.split()) > 3 or SENTENCE_END.search(norm):
        return False
    if not by.OUTLET_ENDINGS.search(norm) or by.is_korean_name(norm):
        return False
    if len(outlets) and outlets.by_name(norm):
        return False  # a known outlet's name: read as the other credit lines are
    outlet = outlets.in_text(norm)[0] if len(outlets) else None
    reading.outlets.append(
        Hit(
            (outlet, norm, ""),
            0.8,
            _("named on its own line below the date: “%(text)s”") % {"text": short(norm)},
            i,
        )
    )
    return True


def _outlet_named(reading, outlets, name, i, line, confidence):
    outlet = outlets.by_name(name) or outlets.in_text(name)[0] if len(outlets) else None
    reading.outlets.append(
        Hit(
            (outlet, name, ""),
            confidence,
            _("named beside the byline: “%(text)s”") % {"text": short(line)},
            i,
        )
    )
