# Release pages in English, with navigation in four scripts.
# ruff: noqa: RUF001
"""The city's own press-release page (a Seoul Metropolitan Government release as its
English website shows it): whether a clipping is one, and its number (``SMG 449``), title,
dateline date and text, stripped of the site's navigation. Such a clipping becomes a
release draft of the trip, not coverage.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .attribution import page_url
from .dates import find_stamps, strip_stamps
from .evidence import BULLET
from .furniture import is_copyright, is_furniture, normalise_line
from .pages import Line
from .results import RELEASE, Guess, Recognition

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


def is_release_page(lines: list[Line]) -> bool:
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


def read_release(recognition: Recognition, lines: list[Line], page) -> None:
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
        page_url(recognition, page)


def _as_bullet(line: Line) -> str:
    text = line.text
    if line.tag == "li" or BULLET.match(text):
        rest = BULLET.sub("", text, count=1).strip()
        return f"- {rest}" if rest else ""
    return text
