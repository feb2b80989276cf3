"""Video links: a video on YouTube, Vimeo or the city's own channel, with a translated
title and caption, shown on the pages of the releases, trip and events it belongs to as
a card of our own that links out (no request to the video's site until a reader clicks).

Public through the same door as what shows it (`VideoQuerySet.published`): once one of
its releases is public, or with its trip when it is the trip's own (``trip_wide``);
never for want of a release (deleting a draft release does not publish its videos).
"""

from datetime import timedelta

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from visits.images import CheckedImageField
from visits.publishing import public_q
from visits.tasks import enqueue_on_commit
from visits.text import first_translation

from .. import video_links, video_posters
from ..tasks import fetch_video_poster
from .fields import engagements_covered, trip_link
from .owned_files import OwnsFile, files_go_with_rows
from .releases import PressRelease

#: The longest video an editor may give a duration for (a day: a typo, not a broadcast).
LONGEST = timedelta(hours=24)


class VideoQuerySet(models.QuerySet):
    def published(self, now=None):
        """Public at ``now`` (by default the present): once one of its releases is
        public (a video meant for an embargoed release waits for it, even on a public
        trip), or with its public trip when it is the trip's own (``trip_wide``)."""
        in_public_release = Exists(
            PressRelease.objects.filter(public_q(now=now), videos=OuterRef("pk"))
        )
        return self.filter(in_public_release | (Q(trip_wide=True) & public_q("visit__", now)))


@reversion.register()
class Video(OwnsFile, models.Model):
    owned_file = "poster"

    class Provider(models.TextChoices):
        YOUTUBE = video_links.YOUTUBE, "YouTube"
        VIMEO = video_links.VIMEO, "Vimeo"
        CITY = video_links.CITY, _("the city's video channel")

    url = models.CharField(
        _("video address"),
        max_length=500,
        help_text=_(
            "The video's address on YouTube (also youtu.be and Shorts), Vimeo or the "
            "city's own channel, as copied from the browser. Readers are sent to it when "
            "they click; nothing is loaded from it before."
        ),
    )
    provider = models.CharField(_("site"), max_length=16, choices=Provider.choices, editable=False)
    video_id = models.CharField(
        _("video id"),
        max_length=300,
        editable=False,
        help_text=_("Worked out from the address."),
    )
    title = models.CharField(
        _("title"), max_length=300, help_text=_("Shown on the card and as the link's text.")
    )
    caption = models.TextField(
        _("caption"), blank=True, help_text=_("Optional: a sentence on what the video shows.")
    )
    visit = trip_link("videos")
    engagements = engagements_covered("videos")
    releases = models.ManyToManyField(
        PressRelease,
        verbose_name=_("press releases"),
        blank=True,
        related_name="videos",
        help_text=_("A video in a release is public only once the release is, whatever its trip."),
    )
    trip_wide = models.BooleanField(
        _("on the trip's page"),
        default=False,
        help_text=_(
            "The trip's own video: public with the trip, whatever its releases. Leave it "
            "off for a video that must wait for its release's embargo."
        ),
    )
    poster = CheckedImageField(
        _("poster image"),
        upload_to="videos/%Y/%m/",
        width_field="poster_width",
        height_field="poster_height",
        blank=True,
        help_text=_(
            "Optional: a still from the video (JPEG, PNG or WebP), shown on the card. "
            "Without one the card shows the title on a plain background."
        ),
    )
    poster_width = models.PositiveIntegerField(editable=False, default=0)
    poster_height = models.PositiveIntegerField(editable=False, default=0)
    poster_alt = models.CharField(
        _("poster alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the poster shows, for readers who cannot see it."),
    )
    duration = models.DurationField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("Optional, as minutes:seconds (3:25) or hours:minutes:seconds (1:02:00)."),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["order", "pk"]
        get_latest_by = "added_at"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "video_id"],
                name="video_once",
                violation_error_message=_(
                    "This video is in the newsroom already: add the release or trip to it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(provider__in=[video_links.YOUTUBE, video_links.VIMEO, video_links.CITY])
                & ~Q(video_id=""),
                name="video_has_provider_and_id",
                violation_error_message=_(
                    "The video's site and id are worked out from its address."
                ),
            ),
            models.CheckConstraint(
                condition=Q(duration__isnull=True)
                | Q(duration__gt=timedelta(0), duration__lte=LONGEST),
                name="video_duration_sensible",
                violation_error_message=_("A duration is more than nothing and at most a day."),
            ),
        ]

    def __str__(self):
        return first_translation(self, "title")[1] or self.watch_url

    def save(self, *args, **kwargs):
        # A script or an import that skips full_clean() is checked too.
        self.read_url()
        super().save(*args, **kwargs)  # a replaced poster leaves the storage (OwnsFile)
        if video_posters.wanted(self):
            # A request to YouTube: a worker makes it once the transaction commits.
            enqueue_on_commit(fetch_video_poster, self.pk)

    def get_absolute_url(self):
        """The video itself: it has no page here (the admin's "view on site")."""
        return self.watch_url

    @property
    def watch_url(self) -> str:
        """Where a reader is sent: the canonical address, never the one typed."""
        return video_links.watch_url(self.provider, self.video_id)

    @property
    def provider_name(self) -> str:
        return video_links.provider_name(self.provider, self.video_id)

    def read_url(self) -> None:
        """Set the provider, id and canonical address from ``url`` (or refuse it)."""
        try:
            link = video_links.parse(self.url)
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from error
        self.provider, self.video_id, self.url = link.provider, link.video_id, link.url

    def clean(self):
        super().clean()
        self.read_url()
        # Checked here, not only by the constraint: the admin's form leaves out the
        # columns the constraint names (they are worked out, not typed).
        twins = Video.objects.filter(provider=self.provider, video_id=self.video_id)
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"url": _("This video is in the newsroom already: add the release or trip to it.")}
            )
        if self.duration is not None and not timedelta(0) < self.duration <= LONGEST:
            raise ValidationError(
                {"duration": _("A duration is more than nothing and at most a day.")}
            )

    def validate_constraints(self, exclude=None):
        # An address refused already says all there is to say about the columns read from it.
        if exclude and "url" in exclude:
            exclude = {*exclude, "provider", "video_id"}
        super().validate_constraints(exclude)


# A deleted video takes its poster with it, once the deletion is committed.
files_go_with_rows(Video)


def release_video_label(link) -> str:
    """A row of the table behind `Video.releases` as a release's form and history name it:
    the video's title, instead of Django's "Video_releases object (2)"."""
    return str(link.video)


Video.releases.through.__str__ = release_video_label
