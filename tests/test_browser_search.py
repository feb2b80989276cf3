"""A reader searches from the header in Chromium: no JavaScript is needed, results are
highlighted in the reader's language, a facet narrows them, a result opens its page."""

from playwright.sync_api import expect

from tests.test_browser import (  # noqa: F401 (fixtures)
    HEADLINE_KO,
    RELEASE_EN,
    open_page,
    page,
    pytestmark,
    trip,
    url_path,
)


def test_search_from_the_header(page, trip):  # noqa: F811
    release = trip.releases.get(title_en=RELEASE_EN)
    open_page(page, "/ko/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill("로봇")
    box.press("Enter")
    expect(page).to_have_url(url_path("/ko/search/?q=%EB%A1%9C%EB%B4%87"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("status")).to_contain_text("2건")
    expect(page.locator(".search-hit mark").first).to_have_text("로봇")

    # The "press releases" facet narrows the list to the release.
    page.get_by_role("navigation", name="종류별 결과").get_by_role("link", name="보도자료").click()
    expect(page.get_by_role("status")).to_contain_text("1건")
    expect(page.get_by_role("link", name=HEADLINE_KO)).to_have_count(0)

    page.get_by_role("link", name="서울·베이징 로봇 협력").click()
    expect(page).to_have_url(url_path(f"/ko/releases/{release.slug}/"))
