"""Clippings: news articles as they came into the coverage desk (pasted text or a saved
HTML page), kept untouched beside the text cleaned of portal furniture.

Staff only: the article is its outlet's copyright, so no public page, feed or search
reads this table; the public sees our record (`Coverage`) and the editor's summary. A
city press-release page comes in the same way and becomes a release draft.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .coverage import Coverage
from .releases import PressRelease


class Clipping(models.Model):
    class MediaType(models.TextChoices):
        TEXT = "text/plain", _("Text")
        HTML = "text/html", _("HTML page")

    coverage = models.ForeignKey(
        Coverage,
        verbose_name=_("coverage item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clippings",
    )
    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clippings",
    )
    original = models.TextField(
        _("original"), help_text=_("The clipping exactly as it was pasted or uploaded.")
    )
    original_name = models.CharField(
        _("file name"), max_length=255, blank=True, help_text=_("Empty when pasted.")
    )
    media_type = models.CharField(
        _("type"), max_length=16, choices=MediaType.choices, default=MediaType.TEXT
    )
    text = models.TextField(
        _("cleaned text"), blank=True, help_text=_("The article without the portal's furniture.")
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        db_index=True,
        editable=False,
        help_text=_("The cleaned text's SHA-256, spaces and punctuation aside: finds re-imports."),
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("clipping")
        verbose_name_plural = _("clippings")
        ordering = ["-imported_at", "-pk"]
        get_latest_by = "imported_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(coverage__isnull=False, release__isnull=True)
                | Q(coverage__isnull=True, release__isnull=False),
                name="clipping_of_coverage_or_release",
                violation_error_message=_("A clipping belongs to a coverage item or a release."),
            ),
        ]

    def __str__(self):
        """Its file's name; a pasted one, the headline or title of the record it became
        (a list of clippings reads like the list of what they became)."""
        if self.original_name:
            return self.original_name
        record = self.coverage if self.coverage_id else self.release if self.release_id else None
        if record is not None and str(record):
            return str(record)
        return _("Pasted clipping of %(date)s") % {
            "date": timezone.localtime(self.imported_at).date().isoformat()
        }

    def get_absolute_url(self):
        """Staff only: the record it became, in the admin."""
        target = self.coverage or self.release
        return reverse(f"admin:press_{target._meta.model_name}_change", args=[target.pk])
