"""The dashboard's times on a first visit, before the server knows the viewer's zone: the
browser fills in the viewer's own time beside Seoul's, and, as the server does once it
knows, leaves it out for a viewer on Seoul's clock (Debian's Chromium, as
tests/test_browser.py explains)."""

import datetime

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from tests.factories import PressReleaseFactory
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark, sign_in  # noqa: F401


@pytest.mark.parametrize(
    ("zone", "shown"), [("Europe/Paris", True), ("Asia/Seoul", False), ("Asia/Tokyo", False)]
)
def test_a_first_visit_shows_the_viewers_time_unless_it_is_seoul_time(
    live_server, monkeypatch, transactional_db, django_user_model, zone, shown
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    PressReleaseFactory(scheduled=True, published_at=timezone.now() + datetime.timedelta(days=1))
    django_user_model.objects.create_superuser("publisher", "p@example.org", "s3cret-pass!")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id=zone)
        context.set_default_timeout(15_000)
        try:
            page = context.new_page()
            sign_in(page, "publisher")  # the dashboard, with no zone cookie yet
            page.wait_for_load_state("load")
            line = page.locator(".viewer-time").first
            expect(line).to_be_attached()
            if shown:
                expect(line).to_contain_text(f"your time, {zone}")
            else:  # Tokyo keeps Seoul's clock (UTC+09:00, no summer time) as well
                expect(line.locator("time")).to_have_count(0)
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            assert cookies["pressroom_tz"] == zone.replace("/", "%2F")
        finally:
            context.close()
            browser.close()
            connections.close_all()
