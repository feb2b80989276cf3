# Clipping shapes in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001, RUF003
"""Step 2 of the desk: a `Source` → a `Recognition` of what its text says.

A clipping is read as lines (an HTML page as the lines a reader sees, each with what it
is: a heading, a list item, navigation). Each line is furniture (dropped), a copyright,
byline or date line (read, then dropped), or the article's. Our rules find the outlet,
byline, date and headline, since on portal pastes generic extractors find no byline and
get the date wrong; trafilatura gives an HTML page's metadata and, where our lines find
none, its article; lingua the language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import bylines as by
from .dates import Stamp, find_stamps, strip_stamps
from .furniture import (
    EMAIL,
    LIST_HEADINGS,
    copyright_holder,
    is_copyright,
    is_furniture,
    normalise_line,
)
from .languages import ForeignLanguage, detect
from .outlet_names import MAIL_SERVICES, OutletIndex, fold, host, is_portal
from .pages import Line, read_page
from .results import RELEASE, Guess, Recognition, Refused, Source

__all__ = ["OutletIndex", "recognise"]

# -- the city's own release page ---------------------------------------------------------

RELEASE_NUMBER = re.compile(r"\bSMG\s*[-–]?\s*\d{1,6}(?:[-–]\d+)*\b")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'’]+(?:,\s*[A-Z][A-Za-z .'’]+){0,2}),\s*"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+"
    r"(?:19|20)\d\d)\s*[—–-]+\s*",
)
RELEASE_NAV = {
    "home", "about seoul", "seoul news", "press releases", "press release", "news",
    "share", "print", "prev", "next", "previous", "list", "top", "facebook", "twitter",
    "seoul metropolitan government", "city hall", "visit seoul", "business", "policies",
    "sitemap", "site map", "contact us", "korean", "english", "中文", "日本語", "language",
    "search", "login", "related links", "attachments", "attachment", "go to list",
    "back to list", "mayor", "the mayor", "mayor's office", "city news", "seoul story",
    "notice", "notices", "announcements", "media", "newsroom", "menu", "skip to content",
    "go to main", "main", "more", "view more", "download", "policy", "press",
    "seoul, my soul", "seoul my soul", "i·seoul·u", "i seoul u", "copy url", "close",
}  # fmt: skip
RELEASE_META = re.compile(
    r"^(?:date|hit|hits|views?|department|contact|tel|phone|fax|e-?mail|writer|author|"
    r"written by|posted|registered|file|files|attachments?|related department|"
    r"number|no\.?)\s*[:|.]?\s*",
    re.I,
)
STOP_RELEASE = re.compile(
    r"^(?:prev|previous|next|list|go to list|back to list|share|print|copyright|©|ⓒ|"
    r"related (?:links|news|articles)|seoul metropolitan government\s*\d)",
    re.I,
)
BULLET = re.compile(r"^\s*(?:[-–•·◦▪▫○●□■◆◇▶▷►*]|\d+[.)]\s|[①-⑳])\s*")

# -- coverage -------------------------------------------------------------------------------

#: Marks that open a sub-heading line in an article (■ 중관촌 창업거리, ▲ …, ◆ …).
SUBHEAD_MARK = re.compile(r"^\s*[■▲◆◇□▣●○◈▶▷►◎☞]\s*")
LEAD_DASH = re.compile(r"^\s*[-–—ㅡ]\s*")
#: A line that ends a sentence: body text, not a heading.
SENTENCE_END = re.compile(r"(?:[.!?。！？]|다\.|니다\.?|[.。]\s*[\])）】\"”’]?)\s*$")
#: Sections and breadcrumbs a portal prints above the headline.
SECTION = re.compile(
    r"^(?:정치|경제|사회|국제|세계|문화|생활|생활/문화|IT|IT/과학|과학|연예|스포츠|오피니언|전국|지역|"
    r"수도권|서울|산업|금융|부동산|증권|world|politics|national|business|culture|opinion|"
    r"society|economy|tech|science|sports|lifestyle|entertainment|asia|china|korea|"
    r"国际|国内|社会|财经|经济|时政|要闻|政治|国際|経済|社会|政治)"
    r"(?:\s*[>›»/|·]\s*\S+)*$",
    re.I,
)
BREADCRUMB = re.compile(r"^[^.。!?]{1,40}(?:\s*[>›»]\s*[^.。!?]{1,30})+$")
#: A line naming the article's source: "출처: 헤럴드경제", "来源：人民网", "Source: …".
SOURCE_LINE = re.compile(
    r"^[\s\[(【]*(?:출처|기사\s*출처|来源|來源|source|出典|提供|配信元)\s*[:：]\s*(?P<name>[^\])】]{2,40})"
    r"[\])】]*\s*$",
    re.I,
)
#: News portals by name: a page's site name that is one of these is not the outlet.
PORTAL_NAMES = {
    fold(name)
    for name in (
        "다음뉴스", "다음", "Daum", "Daum 뉴스", "네이버 뉴스", "네이버", "NAVER", "Naver News",
        "네이트 뉴스", "줌 뉴스", "Yahoo!ニュース", "Yahoo! JAPAN", "MSN", "网易", "新浪",
        "新浪新闻", "搜狐", "腾讯新闻", "今日头条", "Google News",
    )
}  # fmt: skip
SOURCE_IN_LINE = re.compile(
    r"(?:출처|来源|來源|source|出典|配信元)\s*[:：]\s*(?P<name>[^\s　|/,，]{2,30})", re.I
)
URL = re.compile(r"https?://[^\s<>\"'()\[\]（）]+", re.I)
URL_LABEL = re.compile(
    r"(원문|기사\s*원문|출처|source|original|原文|来源|url|link|링크|記事)", re.I
)
#: A prefix of the first paragraph that credits the reporter: "(베이징=연합뉴스) 김우영 특파원 =".
LEAD_CREDIT = re.compile(
    r"^\s*(?:[\[(（【][^\])）】]{2,30}[\])）】]\s*)?(?:[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*"
    r"(?:선임\s*)?(?:기자|특파원)\s*=\s*|[\[(（【][^\])）】]{2,30}(?:기자|특파원)\s*[\])）】]\s*)"
)
AUTO_SUMMARY = re.compile(
    r"자동\s*요약|요약\s*봇|AI\s*요약|주요\s*문장을\s*기반으로|자동\s*추출\s*기술로\s*요약|"
    r"요약된\s*내용입니다|전체\s*맥락을\s*이해하기\s*위해서는"
)
COPYRIGHT_CLOSING = re.compile(
    r"rights\s+reserved|무단|재배포|전재|금지|转载|禁止|版权所有|無断|転載|複製", re.I
)
#: At most so many lines follow a summary notice before the article resumes.
SUMMARY_LINES = 5
#: A short line that names no more than a person and a role, beside a date.
MAX_DATE_LINE = 48


@dataclass
class _Hit:
    """One piece of evidence for a field: the value, how sure, why, where."""

    value: object
    confidence: float
    reason: str
    order: int = 0


@dataclass
class _Reading:
    lines: list[Line]
    page: object = None
    content: list[tuple[int, Line]] = field(default_factory=list)
    stamps: list[tuple[int, Stamp, str]] = field(default_factory=list)  # (line, stamp, text)
    bylines: list[tuple[int, by.Byline, str]] = field(default_factory=list)
    outlets: list[_Hit] = field(default_factory=list)  # value: (outlet, name, domain)
    urls: list[_Hit] = field(default_factory=list)
    emails: list[tuple[int, str]] = field(default_factory=list)
    copyright_names: set = field(default_factory=set)  # folded names in copyright lines
    list_headings: list[int] = field(default_factory=list)  # "Most viewed", "관련기사"…
    notes: list[str] = field(default_factory=list)


def recognise(source: Source, *, outlets: OutletIndex | None = None) -> Recognition:
    """What the clipping itself says; raises `Refused` when it cannot be coverage or a
    release of ours (a language the newsroom does not have, no text at all)."""
    if outlets is None:
        outlets = OutletIndex()
    recognition = Recognition(source=source)
    page = None
    if source.is_html:
        page = read_page(source.original)
        lines = page.lines
        if not lines and page.main_text:
            lines = [Line(text) for text in page.main_text.splitlines()]
    else:
        lines = [Line(text) for text in source.original.replace("\r", "").split("\n")]
    lines = [Line(_tidy(line.text), line.tag, line.outside) for line in lines]
    if not any(line.text for line in lines):
        raise Refused(_("%(name)s has no text.") % {"name": source.label}, name=source.label)
    if _is_release_page(lines):
        _read_release(recognition, lines, page)
    else:
        _read_coverage(recognition, lines, page, outlets)
    _read_language(recognition)
    return recognition


def _tidy(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


# -- language ---------------------------------------------------------------------------------


def _read_language(recognition: Recognition) -> None:
    sample = "\n".join([recognition.headline.value or "", recognition.text])
    try:
        detected = detect(sample)
    except ForeignLanguage as foreign:
        raise Refused(
            _("%(name)s is written in %(language)s, which the newsroom does not publish in.")
            % {"name": recognition.source.label, "language": foreign.name},
            name=recognition.source.label,
        ) from None
    if detected is None:
        raise Refused(
            _("%(name)s has no article text to read.") % {"name": recognition.source.label},
            name=recognition.source.label,
        )
    recognition.language = Guess(detected.code, detected.confidence, detected.reason)


# -- release pages ------------------------------------------------------------------------------


def _is_release_page(lines: list[Line]) -> bool:
    texts = [normalise_line(line.text) for line in lines if line.text]
    numbered = any(RELEASE_NUMBER.fullmatch(t) or RELEASE_NUMBER.match(t) for t in texts)
    dateline = any(DATELINE.match(t) and "KOREA" in t.upper()[:40] for t in texts)
    releases = any(t.casefold() in ("press releases", "press release") for t in texts)
    return (numbered and (dateline or releases)) or (dateline and releases)


def _release_nav(text: str) -> bool:
    folded = normalise_line(text).casefold().strip(" >›|·")
    return (
        folded in RELEASE_NAV
        or bool(re.fullmatch(r"(?:[a-z' ]+\s*[>›|]\s*)+[a-z' ]+", folded) and len(folded) < 60)
        or is_furniture(text)
    )


def _read_release(recognition: Recognition, lines: list[Line], page) -> None:
    recognition.kind = RELEASE
    texts = [normalise_line(line.text) for line in lines]
    dateline_at = next(
        (i for i, t in enumerate(texts) if DATELINE.match(t) and "KOREA" in t.upper()[:40]),
        None,
    )
    number_at = None
    for i, text in enumerate(texts):
        match = RELEASE_NUMBER.search(text)
        if match and (len(text) < 40 or i == dateline_at):
            recognition.number = Guess(
                re.sub(r"\s+", " ", match.group(0)),
                0.95,
                _("the release number as printed on the page"),
            )
            number_at = i
            break
    # The title: the first line of the release's own, after the site's navigation.
    end = dateline_at if dateline_at is not None else len(lines)
    start = 0
    for i in range(end):
        if texts[i].casefold() in ("press releases", "press release"):
            start = i + 1
    title = ""
    leading_bullets = []
    for i in range(start, end):
        text = lines[i].text
        if not text or i == number_at or _release_nav(text) or RELEASE_META.match(texts[i]):
            continue
        if find_stamps(texts[i]) and len(strip_stamps(texts[i])) < 20:
            continue
        if not title and not BULLET.match(text) and lines[i].tag != "li":
            title = text
        elif title:
            leading_bullets.append(_as_bullet(lines[i]))
    if not title and page is not None:
        title = page.og_title or page.title
    if title:
        recognition.headline = Guess(title, 0.85, _("the title above the release's dateline"))
    body = [*leading_bullets]
    if dateline_at is not None:
        for i in range(dateline_at, len(lines)):
            text = lines[i].text
            if not text:
                continue
            if i > dateline_at and STOP_RELEASE.match(texts[i]):
                break
            if i != number_at and (_release_nav(text) or is_copyright(text)):
                continue
            body.append(_as_bullet(lines[i]))
        match = DATELINE.match(texts[dateline_at])
        stamps = find_stamps(match.group(0))
        if stamps:
            recognition.published_on = Guess(
                stamps[0].date,
                0.95,
                _("the release's dateline: “%(text)s”") % {"text": match.group(0).strip(" —–-")},
            )
    else:
        recognition.notes.append(_("No dateline found: check the release's date."))
    if not recognition.published_on:
        for text in texts:
            stamps = find_stamps(text)
            if stamps and RELEASE_META.match(text):
                reason = _("the date printed on the page: “%(text)s”") % {"text": text}
                recognition.published_on = Guess(stamps[0].date, 0.7, reason)
                break
    recognition.text = "\n\n".join(b for b in body if b)
    if page is not None:
        _page_url(recognition, page)


def _as_bullet(line: Line) -> str:
    text = line.text
    if line.tag == "li" or BULLET.match(text):
        rest = BULLET.sub("", text, count=1).strip()
        return f"- {rest}" if rest else ""
    return text


# -- coverage ---------------------------------------------------------------------------------


def _read_coverage(recognition, lines: list[Line], page, outlets: OutletIndex) -> None:
    reading = _Reading(lines=lines, page=page)
    _sort_lines(reading, outlets)
    headline_at = _read_headline(recognition, reading, outlets)
    _read_body(recognition, reading, headline_at)
    _read_byline(recognition, reading)
    _read_date(recognition, reading)
    _read_outlet(recognition, reading, outlets)
    _read_url(recognition, reading)
    recognition.notes.extend(reading.notes)


def _sort_lines(reading: _Reading, outlets: OutletIndex) -> None:
    """Sort each line into furniture, copyright, byline, date or content, reading what the
    non-article lines say as it goes."""
    summary_left = 0  # lines of a portal's automatic summary still to come
    summary_outside = False
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
                _Hit(
                    (outlet, found or name, domain),
                    0.95 if closing else 0.85,
                    _("named in the copyright line “%(text)s”") % {"text": _short(norm)},
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
        if summary_left and len(norm) > 150:
            summary_left = 0  # the article itself: a summary's sentences are short
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
        stamps = find_stamps(norm)
        if stamps:
            rest = strip_stamps(norm)
            if len(rest) <= MAX_DATE_LINE and not SENTENCE_END.search(rest):
                for stamp in stamps:
                    reading.stamps.append((i, stamp, norm))
                if rest:
                    _credit_line(reading, i, rest, outlets, whole=norm, beside_date=True)
                continue
        source = SOURCE_LINE.match(norm)
        if source:
            name = source.group("name").strip()
            outlet = outlets.by_name(name) or outlets.in_text(name)[0]
            reading.outlets.append(
                _Hit(
                    (outlet, name, ""),
                    0.85,
                    _("named as the source: “%(text)s”") % {"text": _short(norm)},
                    i,
                )
            )
            continue
        for url in URL.findall(norm):
            labelled = bool(URL_LABEL.search(norm.replace(url, "")))
            reading.urls.append(_Hit(url.rstrip(".,;"), 0.7 if labelled else 0.5, "", i))
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
            _Hit(
                (outlet, name, ""),
                0.85,
                _("named as the source: “%(text)s”") % {"text": _short(whole)},
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
            _Hit((outlet, rest, ""), 0.85, _("the outlet's name above the article"), i)
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


def _outlet_named(reading, outlets, name, i, line, confidence):
    outlet = outlets.by_name(name) or outlets.in_text(name)[0] if len(outlets) else None
    reading.outlets.append(
        _Hit(
            (outlet, name, ""),
            confidence,
            _("named beside the byline: “%(text)s”") % {"text": _short(line)},
            i,
        )
    )


def _is_outlet_name(text: str, outlets: OutletIndex) -> bool:
    return bool(len(outlets) and outlets.by_name(text))


def _read_headline(recognition, reading: _Reading, outlets) -> int:
    """The headline: the page's main heading; or the line just above the byline or date
    at the head of the article; or the first line of the clipping that is the article's.
    Returns its line number (-1 when none)."""
    page = reading.page
    if page is not None:
        for i, line in reading.content:
            if line.tag == "h1" and _substantial(line.text):
                recognition.headline = Guess(line.text, 0.95, _("the page's main heading"))
                return i
    candidates = []
    for i, line in reading.content:
        norm = normalise_line(line.text)
        if line.outside and page is not None:
            continue
        if _is_outlet_name(norm, outlets) or fold(norm) in reading.copyright_names:
            if _is_outlet_name(norm, outlets):
                reading.outlets.append(
                    _Hit(
                        (outlets.by_name(norm), norm, ""),
                        0.85,
                        _("the outlet's name above the article"),
                        i,
                    )
                )
            continue
        if SECTION.match(norm) or BREADCRUMB.match(norm) or not _substantial(norm):
            continue
        if len(norm) > 300 or (_is_paragraph(norm) and len(norm) > 150):
            break
        candidates.append((i, line))
    if candidates:
        # Portal pastes print the byline and date right below the headline.
        first_paragraph = next(
            (i for i, line in reading.content if len(line.text) > 150), len(reading.lines)
        )
        marks = sorted(
            {i for i, _s, _l in reading.stamps} | {i for i, _b, _l in reading.bylines if i >= 0}
        )
        head_mark = next((m for m in marks if m < first_paragraph), None)
        if head_mark is not None:
            above = [(i, line) for i, line in candidates if i < head_mark]
            if above:
                i, line = above[-1]
                recognition.headline = Guess(
                    line.text, 0.9, _("the line above the byline and date")
                )
                return i
        i, line = candidates[0]
        recognition.headline = Guess(line.text, 0.8, _("the first line of the clipping"))
        return i
    if page is not None:
        title = _title_without_site(page.og_title or page.tf_title or page.title, page)
        if title:
            recognition.headline = Guess(title, 0.7, _("the page's title"))
    return -1


def _substantial(text: str) -> bool:
    """Long enough to be a headline: three words, or six letters of a script written
    without spaces (a menu's entries are one or two words)."""
    text = normalise_line(text)
    cjk = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff가-힣]", text))
    words = len(re.findall(r"\w+", text))
    return cjk >= 6 or (words >= 3 and len(text) >= 12)


