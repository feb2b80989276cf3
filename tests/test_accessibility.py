"""Every kind of public page passes axe-core in Chromium, in English and in Korean.

axe-core (the copy bundled with axe-playwright-python) runs in Debian's Chromium through
Playwright, against the live server, on one example of each kind of page built from a
small but complete trip: two legs, events with people, places and organisations, releases
with a topic and a lead photo, coverage in Korean and English, photos. A violation of
impact "critical" or "serious" fails the test (axe's default rules: WCAG 2.x A and AA and
its best practices); "moderate" and "minor" ones are left to review. Korean is checked on
a desktop screen, English on a 320 px phone, where no page may scroll sideways either
(WCAG 1.4.10, which axe does not check).

To add a page: one line in ``PAGES`` (its name and how to build its address from the
``site`` below, in the language active when it is called).
"""

from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import sync_playwright

from press.renditions import make_renditions
from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressContactFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
    png_file,
)
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark  # noqa: F401
from visits.models import Engagement

#: The impacts that fail the test.
FAILING = {"critical", "serious"}
#: How many of a violation's elements the failure message quotes.
NODES_SHOWN = 3
#: Each language in another layout: Korean on a desktop screen (sidebars beside the text),
#: English, whose words are the longest, on a 320 px wide phone, the width WCAG's reflow
#: criterion (1.4.10) names.
SCREENS = [("ko", {"width": 1280, "height": 800}), ("en", {"width": 320, "height": 640})]

#: One page of each kind: (name, address from the site, in the active language).
PAGES = (
    ("home", lambda s: reverse("press:home")),
    ("release list", lambda s: reverse("press:release_list")),
    ("release", lambda s: s.release.get_absolute_url()),
    ("trip list", lambda s: reverse("visits:visit_list")),
    ("trip", lambda s: s.trip.get_absolute_url()),
    ("event", lambda s: s.meeting.get_absolute_url()),
    ("trip photos", lambda s: reverse("press:trip_photos", kwargs={"slug": s.trip.slug})),
    ("coverage list", lambda s: reverse("press:coverage_list")),
    ("coverage", lambda s: s.coverage_ko.get_absolute_url()),
    ("photo", lambda s: s.photo.get_absolute_url()),
    ("topic", lambda s: s.topic.get_absolute_url()),
    ("place", lambda s: s.place.get_absolute_url()),
    ("person", lambda s: s.host.get_absolute_url()),
    ("organisation", lambda s: s.org.get_absolute_url()),
    ("search results", lambda s: reverse("visits:search") + "?q=robot"),
    ("feeds", lambda s: reverse("press:feeds")),
    ("photo list", lambda s: reverse("press:photo_list")),
    ("topic list", lambda s: reverse("press:topic_list")),
    ("people", lambda s: reverse("visits:person_list")),
    ("places", lambda s: reverse("visits:place_list")),
    ("contacts", lambda s: reverse("press:contacts")),
    ("email alerts", lambda s: reverse("press:alerts")),
    ("alerts sent", lambda s: reverse("press:alerts_sent")),
    ("not found", lambda s: reverse("press:home") + "no-such-page/"),
)
#: Pages that answer with another status than 200.
STATUS = {"not found": 404}


