"""The language a clipping is written in: one of the newsroom's four, or a refusal.

lingua decides among the four (English, Korean, Chinese, Japanese). That alone would call
a French article English (its letters are Latin), so a second lingua detector, which also
knows the languages a clipping in Latin or Cyrillic letters is most often in, checks that
such a text is not one of those; other scripts (Arabic, Thai…) are told by their letters.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.utils.translation import gettext as _
from lingua import Language, LanguageDetectorBuilder

OURS = {
    Language.ENGLISH: "en",
    Language.KOREAN: "ko",
    Language.CHINESE: "zh-hans",
    Language.JAPANESE: "ja",
}
#: Languages a clipping in Latin or Cyrillic letters is most likely in when it is not
#: English: the second detector's candidates beside English.
OTHERS = [
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.VIETNAMESE,
    Language.INDONESIAN,
    Language.TURKISH,
    Language.POLISH,
    Language.RUSSIAN,
    Language.SWEDISH,
]
#: How much of a text lingua reads: enough for a sure answer, not a whole page's worth.
SAMPLE = 3000


@dataclass
class Detected:
    code: str
    confidence: float
    reason: str


class ForeignLanguage(Exception):
    """Text in a language the newsroom does not publish in; ``name`` in the editor's
    language."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@functools.cache
def _ours():
    return LanguageDetectorBuilder.from_languages(*OURS).build()


@functools.cache
def _others():
    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, *OTHERS).build()


def scripts(text: str) -> dict[str, int]:
    """How many letters of each script the text has."""
    counts = {"hangul": 0, "kana": 0, "han": 0, "latin": 0, "cyrillic": 0, "other": 0}
    for char in text:
        if not char.isalpha():
            continue
        code = ord(char)
        if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            counts["hangul"] += 1
        elif 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
            counts["kana"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
            counts["han"] += 1
        elif code < 0x250 or 0x1E00 <= code <= 0x1EFF:
            counts["latin"] += 1
        elif 0x400 <= code <= 0x4FF:
            counts["cyrillic"] += 1
        else:
            counts["other"] += 1
    return counts


def language_name(code: str) -> str:
    """A language's name in the editor's language (Django's own translations)."""
    names = dict(ALL_LANGUAGES)
    return _(names[code]) if code in names else code


def detect(text: str) -> Detected | None:
    """The language of ``text`` among the four; raises `ForeignLanguage` for another one;
    None when there are no letters to tell by."""
    sample = unicodedata.normalize("NFKC", text)[:SAMPLE]
    counts = scripts(sample)
    letters = sum(counts.values())
    if letters < 2:
        return None
    # A script none of the four is written in, for most of the text.
    if counts["other"] > letters / 2:
        raise ForeignLanguage(_foreign_script_name(sample))
    if counts["cyrillic"] > letters / 2:
        raise ForeignLanguage(language_name("ru"))
    values = {OURS[v.language]: v.value for v in _ours().compute_language_confidence_values(sample)}
    code = max(values, key=values.get)
    confidence = values[code]
    # Scripts settle what lingua might doubt on a short text: kana is Japanese only,
    # Hangul Korean only; Han alone is Chinese.
    cjk = counts["hangul"] + counts["kana"] + counts["han"]
    if cjk > letters * 0.3:
        if counts["hangul"] > counts["kana"] and counts["hangul"] >= cjk * 0.3:
            code = "ko"
        elif counts["kana"] >= cjk * 0.05:
            code = "ja"
        elif counts["han"] >= cjk * 0.9:
            code = "zh-hans"
        confidence = max(values.get(code, 0.0), 0.9)
        return Detected(code, round(confidence, 2), _reason(code))
    # Latin letters: English, or one of the languages the newsroom does not publish in?
    other = _others().compute_language_confidence_values(sample)
    top = other[0]
    if top.language != Language.ENGLISH and top.value >= 0.5:
        raise ForeignLanguage(language_name(top.language.iso_code_639_1.name.lower()))
    english = next((v.value for v in other if v.language == Language.ENGLISH), 0.0)
    return Detected("en", round(max(english, values.get("en", 0.0)), 2), _reason("en"))


def _reason(code: str) -> str:
    return _("lingua reads the text as %(language)s") % {"language": language_name(code)}


def _foreign_script_name(text: str) -> str:
    for char in text:
        if char.isalpha() and ord(char) >= 0x250 and not (0x400 <= ord(char) <= 0x4FF):
            try:
                script = unicodedata.name(char).split()[0]
            except ValueError:
                continue
            known = {
                "ARABIC": "ar",
                "THAI": "th",
                "HEBREW": "he",
                "DEVANAGARI": "hi",
                "GREEK": "el",
                "GEORGIAN": "ka",
                "ARMENIAN": "hy",
                "BENGALI": "bn",
                "TAMIL": "ta",
                "KHMER": "km",
                "MONGOLIAN": "mn",
            }
            if script in known:
                return language_name(known[script])
    return _("a language in another script")
