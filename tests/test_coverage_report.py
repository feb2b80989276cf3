"""A trip's coverage report (issue 19): the figures (public ones only on the trip's page,
staff ones beside them in the admin), the sentence in two languages, days with zeros,
events in itinerary order, the SVG chart, the CSV export, the printable page, who may see
the admin's report, and query counts that do not grow with the articles.

The trip is Oh Se-hoon's 2024 trip (TRIPS.md); the headlines are our own words.
"""

import csv
import datetime as dt
import io
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.models import ArchivedCopy, Clipping, LinkState, LinkStatus
from press.reports import public_report, staff_report
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    OutletFactory,
    PressReleaseFactory,
    VisitFactory,
)
from tests.test_csp import assert_keeps_to_policy

pytestmark = pytest.mark.django_db

JULY_24 = dt.date(2024, 7, 24)
QUERY_BUDGET = 12
#: Words only staff see; the public page must show none of them in its report.
STAFF_WORDS = ("Draft", "Withdrawn", "Scheduled", "gone", "suspect", "never checked", "rchived")


def day(n: int) -> dt.date:
    """The trip's n-th day (1: 24 July 2024)."""
    return JULY_24 + timedelta(days=n - 1)


def now():
    return timezone.now()


def make_world():
    """Trip A: nine days, three legs; five events made out of order; four public articles
    in English and Korean from three outlets, and the items the public does not see."""
    trip = VisitFactory(
        title_en="Oh Se-hoon in Paris, Chongqing and Beijing",
        slug="oh-paris-chongqing-beijing",
        start_date=JULY_24,
        end_date=day(9),
        legs=3,
    )
    paris, chongqing, beijing = trip.legs.order_by("order")
    w = type("World", (), {})()
    w.trip = trip
    # Made in an order of their own: the report lists them as the itinerary does.
    w.zhongguancun = EngagementFactory(
        leg=beijing, date=day(8), start_time=dt.time(15), title_en="Zhongguancun and InnoWay"
    )
    w.robots = EngagementFactory(
        leg=beijing,
        date=day(8),
        start_time=dt.time(10),
        title_en="Humanoid Robot Innovation Center",
    )
    w.wangjing = EngagementFactory(leg=beijing, date=day(9), title_en="Wangjing SOHO")
    w.provisional = EngagementFactory(
        leg=chongqing, date=day(4), title_en="Former site of the Provisional Government"
    )
    w.paris = EngagementFactory(leg=paris, date=day(1), title_en="Paris city hall")
    w.herald = OutletFactory(name_en="Herald Daily", language="en")
    w.yonhap = OutletFactory(name_en="Yonhap", name_ko="연합뉴스", language="ko")
    w.seoulbiz = OutletFactory(name_en="Seoul Business", language="ko")
    w.robots_en = CoverageFactory(
        visit=trip,
        outlet=w.herald,
        headline="Seoul's mayor meets Tiangong, the running humanoid",
        published_on=day(8),
        engagements=[w.robots],
    )
    w.robots_ko = CoverageFactory(
        visit=trip,
        outlet=w.yonhap,
        headline="오세훈 시장, 베이징 휴머노이드 로봇 센터 찾아",
        published_on=day(8),
        published_time=dt.time(11, 5),
        engagements=[w.robots, w.zhongguancun],
    )
    w.provisional_ko = CoverageFactory(
        visit=trip,
        outlet=w.yonhap,
        headline="충칭 임시정부 청사 찾은 서울시장",
        published_on=day(4),
        engagements=[w.provisional],
    )
    w.wrapup_ko = CoverageFactory(
        visit=trip,
        outlet=w.seoulbiz,
        headline="순방 마무리한 오 시장, 도시외교 복원 강조",
        published_on=day(12),
    )
    # What the public does not see: a draft (imported from a clipping), one in review,
    # one scheduled, one published under embargo, one withdrawn.
    w.draft = CoverageFactory(
        visit=trip, outlet=w.herald, draft=True, headline="DRAFT wangjing piece", published_on=None
    )
    Clipping.objects.create(coverage=w.draft, original="x", text="x", fingerprint="0" * 64)
    w.review = CoverageFactory(
        visit=trip, outlet=w.herald, status="review", published_at=None, headline="REVIEW item"
    )
    w.scheduled = CoverageFactory(
        visit=trip, outlet=w.seoulbiz, scheduled=True, headline="SCHEDULED item"
    )
    w.embargoed = CoverageFactory(
        visit=trip,
        outlet=w.seoulbiz,
        published_at=now() + timedelta(hours=3),
        headline="EMBARGOED item",
        engagements=[w.wangjing],
    )
    w.withdrawn = CoverageFactory(
        visit=trip, outlet=w.herald, withdrawn=True, headline="WITHDRAWN item"
    )
    # Link checks and archived copies (staff only).
    state(w.robots_en, LinkStatus.GONE)
    state(w.provisional_ko, LinkStatus.SUSPECT)
    state(w.robots_ko, LinkStatus.OK)
    for kind in ("warc", "pdf", "screenshot"):
        copy(w.robots_ko, kind)
    return w


