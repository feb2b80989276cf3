# Articles in four scripts: long lines and CJK punctuation are meant.
# ruff: noqa: E501, RUF001
"""The coverage desk's third step: which trip, events and releases a clipping is about
(`press.clippings.matching`), and whether the newsroom already has it
(`press.clippings.duplicates`).

The clippings here are ours: facts from TRIPS.md, our own wording. The four trip A
articles carry what TRIPS.md's "What each article covers" says each covers, and the test
asserts exactly those events. The demo is loaded once for the module, inside a transaction
rolled back at the end; the ambiguous and edge cases use factories.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from press.clippings.duplicates import Batch, find_duplicate, fingerprint
from press.clippings.matching import Matcher
from press.clippings.results import COVERAGE, RELEASE, Duplicate, Guess, Recognition, Source
from press.models import Clipping, PressRelease
from tests.factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    OutletFactory,
    PlaceFactory,
    PressReleaseFactory,
    VisitFactory,
)
from visits.models import Visit

pytestmark = pytest.mark.django_db

TRIP_A = "oh-se-hoon-paris-chongqing-beijing-2024"
TRIP_B = "park-won-soon-shenzhen-hong-kong-2019"


def clipping(
    text: str,
    *,
    headline: str = "",
    subheadlines=(),
    on: dt.date | None = None,
    language: str = "en",
    kind: str = COVERAGE,
    number: str = "",
    url: str = "",
    outlet=None,
) -> Recognition:
    """A Recognition as the recognising step would hand it on."""
    return Recognition(
        source=Source(original=f"{headline}\n\n{text}"),
        kind=kind,
        text=text.strip(),
        headline=Guess(headline, 0.9, ""),
        subheadlines=list(subheadlines),
        published_on=Guess(on, 0.9 if on else 0.0, ""),
        language=Guess(language, 0.9, ""),
        outlet=Guess(outlet, 0.9 if outlet else 0.0, ""),
        url=Guess(url, 0.9 if url else 0.0, ""),
        number=Guess(number, 0.9 if number else 0.0, ""),
    )


# --- the demo's trips ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def matcher(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return Matcher()


@pytest.fixture
def trip_a(demo):
    return Visit.objects.get(slug=TRIP_A)


@pytest.fixture
def trip_b(demo):
    return Visit.objects.get(slug=TRIP_B)


def events(recognition) -> set[str]:
    return {e.title_en for e in recognition.engagements.value or []}


def releases(recognition) -> set[str]:
    """Release numbers; trip B's announcement (to be renumbered) as "B announcement"."""
    names = set()
    for release in recognition.releases.value or []:
        if release.visit.slug == TRIP_B and release.published_at.date() == dt.date(2019, 1, 29):
            names.add("B announcement")
        else:
            names.add(release.number)
    return names


ROBOT = "Beijing Humanoid Robot Innovation Center"
EXHIBITION = "Zhongguancun Exhibition Hall"
INNOWAY = "InnoWay startup street"
PKU = "Peking University Entrepreneur Training Camp"
KIC = "Briefing at Korea Innovation Center China"
WANGJING = "Wangjing SOHO"
DAWANGJING = "Briefing on urban planning and green space at Dawangjing Central Park"
COMPANIES = "Meeting with Korean companies in Beijing"
CULTURE = "Cultural exchange with Trends Group, Shero Entertainment and a Kunqu performer"
BEIJING_RELEASES = {"SMG-2024-0731-02", "SMG-2024-0801-01", "SMG-2024-0801-02"}

