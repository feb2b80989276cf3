"""Media on S3-compatible object storage, against a real bucket API (moto's server, which
scripts/test starts): uploads through the admin, renditions (made by their task, which the
test settings run at once when the transaction commits), the images public pages show,
what the media route's rules become on a bucket, and backup and restore.

The storage is production's own (`config.environment.s3_media`, through the `s3_storage`
fixture), on a new bucket for each test. Objects are read back through boto3 and, where a
reader's browser would fetch them, by plain anonymous HTTP.
"""

import hashlib
import importlib.util
import io
import mimetypes
import sys
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

import config.urls
from config.environment import s3_media
from press import renditions
from press.media import PUBLIC_MAX_AGE, media_urlpatterns, serves_media
from press.models import Photo
from tests.factories import PhotoFactory, PressReleaseFactory, VisitFactory
from tests.test_admin_photos import upload_url
from tests.test_backup import empty_database
from tests.test_pages import fetch, rev, url_of
from tests.test_photos import (
    assert_no_location,
    encode,
    gradient,
    phone_photo,
    post_to_admin,
)

pytestmark = pytest.mark.django_db

#: What production sends with every object (config/environment.py): shared caches may keep
#: a file as long as press/media.py lets them keep a public photo it serves itself.
CACHE_CONTROL = f"public, max-age={PUBLIC_MAX_AGE}"


# --- reading the bucket ----------------------------------------------------------------


def client_of(storage):
    """The storage's own boto3 client: same endpoint, same credentials."""
    return storage.connection.meta.client


def bucket_objects(storage) -> dict[str, dict]:
    """{key: HEAD of the object} for every object in the storage's bucket."""
    client = client_of(storage)
    keys = [
        item["Key"]
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=storage.bucket_name)
        for item in page.get("Contents", [])
    ]
    return {key: client.head_object(Bucket=storage.bucket_name, Key=key) for key in keys}


def body_of(storage, key: str) -> bytes:
    return client_of(storage).get_object(Bucket=storage.bucket_name, Key=key)["Body"].read()


