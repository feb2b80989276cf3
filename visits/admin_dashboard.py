"""The trips' lists on the newsroom dashboard (`visits.adminkit.dashboard`): trips in
review, waiting for a translation, drafts, and trips under way or coming up. Registered
when the admin is imported (`visits.admin`)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .adminkit import dashboard
from .models import Visit
from .publishing import Status
from .timezone import newsroom_zone

#: The key fields of a trip that a translation fills (as the trips' admin checks them).
TRANSLATED = ("title", "summary")
AHEAD = "ahead"


def translates_trips(user) -> bool:
    """A translator of trips: may change them but not add them."""
    return user.has_perm("visits.change_visit") and not user.has_perm("visits.add_visit")


def dates(trip) -> list[str]:
    return [
        f"{date_format(trip.start_date, 'SHORT_DATE_FORMAT')}\N{EN DASH}"
        f"{date_format(trip.end_date, 'SHORT_DATE_FORMAT')}"
    ]


def today(now):
    return timezone.localtime(now, newsroom_zone()).date()


class TripsAheadFilter(admin.SimpleListFilter):
    """Trips under way or still to come (by the newsroom's calendar), not withdrawn."""

    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [(AHEAD, _("under way or coming up"))]

    def queryset(self, request, queryset):
        if self.value() == AHEAD:
            return ahead(queryset, timezone.now()).order_by("start_date", "pk")
        return queryset


def ahead(queryset, now):
    return queryset.filter(end_date__gte=today(now)).exclude(status=Status.WITHDRAWN)


def trips_ahead(request, now):
    return ahead(Visit.objects.select_related("official", "owner"), now).order_by(
        "start_date", "pk"
    )


def describe_ahead(trip, now):
    under_way = trip.start_date <= today(now)
    return dashboard.Row(
        str(trip),
        details=[
            *dates(trip),
            str(trip.official),
            gettext("under way") if under_way else gettext("coming up"),
            trip.get_status_display(),
        ],
    )


dashboard.register(dashboard.review_part(Visit, details=dates, order=20))
dashboard.register(dashboard.drafts_part(Visit, details=dates, order=20))
dashboard.register(
    dashboard.Part(
        "trips",
        Visit._meta.verbose_name_plural,
        Visit,
        trips_ahead,
        describe_ahead,
        see_all={"when": AHEAD},
    )
)
dashboard.register_per_language(
    "translation",
    lambda code: dashboard.translation_part(
        Visit, code, TRANSLATED, details=dates, first_for=translates_trips, order=20
    ),
)
