"""Responsive renditions of a photo, made with django-imagekit.

Each photo gets, once, by a task queued when it is saved with a new image or focal point
(`press.tasks`):

- widths of 320 to 1600 px (never wider than the original) in AVIF (when Pillow can write
  it), WebP and JPEG, for ``<picture>`` with a width-based ``srcset``;
- crops around the editor's focal point: a 3:2 card at 480 and 960 px, and the 1200 x 630
  social image (JPEG, which every social network reads).

The files live on the default storage (local files or S3, by settings alone) in a
folder per original under ``renditions/``, named by a hash of the source name and the
recipe, so their URLs are computed without asking the storage (imagekit's *Optimistic*
strategy): serving a page never checks for or makes a file. Until a photo's renditions
are made, pages show its original (re-encoded on upload) at its own size instead: the
photo's row says whether they are (`Photo.renditions_key`, compared with `key`), so a page
knows without asking the storage or the database. `manage.py make_renditions` makes any
that are missing.

A rendition is written whole or not at all (`store`), so a worker killed mid-task leaves
no half-written file for the next attempt to take as made.
"""

import contextlib
import hashlib
import os
import posixpath
import secrets
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFill, ResizeToFit
from imagekit.utils import suggest_extension
from PIL import Image, features
from pilkit.utils import open_image, process_image

from visits import changes

WIDTHS = (320, 640, 960, 1280, 1600)
#: Formats offered to browsers that read them, best first; JPEG is everyone's fallback.
MODERN_FORMATS = ("AVIF", "WEBP") if features.check("avif") else ("WEBP",)
FALLBACK_FORMAT = "JPEG"
MEDIA_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg"}
SAVE_OPTIONS = {
    "AVIF": {"quality": 60, "speed": 8},
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
}
#: What a rendition keeps of its original's metadata (`Rendition.encode`): the colour
#: profile, and the transparent colour of a palette image.
KEPT_INFO = ("icc_profile", "transparency")
#: Cropped renditions: name → (width, height) of each size.
CROPS = {
    "card": ((480, 320), (960, 640)),
    "social": ((1200, 630),),
}
#: Which recipes the renditions follow: raise it when a size, format or quality changes, so
#: that pages show the originals until `manage.py make_renditions` has made the new files.
RECIPES = 1


class Rendition(ImageSpec):
    """One rendition: resized to a width, or cropped to a box around a focal point."""

    def __init__(self, source, *, fmt, width, height=None, focus=(0.5, 0.5)):
        super().__init__(source)
        self.format = fmt
        self.options = SAVE_OPTIONS[fmt]
        if height is None:
            self.processors = [ResizeToFit(width=width, upscale=False)]
        else:
            self.processors = [ResizeToFill(width, height, anchor=focus)]

    def generate(self):
        """From `decoded` when `make_renditions` has decoded the source once for all
        renditions; imagekit would otherwise read and decode the original each time."""
        decoded = getattr(self, "decoded", None)
        if decoded is not None:
            return self.encode(decoded.copy())
        closed = self.source.closed
        if closed:
            self.source.open()
        try:
            return self.encode(open_image(self.source))
        finally:
            if closed:
                self.source.close()

    def encode(self, image: Image.Image):
        """The rendition's file, with none of the original's metadata but its colour
        profile: Pillow writes back some of what it read (a JPEG's comment, which may
        hold HTML, from an original stored before uploads were cleaned of it)."""
        image.load()
        image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
        return process_image(
            image,
            processors=self.processors,
            format=self.format,
            autoconvert=self.autoconvert,
            options=self.options,
        )

    @property
    def cachefile_name(self):
        """``renditions/photos/2024/07/pier.jpg/<hash>.webp``: one folder per original.
        (imagekit's own namer drops the extension, so pier.jpg and pier.png would share a
        folder, and deleting one photo would take the other's renditions with it.)"""
        source = self.source.name
        name = f"{self.get_hash()}{suggest_extension(source, self.format)}"
        return posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, source, name)


def key(photo) -> str:
    """What a photo's renditions are made from: its original, its focal point, the recipes
    and the formats this Pillow writes. Whoever makes them stores it in the row
    (`Photo.renditions_key`); while the row's key is another (a new image or focal point,
    new recipes, or a web server whose Pillow writes other formats than the worker's),
    pages show the original rather than link a file that may not exist."""
    formats = ",".join(MODERN_FORMATS)
    made_from = f"{RECIPES}|{formats}|{photo.image.name}|{photo.focal_x}|{photo.focal_y}"
    return hashlib.blake2b(made_from.encode(), digest_size=8).hexdigest()


