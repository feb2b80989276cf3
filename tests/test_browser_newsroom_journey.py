"""A release's way through the newsroom, in a real browser (Debian's Chromium via
Playwright, as tests/test_browser.py explains), each person signed in through the login
form in a browser of their own, on a 1440 by 900 laptop: an editor drafts a release on a
trip and submits it; a Japanese translator translates it, marks Japanese ready and cannot
touch Korean, not even with a crafted form; a publisher in Paris schedules it for
tomorrow. The dashboard shows each step to the person it concerns. No error and no
Content-Security-Policy violation in any browser's console.

With ``JOURNEY_SHOTS`` set to a folder, the dashboard is photographed at each step there
(journey-1.png…).
"""

import datetime
import importlib
import os
import zoneinfo
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connections
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import expect, sync_playwright

from press.models import PressRelease
from visits.publishing import Status

from .factories import VisitFactory, assign_languages
from .test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark, url_path  # noqa: F401

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PASSWORD = "s3cret-pass!"
TRIP_EN = "Mayor's trip to Tokyo and Osaka"
TITLE_EN = "Seoul and Tokyo open a joint office for start-ups"
BODY_EN = "The two capitals will share a desk for young companies in each city."
TITLE_JA = "ソウルと東京、スタートアップ共同事務所を開設"
BODY_JA = "両首都は若い企業のための窓口をそれぞれの都市に設ける。"
#: Every migration that gives the roles' groups their permissions, in order: a test on a
#: live server empties every table when it ends, these groups with the rest.
ROLE_MIGRATIONS = [
    ("press.migrations.0005_roles", "make_groups"),
    ("press.migrations.0009_photos_held_back", "give_publishers_photos"),
    ("press.migrations.0014_change_notes", "give_groups_notes"),
    ("press.migrations.0016_translators_translate_events", "translators_change_events"),
]


@pytest.fixture
def newsroom(transactional_db):
    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    people = {}
    for username, role, first, last in (
        ("minji", "Editor", "Min-ji", "Park"),
        ("yuki", "Translator", "Yuki", "Tanaka"),
        ("claire", "Publisher", "Claire", "Martin"),
    ):
        user = User.objects.create_user(
            username, password=PASSWORD, is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=role))
        people[role] = user
    assign_languages(people["Translator"], "ja")
    trip = VisitFactory(title_en=TRIP_EN, title_ko="도쿄·오사카 출장", legs=1)
    return {"trip": trip, **people}


