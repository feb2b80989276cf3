"""`manage.py load_demo`: it runs, it is complete, and running it again changes nothing.

The demo is loaded once for the module, inside a transaction that is rolled back at the
end, so other test modules still start from an empty database.
"""

import datetime as dt
import io
from xml.etree import ElementTree

import feedparser
import pytest
import time_machine
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from press.models import Coverage, Outlet, Photo, PressRelease, ReleasePhoto, Topic
from tests.test_pages import fetch, url_of
from visits.models import City, Engagement, Organization, Person, Place, Visit
from visits.readmodel import reading

pytestmark = pytest.mark.django_db

TRIP_A = "oh-se-hoon-paris-chongqing-beijing-2024"
TRIP_B = "park-won-soon-shenzhen-hong-kong-2019"
LANGUAGES = ("en", "ko", "zh-hans", "ja")


def run_loader(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every visits and press table (link tables too), column by column."""
    rows = {}
    for label in ("visits", "press"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            fields = [f.attname for f in model._meta.concrete_fields]
            rows[model._meta.label] = [
                {name: getattr(obj, name) for name in fields}
                for obj in model._base_manager.order_by("pk")
            ]
    return rows


def stored_files(path: str = "") -> set[str]:
    directories, files = default_storage.listdir(path)
    found = {f"{path}{name}" for name in files}
    for directory in directories:
        found |= stored_files(f"{path}{directory}/")
    return found


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_loader()
        transaction.set_rollback(True)


@pytest.fixture
def trip_a(demo_output):
    return Visit.objects.get(slug=TRIP_A)


@pytest.fixture
def trip_b(demo_output):
    return Visit.objects.get(slug=TRIP_B)


# The command


def test_reports_what_it_loaded(demo_output):
    assert "Demo content: 2 trips, 5 legs," in demo_output
    assert "11 press releases (1 draft, 9 published, 1 scheduled)" in demo_output
    assert "4 coverage items" in demo_output
    assert "Created " in demo_output


def test_second_run_changes_nothing(demo_output):
    rows, files = snapshot(), stored_files()
    output = run_loader()
    assert "No changes" in output
    assert snapshot() == rows  # same rows, same values, same image names, nothing re-saved
    assert stored_files() == files


def test_quiet_and_verbose(demo_output):
    assert run_loader(verbosity=0) == ""
    Topic.objects.filter(slug="culture").update(name_ja="")
    verbose = run_loader(verbosity=2)
    assert "Updated press.Topic culture: name_ja" in verbose
    assert Topic.objects.get(slug="culture").name_ja == "文化"


def test_a_photo_without_its_row_reuses_its_file(demo_output):
    """A reset database does not leave a second copy of each image on the storage."""
    files = stored_files()
    photo = Photo.objects.get(visit__slug=TRIP_A, order=4)
    name = photo.image.name
    photo.delete()
    run_loader()
    assert Photo.objects.get(visit__slug=TRIP_A, order=4).image.name == name
    assert stored_files() == files


# Trips and itinerary


def test_both_trips_are_published_with_their_legs(trip_a, trip_b):
    assert set(Visit.objects.published().values_list("slug", flat=True)) == {TRIP_A, TRIP_B}
    assert (trip_a.start_date, trip_a.end_date) == (dt.date(2024, 7, 24), dt.date(2024, 8, 1))
    assert trip_a.duration_days == 9
    assert trip_a.end_date.strftime("%A") == "Thursday"
    assert [leg.city.slug for leg in trip_a.legs.all()] == ["paris", "chongqing", "beijing"]
    assert trip_a.legs.last().start_date == dt.date(2024, 7, 30)
    assert (trip_b.start_date, trip_b.end_date) == (dt.date(2019, 1, 29), dt.date(2019, 2, 2))
    assert [leg.city.slug for leg in trip_b.legs.all()] == ["shenzhen", "hong-kong"]
    assert trip_a.official.slug == "oh-se-hoon"
    assert trip_b.official.slug == "park-won-soon"


def test_cities_have_their_time_zones(demo_output):
    zones = dict(City.objects.values_list("slug", "time_zone"))
    assert zones == {
        "paris": "Europe/Paris",
        "chongqing": "Asia/Shanghai",
        "beijing": "Asia/Shanghai",
        "shenzhen": "Asia/Shanghai",
        "hong-kong": "Asia/Hong_Kong",
    }


def test_beijing_days_of_trip_a(trip_a):
    def on(day):
        return trip_a.engagements.filter(date=day)

    robots = on(dt.date(2024, 7, 31)).get(place__slug="beijing-humanoid-robot-innovation-center")
    assert robots.start_time == dt.time(10, 0)
    assert robots.kind == Engagement.Kind.SITE_VISIT
    assert {"xiaomi-robotics", "ubtech"} <= set(robots.organizations.values_list("slug", flat=True))
    assert on(dt.date(2024, 7, 30)).get(people__slug="yin-yong").kind == Engagement.Kind.MEETING
    assert on(dt.date(2024, 7, 31)).filter(people__slug="kim-jong-moon").exists()
    first_august = set(on(dt.date(2024, 8, 1)).values_list("place__slug", flat=True))
    assert {"wangjing-soho", "dawangjing-central-park", "wukesong-wanda-plaza"} <= first_august
    companies = on(dt.date(2024, 8, 1)).get(organizations__slug="posco-china")
    assert companies.organizations.filter(slug="seoul-dairy-cooperative").exists()
    assert all(e.leg.start_date <= e.date <= e.leg.end_date for e in trip_a.engagements.all())


def test_every_person_named_in_trips_md(demo_output):
    expected = {
        "oh-se-hoon": "Oh Se-hoon",
        "park-won-soon": "Park Won-soon",
        "yin-yong": "Yin Yong",
        "kim-jong-moon": "Kim Jong-moon",
        "carrie-lam": "Carrie Lam",
        "matthew-cheung-kin-chung": "Matthew Cheung Kin-chung",
        "teresa-cheng-yeuk-wah": "Teresa Cheng Yeuk-wah",
        "wong-kam-sing": "Wong Kam-sing",
    }
    people = dict(Person.objects.values_list("slug", "name_en"))
    assert expected.items() <= people.items()
    assert Person.objects.get(slug="yin-yong").name_zh_hans == "殷勇"
    # Kim's name has no Chinese form on record: the field is empty and falls back.
    assert Person.objects.get(slug="kim-jong-moon").name_zh_hans == ""
    met = Person.objects.filter(engagements__visit__slug=TRIP_B).values_list("slug", flat=True)
    assert {"carrie-lam", "matthew-cheung-kin-chung", "teresa-cheng-yeuk-wah"} <= set(met)


def test_every_organisation_named_in_trips_md(demo_output):
    expected = {
        "beijing-humanoid-robot-innovation-center",
        "beijing-bureau-of-economy-and-information-technology",
        "beijing-jingcheng-machinery-electric",
        "xiaomi-robotics",
        "ubtech",
        "kic-china",
        "ministry-of-science-and-ict",
        "posco-china",
        "seoul-dairy-cooperative",
        "trends-group",
        "shero-entertainment",
        "hksar-government",
        "cyberport",
        "urban-renewal-authority",
        "ingdan",
        "imakerbase",
    }
    assert expected <= set(Organization.objects.values_list("slug", flat=True))


def test_every_place_named_in_trips_md_with_its_parent(demo_output):
    parents = {
        "zhongguancun": None,
        "innoway": "zhongguancun",
        "zhongguancun-exhibition-hall": "zhongguancun",
        "peking-university-entrepreneur-training-camp": "zhongguancun",
        "beijing-humanoid-robot-innovation-center": "beijing-e-town",
        "wangjing-soho": "chaoyang-district",
        "dawangjing-central-park": "chaoyang-district",
        "wukesong-wanda-plaza": None,
        "korean-provisional-government-chongqing": None,
        "shenzhen-bay-startup-plaza": None,
        "imakerbase": None,
        "cyberport": None,
        "tai-kwun": None,
        "pmq": None,
        "blue-house": None,
    }
    places = {p.slug: p for p in Place.objects.select_related("parent", "city")}
    assert {slug: places[slug].parent and places[slug].parent.slug for slug in parents} == parents
    assert places["innoway"].city.slug == "beijing"
    assert places["tai-kwun"].city.slug == "hong-kong"
    assert places["innoway"].name_zh_hans == "中关村创业大街"
    assert 22 < places["tai-kwun"].latitude < 23 and 114 < places["tai-kwun"].longitude < 115


# Releases


def test_draft_and_scheduled_releases_stay_out_of_public_view(demo_output):
    public = PressRelease.objects.published()
    draft = PressRelease.objects.get(status="draft")
    scheduled = PressRelease.objects.get(status="scheduled")
    assert draft.published_at is None
    assert draft not in public
    assert scheduled not in public
    assert scheduled.published_at > dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    assert public.count() == 9


def test_releases_in_four_languages_with_some_missing(demo_output):
    releases = list(PressRelease.objects.all())
    assert {code for r in releases for code in r.languages()} == set(LANGUAGES)
    assert any(r.languages() == list(LANGUAGES) for r in releases)
    assert any(len(r.languages()) < 4 for r in releases)
    korean_only = PressRelease.objects.get(number="SMG-2024-0801-01")
    assert korean_only.languages() == ["ko"]
    assert korean_only.title_en == korean_only.body_en == ""
    assert "정신이 번쩍 난다" in korean_only.title_ko
    assert PressRelease.objects.get(number="SMG 449").original_language == "en"


def test_releases_carry_facts_topics_contact_and_a_lead_photo(demo_output):
    robots = PressRelease.objects.get(number="SMG-2024-0731-02")
    for fact in ("6 km/h", "85 %", "5 kg", "<ul>", "<h2>"):
        assert fact in robots.body_en
    assert list(robots.topics.values_list("slug", flat=True)) == ["robotics"]
    assert robots.contact is not None
    assert robots.visit.slug == TRIP_A
    assert robots.engagements.filter(place__slug="beijing-humanoid-robot-innovation-center")
    leads = ReleasePhoto.objects.filter(release=robots, is_lead=True)
    assert leads.count() == 1
    assert robots.gallery.count() == 2
    startups = PressRelease.objects.get(number="SMG-2024-0801-01")
    for fact in ("220m", "4만5천㎡", "50곳", "3천 건"):
        assert fact in startups.body_ko


def test_topics_are_named_in_every_language(demo_output):
    slugs = {"robotics", "startups", "urban-regeneration", "culture", "diplomacy"}
    topics = Topic.objects.filter(slug__in=slugs)
    assert topics.count() == 5
    for topic in topics:
        assert all(getattr(topic, f"name_{code.replace('-', '_')}") for code in LANGUAGES)


# Coverage


#: The English titles of the engagements the coverage links to, by a short name.
EVENTS = {
    "robots": "Beijing Humanoid Robot Innovation Center",
    "hall": "Zhongguancun Exhibition Hall",
    "innoway": "InnoWay startup street",
    "pku": "Peking University Entrepreneur Training Camp",
    "kic": "Briefing at Korea Innovation Center China",
    "soho": "Wangjing SOHO",
    "park": "Briefing on urban planning and green space at Dawangjing Central Park",
    "companies": "Meeting with Korean companies in Beijing",
    "culture": "Cultural exchange with Trends Group, Shero Entertainment and a Kunqu performer",
}

#: TRIPS.md's coverage table, and each article's events from "What each article covers".
COVERAGE_TABLE = {
    "korea-joongang-daily": (
        "Korea JoongAng Daily",
        "en",
        "조정우 (Cho Jung-woo)",
        dt.time(17, 42),
        "Seoul Mayor Oh Se-hoon tours China's Silicon Valley"
        " seeking opportunities for Korean startups",
        {"innoway", "pku", "robots", "companies", "culture"},
    ),
    "asia-business-daily": (
        "The Asia Business Daily",
        "en",
        "",
        None,  # the article has no date or time; listed on 4 August
        "Visit to Zhongguancun Startup Street that gave birth to Xiaomi and Baidu",
        {"innoway", "pku", "robots", "soho", "park", "companies", "culture"},
    ),
    "herald-economy": (
        "Herald Economy",
        "ko",
        "김우영 (Kim Woo-young)",
        dt.time(11, 18),
        '중국판 실리콘밸리 찾은 오세훈, "서울 스타트업 中진출 적극 돕겠다"',
        {"hall", "innoway", "pku", "kic", "robots", "soho", "park", "companies", "culture"},
    ),
    "cbs-nocut-news": (
        "CBS NoCut News",
        "ko",
        "장규석 (Jang Gyu-seok)",
        dt.time(11, 18),
        '"한국, 중국에 뒤처지고 있다" 지적에…오세훈 "정신이 번쩍 난다"',
        {"kic", "innoway", "robots", "companies"},
    ),
}


def assert_coverage_as_in_trips_md(item: Coverage):
    outlet, language, byline, time, headline, events = COVERAGE_TABLE[item.outlet.slug]
    assert item.outlet.name_en == outlet
    assert item.outlet.country == "KR"
    assert (item.language, item.headline, item.byline) == (language, headline, byline)
    assert (item.published_on, item.published_time) == (dt.date(2024, 8, 4), time)
    assert set(item.engagements.values_list("title_en", flat=True)) == {EVENTS[e] for e in events}
    assert item.visit.slug == TRIP_A


@pytest.mark.parametrize("slug", COVERAGE_TABLE)
def test_every_row_of_the_coverage_table(demo_output, slug):
    item = Coverage.objects.select_related("outlet", "visit").get(outlet__slug=slug)
    assert_coverage_as_in_trips_md(item)
    assert item in Coverage.objects.published()
    assert item.releases.exists() and item.summary
    assert set(item.releases.values_list("status", flat=True)) == {"published"}
    # Each item's translations are ours, in languages other than the article's own.
    translations = [item.translated_headline_en, item.translated_headline_ko]
    translations += [item.translated_headline_zh_hans, item.translated_headline_ja]
    assert sum(bool(t) for t in translations) == 2
    assert getattr(item, f"translated_headline_{item.language}") == ""
    assert item.headline not in translations


def test_no_coverage_is_about_the_yin_yong_talks(demo_output):
    talks = Engagement.objects.get(title_en="Talks with Beijing Mayor Yin Yong")
    assert not talks.coverage.exists()
    # The Herald Economy record no longer carries the NoCut story's quote.
    herald = Coverage.objects.get(outlet__slug="herald-economy")
    assert "번쩍" not in herald.headline + herald.summary + herald.translated_headline_en


def test_a_database_loaded_by_the_old_demo_is_corrected_in_place(demo_output):
    """The old demo's wrong records (another address, another story's headline and
    events) are brought right by the next load, without a second row."""
    old_url = (
        "https://koreajoongangdaily.joongang.co.kr/news/2024-08-04/demo/"
        "seoul-mayor-ends-china-trip-robots-startups"
    )
    talks = Engagement.objects.get(title_en="Talks with Beijing Mayor Yin Yong")
    ids = dict(Coverage.objects.values_list("outlet__slug", "pk"))
    Coverage.objects.filter(outlet__slug="korea-joongang-daily").update(
        url=old_url, headline="Seoul mayor ends China trip", byline="Cho Jung-woo"
    )
    Coverage.objects.filter(outlet__slug="herald-economy").update(
        headline='오세훈 "정신이 번쩍 난다"…중관촌에서 본 한중 기술 격차', byline="김우영"
    )
    nocut = Coverage.objects.get(outlet__slug="cbs-nocut-news")
    nocut.engagements.set([talks])
    Coverage.objects.filter(pk=nocut.pk).update(headline="오세훈, 서울·베이징 시장 회담")

    run_loader()

    assert dict(Coverage.objects.values_list("outlet__slug", "pk")) == ids
    for item in Coverage.objects.select_related("outlet", "visit"):
        assert_coverage_as_in_trips_md(item)
    assert not Coverage.objects.filter(url=old_url).exists()
    assert "No changes" in run_loader()


def test_the_trip_b_announcement_is_the_citys_own(demo_output):
    """TRIPS.md: the city's number and headline, kept as the city wrote them."""
    release = PressRelease.objects.get(number="SMG 449")
    assert release.title_en == (
        "Seoul Mayor Park heads to Hong Kong and Shenzhen to seek for innovative startup "
        "policies and new business strategies"
    )
    assert release.published_at.date() == dt.date(2019, 1, 29)


