"""Multi-step writes and business rules of the press office, callable from the admin,
commands and tests: who may withdraw a release and when, and adding a trip's photos in
a batch."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from visits.publishing import Status
from visits.text import first_translation

from .images import clean_upload
from .models import Photo, PressRelease, public_at

PUBLISH_RELEASES = "press.publish_pressrelease"

NEVER_PUBLIC = _(
    "Only a published release can be withdrawn; this one was never public, so unpublish "
    "or delete it instead."
)


# --- withdrawing a release --------------------------------------------------------------


def check_withdrawable(*, release: PressRelease) -> None:
    """Refuse (`ValidationError`, code ``never_public``) to withdraw a release that is not
    public now, as stored: a draft, one in review, or one still under embargo. Its page
    would otherwise become public by being withdrawn."""
    stored = (
        PressRelease.objects.filter(pk=release.pk).values_list("status", "published_at").first()
    )
    if stored is None or not public_at(*stored, timezone.now()):
        raise ValidationError(NEVER_PUBLIC, code="never_public")


def withdraw_release(
    *, release: PressRelease, user, reason: str = "", language: str = "en"
) -> PressRelease:
    """Withdraw a public release now, with the reason readers will see above it.

    ``reason`` is written in ``language``; without one, the release must carry a reason
    already (the release form fills it in). Raises `PermissionDenied` for a user who may
    not publish, `ValidationError` for a release that was never public or has no reason,
    and `visits.locking.EditConflict` when the release changed since it was read.
    """
    if not user.has_perm(PUBLISH_RELEASES):
        raise PermissionDenied
    if reason:
        setattr(release, build_localized_fieldname("withdrawal_reason", language), reason)
    if not first_translation(release, "withdrawal_reason")[1]:
        raise ValidationError(
            {"withdrawal_reason_en": _("Give readers the reason for the withdrawal.")}
        )
    with transaction.atomic():
        check_withdrawable(release=release)
        release.status = Status.WITHDRAWN
        release.withdrawn_at = timezone.now()
        release.save()  # records was_public from the row as stored
    return release


def add_trip_photos(
    *,
    visit,
    files,
    credit: str,
    caption: str = "",
    caption_language: str = "en",
) -> tuple[list[Photo], list[tuple[str, ValidationError]]]:
    """One photo per good file, after the trip's last photo and in the order given; a
    (file name, error) per bad file. A file is stored only once it has passed every
    check; the date taken comes from its EXIF data."""
    last = Photo.objects.filter(visit=visit).aggregate(last=Max("order"))["last"]
    order = 0 if last is None else last + 1
    caption_field = build_localized_fieldname("caption", caption_language)
    added, rejected = [], []
    for upload in files:
        try:
            cleaned = clean_upload(upload)
            photo = Photo(
                image=cleaned.content,
                visit=visit,
                credit=credit,
                taken_at=cleaned.taken_at,
                order=order,
            )
            if caption:
                setattr(photo, caption_field, caption)
            photo.full_clean()
        except ValidationError as error:
            rejected.append((upload.name, error))
            continue
        photo.save()
        added.append(photo)
        order += 1
    return added, rejected
