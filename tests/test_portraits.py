"""People's portraits are checked and re-encoded like press photos (visits.images): only
still JPEG, PNG and WebP files whose content matches their name are stored, and never as
they came, so every portrait is one the media route serves and none keeps a location or a
comment block."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import PersonFactory
from tests.test_photos import (
    BLUE,
    FieldRow,
    animated,
    assert_no_location,
    encode,
    open_stored,
    phone_photo,
    stored,
)
from visits.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings):
    """A new, empty in-memory storage for each test (changing STORAGES resets it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert stored() == set()


def still(fmt: str, **options) -> bytes:
    return encode(Image.new("RGB", (30, 40), BLUE), fmt, **options)


def with_comment(jpeg: bytes, comment: bytes) -> bytes:
    """The JPEG with a comment (COM) segment after its start marker."""
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return jpeg[:2] + segment + jpeg[2:]


HTML_COMMENT = b"<script>alert(document.cookie)</script>"

#: Files an image field took before (Pillow reads them) that the media route refuses.
REFUSED = [
    pytest.param("face.gif", lambda: still("GIF"), "is not a photo we accept", id="gif"),
    pytest.param("face.bmp", lambda: still("BMP"), "is not a photo we accept", id="bmp"),
    pytest.param("face.tiff", lambda: still("TIFF"), "is not a photo we accept", id="tiff"),
    pytest.param("face.png", lambda: still("GIF"), "is a GIF file, not a JPEG", id="gif-as-png"),
    pytest.param("face.gif", lambda: animated("GIF"), "is not a photo we accept", id="animated"),
    pytest.param("face.jpg", lambda: still("PNG"), "is really PNG", id="png-as-jpg"),
]


def add_person(client, name: str, data: bytes):
    return client.post(
        reverse("admin:visits_person_add"),
        {"name_en": "Oh Se-hoon", "role_en": "Mayor", "portrait": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(("name", "make", "message"), REFUSED)
def test_the_admin_refuses_portraits_the_site_would_not_serve(admin_client, name, make, message):
    response = add_person(admin_client, name, make())

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["portrait"]
    assert message in str(FieldRow(response.content.decode(), "portrait"))
    assert not Person.objects.exists()
    assert stored() == set()


@pytest.mark.parametrize(("name", "make", "message"), REFUSED)
def test_a_script_cannot_store_such_a_portrait_either(name, make, message):
    with pytest.raises(ValidationError) as raised:
        PersonFactory(portrait=ContentFile(make(), name=name))

    (error,) = raised.value.message_dict["portrait"]
    assert message in error
    assert not Person.objects.exists()
    assert stored() == set()


def test_an_uploaded_portrait_is_stored_upright_without_location_or_comment(admin_client):
    upload = with_comment(phone_photo(orientation=6), HTML_COMMENT)

    response = add_person(admin_client, "mayor.jpg", upload)

    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get()
    assert person.portrait.name == "people/mayor.jpg"
    with person.portrait.open("rb") as file:
        assert HTML_COMMENT not in file.read()
    image = open_stored(person.portrait.name)
    assert image.size == (300, 400)  # turned as the phone said
    assert_no_location(image)
    assert "comment" not in image.info


def test_a_portrait_a_script_saves_is_re_encoded_too():
    person = PersonFactory(portrait=ContentFile(with_comment(still("JPEG"), HTML_COMMENT), "a.jpg"))

    with person.portrait.open("rb") as file:
        data = file.read()
    assert HTML_COMMENT not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_every_stored_portrait_is_served_to_staff(admin_client):
    add_person(admin_client, "mayor.webp", still("WEBP"))
    person = Person.objects.get()

    response = admin_client.get(urlsplit(person.portrait.url).path)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
