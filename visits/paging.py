"""Page numbers read from query strings (``?page=``, a sitemap section's ``?p=``).

Every paged public view reads its number through `page_number()`, so that a number no
page of ours can have is a 404 before it becomes an OFFSET: SQLite refuses an integer
beyond 64 bits with an OverflowError (a 500), and a sitemap multiplies the number by its
page size on either database. What a view makes of a value that is not a number at all
(the first page, or a 404) stays the view's choice.
"""

import re

from django.core import paginator
from django.http import Http404

#: The largest page number any list, search or sitemap section answers. The largest
#: newsroom planned (DESIGN.md: 300,000 coverage items) fills 15,000 pages of 20; a
#: number past a million is noise from a script, not a page someone could reach.
MAX_PAGE = 1_000_000
#: ASCII digits only: ``int()`` would also read Arabic-Indic or fullwidth digits and
#: "1_000" as numbers.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def page_number(value) -> int | None:
    """The whole number ``value`` (a query-string value, an int, or None) holds, or None
    when it holds none (absent, empty, a word, a fraction, a NUL…).

    A number beyond ±`MAX_PAGE` is no page at all: `Http404`."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not WHOLE_NUMBER.fullmatch(value):
        return None
    digits = value.lstrip("+-").lstrip("0")
    # Measured before int(): Python refuses to convert more than 4,300 digits.
    if len(digits) > len(str(MAX_PAGE)) or int(value) > MAX_PAGE or int(value) < -MAX_PAGE:
        raise Http404("No such page.")
    return int(value)


class Paginator(paginator.Paginator):
    """Django's paginator, forgiving as `get_page()` is (a word shows the first page, a
    number past the end the last), but a number beyond `MAX_PAGE` is a 404."""

    def get_page(self, number):
        return super().get_page(page_number(number))