def test_a_database_with_the_old_release_number_is_renumbered_in_place(demo_output):
    release = PressRelease.objects.get(number="SMG 449")
    PressRelease.objects.filter(pk=release.pk).update(number="SMG-2019-0129")
    run_loader()
    assert PressRelease.objects.get(number="SMG 449").pk == release.pk
    assert not PressRelease.objects.filter(number="SMG-2019-0129").exists()


def test_outlets_carry_what_the_coverage_desk_knows_them_by(demo_output):
    herald = Outlet.objects.get(slug="herald-economy")
    assert "heraldcorp.com" in herald.domain_list()
    assert "Herald Corporation" in herald.alias_list()
    assert all(outlet.domain_list() for outlet in Outlet.objects.all())


def test_coverage_outlets_and_translations(demo_output):
    assert Coverage.objects.count() == 4
    assert Outlet.objects.get(slug="herald-economy").name_ko == "헤럴드경제"
    assert Outlet.objects.get(slug="cbs-nocut-news").kind == Outlet.Kind.BROADCASTER
    herald = Coverage.objects.get(outlet__slug="herald-economy")
    assert herald.translated_headline_en and not herald.translated_headline_ko
    domains = ("joongang.co.kr", "asiae.co.kr", "heraldcorp.com", "nocutnews.co.kr")
    assert sorted(any(d in c.url for d in domains) for c in Coverage.objects.all()) == [True] * 4
    assert not Coverage.objects.filter(visit__slug=TRIP_B).exists()


