"""Issue 5's acceptance tests: photo uploads and their renditions.

Every file is made here, with Pillow or as raw bytes. Each bad upload is tried through
the admin's add form and through ``Photo.save()``; either way it must come back as a
clear error in the editor's language with nothing stored, and each good one must be
stored upright, 8-bit, and without its GPS position. Renditions are checked by opening
the files the storage holds, and pages are read as a browser would read them.

Each test gets an empty in-memory storage, so "nothing stored" means no file at all.
"""

import io
import random
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageStat, PngImagePlugin, features

from press import renditions
from press.images import CLEAN_MARK
from press.models import Photo
from visits.readmodel import building, reading

from .factories import PressReleaseFactory, VisitFactory

pytestmark = pytest.mark.django_db

CREDIT = "Seoul Metropolitan Government"
AVIF = features.check("avif")
RED, BLUE, GREY = (220, 30, 30), (30, 30, 220), (128, 128, 128)


@pytest.fixture(autouse=True)
def storage(settings):
    """A new, empty in-memory storage for each test (changing STORAGES resets it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert stored() == set()
    return default_storage


def stored(folder="") -> set[str]:
    """Every file name on the default storage, at any depth."""
    folders, files = default_storage.listdir(folder)
    names = {f"{folder}/{name}".lstrip("/") for name in files}
    for sub in folders:
        names |= stored(f"{folder}/{sub}".lstrip("/"))
    return names


def open_stored(name) -> Image.Image:
    with default_storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def name_of(url: str) -> str:
    """The storage name behind a media URL."""
    path = unquote(urlsplit(url).path)
    base = urlsplit(default_storage.base_url).path
    assert path.startswith(base), url
    return path.removeprefix(base)


# --- files ---------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size=(200, 150), seed=5) -> Image.Image:
    """Random pixels, which compress badly: a file of a predictable, sizeable length."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, data)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG with nothing but a header claiming these dimensions (a few dozen bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IEND", b"")


def png_16bit_rgb(width=24, height=16) -> bytes:
    """A real 16-bit-per-channel RGB PNG (Pillow cannot write one): red at 0xFF00."""
    row = b"\x00" + struct.pack(">HHH", 0xFF00, 0x1000, 0x1000) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(row * height))
        + png_chunk(b"IEND", b"")
    )


def png_16bit_grey() -> bytes:
    image = Image.new("I;16", (24, 16), 0x8000)
    data = encode(image, "PNG")
    assert data[24:26] == b"\x10\x00"  # IHDR: bit depth 16, greyscale
    return data


def psd(width=8, height=6) -> bytes:
    """A minimal Photoshop file: header, three empty sections, raw RGB pixels."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    sections = struct.pack(">III", 0, 0, 0)  # colour mode data, resources, layers
    return header + sections + struct.pack(">H", 0) + b"\x80" * (width * height * 3)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
    b'onload="alert(1)"><script>alert(document.cookie)</script>'
    b'<rect width="10" height="10" fill="red"/></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE)]
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def jpeg(size=(200, 150), **options) -> bytes:
    return encode(noise(size), "JPEG", quality=90, **options)


TAKEN = datetime(2024, 7, 25, 14, 30, tzinfo=timezone(timedelta(hours=8)))


def phone_photo(orientation: int) -> bytes:
    """What a phone held upright writes: the sensor's landscape pixels and EXIF saying how
    to turn them. Upright, the photo is 300 x 400 with a red square in its top-left corner."""
    upright = Image.new("RGB", (300, 400), GREY)
    ImageDraw.Draw(upright).rectangle((0, 0, 79, 79), fill=RED)
    # Orientation 6: shown turned 90° clockwise; 8: 90° anticlockwise.
    turn = Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270
    sensor = upright.transpose(turn)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Artist] = "Kim Min-ji"
    exif[ExifTags.Base.Copyright] = CREDIT
    exif[ExifTags.IFD.Exif] = {
        ExifTags.Base.DateTimeOriginal: TAKEN.strftime("%Y:%m:%d %H:%M:%S"),
        ExifTags.Base.OffsetTimeOriginal: "+08:00",
    }
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (39.0, 54.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (116.0, 23.0, 29.0),
    }
    return encode(sensor, "JPEG", quality=95, exif=exif.tobytes())


def gradient(size) -> Image.Image:
    """A smooth picture, quick to encode in every format."""
    horizontal = Image.linear_gradient("L").resize(size)
    vertical = horizontal.transpose(Image.Transpose.ROTATE_90).resize(size)
    return Image.merge("RGB", (horizontal, vertical, Image.new("L", size, 90)))


def halves(size) -> Image.Image:
    """Red on the left half, blue on the right."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=RED)
    return image