# Korea JoongAng Daily, 4 August 2024 (en). Covers Zhongguancun and InnoWay, the Peking
# University camp, the robot centre and Tiangong, about 30 Korean companies on Thursday and
# the cultural exchange; recalls the Yin Yong talks, Chongqing and the Wanda booth.
JOONGANG = """
Seoul Mayor Oh Se-hoon spent Wednesday afternoon in Zhongguancun, the Beijing district nicknamed China's Silicon Valley, where Baidu, Lenovo, Tencent and Xiaomi took their first steps.

He walked the 220-meter length of InnoWay, a startup street opened in June 2014 that houses some 50 organizations helping new companies. More than 3,000 incubation programs have been run on InnoWay so far.

Oh also stopped by the Peking University Entrepreneur Training Camp. The camp fills 5,000 square meters from the ground floor down to two basement levels.

That morning the mayor had been at the Beijing Humanoid Robot Innovation Center in the city's E-Town industrial zone. Engineers there showed him Tiangong, an all-electric humanoid that runs at 6 kilometers per hour. Oh stands seventh from left in a group photo the city released.

On Thursday, Oh sat down with representatives of about 30 Korean companies doing business in Beijing. "The business environment in China is currently difficult," he told them, promising support from Seoul.

He then met the chief executives of Trends Group, China's largest fashion magazine publisher, and Shero Entertainment, together with a Kunqu opera performer. The group talked about ways to widen cultural exchange between the two cities.

Earlier in the trip, Oh visited the former site of the Korean Provisional Government in Chongqing and held talks with Beijing Mayor Yin Yong, the first between the two capitals' mayors since 2018. A booth promoting Seoul also opened at Wukesong Wanda Plaza.

BY CHO JUNG-WOO [cho.jungwoo@joongang.co.kr]
"""

# The Asia Business Daily (en): no date, no byline.
ASIAE = """
Seoul Mayor Oh Se-hoon walked down the Zhongguancun startup street in Beijing, the district that gave birth to Xiaomi and Baidu.

Officials of KIC China guided him along the street and into the Peking University Entrepreneur Training Camp. At the training camp, young founders showed him their shared offices.

Robot centre visit, sharing Seoul's vision

Oh went on to the Beijing Humanoid Robot Innovation Center, where the humanoid robot Tiangong ran in front of him. He said Seoul would share its own vision: the city announced a robot industry plan in July 2023 and is preparing the Suseo Robot Cluster.

He also toured Wangjing SOHO, the towers designed by Zaha Hadid. Hadid also drew Seoul's Dongdaemun Design Plaza. At Dawangjing Central Park, Beijing officials briefed him on urban planning and green space. The park is central to the city's green space strategy.

Oh met about 30 Korean companies working in Beijing. The companies asked the city for help with local regulations.

Meeting Chinese figures in entertainment and fashion

He also met the chief executives of Trends Group and Shero Entertainment. A Kunqu performer joined them for a conversation about cultural exchange.
"""

# Herald Economy (ko), filed from Beijing.
HERALD = """
[베이징=헤럴드경제 김우영 기자] 중국을 방문 중인 오세훈 서울시장이 지난달 31일 '중국판 실리콘밸리'로 불리는 베이징 중관촌을 찾았다.

오 시장은 먼저 중관촌 전시관을 둘러보며 바이두와 레노버, 샤오미 등이 이곳에서 성장한 과정을 들었다. 전시관에서는 중관촌 기업들의 역사를 담은 영상도 상영됐다.

중관촌 창업거리 찾아

이어 연면적 4만5천㎡ 규모의 중관촌 창업거리를 걸었다. 2014년 6월 문을 연 창업거리에는 창업지원기관 50여 곳이 모여 있다.

오 시장은 지하 2층부터 지상 1층까지 5천㎡ 규모로 꾸며진 베이징대 창업훈련영도 방문했다. 창업훈련영에서는 청년 창업가들이 공유 사무실을 쓰고 있다.

과학기술정보통신부 산하 KIC 중국에서는 김종문 센터장으로부터 현지 기술 동향을 들었다.

앞서 오 시장은 31일 오전 베이징 경제기술개발구에 있는 베이징 휴머노이드 로봇 혁신센터를 방문했다. 이곳의 휴머노이드 '톈궁'은 시속 6㎞로 달리고 5㎏까지 들어 올린다.

8월 1일 오전에는 자하 하디드가 설계한 왕징 소호와 다왕징 중앙공원을 찾아 베이징의 도시계획과 녹지 전략에 대한 설명을 들었다.

베이징 진출 한국기업 간담회

이날 낮 간담회에는 포스코차이나, 서울우유 등 베이징에 진출한 한국기업 30여 곳이 참석했다. 오 시장은 "중국은 한국의 최대 교역국"이라며 서울 스타트업의 중국 진출을 적극 돕겠다고 말했다.

오후에는 중국 최대 패션잡지 그룹인 트렌즈그룹 대표, 셰로 엔터테인먼트 대표, 곤곡 배우와 만나 문화교류 방안을 논의했다.

Copyright © 헤럴드경제. 무단전재 및 재배포 금지.
"""