def state(item, status):
    moment = now()
    LinkState.objects.create(
        coverage=item, url=item.url, status=status, checked_at=moment, changed_at=moment
    )


def copy(item, kind):
    ArchivedCopy.objects.create(
        coverage=item,
        kind=kind,
        file=f"archives/{item.pk}-{kind}",
        sha256="0" * 64,
        size=100,
        url=item.url,
        captured_at=now(),
    )


@pytest.fixture
def world():
    return make_world()


def viewer(username, *permissions):
    """A staff member with ``permissions`` ("press.view_coverage", …) and no others."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(viewer("viewer", "press.view_coverage"))
    return client


def report_url(name, trip, **query):
    url = reverse(f"admin:press_coverage_report{name}", args=[trip.pk])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def counted(client, url) -> tuple[int, object]:
    """A reader's queries, once the page's read-model row is there (the first request
    of a trip page builds it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx), response


# --- the figures ------------------------------------------------------------------------------


def test_the_public_report_counts_public_articles_only(world):
    report = public_report(trip=world.trip)
    assert (report.total, report.languages, report.outlets) == (4, 2, 3)
    assert [(str(row.key), row.count) for row in report.by_outlet] == [
        ("Yonhap", 2),
        ("Herald Daily", 1),
        ("Seoul Business", 1),
    ]
    assert [(row.key, row.count) for row in report.by_language] == [("ko", 3), ("en", 1)]
    assert all(row.staff is None for row in report.by_outlet)
    assert report.staff is None


def test_days_run_from_the_trips_start_to_the_last_article_with_zeros(world):
    report = public_report(trip=world.trip)
    assert [(row.day, row.count) for row in report.by_day] == [
        (day(n), {4: 1, 8: 2, 12: 1}.get(n, 0)) for n in range(1, 13)
    ]
    assert [row.in_trip for row in report.by_day] == [True] * 9 + [False] * 3
    assert report.peak == 2


def test_articles_before_the_trip_and_long_after_it_are_counted_apart(world):
    CoverageFactory(visit=world.trip, published_on=day(0), headline="Before departure")
    CoverageFactory(visit=world.trip, published_on=day(400), headline="A year on")
    report = public_report(trip=world.trip)
    labels = [row.bucket or row.day for row in report.by_day]
    assert labels[0] == "before" and labels[-1] == "later"
    assert labels[1:-1] == [day(n) for n in range(1, 61)]  # at most 60 days one by one
    assert (report.by_day[0].count, report.by_day[-1].count) == (1, 1)
    assert sum(row.count for row in report.by_day) == report.total == 6


def test_events_come_in_itinerary_order_with_those_nobody_covered(world):
    report = public_report(trip=world.trip)
    assert [(row.key, row.count) for row in report.by_event] == [
        (world.paris, 0),
        (world.provisional, 1),
        (world.robots, 2),
        (world.zhongguancun, 1),
        (world.wangjing, 0),  # only the embargoed item covers it
        (None, 1),  # the wrap-up is about the trip as a whole
    ]


def test_the_staff_report_keeps_the_public_figures_and_counts_the_rest(world):
    report = staff_report(trip=world.trip)
    public = public_report(trip=world.trip)
    assert (report.total, report.languages, report.outlets) == (4, 2, 3)
    assert [(r.key.pk, r.count) for r in report.by_outlet] == [
        (r.key.pk, r.count) for r in public.by_outlet
    ]
    staff = report.staff
    assert (staff.drafts, staff.waiting, staff.scheduled, staff.withdrawn) == (2, 1, 2, 1)
    # Every item with an address and no check of it: 9 items, 3 checked.
    assert (staff.gone, staff.suspect, staff.never_checked, staff.archived) == (1, 1, 6, 3)
    herald = next(row for row in report.by_outlet if row.key.pk == world.herald.pk)
    assert herald.count == 1
    assert (herald.staff.drafts, herald.staff.waiting, herald.staff.withdrawn) == (2, 1, 1)
    assert herald.staff.gone == 1
    undated = report.by_day[-1]
    assert (undated.bucket, undated.count, undated.staff.drafts) == ("undated", 0, 1)
    wangjing = next(row for row in report.by_event if row.key == world.wangjing)
    assert (wangjing.count, wangjing.staff.scheduled) == (0, 1)


