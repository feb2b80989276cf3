"""Trips and their itinerary: who travelled, where, when, and whom they met.

`visits` is the base of the project and never imports `press`.
"""

import zoneinfo

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .images import CheckedImageField
from .links import validate_outside_url
from .publishing import Publishable, PublishableQuerySet, public_q
from .publishing.locking import Locked
from .text import first_translation, languages_with, unique_slug

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones() if "/" in tz)


class SluggedModel(models.Model):
    """A model whose slug is made once from its first available title, in any script."""

    slug_source = "name"

    slug = models.SlugField(
        _("slug"),
        max_length=90,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the web address. Leave empty to make one from the name; "
            "once public, changing it breaks links."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, first_translation(self, self.slug_source)[1])
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not first_translation(self, self.slug_source)[1]:
            raise ValidationError(
                {f"{self.slug_source}_en": _("Fill in this field in at least one language.")}
            )

    def languages(self) -> list[str]:
        return languages_with(self, self.slug_source)


class ReferencedQuerySet(models.QuerySet):
    """People, places and organisations become public through a published trip."""

    #: Lookups from this model to Visit; the row is public if any reaches a public visit.
    visit_paths: tuple[str, ...] = ()

    def published(self):
        condition = Q()
        for path in self.visit_paths:
            condition |= Exists(
                Visit.objects.filter(public_q()).filter(**{f"{path}": OuterRef("pk")})
            )
        return self.filter(condition)


class CityQuerySet(ReferencedQuerySet):
    visit_paths = ("legs__city",)


class City(SluggedModel):
    name = models.CharField(_("name"), max_length=120)
    country = CountryField(_("country"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        help_text=_("The local time zone, used for the itinerary of legs in this city."),
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["country", "name"]

    def __str__(self):
        return self.name or self.slug


class OrganizationQuerySet(ReferencedQuerySet):
    visit_paths = (
        "official__organization",
        "engagements__organizations",
        "engagements__people__organization",
    )


class Organization(SluggedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("Research or education")
        NONPROFIT = "nonprofit", _("Non-profit")
        MEDIA = "media", _("Media")
        CULTURE = "culture", _("Culture")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_outside_url])

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("visits:organization_detail", kwargs={"slug": self.slug})


class PersonQuerySet(ReferencedQuerySet):
    visit_paths = ("official", "engagements__people")


class Person(SluggedModel):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("title or role"),
        max_length=200,
        blank=True,
        help_text=_("As it should appear beside the name, e.g. “Mayor of Seoul”."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    # Checked and re-encoded like a press photo: the media route serves only the image
    # types the site writes, and an upload may carry a location or a comment block.
    portrait = CheckedImageField(
        _("portrait"), upload_to="people/", blank=True, help_text=_("JPEG, PNG or WebP.")
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("visits:person_detail", kwargs={"slug": self.slug})


class PlaceQuerySet(ReferencedQuerySet):
    visit_paths = ("engagements__place", "engagements__place__parent")


class Place(SluggedModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="places"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("inside"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("A larger place this one lies in, e.g. InnoWay inside Zhongguancun."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
                violation_error_message=_("Latitude lies between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
                violation_error_message=_("Longitude lies between -180 and 180."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="place_not_inside_itself",
                violation_error_message=_("A place cannot lie inside itself."),
            ),
        ]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("visits:place_detail", kwargs={"slug": self.slug})

    @property
    def country(self):
        return self.city.country

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": _("A place cannot lie inside itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class VisitQuerySet(PublishableQuerySet):
    def with_itinerary(self):
        return self.select_related("official").prefetch_related("legs__city")


@reversion.register(follow=("legs", "engagements"))
class Visit(SluggedModel, Publishable, Locked):
    """An official trip abroad, made of legs (one per city) with engagements in each."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("Why the trip is made, in a sentence or two.")
    )
    official = models.ForeignKey(
        Person,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="visits",
        help_text=_("The official who leads the delegation, usually the mayor."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        ordering = ["-start_date", "title"]
        get_latest_by = "start_date"
        permissions = [("publish_visit", _("Can publish and withdraw trips"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="visit_ends_after_start",
                violation_error_message=_("A trip cannot end before it starts."),
            ),
            *Publishable.publication_constraints("visit"),
        ]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("visits:visit_detail", kwargs={"slug": self.slug})

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


# The itinerary (legs and engagements), the change pipeline's rows (the content version and
# what each move touched), the read model's, the search index's and the translators'
# languages live with their code; imported so Django finds them.
from .changes.records import ContentChange, ContentVersion  # noqa: E402, F401
from .itinerary import Engagement, ItineraryQuerySet, Leg  # noqa: E402, F401
from .readmodel.rows import ReadRow, ReadTag  # noqa: E402, F401
from .search.entries import SearchEntry  # noqa: E402, F401
from .translators import TranslatorLanguages  # noqa: E402, F401