# CBS NoCut News (ko), filed from Beijing.
NOCUT = """
중국 베이징을 방문 중인 오세훈 서울시장이 "한국이 중국에 뒤처지고 있다"는 지적을 듣고 "정신이 번쩍 난다"고 말했다.

오 시장은 지난 31일 베이징 중관촌에 있는 KIC 중국을 찾았다. 김종문 KIC 중국 센터장은 "기초과학과 5G 분야에서 한국이 중국에 밀리고 있다"고 짚었다.

이에 오 시장은 "정신이 번쩍 난다"며 서울 스타트업의 현지 진출을 돕겠다고 했다.

오 시장은 이날 중관촌 창업거리도 둘러봤다.

앞서 31일 오전에는 베이징 휴머노이드 로봇 혁신센터를 찾아 로봇 팔과 전자 피부 기술을 살펴봤다. 센터가 만든 휴머노이드 '톈궁'은 시속 6㎞로 달린다.

서울시는 수서 로봇클러스터와 로봇·AI 과학관을 추진하고 있다.

오 시장은 1일 베이징에 진출한 한국기업 30여 곳과 간담회를 열었다.

장규석 기자 (jgs@cbs.co.kr)
"""

# A Chinese outlet (zh-hans), 1 August 2024.
CHINESE = """
7月31日上午，首尔市长吴世勋一行来到北京经济技术开发区，参观了北京人形机器人创新中心。

他观看了全电驱人形机器人“天工”以每小时6公里的速度奔跑。

当天下午，吴世勋走访了中关村创业大街，了解创业服务机构的情况。
"""

# A Japanese outlet (ja), 2 August 2024.
JAPANESE = """
ソウルの呉世勲市長は1日、北京に進出している韓国企業約30社の代表と懇談した。懇談会にはポスコ中国やソウル牛乳などが参加した。

呉市長は同日午前、望京SOHOを視察した。
"""

# Trip B in Korean, 3 February 2019: "지난달 31일" is 31 January.
KOREAN_B = """
홍콩을 방문 중인 박원순 서울시장은 지난달 31일 핀테크·블록체인 기업 1천여 곳이 입주한 사이버포트를 찾았다.

박 시장은 1일 캐리 람 행정장관과 면담했다. 2012년에 이어 두 번째 만남이다.
"""

# Trip B in English, 1 February 2019 (a Friday: "on Wednesday" is 30 January).
ENGLISH_B = """
Seoul Mayor Park Won-soon on Wednesday visited Shenzhen Bay Startup Plaza, where Baidu, Alibaba and Tencent keep offices.

He also toured iMakerBase, a base where makers turn prototypes into products. iMakerBase has become a symbol of what locals call the speed of Shenzhen.
"""


