"""Safe image uploads, for press photos and people's portraits alike: check, decode,
turn upright, re-encode, strip location; and the allow-list of image types the site
stores and serves.

Nothing an editor uploads is stored as it came. `clean_upload()` refuses anything that
is not a still JPEG, PNG or WebP whose content matches its name, is too large in bytes
or in pixels, or does not decode to the end; it then applies the EXIF orientation,
converts odd modes (CMYK, 16-bit, palette) and re-encodes the pixels into a new file
that keeps only what the press needs from the metadata (date taken, copyright, artist,
the colour profile) and nothing else: no GPS position, no comment, no XMP. Every
refusal is a `ValidationError` in the editor's language, raised before anything reaches
the storage. `CheckedImageField` is an image field whose files all go through it.

Imports nothing of the project's (``press`` imports it: ``press.images``).
"""

import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import signals
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

#: Accepted formats: Pillow's name → (the extension we store, the extensions accepted).
FORMATS = {
    "JPEG": (".jpg", {".jpg", ".jpeg"}),
    "PNG": (".png", {".png"}),
    "WEBP": (".webp", {".webp"}),
}
ACCEPTED_EXTENSIONS = sorted(ext for _stored, accepted in FORMATS.values() for ext in accepted)

#: Every kind of file the newsroom writes to its media storage (originals in `FORMATS`,
#: photos' renditions in AVIF, WebP and JPEG), by extension: the only files the media
#: route serves and a restore accepts rows for.
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
#: How many first bytes of a file `media_type` needs to tell its kind.
HEAD_BYTES = 32


def media_type(name: str, head: bytes | None = None) -> str | None:
    """The Content-Type of the stored file ``name`` if it is an image of a kind the
    newsroom writes, else None. Given ``head`` (its first `HEAD_BYTES`), its content
    must say the same as its name: an HTML file named ``.jpg`` is no photo."""
    content_type = MEDIA_TYPES.get(PurePath(name.lower()).suffix)
    if content_type is None or head is None:
        return content_type
    return content_type if begins_as(head, content_type) else None


def begins_as(head: bytes, content_type: str) -> bool:
    if content_type == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if content_type == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if content_type == "image/webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    # AVIF: an ISO media file whose ftyp box names AVIF as its brand or a compatible one.
    if head[4:8] != b"ftyp":
        return False
    end = min(len(head), int.from_bytes(head[:4], "big"))
    brands = {head[8:12], *(head[at : at + 4] for at in range(16, end - 3, 4))}
    return bool(brands & {b"avif", b"avis"})


#: Set on a file `clean_upload()` made, so that saving it does not re-encode it again.
CLEAN_MARK = "pressroom_clean"


def is_clean(file) -> bool:
    return getattr(file, CLEAN_MARK, False)


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded upload, ready to be stored."""

    content: ContentFile
    width: int
    height: int
    taken_at: datetime | None


def clean_upload(upload) -> CleanImage:
    """Check an uploaded file and return it re-encoded, or raise `ValidationError`."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name.lower()).suffix
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a photo we accept: upload a JPEG, PNG or WebP file.")
            % {"name": name},
            code="extension",
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    limit = settings.PRESSROOM_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; photos may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    image = open_checked(upload, name, extension)
    image_format = base_format(image)
    try:
        taken_at = date_taken(image)
        kept = kept_exif(image)
        # A CMYK profile would be wrong once the pixels are RGB.
        icc_profile = image.info.get("icc_profile") if image.mode != "CMYK" else None
        image = ImageOps.exif_transpose(image)
        image = normal_mode(image, image_format)
        # Pillow writes some of what it read back out (a JPEG's comment, which may hold
        # HTML); only what is passed below is kept.
        image.info = {}
        output = io.BytesIO()
        save_options = {"exif": kept.tobytes()} if len(kept) else {}
        if icc_profile:
            save_options["icc_profile"] = icc_profile
        if image_format == "JPEG":
            image.save(output, "JPEG", quality=90, optimize=True, progressive=True, **save_options)
        elif image_format == "PNG":
            image.save(output, "PNG", optimize=True, **save_options)
        else:
            image.save(output, "WEBP", quality=90, method=4, **save_options)
    except (OSError, ValueError, SyntaxError) as error:
        raise unreadable(name) from error
    stem = PurePath(name).stem[:80] or "photo"
    content = ContentFile(output.getvalue(), name=f"{stem}{FORMATS[image_format][0]}")
    setattr(content, CLEAN_MARK, True)
    return CleanImage(content, image.width, image.height, taken_at)


def unreadable(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” could not be read as a photo: it may be damaged or not an image.")
        % {"name": name},
        code="unreadable",
    )


