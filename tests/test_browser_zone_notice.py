"""One notice about the time zone, in a real browser whose clock is in Paris: Django's
per-field "You are N hours behind server time" notes are gone, the form's one notice is
there, and the "Now" shortcut still gives Seoul's time (Debian's Chromium, as
tests/test_browser.py explains)."""

import datetime
import zoneinfo

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from tests.factories import PressReleaseFactory
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark, sign_in  # noqa: F401


@pytest.fixture
def paris_page(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", timezone_id="Europe/Paris"
        )
        context.set_default_timeout(15_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
            connections.close_all()


def test_an_editor_in_paris_reads_one_notice_and_now_is_seoul_time(
    paris_page, transactional_db, django_user_model
):
    page = paris_page
    release = PressReleaseFactory()
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    sign_in(page, "editor")

    page.goto(f"/en/admin/press/pressrelease/{release.pk}/change/")
    page.wait_for_load_state("load")
    expect(page.locator(".datetimeshortcuts").first).to_be_attached()  # the widgets ran

    expect(page.locator(".timezonewarning")).to_have_count(0)
    expect(page.locator("#zone-notice")).to_have_count(1)
    expect(page.locator("#zone-notice")).to_contain_text("Seoul time (UTC+09:00)")

    field = page.locator("#id_published_at_1")
    field.fill("")
    page.locator("#id_published_at_1 ~ .datetimeshortcuts a").first.click()  # "Now"
    seoul = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Seoul"))
    hours = {f"{seoul:%H}", f"{seoul - datetime.timedelta(minutes=1):%H}"}
    assert field.input_value()[:2] in hours