def test_joongang_daily(matcher, trip_a):
    found = clipping(
        JOONGANG,
        headline="Seoul Mayor Oh Se-hoon tours China's Silicon Valley seeking opportunities for Korean startups",
        on=dt.date(2024, 8, 4),
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert found.trip.confidence >= 0.8
    assert "during the trip" not in found.trip.reason  # published three days after it
    assert "3 days after the trip" in found.trip.reason
    assert found.trip_candidates == []
    # What the article only recalls (Yin Yong, Chongqing, the Wanda booth) is not linked.
    assert events(found) == {INNOWAY, PKU, ROBOT, COMPANIES, CULTURE}
    assert releases(found) == BEIJING_RELEASES


def test_asia_business_daily_without_a_date(matcher, trip_a):
    found = clipping(
        ASIAE,
        headline="Visit to Zhongguancun Startup Street that gave birth to Xiaomi and Baidu",
        subheadlines=[
            "Robot centre visit, sharing Seoul's vision",
            "Meeting Chinese figures in entertainment and fashion",
        ],
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert 0.3 <= found.trip.confidence <= 0.6  # by names alone
    assert "No date" in found.trip.reason
    assert events(found) == {INNOWAY, PKU, ROBOT, WANGJING, DAWANGJING, COMPANIES, CULTURE}
    assert releases(found) == BEIJING_RELEASES


def test_herald_economy_in_korean(matcher, trip_a):
    found = clipping(
        HERALD,
        headline='중국판 실리콘밸리 찾은 오세훈, "서울 스타트업 中진출 적극 돕겠다"',
        subheadlines=["중관촌 창업거리 찾아", "베이징 진출 한국기업 간담회"],
        on=dt.date(2024, 8, 4),
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {
        EXHIBITION,
        INNOWAY,
        PKU,
        KIC,
        ROBOT,
        WANGJING,
        DAWANGJING,
        COMPANIES,
        CULTURE,
    }
    assert releases(found) == BEIJING_RELEASES


def test_nocut_news_in_korean(matcher, trip_a):
    found = clipping(
        NOCUT,
        headline='"한국, 중국에 뒤처지고 있다" 지적에…오세훈 "정신이 번쩍 난다"',
        on=dt.date(2024, 8, 4),
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {KIC, INNOWAY, ROBOT, COMPANIES}
    assert releases(found) == BEIJING_RELEASES


def test_chinese_article(matcher, trip_a):
    found = clipping(
        CHINESE,
        headline="首尔市长吴世勋参观北京人形机器人创新中心和中关村创业大街",
        on=dt.date(2024, 8, 1),
        language="zh-hans",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert "during the trip" in found.trip.reason
    assert events(found) == {ROBOT, INNOWAY}
    # Out by 1 August: the robot release of 31 July and the Zhongguancun one of 1 August.
    assert releases(found) == {"SMG-2024-0731-02", "SMG-2024-0801-01"}


def test_japanese_article(matcher, trip_a):
    found = clipping(
        JAPANESE,
        headline="呉世勲ソウル市長、北京で韓国企業と懇談",
        on=dt.date(2024, 8, 2),
        language="ja",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {COMPANIES, WANGJING}
    assert releases(found) == {"SMG-2024-0801-02"}


def test_korean_article_about_trip_b_last_month(matcher, trip_b):
    found = clipping(
        KOREAN_B,
        headline="박원순 시장, 홍콩 사이버포트 방문…캐리 람 행정장관과 면담",
        on=dt.date(2019, 2, 3),
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_b
    assert events(found) == {"Cyberport", "Meeting with Chief Executive Carrie Lam"}
    assert releases(found) == {"B announcement", "SMG-2019-0202"}


def test_english_article_about_trip_b(matcher, trip_b):
    found = clipping(
        ENGLISH_B,
        headline="Seoul mayor studies Shenzhen's startup hubs",
        on=dt.date(2019, 2, 1),
    )
    matcher.place(found)
    assert found.trip.value == trip_b
    assert events(found) == {"Shenzhen Bay Startup Plaza", "iMakerBase"}
    assert releases(found) == {"B announcement", "SMG-2019-0131"}


def test_japanese_article_on_chongqing_with_a_name_split_by_no(matcher, trip_a):
    # 大韓民国臨時政府の旧跡: the place's name with の inside; 前日 is the day before the 29th.
    found = clipping(
        "呉世勲ソウル市長は29日、重慶で独立運動家の子孫と懇談した。前日には大韓民国臨時政府の旧跡を訪れた。",
        headline="呉世勲市長、重慶で独立運動家の子孫と懇談",
        on=dt.date(2024, 7, 30),
        language="ja",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {
        "Visit to the former site of the Korean Provisional Government",
        "Meeting with descendants of independence fighters",
    }
    assert releases(found) == {"SMG-2024-0722", "SMG-2024-0729"}


def test_korean_article_about_the_yin_yong_talks(matcher, trip_a):
    # The talks are this article's subject (unlike the four of 4 August, which recall them).
    found = clipping(
        "오세훈 서울시장은 30일 베이징시 청사에서 인융 베이징시장과 만났다. 서울·베이징 시장 간 회담은 2018년 이후 처음이다.",
        headline="오세훈·인융, 6년 만의 서울·베이징 시장 회담",
        on=dt.date(2024, 8, 1),
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {"Talks with Beijing Mayor Yin Yong"}
    assert releases(found) == {"SMG-2024-0722", "SMG-2024-0731-01"}


def test_chinese_article_about_trip_b(matcher, trip_b):
    found = clipping(
        "朴元淳市长昨天在深圳参观了深圳湾创业广场。百度、阿里巴巴和腾讯都在这里设有办公室。他还走访了硬蛋，该平台已服务超过16000个物联网项目。",
        headline="朴元淳考察深圳创业生态",
        on=dt.date(2019, 1, 31),
        language="zh-hans",
    )
    matcher.place(found)
    assert found.trip.value == trip_b
    # 昨天 is 30 January, Shenzhen Bay's day; IngDan by its 16,000 projects.
    assert events(found) == {"Shenzhen Bay Startup Plaza", "IngDan"}
    assert releases(found) == {"B announcement", "SMG-2019-0131"}


def test_a_bare_name_in_a_list_is_not_enough(matcher, trip_b):
    found = clipping(
        "Seoul Mayor Park Won-soon held separate one-on-one talks on Friday with Chief Executive Carrie Lam and Secretary for Justice Teresa Cheng Yeuk-wah. Park also toured Tai Kwun, the former Central Police Station that now houses heritage and arts spaces, and PMQ.",
        headline="Park meets Hong Kong's leaders",
        on=dt.date(2019, 2, 2),
    )
    matcher.place(found)
    assert found.trip.value == trip_b
    # Tai Kwun comes with a detail of its own (heritage); PMQ is only named: precision
    # first, the editor adds it on the review screen.
    assert events(found) == {
        "Meeting with Chief Executive Carrie Lam",
        "Meeting with Secretary for Justice Teresa Cheng Yeuk-wah",
        "Tai Kwun, the former Central Police Station",
    }


def test_an_event_after_the_articles_date_is_not_covered(matcher, trip_a):
    found = clipping(
        "오세훈 서울시장은 31일 오전 베이징 휴머노이드 로봇 혁신센터에서 휴머노이드 '톈궁'이 달리는 모습을 지켜봤다. "
        "오 시장은 내일 포스코차이나, 서울우유 등 베이징 진출 한국기업 30여 곳과 간담회를 연다.",
        headline="오세훈, 베이징 로봇센터 방문",
        on=dt.date(2024, 7, 31),
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert events(found) == {ROBOT}  # the companies' meeting is on 1 August


def test_no_date_placed_by_names_alone(matcher, trip_b):
    found = clipping(
        "박원순 서울시장이 홍콩 타이퀀과 PMQ를 둘러봤다. 타이퀀은 옛 중앙경찰서를 되살린 곳이다.",
        headline="박원순 시장, 홍콩 도시재생 현장 방문",
        language="ko",
    )
    matcher.place(found)
    assert found.trip.value == trip_b
    assert found.trip.confidence <= 0.6
    assert "Tai Kwun, the former Central Police Station" in events(found)


def test_an_article_about_neither_trip(matcher):
    found = clipping(
        "The Seoul Metropolitan Government opened its summer festival along the Han River on Saturday, with concerts and food stalls until late at night.",
        headline="Han River summer festival opens",
        on=dt.date(2024, 8, 3),
    )
    matcher.place(found)
    assert found.trip.value is None
    assert found.trip.confidence < 0.3
    assert found.trip_candidates == []
    assert found.engagements.value == []
    assert found.releases.value == []


def test_reasons_in_the_editors_language(matcher):
    found = clipping(
        JAPANESE, headline="呉世勲ソウル市長、北京で韓国企業と懇談", on=dt.date(2024, 8, 2)
    )
    with translation.override("ko"):
        matcher.place(found)
    assert "2024년 8월 2일 게재, 순방 1일 뒤." in found.trip.reason
    assert found.engagements.reason.startswith("기사에 나온 일정: ")
    assert "같은 일정을 다루고 기사 날짜까지 배포됨: SMG-2024-0801-02." in found.releases.reason


def test_a_release_page_announcing_the_trip(matcher, trip_a):
    found = clipping(
        "SEOUL, SOUTH KOREA, July 22, 2024 — Mayor Oh Se-hoon will leave on 24 July for a nine-day trip to Paris, Chongqing and Beijing, where he will meet Mayor Yin Yong.",
        headline="Mayor Oh Se-hoon to visit Paris, Chongqing and Beijing",
        on=dt.date(2024, 7, 22),
        kind=RELEASE,
        number="SMG-2024-0722",
    )
    matcher.place(found)
    assert found.trip.value == trip_a
    assert "announcing it" in found.trip.reason
    # The release page itself is not a release it relates to, but one the newsroom has.
    assert "SMG-2024-0722" not in releases(found)
    duplicate = find_duplicate(found)
    assert (duplicate.kind, duplicate.reason) == (RELEASE, "same release number")
    assert PressRelease.objects.get(pk=duplicate.pk).number == "SMG-2024-0722"


def test_a_given_trip_is_kept(demo, trip_b):
    found = clipping(JOONGANG, headline="Oh in Beijing", on=dt.date(2024, 8, 4))
    Matcher(trip=trip_b).place(found)
    assert found.trip.value == trip_b
    assert found.trip.confidence == 1.0
    assert events(found) == set()  # none of trip B's events are in it


def test_reading_the_trips_takes_a_fixed_number_of_queries(demo):

    with CaptureQueriesContext(connection) as before:
        Matcher()
    engagement = EngagementFactory(people=[], organizations=[])
    PressReleaseFactory(visit=engagement.visit, engagements=[engagement])
    with CaptureQueriesContext(connection) as after:
        matcher = Matcher()
    assert len(after) == len(before) <= 10
    with CaptureQueriesContext(connection) as placing:
        matcher.place(clipping(HERALD, headline="중관촌 찾은 오세훈", on=dt.date(2024, 8, 4)))
    assert len(placing) == 0


# --- factories: two trips alike, and edge cases ----------------------------------------


def two_trips_in(city_name: str, start: dt.date):

    city = CityFactory(name_en=city_name, name_ko="리스본", name_ja="リスボン")
    trips = []
    for _index in range(2):
        visit = VisitFactory(start_date=start)
        LegFactory(visit=visit, city=city)
        trips.append(visit)
    return trips


def test_two_trips_matching_equally_are_both_offered():
    first, second = two_trips_in("Lisbon", dt.date(2023, 5, 10))
    found = clipping(
        "Seoul's mayor arrived in Lisbon on Tuesday for talks on urban regeneration.",
        headline="Seoul mayor in Lisbon",
        on=dt.date(2023, 5, 12),
    )
    Matcher().place(found)
    assert found.trip.value is None
    assert set(found.trip_candidates) == {first, second}
    assert "equally" in found.trip.reason
    assert str(first) in found.trip.reason and str(second) in found.trip.reason
    assert found.engagements.value == [] and found.releases.value == []


def test_a_city_alone_far_from_the_trips_dates_places_nothing():
    two_trips_in("Lisbon", dt.date(2023, 5, 10))
    found = clipping(
        "리스본에서 열린 학회 소식.", headline="리스본 학회", on=dt.date(2023, 12, 1), language="ko"
    )
    Matcher().place(found)
    assert found.trip.value is None and found.trip_candidates == []


def test_names_with_particles_and_without_spaces():

    visit = VisitFactory(start_date=dt.date(2023, 5, 10))
    leg = LegFactory(visit=visit)
    market = PlaceFactory(
        name_en="Fish Market", name_ko="수산시장", name_ja="魚市場", city=leg.city
    )
    event = EngagementFactory(
        leg=leg, place=market, date=dt.date(2023, 5, 11), title_en="Fish Market"
    )
    korean = clipping(
        "시장 일행은 11일 수산시장을 찾았다. 수산시장에서는 상인들과 대화했다.",
        headline="수산시장 방문",
        on=dt.date(2023, 5, 12),
        language="ko",
    )
    japanese = clipping(
        "一行は11日、魚市場を視察した。",
        headline="魚市場を視察",
        on=dt.date(2023, 5, 12),
        language="ja",
    )
    matcher = Matcher()
    for found in (korean, japanese):
        matcher.place(found)
        assert found.trip.value == visit
        assert found.engagements.value == [event]


# --- duplicates ------------------------------------------------------------------------


ARTICLE = (
    "Seoul Mayor Oh Se-hoon visited Zhongguancun on Wednesday. He walked down InnoWay, a "
    "220-meter startup street with about 50 organizations that support new companies. "
    "He also toured the Peking University Entrepreneur Training Camp, 5,000 square meters "
    "from the ground floor to the second basement. On Thursday he met about 30 Korean "
    "companies in Beijing and heard what doing business there is like."
)


def stored_clipping(text: str, **coverage):

    item = CoverageFactory(**coverage)
    Clipping.objects.create(coverage=item, original=text, text=text, fingerprint=fingerprint(text))
    return item


def test_fingerprint_ignores_spaces_punctuation_case_and_width():
    assert len(fingerprint(ARTICLE)) == 64
    assert fingerprint("Oh Se-hoon, in Beijing.") == fingerprint("oh  sehoon in\nBEIJING")
    assert fingerprint("ＡＢＣ　１２３。") == fingerprint("abc123")
    assert fingerprint("오세훈 시장은 베이징에서") == fingerprint("오세훈시장은  베이징에서.")
    assert fingerprint("Oh in Beijing") != fingerprint("Oh in Chongqing")


def test_same_address():

    item = CoverageFactory(url="https://news.example.com/articles/7")
    found = clipping(
        "Another text.", headline="Another headline", url="https://news.example.com/articles/7#top"
    )
    assert find_duplicate(found) == Duplicate("coverage", item.pk, "same address")
    assert found.duplicate == find_duplicate(found)
    assert (
        find_duplicate(
            clipping("Another text.", headline="Another", url="https://news.example.com/articles/8")
        )
        is None
    )


def test_same_outlet_and_headline_whatever_the_spacing():

    item = CoverageFactory(
        headline='중국판 실리콘밸리 찾은 오세훈, "서울 스타트업 中진출 적극 돕겠다"', url=""
    )
    found = clipping(
        "본문이 다른 글.",
        headline="중국판 실리콘밸리  찾은 오세훈 “서울 스타트업 中 진출 적극 돕겠다”",
        outlet=item.outlet,
        language="ko",
    )
    assert find_duplicate(found) == Duplicate("coverage", item.pk, "same outlet and headline")
    # The same headline at another outlet is another article.

    found.outlet = Guess(OutletFactory(), 0.9, "")
    assert find_duplicate(found) is None


def test_same_text_with_other_spacing_and_no_outlet_or_date():
    item = stored_clipping(ARTICLE)
    respaced = ARTICLE.replace(". ", ".\n\n").replace(", ", " , ")
    found = clipping(respaced, headline="Unrelated headline")
    assert find_duplicate(found) == Duplicate("coverage", item.pk, "same text")
    assert found.fingerprint == fingerprint(ARTICLE)


def test_nearly_the_same_text():
    item = stored_clipping(ARTICLE, published_on=dt.date(2024, 8, 4))
    edited = ARTICLE.replace(
        "heard what doing business there is like", "heard what business is like there"
    )
    near = clipping(edited, headline="Something else", on=dt.date(2024, 8, 5))  # a day later
    duplicate = find_duplicate(near)
    assert duplicate.kind == "coverage" and duplicate.pk == item.pk
    assert duplicate.reason.startswith("nearly the same text (")
    # The same outlet finds it whatever the date.
    same_outlet = clipping(
        edited, headline="Something else", outlet=item.outlet, on=dt.date(2025, 1, 1)
    )
    assert find_duplicate(same_outlet).pk == item.pk
    # Another article of those days is not a duplicate.
    other = clipping(
        "Seoul Mayor Oh Se-hoon met Beijing Mayor Yin Yong on Tuesday for the first talks between the two capitals' mayors since 2018.",
        headline="Mayors meet",
        on=dt.date(2024, 8, 4),
        outlet=item.outlet,
    )
    assert find_duplicate(other) is None


def test_a_release_with_the_same_number():

    release = PressReleaseFactory(number="SMG 1234")
    for number in ("SMG-1234", "smg1234", "SMG 1234"):
        found = clipping("Text.", headline="Any title", kind=RELEASE, number=number)
        assert find_duplicate(found) == Duplicate("release", release.pk, "same release number")
    assert (
        find_duplicate(clipping("Text.", headline="Any", kind=RELEASE, number="SMG 1235")) is None
    )


def test_a_release_of_the_same_date_trip_and_nearly_the_same_title():

    trip = VisitFactory(start_date=dt.date(2019, 1, 29))
    release = PressReleaseFactory(
        visit=trip,
        number="SMG-2019-0129",
        # Half past midnight in Seoul: still 28 January in UTC.
        published_at=dt.datetime(2019, 1, 29, 0, 30, tzinfo=ZoneInfo("Asia/Seoul")),
        title_en="Seoul Mayor Park heads to Hong Kong and Shenzhen to seek for innovative startup policies and new business strategies",
    )
    found = clipping(
        "SEOUL, SOUTH KOREA, January 29, 2019 — ...",
        headline="Seoul Mayor Park heads to Hong Kong and Shenzhen to seek innovative startup policies and new business strategies",
        on=dt.date(2019, 1, 29),
        kind=RELEASE,
    )
    found.trip = Guess(trip, 0.9, "")
    assert find_duplicate(found) == Duplicate("release", release.pk, "same date, trip and title")
    found.published_on = Guess(dt.date(2019, 1, 30), 0.9, "")
    assert find_duplicate(found) is None
    found.published_on = Guess(dt.date(2019, 1, 29), 0.9, "")
    found.trip = Guess(VisitFactory(), 0.9, "")
    assert find_duplicate(found) is None


def test_the_same_article_twice_in_one_batch():
    batch = Batch()
    first = clipping(ARTICLE, headline="Oh in Zhongguancun")
    again = clipping(ARTICLE.replace(" ", "  "), headline="Oh in Zhongguancun")
    again.source = Source(original=again.text, number=2)
    other = clipping("A different article about the Han River festival.", headline="Festival")
    assert find_duplicate(first, batch=batch) is None
    assert find_duplicate(other, batch=batch) is None
    duplicate = find_duplicate(again, batch=batch)
    assert (duplicate.kind, duplicate.pk, duplicate.earlier) == ("coverage", 0, "#1")
    assert duplicate.reason == "same text as clipping #1 of this import"
    batch.saved(first, 41)  # once saved, repeats name the record
    assert find_duplicate(again, batch=batch).pk == 41
    batch.forget(first)
    assert find_duplicate(again, batch=batch) is None


def test_looking_for_a_duplicate_takes_a_few_queries(django_assert_max_num_queries):
    outlet = OutletFactory()
    for day in range(5):
        stored_clipping(
            f"{ARTICLE} Day {day}.", outlet=outlet, published_on=dt.date(2024, 8, 1 + day)
        )
    found = clipping(
        "Something else entirely.",
        headline="Another",
        url="https://example.com/x",
        outlet=outlet,
        on=dt.date(2024, 8, 3),
    )
    with django_assert_max_num_queries(4):
        assert find_duplicate(found) is None
    release = clipping(
        "Text.", headline="Title", kind=RELEASE, number="SMG 9", on=dt.date(2024, 8, 3)
    )
    with django_assert_max_num_queries(3):
        assert find_duplicate(release) is None


def test_duplicate_reasons_in_the_editors_language():
    item = CoverageFactory(url="https://news.example.com/articles/9")
    with translation.override("ja"):
        duplicate = find_duplicate(clipping("Text.", url="https://news.example.com/articles/9"))
    assert duplicate == Duplicate("coverage", item.pk, "同じアドレス")
