"""Photos in the editors' admin: thumbnails from the small rendition, a preview of the
crops the focal point steers, several photos of a trip uploaded at once (their renditions
made by a task afterwards), and a warning before a release goes out with photos that lack
alt text in one of its languages."""

import datetime
import io
import re
from html import unescape as html_unescape
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import ExifTags, Image

from press.models import Photo, PressRelease, ReleasePhoto
from press.renditions import make_renditions, social_image, thumbnail_url
from press.services import check_photo_change
from visits.publishing import Status

from .factories import (
    SEOUL_CREDIT,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
    assign_languages,
    png_file,
)
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db

RENDITIONS = "/media/renditions/"
#: What a thumbnail says while the photo's renditions are being made.
PROCESSING = '<span class="admin-thumb-pending">Processing…</span>'


def image_sources(html: str) -> list[str]:
    """The sources of the page's images from the media storage (not the admin's icons)."""
    sources = [html_unescape(src) for src in re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)]
    return [src for src in sources if src.startswith("/media/")]


def stored_files(folder: str = "") -> set[str]:
    """Every file in the test storage (InMemoryStorage), with its path."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return set()
    found = {f"{folder}/{name}".lstrip("/") for name in files}
    for sub in folders:
        found |= stored_files(f"{folder}/{sub}".lstrip("/"))
    return found


def jpeg_upload(name: str, size=(64, 48), taken: str | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    options = {}
    if taken:
        exif = Image.Exif()
        exif[ExifTags.IFD.Exif] = {ExifTags.Base.DateTimeOriginal: taken}
        options["exif"] = exif.tobytes()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG", **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_file(name).read(), content_type="image/png")


def staff_user(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- thumbnails ---------------------------------------------------------------------


def test_photo_changelist_shows_renditions_not_originals(admin_client):
    photo = PhotoFactory()
    make_renditions(photo)  # a task's work after the commit
    response = admin_client.get(admin_url("press", "photo", "changelist"))
    html = response.content.decode()

    sources = image_sources(html)
    assert sources == [thumbnail_url(photo)]
    assert sources[0].startswith(RENDITIONS)
    assert photo.image.url not in html
    img = re.search(r'<img src="/media/[^>]*>', html).group()
    assert 'alt="Description of' in img
    assert 'width="80" height="60"' in img  # the 16 x 12 photo's shape, in an 80 px box


def test_photo_changelist_says_processing_until_the_renditions_are_made(admin_client):
    """Never the original in their place: a changelist after a batch upload would load
    dozens of large files."""
    photo = PhotoFactory()
    html = admin_client.get(admin_url("press", "photo", "changelist")).content.decode()

    assert image_sources(html) == []
    assert html.count(PROCESSING) == 1
    assert photo.image.url not in html


def test_photo_changelist_reads_no_file_from_the_storage(admin_client):
    photos = PhotoFactory.create_batch(3)
    for photo in photos[:2]:
        make_renditions(photo)
    with mock.patch.object(InMemoryStorage, "_open", side_effect=AssertionError("file read")):
        response = admin_client.get(admin_url("press", "photo", "changelist"))

    html = response.content.decode()
    sources = image_sources(html)
    assert len(sources) == 2
    assert all(src.startswith(RENDITIONS) for src in sources)
    assert html.count(PROCESSING) == 1


def test_photo_changelist_query_count_is_constant(admin_client):
    url = admin_url("press", "photo", "changelist")
    PhotoFactory()
    admin_client.get(url)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(url)
    PhotoFactory.create_batch(19)
    with CaptureQueriesContext(connection) as twenty_rows:
        response = admin_client.get(url)

    assert response.context["cl"].result_count == 20
    assert len(twenty_rows) == len(one_row), [q["sql"] for q in twenty_rows]


def test_release_gallery_and_lead_column_show_renditions(admin_client):
    photos = [PhotoFactory(), PhotoFactory()]
    for photo in photos:
        make_renditions(photo)
    release = PressReleaseFactory(photos=photos)

    change = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    html = change.content.decode()
    for photo in photos:
        assert f'src="{thumbnail_url(photo)}"' in html
        assert photo.image.url not in html
    # The thumbnail is shown, not edited: the gallery rows only choose the photo.
    assert re.search(r'<td class="field-preview">\s*<p><img src="/media/renditions/', html)
    assert 'name="gallery-0-preview"' not in html

    changelist = admin_client.get(admin_url("press", "pressrelease", "changelist"))
    assert image_sources(changelist.content.decode()) == [thumbnail_url(photos[0])]


# --- the photo's own page -------------------------------------------------------------


def test_photo_page_previews_the_whole_photo_and_both_crops(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(image=png_file(size=(1600, 1200)), focal_x=20, focal_y=70)
    response = admin_client.get(admin_url("press", "photo", "change", photo.pk))
    html = response.content.decode()

    preview = re.search(r'<div class="photo-preview".*?</div>\s*</div>', html, re.S).group()
    sources = image_sources(preview)
    assert len(sources) == 3
    assert all(src.startswith(RENDITIONS) for src in sources)
    assert f'src="{photo.image.url}"' not in html  # the original is only a link
    assert sources[2] == social_image(photo).url
    assert 'width="480" height="360"' in preview  # the whole photo, scaled down
    assert 'width="240" height="160"' in preview  # the 3:2 card crop
    assert 'width="300" height="158"' in preview  # the 1200 x 630 social crop
    assert 'cx="20%" cy="70%"' in preview  # the ring on the focal point
    assert "20% across, 70% down" in preview
    for src in sources:  # the files were made when the photo was saved
        assert default_storage.exists(src.removeprefix("/media/"))


def test_photo_page_says_the_crops_are_being_made_until_they_are(admin_client):
    photo = PhotoFactory(image=png_file(size=(1600, 1200)))
    response = admin_client.get(admin_url("press", "photo", "change", photo.pk))
    html = response.content.decode()

    assert 'class="photo-preview"' not in html
    assert f'<img src="{photo.image.url}" alt="Description of' in html
    assert 'width="480" height="360"' in html
    assert "The card and social crops are being made." in html
    assert RENDITIONS not in html


def test_focal_point_fields_with_help_change_the_crops(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PhotoFactory(image=png_file(size=(1600, 800)))
    url = admin_url("press", "photo", "change", photo.pk)
    page = admin_client.get(url)
    html = page.content.decode()
    assert 'name="focal_x"' in html and 'name="focal_y"' in html
    assert "from the left edge (0) to the right edge (100)" in html
    assert "from the top (0) to the bottom (100)" in html
    before = image_sources(html)

    data = post_data(page)
    data["focal_x"] = "10"
    data["_continue"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, messages_in(response)

    after = image_sources(admin_client.get(url).content.decode())
    assert after[0] == before[0]  # the whole photo does not move
    assert after[1] != before[1] and after[2] != before[2]  # both crops do
    assert all(default_storage.exists(src.removeprefix("/media/")) for src in after)


def test_new_photo_form_has_no_preview_yet(admin_client):
    response = admin_client.get(admin_url("press", "photo", "add"))
    assert response.status_code == 200
    assert 'class="photo-preview"' not in response.content.decode()


# --- the trip's page ----------------------------------------------------------------


def test_trip_page_links_to_its_photos_and_their_upload(admin_client):
    trip = VisitFactory()
    PhotoFactory.create_batch(2, visit=trip)
    response = admin_client.get(admin_url("visits", "visit", "change", trip.pk))
    html = html_unescape(response.content.decode())

    changelist = admin_url("press", "photo", "changelist")
    assert f'href="{changelist}?visit__id__exact={trip.pk}">2 photos</a>' in html
    assert f'href="{admin_url("press", "photo", "upload")}?visit={trip.pk}"' in html


def test_trip_page_offers_no_upload_without_the_permission(client):
    trip = VisitFactory()
    client.force_login(staff_user("trips-only", "view_visit", "change_visit", "view_photo"))
    html = client.get(admin_url("visits", "visit", "change", trip.pk)).content.decode()
    assert "0 photos" in html
    assert admin_url("press", "photo", "upload") not in html


# --- batch upload -------------------------------------------------------------------


def upload_url(language="en"):
    return admin_url("press", "photo", "upload", language=language)


def test_upload_page_works_without_javascript(admin_client):
    trip = VisitFactory(title_en="Paris and London")
    response = admin_client.get(upload_url(), {"visit": trip.pk})
    html = response.content.decode()

    assert response.status_code == 200
    assert re.search(r'<input type="file" name="files"[^>]*multiple', html)
    assert 'enctype="multipart/form-data"' in html
    assert re.search(rf'<option value="{trip.pk}" selected>Paris and London', html)
    assert f'name="credit" value="{SEOUL_CREDIT}"' in html
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    assert admin_url("press", "photo", "changelist") in breadcrumbs
    assert "Upload photos" in breadcrumbs
    assert "<script" not in re.search(r'<div id="content-main">.*', html, re.S).group()


def test_photo_changelist_links_to_the_upload(admin_client):
    trip = VisitFactory()
    response = admin_client.get(
        admin_url("press", "photo", "changelist"), {"visit__id__exact": trip.pk}
    )
    assert f'href="{upload_url()}?visit={trip.pk}"' in response.content.decode()


def test_upload_three_good_and_two_bad_files(admin_client):
    trip = VisitFactory()
    existing = PhotoFactory(visit=trip, order=7)
    before = stored_files()
    files = [
        jpeg_upload("signing.jpg", taken="2024:07:25 10:30:00"),
        SimpleUploadedFile("animation.gif", b"GIF89a" + b"\0" * 40, content_type="image/gif"),
        png_upload("robots.png"),
        SimpleUploadedFile("broken.jpg", b"not a photo at all", content_type="image/jpeg"),
        jpeg_upload("dinner.jpeg"),
    ]
    data = {
        "visit": trip.pk,
        "credit": "Seoul Metropolitan Government / Kim",
        "caption": "위례신도시 방문",
        "caption_language": "ko",
        "files": files,
    }

    response = admin_client.post(upload_url(), data, follow=True)

    added = list(Photo.objects.filter(visit=trip).exclude(pk=existing.pk).order_by("order"))
    # Then each photo is described (tests/test_photo_upload_batch.py).
    describe = admin_url("press", "photo", "describe")
    ids = ",".join(str(photo.pk) for photo in added)
    assert response.redirect_chain == [(f"{describe}?ids={ids}", 302)]
    assert [photo.order for photo in added] == [8, 9, 10]
    assert [photo.image.name.rsplit("/", 1)[1][:6] for photo in added] == [
        "signin",
        "robots",
        "dinner",
    ]
    assert [(photo.width, photo.height) for photo in added] == [(64, 48), (16, 12), (64, 48)]
    assert {photo.credit for photo in added} == {"Seoul Metropolitan Government / Kim"}
    assert {photo.caption_ko for photo in added} == {"위례신도시 방문"}
    assert added[0].taken_at == timezone.make_aware(datetime.datetime(2024, 7, 25, 10, 30))
    assert added[1].taken_at is None

    new_files = stored_files() - before
    assert new_files == {photo.image.name for photo in added}
    assert not any("animation" in name or "broken" in name for name in new_files)

    texts = message_texts(response)
    assert texts[0].startswith("3 photos were added to ")
    assert texts[1] == "2 files were not added:"
    assert "animation.gif" in texts[2] and "is not a photo we accept" in texts[2]
    assert "broken.jpg" in texts[3] and "could not be read" in texts[3]
    html = html_unescape(response.content.decode())
    assert "animation.gif" in html and "broken.jpg" in html
    # The photos just added, their thumbnails still being made (the commit queues them).
    assert html.count(PROCESSING) == 3


def test_batch_upload_returns_before_the_renditions_and_a_task_makes_them(
    admin_client, django_capture_on_commit_callbacks
):
    trip = VisitFactory()
    data = {
        "visit": trip.pk,
        "credit": SEOUL_CREDIT,
        "caption_language": "en",
        "files": [jpeg_upload("signing.jpg", size=(640, 480)), png_upload("robots.png")],
    }
    before = stored_files()
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(upload_url(), data)

    assert response.status_code == 302
    photos = list(Photo.objects.filter(visit=trip).order_by("order"))
    assert stored_files() - before == {photo.image.name for photo in photos}  # no rendition
    changelist = admin_client.get(response["Location"]).content.decode()
    assert changelist.count(PROCESSING) == 2

    with django_capture_on_commit_callbacks(execute=True):  # the commit, then the worker
        for callback in callbacks:
            callback()

    for photo in photos:
        assert {f"renditions/{photo.image.name}"} <= {
            name.rsplit("/", 1)[0] for name in stored_files()
        }
    changelist = admin_client.get(response["Location"]).content.decode()
    assert PROCESSING not in changelist
    assert sorted(image_sources(changelist)) == sorted(thumbnail_url(p) for p in photos)
    assert all(
        default_storage.exists(src.removeprefix("/media/")) for src in image_sources(changelist)
    )


def test_upload_of_only_bad_files_stays_on_the_form(admin_client):
    trip = VisitFactory()
    before = stored_files()
    data = {
        "visit": trip.pk,
        "credit": SEOUL_CREDIT,
        "caption_language": "en",
        "files": [
            SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain"),
            SimpleUploadedFile("empty.png", b"", content_type="image/png"),
        ],
    }

    response = admin_client.post(upload_url(), data)

    assert response.status_code == 200
    errors = messages_in(response)
    assert "notes.txt" in errors and "empty.png" in errors
    assert f'<option value="{trip.pk}" selected>' in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files() == before


def test_upload_needs_a_trip_a_credit_and_files(admin_client):
    response = admin_client.post(upload_url(), {"credit": " ", "caption_language": "en"})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"visit", "credit", "files"}
    assert form.errors["credit"] == ["Every photo needs a credit."]
    assert not Photo.objects.exists()


def test_upload_errors_in_the_editors_language(admin_client):
    trip = VisitFactory()
    data = {
        "visit": trip.pk,
        "credit": SEOUL_CREDIT,
        "caption_language": "ko",
        "files": [SimpleUploadedFile("map.gif", b"GIF89a", content_type="image/gif")],
    }
    response = admin_client.post(upload_url("ko"), data)

    assert response.status_code == 200
    assert 'lang="ko"' in response.content.decode()
    errors = messages_in(response)
    assert "map.gif" in errors
    assert re.search(r"[가-힣]", errors), errors


def test_upload_remembers_the_editors_last_credit(admin_client):
    trip = VisitFactory()
    data = {
        "visit": trip.pk,
        "credit": "Yonhap",
        "caption_language": "en",
        "files": [jpeg_upload("a.jpg")],
    }
    admin_client.post(upload_url(), data)
    html = admin_client.get(upload_url()).content.decode()
    assert 'name="credit" value="Yonhap"' in html


def test_upload_needs_the_add_photo_permission(client):
    trip = VisitFactory()

    def data():
        return {
            "visit": trip.pk,
            "credit": SEOUL_CREDIT,
            "caption_language": "en",
            "files": [jpeg_upload("a.jpg")],
        }

    before = stored_files()
    client.force_login(staff_user("viewer", "view_photo", "change_photo"))
    assert client.get(upload_url()).status_code == 403
    assert client.post(upload_url(), data()).status_code == 403
    assert not Photo.objects.exists()
    assert stored_files() == before
    changelist = client.get(admin_url("press", "photo", "changelist")).content.decode()
    assert upload_url() not in changelist

    client.force_login(staff_user("uploader", "view_photo", "add_photo"))
    assert client.get(upload_url()).status_code == 200
    assert client.post(upload_url(), data()).status_code == 302
    assert Photo.objects.count() == 1


def test_upload_page_needs_a_login(client):
    response = client.get(upload_url())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- alt text before publishing -----------------------------------------------------


def korean_release(**kwargs) -> PressRelease:
    """A release complete in English and Korean whose photo has English alt text only."""
    photo = PhotoFactory(caption_en="Signing ceremony", alt_text_ko="")
    return PressReleaseFactory(
        title_ko="서울시, 파리에서 관광 설명회", body_ko="<p>본문</p>", photos=[photo], **kwargs
    )


def test_publishing_with_photos_lacking_alt_text_needs_confirmation(admin_client):
    release = korean_release(draft=True)
    url = admin_url("press", "pressrelease", "change", release.pk)
    page = admin_client.get(url)
    assert "publish_without_alt_text" not in page.content.decode()  # only when needed
    data = post_data(page)
    data["status"] = Status.PUBLISHED
    data["subtitle_ja"] = "パリで観光説明会"

    refused = admin_client.post(url, data)

    assert refused.status_code == 200
    html = html_unescape(refused.content.decode())
    assert "Photos without alt text" in html
    assert "Signing ceremony</a>: Korean" in html
    assert 'name="publish_without_alt_text"' in html
    assert "Publish even though some photos lack alt text" in html
    assert "no alt text in a language of the release" in messages_in(refused)
    assert 'value="パリで観光説明会"' in html  # nothing typed is lost
    release.refresh_from_db()
    assert release.status == Status.DRAFT and not release.subtitle_ja

    data["publish_without_alt_text"] = "on"
    accepted = admin_client.post(url, data)

    assert accepted.status_code == 302, messages_in(accepted)
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and release.subtitle_ja == "パリで観光説明会"


def test_adding_a_language_to_a_published_release_checks_its_photos(admin_client):
    photo = PhotoFactory(alt_text_ja="")
    release = PressReleaseFactory(photos=[photo])
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    assert admin_client.post(url, data).status_code == 302  # English alt text is there

    data.update({"title_ja": "観光説明会", "body_ja": "<p>本文</p>"})
    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert ": Japanese</li>" in html_unescape(response.content.decode())
    release.refresh_from_db()
    assert not release.title_ja


def test_fixing_a_typo_in_a_published_release_does_not_ask_again(admin_client):
    release = korean_release()  # out already, its gap confirmed when it was published
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data["subtitle_en"] = "With a typo fixed"

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    release.refresh_from_db()
    assert release.subtitle_en == "With a typo fixed"


def test_drafts_and_complete_alt_text_need_no_confirmation(admin_client):
    draft = korean_release(draft=True)
    url = admin_url("press", "pressrelease", "change", draft.pk)
    data = post_data(admin_client.get(url))
    data["subtitle_en"] = "Still a draft"
    assert admin_client.post(url, data).status_code == 302

    photo = PhotoFactory(alt_text_ko="서명식 모습")
    complete = PressReleaseFactory(title_ko="제목", body_ko="<p>본문</p>", photos=[photo])
    url = admin_url("press", "pressrelease", "change", complete.pk)
    response = admin_client.post(url, post_data(admin_client.get(url)))
    assert response.status_code == 302, messages_in(response)


def test_removing_the_photo_from_the_gallery_needs_no_confirmation(admin_client):
    release = korean_release()
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data["gallery-0-DELETE"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    assert not release.gallery.exists()


def test_publish_action_skips_releases_whose_photos_lack_alt_text(admin_client):
    held = korean_release(draft=True, title_en="Tourism roadshow in Paris")
    ready = PressReleaseFactory(draft=True, photos=[PhotoFactory()])
    bare = PressReleaseFactory(draft=True, title_ko="제목", body_ko="<p>본문</p>")
    url = admin_url("press", "pressrelease", "changelist")
    selected = [str(release.pk) for release in (held, ready, bare)]

    response = admin_client.post(
        url, {"action": "publish", "_selected_action": selected}, follow=True
    )

    statuses = dict(PressRelease.objects.values_list("pk", "status"))
    assert statuses == {
        held.pk: Status.DRAFT,
        ready.pk: Status.PUBLISHED,
        bare.pk: Status.PUBLISHED,
    }
    texts = message_texts(response)
    assert any("Not published: “Tourism roadshow in Paris”" in text for text in texts)
    assert any(text.startswith("2 press releases published") for text in texts)


def test_publish_action_when_every_release_is_held(admin_client):
    held = korean_release(draft=True)
    response = admin_client.post(
        admin_url("press", "pressrelease", "changelist"),
        {"action": "publish", "_selected_action": [held.pk]},
        follow=True,
    )
    texts = message_texts(response)
    assert len(texts) == 1 and texts[0].startswith("Not published:")
    held.refresh_from_db()
    assert held.status == Status.DRAFT


# --- public photos change only through a publisher ------------------------------------

PUBLISHER_ONLY = "so only a publisher can change it. Ask someone in the Publisher group"


def role_client(client, role: str):
    user = User.objects.create_user(f"{role.lower()}-photos", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if role == "Translator":
        assign_languages(user)
    client.force_login(user)
    return client


def photo_url(photo, language="en"):
    return admin_url("press", "photo", "change", photo.pk, language=language)


def public_photos():
    """A photo on a public trip, and one shown only by a public release."""
    on_trip = PhotoFactory(caption_en="On the trip")
    in_release = PhotoFactory(visit=None, caption_en="In the release")
    PressReleaseFactory(photos=[in_release])
    return {"on a public trip": on_trip, "in a public release": in_release}


EDITS = {
    "caption": {"caption_en": "Changed caption"},
    "alt text": {"alt_text_en": "Changed alt text"},
    "credit": {"credit": "Someone else"},
    "image": {"image": "new"},
    "crop": {"focal_x": "10"},
}


def edited(response, changes) -> dict:
    data = post_data(response)
    for name, value in changes.items():
        data[name] = jpeg_upload("replacement.jpg") if name == "image" else value
    return data


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("door", ["on a public trip", "in a public release"])
def test_an_editor_cannot_change_a_public_photo(client, door, edit):
    photo = public_photos()[door]
    before = Photo.objects.get(pk=photo.pk)
    editor = role_client(client, "Editor")
    page = editor.get(photo_url(photo))
    assert "only a publisher can change it" in " ".join(message_texts(page))

    response = editor.post(photo_url(photo), edited(page, EDITS[edit]))

    assert response.status_code == 200
    assert PUBLISHER_ONLY in messages_in(response)
    after = Photo.objects.get(pk=photo.pk)
    for field in ("caption_en", "alt_text_en", "credit", "image", "focal_x"):
        assert getattr(after, field) == getattr(before, field)


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_publisher_changes_a_public_photo(client, edit):
    photo = public_photos()["in a public release"]
    publisher = role_client(client, "Publisher")
    response = publisher.post(
        photo_url(photo), edited(publisher.get(photo_url(photo)), EDITS[edit])
    )
    assert response.status_code == 302
    after = Photo.objects.get(pk=photo.pk)
    name, value = next(iter(EDITS[edit].items()))
    if name == "image":
        assert "replacement" in after.image.name
    else:
        assert str(getattr(after, name)) == value


def test_the_refusal_is_in_the_editors_language(client):
    photo = public_photos()["on a public trip"]
    editor = role_client(client, "Editor")
    page = editor.get(photo_url(photo, "ko"))
    response = editor.post(photo_url(photo, "ko"), edited(page, EDITS["caption"]))
    assert response.status_code == 200
    message = (
        "Not saved: this photo is public (shown by %(doors)s), so only a publisher can change "
        "it. Ask someone in the Publisher group to make this change; what you entered is "
        "still in the form below."
    )
    with translation.override("ko"):
        door = gettext("the trip “%(title)s”") % {"title": photo.visit}
        korean = gettext(message) % {"doors": door}
    assert korean != message % {"doors": door}
    assert korean in messages_in(response)


def test_a_translator_still_translates_a_public_photo(client):
    photo = public_photos()["in a public release"]
    translator = role_client(client, "Translator")
    page = translator.get(photo_url(photo))
    assert "credit" not in page.context["adminform"].form.fields
    response = translator.post(photo_url(photo), edited(page, {"caption_ko": "한국어 설명"}))
    assert response.status_code == 302
    assert Photo.objects.get(pk=photo.pk).caption_ko == "한국어 설명"


def test_an_editor_changes_a_photo_that_is_not_public(client):
    photo = PhotoFactory(visit=VisitFactory(draft=True))
    editor = role_client(client, "Editor")
    response = editor.post(photo_url(photo), edited(editor.get(photo_url(photo)), EDITS["credit"]))
    assert response.status_code == 302
    assert Photo.objects.get(pk=photo.pk).credit == "Someone else"


def test_only_a_publisher_makes_a_held_back_photo_public(client):
    photo = PhotoFactory(held_back=True)  # on a public trip
    assert not Photo.objects.published().filter(pk=photo.pk).exists()
    editor = role_client(client, "Editor")
    data = post_data(editor.get(photo_url(photo)))
    data.pop("held_back")
    response = editor.post(photo_url(photo), data)
    assert response.status_code == 200
    assert "would make the photo public" in messages_in(response)
    data["caption_en"] = "Still held back"
    data["held_back"] = "on"
    assert editor.post(photo_url(photo), data).status_code == 302  # other changes are fine
    client.logout()

    publisher = role_client(client, "Publisher")
    data = post_data(publisher.get(photo_url(photo)))
    data.pop("held_back")
    assert publisher.post(photo_url(photo), data).status_code == 302
    assert Photo.objects.published().filter(pk=photo.pk).exists()


def test_the_rule_is_a_service_for_every_caller():
    editor = User.objects.create_user("editor-service")
    editor.groups.add(Group.objects.get(name="Editor"))
    photo = public_photos()["on a public trip"]
    with pytest.raises(ValidationError) as refused:
        check_photo_change(user=editor, photo=photo, changes={"credit": "Someone else"})
    assert refused.value.code == "public_photo"
    check_photo_change(user=editor, photo=photo, changes={})  # nothing changes


# --- holding back a batch for a release that is not out yet ----------------------------


def checked_visibility(response) -> str:
    html = response.content.decode()
    return re.search(r'name="visibility" value="([^"]+)"[^>]*checked', html).group(1)


def test_upload_holds_photos_back_by_default_when_the_trip_has_a_scheduled_release(
    admin_client,
):
    quiet, busy = VisitFactory(), VisitFactory()
    PressReleaseFactory(visit=busy, scheduled=True)
    PressReleaseFactory(visit=quiet)  # out already: nothing to wait for
    assert checked_visibility(admin_client.get(upload_url(), {"visit": quiet.pk})) == "with_trip"
    assert checked_visibility(admin_client.get(upload_url(), {"visit": busy.pk})) == "held_back"
    assert checked_visibility(admin_client.get(upload_url())) == "with_trip"
    huge = admin_client.get(upload_url(), {"visit": "9" * 30})
    assert huge.status_code == 200


@pytest.mark.parametrize("sent", ["held_back", None], ids=["chosen", "form-without-choice"])
def test_held_back_photos_wait_for_their_release(admin_client, client, sent):
    trip = VisitFactory(legs=1)  # public
    out_at = timezone.now() + datetime.timedelta(hours=2)
    release = PressReleaseFactory(visit=trip, scheduled=True, published_at=out_at)
    data = {"visit": trip.pk, "credit": SEOUL_CREDIT, "caption_language": "en"}
    data["files"] = [jpeg_upload("stage.jpg"), jpeg_upload("crowd.jpg")]
    if sent:
        data["visibility"] = sent
    response = admin_client.post(upload_url(), data, follow=True)
    assert "They are not public yet" in " ".join(message_texts(response))
    photos = list(Photo.objects.filter(visit=trip))
    assert [photo.held_back for photo in photos] == [True, True]
    for photo in photos:
        ReleasePhoto.objects.create(release=release, photo=photo)

    def seen(photo) -> bool:
        statuses = {client.get(photo.get_absolute_url()).status_code}
        statuses.add(client.get(photo.image.url).status_code)
        return statuses == {200}

    trip_photos = reverse("press:trip_photos", kwargs={"slug": trip.slug})
    assert not any(seen(photo) for photo in photos)
    assert photos[0].image.name not in client.get(trip_photos).content.decode()
    with time_machine.travel(out_at + datetime.timedelta(minutes=1)):
        assert all(seen(photo) for photo in photos)
        assert photos[0].image.name in client.get(trip_photos).content.decode()


def test_photos_uploaded_with_the_trip_are_public_at_once(admin_client, client):
    trip = VisitFactory(legs=1)
    data = {"visit": trip.pk, "credit": SEOUL_CREDIT, "caption_language": "en"}
    data.update(files=[jpeg_upload("stage.jpg")], visibility="with_trip")
    admin_client.post(upload_url(), data)
    photo = Photo.objects.get(visit=trip)
    assert not photo.held_back
    assert client.get(photo.get_absolute_url()).status_code == 200


# --- restoring a revision, and photos of a scheduled release ----------------------------


def restore_as(client, role: str, photo, version):
    """An editor of ``role`` opens an old version of ``photo`` and confirms its restore."""
    from .test_revisions import url_of as revision_url
    from .test_roles import member

    client.force_login(member(role))
    url = revision_url("revision", photo, version.pk)
    shown = client.get(url)
    data = post_data(shown) if shown.status_code == 200 else {}
    return shown, client.post(url, data)


def two_versions(photo, **now):
    """Record ``photo`` as it is, then with the fields ``now``; return the older version."""
    from visits.revisions import record_revision

    from .test_revisions import versions_of

    record_revision([photo])
    Photo.objects.filter(pk=photo.pk).update(**now)
    record_revision([Photo.objects.get(pk=photo.pk)])
    return versions_of(photo).last()


def test_an_editor_cannot_restore_an_old_version_of_a_public_photo(client):
    """A restore rewrites every field at once: on a public photo it is a publisher's."""
    photo = PhotoFactory(visit=VisitFactory(), caption_en="Old caption", held_back=False)
    older = two_versions(photo, caption_en="Approved caption")

    shown, restored = restore_as(client, "Editor", photo, older)

    assert (shown.status_code, restored.status_code) == (403, 403)
    photo.refresh_from_db()
    assert photo.caption_en == "Approved caption"


