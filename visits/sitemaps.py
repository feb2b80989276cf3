"""Sitemaps of trips, places, people and organisations, and the base every section uses.

Each item is listed once per language it is available in (all four, except a press
release whose translations go out one at a time: `NewsroomSitemap.languages`), each entry
with its alternates in those languages and an ``x-default`` (the English page, or the
first listed language when there is no English one), as search engines ask for
multilingual sites. Items are paged by the database (a count and a slice), never loaded all at once,
so a section of 100,000 releases costs two queries a page.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, F, Max
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import translation

from .models import Organization, Person, Place, Visit
from .text import LANGUAGE_CODES

X_DEFAULT = LANGUAGE_CODES[0]


class NewsroomSitemap(Sitemap):
    """A section of public items, each listed in every language with its alternates.

    `limit` counts items, so a page holds ``limit x 4`` URLs, each with five alternates
    (about 3 MB of XML at the default: well under the protocol's 50 MB).
    """

    limit = 2000
    #: The query that lists the section's public items (subclasses say which).
    model = None
    #: Fields whose latest value is an item's last modification, or () for none.
    lastmod_fields = ()

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

    def path(self, item) -> str:
        return item.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        """Every item of the page in each of its languages, each with all its alternates."""
        protocol = self.get_protocol(protocol)
        base = f"{protocol}://{self.get_domain(site)}"
        urls = []
        latest = None
        for item in self.paginator.page(page).object_list:
            locations = {}
            for code in self.languages(item):
                with translation.override(code):
                    locations[code] = base + self.path(item)
            if not locations:
                continue
            default = locations.get(X_DEFAULT) or next(iter(locations.values()))
            alternates = [{"lang_code": code, "location": url} for code, url in locations.items()]
            alternates.append({"lang_code": "x-default", "location": default})
            for code, url in locations.items():
                lastmod = self.language_lastmod(item, code)
                if lastmod is not None:
                    latest = lastmod if latest is None else max(latest, lastmod)
                urls.append(
                    {"item": item, "location": url, "lastmod": lastmod, "alternates": alternates}
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

    def path(self, item):
        return reverse(item)


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