def _title_without_site(title: str, page) -> str:
    if not title:
        return ""
    parts = re.split(r"\s+[|\-–—:·]\s+|\s*[|]\s*", title)
    if len(parts) > 1:
        site = (page.site_name or page.tf_sitename or "").casefold()
        if site and parts[-1].casefold() in site:
            return " - ".join(parts[:-1]).strip()
        if len(parts[-1]) < 25 and len(parts[0]) > len(parts[-1]):
            return " - ".join(parts[:-1]).strip()
    return title.strip()


def _read_body(recognition, reading: _Reading, headline_at: int) -> None:
    """The article's text after the headline, and the sub-headlines in it."""
    page = reading.page
    numbered = [
        (i, line)
        for i, line in reading.content
        if i > headline_at and not (page is not None and line.outside)
    ]
    # After a list of other articles ("Most viewed", "관련기사") only long paragraphs are
    # the article's (a box of links set inside it); and after its last sentence, nothing.
    first_sentence = next((i for i, line in numbered if _is_paragraph(line.text)), None)
    heading = next(
        (h for h in reading.list_headings if first_sentence is not None and h > first_sentence),
        None,
    )
    if heading is not None:
        numbered = [(i, line) for i, line in numbered if i < heading or len(line.text) > 100]
    last_sentence = max(
        (i for i, line in numbered if SENTENCE_END.search(line.text) or len(line.text) > 150),
        default=None,
    )
    if last_sentence is not None:
        numbered = [(i, line) for i, line in numbered if i <= last_sentence]
    if page is None:
        numbered = _join_wrapped(numbered, reading.lines)
    body: list[Line] = [line for _i, line in numbered]
    if page is not None and page.main_text and not body:
        body = [Line(t) for t in page.main_text.splitlines() if t.strip()]
    # The first paragraph may credit the reporter: "(베이징=연합뉴스) 김우영 특파원 = …",
    # "【香港＝佐藤美咲】…".
    first = next((n for n, line in enumerate(body) if _is_paragraph(line.text)), None)
    if first is not None:
        text = body[first].text
        credit = LEAD_CREDIT.match(text)
        bracket = by.JA_BRACKET.match(text.strip())
        if credit and by.korean_bylines(credit.group(0)):
            for found in by.korean_bylines(credit.group(0)):
                reading.bylines.append((-1, found, credit.group(0)))
            text = text[credit.end() :].strip()
        elif bracket:
            found = by.japanese_byline(bracket.group(0))
            if found and found.name:
                reading.bylines.append((-1, found, bracket.group(0)))
                text = text.strip()[bracket.end() :].strip()
        body[first] = Line(text, body[first].tag, body[first].outside)
    subheadlines = []
    started = False
    paragraphs = []
    alone = _standing_alone(numbered, reading.lines) if page is None else set()
    for line in body:
        text = line.text
        if not text:
            continue
        heading = _subheading(line, started)
        if not heading and id(line) in alone and _short_heading(text):
            # A short line set apart by blank lines between paragraphs: a sub-heading.
            heading = SUBHEAD_MARK.sub("", text).strip()
        if heading:
            subheadlines.append(heading)
            paragraphs.append(heading)
            continue
        if _is_paragraph(text):
            started = True
        if line.tag == "li":
            text = "- " + BULLET.sub("", text, count=1)
        paragraphs.append(text)
    recognition.subheadlines = _unique(subheadlines)
    recognition.text = "\n\n".join(_unique_paragraphs(paragraphs))


