"""The sitemap index, its sections and robots.txt.

``/sitemap.xml`` is always an index: one entry per page of each section, with the
section's latest change, built from one aggregate query per section whatever the size of
the newsroom. Sections are paged (``/sitemap-releases.xml?p=2``).
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Case, DateTimeField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from visits.publishing import public_q
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
    ReleasePhoto,
    Topic,
    language_time_field,
    latest_note_time,
    ready_field,
    visibility,
)


def latest(*times):
    """The latest of ``times`` that are known (None when none is)."""
    return max((time for time in times if time is not None), default=None)


def newest(queryset, field: str):
    """An expression: the newest ``field`` of ``queryset`` (filtered on ``OuterRef``)."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


class ReleaseSitemap(NewsroomSitemap):
    """Public releases, each in the languages it is out in (as its feeds carry it): a
    translation that goes out later joins the sitemap at its own time, dated then.

    A release's last change is its last public one: when it went out (in the entry's
    language), or its latest change note if later (`press.models.notes`). A plain edit
    (a typo, a re-save, the demo's loading) is not a change its readers were told of, so
    the row's own modification time is not read."""

    model = PressRelease
    lastmod_fields = ("published_at", "noted_at")
    fields = (
        "withdrawn_at",
        *(field(code) for code in LANGUAGE_CODES for field in (ready_field, language_time_field)),
    )

    def items(self):
        return super().items().annotate(noted_at=latest_note_time())

    def lastmod(self, item):
        return latest(item.published_at, item.noted_at)

    def languages(self, item):
        """The languages out now (`visibility.public_languages`, as the release's page)."""
        return visibility.public_languages(item, timezone.now())

    def language_lastmod(self, item, code):
        return latest(self.lastmod(item), visibility.out_at(item, code))

    def language_lastmods(self, item, codes) -> dict:
        changed = self.lastmod(item)
        return {code: latest(changed, visibility.out_at(item, code)) for code in codes}

    def lastmod_expression(self):
        """The later of the latest change note and when the release last went out in a
        language (`visibility.last_out`: a time still ahead is neither shown nor counted)."""
        noted = Coalesce(F("noted_at"), F("published_at"))
        return Greatest(noted, visibility.last_out_expression())


class TripSitemap(VisitSitemap):
    """Public trips, each dated by the last time its page gained public content: its own
    publication, or the publication of its newest public release or coverage item. Its
    row's modification time (an edit, the demo's loading) is not read, as a release's is
    not."""

    lastmod_fields = ("published_at", "release_at", "coverage_at")

    def items(self):
        trip = OuterRef("pk")
        return (
            super()
            .items()
            .annotate(
                release_at=newest(
                    PressRelease.objects.published().filter(visit=trip), "published_at"
                ),
                coverage_at=newest(Coverage.objects.published().filter(visit=trip), "published_at"),
            )
        )

    def lastmod(self, item):
        return latest(*(getattr(item, field) for field in self.lastmod_fields))

    def lastmod_expression(self):
        own = F("published_at")
        return Greatest(own, Coalesce("release_at", own), Coalesce("coverage_at", own))


class CoverageSitemap(NewsroomSitemap):
    """Coverage items, dated by when each went public in the newsroom (not by an edit)."""

    model = Coverage
    lastmod_fields = ("published_at",)
    url_field = "pk"


class PhotoSitemap(NewsroomSitemap):
    """Photos, dated by when each went public: with its trip, unless held back, or with
    the first public release that shows it. Not by its upload, which for a trip's photos
    loaded or uploaded in bulk says nothing of when readers could see them."""

    model = Photo
    lastmod_fields = ("went_public_at",)
    url_field = "pk"

    def items(self):
        first_release = (
            ReleasePhoto.objects.filter(
                photo=OuterRef("pk"), release__in=PressRelease.objects.published()
            )
            .order_by("release__published_at")
            .values("release__published_at")[:1]
        )
        with_trip = Case(
            When(Q(held_back=False) & public_q("visit__"), then=F("visit__published_at")),
            default=Value(None),
            output_field=DateTimeField(),
        )
        return super().items().annotate(went_public_at=Coalesce(with_trip, Subquery(first_release)))


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
                "press:photo_list",
                "press:topic_list",
                "visits:person_list",
                "visits:place_list",
                "press:feeds",
                "press:contacts",
            ]
        )


#: Section name → sitemap class (a class, so that each request gets fresh instances).
SITEMAPS = {
    "pages": PagesSitemap,
    "releases": ReleaseSitemap,
    "trips": TripSitemap,
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
