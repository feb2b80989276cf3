"""An HTML clipping read as lines, the way a reader sees the page, with what each line
is (a heading, a list item, a paragraph in bold alone, navigation or a footer), plus the
page's own metadata (title, canonical address, site name, dates) and trafilatura's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "button",
        "select", "option", "form", "input", "textarea", "object", "embed", "canvas"}  # fmt: skip
BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2",
    "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
    "blockquote", "figure", "figcaption", "pre", "address", "hr", "body", "html", "title",
    "caption", "details", "summary", "center",
}  # fmt: skip
#: Regions whose lines are not the article (still read for bylines and copyright).
OUTSIDE = {"nav", "footer", "aside", "header"}
OUTSIDE_CLASS = re.compile(
    r"(^|[\s_-])(nav|gnb|lnb|snb|menu|footer|foot|breadcrumb|sidebar|side|aside|share|sns|"
    r"social|related|ranking|popular|banner|ad|ads|advert|comment|comments|copyright|util|"
    r"tool|toolbar|font|font-size|fontsize|crumb|emotion|reaction|subscribe|layer_summary|"
    r"summary_layer|auto-?summary|ai-?summary|tts|translate)([\s_-]|$)",
    re.I,
)


#: A portal's link to the outlet's own article.
ORIGIN_LINK = re.compile(
    r"(?:기사\s*원문|원문\s*(?:보기|기사)?|original\s+article|view\s+original|原文(?:链接)?|元記事)",
    re.I,
)


@dataclass
class Line:
    text: str
    tag: str = ""  # h1…h6, li, strong (a paragraph in bold alone), figcaption, p
    outside: bool = False  # in nav, footer, aside or header


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    title: str = ""
    og_title: str = ""
    site_name: str = ""
    media_name: str = ""  # the outlet a portal's page names (article:media_name)
    canonical: str = ""
    og_url: str = ""
    published: str = ""  # as the page's metadata gives it (ISO-like)
    author: str = ""
    main_text: str = ""  # trafilatura's article text
    tf_title: str = ""
    tf_date: str = ""
    tf_author: str = ""
    tf_sitename: str = ""
    tf_url: str = ""
    has_article: bool = False  # an <article> or <main> element holds the article
    origin_links: list[str] = field(default_factory=list)  # a portal's "기사원문" links


def read_page(html: str) -> Page:
    page = Page()
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return page
    _metadata(root, page)
    body = root.find("body")
    if body is None:
        body = root
    page.has_article = bool(body.xpath(".//article|.//main"))
    collector = _Collector()
    collector.walk(body, outside=False)
    page.lines = collector.done()
    page.origin_links = collector.origin_links
    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # a page trafilatura cannot read is read by our rules alone
        extracted = None
    if extracted is not None:
        data = extracted if isinstance(extracted, dict) else extracted.as_dict()
        page.main_text = data.get("text") or ""
        page.tf_title = data.get("title") or ""
        page.tf_date = data.get("date") or ""
        page.tf_author = data.get("author") or ""
        page.tf_sitename = data.get("sitename") or ""
        page.tf_url = data.get("url") or ""
    return page


def _metadata(root, page: Page) -> None:
    title = root.find(".//title")
    if title is not None and title.text_content():
        page.title = _clean(title.text_content())
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = _clean(meta.get("content") or "")
        if not value:
            continue
        if key in ("og:title", "twitter:title") and not page.og_title:
            page.og_title = value
        elif key in ("og:site_name", "application-name") and not page.site_name:
            page.site_name = value
        elif key in ("article:media_name", "dable:media", "media_name") and not page.media_name:
            page.media_name = value
        elif key == "og:url" and not page.og_url:
            page.og_url = value
        elif (
            key
            in (
                "article:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "og:article:published_time",
                "date",
                "dc.date.issued",
            )
            and not page.published
        ):
            page.published = value
        elif key in ("author", "article:author", "dable:author", "byl") and not page.author:
            page.author = value
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            page.canonical = link.get("href").strip()
            break
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            if not page.published and item.get("datePublished"):
                page.published = str(item["datePublished"])
            if not page.canonical and isinstance(item.get("url"), str):
                page.canonical = item["url"]
            author = item.get("author")
            if not page.author and author:
                if isinstance(author, list) and author:
                    author = author[0]
                if isinstance(author, dict):
                    author = author.get("name", "")
                if isinstance(author, str):
                    page.author = author
            publisher = item.get("publisher")
            if not page.site_name and isinstance(publisher, dict) and publisher.get("name"):
                page.site_name = str(publisher["name"])


def _spaces(text: str) -> str:
    """Source text as a browser shows it: a line break in the HTML is a space."""
    return re.sub(r"[\r\n]+", " ", text)


def _clean(text: str) -> str:
    """Spaces as a browser collapses them: ASCII ones only (an ideographic space in a
    Japanese headline is the outlet's)."""
    return re.sub(r"[ \t\r\n\f\xa0]+", " ", text).strip(" \t\r\n\f\xa0")


class _Collector:
    """Walks the body, making a line of every block's text."""

    def __init__(self):
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.tag = ""
        self.outside = False
        self.origin_links: list[str] = []

    def flush(self):
        text = "".join(self.parts)
        for piece in text.split("\n"):
            piece = _clean(piece)
            if piece:
                self.lines.append(Line(piece, self.tag, self.outside))
        self.parts = []
        self.tag = ""

    def walk(self, element, *, outside: bool):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in SKIP:
            if element.tail:
                self.parts.append(_spaces(element.tail))
            return
        if element.get("hidden") is not None or "display:none" in (
            element.get("style") or ""
        ).replace(" ", ""):
            if element.tail:
                self.parts.append(_spaces(element.tail))
            return
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        here_outside = outside or tag in OUTSIDE or bool(OUTSIDE_CLASS.search(marks))
        if tag in ("article", "main"):
            here_outside = False
        block = tag in BLOCKS
        if block:
            self.flush()
            self.outside = here_outside
            self.tag = self._kind(element, tag)
        if tag == "br":
            self.parts.append("\n")
        if tag == "a" and element.get("href", "").startswith(("http://", "https://")):
            label = _clean(element.text_content())
            if ORIGIN_LINK.fullmatch(label):
                self.origin_links.append(element.get("href").strip())
        if element.text:
            self.parts.append(_spaces(element.text))
        for child in element:
            child_tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child_tag in BLOCKS:
                self.flush()
                self.walk(child, outside=here_outside)
                self.flush()
                self.outside = here_outside
                self.tag = self._kind(element, tag) if block else self.tag
            else:
                self.walk(child, outside=here_outside)
        if block:
            self.flush()
        if element.tail:
            self.parts.append(_spaces(element.tail))

    @staticmethod
    def _kind(element, tag: str) -> str:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "title", "dt"):
            return tag
        if tag == "p":
            # A paragraph that is all bold is a sub-heading in many outlets' pages.
            own = _clean(element.text_content())
            bold = "".join(_clean(b.text_content()) for b in element if b.tag in ("strong", "b"))
            if own and bold and _clean(bold).replace(" ", "") == own.replace(" ", ""):
                return "strong"
            return "p"
        return ""

    def done(self) -> list[Line]:
        self.flush()
        return self.lines