# --- the two ways in --------------------------------------------------------------------


def admin_add_url(language="en"):
    with translation.override(language):
        return reverse("admin:press_photo_add")


def post_to_admin(client, name: str, data: bytes, language="en", **fields):
    form = {
        "credit": CREDIT,
        "caption_en": "The mayor at the signing",
        "order": 0,
        "focal_x": 50,
        "focal_y": 50,
        "image": SimpleUploadedFile(name, data),
        **fields,
    }
    return client.post(admin_add_url(language), form)


class FieldRow(HTMLParser):
    """The text of the admin form row that holds one field (``field-<name>``)."""

    def __init__(self, html, field_name):
        super().__init__(convert_charrefs=True)
        self.css_class = f"field-{field_name}"
        self.depth = 0  # >0 while inside the row
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag != "div":
            return
        if self.depth or self.css_class in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)

    def __str__(self):
        return " ".join(" ".join(self.text).split())


def shown_image_errors(response) -> str:
    return str(FieldRow(response.content.decode(), "image"))


def save_photo(name: str, data: bytes, **fields) -> Photo:
    photo = Photo(image=ContentFile(data, name=name), credit=CREDIT, **fields)
    photo.save()
    return photo


# --- bad uploads ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    name: str
    make: Callable[[], bytes]
    code: str
    message: str
    settings: dict = field(default_factory=dict)


BAD = [
    pytest.param(
        Bad(
            "truncated.jpg",
            lambda: jpeg()[:3000],
            "unreadable",
            "“truncated.jpg” could not be read as a photo",
        ),
        id="truncated-jpeg",
    ),
    pytest.param(
        Bad(
            "bomb.png",
            lambda: png_header(100_000, 100_000),
            "too_many_pixels",
            "“bomb.png” has too many pixels; photos may have at most 60 megapixels.",
        ),
        id="bomb-100000x100000",
    ),
    pytest.param(
        # Above Pillow's own limit but under twice it, where Pillow only warns.
        Bad(
            "bomb.png",
            lambda: png_header(10_000, 10_000),
            "too_many_pixels",
            "“bomb.png” has too many pixels",
        ),
        id="bomb-pillow-warns",
    ),
    pytest.param(
        # A real, whole photo one row over our limit, far under Pillow's.
        Bad(
            "large.png",
            lambda: encode(Image.new("RGB", (1000, 1501), GREY), "PNG"),
            "too_many_pixels",
            "“large.png” has too many pixels; photos may have at most 1.5 megapixels.",
            {"PRESSROOM_MAX_IMAGE_PIXELS": 1_500_000},
        ),
        id="just-over-our-pixel-limit",
    ),
    pytest.param(
        Bad(
            "huge.png",
            lambda: png_header(2**31 - 1, 2**31 - 1),
            "too_many_pixels",
            "“huge.png” has too many pixels",
        ),
        id="png-2147483647-square",
    ),
    pytest.param(
        Bad("strip.png", lambda: png_header(1, 100_000_000), "too_many_pixels", "too many pixels"),
        id="png-1x100000000",
    ),
    pytest.param(
        Bad("nothing.png", lambda: png_header(0, 0), "unreadable", "could not be read as a photo"),
        id="png-0x0",
    ),
    pytest.param(
        Bad(
            "report.jpg",
            lambda: encode(Image.new("RGB", (20, 20), RED), "PDF"),
            "unreadable",
            "“report.jpg” could not be read as a photo",
        ),
        id="pdf-as-jpg",
    ),
    pytest.param(
        Bad(
            "layers.jpg",
            psd,
            "format",
            "“layers.jpg” is a PSD file, not a JPEG, PNG or WebP photo.",
        ),
        id="psd-as-jpg",
    ),
    pytest.param(
        Bad(
            "logo.svg",
            lambda: SVG,
            "extension",
            "“logo.svg” is not a photo we accept: upload a JPEG, PNG or WebP file.",
        ),
        id="svg",
    ),
    pytest.param(
        Bad("logo.png", lambda: SVG, "unreadable", "“logo.png” could not be read as a photo"),
        id="svg-as-png",
    ),
    pytest.param(
        Bad("page.png", lambda: HTML, "unreadable", "“page.png” could not be read as a photo"),
        id="html-as-png",
    ),
    pytest.param(
        # The admin's file field answers first: "The submitted file is empty."
        Bad("empty.jpg", lambda: b"", "empty", "is empty"),
        id="zero-bytes",
    ),
    pytest.param(
        Bad(
            "moving.webp",
            lambda: animated("WEBP"),
            "animated",
            "“moving.webp” is animated; upload a still photo.",
        ),
        id="animated-webp",
    ),
    pytest.param(
        Bad("moving.gif", lambda: animated("GIF"), "extension", "is not a photo we accept"),
        id="gif",
    ),
    pytest.param(
        Bad(
            "still.png",
            lambda: encode(Image.new("RGB", (20, 20), RED), "GIF"),
            "format",
            "“still.png” is a GIF file, not a JPEG, PNG or WebP photo.",
        ),
        id="gif-as-png",
    ),
    pytest.param(
        Bad(
            "big.jpg",
            jpeg,
            "too_large",
            "“big.jpg” is {size}; photos may be at most 1000\xa0bytes.",
            {"PRESSROOM_MAX_UPLOAD_BYTES": 1000},
        ),
        id="too-many-bytes",
    ),
    pytest.param(
        Bad(
            "photo.jpg",
            lambda: encode(noise((40, 30)), "PNG"),
            "mismatch",
            "“photo.jpg” is named like a JPG file but is really PNG.",
        ),
        id="png-as-jpg",
    ),
]


