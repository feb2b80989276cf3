"""The press office's lists on the newsroom dashboard (`visits.adminkit.dashboard`):
releases going out next (the release's time and each language's own later time),
releases and coverage in review, releases waiting for a translation, drafts, and
coverage that needs attention (imported from clippings and not yet approved, links the
checker found gone). Registered when the admin is imported (`press.admin`); the
releases' "going out next" filter is here too, for their changelist.
"""

from datetime import UTC, datetime

from django.contrib import admin
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.adminkit import dashboard
from visits.adminkit.worklists import LANGUAGE_NAMES
from visits.publishing import APPROVED, Status
from visits.text import LANGUAGE_CODES

from ..linkcheck.check import status_q
from ..models import Clipping, Coverage, LinkStatus, PressRelease, language_time_field, ready_field

GOING_OUT = "next"
#: Later than any real moment: what a time that is not ahead counts as when sorting.
NEVER = datetime(9999, 1, 1, tzinfo=UTC)


def translates_releases(user) -> bool:
    """A translator: marks languages ready, but writes no release of their own."""
    return user.has_perm("press.translate_pressrelease") and not user.has_perm(
        "press.add_pressrelease"
    )


# --- going out next -----------------------------------------------------------------


def going_out_q(now) -> Q:
    """Releases that go out, or go out in one more language, after ``now``: scheduled
    ahead, or approved with a ready language whose own time is ahead."""
    condition = Q(status=Status.SCHEDULED, published_at__gt=now)
    for code in LANGUAGE_CODES:
        condition |= Q(
            status__in=APPROVED,
            **{ready_field(code): True, f"{language_time_field(code)}__gt": now},
        )
    return condition


def next_moment(now):
    """The release's next moment: the nearest of its time and its languages' own that
    lie ahead."""

    def ahead(name, condition):
        return Case(
            When(condition & Q(**{f"{name}__gt": now}), then=F(name)),
            default=Value(NEVER),
            output_field=DateTimeField(),
        )

    moments = [ahead("published_at", Q(status=Status.SCHEDULED))]
    moments += [
        ahead(language_time_field(code), Q(**{ready_field(code): True})) for code in LANGUAGE_CODES
    ]
    return Least(*moments, output_field=DateTimeField())


class GoingOutFilter(admin.SimpleListFilter):
    title = _("going out")
    parameter_name = "going_out"

    def lookups(self, request, model_admin):
        return [(GOING_OUT, _("next: scheduled, or a language's own time ahead"))]

    def queryset(self, request, queryset):
        if self.value() != GOING_OUT:
            return queryset
        now = timezone.now()
        return (
            queryset.filter(going_out_q(now))
            .annotate(next_at=next_moment(now))
            .order_by("next_at", "pk")
        )


def releases_going_out(request, now):
    return (
        PressRelease.objects.filter(going_out_q(now))
        .select_related("visit")
        .annotate(next_at=next_moment(now))
        .order_by("next_at", "pk")
    )


def describe_going_out(release, now):
    times = []
    release_time = release.published_at
    if release.status == Status.SCHEDULED and release_time and release_time > now:
        times.append((gettext("The release"), release_time))
    later = max(now, release_time) if release_time else now
    not_ready = []
    for code in LANGUAGE_CODES:
        own = getattr(release, language_time_field(code))
        if not getattr(release, ready_field(code)):
            not_ready.append(str(LANGUAGE_NAMES[code]))
        elif own is not None and own > later:
            times.append((str(LANGUAGE_NAMES[code]), own))
    details = [str(release.visit)] if release.visit_id else []
    if not_ready:
        details.append(gettext("not ready: %(languages)s") % {"languages": ", ".join(not_ready)})
    return dashboard.Row(str(release), details=details, times=times)


# --- coverage that needs attention ---------------------------------------------------


def outlet_of(coverage) -> list[str]:
    return [str(coverage.outlet)] if coverage.outlet_id else [gettext("needs an outlet")]


def imported_drafts(request, now):
    clipped = Clipping.objects.filter(coverage=OuterRef("pk"))
    return (
        Coverage.objects.filter(Exists(clipped), status__in=(Status.DRAFT, Status.IN_REVIEW))
        .select_related("outlet", "owner")
        .order_by("-created_at", "-pk")
    )


def describe_imported(coverage, now):
    return dashboard.Row(
        str(coverage),
        details=[*outlet_of(coverage), coverage.get_status_display()],
        since=coverage.created_at,
    )


def links_gone(request, now):
    return (
        Coverage.objects.filter(status_q(LinkStatus.GONE))
        .exclude(status=Status.WITHDRAWN)
        .select_related("outlet", "link_state")
        .order_by("-link_state__changed_at", "-pk")
    )


def describe_gone(coverage, now):
    state = coverage.link_state
    details = outlet_of(coverage)
    if state.reason_text:
        details.append(state.reason_text)
    return dashboard.Row(
        str(coverage), details=details, times=[(gettext("found gone"), state.changed_at)]
    )


def release_details(release) -> list[str]:
    return [str(release.visit)] if release.visit_id else []


dashboard.register(
    dashboard.Part(
        "next",
        PressRelease._meta.verbose_name_plural,
        PressRelease,
        releases_going_out,
        describe_going_out,
        see_all={"going_out": GOING_OUT},
    )
)
dashboard.register(
    dashboard.review_part(PressRelease, details=release_details, related=("visit",), order=0)
)
dashboard.register(
    dashboard.review_part(Coverage, details=outlet_of, related=("outlet",), order=10)
)
dashboard.register(
    dashboard.drafts_part(PressRelease, details=release_details, related=("visit",), order=0)
)
dashboard.register(
    dashboard.drafts_part(Coverage, details=outlet_of, related=("outlet",), order=10)
)
dashboard.register(
    dashboard.Part(
        "coverage",
        _("Imported from clippings, not yet approved"),
        Coverage,
        imported_drafts,
        describe_imported,
        see_all={"needs": "imported"},
    )
)
dashboard.register(
    dashboard.Part(
        "coverage",
        _("Links found gone"),
        Coverage,
        links_gone,
        describe_gone,
        see_all={"link": LinkStatus.GONE},
        order=10,
    )
)
dashboard.register_per_language(
    "translation",
    lambda code: dashboard.translation_part(
        PressRelease,
        code,
        ("title", "body"),
        ready_flags=True,
        details=release_details,
        related=("visit",),
        first_for=translates_releases,
    ),
)
