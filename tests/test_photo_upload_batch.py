"""The batch upload as editors use it: each file sent on its own by the upload page's
script (its row of the describe form back as JSON, or its reasons), the describe step
(caption and alt text in the editor's language, the event of the trip, the credit) and
the same describe step after the plain form, without JavaScript."""

import json
import re
from html import unescape as html_unescape

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from press.models import Photo

from .factories import (
    SEOUL_CREDIT,
    EngagementFactory,
    PhotoFactory,
    VisitFactory,
    assign_languages,
)
from .test_admin import admin_url
from .test_admin_photos import (
    PROCESSING,
    jpeg_upload,
    message_texts,
    png_upload,
    staff_user,
    stored_files,
)

pytestmark = pytest.mark.django_db


def one_url(language="en"):
    return admin_url("press", "photo", "upload_one", language=language)


def describe_url(photos=(), language="en"):
    url = admin_url("press", "photo", "describe", language=language)
    return f"{url}?ids={','.join(str(photo.pk) for photo in photos)}"


def batch(trip, file, **extra):
    return {"visit": trip.pk, "credit": "Yonhap / Lee", "caption_language": "en", "files": file}


def send(client, trip, file, language="en", **extra):
    response = client.post(one_url(language), {**batch(trip, file), **extra})
    return response, json.loads(response.content)


