"""Public change notes: what an editor tells readers when a published release changes
materially ("Updated 2 August: the time of the signing was corrected"). A release page
shows its notes, newest first; the newest one dates the release's last public change in
its feed entries and sitemap entries (`latest_change`), where a plain edit (a typo, a
re-save) does not.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from visits.text import first_translation

from .releases import PressRelease


@reversion.register()
class ChangeNote(models.Model):
    """A short public note on a material change to a published release."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    note = models.TextField(
        _("note"),
        max_length=500,
        help_text=_(
            "One or two sentences readers see under the release's date, e.g. “The time "
            "of the signing ceremony was corrected.” Only for changes that matter to "
            "readers; a typo needs no note."
        ),
    )
    noted_at = models.DateTimeField(
        _("changed at"),
        default=timezone.now,
        help_text=_(
            "When the release changed (Seoul time by default). Shown as “Updated”, and "
            "dates the release's entries in feeds and the sitemap. Not in the future."
        ),
    )

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-noted_at", "-pk"]
        get_latest_by = "noted_at"
        indexes = [
            # A release's latest note, for feeds and sitemaps (`latest_note_time`).
            models.Index(fields=["release", "-noted_at"], name="changenote_latest"),
        ]

    def __str__(self):
        return first_translation(self, "note")[1][:60] or str(self.noted_at)

    def clean(self):
        super().clean()
        if not first_translation(self, "note")[1]:
            raise ValidationError({"note_en": _("Fill in this field in at least one language.")})
        if self.noted_at is None:
            return
        if self.noted_at > timezone.now():
            raise ValidationError({"noted_at": _("A change note cannot be dated ahead.")})
        try:
            release = self.release
        except PressRelease.DoesNotExist:  # a new release's inline row
            release = None
        if release is None:
            return
        if not (release.is_public or release.was_public):
            raise ValidationError(
                _(
                    "Change notes are for releases readers have seen: this release is not "
                    "public yet."
                )
            )
        if self.noted_at < release.published_at:
            raise ValidationError(
                {"noted_at": _("A change note cannot be dated before the release went out.")}
            )


def latest_note_time():
    """An expression: the time of a release's latest change note (NULL with none)."""
    latest = ChangeNote.objects.filter(release=OuterRef("pk")).order_by("-noted_at")
    return Subquery(latest.values("noted_at")[:1])


def latest_change(release):
    """When ``release`` last changed for its readers: its publication, or its latest change
    note if later (read from its prefetched ``change_notes``)."""
    times = [note.noted_at for note in release.change_notes.all()]
    return max([release.published_at, *times], default=None) if release.published_at else None
