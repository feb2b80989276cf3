"""Press releases, photos, outlets and the outside coverage of each trip."""

import mimetypes
import uuid
from functools import partial

import reversion
from django.conf import settings
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from visits.links import validate_outside_url
from visits.models import Engagement, Place, SluggedModel, Visit
from visits.publishing import APPROVED, Publishable, PublishableQuerySet, Status, public_q
from visits.publishing.locking import Locked
from visits.text import LANGUAGE_CODES, first_translation, languages_with

from .images import clean_upload, is_clean
from .renditions import delete_files, make_renditions
from .sanitize import RICH_TEXT_EXTENSIONS, sanitize_html

SITE_LANGUAGE_CHOICES = settings.LANGUAGES
ARTICLE_LANGUAGE_CHOICES = sorted(ALL_LANGUAGES, key=lambda item: item[0])


def new_key() -> uuid.UUID:
    return uuid.uuid4()


def permanent_id() -> models.UUIDField:
    """A UUID made once per row, for identifiers that outlive edits, hosts and databases."""
    return models.UUIDField(
        _("permanent identifier"),
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("Never changes; feeds build their entry IDs from it."),
    )


class RichTextField(ProseEditorField):
    """Rich text edited with ProseMirror, sanitised with nh3 on every way in.

    The form field sanitises what editors type; `pre_save` sanitises once more so that
    imports and scripts that skip `full_clean()` cannot store unsafe HTML either.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value:
            value = sanitize_html(value)
            # Keep the instance in step for the per-language columns (body_en, …). The
            # untranslated `body` is modeltranslation's descriptor: setting it would copy
            # fallback text into the active language's empty column.
            if getattr(self, "language", None):
                setattr(model_instance, self.attname, value)
        return value


class TopicQuerySet(models.QuerySet):
    def published(self):
        """Topics with at least one public release."""
        return self.filter(Exists(PressRelease.objects.published().filter(topics=OuterRef("pk"))))


class Topic(SluggedModel):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("press:topic_detail", kwargs={"slug": self.slug})


class OutletQuerySet(models.QuerySet):
    def published(self):
        """Outlets with at least one public coverage item."""
        return self.filter(Exists(Coverage.objects.published().filter(outlet=OuterRef("pk"))))


class Outlet(SluggedModel):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        WIRE = "wire", _("News agency")
        BROADCASTER = "broadcaster", _("Broadcaster")
        PORTAL = "portal", _("Online portal")
        GOVERNMENT = "government", _("Government")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEWSPAPER)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(
        _("primary language"),
        max_length=16,
        choices=ARTICLE_LANGUAGE_CHOICES,
        help_text=_("The language most of its articles are written in."),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_outside_url])

    objects = OutletQuerySet.as_manager()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug


class PressContact(models.Model):
    """Whom journalists call about a release."""

    name = models.CharField(_("name"), max_length=120)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.department})" if self.department else self.name


class PhotoImageField(models.ImageField):
    """An ImageField that leaves an unchecked file unread until `Photo.save()` checks it.

    Django measures any file assigned to an ImageField at once, so a decompression bomb
    would explode in ``Photo(image=...)`` instead of being refused by `clean_upload`. The
    dimensions of a checked file (or one already stored) are read as usual.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        assigned = instance.__dict__.get(self.attname)
        unchecked = isinstance(assigned, File) and not isinstance(assigned, FieldFile)
        if unchecked and not is_clean(assigned):
            return
        super().update_dimension_fields(instance, force, *args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class PhotoQuerySet(models.QuerySet):
    def published(self):
        """A photo is public once a public trip or a public release shows it; a photo
        held back is shown by its trip only once a public release shows it too."""
        return self.filter(
            (public_q("visit__") & Q(held_back=False))
            | Exists(ReleasePhoto.objects.filter(public_q("release__"), photo=OuterRef("pk")))
        )


@reversion.register()
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
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("trip"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
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
        replaced = getattr(self, "_rendered", (None,))[0]
        super().save(*args, **kwargs)
        if replaced and replaced != self.image.name:
            old = Photo(image=replaced, width=self.width, height=self.height)
            transaction.on_commit(partial(delete_files, old), robust=True)
        if self.image and self.rendition_key() != getattr(self, "_rendered", None):
            self._rendered = self.rendition_key()
            # robust: the photo is saved; a storage hiccup is logged, not a 500, and
            # `manage.py make_renditions` makes what is missing.
            transaction.on_commit(partial(make_renditions, self), robust=True)

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
        loaded = dict(zip(field_names, values, strict=True))
        # Read from the row, not the instance: a deferred field would be fetched again.
        photo._rendered = tuple(loaded.get(name) for name in ("image", "focal_x", "focal_y"))
        return photo

    def rendition_key(self):
        """What the renditions depend on: when it changes, they are made anew."""
        return (self.image.name, self.focal_x, self.focal_y)

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
    transaction.on_commit(partial(delete_files, instance), robust=True)


def ready_field(code: str) -> str:
    """``ready_zh_hans``: the name of a release's ready flag for a language."""
    return f"ready_{code.replace('-', '_')}"


def language_time_field(code: str) -> str:
    """``public_from_zh_hans``: the name of a language's own publication time."""
    return f"public_from_{code.replace('-', '_')}"


def ready_flag(verbose_name) -> models.BooleanField:
    return models.BooleanField(
        verbose_name,
        default=False,
        help_text=_(
            "Tick when this language's text is final. A language that is not ready is "
            "never shown: readers of it see a ready language and a “translation pending” note."
        ),
    )


def language_time(verbose_name) -> models.DateTimeField:
    return models.DateTimeField(
        verbose_name,
        null=True,
        blank=True,
        db_index=True,  # a language's feed asks for its newest own time
        help_text=_(
            "Optional: a later time for this language alone (its own embargo). Empty: "
            "with the release."
        ),
    )


def language_out_q(code: str, now=None) -> Q:
    """A release's text in ``code`` is out: ready, and its own time (if any) has come."""
    now = now or timezone.now()
    own_time = language_time_field(code)
    return Q(**{ready_field(code): True}) & (
        Q(**{f"{own_time}__isnull": True}) | Q(**{f"{own_time}__lte": now})
    )


def next_release_moments(now) -> dict:
    """When a release next changes by time alone after ``now``: a ready language's own
    publication time, or a withdrawal set for later (the page cache's horizon; the
    releases' own publication times are counted with every publishable model's)."""
    approved = PressRelease.objects.filter(status__in=APPROVED)
    moments = {}
    for code in LANGUAGE_CODES:
        field = language_time_field(code)
        moments[f"release_{field}"] = (
            approved.filter(**{ready_field(code): True, f"{field}__gt": now})
            .order_by(field)
            .values_list(field, flat=True)
        )
    moments["release_withdrawn_at"] = (
        PressRelease.objects.filter(status=Status.WITHDRAWN, was_public=True, withdrawn_at__gt=now)
        .order_by("withdrawn_at")
        .values_list("withdrawn_at", flat=True)
    )
    return moments


def withdrawn_q() -> Q:
    """Withdrawn after having been public (`PressRelease.was_public`, recorded when the
    release was withdrawn), once the withdrawal time has come."""
    return Q(status=Status.WITHDRAWN, was_public=True, withdrawn_at__lte=timezone.now())


def public_at(status, published_at, moment) -> bool:
    """Whether a release in ``status`` with ``published_at`` was public at ``moment``."""
    return status in APPROVED and published_at is not None and published_at <= moment


class PressReleaseQuerySet(PublishableQuerySet):
    def for_list(self):
        """What a list of releases shows, in a constant number of queries."""
        return self.select_related("visit").prefetch_related("topics")

    def withdrawn(self):
        """Releases that were public and have been withdrawn: their pages stay, with a
        notice, but they leave every list, feed and sitemap."""
        return self.filter(withdrawn_q())

    def on_record(self):
        """What a release page may show: public releases and withdrawn ones."""
        return self.filter(public_q() | withdrawn_q())

    def out_in(self, code: str):
        """Public releases whose text in ``code`` is out (a language's feed carries these)."""
        return self.published().filter(language_out_q(code))

    def language_times(self, code: str):
        """Annotate ``out_at``: when the release went out in ``code`` (the later of the
        release's time and the language's own)."""
        own_time = language_time_field(code)
        return self.annotate(out_at=Greatest("published_at", Coalesce(own_time, "published_at")))


def language_goes_with_release(code: str) -> Q:
    return Q(**{ready_field(code): True, f"{language_time_field(code)}__isnull": True})


@reversion.register(follow=("gallery",))
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
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("trip"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
    )
    engagements = models.ManyToManyField(
        Engagement,
        verbose_name=_("engagements covered"),
        blank=True,
        related_name="releases",
    )
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
                condition=~Q(status__in=APPROVED)
                | Q(
                    *[language_goes_with_release(code) for code in LANGUAGE_CODES], _connector=Q.OR
                ),
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
        return getattr(self, ready_field(code))

    def language_time(self, code: str):
        """When the release goes out in ``code`` (None while not ready or not scheduled)."""
        if not self.is_ready(code) or self.published_at is None:
            return None
        own = getattr(self, language_time_field(code))
        return max(self.published_at, own) if own else self.published_at

    def public_languages(self) -> tuple[str, ...]:
        """Languages whose text a reader may see now. `visits.text.translated_field`
        falls back among these only, so an unfinished translation never shows. A staff
        or shared preview sets ``show_every_language``."""
        if getattr(self, "show_every_language", False):
            return LANGUAGE_CODES
        # A withdrawn release shows what was out when it was withdrawn, nothing later.
        # (withdrawn_at is set exactly when the status is withdrawn: see save().)
        cutoff = min(timezone.now(), self.withdrawn_at or timezone.now())
        return tuple(
            code
            for code in LANGUAGE_CODES
            if (out_at := self.language_time(code)) is not None and out_at <= cutoff
        )

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
        return any(
            self.is_ready(code) and not getattr(self, language_time_field(code))
            for code in LANGUAGE_CODES
        )

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
        return f"{self.release}: {self.photo}"


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
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("trip"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coverage",
    )
    engagements = models.ManyToManyField(
        Engagement, verbose_name=_("engagements covered"), blank=True, related_name="coverage"
    )
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
