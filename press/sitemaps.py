"""The sitemap index, its sections and robots.txt.

``/sitemap.xml`` is always an index: one entry per page of each section, with the
section's latest change, built from one aggregate query per section whatever the size of
the newsroom. Sections are paged (``/sitemap-releases.xml?p=2``).
"""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from visits.sitemaps import (
    NewsroomSitemap,
    OrganizationSitemap,
    PersonSitemap,
    PlaceSitemap,
    StaticSitemap,
    VisitSitemap,
)

from .models import Coverage, Photo, PressRelease, Topic


class ReleaseSitemap(NewsroomSitemap):
    model = PressRelease
    lastmod_fields = ("updated_at", "published_at")

    def items(self):
        return super().items().only("slug", "updated_at", "published_at")


class CoverageSitemap(NewsroomSitemap):
    model = Coverage
    lastmod_fields = ("updated_at", "published_at")

    def items(self):
        return super().items().only("updated_at", "published_at")


class PhotoSitemap(NewsroomSitemap):
    model = Photo
    lastmod_fields = ("uploaded_at",)

    def items(self):
        return super().items().only("uploaded_at")


class TopicSitemap(NewsroomSitemap):
    model = Topic

    def items(self):
        return super().items().only("slug")


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
    """Everything public may be crawled; the sitemap says where it all is."""
    lines = [
        "User-agent: *",
        "Disallow: /i18n/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