def open_checked(upload, name: str, extension: str) -> Image.Image:
    """The upload decoded to its last pixel, once its format, frames and pixel count
    have been checked from the header (a decompression bomb is refused unread)."""
    max_pixels = settings.PRESSROOM_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice that; ours is an error.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except Image.DecompressionBombError as error:
        raise too_many_pixels(name, max_pixels) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise unreadable(name) from error
    image_format = base_format(image)
    if image_format not in FORMATS:
        raise ValidationError(
            _("“%(name)s” is a %(format)s file, not a JPEG, PNG or WebP photo.")
            % {"name": name, "format": image_format or "?"},
            code="format",
        )
    if extension not in FORMATS[image_format][1]:
        raise ValidationError(
            _("“%(name)s” is named like a %(named)s file but is really %(format)s.")
            % {"name": name, "named": extension.lstrip(".").upper(), "format": image_format},
            code="mismatch",
        )
    width, height = image.size
    if width * height > max_pixels:
        raise too_many_pixels(name, max_pixels)
    # A multi-picture JPEG (MPO: phones' HDR gain maps, 3D cameras) is a photo with
    # extra images; the first one is the photo, the rest is dropped on re-encoding.
    if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:
        raise ValidationError(
            _("“%(name)s” is animated; upload a still photo.") % {"name": name},
            code="animated",
        )
    try:
        image.load()
    except (OSError, ValueError, SyntaxError) as error:  # truncated or corrupt data
        raise unreadable(name) from error
    return image


def base_format(image: Image.Image) -> str | None:
    """The format an image is accepted as: a multi-picture JPEG counts as a JPEG."""
    return "JPEG" if image.format == "MPO" else image.format


def too_many_pixels(name: str, max_pixels: int) -> ValidationError:
    return ValidationError(
        _("“%(name)s” has too many pixels; photos may have at most %(megapixels)s megapixels.")
        % {"name": name, "megapixels": f"{max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )


def normal_mode(image: Image.Image, image_format: str) -> Image.Image:
    """8-bit RGB, or RGBA when the image has transparency (CMYK, 16-bit greyscale and
    palette images are converted; a JPEG cannot carry alpha)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode.startswith("I"):  # 16- or 32-bit greyscale
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image_format == "JPEG" or not has_alpha:
        return image if image.mode == "RGB" else image.convert("RGB")
    return image if image.mode == "RGBA" else image.convert("RGBA")


def kept_exif(image: Image.Image) -> Image.Exif:
    source = image.getexif()
    details = source.get_ifd(ExifTags.IFD.Exif)
    kept = Image.Exif()
    for tag in (ExifTags.Base.Copyright, ExifTags.Base.Artist):
        if tag in source:
            kept[tag] = source[tag]
    if details:
        kept_details = {
            tag: details[tag]
            for tag in (ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal)
            if tag in details
        }
        if kept_details:
            kept[ExifTags.IFD.Exif] = kept_details
    return kept


def date_taken(image: Image.Image) -> datetime | None:
    """EXIF DateTimeOriginal, in its own offset when given, else in the site's zone."""
    details = image.getexif().get_ifd(ExifTags.IFD.Exif)
    text = details.get(ExifTags.Base.DateTimeOriginal)
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.strptime(text.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = details.get(ExifTags.Base.OffsetTimeOriginal)
    if isinstance(offset, str):
        try:
            return datetime.strptime(
                f"{moment:%Y-%m-%d %H:%M:%S}{offset.strip()}", "%Y-%m-%d %H:%M:%S%z"
            )
        except ValueError:
            pass
    return timezone.make_aware(moment)


# --- an image field whose every file is checked -----------------------------------------


class CheckedImageFormField(forms.FileField):
    """The form field of a `CheckedImageField`: a new upload is checked and re-encoded
    here, so a refusal is shown beside the field. (Django's image form field would answer
    first, with a vaguer message, after opening the file unchecked.)"""

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ",".join(ACCEPTED_EXTENSIONS)}

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return clean_upload(value).content
        return value


class UnmeasuredImageField(models.ImageField):
    """An image field that measures a file only once `clean_upload` has checked it (or it
    is stored already): Django measures any file assigned to an ImageField at once, so a
    decompression bomb would explode on assignment instead of being refused."""

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        assigned = instance.__dict__.get(self.attname)
        unchecked = isinstance(assigned, File) and not isinstance(assigned, FieldFile)
        if unchecked and not is_clean(assigned):
            return
        super().update_dimension_fields(instance, force, *args, **kwargs)

    def deconstruct(self):
        # Migrations keep naming Django's field: the checks change no column.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


class CheckedImageField(UnmeasuredImageField):
    """An image field that stores only what `clean_upload` accepts, re-encoded: forms check
    an upload at once (`CheckedImageFormField`), and saving checks a file a script or an
    import assigned directly, refusing it with a `ValidationError` for the field."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # On pre_save, before the save builds its SQL: a refusal raised from the
            # field's own pre_save would spoil the caller's transaction.
            signals.pre_save.connect(self.check_new_file, sender=cls)

    def check_new_file(self, sender, instance, raw=False, **kwargs):
        file = getattr(instance, self.attname)
        if raw or not file or file._committed or is_clean(file.file):
            return
        try:
            cleaned = clean_upload(file.file)
        except ValidationError as error:
            raise ValidationError({self.name: error.messages}) from error
        setattr(instance, self.attname, cleaned.content)