# Photos


def test_photos_have_credits_and_images_that_open(trip_a, trip_b):
    assert 8 <= trip_a.photos.count() <= 12
    assert 4 <= trip_b.photos.count() <= 6
    for photo in Photo.objects.all():
        assert photo.credit == "Seoul Metropolitan Government"
        assert photo.caption_en and photo.taken_at and photo.engagement
        assert photo.engagement.visit_id == photo.visit_id
        with default_storage.open(photo.image.name, "rb") as file:
            image = Image.open(file)
            image.load()
        assert image.size == (photo.width, photo.height) == (1600, 1067)
    assert list(trip_a.photos.values_list("order", flat=True)) == list(range(1, 13))
    assert Photo.objects.filter(caption_ja="").exists()  # some captions are untranslated


# Feeds and sitemap of the demo (issue 4's "done when")


def demo_feeds() -> dict[str, int]:
    """Every feed of the demo, in both formats and all four languages, with the number of
    entries it carries: the releases out in its language, all the coverage."""
    feeds = {}
    for language in LANGUAGES:
        out = PressRelease.objects.out_in(language)
        with translation.override(language):
            for fmt in ("rss", "atom"):
                feeds[reverse(f"press:release_feed_{fmt}")] = out.count()
                for trip in Visit.objects.published():
                    releases = reverse(f"press:trip_release_feed_{fmt}", args=[trip.slug])
                    feeds[releases] = out.filter(visit=trip).count()
                    coverage = reverse(f"press:trip_coverage_feed_{fmt}", args=[trip.slug])
                    feeds[coverage] = Coverage.objects.published().filter(visit=trip).count()
                for topic in Topic.objects.published():
                    url = reverse(f"press:topic_feed_{fmt}", args=[topic.slug])
                    feeds[url] = out.filter(topics=topic).count()
    return feeds


