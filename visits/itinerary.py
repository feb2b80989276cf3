"""The itinerary of a trip: its legs (one per city) and the engagements in each, the
events readers follow (each with a page of its own, `visits.events`).

Defined beside the trip in `visits.models`, which imports them at its end: every
``from visits.models import Leg, Engagement`` keeps working.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import City, Organization, Person, Place, Visit
from .publishing import public_q
from .text import first_translation, unique_slug


class ItineraryQuerySet(models.QuerySet):
    """Legs and engagements are public exactly when their trip is."""

    def published(self, now=None):
        return self.filter(public_q("visit__", now=now))


@reversion.register()
class Leg(models.Model):
    """One city of a trip, with its dates."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="legs"
    )
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="legs"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Legs are listed in this order within the trip.")
    )

    objects = ItineraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("leg")
        verbose_name_plural = _("legs")
        ordering = ["visit", "order", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="leg_ends_after_start",
                violation_error_message=_("A leg cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["visit", "order"],
                name="leg_unique_order",
                violation_error_message=_("Two legs of one trip cannot share a position."),
            ),
        ]

    def __str__(self):
        return f"{self.visit}: {self.city}"

    @property
    def country(self):
        return self.city.country

    @property
    def time_zone(self) -> str:
        return self.city.time_zone

    def clean(self):
        super().clean()
        visit = getattr(self, "visit", None)
        if visit is None or not self.start_date or not self.end_date:
            return
        if self.start_date < visit.start_date or self.end_date > visit.end_date:
            raise ValidationError(
                _(
                    "This leg (%(start)s to %(end)s) lies outside the trip's dates "
                    "(%(trip_start)s to %(trip_end)s)."
                )
                % {
                    "start": date_format(self.start_date),
                    "end": date_format(self.end_date),
                    "trip_start": date_format(visit.start_date),
                    "trip_end": date_format(visit.end_date),
                }
            )


@reversion.register()
class Engagement(models.Model):
    """A stop on the itinerary: a meeting, a site visit, a ceremony…"""

    class Kind(models.TextChoices):
        SITE_VISIT = "site_visit", _("Site visit")
        MEETING = "meeting", _("Meeting")
        CONFERENCE = "conference", _("Conference")
        PROMOTION = "promotion", _("Promotion")
        CEREMONY = "ceremony", _("Ceremony")
        BRIEFING = "briefing", _("Briefing")
        CULTURE = "culture", _("Cultural exchange")
        OTHER = "other", _("Other")

    visit = models.ForeignKey(
        Visit, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="engagements"
    )
    leg = models.ForeignKey(
        Leg,
        verbose_name=_("leg"),
        on_delete=models.CASCADE,
        related_name="engagements",
        blank=True,
        help_text=_("Leave empty to use the leg whose dates include the engagement's date."),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Local time, if known.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(_("title"), max_length=250)
    # Unique within the trip only: the event page's address is the trip's, then this.
    slug = models.SlugField(
        _("slug"),
        max_length=90,
        blank=True,
        help_text=_(
            "The last part of the event page's web address, unique within the trip. Leave "
            "empty to make one from the title; once the trip is public, changing it breaks "
            "links."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people met"), blank=True, related_name="engagements"
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("organisations met"),
        blank=True,
        related_name="engagements",
    )

    objects = ItineraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["date", "start_time", "pk"]
        get_latest_by = "date"
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "slug"],
                name="engagement_unique_slug_per_trip",
                violation_error_message=_("Another event of this trip has this slug."),
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title or first_translation(self, 'title')[1]}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self,
                first_translation(self, "title")[1],
                fallback="event",
                scope={"visit": self.visit_id},
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The event's own page (the trip page keeps an ``#engagement-<pk>`` anchor too)."""
        return reverse("visits:event_detail", kwargs={"trip": self.visit.slug, "slug": self.slug})

    def clean(self):
        super().clean()
        if not first_translation(self, "title")[1]:
            raise ValidationError({"title_en": _("Fill in this field in at least one language.")})
        if not self.visit_id or not self.date:
            return
        if self.leg_id is None:
            leg = self.visit.legs.filter(start_date__lte=self.date, end_date__gte=self.date).first()
            if leg is None:
                raise ValidationError(
                    {
                        "date": _(
                            "No leg of this trip includes %(date)s. Save the trip's legs first, "
                            "or pick the leg."
                        )
                        % {"date": date_format(self.date)}
                    }
                )
            self.leg = leg
        leg = self.leg
        if leg.visit_id != self.visit_id:
            raise ValidationError({"leg": _("Pick a leg of this trip.")})
        if not leg.start_date <= self.date <= leg.end_date:
            raise ValidationError(
                {
                    "date": _("%(date)s is outside this leg's dates (%(start)s to %(end)s).")
                    % {
                        "date": date_format(self.date),
                        "start": date_format(leg.start_date),
                        "end": date_format(leg.end_date),
                    }
                }
            )