def anonymous_get(url: str) -> tuple[int, str, bytes]:
    """(status, Content-Type, body) of a GET without credentials, as a browser sends it."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def rendition_names(photo) -> set[str]:
    return {file.name for file in renditions.all_renditions(photo)}


def assert_served_as_images(objects: dict[str, dict], names) -> None:
    """Each object is there, typed by its name (so browsers show it as an image, never
    sniff it) and cacheable as production says."""
    for name in names:
        assert name in objects, f"{name} is not in the bucket"
        head = objects[name]
        assert head["ContentType"] == mimetypes.guess_type(name)[0], name
        assert head["ContentType"].startswith("image/"), name
        assert head["CacheControl"] == CACHE_CONTROL, name


# --- uploads and renditions ------------------------------------------------------------


def test_admin_upload_is_re_encoded_into_the_bucket_with_its_renditions(
    admin_client, s3_storage, django_capture_on_commit_callbacks
):
    uploaded = phone_photo(orientation=6)  # landscape pixels, EXIF turning them, GPS

    with django_capture_on_commit_callbacks(execute=True):
        response = post_to_admin(admin_client, "beijing.jpg", uploaded)

    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    objects = bucket_objects(s3_storage)
    assert set(objects) == {photo.image.name} | rendition_names(photo)
    assert_served_as_images(objects, objects)

    stored = body_of(s3_storage, photo.image.name)
    assert stored != uploaded
    assert objects[photo.image.name]["ContentLength"] == photo.file_size == len(stored)
    image = Image.open(io.BytesIO(stored))
    assert (image.format, image.size) == ("JPEG", (300, 400))  # turned upright
    assert (photo.width, photo.height) == (300, 400)
    assert_no_location(image)
    # A rendition is an image of its recipe's format and size.
    social = renditions.social_image(photo)
    social_image = Image.open(io.BytesIO(body_of(s3_storage, social.name)))
    assert (social_image.format, social_image.size) == ("JPEG", (1200, 630))


def test_batch_upload_puts_every_photo_and_its_renditions_in_the_bucket(
    admin_client, s3_storage, django_capture_on_commit_callbacks
):
    trip = VisitFactory()
    files = [
        SimpleUploadedFile("pier.jpg", encode(gradient((400, 300)), "JPEG")),
        SimpleUploadedFile("hall.png", encode(gradient((320, 240)), "PNG")),
    ]
    data = {
        "visit": trip.pk,
        "credit": "Seoul Metropolitan Government",
        "caption_language": "en",
        "visibility": "with_trip",
        "files": files,
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(upload_url(), data)

    assert response.status_code == 302, response.context["form"].errors
    photos = list(Photo.objects.filter(visit=trip))
    assert len(photos) == 2
    objects = bucket_objects(s3_storage)
    expected = set().union(*({p.image.name} | rendition_names(p) for p in photos))
    assert set(objects) == expected
    assert_served_as_images(objects, expected)
    assert {objects[p.image.name]["ContentType"] for p in photos} == {"image/jpeg", "image/png"}


def test_renditions_follow_the_photo_and_leave_with_it(
    s3_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo(image=ContentFile(encode(gradient((480, 360)), "JPEG"), name="a.jpg"))
        photo.credit = "Seoul Metropolitan Government"
        photo.save()
    first = rendition_names(photo)
    assert set(bucket_objects(s3_storage)) == {photo.image.name} | first

    # A new focal point moves the crops: their files are made anew, in the bucket.
    photo.focal_x = 0
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    assert rendition_names(photo) - first
    assert rendition_names(photo) <= set(bucket_objects(s3_storage))
    # make_renditions (after a restore, or a change of recipe) finds nothing missing.
    assert renditions.make_renditions(photo) == 0

    # A replaced image takes its old original and renditions with it.
    old_original = photo.image.name
    photo.image = ContentFile(encode(gradient((500, 400)), "JPEG"), name="b.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    objects = set(bucket_objects(s3_storage))
    assert old_original not in objects
    assert not any(name.startswith(f"renditions/{old_original}/") for name in objects)
    assert objects == {photo.image.name} | rendition_names(photo)

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert bucket_objects(s3_storage) == {}


def test_forced_renditions_replace_their_objects_in_place(
    s3_storage, django_capture_on_commit_callbacks
):
    """The bucket keeps two uploads of one name apart (README): a rendition made again
    must replace its object, one PUT of the whole file, not land beside it."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = Photo(image=ContentFile(encode(gradient((480, 360)), "JPEG"), name="a.jpg"))
        photo.credit = "Seoul Metropolitan Government"
        photo.save()
    before = bucket_objects(s3_storage)

    assert renditions.make_renditions(photo, force=True) == len(rendition_names(photo))
    assert set(bucket_objects(s3_storage)) == set(before)


# --- public pages ----------------------------------------------------------------------


def image_urls(page) -> set[str]:
    """Every image URL a page gives: <img> src and srcset, <source> srcset, og:image, and
    the links to download an original."""
    urls = set()
    for tag, attrs in page.tags:
        if tag == "img":
            urls.add(attrs["src"])
        if tag in ("img", "source") and attrs.get("srcset"):
            urls |= {part.strip().split(" ")[0] for part in attrs["srcset"].split(",")}
        if tag == "a" and "download" in attrs:
            urls.add(attrs["href"])
    if "og:image" in page.meta:
        urls.add(page.meta["og:image"])
    return urls


class TaggedPage:
    """A fetched page (tests.test_pages.Page) with every start tag and its attributes."""

    def __init__(self, page):
        from html.parser import HTMLParser

        self.meta = page.meta
        self.tags: list[tuple[str, dict]] = []
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = lambda tag, attrs: self.tags.append((tag, dict(attrs)))
        parser.feed(page.html)
        parser.close()


