"""Photos of a trip: the stored original (checked and re-encoded on the way in), its
renditions, focal point, credit and alt text, and when the public may see it (with its
trip, or held back until a public release shows it).
"""

import mimetypes
from functools import partial

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from visits import changes
from visits.images import UnmeasuredImageField
from visits.models import Engagement, Place
from visits.publishing import public_q
from visits.publishing.locking import Locked
from visits.tasks import enqueue_on_commit
from visits.text import first_translation

from .. import renditions
from ..images import clean_upload, is_clean
from ..tasks import make_photo_renditions
from .fields import trip_link


class PhotoImageField(UnmeasuredImageField):
    """The photo's image: left unread until `Photo.save()` checks it (`clean_upload`),
    where a portrait's `CheckedImageField` checks on its own."""


class PhotoQuerySet(models.QuerySet):
    def published(self, now=None):
        """A photo is public once a public trip or a public release shows it; a photo
        held back is shown by its trip only once a public release shows it too (at
        ``now``, by default the present)."""
        from .releases import ReleasePhoto  # releases.py imports Photo

        return self.filter(
            (public_q("visit__", now) & Q(held_back=False))
            | Exists(ReleasePhoto.objects.filter(public_q("release__", now), photo=OuterRef("pk")))
        )


# Whether renditions are made is the files' state, not the photo's: a restored revision
# keeps what the row says now (and a stale one would send pages to files not made).
@reversion.register(exclude=["renditions_key"])
class Photo(Locked):
    image = PhotoImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP."),
        db_index=True,  # the media view finds a photo by its file name
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    file_size = models.PositiveBigIntegerField(
        _("file size in bytes"),
        editable=False,
        default=0,
        help_text=_("Kept so feeds can give an enclosure's length without asking the storage."),
    )
    caption = models.TextField(_("caption"), blank=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it. Not the same as the caption."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_(
            "Required. Shown beside the photo everywhere, e.g. “Seoul Metropolitan Government”."
        ),
    )
    taken_at = models.DateTimeField(_("date taken"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    visit = trip_link("photos")
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point, across (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Where the subject is, from the left edge (0) to the right edge (100). Crops "
            "for cards and social previews keep this point in view."
        ),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point, down (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, from the top (0) to the bottom (100)."),
    )
    order = models.PositiveIntegerField(_("order in the trip's gallery"), default=0, db_index=True)
    held_back = models.BooleanField(
        _("not public yet"),
        default=False,
        help_text=_(
            "Keeps the photo off its trip's pages, even a public trip's, until a public "
            "release shows it or a publisher unticks this: for photos meant for a release "
            "that is not out yet."
        ),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Set by whoever makes the renditions (press/tasks.py, make_renditions); until it is
    # `renditions.key(photo)` for the current image and focal point, pages show the original.
    renditions_key = models.CharField(
        _("renditions made for"), max_length=16, blank=True, editable=False
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["visit", "order", "pk"]
        get_latest_by = "uploaded_at"
        permissions = [
            ("publish_photo", _("Can change public photos and make photos public")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(credit=""),
                name="photo_has_credit",
                violation_error_message=_("Every photo needs a credit."),
            ),
            models.CheckConstraint(
                condition=Q(focal_x__lte=100, focal_y__lte=100),
                name="photo_focal_point_inside",
                violation_error_message=_("The focal point is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self):
        return first_translation(self, "caption")[1][:60] or self.image.name

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            if not is_clean(self.image.file):  # a script or import, not the admin's form
                try:
                    cleaned = clean_upload(self.image.file)
                except ValidationError as error:
                    raise ValidationError({"image": error.messages}) from error
                self.image = cleaned.content
                self.taken_at = self.taken_at or cleaned.taken_at
            self.file_size = self.image.size
        elif self.image and not self.file_size:
            try:
                self.file_size = self.image.size
            except (OSError, ValueError):  # the file is missing from the storage
                self.file_size = 0
        replaced = getattr(self, "_stored_image", None)
        super().save(*args, **kwargs)
        self._stored_image = self.image.name
        if replaced and replaced != self.image.name:
            old = Photo(image=replaced, width=self.width, height=self.height)
            # After the commit, not as a task: it takes a moment (one listing and a few
            # deletions), and the files of a photo replaced or deleted, perhaps because it
            # was published by mistake, must stop answering at once, not when a worker
            # gets to it.
            changes.after_commit(partial(renditions.delete_files, old))
        if self.image and not renditions.ready(self):
            # Seconds of work for a large photo: a worker does it once the transaction
            # commits, and pages show the original until it has (press/renditions.py).
            # Queued again by each save until made, which costs a finished task nothing.
            enqueue_on_commit(make_photo_renditions, self.pk)

    def get_absolute_url(self):
        return reverse("press:photo_detail", kwargs={"pk": self.pk})

    @property
    def media_type(self) -> str:
        """The image's MIME type, from its file name (uploads are checked to match it)."""
        return mimetypes.guess_type(self.image.name)[0] or "application/octet-stream"

    @property
    def format_name(self) -> str:
        """The file format as people name it: JPEG, PNG or WebP."""
        return {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"}.get(
            self.media_type, ""
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        # The stored file, whose files a new image replaces. Read from the row, not the
        # instance: a deferred field would be fetched again.
        photo._stored_image = dict(zip(field_names, values, strict=True)).get("image")
        return photo

    def clean(self):
        super().clean()
        self.credit = (self.credit or "").strip()
        if not self.credit:
            raise ValidationError({"credit": _("Every photo needs a credit.")})
        if self.engagement_id and self.visit_id and self.engagement.visit_id != self.visit_id:
            raise ValidationError({"engagement": _("Pick an engagement of the photo's trip.")})


@receiver(post_delete, sender=Photo, dispatch_uid="press-photo-files")
def remove_photo_files(sender, instance, **kwargs):
    """A deleted photo takes its files with it (bulk deletes in the admin included), so no
    public URL outlives the row."""
    changes.after_commit(partial(renditions.delete_files, instance))
