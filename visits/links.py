"""Links to other sites: a coverage article, an outlet's or an organisation's website.

Only ``http`` and ``https`` addresses are ever links. Forms refuse anything else
(`validate_outside_url`, on the models' URL fields), but a script, an import or a
restored archive can save any text, so every page and feed that links out goes through
`safe_outside_url()` (in templates, the ``outside_url`` filter of ``newsroom``), which
turns anything else (``javascript:``, ``data:``, ``ftp:``, an address with a tab or a
leading space that a browser would read otherwise) into no link at all.
"""

import re

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ["http", "https"]

#: An http(s) address as browsers read it: no whitespace or control character anywhere
#: (a browser drops tabs and newlines inside a URL, so "java\tscript:" is "javascript:"),
#: and the scheme at the very start.
OUTSIDE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


class OutsideURLValidator(URLValidator):
    """A web address the public may follow: http or https only (Django's URLField also
    takes ftp)."""

    schemes = SCHEMES
    message = _("Enter a web address that starts with http:// or https://.")


validate_outside_url = OutsideURLValidator()


def safe_outside_url(value) -> str:
    """``value`` if it is an http(s) address, else "" (show no link)."""
    text = value if isinstance(value, str) else ""
    return text if OUTSIDE_URL.fullmatch(text) else ""
