"""Coverage: articles about a trip published by outside outlets, with their translations
for readers of other languages.
"""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from visits.links import validate_outside_url
from visits.publishing import Publishable, PublishableQuerySet
from visits.publishing.locking import Locked

from .fields import ARTICLE_LANGUAGE_CHOICES, engagements_covered, permanent_id, trip_link
from .outlets import Outlet
from .releases import PressRelease


class CoverageQuerySet(PublishableQuerySet):
    def for_list(self):
        """What a list of coverage shows. The outlets (a few dozen) come in a query of
        their own: joined, they led SQLite to read coverage outlet by outlet and sort
        every public item, instead of reading the newest-first index up to the page."""
        return self.select_related("visit").prefetch_related("outlet")


@reversion.register()
class Coverage(Publishable, Locked):
    """An article about a trip published by an outside outlet."""

    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="coverage"
    )
    uuid = permanent_id()
    headline = models.CharField(
        _("headline"), max_length=400, help_text=_("As published, in the article's language.")
    )
    url = models.URLField(
        _("address (URL)"), max_length=600, unique=True, validators=[validate_outside_url]
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=ARTICLE_LANGUAGE_CHOICES,
        help_text=_("The language the article is written in."),
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A short summary in the article's language.")
    )
    published_on = models.DateField(_("date published"), help_text=_("As given by the outlet."))
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
        constraints = [*Publishable.publication_constraints("coverage")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("press:coverage_detail", kwargs={"pk": self.pk})