def _short_heading(text: str) -> bool:
    return len(text) <= 100 and not _caption(text) and not SENTENCE_END.search(text)


def _standing_alone(numbered, lines) -> set:
    """The lines (by id) with a blank line above and below, in a paste whose paragraphs
    are set apart by blank lines."""
    found = set()
    for i, line in numbered:
        above = i > 0 and not lines[i - 1].text
        below = i + 1 < len(lines) and not lines[i + 1].text
        if above and below:
            found.add(id(line))
    return found


def _join_wrapped(numbered, lines):
    """In a paste whose paragraphs are set apart by blank lines, a paragraph broken over
    lines (the last ends a sentence, the others do not) is one paragraph again."""
    if len(numbered) < 2:
        return numbered
    first, last = numbered[0][0], numbered[-1][0]
    if not any(not line.text for line in lines[first:last]):
        return numbered  # one paragraph a line: nothing to join
    blocks: list[list] = []
    for i, line in numbered:
        if blocks and blocks[-1][-1][0] == i - 1:
            blocks[-1].append((i, line))
        else:
            blocks.append([(i, line)])
    joined = []
    for block in blocks:
        texts = [line.text for _i, line in block]
        wrapped = (
            2 <= len(block) <= 6
            and len(texts[0]) >= 20
            and SENTENCE_END.search(texts[-1])
            and not any(SENTENCE_END.search(t) for t in texts[:-1])
            and not any(SUBHEAD_MARK.match(t) or BULLET.match(t) for t in texts)
        )
        if not wrapped:
            joined.extend(block)
            continue
        text = texts[0]
        for more in texts[1:]:
            cjk = re.match(r"[\u3040-\u30ff\u4e00-\u9fff]", more) and re.search(
                r"[\u3040-\u30ff\u4e00-\u9fff]$", text
            )
            text += more if cjk else " " + more
        i, line = block[0]
        joined.append((i, Line(text, line.tag, line.outside)))
    return joined


