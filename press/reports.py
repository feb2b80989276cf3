"""The coverage report of a trip (issue 19): how many articles, in how many languages,
from how many outlets ("Coverage of this trip: 48 articles in 4 languages from 21
outlets"), and the articles by outlet, by language, by day and by event.

* `public_report()`: the trip's public coverage only, through `Coverage.objects.published()`,
  for its page (``{% trip_coverage_report %}``, press/templatetags/coverage_report.py).
* `staff_report()`: the same figures, plus what only staff see beside each of them: drafts,
  imported items waiting for review, scheduled and withdrawn items, link states and
  archived copies (the admin's report, `press.admin.reports`).
* `trip_articles()`: a trip's items one by one, for the CSV export and the printable page.

Counted in the database (``values()`` with ``Count``), so the queries do not grow with the
articles: the public report takes 2 queries (3 when the caller does not hand over the
trip's engagements), the staff report 2 more than the public one, `trip_articles()` 2.

Builds on the models (and `press.linkcheck.check`'s link conditions); views, the admin and
templates build on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from visits.models import Engagement
from visits.publishing import APPROVED, Status, public_q
from visits.text import localized

from .linkcheck.check import never_checked_q, status_q
from .models import Clipping, Coverage, LinkStatus, Outlet

#: The days a report shows one by one, from the trip's first; articles after them are
#: counted together as "later" (a trip's coverage comes within weeks; a stray article a
#: year on should not draw 365 bars).
MAX_DAYS = 60

#: The buckets of the by-day breakdown besides single days.
BEFORE, LATER, UNDATED = "before", "later", "undated"

#: The outlet columns read with the counts, so outlets cost no query of their own.
OUTLET_COLUMNS = ("slug", *localized("name"))

#: What the counts are grouped by: an article has one of each, so no article is counted
#: twice and every breakdown but the events' is a sum over these groups.
GROUPS = ("outlet", *(f"outlet__{column}" for column in OUTLET_COLUMNS), "language", "published_on")


@dataclass(frozen=True)
class StaffCounts:
    """What only staff see of a group of a trip's items (all of them, public or not)."""

    #: Drafts and items in review.
    drafts: int = 0
    #: Of those, the ones imported from a clipping and not yet reviewed.
    waiting: int = 0
    #: Approved but not out yet (scheduled, or under embargo).
    scheduled: int = 0
    withdrawn: int = 0
    #: Links, at the item's present address.
    gone: int = 0
    suspect: int = 0
    never_checked: int = 0
    #: Archived copies of the articles (WARC records, PDFs, screenshots).
    archived: int = 0

    def __add__(self, other: StaffCounts) -> StaffCounts:
        return StaffCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


