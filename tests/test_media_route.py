"""The media route serves images only, whatever a row says (issue 16, item 7).

A row can name any file: a script, an import or a restored archive may write
``photos/page.html`` into ``Photo.image``, or put HTML under a ``.jpg`` name. Such a file
is never served, to the public or to an admin: only images of a kind the newsroom writes
(JPEG, PNG, WebP, AVIF), by name and by content, with the Content-Type of that list and
``X-Content-Type-Options: nosniff``.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, features

from press.models import Photo
from press.renditions import all_renditions, make_renditions
from tests.factories import PersonFactory, PhotoFactory, png_file
from visits.models import Person

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def path_of(url: str) -> str:
    return urlsplit(url).path


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 90, 160)).save(buffer, fmt)
    return buffer.getvalue()


def point_at(photo: Photo, name: str, body: bytes) -> str:
    """Make ``photo``'s row name a file of our choosing, as a script or restore could."""
    saved = default_storage.save(name, ContentFile(body))
    Photo.objects.filter(pk=photo.pk).update(image=saved)
    return saved


def assert_not_served(client, name: str):
    response = client.get(f"/media/{name}")
    assert response.status_code == 404, name
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"<script" not in response.content


@pytest.fixture
def admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin"))
    return client


FOREIGN = [
    ("photos/page.html", HTML),
    ("photos/drawing.svg", SVG),
    ("photos/page.htm", HTML),
    ("photos/data.json", b'{"a": 1}'),
    ("photos/noextension", image_bytes("PNG")),  # an image, but not under an image's name
    ("photos/animation.gif", image_bytes("GIF")),  # an image, but not a kind we write
    ("photos/page.jpg", HTML),  # an image's name on HTML
    ("photos/page.png", SVG),
    ("photos/page.webp", HTML),
    ("photos/page.avif", HTML),
    ("photos/png-as.jpg", image_bytes("PNG")),  # an image, but not the one its name says
    ("photos/empty.jpg", b""),
]


@pytest.mark.parametrize(("name", "body"), FOREIGN, ids=[name for name, _body in FOREIGN])
def test_a_public_photo_row_naming_anything_but_its_image_is_404(client, admin, name, body):
    photo = PhotoFactory()
    saved = point_at(photo, name, body)
    assert Photo.objects.published().filter(image=saved).exists()  # the row is public
    assert_not_served(client, saved)  # (client is signed in as an admin: not even then)


@pytest.mark.parametrize(("name", "body"), FOREIGN[:4], ids=[name for name, _ in FOREIGN[:4]])
def test_a_portrait_naming_anything_but_an_image_is_404_even_to_an_admin(admin, name, body):
    person = PersonFactory()
    saved = default_storage.save(name.replace("photos/", "people/"), ContentFile(body))
    Person.objects.filter(pk=person.pk).update(portrait=saved)
    assert_not_served(admin, saved)


def test_html_under_an_images_name_is_404_through_nginx_too(client, settings):
    settings.PRESSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    saved = point_at(PhotoFactory(), "photos/page.jpg", HTML)
    response = client.get(f"/media/{saved}")
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [
        ("photos/a.jpg", "JPEG", "image/jpeg"),
        ("photos/b.JPEG", "JPEG", "image/jpeg"),
        ("photos/c.png", "PNG", "image/png"),
        ("photos/d.webp", "WEBP", "image/webp"),
        pytest.param(
            "photos/e.avif",
            "AVIF",
            "image/avif",
            marks=pytest.mark.skipif(not features.check("avif"), reason="no AVIF in Pillow"),
        ),
    ],
)
def test_images_are_served_with_their_type_and_nosniff(client, name, fmt, content_type):
    body = image_bytes(fmt)
    saved = point_at(PhotoFactory(), name, body)
    response = client.get(f"/media/{saved}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == body


def test_every_rendition_is_served_with_its_type(client):
    photo = PhotoFactory(image=png_file(size=(400, 300)))
    make_renditions(photo)
    types = {".jpg": "image/jpeg", ".webp": "image/webp", ".avif": "image/avif"}
    for file in all_renditions(photo):
        response = client.get(path_of(file.url))
        assert response.status_code == 200, file.name
        assert response["Content-Type"] == types[file.name[file.name.rindex(".") :]]
        assert response["X-Content-Type-Options"] == "nosniff"
    original = client.get(path_of(photo.image.url))
    assert (original.status_code, original["Content-Type"]) == (200, "image/png")


def test_a_304_keeps_nosniff(client):
    photo = PhotoFactory()
    url = path_of(photo.image.url)
    first = client.get(url)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert again["X-Content-Type-Options"] == "nosniff"
