"""Romanised names written with or without spaces and hyphens: "Oh Se-hoon", "Oh Sehoon",
"oh se hoon" and "ohsehoon" are one name to a reader, four spellings to a word index.

Korean and Chinese names in Latin letters are short syllables that writers join or
separate as they like (Se-hoon, Sehoon, Se Hoon; Won-soon, Wonsoon; Jinping). Two small
rules make every spelling find every other, in both backends alike:

- **at index time** (`joined_terms`), a name's syllables are also indexed joined: any
  two or three adjacent Latin words of at most `SYLLABLE` letters that are joined by a
  hyphen, or separated by one space when both are capitalised (as names are), add their
  concatenation: "Oh Se-hoon" adds ``ohse sehoon ohsehoon``. The joined terms go after
  the field's own terms, so phrases over the real text keep their positions;
- **at query time** (`alternatives`), a short query of loose Latin words also tries its
  adjacent short words joined: "oh se hoon" is also asked as ``oh sehoon``, ``ohse
  hoon`` and ``ohsehoon``, which finds a text that wrote "Oh Sehoon".

Limits: a query that glues syllables differently from any of these (``ohseh oon``) finds
nothing new; names written in lower case with spaces in the text ("oh se hoon") are not
joined in the index, so only the same spacing finds them; a quoted phrase ("Oh Sehoon")
is matched exactly as typed; syllables longer than `SYLLABLE` letters (rare in
romanisation) are left alone, which keeps ordinary English words out of the joining;
capitalised English words next to each other ("Startup Street") add a few joined terms
nobody will ask for, a small cost in index size.
"""

from __future__ import annotations

import re

from .analysis import MAX_FIELD_CHARS, MAX_TERM_CHARS, Clause, index_terms, normalize

#: The longest syllable joined (zhuang, shuang: six letters in pinyin; Korean's are shorter).
SYLLABLE = 6
#: At most this many adjacent words are joined (family name and a two-syllable given name).
WINDOW = 3
#: Queries of more loose words than this are not expanded (names are short queries).
MAX_QUERY_WORDS = 4
#: Joined terms added to one field at most (a very long body adds no more).
MAX_JOINED = 500

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_ASCII_LETTERS = re.compile(r"[a-z]+")
_HYPHENS = {"-", "\u2010", "\u2011"}


def _short(word: str) -> bool:
    return len(word) <= SYLLABLE


def _runs(text: str) -> list[list[str]]:
    """Runs of adjacent Latin words that may be one name, each word normalised."""
    runs: list[list[str]] = []
    run: list[str] = []
    previous = None
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        joined = False
        if previous is not None:
            between = text[previous.end() : match.start()]
            joined = between in _HYPHENS or (
                between == " " and previous.group()[0].isupper() and word[0].isupper()
            )
        if not joined and run:
            runs.append(run)
            run = []
        folded = normalize(word)
        if _short(folded):
            run.append(folded)
        elif run:
            runs.append(run)
            run = []
        previous = match
    if run:
        runs.append(run)
    return [run for run in runs if len(run) > 1]


def joined_terms(text: str) -> list[str]:
    """The joined forms of the names in ``text`` (see above), each once."""
    found: dict[str, None] = {}
    for run in _runs(text):
        for size in range(2, WINDOW + 1):
            for start in range(len(run) - size + 1):
                found["".join(run[start : start + size])[:MAX_TERM_CHARS]] = None
                if len(found) >= MAX_JOINED:
                    return list(found)
    return list(found)


def field_terms(text: str) -> str:
    """What the index stores for a field: its terms (`analysis.index_terms`), then the
    joined forms of its names."""
    terms = index_terms(text)
    joined = joined_terms(text[:MAX_FIELD_CHARS])
    return f"{terms} {' '.join(joined)}" if joined else terms


def _is_syllable(clause: Clause) -> bool:
    return (
        clause.prefix
        and len(clause.terms) == 1
        and _short(clause.terms[0])
        and _ASCII_LETTERS.fullmatch(clause.terms[0]) is not None
    )


def alternatives(group: list[Clause]) -> list[list[Clause]]:
    """Other ways to ask ``group``'s loose Latin words (a short query only): each window of
    two or three adjacent short words joined into one (prefix) word."""
    if len(group) > MAX_QUERY_WORDS:
        return []
    found = []
    for size in range(2, WINDOW + 1):
        for start in range(len(group) - size + 1):
            window = group[start : start + size]
            if all(_is_syllable(clause) for clause in window):
                joined = Clause(("".join(c.terms[0] for c in window)[:MAX_TERM_CHARS],), True)
                found.append([*group[:start], joined, *group[start + size :]])
    return found