def _subheading(line: Line, started: bool) -> str:
    text = line.text
    if line.tag in ("h2", "h3", "h4", "strong") and len(text) <= 150:
        return SUBHEAD_MARK.sub("", text).strip()
    if SUBHEAD_MARK.match(text) and len(text) <= 120 and not _caption(text):
        rest = SUBHEAD_MARK.sub("", text).strip()
        if rest and not SENTENCE_END.search(rest):
            return rest
    if not started and len(text) <= 120 and not _caption(text):
        # Short lines between the headline and the article's first paragraph.
        rest = LEAD_DASH.sub("", text).strip()
        if rest and not SENTENCE_END.search(rest) and line.tag not in ("figcaption", "li"):
            return rest
    return ""


def _caption(text: str) -> bool:
    """A photo's caption: it ends with the picture's credit ("[서울시 제공]", "(사진=…)",
    "[SEOUL METROPOLITAN GOVERNMENT]", "/Yonhap")."""
    return bool(
        re.search(
            r"(?:제공|사진|photo|图|写真|credit|courtesy)\s*[\])）】]?\s*$|^\[?사진|"
            r"[\[(（]\s*(?:사진|写真|图|photo)\s*[=:：].{1,40}[\])）]\s*$|"
            r"\[[A-Z][A-Z0-9 .,&'’/-]{3,}\]\s*$|"
            r"/\s*(?:연합뉴스|뉴스1|뉴시스|Yonhap|AP|AFP|Reuters)\s*$",
            text,
            re.I,
        )
    )