@pytest.fixture
def public_photo(s3_storage, django_capture_on_commit_callbacks):
    """A published release whose lead photo (with its renditions) is in the bucket."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(
            image=ContentFile(encode(gradient((480, 320)), "JPEG"), name="signing.jpg")
        )
        release = PressReleaseFactory(visit=photo.visit, photos=[photo])
    return release, photo


def test_public_pages_show_images_from_the_bucket(client, s3_storage, public_photo, settings):
    release, photo = public_photo
    bucket_url = settings.MEDIA_URL
    assert bucket_url == f"{s3_storage.endpoint_url}/{s3_storage.bucket_name}/"
    pages = [
        url_of(release),
        rev("press:photo_detail", pk=photo.pk),
        rev("press:trip_photos", slug=photo.visit.slug),
    ]
    objects = bucket_objects(s3_storage)
    seen = set()
    for url in pages:
        page = TaggedPage(fetch(client, url))
        urls = image_urls(page)
        assert urls, f"{url} shows no image"
        assert all(u.startswith(bucket_url) for u in urls), (url, urls)
        seen |= urls
    assert photo.image.url in seen  # the download of the original
    assert renditions.social_image_url(photo) in seen  # og:image

    # Every one loads in a browser, from the bucket, with the object's bytes and type.
    for url in seen:
        status, content_type, body = anonymous_get(url)
        key = url.removeprefix(bucket_url)
        assert status == 200, url
        assert content_type == objects[key]["ContentType"], url
        assert body == body_of(s3_storage, key)


def test_pages_show_the_original_from_the_bucket_until_the_task_has_made_the_renditions(
    admin_client, client, s3_storage, settings, django_capture_on_commit_callbacks
):
    """The upload returns with the original in the bucket and nothing else; every image a
    page gives loads, before the task (the original) and after it (the renditions)."""
    trip = VisitFactory()
    data = {
        "visit": trip.pk,
        "credit": "Seoul Metropolitan Government",
        "caption_language": "en",
        "visibility": "with_trip",
        "files": [SimpleUploadedFile("pier.jpg", encode(gradient((640, 480)), "JPEG"))],
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(upload_url(), data)
    assert response.status_code == 302, response.context["form"].errors
    photo = Photo.objects.get(visit=trip)
    release = PressReleaseFactory(visit=trip, photos=[photo])
    assert set(bucket_objects(s3_storage)) == {photo.image.name}

    def shown_images() -> set[str]:
        urls = set()
        for url in [url_of(release), rev("press:photo_detail", pk=photo.pk), url_of(trip)]:
            urls |= image_urls(TaggedPage(fetch(client, url)))
        for url in urls:
            assert anonymous_get(url)[0] == 200, url
        return urls

    assert shown_images() == {photo.image.url}

    with django_capture_on_commit_callbacks(execute=True):  # the commit, then the worker
        for callback in callbacks:
            callback()

    assert set(bucket_objects(s3_storage)) == {photo.image.name} | rendition_names(photo)
    shown = shown_images()
    assert renditions.social_image_url(Photo.objects.get(pk=photo.pk)) in shown
    assert {url.removeprefix(settings.MEDIA_URL) for url in shown} - {photo.image.name} <= (
        rendition_names(photo)
    )


def test_feed_enclosures_are_on_the_bucket(client, s3_storage, public_photo):
    _release, photo = public_photo
    response = client.get(rev("press:release_feed_rss"))

    feed = feedparser.parse(response.content)
    enclosures = [link for entry in feed.entries for link in entry.enclosures]
    assert [(e.href, e.type, e.length) for e in enclosures] == [
        (photo.image.url, "image/jpeg", str(photo.file_size))
    ]
    assert anonymous_get(photo.image.url)[0] == 200


# --- the media route's rules on a bucket ---------------------------------------------


@pytest.fixture
def production_urls(s3_storage, settings, monkeypatch):
    """The URLconf a server with media on the bucket builds at start-up: config/urls.py
    is read once, with the settings of that moment (the suite's own was read with media
    in memory)."""
    spec = importlib.util.spec_from_file_location("config.urls_on_s3", Path(config.urls.__file__))
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = spec.name
    return module


def test_the_site_serves_no_media_route_on_a_bucket(client, production_urls, public_photo):
    _release, photo = public_photo

    assert serves_media() is False
    assert media_urlpatterns() == []
    # Not even a public photo: the bucket serves the files, the site neither sends nor
    # redirects to them, so no bucket read goes through an app server.
    for name in [photo.image.name, renditions.cache_file(photo, fmt="JPEG", width=320).name]:
        response = client.get(f"/media/{name}")
        assert response.status_code == 404, name
    assert anonymous_get(photo.image.url)[0] == 200


def test_on_a_bucket_an_embargoed_photos_files_are_not_held_back(
    client, s3_storage, django_capture_on_commit_callbacks
):
    """README, "Media on object storage": the embargo holds for pages, not for files,
    which anyone who knows or guesses a name can fetch. If this changes (private objects,
    signed URLs), change the README with it."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(visit=VisitFactory(draft=True))
        release = PressReleaseFactory(visit=photo.visit, photos=[photo], scheduled=True)

    assert client.get(url_of(release)).status_code == 404
    assert client.get(rev("press:photo_detail", pk=photo.pk)).status_code == 404
    assert not Photo.objects.published().exists()
    for url in [photo.image.url, renditions.social_image_url(photo)]:
        assert anonymous_get(url)[0] == 200, url