def build_site():
    """A published trip to Beijing and Shanghai with everything its pages can show."""
    s = SimpleNamespace()
    mayor = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈", role_en="Mayor of Seoul")
    beijing = CityFactory(name_en="Beijing", name_ko="베이징")
    shanghai = CityFactory(name_en="Shanghai", name_ko="상하이")
    s.trip = VisitFactory(
        official=mayor,
        title_en="Mayor's trip to Beijing and Shanghai",
        title_ko="베이징·상하이 출장",
        summary_ko="오세훈 시장의 베이징·상하이 출장.",
    )
    leg1 = s.trip.legs.create(
        city=beijing, order=1, start_date=s.trip.start_date, end_date=s.trip.start_date
    )
    leg2 = s.trip.legs.create(
        city=shanghai, order=2, start_date=s.trip.end_date, end_date=s.trip.end_date
    )
    s.org = OrganizationFactory(name_en="Tsinghua University", name_ko="칭화대학교")
    s.host = PersonFactory(
        name_en="Yin Yong", name_ko="인융", role_en="Mayor of Beijing", organization=s.org
    )
    s.place = PlaceFactory(city=beijing, name_en="Zhongguancun", name_ko="중관촌")
    s.meeting = meeting = EngagementFactory(
        leg=leg1,
        kind=Engagement.Kind.MEETING,
        title_en="Meeting with the Mayor of Beijing",
        title_ko="베이징 시장 면담",
        place=s.place,
        people=[s.host],
        organizations=[s.org],
    )
    s.site_visit = site_visit = EngagementFactory(
        leg=leg2, title_en="Visit to a robot factory", title_ko="로봇 공장 방문"
    )
    s.topic = TopicFactory(name_en="Robotics", name_ko="로봇")
    lead_photo = PhotoFactory(
        visit=s.trip,
        image=png_file("robot.png", size=(480, 320)),
        caption_en="The mayor meets robot engineers",
        caption_ko="로봇 기술자들을 만난 시장",
        alt_text_ko="로봇 앞에 선 시장",
        place=s.place,
        engagement=meeting,
    )
    make_renditions(lead_photo)  # shown in <picture>; the other photo by its original
    s.photo = PhotoFactory(
        visit=s.trip,
        image=png_file("factory.png", size=(480, 320), color=(160, 90, 30)),
        caption_ko="로봇 공장",
        alt_text_ko="로봇 팔이 늘어선 공장",
        engagement=site_visit,
    )
    s.release = PressReleaseFactory(
        visit=s.trip,
        topics=[s.topic],
        engagements=[meeting],
        photos=[lead_photo, s.photo],
        contact=PressContactFactory(name_ko="홍보 담당관"),
        title_en="Seoul and Beijing agree to work together on robots",
        title_ko="서울·베이징 로봇 협력",
        lead_ko="서울시와 베이징시가 로봇 협력에 합의했다.",
        body_ko="<p>본문.</p><h2>배경</h2><p>배경 설명.</p>",
        body_en="<p>The body.</p><h2>Background</h2><p>Why it matters.</p>",
    )
    PressReleaseFactory(
        visit=s.trip,
        topics=[s.topic],
        engagements=[site_visit],
        title_en="",
        lead_en="",
        body_en="",
        title_ko="오세훈 시장, 상하이 로봇 공장 방문",
        lead_ko="상하이의 로봇 공장을 찾았다.",
        body_ko="<p>본문.</p>",
        original_language="ko",
    )
    s.coverage_ko = CoverageFactory(
        visit=s.trip,
        outlet=OutletFactory(name_en="Yonhap", name_ko="연합뉴스", language="ko"),
        headline="오세훈, 베이징서 로봇 협력 논의",
        summary="서울과 베이징의 로봇 협력.",
        releases=[s.release],
        engagements=[meeting],
    )
    CoverageFactory(
        visit=s.trip,
        outlet=OutletFactory(name_en="Korea Herald", language="en"),
        headline="Seoul mayor talks robots in Beijing",
        releases=[s.release],
        engagements=[meeting],
    )
    return s


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (started as tests/test_browser.py starts it).

    Playwright's sync API keeps an event loop running in this thread while it lives, and
    Django's ORM refuses to run beside one unless told (the live server's own thread is not
    affected): the whole module, the database's set-up and flush included, runs so."""
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, live_server, screen):
    context = browser.new_context(base_url=live_server.url, viewport=screen)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
        connections.close_all()


@pytest.fixture
def site(transactional_db):
    return build_site()


def report(violations, name, url):
    """What a reader of the failure needs: each rule, what it asks, where it failed."""
    lines = [f"{len(violations)} critical or serious axe violation(s) on {name} ({url}):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s)] {violation['helpUrl']}"
        )
        for node in violation["nodes"][:NODES_SHOWN]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def overflowing(page):
    """The elements that reach past the right edge of the window, if the page scrolls
    sideways (text that would need scrolling in two directions to be read)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return [...document.body.querySelectorAll("*")]
                .filter((e) => e.getBoundingClientRect().right > width + 1)
                .slice(-3)
                .map((e) => e.outerHTML.slice(0, 120));
        }"""
    )


@pytest.mark.parametrize("lang,screen", SCREENS, ids=[lang for lang, _ in SCREENS])
def test_every_kind_of_page_passes_axe(page, site, subtests, lang, screen):
    """Each page is a subtest of its own (``SUBFAIL ... [release list]``): the site is
    built once per language instead of once per page (the live server's database is
    emptied after every test), and one failing page does not hide the others."""
    for name, address in PAGES:
        with subtests.test(msg=name), translation.override(lang):
            url = address(site)
            response = page.goto(url)
            assert response is not None, url
            assert response.status == STATUS.get(name, 200), (url, response.status)
            assert page.locator("html").get_attribute("lang") == lang, url

            violations = Axe().run(page).response["violations"]
            failing = [v for v in violations if v["impact"] in FAILING]
            assert not failing, report(failing, name, url)
            assert not overflowing(page), (
                f"{name} ({url}) scrolls sideways at {screen['width']} px: {overflowing(page)}"
            )
