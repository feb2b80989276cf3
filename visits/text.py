"""Helpers for translated text: what a reader sees (with fallback), which languages an item
has, the columns and values of a field in every language, and readable ASCII slugs."""

import re
from dataclasses import dataclass

from anyascii import anyascii
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname

#: Language codes in settings order (en, ko, zh-hans, ja).
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
#: The order in which an empty field falls back, after the requested language.
FALLBACK_ORDER = ("en", "ko")


def translation_of(obj, field: str, language: str) -> str:
    """The raw value of one translation of ``field``, without fallback."""
    return getattr(obj, build_localized_fieldname(field, language)) or ""


def localized(*fields: str) -> tuple[str, ...]:
    """Every language's column of each translated field: ``title`` → ``title_en``, …"""
    return tuple(build_localized_fieldname(f, code) for f in fields for code in LANGUAGE_CODES)


def translations(obj, field: str) -> list[str]:
    """The values of ``field`` in each language that has one, stripped, in settings order."""
    return [value for code in LANGUAGE_CODES if (value := translation_of(obj, field, code).strip())]


def languages_with(obj, field: str) -> list[str]:
    """Codes of the languages in which ``field`` is filled in."""
    return [code for code in LANGUAGE_CODES if translation_of(obj, field, code).strip()]


def first_translation(
    obj, field: str, language: str = FALLBACK_ORDER[0], among=LANGUAGE_CODES
) -> tuple[str, str]:
    """The best available (language, text) of ``field``: ``language`` first, then English,
    Korean and the rest, looking only at the languages ``among``; ("", "") when none has
    it."""
    for code in dict.fromkeys((language, *FALLBACK_ORDER, *LANGUAGE_CODES)):
        if code not in among:
            continue
        value = translation_of(obj, field, code).strip()
        if value:
            return code, value
    return "", ""


@dataclass(frozen=True)
class Translated:
    """A translated field's text as a reader sees it, and the language it is really in."""

    text: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def language_name(self) -> str:
        return get_language_info(self.lang)["name_translated"] if self.lang else ""


def public_languages(obj, field: str) -> tuple[str, ...]:
    """The languages of ``field`` a reader may see. A model whose translations are
    released one language at a time (a press release) lists its ``readiness_fields`` and
    says which languages are out with ``public_languages()``; other models show all."""
    if field in getattr(obj, "readiness_fields", ()):
        return obj.public_languages()
    return LANGUAGE_CODES


def translated_field(obj, field: str, language: str | None = None) -> Translated:
    """What a reader of ``language`` (default: the active one) sees of ``field``."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if obj is None:  # an optional link left empty (a draft's outlet)
        return Translated("", language, False)
    code, text = first_translation(obj, field, language, public_languages(obj, field))
    if not text:
        return Translated("", language, False)
    return Translated(text, code, code != language)


class TranslatedTexts:
    """One item's translated fields as a reader sees them, each worked out once however
    often a page shows it: ``{{ object_text.title }}`` (a `Translated`)."""

    def __init__(self, obj):
        self._obj = obj
        self._known = {}

    def __getitem__(self, field: str) -> Translated:
        key = (field, get_language())
        if key not in self._known:
            try:
                self._known[key] = translated_field(self._obj, field)
            except AttributeError as error:  # no such field: the template shows nothing
                raise KeyError(field) from error
        return self._known[key]


_SYLLABIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def ascii_slug(text: str, max_length: int = 80) -> str:
    """A readable ASCII slug for text in any script: 오세훈 → "osehun", 天工 → "tian-gong".

    Hangul, Hanzi and Kana are transliterated (anyascii) so that a Korean-only title still
    gets a readable URL that survives e-mail, chat and feeds without percent-encoding.
    """
    # Han characters and kana carry no spaces between words: give each its own syllable.
    spaced = _SYLLABIC.sub(lambda m: f" {anyascii(m.group())} ", text)
    slug = slugify(anyascii(spaced))
    return slug[:max_length].strip("-")


def unique_slug(
    instance, text: str, field: str = "slug", fallback: str = "item", scope: dict | None = None
) -> str:
    """A slug for ``instance`` built from ``text``, unique within its model (-2, -3, … added),
    or within the rows ``scope`` selects (an event's slug: ``{"visit": trip}``)."""
    base = ascii_slug(text) or fallback
    model = type(instance)
    candidate, n = base, 1
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    if scope:
        others = others.filter(**scope)
    while others.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base[: 80 - len(str(n)) - 1].rstrip('-')}-{n}"
    return candidate
