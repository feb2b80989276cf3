"""A trip's coverage report on a page (`press.reports`):

* ``{% trip_coverage_report trip engagements as report %}``: the public report (2 queries;
  ``engagements``, the trip's, are optional and save a third);
* ``{% coverage_chart report %}``: its articles by day as an inline SVG bar chart, a
  figure with a text description and the figures as a table (no JavaScript; styled by
  classes, since the Content-Security-Policy forbids style attributes).

Loaded by the trip's page (templates/visits/visit_detail.html: `visits` reaches press only
through templates) and by the admin's report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django import template
from django.utils.formats import date_format
from django.utils.translation import pgettext

from press.reports import BEFORE, LATER, UNDATED, CoverageReport, DayRow, public_report

register = template.Library()


@register.simple_tag
def trip_coverage_report(trip, engagements=None) -> CoverageReport:
    return public_report(trip=trip, engagements=engagements)


#: The chart's drawing units (its viewBox; CSS scales it to the page's width).
WIDTH, HEIGHT = 640, 200
TOP, BOTTOM, SIDE = 18, 36, 4
#: Days with a label under their bar: about this many, evenly spread.
LABELS = 16
#: Above this many bars, their values are left to the table.
VALUES_UP_TO = 31


def units(value: float) -> str:
    """A coordinate as SVG wants it, whatever the active language's number format."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Bar:
    row: DayRow
    x: str
    y: str
    width: str
    height: str
    middle: str
    #: Where its value is written (above the bar), "" for none.
    value_y: str
    #: The day of the month, or the bucket's name; and the month under it, where it changes.
    label: str
    month: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: str
    bars: list[Bar]
    label_y: str
    month_y: str


def chart_of(report: CoverageReport) -> Chart:
    rows = report.by_day
    slot = (WIDTH - 2 * SIDE) / max(len(rows), 1)
    plot = HEIGHT - TOP - BOTTOM
    peak = report.peak or 1
    every = max(math.ceil(len(rows) / LABELS), 1)
    bars, month = [], None
    for index, row in enumerate(rows):
        height = row.count / peak * plot
        if row.count:
            height = max(height, 1.5)  # one article still shows
        x = SIDE + index * slot
        labelled = index % every == 0 or row.bucket
        this_month = date_format(row.day, "M") if row.day else None
        bars.append(
            Bar(
                row=row,
                x=units(x + slot * 0.15),
                y=units(TOP + plot - height),
                width=units(slot * 0.7),
                height=units(height),
                middle=units(x + slot / 2),
                value_y=units(TOP + plot - height - 4)
                if row.count and len(rows) <= VALUES_UP_TO
                else "",
                label=(str(row.day.day) if row.day else short_label(row)) if labelled else "",
                month=this_month if labelled and this_month and this_month != month else "",
            )
        )
        if labelled and this_month:
            month = this_month
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        baseline=units(TOP + plot),
        bars=bars,
        label_y=units(TOP + plot + 14),
        month_y=units(TOP + plot + 28),
    )


def short_label(row: DayRow) -> str:
    """A bucket's name under its bar (the table gives it whole)."""
    return {
        BEFORE: pgettext("coverage chart", "before"),
        LATER: pgettext("coverage chart", "later"),
        UNDATED: pgettext("coverage chart", "no date"),
    }[row.bucket]


@register.inclusion_tag("includes/coverage_chart.html")
def coverage_chart(report: CoverageReport, id_prefix: str = "coverage-days", table: bool = True):
    """The by-day chart of ``report``, its elements' ids starting with ``id_prefix``; with
    ``table``, the figures as a table too."""
    return {"report": report, "chart": chart_of(report), "id": id_prefix, "table": table}
