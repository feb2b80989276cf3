"""The one rich-text allow-list: what the editor offers is exactly what survives nh3."""

from functools import cache

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

#: Press releases need paragraphs, a few headings, lists, quotes, emphasis and links.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}


@cache
def _cleaner() -> nh3.Cleaner:
    config = allowlist_from_extensions(expand_extensions(RICH_TEXT_EXTENSIONS))
    config["link_rel"] = "noopener noreferrer"
    config["attributes"] = {
        tag: set(attrs) - {"rel"} for tag, attrs in config["attributes"].items()
    }
    return nh3.Cleaner(**config)


def sanitize_html(html: str) -> str:
    """Rich text reduced to the allow-list; an empty editor paragraph becomes ''."""
    cleaned = _cleaner().clean(html or "").strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