def ready(photo) -> bool:
    """Whether the photo's renditions are made: read from the row, never the storage."""
    return bool(photo.image) and photo.renditions_key == key(photo)


def focus(photo) -> tuple[float, float]:
    return (photo.focal_x / 100, photo.focal_y / 100)


def widths(photo) -> list[int]:
    """The srcset widths of a photo: the standard ones below its own width, then its
    own width (capped at the largest), so no rendition is upscaled."""
    own = min(photo.width or WIDTHS[0], WIDTHS[-1])
    return [width for width in WIDTHS if width < own] + [own]


#: Rendition URLs by recipe. imagekit names a file by hashing its recipe with a
#: pure-Python pickle (about 70 µs); a page of 20 photos needs hundreds of URLs, and a
#: given recipe always gives the same file, so each URL is worked out once per process.
#: (Media storage must then give stable URLs: public files, not expiring signed ones.)
_urls: dict[tuple, str] = {}
MAX_REMEMBERED_URLS = 100_000


def cache_file(photo, *, fmt: str, width: int, height: int | None = None) -> ImageCacheFile:
    point = focus(photo) if height else (0.5, 0.5)
    spec = Rendition(photo.image, fmt=fmt, width=width, height=height, focus=point)
    return ImageCacheFile(spec)


def url(photo, *, fmt: str, width: int, height: int | None = None) -> str:
    """The URL of one rendition, without asking the storage whether it exists."""
    key = (photo.image.name, fmt, width, height, focus(photo) if height else None)
    found = _urls.get(key)
    if found is None:
        if len(_urls) >= MAX_REMEMBERED_URLS:
            _urls.clear()
        found = _urls[key] = cache_file(photo, fmt=fmt, width=width, height=height).url
    return found


def resized(photo, width: int, fmt: str) -> ImageCacheFile:
    return cache_file(photo, fmt=fmt, width=width)


def cropped(photo, size: tuple[int, int], fmt: str) -> ImageCacheFile:
    width, height = size
    return cache_file(photo, fmt=fmt, width=width, height=height)


@dataclass(frozen=True)
class Source:
    """One ``<source>`` (or the ``<img>``'s own srcset) of a ``<picture>``."""

    media_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    sources: list[Source]
    fallback: Source
    src: str
    width: int
    height: int


