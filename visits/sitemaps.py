"""Sitemaps of trips, places, people and organisations, and the base every section uses.

Each item is listed once per language it is available in (all four, except a press
release whose translations go out one at a time: `NewsroomSitemap.languages`), each entry
with its alternates in those languages and an ``x-default`` (the English page, or the
first listed language when there is none), as search engines ask for multilingual sites.
Items are paged by the database (one slice a page, no count), never loaded all at once,
so a page of a section of 100,000 releases costs one query.

A page is built in a single pass and written as ready-made XML: its items are read
narrow (`NewsroomSitemap.rows`: the fields their URLs, languages and dates are made of,
no model instances), an item's URLs come from its ``get_absolute_url()`` reversed once
per language for the whole page, not once per item and language, its alternates are
written once and shared by its entries, and the page's entries go to
``templates/sitemap.xml`` as one string. At 10,000 releases a page of 2,000 items in four
languages took about two seconds through ``reverse()`` and Django's sitemap template; a
page of 500 then took tens of milliseconds, and now a few.
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

from .models import Engagement, Organization, Person, Place, Visit
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
    #: Further fields `languages` and `language_lastmod` read.
    fields = ()

    def items(self):
        return self.model._default_manager.published().order_by("pk")

    def rows(self):
        """`items` read narrow: the fields an entry is made of, as named rows (which the
        methods below read as they read items). None of them is translated: the rows are
        read as the database gives them, without modeltranslation's reading of values."""
        names = dict.fromkeys([self.url_field, *self.lastmod_fields, *self.fields])
        items = self.items()
        if hasattr(items, "rewrite"):
            items = items.rewrite(False)
        return items.values_list(*names, named=True)

    def lastmod(self, item):
        values = [getattr(item, field) for field in self.lastmod_fields]
        return max(values) if values else None

    def languages(self, item) -> tuple[str, ...]:
        """The languages ``item`` is listed in, and offered in as alternates."""
        return LANGUAGE_CODES

    def language_lastmod(self, item, code: str):
        """The last modification of ``item``'s page in one language."""
        return self.lastmod(item)

    def language_lastmods(self, item, codes) -> dict:
        """{code: `language_lastmod`} for the languages ``codes`` at once."""
        return dict.fromkeys(codes, self.lastmod(item))

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
        """The items of page ``page`` (``?p=``, as `rows`), in one query: a page past the end is
        empty, so no count is needed to tell it (the first page may be empty). A number
        no page can have is a 404 before it is multiplied into an OFFSET."""
        number = page_number(page)
        if number is None:
            raise PageNotAnInteger(page)
        if number < 1:
            raise EmptyPage(number)
        start = (number - 1) * self.limit
        items = list(self.rows()[start : start + self.limit])
        if not items and number > 1:
            raise EmptyPage(number)
        return items

    def path_finder(self):
        """A function (item, language code) → ``item.get_absolute_url()`` in that language
        (`paths_finder`'s, for one language)."""
        paths = self.paths_finder()
        return lambda item, code: paths(item, (code,))[code]

    def paths_finder(self, base: str = ""):
        """A function (item, language codes) → {code: ``base`` and
        ``item.get_absolute_url()`` in that language}, escaped for XML when ``base`` is
        given.

        The URL of each language is reversed once, for a stand-in item whose `url_field`
        is `PLACEHOLDER`; an item's URL is then that URL with its own value in place (a
        value `VERBATIM` holds has nothing to escape). tests/test_sitemaps.py checks the
        result against ``get_absolute_url()``.
        """
        quote = escape if base else str
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
            around[code] = [quote(part) for part in (base + url).split(PLACEHOLDER)]

        def paths(item, codes) -> dict[str, str]:
            value = str(getattr(item, self.url_field))
            if VERBATIM.fullmatch(value):
                return {code: value.join(around[code]) for code in codes}
            found = {}
            for code in codes:
                with translation.override(code):
                    found[code] = quote(base + item.get_absolute_url())
            return found

        return paths

    def get_urls(self, page=1, site=None, protocol=None):
        """Every item of the page in each of its languages, each with all its alternates,
        written as ``<url>`` XML: Django's view hands the list to
        ``templates/sitemap.xml``, which writes each one's ``xml`` on a line, and the
        page's entries are one such string (one template loop for the page)."""
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = self.paths_finder(base)
        zone = timezone.get_current_timezone()  # the protocol dates a change by its day
        days = {}
        entries = []
        latest = None
        for item in self.page_items(page):
            codes = self.languages(item)
            if not codes:
                continue
            locations = urls(item, codes)
            lastmods = self.language_lastmods(item, codes)
            default = locations.get(X_DEFAULT) or next(iter(locations.values()))
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>'
                for code, url in (*locations.items(), ("x-default", default))
            )
            for code, url in locations.items():
                lastmod = lastmods[code]
                dated = ""
                if lastmod is not None:
                    latest = lastmod if latest is None else max(latest, lastmod)
                    if (dated := days.get(lastmod)) is None:
                        day = timezone.localdate(lastmod, zone).isoformat()
                        dated = days[lastmod] = f"<lastmod>{day}</lastmod>"
                entries.append(f"<url><loc>{url}</loc>{dated}{links}</url>")
        self.latest_lastmod = latest if self.lastmod_fields else None
        # Every value in it escaped above.
        return [{"xml": SafeString("\n".join(entries))}] if entries else []