def _is_paragraph(text: str) -> bool:
    return len(text) > 120 or bool(SENTENCE_END.search(text))


def _unique(items):
    seen = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _unique_paragraphs(paragraphs):
    out = []
    for paragraph in paragraphs:
        if out and out[-1] == paragraph:
            continue
        out.append(paragraph)
    return out


def _read_byline(recognition, reading: _Reading) -> None:
    """The reporter, in their own script with the romanised form the clipping gives."""
    credits = [credit for _i, credit, _line in reading.bylines if credit.name or credit.roman]
    page = reading.page
    if not credits and page is not None:
        author = page.author or page.tf_author
        if author and not _looks_like_outlet(author):
            found = by.korean_bylines(author + " 기자") if re.search(r"[가-힣]", author) else []
            if found:
                credits = found
            elif re.fullmatch(by.LATIN_NAME, author.strip()):
                credits = [by.Byline(name="", roman=by.title_case(author))]
            else:
                credits = [by.Byline(name=author.strip())]
            reason = _("the page's author field")
            confidence = 0.6
        else:
            return
    elif not credits:
        return
    else:
        first_line = next(line for _i, c, line in reading.bylines if c is credits[0])
        reason = _("the byline “%(text)s”") % {"text": _short(first_line)}
        confidence = 0.9
    names = [c.name for c in credits if c.name]
    romans = [c.roman for c in credits if c.roman]
    name = names[0] if names else ""
    roman = romans[0] if romans else ""
    if name and not roman:
        # "김우영 (Kim Woo-young)" written on one line, or a romanised byline elsewhere.
        for _i, _c, line in reading.bylines:
            pattern = re.escape(name) + r"\s*[(（]\s*(" + by.LATIN_NAME + r")\s*[)）]"
            paired = re.search(pattern, line)
            if paired:
                roman = by.title_case(paired.group(1))
    hangul = name and roman and re.fullmatch(r"[가-힣]{2,4}", name)
    if hangul and not by.romanised_matches(name, roman.split(",")[0]):
        confidence = min(confidence, 0.7)
        reading.notes.append(
            _("The byline gives %(name)s and %(roman)s: check they are the same person.")
            % {"name": name, "roman": roman}
        )
    value = by.paired(name, roman) if name and roman else name or roman
    recognition.byline = Guess(value, confidence, reason)


