"""The API's docs page in a real browser (Debian's Chromium, as tests/test_browser.py):
Swagger UI starts from our own static files under the site's strict CSP (no violation,
no request to another host) and lists the endpoints from the served OpenAPI schema."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.factories import PressReleaseFactory
from tests.test_browser import open_page, page  # noqa: F401 (the browser fixture)
from tests.test_browser import pytestmark as browser_marks

pytestmark = browser_marks


def test_docs_page_runs_under_the_csp_from_our_own_files(page, live_server, transactional_db):  # noqa: F811
    PressReleaseFactory()
    problems, hosts = [], set()
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    open_page(page, "/api/v1/docs/")
    expect(page.get_by_text("/api/v1/releases/{key}").first).to_be_visible()
    expect(page.get_by_text("/api/v1/trips").first).to_be_visible()
    assert problems == []
    assert hosts == {urlsplit(live_server.url).netloc}
