"""Multi-step writes and business rules of the press office, callable from the admin,
commands and tests: who may withdraw a release and when, who may change a public photo,
and adding a trip's photos in a batch."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from visits.models import Visit
from visits.publishing import APPROVED, Status, public_at
from visits.text import LANGUAGE_CODES, first_translation

from .images import clean_upload
from .models import Photo, PressRelease

#: Publishers have it (press/migrations/0008): they alone change what the public sees.
PUBLISH_RELEASES = "press.publish_pressrelease"
PUBLISH_PHOTOS = "press.publish_photo"
#: Translators and publishers: they translate public text without another review.
TRANSLATE = "press.translate_pressrelease"

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
    and `visits.publishing.locking.EditConflict` when the release changed since it was read.
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


# --- public photos ----------------------------------------------------------------------

#: What a translator may change on a public photo: the translations of its texts.
PHOTO_TRANSLATIONS = frozenset(
    build_localized_fieldname(field, code)
    for field in ("caption", "alt_text")
    for code in LANGUAGE_CODES
)


def photo_doors(photo: Photo) -> list[str]:
    """The public trip and releases that show ``photo`` (as stored), by name."""
    if photo.pk is None:
        return []
    stored = Photo.objects.select_related("visit").get(pk=photo.pk)
    doors = []
    if stored.visit is not None and stored.visit.is_public and not stored.held_back:
        doors.append(gettext("the trip “%(title)s”") % {"title": stored.visit})
    for release in PressRelease.objects.published().filter(gallery__photo=photo):
        doors.append(gettext("the release “%(title)s”") % {"title": release})
    return doors


def check_photo_change(*, user, photo: Photo, changes: dict) -> None:
    """Refuse (`ValidationError`) a change to a photo that only a publisher may make.

    ``photo`` is the photo as stored, ``changes`` the new value of each changed field.
    Without ``press.publish_photo``, nobody changes a photo the public sees (its image,
    caption, alt text, credit, crops, trip…: what a reviewed release or trip shows), nor
    makes public a photo that is not (unticking "not public yet", moving it to a public
    trip). Translators may still translate its caption and alt text, as they translate
    a public release. New photos are for `add_trip_photos` and the add form: adding to
    a trip is an editor's work, and the upload can hold photos back.
    """
    if not changes or photo.pk is None or user.has_perm(PUBLISH_PHOTOS):
        return
    if doors := photo_doors(photo):
        if user.has_perm(TRANSLATE) and set(changes) <= PHOTO_TRANSLATIONS:
            return
        raise ValidationError(
            gettext(
                "Not saved: this photo is public (shown by %(doors)s), so only a publisher "
                "can change it. Ask someone in the Publisher group to make this change; "
                "what you entered is still in the form below."
            )
            % {"doors": "; ".join(doors)},
            code="public_photo",
        )
    visit = changes.get("visit", photo.visit)
    held_back = changes.get("held_back", photo.held_back)
    if visit is not None and visit.is_public and not held_back:
        raise ValidationError(
            gettext(
                "Not saved: this would make the photo public on the trip “%(title)s”, and "
                "only a publisher can do that. Keep “not public yet” ticked, or ask "
                "someone in the Publisher group."
            )
            % {"title": visit},
            code="would_be_public",
        )


def trip_has_scheduled_release(visit: Visit) -> bool:
    """Whether a release of the trip is approved to go out later (its photos should
    wait for it)."""
    return PressRelease.objects.filter(
        visit=visit, status__in=APPROVED, published_at__gt=timezone.now()
    ).exists()


def add_trip_photos(
    *,
    visit,
    files,
    credit: str,
    caption: str = "",
    caption_language: str = "en",
    held_back: bool = False,
) -> tuple[list[Photo], list[tuple[str, ValidationError]]]:
    """One photo per good file, after the trip's last photo and in the order given; a
    (file name, error) per bad file. A file is stored only once it has passed every
    check; the date taken comes from its EXIF data. ``held_back`` photos stay off the
    trip's pages until a public release shows them (`Photo.held_back`)."""
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
                held_back=held_back,
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