def test_the_sentence_in_english_and_korean_with_plurals(world):
    report = public_report(trip=world.trip)
    assert report.sentence == "Coverage of this trip: 4 articles in 2 languages from 3 outlets."
    with translation.override("ko"):
        assert report.sentence == "이번 순방 보도: 언론사 3곳, 2개 언어로 기사 4건."
    single = VisitFactory(start_date=JULY_24)
    CoverageFactory(visit=single, published_on=JULY_24)
    one = public_report(trip=single)
    assert one.sentence == "Coverage of this trip: 1 article in 1 language from 1 outlet."
    with translation.override("ko"):
        assert one.sentence == "이번 순방 보도: 언론사 1곳, 1개 언어로 기사 1건."


# --- the trip's page ----------------------------------------------------------------------------


class Chart(HTMLParser):
    """The report section's SVG: its role and labels, the ids they point at, its bars."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.svg = None
        self.ids: dict[str, str] = {}
        self.bars = 0
        self._id = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svg = attrs
        if tag == "rect" and "chart__bar" in attrs.get("class", ""):
            self.bars += 1
        self._id = attrs.get("id")

    def handle_endtag(self, tag):
        self._id = None

    def handle_data(self, data):
        if self._id:
            self.ids[self._id] = self.ids.get(self._id, "") + data


def report_section(html: str) -> str:
    start = html.index('<section id="coverage-report"')
    return html[start : html.index("</section>", start)]


def test_the_trip_page_shows_the_report_with_a_labelled_chart(client, world):
    response = client.get(world.trip.get_absolute_url())
    section = report_section(response.content.decode())
    assert "Coverage of this trip: 4 articles in 2 languages from 3 outlets." in section
    chart = Chart(section)
    assert chart.svg["role"] == "img"
    title, desc = chart.svg["aria-labelledby"].split()
    assert chart.ids[title] == "Articles by day"
    assert chart.ids[desc] == (
        "From 24 July 2024 to 4 August 2024: the most articles on 31 July 2024 (2 articles)."
    )
    assert chart.bars == 12
    assert "<table" in section and "<caption>Articles by day</caption>" in section
    assert "연합뉴스" not in section and "Yonhap" in section
    assert f'href="#engagement-{world.robots.pk}"' in section
    assert f"?trip={world.trip.slug}&amp;outlet={world.yonhap.slug}" in section
    assert_keeps_to_policy(response)


def test_the_trip_page_shows_nothing_staff_only(client, world):
    html = client.get(world.trip.get_absolute_url()).content.decode()
    section = report_section(html)
    for word in STAFF_WORDS:
        assert word not in section, word
    for secret in ("DRAFT", "REVIEW", "SCHEDULED", "EMBARGOED", "WITHDRAWN", "archives/"):
        assert secret not in html, secret
    assert "6 articles" not in section and "4 articles" in section


def test_a_trip_without_public_coverage_has_no_report(client):
    trip = VisitFactory(start_date=JULY_24)
    CoverageFactory(visit=trip, draft=True, headline="DRAFT only")
    assert 'id="coverage-report"' not in client.get(trip.get_absolute_url()).content.decode()


def test_the_report_speaks_korean_on_the_korean_page(client, world):
    with translation.override("ko"):
        url = world.trip.get_absolute_url()
    section = report_section(client.get(url).content.decode())
    assert "이번 순방 보도: 언론사 3곳, 2개 언어로 기사 4건." in section
    assert "연합뉴스" in section


def a_big_trip(articles: int):
    """A trip with a release and ``articles`` public articles from as many outlets, in
    five languages, over three weeks, each on one of three events."""
    trip = VisitFactory(start_date=JULY_24, legs=2)
    events = [EngagementFactory(leg=trip.legs.first()) for _ in range(3)]
    PressReleaseFactory(visit=trip)
    languages = ["en", "ko", "zh-hans", "ja", "de"]
    for n in range(articles):
        CoverageFactory(
            visit=trip,
            outlet=OutletFactory(language=languages[n % 5]),
            published_on=JULY_24 + timedelta(days=n % 21),
            engagements=[events[n % 3]],
        )
    return trip


def test_the_trip_pages_queries_do_not_grow_with_its_articles(client):
    small, big = a_big_trip(1), a_big_trip(40)
    few, _ = counted(client, small.get_absolute_url())
    many, response = counted(client, big.get_absolute_url())
    assert few == many <= QUERY_BUDGET
    assert "Coverage of this trip: 40 articles in 5 languages from 40 outlets." in (
        response.content.decode()
    )


# --- the admin -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for name in ("", "_print", "_csv"):
        response = client.get(report_url(name, world.trip))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_staff_without_the_permission_are_refused(client, world):
    client.force_login(viewer("outsider", "press.view_photo", "press.change_pressrelease"))
    for name in ("", "_print", "_csv"):
        assert client.get(report_url(name, world.trip)).status_code == 403
    assert client.get(reverse("admin:press_coverage_reports")).status_code == 403


def test_the_admin_report_shows_the_staff_figures(staff_client, world):
    response = staff_client.get(report_url("", world.trip))
    html = response.content.decode()
    assert "Coverage of this trip: 4 articles in 2 languages from 3 outlets." in html
    assert "2 drafts or items in review (1 imported and waiting for review)" in html
    assert "1 gone, 1 suspect, 6 never checked" in html
    assert "Links never checked" in html and "Archived copies" in html
    assert report_url("_csv", world.trip) in html
    assert report_url("_print", world.trip) in html
    assert 'role="img"' in html
    assert_keeps_to_policy(response)


def test_the_report_is_reached_from_the_trip_and_the_coverage_list(client, world):
    client.force_login(viewer("editor", "press.view_coverage", "visits.change_visit"))
    trip_page = client.get(reverse("admin:visits_visit_change", args=[world.trip.pk]))
    assert report_url("", world.trip) in trip_page.content.decode()
    listing = client.get(
        f"{reverse('admin:press_coverage_changelist')}?visit__id__exact={world.trip.pk}"
    )
    link = f"{reverse('admin:press_coverage_reports')}?trip={world.trip.pk}"
    assert link in listing.content.decode()
    assert client.get(link).url == report_url("", world.trip)
    index = client.get(reverse("admin:press_coverage_reports")).content.decode()
    assert report_url("", world.trip) in index
    assert client.get(f"{reverse('admin:press_coverage_reports')}?trip=abc").status_code == 200


def test_the_csv_has_one_row_per_article_and_opens_in_a_spreadsheet(staff_client, world):
    response = staff_client.get(report_url("_csv", world.trip))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="coverage-oh-paris-chongqing-beijing.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *items = rows
    assert header == [
        "Date",
        "Time (KST)",
        "Outlet",
        "Language",
        "Headline",
        "Byline",
        "Address (URL)",
        "Status",
        "Link status",
        "Events",
    ]
    assert len(items) == 9  # every item of the trip, public or not
    by_headline = {row[4]: row for row in items}
    korean = by_headline["오세훈 시장, 베이징 휴머노이드 로봇 센터 찾아"]
    assert korean[:4] == ["2024-07-31", "11:05", "Yonhap", "Korean"]
    assert korean[6:] == [
        world.robots_ko.url,
        "Published",
        "ok",
        "Humanoid Robot Innovation Center; Zhongguancun and InnoWay",
    ]
    assert by_headline["Seoul's mayor meets Tiangong, the running humanoid"][8] == "gone"
    assert by_headline["DRAFT wangjing piece"][7:9] == ["Draft", "never checked"]
    # Published with a time still to come is under embargo: scheduled, as it is counted.
    assert by_headline["EMBARGOED item"][7] == "Scheduled"
    assert items[0][4] == "충칭 임시정부 청사 찾은 서울시장"  # oldest first
    assert items[-1][0] == ""  # the undated draft last


def test_the_csv_keeps_a_headline_from_running_as_a_formula(staff_client, world):
    CoverageFactory(visit=world.trip, headline='=HYPERLINK("http://x")', published_on=day(2))
    rows = list(
        csv.reader(
            io.StringIO(
                staff_client.get(report_url("_csv", world.trip)).content.decode("utf-8-sig")
            )
        )
    )
    assert [row[4] for row in rows if "HYPERLINK" in row[4]] == ['\'=HYPERLINK("http://x")']


def test_the_printable_page_has_no_admin_chrome_and_a_print_stylesheet(staff_client, world):
    response = staff_client.get(report_url("_print", world.trip))
    html = response.content.decode()
    assert 'id="header"' not in html and "breadcrumbs" not in html
    assert re.search(r'<link rel="stylesheet" href="[^"]*/css/coverage_report\.css">', html)
    assert "@media print" in Path(finders.find("css/coverage_report.css")).read_text()
    assert "Coverage of this trip: 4 articles in 2 languages from 3 outlets." in html
    assert "DRAFT wangjing piece" in html and "1 gone, 1 suspect, 6 never checked" in html
    assert_keeps_to_policy(response)
    public = staff_client.get(report_url("_print", world.trip, public="1")).content.decode()
    assert "오세훈 시장, 베이징 휴머노이드 로봇 센터 찾아" in public
    for secret in ("DRAFT", "SCHEDULED", "WITHDRAWN", "never checked", "Archived copies"):
        assert secret not in public, secret


def test_the_admin_reports_queries_do_not_grow_with_the_articles(staff_client):
    small, big = a_big_trip(1), a_big_trip(40)
    for name in ("", "_print", "_csv"):
        few, _ = counted(staff_client, report_url(name, small))
        many, _ = counted(staff_client, report_url(name, big))
        assert few == many, name