def test_every_demo_feed_parses_cleanly_in_every_language(client, demo_output):
    feeds = demo_feeds()
    assert len(feeds) == 4 * 2 * (1 + 2 * 2 + Topic.objects.published().count())
    for url, entries in feeds.items():
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.feed.language == url.split("/")[1], url
        assert len(feed.entries) == entries, url
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert unchanged.status_code == 304, url
    # Every language's newsroom feed has releases; the 2019 trip has no coverage.
    assert all(feeds[url] for url in feeds if "/feeds/releases." in url)


def test_a_japanese_translation_in_progress_stays_off_the_japanese_feed(client, demo_output):
    """The last Beijing release has Japanese text that is not marked ready: Japanese
    readers get the English text with a note, and the Japanese feed leaves it out."""
    release = PressRelease.objects.get(number="SMG-2024-0801-02")
    assert "ja" in release.languages() and release.public_languages() == ("en", "ko")
    with translation.override("ja"):
        response = client.get(release.get_absolute_url())
        feed_response = client.get(reverse("press:release_feed_atom"))
    assert response.status_code == feed_response.status_code == 200
    page = response.content.decode()
    assert release.title_en in page and release.title_ja not in page
    assert 'class="notice notice--pending"' in page
    # The feed has every release that is out in Japanese, and only those.
    out_in_japanese = [r for r in PressRelease.objects.published() if "ja" in r.public_languages()]
    assert out_in_japanese
    titles = [entry.title for entry in feedparser.parse(feed_response.content).entries]
    assert sorted(titles) == sorted(r.title_ja for r in out_in_japanese)
    assert release.title_ja not in titles and release.title_en not in titles


