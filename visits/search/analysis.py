"""How text becomes search terms, the same way for what is indexed and what is asked.

Korean, Chinese and Japanese do not separate words the way English does (and Korean
glues particles to its words), so a word index alone cannot find 시장 inside
서울시장이. As Lucene's CJK analyzer does, every run of Hangul, Han and kana is indexed
as overlapping two-character terms (bigrams): 서울시장이 → 서울 울시 시장 장이, and the
run's last character once more on its own, so that every character starts some term. A
two-character word is then one term, a longer one a phrase of adjacent bigrams, a
single character a prefix. Everything else is split into ordinary words, matched by
prefix.

Before that the text is normalised: NFKC (full-width Latin and half-width katakana become
ABC and カタカナ), case folding, and accents stripped from Latin, Greek and Cyrillic
letters (not the voicing marks of kana, which make other words: バス is not ハス).

The backends only ever see terms made of letters and digits, joined by spaces, so no
query syntax of theirs can reach them from a visitor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

#: Hangul, Han and kana (and their compatibility and half-width forms).
CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3040-\u309f"
    "\u30a1-\u30fa\u30fc-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_TOKEN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")
#: Combining accents of Latin, Greek and Cyrillic (not the kana voicing marks).
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: Enough for any real query; the rest of a longer one is ignored (and the reader told).
MAX_CLAUSES = 16
#: A query is read up to this many characters, a word up to this many.
MAX_QUERY_CHARS = 500
MAX_TERM_CHARS = 64
#: Indexed text beyond this many characters per field is ignored.
MAX_FIELD_CHARS = 200_000


def normalize(text: str) -> str:
    """Case-folded NFKC with Latin accents removed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", _ACCENTS.sub("", text))


def bigrams(run: str) -> list[str]:
    """A CJK run's overlapping pairs and its last character: 서울시 → 서울 울시 시."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_terms(text: str) -> str:
    """The terms of ``text`` as the index stores them: space-separated, in order."""
    terms = []
    for match in _TOKEN.finditer(normalize(text[:MAX_FIELD_CHARS])):
        if match.lastgroup == "cjk":
            terms.extend(bigrams(match.group()))
        else:
            terms.append(match.group())
    return " ".join(terms)


@dataclass(frozen=True)
class Clause:
    """Terms that must occur next to each other; the last may be a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass
class Query:
    """A visitor's query, analysed. Matching items contain every clause of some group."""

    text: str
    #: Groups of clauses; a group matches when all its clauses do, the query when any
    #: group does ("OR" between words separates groups).
    groups: list[list[Clause]] = field(default_factory=list)
    #: The whole query as one phrase (ranking: exact phrase above scattered words).
    phrase: Clause | None = None
    #: What to highlight: Latin word prefixes and CJK strings, normalised.
    words: tuple[str, ...] = ()
    cjk: tuple[str, ...] = ()
    #: Part of a very long query was left out.
    truncated: bool = False

    def __bool__(self):
        return bool(self.groups)


def _word_clauses(text: str) -> list[Clause]:
    clauses = []
    for match in _TOKEN.finditer(normalize(text)):
        token = match.group()[:MAX_TERM_CHARS]
        if match.lastgroup == "word":
            clauses.append(Clause((token,), prefix=True))
        elif len(token) == 1:
            clauses.append(Clause((token,), prefix=True))  # starts a bigram or ends a run
        else:
            clauses.append(Clause(tuple(bigrams(token)[:-1])))  # without the last character
    return clauses


def _phrase_clause(text: str) -> Clause | None:
    """A quoted phrase: the terms exactly as the index has them for the same text."""
    terms = tuple(index_terms(text).split())
    return Clause(terms) if terms else None


def printable(text) -> str:
    """``text`` with control and other unprintable characters turned into spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in str(text)).strip()


_QUOTED = re.compile(r'"([^"]*)"')
_OR = re.compile(r"(?:^|\s)OR(?=\s|$)")


def parse(text: str) -> Query:
    """Analyse a query string. Anything is accepted; what is not a word is ignored.

    Words are required (AND); ``"…"`` requires a phrase; a capitalised ``OR`` between
    words offers alternatives. Other operators (``NEAR``, ``*``, ``-``, brackets) are
    read as plain words or ignored, never passed on.
    """
    text = printable(text)
    query = Query(text=text, truncated=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS]
    budget = MAX_CLAUSES
    for part in _OR.split(text):
        # Quoted phrases first (balanced quotes only), then the loose words.
        group = [c for q in _QUOTED.findall(part) if (c := _phrase_clause(q))]
        group += _word_clauses(_QUOTED.sub(" ", part))
        if len(group) > budget:
            group, query.truncated = group[:budget], True
        budget -= len(group)
        if group:
            query.groups.append(group)
        if not budget:
            query.truncated = query.truncated or len(query.groups) < len(_OR.split(text))
            break

    tokens = list(_TOKEN.finditer(normalize(text)))[:MAX_CLAUSES]
    if len(query.groups) == 1 and len(query.groups[0]) > 1:
        terms = index_terms(" ".join(token.group() for token in tokens)).split()
        query.phrase = Clause(tuple(terms), prefix=tokens[-1].lastgroup == "word")
    query.words = tuple(
        dict.fromkeys(t.group()[:MAX_TERM_CHARS] for t in tokens if t.lastgroup == "word")
    )
    query.cjk = tuple(dict.fromkeys(t.group() for t in tokens if t.lastgroup == "cjk"))
    # Romanised names however spaced: "oh se hoon" is also asked as "oh sehoon" (`names`).
    from .names import alternatives

    query.groups = [alt for group in query.groups for alt in (group, *alternatives(group))]
    return query


# Highlighting ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold(cluster: str) -> str:
    return normalize(cluster)


def _clusters(text: str):
    """(start, end) of each character with the combining marks that follow it."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not (
            unicodedata.combining(text[index]) or text[index] in "\uff9e\uff9f"
        ):
            yield start, index
            start = index


def match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where ``query`` matches in ``text``: sorted, merged (start, end) offsets into the
    original text, for highlighting."""
    if not text or not (query.words or query.cjk):
        return []
    folded, origin = [], []  # folded text, and the original offsets of each folded char
    for start, end in _clusters(text):
        for char in _fold(text[start:end]):
            folded.append(char)
            origin.append((start, end))
    folded_text = "".join(folded)
    spans = []
    words = [m for m in _TOKEN.finditer(folded_text) if m.lastgroup == "word"]
    for index, match in enumerate(words):
        if any(match.group().startswith(w) for w in query.words):
            spans.append((match.start(), match.end()))
        # A name's syllables that a query word joins ("sehoon" in "Se-hoon", `names`).
        joined, end = match.group(), match.end()
        for later in words[index + 1 : index + 3]:
            if folded_text[end : later.start()] not in (" ", "-"):
                break
            before, joined, end = len(joined), joined + later.group(), later.end()
            if any(before < len(w) <= len(joined) and joined.startswith(w) for w in query.words):
                spans.append((match.start(), end))
    for needle in query.cjk:
        position = folded_text.find(needle)
        while position != -1:
            spans.append((position, position + len(needle)))
            position = folded_text.find(needle, position + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(origin_span(origin, s, e) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def origin_span(origin, start: int, end: int) -> tuple[int, int]:
    return origin[start][0], origin[end - 1][1]