def expected_message(case: Bad, data: bytes) -> str:
    """The message, with spaces made plain as `shown_image_errors()` makes them."""
    return " ".join(case.message.replace("{size}", filesizeformat(len(data))).split())


@pytest.mark.parametrize("case", BAD)
def test_admin_refuses_bad_upload(admin_client, settings, case):
    for key, value in case.settings.items():
        setattr(settings, key, value)
    data = case.make()

    response = post_to_admin(admin_client, case.name, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert list(errors) == ["image"]
    assert [error.code for error in errors["image"]] == [case.code]
    assert expected_message(case, data) in shown_image_errors(response)
    assert not Photo.objects.exists()
    assert stored() == set()


MODEL_BAD = [pytest.param(*case.values, id=case.id) for case in BAD]


@pytest.mark.parametrize("case", MODEL_BAD)
def test_model_refuses_bad_file(settings, case):
    for key, value in case.settings.items():
        setattr(settings, key, value)
    data = case.make()

    with pytest.raises(ValidationError) as raised, warnings.catch_warnings():
        # Within twice its limit Pillow only warns when Django's ImageField reads the
        # dimensions of the assigned file; save() then refuses it.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        save_photo(case.name, data)

    (message,) = raised.value.message_dict["image"]
    assert expected_message(case, data) in " ".join(message.split())
    assert not Photo.objects.exists()
    assert stored() == set()


def test_errors_come_in_the_editors_language(admin_client):
    english = post_to_admin(admin_client, "layers.jpg", psd())
    korean = post_to_admin(admin_client, "layers.jpg", psd(), language="ko")

    message = "“%(name)s” is a %(format)s file, not a JPEG, PNG or WebP photo."
    values = {"name": "layers.jpg", "format": "PSD"}
    with translation.override("ko"):
        in_korean = translation.gettext(message) % values
    assert any("\uac00" <= char <= "\ud7a3" for char in in_korean), "no Korean translation"
    assert korean.status_code == 200
    assert in_korean in shown_image_errors(korean)
    assert message % values in shown_image_errors(english)
    assert not Photo.objects.exists()
    assert stored() == set()


# --- good uploads -------------------------------------------------------------------


def assert_no_location(image: Image.Image):
    exif = image.getexif()
    assert ExifTags.IFD.GPSInfo not in exif
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)


def assert_stored_as_uploaded(photo: Photo) -> Image.Image:
    """The photo's one file is on the storage and its row describes it."""
    assert stored() == {photo.image.name}
    image = open_stored(photo.image.name)
    assert (photo.width, photo.height) == image.size
    assert photo.file_size == default_storage.size(photo.image.name)
    assert_no_location(image)
    return image


def check_cmyk(photo: Photo, image: Image.Image):
    assert photo.image.name.endswith(".jpg")
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (64, 48))
    r, g, b = image.getpixel((32, 24))
    assert r > 200 and g < 50 and b < 50  # still red


def phone_mpo() -> bytes:
    """A multi-picture JPEG as recent phones write it: the photo (red) and a gain map."""
    output = io.BytesIO()
    photo, gain_map = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (32, 24), "grey")
    photo.save(output, "MPO", save_all=True, append_images=[gain_map])
    return output.getvalue()


