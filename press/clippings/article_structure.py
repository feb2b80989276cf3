# Headings, sections and credits in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001, RUF002, RUF003
"""A coverage clipping's structure, from the lines left once sorted: the headline, the
sub-headlines (marked, bold or standing alone between paragraphs), and the body (its
paragraphs joined again where a paste broke them, without the lists of other articles
after it), with the reporter's credit that opens the first paragraph read off it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from . import bylines as by
from .evidence import BULLET, SENTENCE_END, Hit, Reading, is_paragraph
from .furniture import normalise_line
from .outlet_names import OutletIndex, fold
from .pages import Line
from .results import Guess

#: Marks that open a sub-heading line in an article (■ 중관촌 창업거리, ▲ …, ◆ …).
SUBHEAD_MARK = re.compile(r"^\s*[■▲◆◇□▣●○◈▶▷►◎☞]\s*")
LEAD_DASH = re.compile(r"^\s*[-–—ㅡ]\s*")
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
#: A prefix of the first paragraph that credits the reporter: "(베이징=연합뉴스) 김우영 특파원 =".
#: A credit in square brackets may hold a place: "[헤럴드경제(베이징)=김우영 기자]".
LEAD_CREDIT = re.compile(
    r"^\s*(?:[\[(（【][^\])）】]{2,30}[\])）】]\s*)?(?:[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*"
    r"(?:선임\s*)?(?:기자|특파원)\s*=\s*|(?:\[[^\]]{2,30}|【[^】]{2,30}|[(（][^)）]{2,30})"
    r"(?:기자|특파원)\s*[\])）】]\s*)"
)
#: In a wrapped paragraph, no line but the last is much shorter than the longest.
WRAPPED_SHORTEST = 0.5


def read_headline(recognition, reading: Reading, outlets) -> int:
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
                    Hit(
                        (outlets.by_name(norm), norm, ""),
                        0.85,
                        _("the outlet's name above the article"),
                        i,
                    )
                )
            continue
        if SECTION.match(norm) or BREADCRUMB.match(norm) or not _substantial(norm):
            continue
        if len(norm) > 300 or (is_paragraph(norm) and len(norm) > 150):
            break
        candidates.append((i, line))
    if candidates:
        # Portal pastes print the byline and date right below the headline: a byline or a
        # date after the article's first paragraph (a long line, or a sentence of some
        # length) closes the article instead.
        first_paragraph = next(
            (
                i
                for i, line in reading.content
                if len(line.text) > 150 or (len(line.text) >= 40 and SENTENCE_END.search(line.text))
            ),
            len(reading.lines),
        )
        marks = sorted(
            {i for i, _s, _l in reading.stamps} | {i for i, _b, _l in reading.bylines if i >= 0}
        )
        head_mark = next((m for m in marks if m < first_paragraph), None)
        if head_mark is not None:
            above = [(i, line) for i, line in candidates if i < head_mark]
            if above:
                i, line = _headline_of_block(above)
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


#: A headline opening with whom it is about: "오세훈, …", "ソウル市長、…", "Park Won-soon: …".
NAMES_ITS_SUBJECT = re.compile(r"^[^\s,，、:：]{2,12}(?:\s[^\s,，、:：]{1,12})?\s?[,，、:：]\s*\S")
#: How much longer a headline that opens with whom it is about counts.
SUBJECT_WEIGHT = 1.25


def _headline_of_block(above: list[tuple[int, Line]]) -> tuple[int, Line]:
    """The headline among the lines above the byline and date block.

    A page prints its headline right above that block, or the headline and then its
    sub-headlines; a portal may print a kicker or a section's label above the headline.
    So the lines standing together directly above the block (one after another, no blank
    line or other text between them) are read as one heading block, and its headline is
    the line that reads most like one: the longest, since a kicker, a section's label and
    a sub-headline are shorter than the headline they go with, and a headline that opens
    with whom it is about ("오세훈, …", "ソウル市長、…") counts a quarter longer. A menu of
    sections pasted as one line is none. Between lines as long, the last one, right above
    the byline. What the headline leaves below it in the block are its sub-headlines
    (`read_body` reads the short lines before the first paragraph as such)."""
    block = [above[-1]]
    for i, line in reversed(above[:-1]):
        if i != block[0][0] - 1:
            break
        block.insert(0, (i, line))
    best, best_score = block[-1], 0.0
    for i, line in block:
        norm = normalise_line(line.text)
        if _section_menu(norm):
            continue
        score = len(norm) * (SUBJECT_WEIGHT if NAMES_ITS_SUBJECT.match(norm) else 1.0)
        if score >= best_score:
            best, best_score = (i, line), score
    return best


def _section_menu(text: str) -> bool:
    """A site's menu of sections pasted as one line: three or more words, nearly all of
    them sections' names ("경제 금융 증권 부동산 산업 IT 정치 사회 국제 오피니언")."""
    words = text.split()
    sections = sum(bool(SECTION.match(word)) for word in words)
    return len(words) >= 3 and sections >= 0.75 * len(words)


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