def test_demo_sitemap_lists_every_public_page_in_every_language(client, demo_output):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    listed = set()
    for loc in index.findall("s:sitemap/s:loc", ns):
        section = ElementTree.fromstring(client.get(loc.text).content)
        listed |= {node.text for node in section.findall("s:url/s:loc", ns)}
    public = [
        *Visit.objects.published(),
        *Coverage.objects.published(),
        *Photo.objects.published(),
        *Place.objects.published(),
        *Person.objects.published(),
        *Organization.objects.published(),
    ]
    for language in LANGUAGES:
        with translation.override(language):
            for item in public:
                assert f"http://testserver{item.get_absolute_url()}" in listed, item
            # Releases in the languages they are out in.
            for release in PressRelease.objects.published():
                url = f"http://testserver{release.get_absolute_url()}"
                assert (url in listed) == (language in release.public_languages()), url
    secret = PressRelease.objects.exclude(pk__in=PressRelease.objects.published())
    assert secret.exists()
    for item in secret:
        assert not any(item.slug in url for url in listed), item


def public_doors(client, release) -> dict[str, bool]:
    """Whether the release shows through each public door, in every language."""

    def text(url):
        # A list, feed or sitemap that failed would not show the release either.
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    doors = {}
    for language in LANGUAGES:
        with translation.override(language):
            url = release.get_absolute_url()
            status = client.get(url).status_code
            assert status in (200, 404), (url, status)  # out or not yet, nothing else
            doors[f"{language} page"] = status == 200
            doors[f"{language} list"] = url in text(reverse("press:release_list"))
            doors[f"{language} feed"] = url in text(reverse("press:release_feed_rss"))
    doors["the sitemap"] = f"/{release.slug}/" in text("/sitemap-releases.xml")
    return doors