def test_an_editor_cannot_make_a_held_back_photo_public_by_restoring_a_version(client):
    photo = PhotoFactory(visit=VisitFactory(), held_back=False)
    older = two_versions(photo, held_back=True)
    assert not Photo.objects.published().filter(pk=photo.pk).exists()

    restore_as(client, "Editor", photo, older)

    assert not Photo.objects.published().filter(pk=photo.pk).exists()
    assert Photo.objects.get(pk=photo.pk).held_back


def test_an_editor_restores_a_photo_nobody_sees_and_a_publisher_any(client):
    private = PhotoFactory(visit=VisitFactory(draft=True), caption_en="First")
    older = two_versions(private, caption_en="Second")
    _, restored = restore_as(client, "Editor", private, older)
    assert restored.status_code == 302
    assert Photo.objects.get(pk=private.pk).caption_en == "First"

    public = PhotoFactory(visit=VisitFactory(), caption_en="First", held_back=False)
    older = two_versions(public, caption_en="Second")
    _, restored = restore_as(client, "Publisher", public, older)
    assert restored.status_code == 302
    assert Photo.objects.get(pk=public.pk).caption_en == "First"


def test_an_editor_cannot_change_a_photo_of_a_scheduled_release(client):
    """A scheduled release was reviewed as it is: its photos go out with it unchanged."""
    from .factories import ReleasePhotoFactory
    from .test_roles import member

    trip = VisitFactory()
    release = PressReleaseFactory(scheduled=True, visit=trip)
    photo = PhotoFactory(visit=trip, held_back=True, caption_en="Approved")
    ReleasePhotoFactory(release=release, photo=photo, is_lead=True)
    client.force_login(member("Editor"))
    url = admin_url("press", "photo", "change", photo.pk)
    data = post_data(client.get(url))
    data["caption_en"] = "Unreviewed"

    response = client.post(url, data)

    assert response.status_code == 200  # the form again, with the refusal
    assert "only a publisher can change it" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption_en == "Approved"