def row_data(photos, rows: dict[int, dict], prefix="photos") -> dict:
    """The describe form as the browser sends it: ``rows`` maps a photo's pk to its fields."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(photos)),
        f"{prefix}-INITIAL_FORMS": str(len(photos)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, photo in enumerate(photos):
        photo.refresh_from_db()
        fields = {
            "id": photo.pk,
            "lock_version": photo.lock_version,
            "credit": photo.credit,
            "engagement": photo.engagement_id or "",
        }
        fields.update(rows.get(photo.pk, {}))
        data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return data


# --- one file at a time (the script's endpoint) ----------------------------------------


def test_one_good_file_is_added_and_its_row_comes_back(admin_client):
    trip = VisitFactory()
    PhotoFactory(visit=trip, order=4)
    event = EngagementFactory(visit=trip, leg__visit=trip, title_en="Signing at City Hall")

    response, body = send(admin_client, trip, jpeg_upload("signing.jpg"), caption="Signing")

    assert response.status_code == 201
    photo = Photo.objects.get(pk=body["id"])
    assert (photo.visit, photo.order, photo.credit) == (trip, 5, "Yonhap / Lee")
    assert photo.caption_en == "Signing"
    assert body["name"].startswith("signing") and body["name"].endswith(".jpg")
    assert body["thumbnail"] is None  # made by a task: the page shows the file meanwhile
    row = body["row"]
    assert PROCESSING in row
    assert 'name="photos-__prefix__-caption_en"' in row
    assert 'name="photos-__prefix__-alt_text_en"' in row
    assert f'name="photos-__prefix__-id" value="{photo.pk}"' in row
    assert 'name="photos-__prefix__-credit" value="Yonhap / Lee"' in row
    assert f'<option value="{event.pk}">' in row and "Signing at City Hall" in row


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        (
            SimpleUploadedFile("map.gif", b"GIF89a" + b"\0" * 40, content_type="image/gif"),
            "is not a photo we accept",
        ),
        (SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain"), "notes.txt"),
        (
            SimpleUploadedFile("broken.jpg", b"not a photo", content_type="image/jpeg"),
            "could not be read",
        ),
        (SimpleUploadedFile("empty.png", b"", content_type="image/png"), "empty"),
    ],
    ids=["gif", "not-an-image", "broken", "empty"],
)
def test_a_bad_file_is_refused_with_its_reason(admin_client, file, reason):
    trip = VisitFactory()
    before = stored_files()

    response, body = send(admin_client, trip, file)

    assert response.status_code == 400
    assert file.name in " ".join(body["errors"]) and reason in " ".join(body["errors"])
    assert not Photo.objects.exists()
    assert stored_files() == before


def test_a_file_too_big_is_refused(admin_client, settings):
    settings.PRESSROOM_MAX_UPLOAD_BYTES = 200
    response, body = send(admin_client, VisitFactory(), jpeg_upload("huge.jpg", size=(300, 300)))

    assert response.status_code == 400
    assert "huge.jpg" in body["errors"][0] and "at most 200" in body["errors"][0]
    assert not Photo.objects.exists()


def test_a_wrong_trip_or_no_credit_is_refused_in_the_editors_language(admin_client):
    data = {"visit": "987654", "credit": " ", "caption_language": "ko"}
    response = admin_client.post(one_url("ko"), {**data, "files": jpeg_upload("a.jpg")})

    assert response.status_code == 400
    errors = " ".join(json.loads(response.content)["errors"])
    assert "순방" in errors  # the trip field's label, in Korean
    assert re.search(r"[가-힣]{4}", errors)
    assert not Photo.objects.exists()

    response = admin_client.post(one_url(), {**data, "visit": "9" * 30, "files": []})
    assert response.status_code == 400  # not a 500 for a number past the integers


def test_the_endpoint_needs_the_add_permission_a_login_and_a_post(client, admin_client):
    trip = VisitFactory()
    client.force_login(staff_user("viewer", "view_photo", "change_photo"))
    response, body = send(client, trip, jpeg_upload("a.jpg"))
    assert response.status_code == 403 and body["errors"]
    client.logout()
    response = client.post(one_url(), batch(trip, jpeg_upload("a.jpg")))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert admin_client.get(one_url()).status_code == 405
    assert not Photo.objects.exists()


def test_the_endpoint_needs_the_csrf_token():
    User.objects.create_superuser("boss", password="x")
    client = Client(enforce_csrf_checks=True)
    client.login(username="boss", password="x")

    response = client.post(one_url(), batch(VisitFactory(), jpeg_upload("a.jpg")))

    assert response.status_code == 403
    assert not Photo.objects.exists()


# --- the describe step -------------------------------------------------------------------


def upload_two(client, trip, language="en"):
    ids = [send(client, trip, jpeg_upload(f"{n}.jpg"), language)[1]["id"] for n in "ab"]
    return list(Photo.objects.filter(pk__in=ids).order_by("order"))


def test_details_are_saved_per_photo_in_the_editors_language(admin_client):
    trip = VisitFactory()
    first, second = upload_two(admin_client, trip, "ko")
    event = EngagementFactory(visit=trip, leg__visit=trip)
    page = admin_client.get(describe_url([first, second], "ko")).content.decode()
    assert 'name="photos-0-caption_ko"' in page and "caption_en" not in page

    data = row_data(
        [first, second],
        {
            first.pk: {
                "caption_ko": "협약 서명",
                "alt_text_ko": "시장이 서명한다",
                "engagement": event.pk,
            },
            second.pk: {"alt_text_ko": "만찬장 전경", "credit": "연합뉴스"},
        },
    )
    response = admin_client.post(describe_url(language="ko"), data)

    assert response.status_code == 302
    assert response["Location"].endswith(f"?visit__id__exact={trip.pk}")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.caption_ko, first.alt_text_ko, first.engagement) == (
        "협약 서명",
        "시장이 서명한다",
        event,
    )
    assert not first.caption_en and not first.alt_text_en
    assert (second.alt_text_ko, second.credit) == ("만찬장 전경", "연합뉴스")
    # Each photo's own change: its revision and its history line.
    for photo in (first, second):
        assert Version.objects.get_for_object(photo).count() >= 1
        entry = LogEntry.objects.get(object_id=str(photo.pk), action_flag=CHANGE)
        assert entry.user.username == "admin"
    assert "2" in message_texts(response)[-1]


@pytest.mark.parametrize(
    ("language", "field"), [("ja", "alt_text_ja"), ("zh-hans", "alt_text_zh_hans")]
)
def test_alt_text_goes_to_the_active_language(admin_client, language, field):
    trip = VisitFactory()
    photo = upload_two(admin_client, trip)[0]
    data = row_data([photo], {photo.pk: {field: "市長"}})
    assert admin_client.post(describe_url(language=language), data).status_code == 302
    photo.refresh_from_db()
    assert getattr(photo, field) == "市長" and not photo.alt_text_en


def test_events_are_only_the_trips_and_a_bad_row_keeps_everything(admin_client):
    trip, other_trip = VisitFactory(), VisitFactory()
    mine = EngagementFactory(visit=trip, leg__visit=trip, title_en="Robot lab")
    theirs = EngagementFactory(visit=other_trip, leg__visit=other_trip, title_en="Other dinner")
    first, second = upload_two(admin_client, trip)

    page = admin_client.get(describe_url([first, second])).content.decode()
    assert "Robot lab" in page and "Other dinner" not in page

    data = row_data(
        [first, second],
        {
            first.pk: {"engagement": theirs.pk, "alt_text_en": "Guests at dinner"},
            second.pk: {"credit": " ", "caption_en": "The second photo's caption"},
        },
    )
    response = admin_client.post(describe_url(), data)

    assert response.status_code == 200
    formset = response.context["formset"]
    assert list(formset.errors[0]) == ["engagement"]
    assert "credit" in formset.errors[1] or formset.errors[1].get("__all__")
    html = html_unescape(response.content.decode())
    assert "Guests at dinner" in html and "The second photo's caption" in html
    assert "Nothing was saved yet" in html
    for photo in (first, second):
        photo.refresh_from_db()
        assert not photo.alt_text_en and not photo.caption_en and photo.engagement is None
    assert mine.photos.count() == 0


def test_the_describe_page_reads_the_same_number_of_queries_for_more_photos(admin_client):
    trip = VisitFactory()
    for _ in range(2):
        EngagementFactory(visit=trip, leg__visit=trip)
    photos = [send(admin_client, trip, jpeg_upload(f"{n}.jpg"))[1]["id"] for n in range(6)]
    few, many = Photo.objects.filter(pk__in=photos[:2]), Photo.objects.filter(pk__in=photos)

    counts = []
    for shown in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(describe_url(shown)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_only_ones_own_new_photos_unless_one_may_change_photos(client, admin_client):
    trip = VisitFactory()
    someone_elses = PhotoFactory(visit=trip, alt_text_en="")
    uploader = staff_user("uploader", "view_photo", "add_photo")
    client.force_login(uploader)
    (mine,) = [Photo.objects.get(pk=send(client, trip, jpeg_upload("a.jpg"))[1]["id"])]

    page = client.get(describe_url([mine, someone_elses])).content.decode()
    assert f'-id" value="{mine.pk}"' in page and f'-id" value="{someone_elses.pk}"' not in page

    data = row_data(
        [mine, someone_elses], {p.pk: {"alt_text_en": "Set"} for p in (mine, someone_elses)}
    )
    response = client.post(describe_url(), data, follow=True)
    # The other photo's row is left out, with a word; this editor's own is saved.
    texts = message_texts(response)
    assert "1 photo of this form was left out" in texts[0]
    assert texts[1] == "The details of 1 photo were saved."
    someone_elses.refresh_from_db()
    mine.refresh_from_db()
    assert (someone_elses.alt_text_en, mine.alt_text_en) == ("", "Set")

    assert (
        admin_client.get(describe_url([someone_elses]))
        .content.decode()
        .count(f'value="{someone_elses.pk}"')
    )


def test_editors_describe_what_they_just_made_public_but_not_older_public_photos(client):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    public_trip = VisitFactory()  # published
    old = PhotoFactory(visit=public_trip, alt_text_en="Old words")
    new = Photo.objects.get(
        pk=send(client, public_trip, jpeg_upload("a.jpg"), visibility="with_trip")[1]["id"]
    )
    assert Photo.objects.published().filter(pk=new.pk).exists()

    data = row_data([new], {new.pk: {"alt_text_en": "The mayor on stage"}})
    assert client.post(describe_url(), data).status_code == 302
    new.refresh_from_db()
    assert new.alt_text_en == "The mayor on stage"

    # An older public photo, if the editor may see it here at all, stays as it is.
    client.session.save()
    session = client.session
    session["press_uploaded_photos"] = [old.pk]
    session.save()
    Photo.objects.filter(pk=old.pk).update(uploaded_at=old.uploaded_at.replace(year=2020))
    response = client.post(describe_url(), row_data([old], {old.pk: {"alt_text_en": "New"}}))
    assert response.status_code == 200
    assert "only a publisher can change it" in html_unescape(response.content.decode())
    old.refresh_from_db()
    assert old.alt_text_en == "Old words"


def test_a_photo_deleted_meanwhile_leaves_the_other_rows_to_be_saved(admin_client):
    first, second = upload_two(admin_client, VisitFactory())
    data = row_data(
        [first, second], {p.pk: {"alt_text_en": f"Alt {p.pk}"} for p in (first, second)}
    )
    first.delete()

    response = admin_client.post(describe_url(), data, follow=True)

    assert "1 photo of this form was left out" in message_texts(response)[0]
    second.refresh_from_db()
    assert second.alt_text_en == f"Alt {second.pk}"
    assert Photo.objects.count() == 1


def test_an_extra_row_makes_no_new_photo(admin_client):
    (photo,) = upload_two(admin_client, VisitFactory())[:1]
    data = row_data([photo], {})
    data |= {"photos-INITIAL_FORMS": "0", "photos-0-alt_text_en": "Sneaky"}

    response = admin_client.post(describe_url(), data)

    assert response.status_code == 302  # the row is the photo's own, counted as such
    assert Photo.objects.count() == 2
    photo.refresh_from_db()
    assert photo.alt_text_en == "Sneaky"


def test_describe_page_with_nothing_to_describe(admin_client):
    response = admin_client.get(describe_url() + ",x,99999999999999999999999")
    assert response.status_code == 200
    assert "no photos to describe" in response.content.decode()
    bad = {"photos-TOTAL_FORMS": "x", "photos-INITIAL_FORMS": "0"}
    response = admin_client.post(describe_url(), bad, follow=True)
    assert message_texts(response) == ["Nothing was changed."]


# --- without JavaScript ------------------------------------------------------------------


def test_plain_form_good_and_bad_files_then_the_describe_step(admin_client):
    trip = VisitFactory()
    EngagementFactory(visit=trip, leg__visit=trip, title_en="Robot lab")
    upload = admin_url("press", "photo", "upload")
    page = admin_client.get(upload, {"visit": trip.pk}).content.decode()
    assert 'src="/static/js/photo_upload.js"' in page
    assert re.search(r'<input type="file" name="files"[^>]*multiple', page)
    data = {
        "visit": trip.pk,
        "credit": "Yonhap",
        "caption_language": "en",
        "files": [
            jpeg_upload("stage.jpg"),
            SimpleUploadedFile("map.gif", b"GIF89a", content_type="image/gif"),
            png_upload("crowd.png"),
        ],
    }

    response = admin_client.post(upload, data, follow=True)

    photos = list(Photo.objects.filter(visit=trip).order_by("order"))
    assert len(photos) == 2
    texts = message_texts(response)
    assert texts[0].startswith("2 photos were added")
    assert any("map.gif" in text for text in texts)
    html = html_unescape(response.content.decode())
    assert "Describe these photos" in html
    assert html.count('class="module photo-detail') == 2
    assert html.count('value="Yonhap"') == 2  # each row's credit, from the batch
    assert "Robot lab" in html

    rows = {photos[0].pk: {"alt_text_en": "The stage"}, photos[1].pk: {"caption_en": "Crowd"}}
    response = admin_client.post(describe_url(), row_data(photos, rows), follow=True)

    assert response.redirect_chain[-1][0].endswith(f"?visit__id__exact={trip.pk}")
    assert message_texts(response)[-1] == "The details of 2 photos were saved."
    saved = Photo.objects.order_by("order")
    assert [(p.alt_text_en or "", p.caption_en or "") for p in saved] == [
        ("The stage", ""),
        ("", "Crowd"),
    ]


def test_the_upload_page_is_ready_for_the_script_and_allows_its_previews(admin_client):
    response = admin_client.get(admin_url("press", "photo", "upload"))
    html = response.content.decode()
    assert f'data-upload-url="{one_url()}"' in html
    assert 'role="status" aria-live="polite"' in html
    assert 'data-prefix="photos"' in html
    assert "blob:" in response["Content-Security-Policy"]
    assert SEOUL_CREDIT in html


@pytest.mark.parametrize(
    ("language", "save", "progress"),
    [
        ("ko", "설명 저장", "파일 {total}개 중 {done}개를 보냈습니다."),
        ("zh-hans", "保存说明", "已发送 {done} 个文件，共 {total} 个。"),  # noqa: RUF001
        ("ja", "説明を保存", "{total} 件中 {done} 件のファイルを送信しました。"),
    ],
)
def test_both_steps_speak_the_editors_language(admin_client, language, save, progress):
    trip = VisitFactory()
    page = admin_client.get(admin_url("press", "photo", "upload", language=language))
    assert f'data-progress="{progress}"' in html_unescape(page.content.decode())
    photo = upload_two(admin_client, trip, language)[0]
    html = admin_client.get(describe_url([photo], language)).content.decode()
    assert save in html
    code = language.replace("-", "_")
    assert f'name="photos-0-alt_text_{code}"' in html


def test_a_translator_cannot_use_the_describe_step_to_change_what_they_may_not(client):
    # The describe form offers the credit, the event and the caption of the page's
    # language: a Japanese translator must not reach them there (the photo form gives
    # them Japanese only).
    translator = User.objects.create_user("translator", password="x", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translator"))
    assign_languages(translator, "ja")
    client.force_login(translator)
    photo = PhotoFactory(visit=VisitFactory(draft=True), credit="Yonhap", caption_ko="원문")

    assert client.get(describe_url([photo], language="ko")).status_code == 403
    data = row_data([photo], {photo.pk: {"credit": "Someone", "caption_ko": "바뀜"}})
    response = client.post(describe_url(language="ko"), data)

    assert response.status_code == 403
    photo.refresh_from_db()
    assert (photo.credit, photo.caption_ko) == ("Yonhap", "원문")


def test_digits_that_are_no_numbers_are_no_error(admin_client):
    # "²" is a digit to str.isdigit() but not a number to int(): it was a server error.
    photo = upload_two(admin_client, VisitFactory())[0]
    response = admin_client.get(describe_url([photo]) + ",\u00b2,1\u00b2")
    assert response.status_code == 200
    assert response.content.decode().count(f'-id" value="{photo.pk}"') == 1

    bad = {"photos-TOTAL_FORMS": "\u00b2", "photos-INITIAL_FORMS": "0"}
    response = admin_client.post(describe_url(), bad, follow=True)
    assert message_texts(response) == ["Nothing was changed."]

    data = row_data([photo], {photo.pk: {"alt_text_en": "Set"}})
    data["photos-0-id"] = "\u00b2"
    response = admin_client.post(describe_url(), data, follow=True)
    assert "1 photo of this form was left out" in message_texts(response)[0]

    upload_page = admin_url("press", "photo", "upload") + "?visit=\u00b2"
    assert admin_client.get(upload_page).status_code == 200