def test_the_scheduled_release_goes_out_at_its_minute(client, demo_output):
    """Issue 6's "done when": pages, feeds and sitemap show the scheduled release exactly
    at its time, with nothing saved in between."""
    release = PressRelease.objects.get(status="scheduled")
    with time_machine.travel(release.published_at - dt.timedelta(minutes=1), tick=False):
        assert not any(public_doors(client, release).values())
    with time_machine.travel(release.published_at, tick=False):
        doors = public_doors(client, release)
        out = release.public_languages()
    assert out == ("en", "ko", "zh-hans")  # no Japanese: the Japanese feed leaves it out
    assert doors == {door: door.split()[1] != "feed" or door.split()[0] in out for door in doors}


# Search (issue 7's "done when")

DEMO_SEARCHES = {
    "로봇": {
        ("release", "mayor-oh-watches-humanoid-robot-tiangong-in-beijing"),
        ("place", "beijing-humanoid-robot-innovation-center"),
    },
    "중관촌": {("place", "zhongguancun"), ("release", "oh-se-hoon-zhongguancun-wake-up-call")},
    "天工": {("release", "mayor-oh-watches-humanoid-robot-tiangong-in-beijing")},
    "訪問": {
        ("trip", "oh-se-hoon-paris-chongqing-beijing-2024"),
        ("trip", "park-won-soon-shenzhen-hong-kong-2019"),
    },
    "Tiangong": {
        ("release", "mayor-oh-watches-humanoid-robot-tiangong-in-beijing"),
        ("place", "beijing-humanoid-robot-innovation-center"),
    },
    "zhongguancun": {("place", "zhongguancun"), ("place", "zhongguancun-exhibition-hall")},
}


