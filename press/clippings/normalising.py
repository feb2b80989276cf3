"""Text compared the way the matching and duplicate steps compare it: NFKC, case folded,
and for CJK text and fingerprints with spaces and punctuation aside.

Plain functions, no query: `matching` and `duplicates` share them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

#: Hangul, kana and CJK ideographs: scripts whose words are not cut by spaces (or, for
#: Korean, carry particles: 중관촌을), so a name is looked for inside the squeezed text.
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def folded(text: str) -> str:
    """NFKC and case folded: full-width letters, ㎡ and the like become plain."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def squeezed(text: str) -> str:
    """Folded, with every space, punctuation mark and symbol removed."""
    return "".join(ch for ch in folded(text) if _is_word_char(ch))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def latin_pattern(term: str) -> re.Pattern | None:
    """A pattern finding a name written in Latin letters as a whole word, whatever the
    spaces and hyphens between its parts: "Oh Se-hoon" finds "oh sehoon" and "Oh Se hoon";
    a plural ending ("green spaces") or a Hangul particle ("SOHO를") may follow it."""
    tokens = re.findall(r"[^\W_]+", folded(term))
    if not tokens:
        return None
    body = r"[\W_]{0,3}".join(re.escape(token) for token in tokens)
    return re.compile(rf"(?<![0-9a-z]){body}(?:e?s)?(?![0-9a-z])")


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1, spaces and punctuation aside (below 0.6 only
    roughly: no threshold of ours is that low)."""
    a, b = squeezed(a), squeezed(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    rough = matcher.quick_ratio()  # an upper bound, cheap
    return rough if rough < 0.6 else matcher.ratio()


def shingles(text: str, size: int = 5) -> set[str]:
    """The squeezed text's overlapping runs of ``size`` characters."""
    text = squeezed(text)
    if len(text) <= size:
        return {text} if text else set()
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_NUMBER = re.compile(
    r"(?<![\d.,:])(?:"
    r"(?P<man>\d+(?:\.\d+)?)\s*[만万萬]\s*(?:(?P<cheon>\d+)\s*[천千]|(?P<rest>\d+))?"
    r"|(?P<thousands>\d+(?:\.\d+)?)\s*[천千]"
    r"|(?P<plain>\d{1,3}(?:,\d{3})+|\d+)"
    r")(?![\d:])"
)


def numbers_in(text: str) -> set[int]:
    """The quantities a text gives, whatever the script: "5,000", "5천", "4만5000",
    "4.5万" and "1만6천" are 5000, 5000, 45000, 45000 and 16000. Numbers under 10 and years
    (1900 to 2099) say too little to tell one event from another and are left out."""
    found = set()
    for match in _NUMBER.finditer(unicodedata.normalize("NFKC", text or "")):
        if match["man"]:
            value = float(match["man"]) * 10000
            if match["cheon"]:
                value += int(match["cheon"]) * 1000
            elif match["rest"]:
                value += int(match["rest"])
        elif match["thousands"]:
            value = float(match["thousands"]) * 1000
        else:
            value = int(match["plain"].replace(",", ""))
        value = int(value)
        if value >= 10 and not 1900 <= value <= 2099:
            found.add(value)
    return found
