"""An editor imports two clippings in a real browser (Debian's Chromium via Playwright, as
tests/test_browser.py): the coverage list, "Import clippings", a paste of two articles,
the review with one headline corrected and the outlet it proposes seen, and the drafts
listed after confirming; the review at a desktop's width (choices in columns, nothing
scrolling sideways) and a phone's (checkboxes at the start of their labels). Under the
Content-Security-Policy, with no violation reported."""

import re

import pytest
from playwright.sync_api import expect

from press.models import Coverage, Outlet
from visits.publishing import Status

from .test_browser import open_page, page, pytestmark, sign_in, url_path  # noqa: F401 - fixtures
from .test_clipping_import import HERALD, HERALD_HEADLINE, RIVER, RIVER_HEADLINE, make_trip

CORRECTED = "Seoul's mayor sees the humanoid robot Tiangong run in Beijing"


@pytest.fixture
def trip(transactional_db):
    return make_trip()


def test_an_editor_imports_two_pasted_clippings(page, trip, django_user_model):  # noqa: F811
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    sign_in(page, "editor")

    open_page(page, "/en/admin/press/coverage/")
    page.get_by_role("link", name="Import clippings").click()
    expect(page).to_have_url(url_path("/en/admin/press/coverage/import/"))

    page.get_by_label("Pasted clippings").fill(f"{HERALD}\n---\n{RIVER}")
    page.get_by_role("button", name="Read the clippings").click()

    # The review: each clipping's guesses, editable; nothing saved yet.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the clippings before importing them"
    )
    expect(page.locator("#id_c0-headline")).to_have_value(HERALD_HEADLINE)
    expect(page.locator("#id_c0-outlet option:checked")).to_have_text("Herald Economy")
    expect(page.get_by_role("radio", name="One of our outlets").first).to_be_checked()
    expect(page.locator("#id_c0-new_outlet_name")).to_be_hidden()  # found: nothing to make
    river_headline = page.locator("#id_c1-headline")
    expect(river_headline).to_have_value(RIVER_HEADLINE)
    # The outlet the second article names, to be created: ticked, its name to check.
    river = page.locator("#clipping-2")
    expect(river.get_by_role("radio", name="Create a new outlet")).to_be_checked()
    expect(river.get_by_label("Name of the new outlet")).to_have_value("Han River Herald")
    expect(river.locator(".clipping__note")).to_contain_text("“Han River Herald”")
    assert not Coverage.objects.exists() and not Outlet.objects.filter(name_en="Han River Herald")
    # Choosing in the list ticks its option (and hides the new outlet's name); ticking
    # "create" again shows the name as it was.
    river.locator("#id_c1-outlet").select_option(label="Herald Economy")
    expect(river.get_by_role("radio", name="One of our outlets")).to_be_checked()
    expect(river.get_by_label("Name of the new outlet")).to_be_hidden()
    river.locator("#id_c1-outlet").select_option(value="")
    river.get_by_role("radio", name="Create a new outlet").check()
    expect(river.get_by_label("Name of the new outlet")).to_have_value("Han River Herald")

    # A desktop: the events in columns across their group, the page no wider than the
    # window; a phone: the checkboxes at the start of their labels.
    page.set_viewport_size({"width": 1440, "height": 900})
    event = page.locator("#clipping-1 .field-engagements label").first
    assert event.bounding_box()["width"] > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    page.set_viewport_size({"width": 390, "height": 844})
    for box in (page.locator("#id_c0-import_it"), page.locator("#id_c0-engagements_0")):
        label = page.locator(f"label[for={box.get_attribute('id')}]")
        assert box.bounding_box()["x"] < label.bounding_box()["x"] + 30
        assert box.bounding_box()["x"] < 60
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 720})

    river_headline.fill(CORRECTED)
    page.get_by_role("button", name="Import", exact=True).click()

    # The coverage list, showing only the two new drafts.
    expect(page).to_have_url(re.compile(r"/en/admin/press/coverage/\?id__in=\d+%2C\d+$"))
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text(f"#1 ({HERALD_HEADLINE}): created coverage")
    expect(messages).to_contain_text("#2 (Seoul mayor watches a humanoid…): created coverage")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#result_list")).to_contain_text(HERALD_HEADLINE)
    expect(page.locator("#result_list")).to_contain_text(CORRECTED)
    assert set(Coverage.objects.values_list("headline", "status", "outlet__name_en")) == {
        (HERALD_HEADLINE, Status.DRAFT, "Herald Economy"),
        (CORRECTED, Status.DRAFT, "Han River Herald"),
    }
    assert violations == []