NO_STAFF_COUNTS = StaffCounts()


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: what it is about and how many public articles it has.

    ``key`` is an `Outlet` (by outlet), a language code (by language), a date or a bucket
    (by day: `DayRow`), an `Engagement` or None for articles about no one event (by event).
    ``staff`` is only filled in by `staff_report()`.
    """

    key: object
    count: int = 0
    staff: StaffCounts | None = None


@dataclass(frozen=True)
class DayRow(Row):
    #: "" for a single day (``key`` is its date), else `BEFORE`, `LATER` or `UNDATED`.
    bucket: str = ""
    #: Whether the day is one of the trip's own.
    in_trip: bool = False

    @property
    def day(self) -> dt.date | None:
        return None if self.bucket else self.key

    @property
    def label(self) -> str:
        """The day or the bucket, in the active language."""
        if self.bucket == BEFORE:
            return gettext("Before the trip")
        if self.bucket == LATER:
            return gettext("Later")
        if self.bucket == UNDATED:
            return gettext("No date")
        return date_format(self.key, "DATE_FORMAT")


@dataclass
class CoverageReport:
    trip: object
    #: Public articles, their languages and their outlets.
    total: int = 0
    languages: int = 0
    outlets: int = 0
    by_outlet: list[Row] = field(default_factory=list)
    by_language: list[Row] = field(default_factory=list)
    by_day: list[DayRow] = field(default_factory=list)
    by_event: list[Row] = field(default_factory=list)
    #: The trip's totals of what only staff see (`staff_report()` only).
    staff: StaffCounts | None = None

    @property
    def sentence(self) -> str:
        """ "Coverage of this trip: 48 articles in 4 languages from 21 outlets."."""
        return gettext("Coverage of this trip: %(articles)s in %(languages)s from %(outlets)s.") % {
            "articles": articles_text(self.total),
            "languages": ngettext("%(count)d language", "%(count)d languages", self.languages)
            % {"count": self.languages},
            "outlets": ngettext("%(count)d outlet", "%(count)d outlets", self.outlets)
            % {"count": self.outlets},
        }

    @property
    def peak(self) -> int:
        """The most articles on one line of the by-day breakdown."""
        return max((row.count for row in self.by_day), default=0)

    @property
    def days_described(self) -> str:
        """The by-day breakdown in a sentence, for those who cannot see its chart."""
        days = [row for row in self.by_day if not row.bucket]
        if not days or not self.peak:
            return ""
        busiest = next(row for row in self.by_day if row.count == self.peak)
        return gettext(
            "From %(first)s to %(last)s: the most articles on %(busiest)s (%(articles)s)."
        ) % {
            "first": days[0].label,
            "last": days[-1].label,
            "busiest": busiest.label,
            "articles": articles_text(self.peak),
        }


def articles_text(count: int) -> str:
    return ngettext("%(count)d article", "%(count)d articles", count) % {"count": count}


# --- the public report ------------------------------------------------------------------


def public_report(*, trip, engagements=None) -> CoverageReport:
    """The report of ``trip``'s public coverage (2 queries). ``engagements``: the trip's,
    if the caller has them already (its page does); else a third query reads them."""
    return build(trip, *public_counts(trip), engagements)


def public_counts(trip) -> tuple[list[dict], dict]:
    """The trip's public articles counted by outlet, language and day (with the outlet's
    names), and by engagement (id, or None for none: engagement id → count)."""
    public = Coverage.objects.published().filter(visit=trip).order_by()
    groups = list(public.values(*GROUPS).annotate(count=Count("pk")))
    events = dict(public.values_list("engagements").annotate(count=Count("pk")))
    return groups, events


def build(trip, groups, events, engagements, staff_groups=None, staff_events=None):
    """A report from the queries' rows: ``groups`` (`GROUPS` with a count) and ``events``;
    ``staff_groups`` and ``staff_events`` the same with `StaffCounts` for a staff report."""
    staff = staff_groups is not None
    staff_groups = staff_groups or []
    outlets = {row["outlet"]: outlet_of(row) for row in [*groups, *staff_groups]}
    by_outlet = breakdown(groups, staff_groups, "outlet", staff)
    return CoverageReport(
        trip=trip,
        total=sum(row["count"] for row in groups),
        languages=len({row["language"] for row in groups}),
        outlets=len({row["outlet"] for row in groups}),
        by_outlet=sorted(
            (Row(outlets[row.key], row.count, row.staff) for row in by_outlet),
            key=lambda row: (-row.count, row.key is None, str(row.key or "").casefold()),
        ),
        by_language=breakdown(groups, staff_groups, "language", staff),
        by_day=days(trip, groups, staff_groups, staff),
        by_event=by_event(trip, events, staff_events if staff else None, engagements),
        staff=sum((counts_of(row) for row in staff_groups), NO_STAFF_COUNTS) if staff else None,
    )


def outlet_of(row) -> Outlet | None:
    """The outlet of a row of counts, from the columns read with them (None: a draft's,
    with no outlet yet)."""
    if row["outlet"] is None:
        return None
    columns = {column: row[f"outlet__{column}"] for column in OUTLET_COLUMNS}
    return Outlet(pk=row["outlet"], **columns)


def breakdown(groups, staff_groups, key: str, staff: bool) -> list[Row]:
    """Rows summed by ``key``, the most articles first; in a staff report also the keys
    that only items the public does not see have."""
    public = tally(groups, key)
    hidden = staff_tally(staff_groups, key)
    keys = sorted({*public, *hidden}, key=lambda k: (-public.get(k, 0), k is None, str(k)))
    return [
        Row(k, public.get(k, 0), hidden.get(k, NO_STAFF_COUNTS) if staff else None) for k in keys
    ]


def tally(groups, key) -> dict:
    result = {}
    for row in groups:
        place = key(row) if callable(key) else row[key]
        result[place] = result.get(place, 0) + row["count"]
    return result


def staff_tally(groups, key) -> dict:
    result = {}
    for row in groups:
        place = key(row) if callable(key) else row[key]
        result[place] = result.get(place, NO_STAFF_COUNTS) + counts_of(row)
    return result


def days(trip, groups, staff_groups, staff: bool) -> list[DayRow]:
    """Every day from the trip's first to the last article's (at most `MAX_DAYS`), zeros
    included; then the articles before the trip, after those days, or (a draft's) with
    no date, each in a bucket of its own shown only when it has any."""
    dated = [row["published_on"] for row in [*groups, *staff_groups] if row["published_on"]]
    first = trip.start_date
    last = min(max(dated, default=first), first + dt.timedelta(days=MAX_DAYS - 1))

    def place(row):
        day = row["published_on"]
        if day is None:
            return UNDATED
        if day < first:
            return BEFORE
        return LATER if day > last else day

    public = tally(groups, place)
    hidden = staff_tally(staff_groups, place)

    def row_of(key, bucket=""):
        counts = hidden.get(key, NO_STAFF_COUNTS) if staff else None
        in_trip = not bucket and trip.start_date <= key <= trip.end_date
        return DayRow(key, public.get(key, 0), counts, bucket=bucket, in_trip=in_trip)

    span = (last - first).days + 1 if any(day >= first for day in dated) else 0
    rows = [row_of(first + dt.timedelta(days=n)) for n in range(span)]
    before = [row_of(BEFORE, BEFORE)] if BEFORE in public or BEFORE in hidden else []
    after = [row_of(b, b) for b in (LATER, UNDATED) if b in public or b in hidden]
    return [*before, *rows, *after]


def by_event(trip, events, staff_events, engagements) -> list[Row]:
    """The trip's engagements in itinerary order (those no article covers too), then the
    articles about no one event, if any."""
    if engagements is None:
        engagements = Engagement.objects.filter(visit=trip).select_related("leg")
    staff = staff_events is not None
    staff_events = staff_events or {}

    def row_of(key):
        return Row(
            key,
            events.get(key and key.pk, 0),
            staff_events.get(key and key.pk, NO_STAFF_COUNTS) if staff else None,
        )

    rows = [row_of(engagement) for engagement in sorted(engagements, key=itinerary_order)]
    if events.get(None) or None in staff_events:
        rows.append(row_of(None))
    return rows


def itinerary_order(engagement):
    """Legs in their order, then each leg's days and times (as the trip's page lists them)."""
    return (
        engagement.leg.order,
        engagement.date,
        engagement.start_time is not None,
        engagement.start_time or dt.time.min,
        engagement.pk,
    )


# --- the staff report ---------------------------------------------------------------------


def staff_counts() -> dict:
    """The aggregates of `StaffCounts`, over a trip's items joined to their archived
    copies and events (hence distinct)."""
    unreviewed = Q(status__in=(Status.DRAFT, Status.IN_REVIEW))
    imported = Q(Exists(Clipping.objects.filter(coverage=OuterRef("pk"))))

    def items(condition):
        return Count("pk", filter=condition, distinct=True)

    return {
        "drafts": items(unreviewed),
        "waiting": items(unreviewed & imported),
        "scheduled": items(Q(status__in=APPROVED) & ~public_q()),
        "withdrawn": items(Q(status=Status.WITHDRAWN)),
        "gone": items(status_q(LinkStatus.GONE)),
        "suspect": items(status_q(LinkStatus.SUSPECT)),
        "never_checked": items(never_checked_q()),
        "archived": Count("archived_copies", distinct=True),
    }


def counts_of(row) -> StaffCounts:
    return StaffCounts(**{f.name: row[f.name] for f in fields(StaffCounts)})


def staff_report(*, trip, engagements=None) -> CoverageReport:
    """`public_report()`'s figures (the same queries), each with the staff counts of all
    the trip's items beside it (2 queries more)."""
    groups, events = public_counts(trip)
    every = Coverage.objects.filter(visit=trip).order_by()
    staff_groups = list(every.values(*GROUPS).annotate(**staff_counts()))
    staff_events = {
        row["engagements"]: counts_of(row)
        for row in every.values("engagements").annotate(**staff_counts())
    }
    return build(trip, groups, events, engagements, staff_groups, staff_events)


# --- the articles ---------------------------------------------------------------------------


def trip_articles(*, trip, public_only: bool = False):
    """``trip``'s items, oldest first (undated drafts last), with their outlet, link
    state and events (2 queries); only the public ones with ``public_only``."""
    items = Coverage.objects.published() if public_only else Coverage.objects.all()
    return (
        items.filter(visit=trip)
        .select_related("outlet", "link_state")
        .prefetch_related(
            Prefetch("engagements", queryset=Engagement.objects.select_related("leg"))
        )
        .order_by(
            F("published_on").asc(nulls_last=True),
            F("published_time").asc(nulls_first=True),
            "pk",
        )
    )
