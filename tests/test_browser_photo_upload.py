"""An editor uploads three photos of a trip in a real browser (Debian's Chromium via
Playwright, as tests/test_browser.py): one bad file is listed with its reason, the two
good ones each show their progress done, a preview and their row; a caption and alt text
typed in one row and an event chosen are saved at once. Under the
Content-Security-Policy, with no violation reported."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from press.models import Photo

from .factories import EngagementFactory, VisitFactory
from .test_browser import open_page, page, pytestmark, sign_in, url_path  # noqa: F401 - fixtures


def jpeg_bytes(color) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def trip(transactional_db):
    trip = VisitFactory(title_en="Mayor's trip to Beijing", legs=1)
    EngagementFactory(visit=trip, leg=trip.legs.get(), title_en="Robot lab visit")
    return trip


def test_an_editor_uploads_three_files_and_describes_the_photos(page, trip, django_user_model):  # noqa: F811
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    sign_in(page, "editor")

    open_page(page, f"/en/admin/press/photo/upload/?visit={trip.pk}")
    page.get_by_label("Credit").fill("Yonhap / Lee")
    page.get_by_label("Photos").set_input_files(
        [
            {"name": "stage.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((200, 80, 40))},
            {"name": "map.gif", "mimeType": "image/gif", "buffer": b"GIF89a" + b"\0" * 40},
            {"name": "crowd.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((40, 80, 200))},
        ]
    )

    status = page.locator("#photo-upload-status")
    expect(status).to_have_text("2 added, 1 not added. Describe the photos below, then save.")
    files = page.locator(".photo-upload__file")
    expect(files).to_have_count(3)
    for name in ("stage.jpg", "crowd.jpg"):
        item = files.filter(has_text=name)
        expect(item).to_contain_text("Added")
        assert item.locator("progress").evaluate("bar => bar.value") == 100
        expect(item.get_by_label(f"Upload of {name}")).to_be_visible()
    expect(files.filter(has_text="map.gif")).to_contain_text("is not a photo we accept")

    rows = page.locator(".photo-detail")
    expect(rows).to_have_count(2)
    stage = rows.filter(has_text="stage")
    expect(stage.locator(".photo-detail__thumb img")).to_be_visible()
    expect(stage.get_by_label("Credit")).to_have_value("Yonhap / Lee")
    stage.get_by_label("Caption").fill("The mayor on stage")
    stage.get_by_label("Alt text").fill("The mayor speaks at a lectern before a robot")
    stage.get_by_label("Event").select_option(label="2024-07-24 Robot lab visit")
    rows.filter(has_text="crowd").get_by_label("Alt text").fill("A crowd in a hall")
    page.get_by_role("button", name="Save details").click()

    expect(page).to_have_url(url_path(f"/en/admin/press/photo/?visit__id__exact={trip.pk}"))
    expect(page.locator(".messagelist")).to_contain_text("The details of 2 photos were saved.")
    photos = {p.image.name.rsplit("/", 1)[1][:5]: p for p in Photo.objects.filter(visit=trip)}
    assert list(photos) == ["stage", "crowd"]  # in the order chosen
    assert photos["stage"].caption_en == "The mayor on stage"
    assert photos["stage"].alt_text_en == "The mayor speaks at a lectern before a robot"
    assert photos["stage"].engagement.title_en == "Robot lab visit"
    assert photos["crowd"].alt_text_en == "A crowd in a hall"
    assert {p.credit for p in photos.values()} == {"Yonhap / Lee"}
    assert violations == []