def check_mpo(photo: Photo, image: Image.Image):
    assert photo.image.name.endswith(".jpg")
    assert (image.format, image.size, getattr(image, "n_frames", 1)) == ("JPEG", (64, 48), 1)
    r, g, b = image.getpixel((32, 24))
    assert r > 200 and g < 50 and b < 50  # the photo, not the gain map


def check_16bit_grey(photo: Photo, image: Image.Image):
    assert (image.format, image.mode) == ("PNG", "RGB")  # every photo is stored as RGB
    assert default_storage.open(photo.image.name).read()[24] == 8  # IHDR bit depth
    assert image.getpixel((5, 5)) == (0x80, 0x80, 0x80)


def check_16bit_rgb(photo: Photo, image: Image.Image):
    assert (image.format, image.mode) == ("PNG", "RGB")
    assert default_storage.open(photo.image.name).read()[24] == 8
    assert image.getpixel((5, 5)) == (0xFF, 0x10, 0x10)


def check_upright(photo: Photo, image: Image.Image):
    assert image.format == "JPEG"
    assert image.size == (300, 400)  # the sensor's 400 x 300, turned
    corners = {
        "top left": image.getpixel((20, 20)),
        "top right": image.getpixel((279, 20)),
        "bottom left": image.getpixel((20, 379)),
        "bottom right": image.getpixel((279, 379)),
    }
    r, g, b = corners.pop("top left")
    assert r > 180 and g < 80 and b < 80, "the red square is not in the top-left corner"
    for where, (r, g, b) in corners.items():
        assert abs(r - 128) < 30 and abs(g - 128) < 30 and abs(b - 128) < 30, where
    exif = image.getexif()
    assert exif.get(ExifTags.Base.Orientation, 1) == 1
    assert exif[ExifTags.Base.Artist] == "Kim Min-ji"
    assert exif[ExifTags.Base.Copyright] == CREDIT
    details = exif.get_ifd(ExifTags.IFD.Exif)
    assert details[ExifTags.Base.DateTimeOriginal] == "2024:07:25 14:30:00"
    assert details[ExifTags.Base.OffsetTimeOriginal] == "+08:00"
    assert ExifTags.Base.Make not in exif
    assert photo.taken_at == TAKEN