@pytest.fixture
def browser(live_server, monkeypatch):
    """Opens a browser of one's own for each person (`open_browser`); collects what any
    of them reports as an error in its console (a failed script, a CSP violation)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    errors = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        def open_browser(**options):
            context = chromium.new_context(
                base_url=live_server.url,
                locale="en-GB",
                viewport={"width": 1440, "height": 900},
                **options,
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    (message.type == "error" or "Content Security Policy" in message.text)
                    and errors.append(f"{page.url}: {message.text}")
                ),
            )
            page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
            return page

        # A page's assertions wait as long as its actions (the machine may be busy).
        expect.set_options(timeout=15_000)
        try:
            yield open_browser
            assert errors == []
        finally:
            expect.set_options(timeout=None)
            chromium.close()
            connections.close_all()


def log_in(page, user):
    response = page.goto("/en/admin/login/")
    assert response.status == 200
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(url_path("/en/admin/"))


def shoot(page, step: int, focus=None):
    """The screen as the person sees it, ``focus`` (a list of the dashboard) scrolled
    into view, when ``JOURNEY_SHOTS`` names a folder."""
    folder = os.environ.get("JOURNEY_SHOTS")
    if folder:
        if focus is not None:
            focus.scroll_into_view_if_needed()
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"journey-{step}.png"))


def dashboard(page):
    response = page.goto("/en/admin/")
    assert response.status == 200
    expect(page.locator(".newsroom-dashboard")).to_be_visible()


def part(page, section: str, title: str):
    """One list of the dashboard: in section ``section`` (its key), the one whose heading
    starts with ``title``."""
    return page.locator(f"section[aria-labelledby='dashboard-{section}'] .dashboard-part").filter(
        has=page.get_by_role("heading", level=3, name=title)
    )


def line(page, section: str, title: str):
    return part(page, section, title).locator(".dashboard-rows > li").filter(has_text=TITLE_EN)


def tab(page, field: str, code: str):
    return page.locator(f"a[href='#tab_id_{field}_{code}']")


def save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").last.click()


def stored() -> PressRelease:
    return PressRelease.objects.get(title_en=TITLE_EN)


def test_a_release_from_draft_to_scheduled_through_the_dashboard(browser, newsroom):
    editor, translator, publisher = (newsroom[r] for r in ("Editor", "Translator", "Publisher"))

    # 1. The editor drafts a release on the trip, in English...
    page = browser()
    log_in(page, editor)
    page.goto("/en/admin/press/pressrelease/add/")
    page.locator("#id_title_en").fill(TITLE_EN)
    tab(page, "body", "en").click()
    page.locator("#tab_id_body_en").get_by_role("textbox").click()
    page.keyboard.type(BODY_EN)
    page.locator("#id_visit").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field[aria-controls=select2-id_visit-results]").fill("Tokyo")
    page.locator(".select2-results__option", has_text=TRIP_EN).click()
    page.get_by_label("Original language").select_option(label="English")
    page.get_by_label("Status").select_option(label="Draft")
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    release = stored()
    assert release.status == Status.DRAFT
    assert release.owner == editor
    assert release.visit == newsroom["trip"]
    assert BODY_EN in release.body_en

    # ...which their dashboard shows among the drafts, as theirs.
    dashboard(page)
    draft = line(page, "drafts", "Press releases")
    expect(draft).to_contain_text("owner: Min-ji Park")
    expect(draft).to_contain_text(TRIP_EN)
    shoot(page, 1, part(page, "drafts", "Press releases"))

    # They submit it for review: it leaves the drafts.
    draft.get_by_role("link", name=TITLE_EN).click()
    page.get_by_label("Status").select_option(label="In review")
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert stored().status == Status.IN_REVIEW
    dashboard(page)
    expect(line(page, "drafts", "Press releases")).to_have_count(0)

    # The publisher sees it waiting for review.
    desk = browser(timezone_id="Europe/Paris")
    log_in(desk, publisher)
    dashboard(desk)
    expect(line(desk, "review", "Press releases")).to_contain_text("owner: Min-ji Park")
    shoot(desk, 2, part(desk, "review", "Press releases"))

    # 2. The Japanese translator finds it waiting for Japanese, and only Japanese.
    page = browser()
    log_in(page, translator)
    dashboard(page)
    expect(page.locator(".newsroom-dashboard section").first).to_have_attribute(
        "aria-labelledby", "dashboard-translation"
    )
    headings = page.locator("section[aria-labelledby='dashboard-translation'] h3")
    expect(headings.first).to_contain_text("Japanese: press releases")
    assert all(text.startswith("Japanese: ") for text in headings.all_inner_texts())
    shoot(page, 3)
    line(page, "translation", "Japanese: press releases").get_by_role("link", name=TITLE_EN).click()

    # The Japanese tabs say the translation is missing; English stands beside the field.
    expect(tab(page, "title", "ja")).to_contain_text("empty")
    tab(page, "title", "ja").click()
    source = page.locator("#tab_id_title_ja details.mt-source .mt-source-text")
    expect(source).to_have_text(TITLE_EN)
    field = page.locator("#id_title_ja")
    assert source.bounding_box()["x"] >= field.bounding_box()["x"] + field.bounding_box()["width"]
    # Korean is not theirs: shown, not editable.
    expect(page.locator("[name=title_ko]")).to_have_count(0)
    expect(page.locator("[name=body_ko]")).to_have_count(0)

    field.fill(TITLE_JA)
    expect(tab(page, "title", "ja")).to_contain_text("not ready")  # not ticked yet
    tab(page, "body", "ja").click()
    page.locator("#tab_id_body_ja").get_by_role("textbox").click()
    page.keyboard.type(BODY_JA)
    page.get_by_label("Japanese ready").check()
    expect(tab(page, "title", "ja")).not_to_contain_text("not ready")
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    release = stored()
    assert release.title_ja == TITLE_JA
    assert BODY_JA in release.body_ja
    assert release.ready_ja is True

    # A form doctored to carry a Korean title is refused as a whole: nothing is saved.
    before = model_to_dict(release)
    page.locator("#id_title_ja").fill("書き換え")
    page.evaluate(
        """() => {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = 'title_ko';
          input.value = '번역자가 바꾼 제목';
          document.querySelector('#pressrelease_form').append(input);
        }"""
    )
    save(page)
    expect(page.locator(".errorlist.nonfield")).to_contain_text(
        "Not saved: this form was sent with changes to fields you may not change (title_ko)"
    )
    assert model_to_dict(stored()) == before

    # Japanese is done: the translator's list is empty, the publisher's Korean one is not.
    dashboard(page)
    expect(line(page, "translation", "Japanese: press releases")).to_have_count(0)
    shoot(page, 4)
    dashboard(desk)
    expect(line(desk, "translation", "Japanese: press releases")).to_have_count(0)
    expect(line(desk, "translation", "Korean: press releases")).to_have_count(1)
    shoot(desk, 5, part(desk, "translation", "Korean: press releases"))

    # 3. The publisher marks the English original ready and schedules the release for
    # tomorrow, 10:00 Seoul time.
    line(desk, "review", "Press releases").get_by_role("link", name=TITLE_EN).click()
    tomorrow = (timezone.now().astimezone(SEOUL) + datetime.timedelta(days=1)).date()
    moment = datetime.datetime.combine(tomorrow, datetime.time(10, 0), tzinfo=SEOUL)
    desk.get_by_label("English ready").check()
    desk.get_by_label("Status").select_option(label="Scheduled")
    desk.locator("#id_published_at_0").fill(f"{tomorrow:%Y-%m-%d}")
    desk.locator("#id_published_at_1").fill("10:00:00")
    save(desk)
    expect(desk.locator(".messagelist .success")).to_be_visible()

    # The dashboard lists it as going out next, in Seoul time and in Paris time.
    dashboard(desk)
    going = line(desk, "next", "Press releases")
    with override("en"):
        seoul = date_format(moment, "SHORT_DATETIME_FORMAT")
        paris = date_format(moment.astimezone(PARIS), "SHORT_DATETIME_FORMAT")
    expect(going).to_contain_text(f"The release: {seoul} Seoul time")
    expect(going).to_contain_text(f"({paris} your time, Europe/Paris)")
    expect(going).to_contain_text("not ready: Korean, Simplified Chinese")
    expect(line(desk, "review", "Press releases")).to_have_count(0)
    shoot(desk, 6)

    # 4. What was saved, and the public page not out before its time.
    release = stored()
    assert release.status == Status.SCHEDULED
    assert release.published_at == moment
    assert (release.title_ja, release.ready_ja, release.ready_en) == (TITLE_JA, True, True)
    assert not release.title_ko and not release.body_ko and release.ready_ko is False
    assert release.owner == editor
    reader = browser()
    response = reader.request.get(f"/en/releases/{release.slug}/")
    assert response.status == 404