def picture(photo, crop: str | None = None) -> Picture:
    """What ``<picture>`` needs for a photo, whole or cropped (``crop="card"``); its
    original until its renditions are made."""
    if not ready(photo):
        return original_picture(photo, crop)
    if crop is None:
        sizes = [(width, None) for width in widths(photo)]
        box = (photo.width, photo.height)
    else:
        sizes = list(CROPS[crop])
        box = sizes[-1]

    def srcset(fmt):
        return ", ".join(f"{url(photo, fmt=fmt, width=w, height=h)} {w}w" for w, h in sizes)

    # The middle size is a sensible src for the few browsers without srcset.
    middle_width, middle_height = sizes[len(sizes) // 2]
    fallback = srcset(FALLBACK_FORMAT)
    return Picture(
        sources=[Source(MEDIA_TYPES[fmt], srcset(fmt)) for fmt in MODERN_FORMATS],
        fallback=Source(MEDIA_TYPES[FALLBACK_FORMAT], fallback),
        src=url(photo, fmt=FALLBACK_FORMAT, width=middle_width, height=middle_height),
        width=box[0],
        height=box[1],
    )


def original_picture(photo, crop: str | None = None) -> Picture:
    """The original alone, while the renditions are being made: the file every photo has
    from its upload on, with its own proportions (a crop's width, the original's shape,
    so that nothing is stretched where the page does not crop it with CSS)."""
    width, height = photo.width, photo.height
    if crop is not None and width and height:
        crop_width = CROPS[crop][-1][0]
        scale = min(1, crop_width / width)
        width, height = max(round(width * scale), 1), max(round(height * scale), 1)
    original = photo.image.url
    srcset = f"{original} {photo.width}w" if photo.width else original
    return Picture(
        sources=[],
        fallback=Source(photo.media_type, srcset),
        src=original,
        width=width,
        height=height,
    )


def social_image(photo) -> ImageCacheFile:
    """The 1200 x 630 JPEG for OpenGraph and similar previews."""
    return cropped(photo, CROPS["social"][0], FALLBACK_FORMAT)


def social_image_url(photo) -> str:
    """The social crop's URL; the original's until the renditions are made."""
    if not ready(photo):
        return photo.image.url
    width, height = CROPS["social"][0]
    return url(photo, fmt=FALLBACK_FORMAT, width=width, height=height)


def thumbnail_url(photo) -> str:
    """A small JPEG for the admin: the smallest width of the srcset (made or not: the
    admin asks `ready` first)."""
    return url(photo, fmt=FALLBACK_FORMAT, width=widths(photo)[0])


def all_renditions(photo) -> list[ImageCacheFile]:
    files = [
        resized(photo, width, fmt)
        for width in widths(photo)
        for fmt in (*MODERN_FORMATS, FALLBACK_FORMAT)
    ]
    for crop, sizes in CROPS.items():
        formats = (FALLBACK_FORMAT,) if crop == "social" else (*MODERN_FORMATS, FALLBACK_FORMAT)
        files += [cropped(photo, size, fmt) for size in sizes for fmt in formats]
    return files


def make_renditions(photo, force: bool = False) -> int:
    """Make the photo's missing renditions (all of them with ``force``), then record in its
    row that they are made (`record_made`); returns how many files were written."""
    if not photo.image:
        return 0
    missing = [
        file for file in all_renditions(photo) if force or not file.storage.exists(file.name)
    ]
    if missing:
        working = working_copy(photo)
        for file in missing:
            file.generator.decoded = working
            store(file.storage, file.name, file.generator.generate())
    record_made(photo)
    return len(missing)


def store(storage, name: str, content) -> None:
    """Write one rendition so that a reader sees the old file or the new one, never part of
    one, and a worker killed mid-write leaves no file under its name (which `make_renditions`
    would then take as made). It replaces a file of that name in place: a page never
    finds it missing, even during ``make_renditions --force``."""
    content.seek(0)
    if isinstance(storage, FileSystemStorage):
        path = storage.path(name)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        # Beside the file, so that the rename stays on one file system (and is atomic);
        # ".part" is no image type, so the media route never serves one left behind.
        partial = os.path.join(folder, f".{os.path.basename(path)}.{secrets.token_hex(4)}.part")
        # The permissions a file saved by the storage gets (0o666 less the umask).
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(content, out)
                out.flush()
                os.fsync(out.fileno())  # the bytes before the name, should the machine stop
            if storage.file_permissions_mode is not None:
                os.chmod(partial, storage.file_permissions_mode)
            os.replace(partial, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(partial)
            raise
    else:
        # Object storage (S3 through django-storages): an upload creates its object only
        # once it is complete (a single PUT, or a multipart upload's final request) and
        # replaces one of the same name whole. `_save` writes under exactly this name;
        # `save` would pick another name beside an existing file, as the bucket does not
        # overwrite uploads (README, "Media on object storage").
        storage._save(name, ContentFile(content.read(), name=posixpath.basename(name)))


def record_made(photo) -> bool:
    """Record in the photo's row that its renditions are made, if the row still has the
    original and focal point they were made from, and announce it as a change of the photo,
    so that cached pages showing the original retire. Returns whether the row changed.

    An update, not a save: no revision, no new edit number (an editor's open form stays
    valid) and no new task."""
    made = key(photo)
    if photo.pk is None or photo.renditions_key == made:
        return False
    model = type(photo)
    changed = (
        model._base_manager.filter(
            pk=photo.pk, image=photo.image.name, focal_x=photo.focal_x, focal_y=photo.focal_y
        )
        .exclude(renditions_key=made)
        .update(renditions_key=made)
    )
    photo.renditions_key = made
    if changed:
        changes.changed_rows(model, [photo.pk])
    return bool(changed)


def working_copy(photo) -> Image.Image:
    """The original decoded once, at the smallest size every rendition can be made from
    without upscaling (a 24-megapixel original is decoded at reduced scale)."""
    widest = WIDTHS[-1]
    tallest = max(height for sizes in CROPS.values() for _width, height in sizes)
    with photo.image.open("rb") as source, Image.open(source) as image:
        width, height = image.size
        scale = min(1, max(widest / width, tallest / height))
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        image.draft(image.mode if image.mode in ("RGB", "L") else None, target)
        decoded = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if decoded.size != target:
        decoded = decoded.resize(target, Image.Resampling.LANCZOS)
    return decoded


def delete_files(photo) -> None:
    """Remove a photo's original and every rendition of it from the storage (after the
    row is deleted or the image replaced), so no file outlives its photo."""
    if not photo.image.name:
        return
    storage = photo.image.storage
    folders = {file.name.rsplit("/", 1)[0] for file in all_renditions(photo)}
    for folder in folders:
        try:
            _dirs, names = storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            storage.delete(f"{folder}/{name}")
    storage.delete(photo.image.name)