GOOD = [
    pytest.param(
        "cmyk.jpg",
        lambda: encode(Image.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG"),
        check_cmyk,
        id="cmyk-jpeg",
    ),
    pytest.param("grey16.png", png_16bit_grey, check_16bit_grey, id="16-bit-grey-png"),
    pytest.param("rgb16.png", png_16bit_rgb, check_16bit_rgb, id="16-bit-rgb-png"),
    pytest.param("IMG_0001.JPG", lambda: phone_photo(6), check_upright, id="phone-orientation-6"),
    pytest.param("IMG_0002.jpeg", lambda: phone_photo(8), check_upright, id="phone-orientation-8"),
    pytest.param("IMG_0004.JPG", phone_mpo, check_mpo, id="phone-multi-picture-jpeg"),
]


@pytest.mark.parametrize(("name", "make", "check"), GOOD)
def test_admin_stores_good_upload(admin_client, name, make, check):
    response = post_to_admin(admin_client, name, make(), focal_x=20, focal_y=80)

    assert response.status_code == 302, shown_image_errors(response)
    photo = Photo.objects.get()
    assert (photo.credit, photo.focal_x, photo.focal_y) == (CREDIT, 20, 80)
    check(photo, assert_stored_as_uploaded(photo))


@pytest.mark.parametrize(("name", "make", "check"), GOOD)
def test_model_stores_good_file(name, make, check):
    photo = save_photo(name, make())

    photo.refresh_from_db()
    check(photo, assert_stored_as_uploaded(photo))


def test_editors_date_taken_wins_over_exif(admin_client):
    response = post_to_admin(
        admin_client,
        "IMG_0003.jpg",
        phone_photo(6),
        taken_at_0="2024-07-26",
        taken_at_1="09:00:00",
    )

    assert response.status_code == 302
    assert Photo.objects.get().taken_at == datetime.fromisoformat("2024-07-26T09:00:00+09:00")


# --- renditions -----------------------------------------------------------------------

MODERN = ["AVIF", "WEBP"] if AVIF else ["WEBP"]
ALL_FORMATS = [*MODERN, "JPEG"]
EXTENSIONS = {"AVIF": ".avif", "WEBP": ".webp", "JPEG": ".jpg"}


def photo_with_renditions(django_capture_on_commit_callbacks, image: Image.Image, **fields):
    """A photo saved as a script would save it, with its on-commit work done."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = save_photo("photo.jpg", encode(image, "JPEG", quality=85), **fields)
    return photo


def rendition(photo, fmt, width, height=None) -> Image.Image:
    name = renditions.cache_file(photo, fmt=fmt, width=width, height=height).name
    return open_stored(name)


def expected_renditions(photo, widths) -> set[str]:
    sizes = [(fmt, width, None) for width in widths for fmt in ALL_FORMATS]
    sizes += [(fmt, 480, 320) for fmt in ALL_FORMATS] + [(fmt, 960, 640) for fmt in ALL_FORMATS]
    sizes += [("JPEG", 1200, 630)]
    return {
        renditions.cache_file(photo, fmt=fmt, width=width, height=height).name
        for fmt, width, height in sizes
    }


def test_saving_a_photo_writes_every_rendition(django_capture_on_commit_callbacks):
    photo = photo_with_renditions(django_capture_on_commit_callbacks, gradient((2000, 1500)))

    widths = [320, 640, 960, 1280, 1600]
    assert stored() == {photo.image.name} | expected_renditions(photo, widths)
    for fmt in ALL_FORMATS:
        for width in widths:
            image = rendition(photo, fmt, width)
            assert image.format == fmt
            assert image.size == (width, width * 3 // 4)
        for size in [(480, 320), (960, 640)]:
            image = rendition(photo, fmt, *size)
            assert (image.format, image.size) == (fmt, size)
    social = rendition(photo, "JPEG", 1200, 630)
    assert (social.format, social.size) == ("JPEG", (1200, 630))


def test_narrow_photo_is_never_upscaled(django_capture_on_commit_callbacks):
    photo = photo_with_renditions(django_capture_on_commit_callbacks, gradient((500, 375)))

    assert renditions.widths(photo) == [320, 500]
    assert stored() == {photo.image.name} | expected_renditions(photo, [320, 500])
    for fmt in ALL_FORMATS:
        assert rendition(photo, fmt, 320).size == (320, 240)
        assert rendition(photo, fmt, 500).size == (500, 375)
        assert rendition(photo, fmt, 960, 640).size == (960, 640)  # crops keep their size


def mean_colour(image: Image.Image) -> tuple[float, float, float]:
    return tuple(ImageStat.Stat(image.convert("RGB")).mean)


def test_focal_point_steers_the_crops(django_capture_on_commit_callbacks):
    # 3:1, wider than both the 3:2 card and the 1.9:1 social crop, so both lose a side.
    photo = photo_with_renditions(
        django_capture_on_commit_callbacks, halves((2400, 800)), focal_x=0
    )
    left_social = mean_colour(rendition(photo, "JPEG", 1200, 630))
    left_card = mean_colour(rendition(photo, "WEBP", 960, 640))

    photo.focal_x = 100
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    right_social = mean_colour(rendition(photo, "JPEG", 1200, 630))
    right_card = mean_colour(rendition(photo, "WEBP", 960, 640))

    for left in (left_social, left_card):
        red, _green, blue = left
        assert red > 2 * blue, left
    for right in (right_social, right_card):
        red, _green, blue = right
        assert blue > 2 * red, right


def test_make_renditions_is_idempotent(django_capture_on_commit_callbacks):
    photo = photo_with_renditions(django_capture_on_commit_callbacks, gradient((400, 300)))
    files = stored() - {photo.image.name}
    assert len(files) == 2 * len(ALL_FORMATS) + 2 * len(ALL_FORMATS) + 1

    assert renditions.make_renditions(photo) == 0
    default_storage.delete(sorted(files)[0])
    assert renditions.make_renditions(photo) == 1
    assert renditions.make_renditions(photo) == 0
    assert renditions.make_renditions(photo, force=True) == len(files)
    assert stored() == files | {photo.image.name}


def test_make_renditions_command_reports_counts():
    # Saved outside a committed transaction: their on-commit renditions never ran.
    photos = [save_photo(f"photo{n}.jpg", encode(gradient((400, 300)), "JPEG")) for n in (1, 2)]
    per_photo = 4 * len(ALL_FORMATS) + 1
    assert stored() == {photo.image.name for photo in photos}

    out = io.StringIO()
    call_command("make_renditions", verbosity=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"Made {2 * per_photo} rendition files for 2 photos."
    assert sorted(lines[:-1]) == sorted(f"{p.image.name}: {per_photo} files" for p in photos)
    assert len(stored()) == 2 + 2 * per_photo

    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert out.getvalue() == "Made 0 rendition files for 0 photos.\n"

    out = io.StringIO()
    call_command("make_renditions", force=True, stdout=out)
    assert out.getvalue() == f"Made {2 * per_photo} rendition files for 2 photos.\n"
    assert len(stored()) == 2 + 2 * per_photo  # replaced, not saved beside the old ones


# --- what the files keep ------------------------------------------------------------------

#: A JPEG comment (``COM`` segment), a PNG text chunk or XMP can carry anything, HTML
#: included; a file that keeps it serves that to whoever downloads it.
SCRIPT = b"<script>alert(document.cookie)</script>"


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before its image data (0xFE is a comment)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, at = [], 2
    while at < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: image data follows
            break
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def assert_keeps_no_comment(name: str):
    data = default_storage.open(name, "rb").read()
    assert SCRIPT not in data and b"<script" not in data, name
    image = open_stored(name)
    assert "comment" not in image.info and "xmp" not in image.info, name
    assert not any(key.lower().startswith(("comment", "xml:")) for key in image.info), name
    if image.format == "JPEG":
        assert 0xFE not in jpeg_segments(data), f"{name} keeps a COM segment"


def with_script(fmt: str) -> bytes:
    """A photo carrying SCRIPT in every place its format has for text."""
    image = gradient((400, 300))
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", SCRIPT.decode())
        info.add_itxt("XML:com.adobe.xmp", SCRIPT.decode())
        return encode(image, "PNG", pnginfo=info)
    options = {"xmp": b"<x:xmpmeta>" + SCRIPT + b"</x:xmpmeta>"}
    if fmt == "JPEG":
        options["comment"] = SCRIPT
    return encode(image, fmt, **options)


@pytest.mark.parametrize(
    ("name", "fmt"), [("com.jpg", "JPEG"), ("t.png", "PNG"), ("x.webp", "WEBP")]
)
def test_uploads_keep_no_comment_in_the_original_or_any_rendition(
    admin_client, django_capture_on_commit_callbacks, name, fmt
):
    data = with_script(fmt)
    assert SCRIPT in data
    with django_capture_on_commit_callbacks(execute=True):
        response = post_to_admin(admin_client, name, data)
    assert response.status_code == 302, shown_image_errors(response)
    with django_capture_on_commit_callbacks(execute=True):
        by_script = save_photo(name, data)
    for photo in (Photo.objects.exclude(pk=by_script.pk).get(), by_script):
        files = files_of(photo)
        assert files <= stored()
        for file in files:
            assert_keeps_no_comment(file)


def test_photo_keeps_what_the_upload_promises():
    """Date taken, copyright, artist and colour profile; nothing else."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Kim Min-ji"
    exif[ExifTags.Base.Copyright] = CREDIT
    exif[ExifTags.Base.Make] = "Phone"
    data = encode(
        gradient((64, 48)), "JPEG", exif=exif, icc_profile=profile, comment=SCRIPT, dpi=(300, 300)
    )
    photo = save_photo("kept.jpg", data)
    image = open_stored(photo.image.name)
    assert image.info["icc_profile"] == profile
    kept = image.getexif()
    assert (kept[ExifTags.Base.Artist], kept[ExifTags.Base.Copyright]) == ("Kim Min-ji", CREDIT)
    assert ExifTags.Base.Make not in kept
    assert "comment" not in image.info


def test_renditions_of_an_original_stored_with_a_comment_keep_none(
    django_capture_on_commit_callbacks,
):
    """An original that still has its comment (stored before uploads were cleaned of it,
    or restored from such a backup): its renditions are made without it."""
    content = ContentFile(with_script("JPEG"), name="old.jpg")
    setattr(content, CLEAN_MARK, True)  # as if checked: stored as it came
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo(image=content, credit=CREDIT)
        photo.save()
    assert SCRIPT in default_storage.open(photo.image.name, "rb").read()
    renditions_made = files_of(photo) - {photo.image.name}
    assert renditions_made <= stored()
    for name in renditions_made:
        assert_keeps_no_comment(name)
    # imagekit's own way, reading the original itself (no working copy decoded for it)
    file = renditions.cache_file(photo, fmt="JPEG", width=320)
    default_storage.delete(file.name)
    file.generate(force=True)
    assert_keeps_no_comment(file.name)


# --- deleting and replacing ---------------------------------------------------------------


def rendered_photo(django_capture_on_commit_callbacks, name, size=(400, 300)) -> Photo:
    with django_capture_on_commit_callbacks(execute=True):
        fmt = "PNG" if name.endswith(".png") else "JPEG"
        return save_photo(name, encode(gradient(size), fmt))


def files_of(photo) -> set[str]:
    return {photo.image.name} | expected_renditions(photo, renditions.widths(photo))


def test_deleting_a_photo_removes_all_its_files(django_capture_on_commit_callbacks):
    harbour = rendered_photo(django_capture_on_commit_callbacks, "harbour.jpg")
    market = rendered_photo(django_capture_on_commit_callbacks, "market.jpg")
    assert stored() == files_of(harbour) | files_of(market)

    with django_capture_on_commit_callbacks(execute=True):
        harbour.delete()
    assert stored() == files_of(market)

    with django_capture_on_commit_callbacks(execute=True):
        Photo.objects.all().delete()
    assert stored() == set()


def test_deleting_a_photo_spares_one_of_the_same_name(django_capture_on_commit_callbacks):
    jpeg_pier = rendered_photo(django_capture_on_commit_callbacks, "pier.jpg")
    png_pier = rendered_photo(django_capture_on_commit_callbacks, "pier.png")
    assert stored() == files_of(jpeg_pier) | files_of(png_pier)

    with django_capture_on_commit_callbacks(execute=True):
        png_pier.delete()
    assert stored() == files_of(jpeg_pier)


def test_replacing_the_image_removes_the_old_files(django_capture_on_commit_callbacks):
    photo = rendered_photo(django_capture_on_commit_callbacks, "first.jpg", size=(700, 500))
    old = files_of(photo)

    photo = Photo.objects.get()
    photo.image = ContentFile(encode(gradient((400, 300)), "JPEG"), name="second.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()

    assert photo.image.name.endswith("second.jpg")
    assert stored() == files_of(photo)
    assert not stored() & old


# --- pages ------------------------------------------------------------------------------


class Pictures(HTMLParser):
    """Every ``<picture>`` of a page with the text around it (its ``<figure>``, or else its
    ``<section>``), the page's OpenGraph tags and its download links."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.pictures: list[dict] = []
        self.meta: dict[str, str] = {}
        self.downloads: list[dict] = []
        self._around: list[dict] = []  # open <figure>s and <section>s
        self._picture: dict | None = None
        self._download: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("figure", "section"):
            self._around.append({"tag": tag, "text": []})
        elif tag == "picture":
            figures = [box for box in self._around if box["tag"] == "figure"]
            around = (figures or self._around or [{"text": []}])[-1]
            self._picture = {"sources": [], "img": None, "around": around}
            self.pictures.append(self._picture)
        elif tag == "source" and self._picture is not None:
            self._picture["sources"].append(attrs)
        elif tag == "img" and self._picture is not None:
            self._picture["img"] = attrs
        elif tag == "meta" and "property" in attrs:
            self.meta.setdefault(attrs["property"], attrs.get("content"))
        elif tag == "a" and "download" in attrs:
            self._download = {**attrs, "text": []}
            self.downloads.append(self._download)

    def handle_endtag(self, tag):
        if tag in ("figure", "section") and self._around:
            box = self._around.pop()
            box["text"] = " ".join(" ".join(box["text"]).split())
        elif tag == "picture":
            self._picture = None
        elif tag == "a" and self._download is not None:
            self._download["text"] = " ".join(self._download["text"]).strip()
            self._download = None

    def handle_data(self, data):
        for box in self._around:
            box["text"].append(data)
        if self._download is not None:
            self._download["text"].append(data)


def srcset_urls(srcset: str) -> dict[int, str]:
    """``"a.avif 320w, b.avif 640w"`` → {320: "a.avif", 640: "b.avif"}"""
    entries = (entry.split() for entry in srcset.split(","))
    return {int(descriptor.removesuffix("w")): url for url, descriptor in entries}


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """A public trip with one 700 x 500 photo, the lead photo of a public release, all its
    renditions made."""
    trip = VisitFactory()
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo(
            image=ContentFile(encode(gradient((700, 500)), "JPEG"), name="harbour.jpg"),
            caption_en="The mayor at the harbour",
            alt_text_en="The mayor shakes hands with the harbour master on the quay",
            credit="Kim Min-ji / Seoul Metropolitan Government",
            visit=trip,
        )
        photo.save()
    release = PressReleaseFactory(visit=trip, photos=[photo])
    return SimpleNamespace(trip=trip, photo=photo, release=release)


def page_urls(world, language="en") -> dict[str, str]:
    with translation.override(language):
        return {
            "release": world.release.get_absolute_url(),
            "trip": world.trip.get_absolute_url(),
            "trip photos": reverse("press:trip_photos", kwargs={"slug": world.trip.slug}),
            "photo": world.photo.get_absolute_url(),
        }


#: What each page shows of the photo: the widths in its srcsets and the <img>'s box.
LAYOUTS = {
    "release": ([320, 640, 700], (700, 500)),
    "trip": ([480, 960], (960, 640)),
    "trip photos": ([480, 960], (960, 640)),
    "photo": ([320, 640, 700], (700, 500)),
}


@pytest.mark.parametrize("page", list(LAYOUTS))
def test_pages_serve_the_photo_as_a_picture(client, published, page):
    response = client.get(page_urls(published)[page])

    assert response.status_code == 200
    found = Pictures(response.content.decode())
    assert found.pictures
    files = stored()
    for picture in found.pictures:  # the page's own, then any thumbnails beside it
        assert [source["type"] for source in picture["sources"]] == [
            renditions.MEDIA_TYPES[fmt] for fmt in MODERN
        ]
        img = picture["img"]
        srcsets = [source["srcset"] for source in picture["sources"]] + [img["srcset"]]
        for fmt, srcset in zip(ALL_FORMATS, srcsets, strict=True):
            for url in srcset_urls(srcset).values():
                assert name_of(url) in files, url
                assert url.endswith(EXTENSIONS[fmt])
        assert name_of(img["src"]) in files
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img["alt"] == "The mayor shakes hands with the harbour master on the quay"
        assert "Photo: Kim Min-ji / Seoul Metropolitan Government" in picture["around"]["text"]

    main = found.pictures[0]
    widths, box = LAYOUTS[page]
    for source in main["sources"]:
        assert list(srcset_urls(source["srcset"])) == widths
    assert list(srcset_urls(main["img"]["srcset"])) == widths
    assert (int(main["img"]["width"]), int(main["img"]["height"])) == box
    og_image = found.meta["og:image"]
    assert og_image.startswith("http://testserver/")
    assert name_of(og_image) in files
    assert open_stored(name_of(og_image)).size == (1200, 630)


def test_alt_text_falls_back_to_another_language(client, published):
    response = client.get(page_urls(published, "ko")["photo"])

    img = Pictures(response.content.decode()).pictures[0]["img"]
    assert img["alt"] == "The mayor shakes hands with the harbour master on the quay"
    assert img["lang"] == "en"


def test_pages_do_not_touch_the_storage(client, published, monkeypatch):
    def no_storage(*args, **kwargs):
        raise AssertionError("a page asked the storage")

    storage = storages["default"]
    for method in ("exists", "open", "size", "listdir", "save", "delete", "get_modified_time"):
        monkeypatch.setattr(storage, method, no_storage)
    # Work every rendition URL out again, now that the storage would fail.
    monkeypatch.setattr(renditions, "_urls", {})

    for language in ("en", "ko"):
        for page, url in page_urls(published, language).items():
            response = client.get(url)
            assert response.status_code == 200, page
            assert Pictures(response.content.decode()).pictures, page
    with pytest.raises(AssertionError):
        default_storage.exists(published.photo.image.name)  # the trap is set


@pytest.mark.parametrize("page", ["photo", "trip photos"])
def test_photo_pages_offer_the_original(client, published, page):
    photo = published.photo
    response = client.get(page_urls(published)[page])

    (link,) = Pictures(response.content.decode()).downloads
    assert link["href"] == photo.image.url
    assert link["type"] == "image/jpeg"
    assert link["text"].startswith("Download the original")
    size = default_storage.size(photo.image.name)
    assert photo.file_size == size
    facts = f"(JPEG, 700 \N{MULTIPLICATION SIGN} 500 px, {filesizeformat(size)}"
    assert " ".join(facts.split()) in " ".join(unescape(response.content.decode()).split())


def test_photo_page_queries(client, published, django_assert_num_queries):
    # Served by its view (no read-model row yet): as many as before photos were served
    # through <picture> (45baa6a), the renditions' URLs cost no query, plus the read
    # model's look for a row, plus one each for the trip's previous and next photo
    # (press/photo_pager.py). Then from the row it builds: one.
    reading.IMMEDIATE = False
    with django_assert_num_queries(8):
        response = client.get(published.photo.get_absolute_url())
    assert response.status_code == 200
    building.build("press.photo", [published.photo.pk])
    client.get(published.photo.get_absolute_url())  # reads what changed, once a second
    with django_assert_num_queries(1):
        assert client.get(published.photo.get_absolute_url()).status_code == 200