def read_body(recognition, reading: Reading, headline_at: int) -> None:
    """The article's text after the headline, and the sub-headlines in it."""
    page = reading.page
    numbered = [
        (i, line)
        for i, line in reading.content
        if i > headline_at and not (page is not None and line.outside)
    ]
    # After a list of other articles ("Most viewed", "관련기사") only long paragraphs are
    # the article's (a box of links set inside it); and after its last sentence, nothing.
    first_sentence = next((i for i, line in numbered if is_paragraph(line.text)), None)
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
    first = next((n for n, line in enumerate(body) if is_paragraph(line.text)), None)
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
    alone = _set_apart(numbered, reading.lines) if page is None else set()
    for line in body:
        text = line.text
        if not text:
            continue
        heading = _subheading(line, started)
        if not heading and id(line) in alone and _short_heading(text):
            # A short line set apart by blank lines, or between two paragraphs: a section's
            # heading.
            heading = SUBHEAD_MARK.sub("", text).strip()
        if heading:
            subheadlines.append(heading)
            paragraphs.append(heading)
            continue
        if is_paragraph(text):
            started = True
        if line.tag == "li":
            text = "- " + BULLET.sub("", text, count=1)
        paragraphs.append(text)
    recognition.subheadlines = _unique(subheadlines)
    recognition.text = "\n\n".join(_unique_paragraphs(paragraphs))


def _short_heading(text: str) -> bool:
    return len(text) <= 100 and not _caption(text) and not SENTENCE_END.search(text)


def _set_apart(numbered, lines) -> set:
    """The lines (by id) that stand apart in the body as a section's heading may: with a
    blank line above and below, or between two paragraphs (whatever blank lines there are
    between them). A run of short lines is a list, not headings: its lines stay."""
    found = set()
    for k, (i, line) in enumerate(numbered):
        if line.tag == "li" or BULLET.match(line.text):
            continue
        above = i > 0 and not lines[i - 1].text
        below = i + 1 < len(lines) and not lines[i + 1].text
        before = numbered[k - 1][1].text if k > 0 else ""
        after = numbered[k + 1][1].text if k + 1 < len(numbered) else ""
        if (above and below) or (is_paragraph(before) and is_paragraph(after)):
            found.add(id(line))
    return found


def _opens_with_credit(text: str) -> bool:
    """Whether a line opens with the reporter's credit, as an article's first paragraph
    does ("[아시아경제 한도윤 기자] …", "(서울=연합뉴스) 김우영 기자 = …", "【北京＝…】")."""
    credit = LEAD_CREDIT.match(text)
    return bool(credit and by.korean_bylines(credit.group(0))) or bool(
        by.JA_BRACKET.match(text.strip())
    )


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
        longest = max(len(t) for t in texts)
        # Broken over lines, a paragraph's lines but the last run to about the same width;
        # short headings above a long line, a photo's caption or a line opening with the
        # reporter's credit are lines of their own.
        wrapped = (
            2 <= len(block) <= 6
            and len(texts[0]) >= 20
            and SENTENCE_END.search(texts[-1])
            and not any(SENTENCE_END.search(t) for t in texts[:-1])
            and not any(SUBHEAD_MARK.match(t) or BULLET.match(t) for t in texts)
            and all(len(t) >= WRAPPED_SHORTEST * longest for t in texts[:-1])
            and not any(_caption(t) for t in texts[:-1])
            and not any(_opens_with_credit(t) for t in texts[1:])
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
    "（ソウル市提供）", "[SEOUL METROPOLITAN GOVERNMENT]", "/Yonhap"), or it is written as
    Japanese papers write captions, the day and place after an equals sign
    ("…呉世勲市長（中央）＝1日、北京市朝陽区")."""
    return bool(
        re.search(
            r"(?:제공|사진|photo|图|写真|提供|撮影|credit|courtesy)\s*[\])）】]?\s*$|^\[?사진|"
            r"[=＝]\s*(?:\d{1,2}|[０-９]{1,2})日\s*[、,，]|"
            r"[\[(（]\s*(?:사진|写真|图|photo)\s*[=:：].{1,40}[\])）]\s*$|"
            r"\[[A-Z][A-Z0-9 .,&'’/-]{3,}\]\s*$|"
            r"/\s*(?:연합뉴스|뉴스1|뉴시스|Yonhap|AP|AFP|Reuters)\s*$",
            text,
            re.I,
        )
    )


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


def _is_outlet_name(text: str, outlets: OutletIndex) -> bool:
    return bool(len(outlets) and outlets.by_name(text))
