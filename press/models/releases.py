"""Press releases and their galleries: a release's text in each language, when each
language goes out (ready, at the release's time or its own), withdrawal, preview links,
and the gallery rows (`ReleasePhoto`) with their one lead photo.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from visits.models import SluggedModel
from visits.publishing import APPROVED, Publishable, PublishableQuerySet, Status, public_at
from visits.publishing.locking import Locked
from visits.text import LANGUAGE_CODES, first_translation, languages_with

from . import visibility
from .contacts import PressContact
from .fields import (
    SITE_LANGUAGE_CHOICES,
    RichTextField,
    engagements_covered,
    language_time,
    new_key,
    permanent_id,
    ready_flag,
    trip_link,
)
from .photos import Photo
from .topics import Topic


def next_release_moments(now) -> dict:
    """When a release next changes by time alone (the page cache's horizon)."""
    return visibility.release_moments(PressRelease.objects, now)


class PressReleaseQuerySet(PublishableQuerySet):
    def for_list(self):
        """What a list of releases shows, in a constant number of queries."""
        return self.select_related("visit").prefetch_related("topics")

    def withdrawn(self):
        """Releases that were public and have been withdrawn: their pages stay, with a
        notice, but they leave every list, feed and sitemap."""
        return self.filter(visibility.withdrawn_q())

    def on_record(self, now=None):
        """What a release page may show: public releases and withdrawn ones (at ``now``,
        by default the present)."""
        return self.filter(visibility.on_record_q(now))

    def out_in(self, code: str):
        """Public releases whose text in ``code`` is out (a language's feed carries these)."""
        return self.published().filter(visibility.language_out_q(code))

    def language_times(self, code: str):
        """Annotate ``out_at``: when the release went out in ``code`` (the later of the
        release's time and the language's own)."""
        return self.annotate(out_at=visibility.out_at_expression(code))


@reversion.register(follow=("gallery", "change_notes"))
class PressRelease(SluggedModel, Publishable, Locked):
    slug_source = "title"
    #: Text shown only in the languages that are out (see `public_languages`).
    readiness_fields = ("title", "subtitle", "lead", "body")

    title = models.CharField(_("title"), max_length=250)
    uuid = permanent_id()
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences that sum up the release.")
    )
    body = RichTextField(_("body"), blank=True)
    number = models.CharField(
        _("release number"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The press office's reference, e.g. SMG-2024-0731. Unique when given."),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        choices=SITE_LANGUAGE_CHOICES,
        default="en",
        help_text=_("The language the release was written in; the others are translations."),
    )
    visit = trip_link("releases")
    engagements = engagements_covered("releases")
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="releases"
    )
    contact = models.ForeignKey(
        PressContact,
        verbose_name=_("press contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
    )
    photos = models.ManyToManyField(
        Photo,
        through="ReleasePhoto",
        verbose_name=_("photos"),
        blank=True,
        related_name="releases",
    )
    ready_en = ready_flag(_("English ready"))
    ready_ko = ready_flag(_("Korean ready"))
    ready_zh_hans = ready_flag(_("Simplified Chinese ready"))
    ready_ja = ready_flag(_("Japanese ready"))
    public_from_en = language_time(_("English public from"))
    public_from_ko = language_time(_("Korean public from"))
    public_from_zh_hans = language_time(_("Simplified Chinese public from"))
    public_from_ja = language_time(_("Japanese public from"))
    withdrawn_at = models.DateTimeField(
        _("withdrawn"),
        null=True,
        blank=True,
        help_text=_("Set when the release is withdrawn; shown in the withdrawal notice."),
    )
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        help_text=_(
            "Shown to readers at the top of the withdrawn release, e.g. “The event was "
            "cancelled.” Required to withdraw."
        ),
    )
    was_public = models.BooleanField(
        _("public before its withdrawal"),
        default=False,
        editable=False,
        help_text=_(
            "Recorded when the release is withdrawn: whether it had gone public. Only "
            "then does its page stay, under the withdrawal notice; otherwise it is gone "
            "like a draft."
        ),
    )
    preview_key = models.UUIDField(
        _("preview key"),
        default=new_key,
        editable=False,
        help_text=_("Part of every shared preview link; replacing it revokes them all."),
    )

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            # published() counted from the index alone: a list's page count.
            models.Index(fields=["published_at", "status"], name="pressrelease_public"),
        ]
        permissions = [
            ("publish_pressrelease", _("Can publish and withdraw press releases")),
            ("translate_pressrelease", _("Can translate press releases and mark them ready")),
        ]
        constraints = [
            *Publishable.publication_constraints("pressrelease"),
            models.CheckConstraint(
                condition=~Q(status__in=APPROVED) | visibility.launch_language_q(),
                name="pressrelease_approved_has_ready_language",
                violation_error_message=_(
                    "Mark at least one language ready (without a later time of its own) "
                    "before scheduling or publishing."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="pressrelease_withdrawn_has_time",
                violation_error_message=_("A withdrawn release needs its withdrawal time."),
            ),
            # NULL times would pass a plain comparison, hence the isnull.
            models.CheckConstraint(
                condition=Q(was_public=False)
                | Q(
                    status=Status.WITHDRAWN,
                    published_at__isnull=False,
                    published_at__lte=F("withdrawn_at"),
                ),
                name="pressrelease_was_public_before_withdrawal",
                violation_error_message=_(
                    "Only a withdrawn release whose publication time came before its "
                    "withdrawal can have been public."
                ),
            ),
        ]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("press:release_detail", kwargs={"slug": self.slug})

    def languages(self) -> list[str]:
        """Languages in which the release is complete: a title and a body."""
        with_body = set(languages_with(self, "body"))
        return [code for code in languages_with(self, "title") if code in with_body]

    def is_ready(self, code: str) -> bool:
        return visibility.is_ready(self, code)

    def language_time(self, code: str):
        """When the release goes out in ``code`` (None while not ready or not scheduled)."""
        return visibility.out_at(self, code)

    def public_languages(self) -> tuple[str, ...]:
        """Languages whose text a reader may see now. `visits.text.translated_field`
        falls back among these only, so an unfinished translation never shows. A staff
        or shared preview sets ``show_every_language``; an embargoed link names the
        languages it shows in ``shown_languages``."""
        if getattr(self, "show_every_language", False):
            return LANGUAGE_CODES
        if (shown := getattr(self, "shown_languages", None)) is not None:
            return shown
        return visibility.public_languages(self, timezone.now())

    def pending_languages(self) -> tuple[str, ...]:
        """Languages marked ready whose own time has not come yet."""
        now = timezone.now()
        return tuple(
            code
            for code in LANGUAGE_CODES
            if (out_at := self.language_time(code)) is not None and out_at > now
        )

    def has_launch_language(self) -> bool:
        """Some language is ready to go out with the release itself (no later own time):
        a scheduled or published release needs one (database constraint)."""
        return visibility.has_launch_language(self)

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN and self.withdrawn_at is not None

    def clean(self):
        super().clean()
        if self.number == "":
            self.number = None
        if self.status in APPROVED and not self.has_launch_language():
            raise ValidationError(
                _(
                    "Mark at least one language ready (without a later time of its own) "
                    "before scheduling or publishing."
                )
            )
        if self.status == Status.WITHDRAWN:
            if not self.withdrawn_at:
                self.withdrawn_at = timezone.now()
            if not first_translation(self, "withdrawal_reason")[1]:
                raise ValidationError(
                    {"withdrawal_reason_en": _("Give readers the reason for the withdrawal.")}
                )
        elif self.withdrawn_at:
            self.withdrawn_at = None

    def save(self, *args, **kwargs):
        if self.status == Status.WITHDRAWN:
            if self.withdrawn_at is None:
                self.withdrawn_at = timezone.now()
            self.was_public = self.public_when_withdrawn()
        else:  # republished or back to draft
            self.withdrawn_at, self.was_public = None, False
        if "status" in (kwargs.get("update_fields") or ()):
            kwargs["update_fields"] = {*kwargs["update_fields"], "withdrawn_at", "was_public"}
        if self.status not in (Status.DRAFT, Status.IN_REVIEW):
            # Shared previews end when the release is approved (or withdrawn).
            self.revoke_previews()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "preview_key"}
        super().save(*args, **kwargs)

    def public_when_withdrawn(self) -> bool:
        """Whether the release had gone public when this save withdraws it: read from the
        row as stored, not from this copy, which may carry a new status and time (the
        lock number guarantees the stored row is the one this copy was read from). A
        release withdrawn already keeps what was recorded then; a new row keeps what it
        is given (a restore), or stays never public."""
        if self._state.adding:
            return self.was_public
        stored = (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .values_list("status", "published_at", "was_public")
            .first()
        )
        if stored is None:
            return self.was_public
        status, published_at, was_public = stored
        if status == Status.WITHDRAWN:
            return was_public
        # A withdrawal dated ahead takes the release out of every list now: what was
        # not out by now never will be.
        return public_at(status, published_at, min(timezone.now(), self.withdrawn_at))

    def revoke_previews(self) -> None:
        """Invalidate every preview link shared so far (saved with the next save)."""
        self.preview_key = new_key()


@reversion.register()
class ReleasePhoto(models.Model):
    """A photo in a release's gallery; at most one of them is the lead photo."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="gallery",
    )
    photo = models.ForeignKey(
        Photo, verbose_name=_("photo"), on_delete=models.CASCADE, related_name="in_releases"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_lead = models.BooleanField(
        _("lead photo"),
        default=False,
        help_text=_("Shown at the top of the release and in feeds and social previews."),
    )

    class Meta:
        verbose_name = _("release photo")
        verbose_name_plural = _("release photos")
        ordering = ["release", "-is_lead", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "photo"],
                name="releasephoto_once_per_release",
                violation_error_message=_("This photo is already in the release's gallery."),
            ),
            models.UniqueConstraint(
                fields=["release"],
                condition=Q(is_lead=True),
                name="releasephoto_one_lead",
                violation_error_message=_("A release has only one lead photo."),
            ),
        ]

    def __str__(self):
        """The photo's caption: a gallery row is read in its release's form."""
        return str(self.photo)
