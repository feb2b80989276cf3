"""What a result shows: its title and a passage around the matches, highlighted.

Only text a reader may see is used: a release's languages that are out, never a
translation still being checked. The passage is taken in the reader's language when
the item matches there, otherwise in the first language that matches (marked with its
``lang``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..text import FALLBACK_ORDER, Translated
from .analysis import Query, match_spans

#: Characters of context shown around the first match, and at most in all.
LEAD_IN = 60
LENGTH = 220
NOTHING = mark_safe("")


@dataclass
class Excerpt:
    title: SafeString
    title_lang: str
    text: SafeString
    text_lang: str
    reader_lang: str
    #: A release's subtitle, in the passage's language (``text_lang``), highlighted.
    subtitle: SafeString = NOTHING

    @property
    def title_is_foreign(self) -> bool:
        return self.title_lang != self.reader_lang

    @property
    def text_is_foreign(self) -> bool:
        return bool(self.text or self.subtitle) and self.text_lang != self.reader_lang


def highlight(text: str, spans) -> SafeString:
    """``text`` escaped, with each span in ``<mark>``."""
    parts, last = [], 0
    for start, end in spans:
        parts += [escape(text[last:start]), format_html("<mark>{}</mark>", text[start:end])]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # every part is escaped above


def passage(text: str, spans) -> SafeString:
    """About `LENGTH` characters of ``text`` around its first matches, highlighted."""
    text = " ".join(text.split())
    if not spans:
        spans = []
    start = max(0, spans[0][0] - LEAD_IN) if spans else 0
    if start:  # begin at a word boundary when there is one nearby
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + LENGTH)
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space > start else end
    inside = [
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    ]
    html = highlight(text[start:end], inside)
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    return mark_safe(f"{prefix}{html}{suffix}")  # highlight() escapes


def excerpt(document, obj, query: Query, reader: str) -> Excerpt:
    """The reader's title and the best passage: a match in a subtitle or body (the
    reader's language first), else the title in another language where the words are (an
    organisation found by its Korean name shows that name), else the start of the body.
    A subtitle is shown apart, before the passage, in the passage's language; what is
    indexed only to be found (a release's number) is never shown."""
    visible = document.visible_languages(obj)
    order = [c for c in dict.fromkeys((reader, *FALLBACK_ORDER, *visible)) if c in visible]
    title: Translated = document.display_title(obj, reader)
    texts = {code: document.shown_text(obj, code) for code in order}
    text_html, subtitle_html, text_lang = mark_safe(""), mark_safe(""), reader
    for code, (_title, subtitle, body) in texts.items():
        subtitle_spans = match_spans(subtitle, query)
        if (spans := match_spans(" ".join(body.split()), query)) or subtitle_spans:
            text_html, text_lang = passage(body, spans), code
            subtitle_html = highlight(subtitle, subtitle_spans)
            break
    else:
        title_spans = match_spans(title.text, query)
        for code, (other_title, _subtitle, _body) in texts.items():
            spans = match_spans(other_title, query)
            if spans and not title_spans and other_title != title.text:
                text_html, text_lang = highlight(other_title, spans), code
                break
        else:
            for code, (_title, subtitle, body) in texts.items():
                if body.strip() or subtitle.strip():
                    text_html, text_lang = passage(body, []), code
                    subtitle_html = highlight(subtitle, [])
                    break
    return Excerpt(
        title=highlight(title.text, match_spans(title.text, query)),
        title_lang=title.lang or reader,
        text=text_html,
        text_lang=text_lang,
        reader_lang=reader,
        subtitle=subtitle_html,
    )
