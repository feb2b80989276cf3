"""Multi-step writes and business rules of the press office, as keyword-only functions
that the admin's actions and forms, commands and (later) the API call alike:

* publishing and scheduling a release (`publish_release`, `schedule_release`): a language
  must go out with it (`check_launch_language`), and its gallery's photos need alt text in
  its languages unless the editor confirms (`alt_text_to_confirm`, `check_alt_text`); the
  rest of the workflow (review, unpublishing) is every model's, `visits.publishing.services`;
* marking a language ready (`mark_language_ready`);
* withdrawing a release (`withdraw_release`): only one that was public;
* who may change a public photo (`check_photo_change`), and adding a trip's photos in a
  batch (`add_trip_photos`).

A refusal is `PermissionDenied` or `ValidationError`, with a message in the user's
language for the caller to show.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from visits.models import Visit
from visits.publishing import APPROVED, Status, public_at
from visits.publishing import services as publishing
from visits.text import LANGUAGE_CODES, first_translation, translation_of
from visits.translators import editable_languages

from .images import clean_upload
from .models import Photo, PressRelease, language_time_field, ready_field

#: Publishers have it (press/migrations/0008): they alone change what the public sees.
PUBLISH_RELEASES = "press.publish_pressrelease"
PUBLISH_PHOTOS = "press.publish_photo"
#: Translators and publishers: they translate public text without another review.
TRANSLATE = "press.translate_pressrelease"

NO_LAUNCH_LANGUAGE = _(
    "Nothing goes out while no language is marked ready: a translator or publisher marks "
    "the finished languages ready first (a language with a later time of its own does not "
    "count)."
)
NEVER_PUBLIC = _(
    "Only a published release can be withdrawn; this one was never public, so unpublish "
    "or delete it instead."
)


# --- publishing a release --------------------------------------------------------------


def check_launch_language(*, release: PressRelease) -> None:
    """Refuse (`ValidationError`, code ``no_launch_language``) to approve a release with
    no language that goes out with it (`visibility.has_launch_language`, which the table's
    constraint also holds)."""
    if not release.has_launch_language():
        raise ValidationError(NO_LAUNCH_LANGUAGE, code="no_launch_language")


def alt_text_gaps(*, photos, languages) -> list[tuple[Photo, list[str]]]:
    """The photos that have no alt text in some of ``languages``, each with those codes."""
    gaps = []
    for photo in photos:
        missing = [
            code for code in languages if not translation_of(photo, "alt_text", code).strip()
        ]
        if missing:
            gaps.append((photo, missing))
    return gaps


def gallery_photos(release: PressRelease) -> list[Photo]:
    return [item.photo for item in release.gallery.select_related("photo")]


def alt_text_to_confirm(*, release: PressRelease, photos=None) -> list[tuple[Photo, list[str]]]:
    """The gaps in alt text the editor has to confirm before ``release`` goes out with
    ``photos`` (by default its gallery as stored): a photo lacking alt text in a language
    the release is complete in. All of them when the release is not approved yet (as
    stored), only new ones (a photo or a language added) once it is, so fixing a typo in
    a published release does not ask again."""
    if photos is None:
        photos = gallery_photos(release)
    gaps = alt_text_gaps(photos=photos, languages=release.languages())
    stored = PressRelease.objects.filter(pk=release.pk, status__in=APPROVED).first()
    if stored is None or not gaps:
        return gaps
    before = {
        (photo.pk, code)
        for photo, codes in alt_text_gaps(
            photos=gallery_photos(stored), languages=stored.languages()
        )
        for code in codes
    }
    fresh = [(photo, [c for c in codes if (photo.pk, c) not in before]) for photo, codes in gaps]
    return [(photo, codes) for photo, codes in fresh if codes]


def check_alt_text(*, release: PressRelease, photos=None, confirmed: bool = False) -> None:
    """Refuse (`ValidationError`, code ``alt_text_missing``) to let ``release`` go out
    with photos lacking alt text in its languages, unless the editor ``confirmed`` it."""
    if confirmed:
        return
    if gaps := alt_text_to_confirm(release=release, photos=photos):
        names = dict(settings.LANGUAGES)
        raise ValidationError(
            gettext(
                "Photos of its gallery have no alt text in a language of the release: "
                "%(photos)s. Add the alt text, or confirm that the release goes out "
                "without it."
            )
            % {
                "photos": "; ".join(
                    f"“{photo}” ({', '.join(str(names[code]) for code in codes)})"
                    for photo, codes in gaps
                )
            },
            code="alt_text_missing",
        )


def check_goes_out(*, release: PressRelease, user, confirmed: bool = False) -> None:
    """What publishing and scheduling a release ask: a publisher, a language that goes
    out with it, and alt text for its photos in its languages (or a confirmation)."""
    publishing.require_publisher(user, release)
    check_launch_language(release=release)
    check_alt_text(release=release, confirmed=confirmed)


def publish_release(
    *, release: PressRelease, user, confirm_missing_alt_text: bool = False, now=None
) -> PressRelease:
    """Publish ``release`` at its time, or now when it has none (`publishing.publish`),
    once a language goes out with it and its photos have alt text in its languages (or
    the editor confirms they need none)."""
    check_goes_out(release=release, user=user, confirmed=confirm_missing_alt_text)
    return publishing.publish(item=release, user=user, now=now)


def schedule_release(
    *, release: PressRelease, user, at, confirm_missing_alt_text: bool = False
) -> PressRelease:
    """Schedule ``release`` to go out at ``at``, on the same conditions as publishing."""
    check_goes_out(release=release, user=user, confirmed=confirm_missing_alt_text)
    return publishing.schedule(item=release, user=user, at=at)


# --- marking a language ready -------------------------------------------------------------


def mark_language_ready(
    *, release: PressRelease, user, language: str, ready: bool = True, public_from=None
) -> PressRelease:
    """Mark ``release``'s text in ``language`` final (or not), to go out with the release
    or at ``public_from``, a later time of its own. A language made ready without a time
    on a release already public goes out now: its own time is the present.

    Translators and publishers may (`PermissionDenied` for others, for anyone but a
    publisher once the release is withdrawn, and for a translator outside their languages:
    `visits.translators.editable_languages`). A scheduled or published release keeps a
    language that goes out with it (`ValidationError`, `check_launch_language`).
    """
    if not user.has_perm(TRANSLATE):
        raise PermissionDenied(
            _("Only translators and publishers may mark a release's languages ready.")
        )
    if release.status == Status.WITHDRAWN and not user.has_perm(PUBLISH_RELEASES):
        raise PermissionDenied(publishing.NOT_A_PUBLISHER)
    if language not in LANGUAGE_CODES:
        raise ValidationError(
            _("“%(language)s” is not a language of the site."),
            code="unknown_language",
            params={"language": language},
        )
    if language not in editable_languages(user, release):
        raise PermissionDenied(
            gettext(
                "You may not mark %(language)s ready: it is not one of your languages, or "
                "it is the original language of a published release, which only a "
                "publisher changes."
            )
            % {"language": dict(settings.LANGUAGES)[language]}
        )
    was_ready = (
        PressRelease.objects.filter(pk=release.pk)
        .values_list(ready_field(language), flat=True)
        .first()
    )
    if ready and public_from is None and not was_ready:
        # A language made ready on a release already public goes out now, not at the
        # release's old time: the alerts and feeds date it (and find it) by `out_at`.
        now = timezone.now()
        if public_at(release.status, release.published_at, now):
            public_from = now
    setattr(release, ready_field(language), ready)
    setattr(release, language_time_field(language), public_from)
    if release.status in APPROVED:
        check_launch_language(release=release)
    publishing.save_checked(release)
    return release


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
    publishing.require_publisher(user, release)
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
    """The public trip and the approved releases (public, or scheduled: reviewed, and
    going out as they are) that show ``photo`` (as stored), by name."""
    if photo.pk is None:
        return []
    stored = Photo.objects.select_related("visit").get(pk=photo.pk)
    doors = []
    if stored.visit is not None and stored.visit.is_public and not stored.held_back:
        doors.append(gettext("the trip “%(title)s”") % {"title": stored.visit})
    for release in PressRelease.objects.filter(status__in=APPROVED, gallery__photo=photo):
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
