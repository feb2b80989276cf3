"""An editor's admin on a 1440 by 900 laptop, in a real browser (Debian's Chromium via
Playwright, as tests/test_browser.py): the release, trip, coverage and photo lists fit
beside the navigation and their filters, with no sideways scrolling; a release's language
tabs say which languages are empty or not ready and follow the editor's typing; the source
text stands beside the field being translated, and under it on a narrow screen. Under the
Content-Security-Policy, with no violation reported."""

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from visits.publishing import Status

from .factories import (
    CoverageFactory,
    OutletFactory,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
)
from .test_browser import CHROMIUM, CHROMIUM_ARGS, open_page, pytestmark, sign_in, url_path  # noqa: F401

TRIP_EN = "Mayor Oh Se-hoon in Paris, Chongqing and Beijing for Urban Innovation"
TRIP_KO = "오세훈 서울시장의 프랑스 파리·중국 충칭·베이징 도시혁신 순방"
TITLE_EN = "After Beijing, Seoul turns to its own robot cluster with a new industrial fund"
TITLE_KO = "베이징 이어 서울도 로봇 클러스터 조성… 산업 펀드 신설"
LISTS = [
    "/{lang}/admin/press/pressrelease/",
    "/{lang}/admin/visits/visit/",
    "/{lang}/admin/press/coverage/",
    "/{lang}/admin/press/photo/",
]


@pytest.fixture
def newsroom(transactional_db, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    trip = VisitFactory(title_en=TRIP_EN, title_ko=TRIP_KO, legs=2)
    photos = [PhotoFactory(visit=trip, caption_en=f"Robot centre, hall {n}") for n in range(3)]
    release = PressReleaseFactory(
        visit=trip,
        status=Status.SCHEDULED,
        number="SMG-2024-0731-FU",
        original_language="ko",
        title_en=TITLE_EN,
        title_ko=TITLE_KO,
        body_ko="<p>서울시는 로봇 산업을 키운다.</p>",
        title_ja="北京に続きソウルもロボット集積地へ",
        body_ja="<p>ソウル市はロボット産業を育てる。</p>",
        ready_ja=False,
        photos=photos[:1],
    )
    PressReleaseFactory.create_batch(5, visit=trip, title_en=TITLE_EN, photos=photos[1:2])
    for n in range(3):
        CoverageFactory(
            visit=trip,
            outlet=OutletFactory(name_en=f"Korea JoongAng Daily {n}", language="en"),
            headline=f"Seoul's mayor sees humanoid robots run in Beijing's innovation district {n}",
        )
    return release


@pytest.fixture
def page(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", viewport={"width": 1440, "height": 900}
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        violations = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and violations.append(message.text)
            ),
        )
        try:
            yield page
            assert violations == []
        finally:
            context.close()
            browser.close()
            connections.close_all()


def widths(page) -> dict:
    return page.evaluate(
        """() => {
          const table = document.querySelector('#result_list');
          const last = table.querySelector('tbody tr td:last-child').getBoundingClientRect();
          return {
            page: document.scrollingElement.scrollWidth,
            table: table.getBoundingClientRect().width,
            container: table.parentElement.clientWidth,
            lastColumnEnd: last.right,
            filters: document.querySelector('#changelist-filter').getBoundingClientRect().width,
          };
        }"""
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lists_fit_a_laptop_with_their_filters(page, newsroom, lang):
    sign_in(page, "editor")
    for path in LISTS:
        open_page(page, path.format(lang=lang))
        measured = widths(page)
        assert measured["filters"] > 150, path  # the filters are there, beside the list
        assert measured["page"] <= 1440, (path, measured)
        assert measured["table"] <= measured["container"] + 1, (path, measured)
        assert measured["lastColumnEnd"] <= 1440, (path, measured)
    # The release list: status, public and translations all on screen; the trip short,
    # with its whole title on hover.
    open_page(page, f"/{lang}/admin/press/pressrelease/")
    row = page.locator("#result_list tbody tr", has_text="SMG-2024-0731-FU")
    for cell in ("status", "public", "translations", "trip"):
        box = row.locator(f"td.field-{cell}").bounding_box()
        assert box["x"] + box["width"] <= 1440, cell
    trip_title = {"en": TRIP_EN, "ko": TRIP_KO}[lang]
    assert row.locator("td.field-trip .short-text").get_attribute("title") == trip_title
    title = row.locator(".field-title_and_number").bounding_box()["width"]
    trip = row.locator("td.field-trip").bounding_box()["width"]
    assert title > trip


def tab(page, field: str, code: str):
    return page.locator(f"a[href='#tab_id_{field}_{code}']")


def test_language_tabs_say_what_is_empty_or_not_ready(page, newsroom):
    sign_in(page, "editor")
    open_page(page, f"/en/admin/press/pressrelease/{newsroom.pk}/change/")
    summary = page.locator("#translation-status")
    expect(summary.locator("[data-mt-lang='zh-hans']")).to_contain_text("empty")
    expect(summary.locator("[data-mt-lang='ja']")).to_contain_text("not ready")
    expect(summary.locator("[data-mt-lang='ko']")).to_contain_text("source language")
    expect(tab(page, "title", "zh_hans")).to_contain_text("empty")
    expect(tab(page, "title", "ja")).to_contain_text("not ready")
    expect(tab(page, "title", "ko")).not_to_contain_text("empty")
    expect(tab(page, "title", "ko")).not_to_contain_text("not ready")

    # The marks follow the editor: a Chinese title, then Japanese marked ready.
    tab(page, "title", "zh_hans").click()
    page.locator("#id_title_zh_hans").fill("首尔也将建设机器人集群")
    expect(tab(page, "title", "zh_hans")).not_to_contain_text("empty")
    expect(tab(page, "title", "zh_hans")).to_contain_text("not ready")  # not ticked yet
    expect(tab(page, "body", "zh_hans")).to_contain_text("empty")
    expect(summary.locator("[data-mt-lang='zh-hans']")).to_contain_text("not ready")
    page.locator("#id_ready_zh_hans").check()
    expect(summary.locator("[data-mt-lang='zh-hans']")).to_contain_text("incomplete")
    page.locator("#id_ready_ja").check()
    expect(tab(page, "title", "ja")).not_to_contain_text("not ready")
    expect(summary.locator("[data-mt-lang='ja']")).to_contain_text("complete")

    # The Korean original beside the Japanese title on a wide screen...
    tab(page, "title", "ja").click()
    field = page.locator("#id_title_ja")
    source = page.locator("#tab_id_title_ja details.mt-source")
    expect(source).to_have_attribute("open", "")
    expect(source.locator(".mt-source-text")).to_have_text(TITLE_KO)
    expect(source.locator(".mt-source-text")).to_be_visible()
    assert source.bounding_box()["x"] >= field.bounding_box()["x"] + field.bounding_box()["width"]
    # ...and none beside the original itself.
    tab(page, "title", "ko").click()
    assert page.locator("#tab_id_title_ko details.mt-source").count() == 0
    # Under the field, folded, on a narrow screen.
    tab(page, "title", "ja").click()
    page.set_viewport_size({"width": 900, "height": 900})
    expect(source).not_to_have_attribute("open", "")
    assert source.bounding_box()["y"] >= field.bounding_box()["y"] + field.bounding_box()["height"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 900
