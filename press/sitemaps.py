"""The sitemap index, its sections and robots.txt.

``/sitemap.xml`` is always an index: one entry per page of each section, with the
section's latest change, built from one aggregate query per section whatever the size of
the newsroom. Sections are paged (``/sitemap-releases.xml?p=2``).
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from visits.sitemaps import (
    EventSitemap,
    NewsroomSitemap,
    OrganizationSitemap,
    PersonSitemap,
    PlaceSitemap,
    StaticSitemap,
    VisitSitemap,
)
from visits.text import LANGUAGE_CODES

from .models import (
    Coverage,
    Photo,
    PressRelease,
    Topic,
    language_time_field,
    ready_field,
    visibility,
)


class ReleaseSitemap(NewsroomSitemap):
    """Public releases, each in the languages it is out in (as its feeds carry it): a
    translation that goes out later joins the sitemap at its own time, dated then."""

    model = PressRelease
    lastmod_fields = ("updated_at", "published_at")
    fields = (
        "withdrawn_at",
        *(field(code) for code in LANGUAGE_CODES for field in (ready_field, language_time_field)),
    )

    def languages(self, item):
        """The languages out now (`visibility.public_languages`, as the release's page)."""
        return visibility.public_languages(item, timezone.now())

    def language_lastmod(self, item, code):
        return max(self.lastmod(item), visibility.out_at(item, code))

    def language_lastmods(self, item, codes) -> dict:
        changed = self.lastmod(item)
        return {code: max(changed, visibility.out_at(item, code)) for code in codes}

    def lastmod_expression(self):
        """The later of the last edit and when the release last went out in a language
        (`visibility.last_out`: a time still ahead is neither shown nor counted)."""
        return Greatest(super().lastmod_expression(), visibility.last_out_expression())


class CoverageSitemap(NewsroomSitemap):
    model = Coverage
    lastmod_fields = ("updated_at", "published_at")
    url_field = "pk"


class PhotoSitemap(NewsroomSitemap):
    model = Photo
    lastmod_fields = ("uploaded_at",)
    url_field = "pk"


class TopicSitemap(NewsroomSitemap):
    model = Topic


class PagesSitemap(StaticSitemap):
    def __init__(self):
        super().__init__(
            [
                "press:home",
                "press:release_list",
                "visits:visit_list",
                "press:coverage_list",
                "press:feeds",
            ]
        )


#: Section name → sitemap class (a class, so that each request gets fresh instances).
SITEMAPS = {
    "pages": PagesSitemap,
    "releases": ReleaseSitemap,
    "trips": VisitSitemap,
    "events": EventSitemap,
    "coverage": CoverageSitemap,
    "photos": PhotoSitemap,
    "topics": TopicSitemap,
    "places": PlaceSitemap,
    "people": PersonSitemap,
    "organisations": OrganizationSitemap,
}


@require_safe
@x_robots_tag
def index(request):
    """Every page of every section, with its latest change (Django's index view asks
    each section for a count and then loads all its items for the latest change; this
    asks the database for both at once)."""
    entries = []
    latest_overall = None
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        count, latest = sitemap.summary()
        url = request.build_absolute_uri(reverse("sitemap_section", args=[section]))
        pages = max(1, -(-count // sitemap.limit))
        entries += [
            SitemapIndexItem(url if page == 1 else f"{url}?p={page}", latest)
            for page in range(1, pages + 1)
        ]
        if latest is not None:
            latest_overall = latest if latest_overall is None else max(latest_overall, latest)
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    if latest_overall is not None:
        response.headers["Last-Modified"] = http_date(latest_overall.timestamp())
    return response


@require_safe
def robots_txt(request):
    """Everything public may be crawled but result pages of searches (endless, and made
    of pages crawled anyway); the sitemap says where it all is."""
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('visits:search')}")
    lines = [
        "User-agent: *",
        "Disallow: /i18n/",
        *searches,
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
