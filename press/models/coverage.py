"""Coverage: articles about a trip published by outside outlets, with their translations
for readers of other languages.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from visits.links import validate_outside_url
from visits.publishing import APPROVED, Publishable, PublishableQuerySet
from visits.publishing.locking import Locked

from .fields import ARTICLE_LANGUAGE_CHOICES, engagements_covered, permanent_id, trip_link
from .outlets import Outlet
from .releases import PressRelease

#: What an imported or half-typed item may lack: its label for editors and the rows that
#: lack it. The outlet and the date are required before it goes out (a constraint); the
#: address and the byline an article may really not have.
NEEDS = {
    "outlet": (_("needs an outlet"), Q(outlet__isnull=True)),
    "date": (_("needs a date"), Q(published_on__isnull=True)),
    "url": (_("needs an address"), Q(url="")),
    "byline": (_("no byline"), Q(byline="")),
}


class CoverageQuerySet(PublishableQuerySet):
    def for_list(self):
        """What a list of coverage shows. The outlets (a few dozen) come in a query of
        their own: joined, they led SQLite to read coverage outlet by outlet and sort
        every public item, instead of reading the newest-first index up to the page. The
        link's state (one row per item, on its key) tells a gone article from a live one."""
        return self.select_related("visit", "link_state").prefetch_related("outlet")


@reversion.register()
class Coverage(Publishable, Locked):
    """An article about a trip published by an outside outlet."""

    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        related_name="coverage",
        null=True,
        blank=True,
        help_text=_("Required before the item is scheduled or published."),
    )
    uuid = permanent_id()
    headline = models.CharField(
        _("headline"), max_length=400, help_text=_("As published, in the article's language.")
    )
    url = models.URLField(
        _("address (URL)"),
        max_length=600,
        blank=True,
        validators=[validate_outside_url],
        help_text=_(
            "The article at the outlet. Clippings seldom carry it: add it when you find it. "
            "No two items share an address."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=ARTICLE_LANGUAGE_CHOICES,
        help_text=_("The language the article is written in."),
    )
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        help_text=_(
            "The reporter's name in its own script, with the romanised form in brackets "
            "where the article gives one: 김우영 (Kim Woo-young)."
        ),
    )
    subheadlines = models.TextField(
        _("sub-headlines"),
        blank=True,
        help_text=_("As published, one per line, in the article's language."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A short summary in the article's language.")
    )
    published_on = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("As given by the outlet. Required before the item is scheduled or published."),
    )
    published_time = models.TimeField(
        _("time published"),
        null=True,
        blank=True,
        help_text=_("Korea Standard Time, if the outlet gives a time."),
    )
    translated_headline = models.CharField(
        _("translated headline"),
        max_length=400,
        blank=True,
        help_text=_("Optional: the headline in a reader's language, so they know what it says."),
    )
    translated_summary = models.TextField(
        _("translated summary"),
        blank=True,
        help_text=_("Optional: a summary in a reader's language."),
    )
    visit = trip_link("coverage")
    engagements = engagements_covered("coverage")
    releases = models.ManyToManyField(
        PressRelease, verbose_name=_("releases covered"), blank=True, related_name="coverage"
    )

    objects = CoverageQuerySet.as_manager()

    class Meta:
        verbose_name = _("coverage item")
        verbose_name_plural = _("coverage")
        ordering = ["-published_on", "-published_time", "-pk"]
        get_latest_by = "published_on"
        indexes = [
            # The newest first, as every list shows them, read from the index in order
            # and stopped at the page's end (instead of sorting every public item).
            models.Index(
                fields=["-published_on", "-published_time", "-id"], name="coverage_newest_first"
            ),
            # published() counted from the index alone: a list's page count.
            models.Index(fields=["published_at", "status"], name="coverage_public"),
            # The languages of public coverage (a filter's menu), from the index alone.
            models.Index(fields=["language", "published_at", "status"], name="coverage_languages"),
        ]
        permissions = [("publish_coverage", _("Can publish and withdraw coverage"))]
        constraints = [
            *Publishable.publication_constraints("coverage"),
            # Addresses are unique among the items that have one: a clipping seldom does.
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="coverage_unique_url",
                violation_error_message=_("Another coverage item has this address."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=APPROVED)
                | Q(outlet__isnull=False, published_on__isnull=False),
                name="coverage_approved_has_outlet_and_date",
                violation_error_message=_(
                    "Give the outlet and the date published before scheduling or publishing."
                ),
            ),
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        super().clean()
        # The unique address is told at its field, as a plain unique field's would be;
        # the database's constraint (conditional, so Django reports it for the whole
        # form) still holds against a race.
        twins = Coverage.objects.exclude(pk=self.pk).filter(url=self.url)
        if self.url and twins.exists():
            raise ValidationError({"url": _("Another coverage item has this address.")})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude={*(exclude or ()), "url"})

    def needs(self) -> list[str]:
        """What an editor must still fill in (labels of `NEEDS`), read from this row."""
        missing = {
            "outlet": self.outlet_id is None,
            "date": self.published_on is None,
            "url": not self.url,
            "byline": not self.byline,
        }
        return [NEEDS[key][0] for key, lacking in missing.items() if lacking]

    def get_absolute_url(self):
        return reverse("press:coverage_detail", kwargs={"pk": self.pk})


def covered_release_label(link) -> str:
    """A row of the table behind `Coverage.releases` as a release's form and history name
    it: the article's outlet and headline ("Yonhap: Seoul mayor in Paris"), instead of
    Django's "Coverage_releases object (2)" for a table it made itself."""
    coverage = link.coverage
    return f"{coverage.outlet}: {coverage}" if coverage.outlet_id else str(coverage)


Coverage.releases.through.__str__ = covered_release_label
