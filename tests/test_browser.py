"""A reader's journey across one trip, in a real browser (Debian's Chromium via Playwright).

Playwright's own browser download is not used: the test launches /usr/bin/chromium,
which scripts/test installs from Debian's packages. Without it the test is skipped on a
developer's machine, and fails in CI, where it must run.
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from tests.factories import CoverageFactory, OutletFactory, PressReleaseFactory, VisitFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is missing: install it with `apt-get install chromium` "
        "(scripts/test does so when run as root); in CI this test always runs",
    ),
]

TRIP_KO = "베이징·상하이 출장"
TRIP_EN = "Mayor's trip to Beijing and Shanghai"
RELEASE_EN = "Seoul and Beijing agree to work together on robots"
OTHER_RELEASE_EN = "Mayor visits the humanoid robot centre"
HEADLINE_KO = "오세훈, 베이징서 로봇 협력 논의"


@pytest.fixture
def trip(transactional_db):
    trip = VisitFactory(title_en=TRIP_EN, title_ko=TRIP_KO, legs=2)
    release = PressReleaseFactory(visit=trip, title_en=RELEASE_EN, title_ko="서울·베이징 로봇 협력")
    PressReleaseFactory(visit=trip, title_en=OTHER_RELEASE_EN)
    CoverageFactory(
        visit=trip,
        outlet=OutletFactory(name_en="Yonhap", language="ko"),
        headline=HEADLINE_KO,
        releases=[release],
    )
    CoverageFactory(visit=trip, outlet=OutletFactory(language="en"))
    return trip


@pytest.fixture
def page(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM would
    # refuse to run beside it (the live server's own thread is not affected).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="ko-KR")
        context.set_default_timeout(15_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
            # With Playwright's loop running, Django keeps this thread's connections apart
            # from the ones it had before (as for async code), so the test's own are closed
            # here: on PostgreSQL a connection left open keeps the test database from
            # being dropped at the end of the run.
            connections.close_all()


def url_path(path: str):
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


def open_page(page, path: str, *, arrives_at: str | None = None):
    """Go to ``path`` and check that it answered 200 at ``arrives_at`` (``path`` itself
    unless given): an error page, or the admin's redirect away from a page that is not
    there, keeps to the policy as well, so a test that does not look passes on one."""
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, (path, response.status)
    assert url_path(arrives_at or path).match(response.url), (path, response.url)
    return response


def sign_in(page, username: str, password: str = "s3cret-pass!"):
    """Sign in through the admin's login form, as a person would, and land on the
    dashboard (the admin's start page)."""
    open_page(page, "/en/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(url_path("/en/admin/"))


def test_journey_across_a_trip_in_two_languages(page, trip, live_server):
    coverage_ko = trip.coverage.get(language="ko")
    release = trip.releases.get(title_en=RELEASE_EN)
    html = page.locator("html")

    # A Korean reader arrives at the root and is sent to the Korean home page.
    open_page(page, "/", arrives_at="/ko/")
    expect(page).to_have_url(url_path("/ko/"))
    expect(html).to_have_attribute("lang", "ko")

    # They open the trip from the home page.
    page.get_by_role("link", name=TRIP_KO).first.click()
    expect(page).to_have_url(url_path(f"/ko/trips/{trip.slug}/"))
    expect(html).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text(TRIP_KO)

    # The language switcher takes them to the same trip in English.
    page.locator(".language-switcher a[hreflang='en']").click()
    expect(page).to_have_url(url_path(f"/en/trips/{trip.slug}/"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(TRIP_EN)

    # They open one of the trip's releases...
    page.get_by_role("link", name=RELEASE_EN).first.click()
    expect(page).to_have_url(url_path(f"/en/releases/{release.slug}/"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(RELEASE_EN)

    # ...whose sidebar leads to the other items of the trip, among them a Korean article.
    more = page.locator("section.more")
    expect(more.get_by_role("link", name=OTHER_RELEASE_EN)).to_be_visible()
    korean = more.locator("a[lang='ko']", has_text=HEADLINE_KO)
    expect(korean).to_be_visible()
    korean.click()
    expect(page).to_have_url(url_path(f"/en/coverage/{coverage_ko.pk}/"))
    expect(html).to_have_attribute("lang", "en")
    headline = page.get_by_role("heading", level=1)
    expect(headline).to_have_text(HEADLINE_KO)
    expect(headline).to_have_attribute("lang", "ko")

    # And from the article back to the trip, still in English.
    page.locator("section.more .more__trip a").click()
    expect(page).to_have_url(url_path(f"/en/trips/{trip.slug}/"))
    expect(html).to_have_attribute("lang", "en")


def test_admin_runs_under_the_content_security_policy(page, trip, django_user_model):
    """The policy allows no inline script or style (but for the nonce): a release page, the
    admin's own scripts, the tabbed translation fields and the prose editor work with no
    violation reported in the browser's console."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    release = trip.releases.get(title_en=RELEASE_EN)
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append(f"{page.url}: {message.text} {message.location}")
        ),
    )

    # A public page with its JSON-LD block (data, which the policy does not govern).
    open_page(page, f"/en/releases/{release.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(RELEASE_EN)

    open_page(page, "/en/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "s3cret-pass!")
    with (
        page.expect_response(lambda r: r.request.method == "POST") as signed_in,
        page.expect_response(lambda r: url_path("/en/admin/").match(r.url)) as index,
    ):
        page.locator("input[type=submit]").click()
    assert signed_in.value.status == 302
    assert index.value.status == 200
    expect(page).to_have_url(url_path("/en/admin/"))

    open_page(page, f"/en/admin/press/pressrelease/{release.pk}/change/")
    # modeltranslation's tabs and the prose editor are built by their scripts.
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    expect(page.locator(".prose-editor .ProseMirror").first).to_be_attached()
    open_page(page, "/en/admin/press/pressrelease/")
    open_page(page, f"/en/admin/press/pressrelease/{release.pk}/history/")
    open_page(page, "/en/admin/press/photo/upload/")
    assert violations == []