def _looks_like_outlet(text: str) -> bool:
    return bool(by.OUTLET_ENDINGS.search(text.strip())) or "." in text


def _read_date(recognition, reading: _Reading) -> None:
    """The date and time published, in Korea Standard Time."""
    # Dates printed above or below the article first: a short line with a date between
    # its paragraphs is more likely a sub-heading about a day of the trip.
    paragraphs = [i for i, line in reading.content if _is_paragraph(line.text)]
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
    date, time = stamp.in_kst()
    if kind == "meta":
        reason = _("the page's publication date (%(text)s)") % {"text": line}
        confidence = 0.8
    elif kind == "extractor":
        reason = _("the page's date as trafilatura reads it")
        confidence = 0.5
    else:
        reason = _("printed with the article: “%(text)s”") % {"text": _short(line)}
        confidence = 0.95 if kind == "published" else 0.85 if kind == "" else 0.6
    if stamp.converted:
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


def _read_outlet(recognition, reading: _Reading, outlets: OutletIndex) -> None:
    """The outlet: the strongest evidence that names a known one, else the name to
    propose."""
    hits = list(reading.outlets)
    page = reading.page
    if page is not None:
        for address in (page.canonical, page.og_url, page.tf_url):
            domain = host(address)
            if domain and not is_portal(domain):
                outlet, exact = outlets.by_domain(domain)
                hits.append(
                    _Hit(
                        (outlet, "", domain),
                        0.9 if exact else 0.75,
                        _("the page's address is on %(domain)s") % {"domain": domain},
                    )
                )
                break
        for address in page.origin_links:
            domain = host(address)
            if domain and not is_portal(domain):
                outlet, exact = outlets.by_domain(domain)
                hits.append(
                    _Hit(
                        (outlet, "", domain),
                        0.85 if exact else 0.75,
                        _("the portal links to the article on %(domain)s") % {"domain": domain},
                    )
                )
                break
        for name in (page.media_name, page.site_name, page.tf_sitename):
            if name and fold(name) not in PORTAL_NAMES:
                outlet = outlets.by_name(name) or outlets.in_text(name)[0]
                hits.append(
                    _Hit(
                        (outlet, name, ""),
                        0.85,
                        _("the page's site name “%(name)s”") % {"name": name},
                    )
                )
                break
        title = page.og_title or page.title
        if title:
            outlet, found = outlets.in_text(re.split(r"\s+[|\-–—:]\s+|\s*\|\s*", title)[-1])
            if outlet is not None:
                hits.append(_Hit((outlet, found, ""), 0.7, _("the page's title names it")))
    for _i, email in reading.emails:
        domain = host(email)
        if domain in MAIL_SERVICES:
            continue
        outlet, exact = outlets.by_domain(domain)
        hits.append(
            _Hit(
                (outlet, "", domain),
                0.8 if exact else 0.7,
                _("the reporter's e-mail address is at %(domain)s") % {"domain": domain},
            )
        )
    known = [hit for hit in hits if hit.value[0] is not None]
    domains = [hit.value[2] for hit in hits if hit.value[2]]
    if domains:
        recognition.outlet_domain = domains[0]
    if known:
        best = max(known, key=lambda hit: hit.confidence)
        others = {hit.value[0] for hit in known} - {best.value[0]}
        confidence = best.confidence
        if others:
            confidence = min(confidence, 0.6)
            reading.notes.append(
                _("The clipping also names %(others)s: check the outlet.")
                % {"others": ", ".join(sorted(str(o) for o in others))}
            )
        elif len(known) > 1:
            confidence = min(1.0, confidence + 0.04)
        recognition.outlet = Guess(best.value[0], round(confidence, 2), best.reason)
        recognition.outlet_name = str(best.value[0])
        return
    named = [hit for hit in sorted(hits, key=lambda h: -h.confidence) if hit.value[1]]
    if named:
        recognition.outlet_name = named[0].value[1]
        recognition.outlet = Guess(
            None,
            0.0,
            _("“%(name)s” is not an outlet of the newsroom yet (%(why)s)")
            % {"name": named[0].value[1], "why": named[0].reason},
        )
    elif recognition.outlet_domain:
        recognition.outlet = Guess(
            None,
            0.0,
            _("no outlet of the newsroom is at %(domain)s") % {"domain": recognition.outlet_domain},
        )