class StaticSitemap(NewsroomSitemap):
    """The lists and pages that are not about one item."""

    def __init__(self, names=()):
        self.names = list(names)

    def items(self):
        return self.names

    def rows(self):
        return self.names

    def summary(self):
        return len(self.names), None

    def paths_finder(self, base: str = ""):
        quote = escape if base else str

        def paths(name, codes):
            found = {}
            for code in codes:
                with translation.override(code):
                    found[code] = quote(base + reverse(name))
            return found

        return paths


class VisitSitemap(NewsroomSitemap):
    model = Visit
    lastmod_fields = ("updated_at", "published_at")


class PlaceSitemap(NewsroomSitemap):
    model = Place


class PersonSitemap(PlaceSitemap):
    model = Person


class OrganizationSitemap(PlaceSitemap):
    model = Organization


#: Stands in for an event's trip slug while its URL is reversed (`EventSitemap`).
TRIP_PLACEHOLDER = "4343434343434343"


class EventSitemap(NewsroomSitemap):
    """The events of public trips: an event's URL holds its trip's slug and its own. Dated
    by its trip's publication, as a trip's own entry is (press's sitemap): never by a row's
    modification time, which an edit or the demo's loading sets."""

    model = Engagement
    lastmod_fields = ("visit__published_at",)
    fields = ("visit__slug",)

    def paths_finder(self, base: str = ""):
        quote = escape if base else str
        around = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = reverse(
                    "visits:event_detail", kwargs={"trip": TRIP_PLACEHOLDER, "slug": PLACEHOLDER}
                )
            head, tail = url.split(TRIP_PLACEHOLDER)
            middle, end = tail.split(PLACEHOLDER)
            around[code] = [quote(part) for part in (base + head, middle, end)]

        def paths(item, codes) -> dict[str, str]:
            # A row of `rows`, or an Engagement (tests compare with get_absolute_url).
            trip = getattr(item, "visit__slug", None) or item.visit.slug
            trip, slug = str(trip), str(item.slug)
            found = {}
            for code in codes:
                if VERBATIM.fullmatch(trip) and VERBATIM.fullmatch(slug):
                    head, middle, end = around[code]
                    found[code] = f"{head}{trip}{middle}{slug}{end}"
                    continue
                with translation.override(code):
                    url = reverse("visits:event_detail", kwargs={"trip": trip, "slug": slug})
                found[code] = quote(base + url)
            return found

        return paths