# --- backup and restore ----------------------------------------------------------------


def test_backup_and_restore_round_trip_the_bucket(
    tmp_path, s3_storage, public_photo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PhotoFactory(image=ContentFile(encode(gradient((320, 240)), "PNG"), name="map.png"))
    before = bucket_objects(s3_storage)
    assert any(name.startswith("renditions/") for name in before)
    bodies = {name: hashlib.sha256(body_of(s3_storage, name)).hexdigest() for name in before}
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    empty_database()  # rows, and every object of the bucket
    assert bucket_objects(s3_storage) == {}
    call_command("restore", str(archive), verbosity=0)

    after = bucket_objects(s3_storage)
    assert set(after) == set(before)
    assert {name: hashlib.sha256(body_of(s3_storage, name)).hexdigest() for name in after} == (
        bodies
    )
    # Restored objects are served as the uploaded ones were.
    for name, head in after.items():
        assert (head["ContentType"], head["CacheControl"]) == (
            before[name]["ContentType"],
            before[name]["CacheControl"],
        ), name
    assert all(renditions.make_renditions(photo) == 0 for photo in Photo.objects.all())


# --- a bucket that is not there --------------------------------------------------------


@pytest.fixture
def missing_bucket(s3_storage, settings):
    """The default storage on a bucket the server does not have (a mistyped
    AWS_STORAGE_BUCKET_NAME, or one removed), on the same server."""
    storage, _url = s3_media(f"{s3_storage.bucket_name}-gone", "", s3_storage.endpoint_url, "")
    return lambda: setattr(settings, "STORAGES", {**settings.STORAGES, "default": storage})


def test_backup_from_a_missing_bucket_is_a_clear_error(tmp_path, s3_storage, missing_bucket):
    PhotoFactory()
    missing_bucket()

    with pytest.raises(CommandError, match=r"^Cannot read the media files: .*does not exist"):
        call_command("backup", str(tmp_path / "newsroom.tar.gz"), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_restore_into_a_missing_bucket_is_a_clear_error(tmp_path, s3_storage, missing_bucket):
    PhotoFactory()
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    empty_database()
    missing_bucket()

    with pytest.raises(CommandError, match=r"^Nothing was restored: .*does not exist"):
        call_command("restore", str(archive), verbosity=0)
    assert not Photo.objects.exists()