def _read_url(recognition, reading: _Reading) -> None:
    page = reading.page
    if page is not None and _page_url(recognition, page):
        return
    if page is not None:
        for address in page.origin_links:
            if not is_portal(address) and not _not_article(address):
                recognition.url = Guess(
                    address, 0.9, _("the portal's link to the outlet's own article")
                )
                if not recognition.outlet_domain:
                    recognition.outlet_domain = host(address)
                return
    outlet = recognition.outlet.value
    own = set()
    if outlet is not None:
        own = {host(outlet.website), *outlet.domain_list()} - {""}
    best = None
    for hit in reading.urls:
        address = hit.value
        domain = host(address)
        if not domain or is_portal(domain) or _not_article(address):
            continue
        confidence = hit.confidence
        if own and any(domain == d or domain.endswith("." + d) for d in own):
            confidence = max(confidence, 0.8)
        elif recognition.outlet_domain and domain.endswith(recognition.outlet_domain):
            confidence = max(confidence, 0.7)
        if best is None or confidence > best[1]:
            best = (address, confidence)
    if best:
        recognition.url = Guess(best[0], best[1], _("the article's address in the clipping"))


def _page_url(recognition, page) -> bool:
    for address, confidence, reason in (
        (page.canonical, 0.95, _("the page's canonical address")),
        (page.og_url, 0.9, _("the page's og:url")),
    ):
        if address and address.startswith(("http://", "https://")) and not is_portal(address):
            recognition.url = Guess(address, confidence, reason)
            if not recognition.outlet_domain:
                recognition.outlet_domain = host(address)
            return True
    return False


def _not_article(address: str) -> bool:
    path = re.sub(r"^https?://[^/]+", "", address)
    if path in ("", "/"):
        return True
    return bool(
        re.search(
            r"\.(?:jpe?g|png|gif|webp|svg|css|js|pdf)(?:\?|$)|facebook\.com|twitter\.com|x\.com/|"
            r"kakao|band\.us|instagram|youtube|youtu\.be|t\.me/|pf\.kakao",
            address,
            re.I,
        )
    )


def _short(text: str, limit: int = 80) -> str:
    text = normalise_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
