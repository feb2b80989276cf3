"""Lists in a sentence in the reader's language: "Oh Se-hoon, Yin Yong" in English and
Korean, "呉世勲、殷勇" in Chinese and Japanese, which separate the items of a list with
the enumeration comma (、), not the ASCII comma. Templates use it through the
``newsroom`` tags ``{{ names|join_list }}`` and ``{% listsep %}``."""

from django.utils.translation import get_language

#: The separator between the items of a list, by language (the language code's first part).
SEPARATORS = {"zh": "、", "ja": "、"}
DEFAULT = ", "


def list_separator(language: str | None = None) -> str:
    """The separator of ``language`` (by default the reader's)."""
    code = (language or get_language() or "").lower().replace("_", "-").split("-")[0]
    return SEPARATORS.get(code, DEFAULT)
