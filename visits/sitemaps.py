"""Sitemaps of trips, places, people and organisations, and the base every section uses.

Each item is listed once per language it is available in (all four, except a press
release whose translations go out one at a time: `NewsroomSitemap.languages`), each entry
with its alternates in those languages and an ``x-default`` (the English page, or the
first listed language when there is no English one), as search engines ask for
multilingual sites. Items are paged by the database (one slice a page, no count), never
loaded all at once, so a page of a section of 100,000 releases costs one query.

A page is built in a single pass and written as ready-made XML (``templates/sitemap.xml``
only joins the entries): an item's URLs come from its ``get_absolute_url()`` reversed once
per language for the whole page, not once per item and language, and its alternates are
written once and shared by its entries. At 10,000 releases a page of 2,000 items in
four languages took about two seconds through ``reverse()`` and Django's sitemap
template; this way a page of 500 costs tens of milliseconds.
"""

import re
from html import escape

from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Count, F, Max
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from .models import Organization, Person, Place, Visit
from .paging import page_number
from .text import LANGUAGE_CODES

X_DEFAULT = LANGUAGE_CODES[0]
#: Stands in for an item's slug or primary key while the URL around it is reversed: a
#: valid value of both the ``slug`` and the ``int`` path converters that no URL prefix holds.
PLACEHOLDER = "4242424242424242"
#: Values that every path converter in use (``slug``, ``int``) puts in a URL unchanged;
#: any other value goes through ``get_absolute_url()`` itself (and so fails, or is
#: percent-encoded, exactly as it would there).
VERBATIM = re.compile(r"[-a-zA-Z0-9_]+")


class NewsroomSitemap(Sitemap):
    """A section of public items, each listed in every language with its alternates.

    `limit` counts items, so a page holds up to ``limit x 4`` URLs, each with up to five
    alternates (about 1 MB of XML: far below the protocol's 50,000 URLs and 50 MB, and
    small enough to build, cache and send again cheaply).
    """

    limit = 500
    #: The query that lists the section's public items (subclasses say which).
    model = None
    #: Fields whose latest value is an item's last modification, or () for none.
    lastmod_fields = ()
    #: The one field ``model.get_absolute_url()`` is made of.
    url_field = "slug"

    def items(self):
        return self.model._default_manager.published().order_by("pk")

    def lastmod(self, item):
        values = [getattr(item, field) for field in self.lastmod_fields]
        return max(values) if values else None

    def languages(self, item) -> tuple[str, ...]:
        """The languages ``item`` is listed in, and offered in as alternates."""
        return LANGUAGE_CODES

    def language_lastmod(self, item, code: str):
        """The last modification of ``item``'s page in one language."""
        return self.lastmod(item)

    def lastmod_expression(self):
        """An item's last modification as a database expression, for `summary`."""
        fields = [F(name) for name in self.lastmod_fields]
        return Greatest(*fields) if len(fields) > 1 else fields[0]

    def summary(self):
        """(number of items, latest modification) for the sitemap index, in one query."""
        aggregates = {"count": Count("pk")}
        if self.lastmod_fields:
            aggregates["latest"] = Max(self.lastmod_expression())
        facts = self.items().order_by().aggregate(**aggregates)
        return facts["count"], facts.get("latest")

    def page_items(self, page) -> list:
        """The items of page ``page`` (``?p=``), in one query: a page past the end is
        empty, so no count is needed to tell it (the first page may be empty). A number
        no page can have is a 404 before it is multiplied into an OFFSET."""
        number = page_number(page)
        if number is None:
            raise PageNotAnInteger(page)
        if number < 1:
            raise EmptyPage(number)
        start = (number - 1) * self.limit
        items = list(self.items()[start : start + self.limit])
        if not items and number > 1:
            raise EmptyPage(number)
        return items

    def path_finder(self):
        """A function (item, language code) → ``item.get_absolute_url()`` in that language.

        The URL of each language is reversed once, for a stand-in item whose `url_field`
        is `PLACEHOLDER`; an item's URL is then that URL with its own value in place.
        tests/test_sitemaps.py checks the result against ``get_absolute_url()``.
        """
        around = {}
        stand_in = self.model(**{self.url_field: PLACEHOLDER})
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = stand_in.get_absolute_url()
            if url.count(PLACEHOLDER) != 1:
                raise ImproperlyConfigured(
                    f"{self.model.__name__}.get_absolute_url() does not hold "
                    f"{self.url_field!r} exactly once: {url!r}"
                )
            around[code] = url.split(PLACEHOLDER)

        def path(item, code):
            value = str(getattr(item, self.url_field))
            if VERBATIM.fullmatch(value):
                before, after = around[code]
                return f"{before}{value}{after}"
            with translation.override(code):
                return item.get_absolute_url()

        return path

    def get_urls(self, page=1, site=None, protocol=None):
        """Every item of the page in each of its languages, each with all its alternates,
        as Django's sitemap view expects them, plus each entry's ``<url>`` XML (``xml``)."""
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        path = self.path_finder()
        zone = timezone.get_current_timezone()  # the protocol dates a change by its day
        urls = []
        latest = None
        for item in self.page_items(page):
            locations = {code: base + path(item, code) for code in self.languages(item)}
            if not locations:
                continue
            default = locations.get(X_DEFAULT) or next(iter(locations.values()))
            alternates = [{"lang_code": code, "location": url} for code, url in locations.items()]
            alternates.append({"lang_code": "x-default", "location": default})
            escaped = {url: escape(url) for url in locations.values()}
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{alternate["lang_code"]}" '
                f'href="{escaped[alternate["location"]]}"/>'
                for alternate in alternates
            )
            for code, url in locations.items():
                lastmod = self.language_lastmod(item, code)
                dated = ""
                if lastmod is not None:
                    latest = lastmod if latest is None else max(latest, lastmod)
                    dated = f"<lastmod>{timezone.localdate(lastmod, zone).isoformat()}</lastmod>"
                xml = f"<url><loc>{escaped[url]}</loc>{dated}{links}</url>"
                urls.append(
                    {
                        "item": item,
                        "location": url,
                        "lastmod": lastmod,
                        "alternates": alternates,
                        "xml": SafeString(xml),  # every value in it escaped above
                    }
                )
        self.latest_lastmod = latest if self.lastmod_fields else None
        return urls


class StaticSitemap(NewsroomSitemap):
    """The lists and pages that are not about one item."""

    def __init__(self, names=()):
        self.names = list(names)

    def items(self):
        return self.names

    def summary(self):
        return len(self.names), None

    def path_finder(self):
        def path(name, code):
            with translation.override(code):
                return reverse(name)

        return path


class VisitSitemap(NewsroomSitemap):
    model = Visit
    lastmod_fields = ("updated_at", "published_at")

    def items(self):
        return super().items().only("slug", "updated_at", "published_at")


class PlaceSitemap(NewsroomSitemap):
    model = Place

    def items(self):
        return super().items().only("slug")


class PersonSitemap(PlaceSitemap):
    model = Person


class OrganizationSitemap(PlaceSitemap):
    model = Organization
