"""The coverage report of a trip in the admin (issue 19): `press.reports.staff_report()` on a
page of its own, the same as a printable page without the admin's chrome (with the staff
figures, or the public ones only, to hand out), and a CSV export with one row per article.

Reached from the trip's change page (templates/admin/visits/visit/change_form.html) and
from the coverage list ("Coverage reports": the trips, each with its counts). Who: staff
with ``press.view_coverage``, as for link states and archived copies, which the staff
figures count. `CoverageAdmin.get_urls()` adds `report_urls()`.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from visits.models import Visit
from visits.publishing import Status
from visits.templatetags.newsroom import language_name
from visits.text import translated_field

from ..linkcheck.admin import current_state
from ..models import Coverage
from ..reports import public_report, staff_report, trip_articles

PERMISSION = "press.view_coverage"
#: Trips on a page of the reports' index.
TRIPS_PER_PAGE = 50
#: Characters that make a spreadsheet read a cell as a formula: such a cell gets a quote
#: first, so a headline cannot run in the office's spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def report_urls(model_admin) -> list:
    """The reports' routes, for ``CoverageAdmin.get_urls()`` (before its own):
    ``admin:press_coverage_reports`` (the index; ``?trip=<id>`` leads to that trip's),
    ``admin:press_coverage_report``, ``…_report_print`` and ``…_report_csv`` (by trip id)."""
    views = ReportViews(model_admin)
    wrap = model_admin.admin_site.admin_view
    return [
        path("reports/", wrap(views.index), name="press_coverage_reports"),
        path("reports/<int:trip_id>/", wrap(views.report), name="press_coverage_report"),
        path(
            "reports/<int:trip_id>/print/",
            wrap(views.printable),
            name="press_coverage_report_print",
        ),
        path("reports/<int:trip_id>/csv/", wrap(views.csv), name="press_coverage_report_csv"),
    ]


class ReportViews:
    def __init__(self, model_admin):
        self.model_admin = model_admin

    def context(self, request, **context) -> dict:
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": Coverage._meta,
            **context,
        }

    def index(self, request):
        """The trips, newest first, each with its public and its other items."""
        allowed(request)
        if (trip := as_id(request.GET.get("trip"))) and Visit.objects.filter(pk=trip).exists():
            return redirect("admin:press_coverage_report", trip_id=trip)
        page = Paginator(Visit.objects.order_by("-start_date", "pk"), TRIPS_PER_PAGE).get_page(
            request.GET.get("p")
        )
        trips = list(page.object_list)
        coverage = Coverage.objects.filter(visit__in=trips).order_by()
        public = dict(coverage.published().values_list("visit").annotate(Count("pk")))
        every = dict(coverage.values_list("visit").annotate(Count("pk")))
        rows = [(trip, public.get(trip.pk, 0), every.get(trip.pk, 0)) for trip in trips]
        return TemplateResponse(
            request,
            "admin/press/coverage/report_index.html",
            self.context(request, title=gettext("Coverage reports"), rows=rows, page=page),
        )

    def report(self, request, trip_id):
        allowed(request)
        trip = get_object_or_404(Visit, pk=trip_id)
        report = staff_report(trip=trip)
        return TemplateResponse(
            request,
            "admin/press/coverage/report.html",
            self.context(
                request,
                title=gettext("Coverage report: %(trip)s") % {"trip": trip},
                trip=trip,
                report=report,
                **report_links(trip),
            ),
        )

    def printable(self, request, trip_id):
        """The report for paper: no admin chrome, a print stylesheet, and the articles.
        ``?public=1``: the public figures and articles only, to hand out."""
        allowed(request)
        trip = get_object_or_404(Visit.objects.select_related("official"), pk=trip_id)
        public_only = request.GET.get("public") == "1"
        report = public_report(trip=trip) if public_only else staff_report(trip=trip)
        articles = [
            (item, status_label(item), link_label(item))
            for item in trip_articles(trip=trip, public_only=public_only)
        ]
        return TemplateResponse(
            request,
            "admin/press/coverage/report_print.html",
            {
                "title": gettext("Coverage report: %(trip)s") % {"trip": trip},
                "trip": trip,
                "report": report,
                "articles": articles,
                "public_only": public_only,
                "back_url": reverse("admin:press_coverage_report", args=[trip.pk]),
            },
        )

    def csv(self, request, trip_id):
        """Every item of the trip, one row each, oldest first, as a spreadsheet opens it:
        UTF-8 with a byte-order mark (Excel then reads Korean, Chinese and Japanese right)."""
        allowed(request)
        trip = get_object_or_404(Visit, pk=trip_id)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="coverage-{trip.slug}.csv"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(csv_header())
        for item in trip_articles(trip=trip):
            writer.writerow([spreadsheet_safe(value) for value in csv_row(item)])
        return response


def allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def as_id(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


def report_links(trip) -> dict:
    """The report page's links, as (address, label): its exports (``tools``) and the pages
    about the trip (``links``)."""
    printable = reverse("admin:press_coverage_report_print", args=[trip.pk])
    items = f"{reverse('admin:press_coverage_changelist')}?visit__id__exact={trip.pk}"
    tools = [
        (reverse("admin:press_coverage_report_csv", args=[trip.pk]), gettext("CSV export")),
        (printable, gettext("Printable report")),
        (f"{printable}?public=1", gettext("Printable report, public figures only")),
    ]
    links = [
        (items, gettext("The trip's coverage items")),
        (reverse("admin:visits_visit_change", args=[trip.pk]), gettext("The trip")),
    ]
    if trip.is_public:
        links.append((trip.get_absolute_url(), gettext("The trip's public page")))
    return {"tools": tools, "links": links}


def status_label(item) -> str:
    """The item's status as the public sees it: "published" with a time still to come is
    scheduled (an embargo), as the report's figures count it."""
    if item.status == Status.PUBLISHED and not item.is_public:
        return str(Status.SCHEDULED.label)
    return item.get_status_display()


def link_label(item) -> str:
    """The state of the item's link, as the coverage list names it ("" with no address)."""
    if not item.url:
        return ""
    state = current_state(item)
    return gettext("never checked") if state is None else state.get_status_display()


def csv_header() -> list[str]:
    return [
        gettext("Date"),
        gettext("Time (KST)"),
        gettext("Outlet"),
        gettext("Language"),
        gettext("Headline"),
        gettext("Byline"),
        gettext("Address (URL)"),
        gettext("Status"),
        gettext("Link status"),
        gettext("Events"),
    ]


def csv_row(item) -> list[str]:
    return [
        item.published_on.isoformat() if item.published_on else "",
        item.published_time.strftime("%H:%M") if item.published_time else "",
        translated_field(item.outlet, "name").text,
        language_name(item.language),
        item.headline,
        item.byline,
        item.url,
        status_label(item),
        link_label(item),
        "; ".join(translated_field(event, "title").text for event in item.engagements.all()),
    ]


def spreadsheet_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