@pytest.mark.parametrize("query", DEMO_SEARCHES)
def test_demo_search_finds_the_right_items(demo_output, client, query):
    from visits.search.indexing import rebuild

    rebuild()  # the module's demo was loaded before this test indexed at once
    response = client.get(f"/en/search/?q={query}")
    assert response.status_code == 200
    shown = {(hit.kind, getattr(hit.obj, "slug", None)) for hit in response.context["hits"]}
    assert DEMO_SEARCHES[query] <= shown
    assert "<mark>" in response.content.decode()


# Events: from the home page, every article and release about the Beijing events of the
# 2024 trip is three clicks away (home → trip → event), in every language.


def test_every_demo_event_has_a_slug_of_its_own_within_its_trip(demo_output):
    slugs = list(Engagement.objects.values_list("visit_id", "slug"))
    assert all(slug for _visit, slug in slugs)
    assert len(set(slugs)) == len(slugs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_and_release_about_beijing_is_three_clicks_from_home(
    client, demo_output, lang
):
    reading.IMMEDIATE = False  # the views serve (tests/test_event_pages.py covers the rows)
    trip = Visit.objects.get(slug=TRIP_A)
    beijing = list(Engagement.objects.filter(visit=trip, leg__city__slug="beijing"))
    assert len(beijing) > 5
    articles = set(Coverage.objects.published().filter(engagements__in=beijing).distinct())
    releases = set(PressRelease.objects.published().filter(engagements__in=beijing).distinct())
    assert len(articles) >= 4 and len(releases) >= 4

    with translation.override(lang):
        home = fetch(client, reverse("press:home"))
    assert home.links_to(url_of(trip, lang))  # click 1
    trip_page = fetch(client, url_of(trip, lang))  # click 2: each event links its page
    reached_articles, reached_releases = set(), set()
    for event in beijing:
        assert trip_page.links_to(url_of(event, lang)), event
        page = fetch(client, url_of(event, lang))  # click 3
        reached_articles |= {c for c in articles if page.links_to(url_of(c, lang))}
        reached_releases |= {r for r in releases if page.links_to(url_of(r, lang))}
    assert reached_articles == articles
    assert reached_releases == releases


def test_the_robot_release_links_its_video_from_its_page_and_its_event(client, demo_output):
    release = PressRelease.objects.get(number="SMG-2024-0731-02")
    (video,) = release.videos.all()
    assert video.watch_url == "https://www.youtube.com/watch?v=SMGdemo2024"
    assert "Mayor Oh meets the humanoid robot Tiangong" in fetch(client, url_of(release)).html
    (event,) = release.engagements.all()
    assert video.watch_url in fetch(client, url_of(event, "ko")).html


# Documents (issue 24)


def test_a_release_of_each_trip_carries_a_pdf_fact_sheet_and_one_a_korean_document(
    client, demo_output
):
    from press import document_checks
    from press.models import Document

    assert "3 documents" in demo_output
    for slug in (TRIP_A, TRIP_B):
        sheet = Document.objects.get(visit__slug=slug, kind="pdf")
        release = sheet.releases.get()
        assert release.is_public and sheet.page_count == 1
        with default_storage.open(sheet.file.name, "rb") as file:
            assert document_checks.check(file, sheet.file.name).kind == "pdf"
        page = fetch(client, url_of(release)).html
        assert escape(sheet.download_url) in page and "PDF" in page
        response = client.get(sheet.download_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
    korean = Document.objects.get(language="ko")
    assert korean.kind == "txt" and korean.releases.get().is_public
    assert "서울" in b"".join(client.get(korean.download_url).streaming_content).decode()
