# Clippings in four scripts, written by us from TRIPS.md: long lines and CJK punctuation
# are meant.
# ruff: noqa: E501, RUF001
"""The coverage desk's first two steps: clippings read from pastes and files
(`press.clippings.reading`) and what is recognised in each (`press.clippings.recognising`).

Every clipping here is our own wording on the facts of TRIPS.md, in the shapes the desk
meets: a Korean portal's copy (Daum and Naver), an outlet's own page (text and HTML), the
city's release page, and Chinese and Japanese pages. Each test asserts every field the
clipping gives, and what it does not give stays empty.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from PIL import Image

from press.clippings.reading import read_paths, read_upload, split_pasted
from press.clippings.recognising import OutletIndex, recognise
from press.clippings.results import COVERAGE, RELEASE, Refused, Source
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlets():
    """Four outlets as the demo has them, with other names and domains."""
    herald = OutletFactory(
        name_en="Herald Economy",
        name_ko="헤럴드경제",
        name_ja="ヘラルド経済",
        language="ko",
        website="https://biz.heraldcorp.com/",
        aliases="Herald Corporation\n헤럴드",
        domains="heraldcorp.com",
    )
    nocut = OutletFactory(
        name_en="CBS NoCut News",
        name_ko="노컷뉴스",
        name_ja="ノーカットニュース",
        language="ko",
        website="https://www.nocutnews.co.kr/",
        aliases="CBS노컷뉴스",
        domains="cbs.co.kr",
    )
    joongang = OutletFactory(
        name_en="Korea JoongAng Daily",
        name_ko="코리아중앙데일리",
        language="en",
        website="https://koreajoongangdaily.joongang.co.kr/",
    )
    asia = OutletFactory(
        name_en="The Asia Business Daily",
        name_ko="아시아경제",
        name_zh_hans="亚洲经济",
        name_ja="アジア経済",
        language="en",
        website="https://www.asiae.co.kr/",
    )
    return {"herald": herald, "nocut": nocut, "joongang": joongang, "asia": asia}


def text(original: str, number: int = 1) -> Source:
    return Source(original=original.strip("\n"), number=number)


def page(original: str) -> Source:
    return Source(original=original, name="page.html", media_type="text/html")


# -- a Korean portal's copy ------------------------------------------------------------------

DAUM_KO = """
다음뉴스
홈
사회
국제
랭킹
헤럴드경제
오세훈, 베이징 창업거리서 "서울 새싹기업 中 진출 길 넓힌다"
베이징=헤럴드경제 김우영 기자 2024. 8. 4. 11:18
타임톡 3
음성으로 듣기
글씨크기 조절하기
가가가가가
인쇄하기
자동요약
기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다.
전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.
서울시장이 중국 창업 현장을 살폈다는 내용의 요약 문장이다.

■ 중관촌 창업거리에서 현지 지원 기관 둘러봐
■ 한국기업 30여곳 관계자와 만나 애로 청취

오세훈 서울시장이 지난달 31일 베이징 중관촌의 창업거리를 걸으며 현지 창업 지원 기관들을 살펴봤다고 서울시가 4일 전했다.

창업거리는 길이 220m에 연면적이 4만5000㎡에 이르며, 창업을 돕는 기관 50여곳이 자리하고 있다.

오 시장은 1일에는 포스코차이나와 서울우유 등 베이징에 나가 있는 한국기업 30여곳 관계자를 만나 "현지 기업들의 어려움을 꼼꼼히 듣겠다"고 말했다.

woo0@heraldcorp.com

헤럴드경제는 여러분의 제보를 기다립니다. 카카오톡 채널로 보내 주세요.
▷ 전화 02-000-0000
Copyright © 헤럴드경제. 무단전재 및 재배포 금지.
이 기사 어떠셨나요?
추천해요
0
좋아요
0
감동이에요
0
화나요
0
슬퍼요
0
헤럴드경제 구독하기
공유하기
광고
다음뉴스에서 오늘의 이슈를 확인하세요
"""


def test_a_daum_paste_in_korean(outlets):
    found = recognise(text(DAUM_KO), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == '오세훈, 베이징 창업거리서 "서울 새싹기업 中 진출 길 넓힌다"'
    assert found.subheadlines == [
        "중관촌 창업거리에서 현지 지원 기관 둘러봐",
        "한국기업 30여곳 관계자와 만나 애로 청취",
    ]
    assert found.byline.value == "김우영"
    assert found.published_on.value == dt.date(2024, 8, 4)
    assert found.published_time.value == dt.time(11, 18)
    assert found.language.value == "ko"
    assert found.outlet.value == outlets["herald"]
    assert found.outlet_domain == "heraldcorp.com"
    assert not found.url
    assert not found.number
    assert found.fingerprint == ""
    # The article alone: no widget, reaction, summary, tip-off, address or copyright.
    assert found.text.startswith("중관촌 창업거리에서 현지 지원 기관 둘러봐")
    assert found.text.endswith('"현지 기업들의 어려움을 꼼꼼히 듣겠다"고 말했다.')
    for furniture in (
        "타임톡",
        "글씨크기",
        "요약 문장",
        "추천해요",
        "제보",
        "전화",
        "@",
        "Copyright",
        "구독",
        "다음뉴스",
    ):
        assert furniture not in found.text
    for guess in (found.headline, found.byline, found.published_on, found.outlet):
        assert 0 < guess.confidence <= 1
        assert guess.reason


NAVER_KO = """
NAVER
뉴스
언론사별
정치
노컷뉴스
노컷뉴스 구독
"뒤처진다는 말에 정신 번쩍"…오세훈, 中 혁신 현장 점검
기사입력 2024.08.04. 오전 11:18 / 수정 2024.08.04. 오후 2:40
기사원문
장규석 기자
추천
댓글
본문 요약봇
자동 추출 기술로 요약된 내용입니다. 요약 기술의 특성상 본문의 주요 내용이 제외될 수 있어, 전체 맥락을 이해하기 위해서는 기사 본문 전체보기를 권장합니다.
요약봇이 만든 문장 하나.
닫기
텍스트 음성 변환 서비스 사용하기
글자 크기 변경하기
SNS 보내기
인쇄하기
(베이징=CBS노컷뉴스) 장규석 특파원 = 김종문 KIC 중국 센터장이 기초과학과 5G에서 한국이 중국에 밀린다고 하자 오세훈 서울시장은 "정신이 번쩍 난다"고 답했다.

오 시장은 같은 날 휴머노이드 로봇 혁신센터에서 로봇 '톈궁'과 로봇 팔, 전자 피부를 살펴봤다.

▶ 카카오톡 : 노컷뉴스 제보
※CBS노컷뉴스는 여러분의 제보를 기다립니다. 이메일과 카카오톡으로 알려 주세요.
Copyright ⓒ CBS노컷뉴스. All rights reserved. 무단 전재 및 재배포 금지.
장규석 기자의 다른 기사 보기
구독자 0
응원수 0
이 기사를 추천합니다
노컷뉴스 헤드라인
- 다른 기사의 제목 하나
- 다른 기사의 제목 둘
"""


def test_a_naver_paste_in_korean(outlets):
    found = recognise(text(NAVER_KO), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == '"뒤처진다는 말에 정신 번쩍"…오세훈, 中 혁신 현장 점검'
    assert found.subheadlines == []
    assert found.byline.value == "장규석"
    # The first publication, not the update.
    assert found.published_on.value == dt.date(2024, 8, 4)
    assert found.published_time.value == dt.time(11, 18)
    assert found.language.value == "ko"
    assert found.outlet.value == outlets["nocut"]
    assert not found.url
    assert not found.number
    # The reporter's credit leaves the first paragraph; the rest of the page goes.
    assert found.text.startswith("김종문 KIC 중국 센터장이")
    assert found.text.endswith("전자 피부를 살펴봤다.")
    assert "요약봇" not in found.text
    assert "다른 기사" not in found.text
    assert "제보" not in found.text


DAUM_EN = """
다음뉴스
홈
코리아중앙데일리
Seoul mayor walks Beijing's startup street and meets Korean firms
박서연 2024. 8. 4. 17:42
타임톡 0
글씨크기 조절하기
인쇄하기
Seoul Mayor Oh Se-hoon visited Zhongguancun in Beijing on Wednesday, walking the InnoWay startup street that is home to about 50 startup-support organizations.

On Thursday he met representatives of some 30 Korean companies in Beijing and said the city would listen to their concerns.

BY PARK SEO-YEON [park.seoyeon@joongang.co.kr]

Copyright © 코리아중앙데일리. 무단전재 및 재배포 금지.
이 기사 어떠셨나요?
좋아요
0
"""


def test_an_english_article_on_a_korean_portal(outlets):
    found = recognise(text(DAUM_EN), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == (
        "Seoul mayor walks Beijing's startup street and meets Korean firms"
    )
    assert found.subheadlines == []
    # The name in its own script, with the romanised form the article gives.
    assert found.byline.value == "박서연 (Park Seo-yeon)"
    assert found.published_on.value == dt.date(2024, 8, 4)
    assert found.published_time.value == dt.time(17, 42)
    assert found.language.value == "en"
    assert found.outlet.value == outlets["joongang"]
    assert not found.url
    assert found.text.startswith("Seoul Mayor Oh Se-hoon visited Zhongguancun")
    assert found.text.endswith("listen to their concerns.")
    assert "BY PARK" not in found.text


# -- an outlet's own page ----------------------------------------------------------------------

OUTLET_TEXT = """
The Asia Business Daily
Home
Economy
Industry
World
A morning with Tiangong: Seoul's mayor sees Beijing's humanoid robots
Share
Print
Seoul Mayor Oh Se-hoon went to the Beijing Humanoid Robot Innovation Center in the Yizhuang development area, where the all-electric humanoid Tiangong ran at 6 kilometers per hour.

A plan for Seoul's robots

The city announced its robot industry plan last July and is preparing the Suseo Robot Cluster, the mayor's office said.

Most Viewed
Another story's headline
© The Asia Business Daily(www.asiae.co.kr). All rights reserved.
"""


def test_an_outlets_own_page_pasted_as_text(outlets):
    found = recognise(text(OUTLET_TEXT), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == (
        "A morning with Tiangong: Seoul's mayor sees Beijing's humanoid robots"
    )
    assert found.subheadlines == ["A plan for Seoul's robots"]
    assert not found.byline
    assert not found.published_on
    assert not found.published_time
    assert found.language.value == "en"
    assert found.outlet.value == outlets["asia"]
    assert found.outlet_domain == "asiae.co.kr"
    assert not found.url
    assert found.text == (
        "Seoul Mayor Oh Se-hoon went to the Beijing Humanoid Robot Innovation Center in the "
        "Yizhuang development area, where the all-electric humanoid Tiangong ran at 6 "
        "kilometers per hour.\n\nA plan for Seoul's robots\n\nThe city announced its robot "
        "industry plan last July and is preparing the Suseo Robot Cluster, the mayor's "
        "office said."
    )


OUTLET_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Oh Se-hoon meets Korean firms in Beijing | Herald Economy</title>
<link rel="canonical" href="https://biz.heraldcorp.com/article/test-2024-oh-beijing-firms">
<meta property="og:site_name" content="Herald Economy">
<meta property="article:published_time" content="2024-08-01T07:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>Oh Se-hoon meets Korean firms in Beijing</h1>
<p class="byline">By Kim Woo-young</p>
<p>Seoul Mayor Oh Se-hoon met representatives of about 30 Korean companies in Beijing on Thursday, among them POSCO China and Seoul Dairy Cooperative.</p>
<h2>China as a trading partner</h2>
<p>He called China the country's largest trading partner and promised to pass the companies' concerns on.</p>
<p><strong>An afternoon of culture</strong></p>
<p>Later he met the head of Trends Group and a Kunqu performer.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="#">Another article</a></li></ul></aside>
</main>
<footer><p>Copyright © Herald Corporation. All rights reserved.</p></footer>
</body></html>"""


def test_an_outlets_own_page_saved_as_html(outlets):
    found = recognise(page(OUTLET_HTML), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == "Oh Se-hoon meets Korean firms in Beijing"
    assert found.subheadlines == ["China as a trading partner", "An afternoon of culture"]
    assert found.byline.value == "Kim Woo-young"
    # 07:30 UTC, as the page's metadata gives it, is 16:30 in Seoul.
    assert found.published_on.value == dt.date(2024, 8, 1)
    assert found.published_time.value == dt.time(16, 30)
    assert "Korea Standard Time" in found.published_time.reason
    assert found.language.value == "en"
    assert found.outlet.value == outlets["herald"]  # the alias in the copyright line
    assert found.url.value == "https://biz.heraldcorp.com/article/test-2024-oh-beijing-firms"
    assert "Another article" not in found.text
    assert "Home" not in found.text
    assert found.text.endswith("a Kunqu performer.")


# -- the city's release page -------------------------------------------------------------------

RELEASE_PAGE = """
Seoul Metropolitan Government
Home
About Seoul
Seoul News
Press Releases
Press Releases
Mayor Park leaves for Shenzhen and Hong Kong to learn from their startups
SMG 449
Date 2019.01.29
SEOUL, SOUTH KOREA, January 29, 2019 — Mayor Park Won-soon starts a five-day visit to Shenzhen and Hong Kong today, at the invitation of the Hong Kong government's Sponsored Visitors Program.

In Shenzhen he will see:
• iMakerBase, a space for makers and hardware startups
• Shenzhen Bay Startup Plaza, where Baidu, Alibaba and Tencent have offices

In Hong Kong he will meet Chief Executive Carrie Lam and visit Cyberport.
Share
Print
List
Prev
Another release's title
"""


def test_the_citys_release_page():
    found = recognise(text(RELEASE_PAGE), outlets=OutletIndex())
    assert found.kind == RELEASE
    assert found.is_release
    assert found.number.value == "SMG 449"
    assert found.headline.value == (
        "Mayor Park leaves for Shenzhen and Hong Kong to learn from their startups"
    )
    assert found.published_on.value == dt.date(2019, 1, 29)
    assert not found.published_time
    assert found.language.value == "en"
    assert not found.outlet
    assert not found.byline
    assert found.text == (
        "SEOUL, SOUTH KOREA, January 29, 2019 — Mayor Park Won-soon starts a five-day visit "
        "to Shenzhen and Hong Kong today, at the invitation of the Hong Kong government's "
        "Sponsored Visitors Program.\n\n"
        "In Shenzhen he will see:\n\n"
        "- iMakerBase, a space for makers and hardware startups\n\n"
        "- Shenzhen Bay Startup Plaza, where Baidu, Alibaba and Tencent have offices\n\n"
        "In Hong Kong he will meet Chief Executive Carrie Lam and visit Cyberport."
    )


# -- Chinese and Japanese --------------------------------------------------------------------------

CHINESE_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>首尔市长参观中关村创业大街_北京创新报</title>
<meta property="og:site_name" content="北京创新报">
</head><body>
<div class="top-nav"><a href="#">首页</a> <a href="#">科技</a> <a href="#">城市</a></div>
<div class="main">
<h1>首尔市长吴世勋参观中关村创业大街</h1>
<div class="info"><span>发布时间：2024-07-31 18:05</span> <span>北京时间</span>
<span>来源：北京创新报</span> <span>记者 李文静</span></div>
<div class="font-size">字号：<a>大</a> <a>中</a> <a>小</a></div>
<p>7月31日下午，韩国首尔市长吴世勋来到中关村创业大街，了解这里的创业服务。</p>
<p>这条长约220米的街道聚集了约50家创业服务机构。</p>
<p>（责任编辑：张敏）</p>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
</div>
<div class="footer"><p>版权所有 © 北京创新报 未经授权禁止转载</p></div>
</body></html>"""


def test_a_chinese_page_in_beijing_time_and_a_new_outlet(outlets):
    found = recognise(page(CHINESE_HTML), outlets=OutletIndex())
    assert found.kind == COVERAGE
    assert found.headline.value == "首尔市长吴世勋参观中关村创业大街"
    assert found.subheadlines == []
    assert found.byline.value == "李文静"  # not the editor (责任编辑)
    # 18:05 Beijing time is 19:05 in Seoul, and the reason says so.
    assert found.published_on.value == dt.date(2024, 7, 31)
    assert found.published_time.value == dt.time(19, 5)
    assert "Beijing time" in found.published_time.reason
    assert found.language.value == "zh-hans"
    # Unknown to the newsroom: proposed by the name the page gives, not invented.
    assert found.outlet.value is None
    assert found.outlet_name == "北京创新报"
    assert "北京创新报" in found.outlet.reason
    assert not found.url
    assert found.text == (
        "7月31日下午，韩国首尔市长吴世勋来到中关村创业大街，了解这里的创业服务。\n\n"
        "这条长约220米的街道聚集了约50家创业服务机构。"
    )


CHINESE_TEXT = """
深圳创新网
首页 | 创投 | 湾区 | 政策
首尔市长朴元淳走访大公坊 了解硬件创业
2019/01/31 17:42
【打印】【关闭】
1月31日，首尔市长朴元淳一行来到大公坊，听取创客把原型变成产品的经验介绍。

朴元淳表示，深圳的做法值得首尔借鉴。
责任编辑：王强
"""


def test_a_chinese_text_page_without_a_byline(outlets):
    found = recognise(text(CHINESE_TEXT), outlets=OutletIndex())
    assert found.headline.value == "首尔市长朴元淳走访大公坊 了解硬件创业"
    assert found.subheadlines == []
    assert not found.byline
    assert found.published_on.value == dt.date(2019, 1, 31)
    assert found.published_time.value == dt.time(17, 42)
    assert "Korea Standard Time" in found.published_time.reason
    assert found.language.value == "zh-hans"
    assert found.outlet.value is None
    assert found.text.endswith("深圳的做法值得首尔借鉴。")
    assert "责任编辑" not in found.text


JAPANESE_TEXT = """
ヘラルド経済
ニュース
国際
ソウル市長、北京で韓国企業と懇談　「現地の声を聞く」
2024年8月1日 19時05分 配信
文字サイズ
大
中
小
【北京＝田中一郎】韓国の呉世勲（オ・セフン）ソウル市長は1日、北京に進出している韓国企業約30社の関係者と懇談した。

呉市長は企業が抱える課題を聞き、市として支援する考えを示した。

関連記事
・別の記事の見出し
"""


def test_a_japanese_page_with_a_dateline_byline(outlets):
    found = recognise(text(JAPANESE_TEXT), outlets=OutletIndex())
    assert found.kind == COVERAGE
    # The ideographic space in the headline is the outlet's and stays.
    assert found.headline.value == "ソウル市長、北京で韓国企業と懇談\u3000「現地の声を聞く」"
    assert found.subheadlines == []
    assert found.byline.value == "田中一郎"
    assert found.published_on.value == dt.date(2024, 8, 1)
    assert found.published_time.value == dt.time(19, 5)
    assert found.language.value == "ja"
    assert found.outlet.value == outlets["herald"]  # its Japanese name, above the article
    assert found.text.startswith("韓国の呉世勲")
    assert "別の記事" not in found.text


# -- outlets, by every name and domain -------------------------------------------------------

BODY = "\n\nSeoul Mayor Oh Se-hoon toured the InnoWay startup street in Beijing's Zhongguancun district on Wednesday afternoon."


def outlet_of(closing: str):
    clipping = "Seoul mayor tours Beijing startup street" + BODY + "\n\n" + closing
    return recognise(text(clipping), outlets=OutletIndex())


@pytest.mark.parametrize(
    ("closing", "key"),
    [
        ("Copyright © Herald Economy. All rights reserved.", "herald"),
        ("ⓒ 헤럴드경제, 무단 전재-재배포, AI 학습 및 활용 금지", "herald"),
        ("© アジア経済 無断転載を禁じます", "asia"),
        ("版权所有 © 亚洲经济", "asia"),
        ("Copyright © Herald Corporation. All rights reserved.", "herald"),  # an alias
        ("Copyright © ＣＢＳ ＮＯＣＵＴ ＮＥＷＳ. All rights reserved.", "nocut"),  # width, case
        ("© THE ASIA BUSINESS DAILY(www.asiae.co.kr). All rights reserved.", "asia"),
    ],
)
def test_outlets_are_matched_by_any_name_in_a_copyright_line(outlets, closing, key):
    found = outlet_of(closing)
    assert found.outlet.value == outlets[key]
    assert found.outlet.confidence > 0.8
    assert "copyright" in found.outlet.reason


def test_an_outlet_is_matched_by_its_reporters_e_mail_domain(outlets):
    found = outlet_of("BY KIM WOO-YOUNG [woo0@news.heraldcorp.com]")
    assert found.outlet.value == outlets["herald"]
    assert "heraldcorp.com" in found.outlet.reason
    assert found.byline.value == "Kim Woo-young"


def test_an_outlet_is_matched_by_the_domain_of_its_page(outlets):
    html = (
        '<html><head><link rel="canonical" href="https://www.nocutnews.co.kr/news/6190001">'
        "</head><body><h1>Seoul mayor tours Beijing startup street</h1>"
        f"<p>{BODY.strip()}</p></body></html>"
    )
    found = recognise(page(html), outlets=OutletIndex())
    assert found.outlet.value == outlets["nocut"]
    assert found.url.value == "https://www.nocutnews.co.kr/news/6190001"


def test_an_unknown_outlet_is_proposed_by_its_name(outlets):
    found = outlet_of("© Han River Times (www.hanriver-times.example). All rights reserved.")
    assert found.outlet.value is None
    assert found.outlet_name == "Han River Times"
    assert found.outlet_domain == "hanriver-times.example"


def test_a_clipping_that_names_no_outlet_proposes_none(outlets):
    found = outlet_of("")
    assert found.outlet.value is None
    assert found.outlet_name == ""
    assert found.outlet.confidence == 0


def test_the_outlet_index_reads_every_outlet_in_one_query(outlets, django_assert_num_queries):
    with django_assert_num_queries(1):
        index = OutletIndex()
    with django_assert_num_queries(0):
        assert index.by_name("헤럴드경제") == outlets["herald"]
        assert index.by_name("herald corporation") == outlets["herald"]
        assert index.by_domain("cbs.co.kr")[0] == outlets["nocut"]


# -- bad input ---------------------------------------------------------------------------------


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(Refused) as refused:
        read_upload(name, data)
    assert refused.value.name == name
    return refused.value.message


def test_an_empty_file_is_refused():
    assert refusal("empty.txt", b"  \n\n ") == "empty.txt is empty."


def test_a_binary_file_is_refused_whatever_its_name():
    assert refusal("photo.txt", png()) == "photo.txt is a binary file, not a text or HTML clipping."


def test_a_file_over_the_limit_is_refused(settings):
    settings.PRESSROOM_CLIPPING_MAX_BYTES = 1000
    message = refusal("long.txt", "서울".encode() * 400)
    assert message.startswith("long.txt is too large")
    assert "1000" in message.replace("\xa0", " ").replace(",", "") or "KB" in message


def test_an_unknown_extension_is_refused():
    assert refusal("article.pdf", b"%PDF-1.4") == (
        "article.pdf: only .txt and .html files can be imported."
    )


def test_bytes_that_decode_as_no_text_are_refused():
    message = refusal("garbled.txt", bytes([0x80, 0xFF, 0x80, 0xFE]) * 64)
    assert message.startswith("garbled.txt ")


def test_a_refusal_is_in_the_editors_language():
    with translation.override("ko"):
        message = refusal("empty.txt", b"")
    assert "empty.txt" in message
    assert any("\uac00" <= char <= "\ud7a3" for char in message)


def test_a_text_in_another_language_is_refused():
    french = (
        "Le maire de Séoul visite Pékin\n\n"
        "Le maire de Séoul, Oh Se-hoon, a visité mercredi la rue des jeunes pousses de "
        "Zhongguancun à Pékin, où une cinquantaine d'organismes aident les entreprises."
    )
    with pytest.raises(Refused) as refused:
        recognise(text(french), outlets=OutletIndex())
    assert refused.value.message == (
        "#1 is written in French, which the newsroom does not publish in."
    )


@pytest.mark.parametrize(
    ("sample", "language"),
    [
        (
            "Der Bürgermeister von Seoul besuchte am Mittwoch das Viertel Zhongguancun in Peking und sprach mit Gründern.",
            "German",
        ),
        (
            "Thị trưởng Seoul Oh Se-hoon đã đến thăm khu khởi nghiệp Trung Quan Thôn ở Bắc Kinh vào thứ Tư.",
            "Vietnamese",
        ),
    ],
)
def test_other_languages_are_named_in_the_refusal(sample, language):
    with pytest.raises(Refused) as refused:
        recognise(text("Headline line here\n\n" + sample), outlets=OutletIndex())
    assert f"written in {language}" in refused.value.message


def test_an_empty_paste_holds_no_clipping():
    assert split_pasted("") == []
    assert split_pasted(" \n---\n\n") == []


# -- reading pastes and files ------------------------------------------------------------------


def test_a_paste_is_cut_at_lines_of_dashes_and_numbered_through():
    sources = split_pasted("first article\n---\nsecond article\n------\nthird", first_number=4)
    assert [s.original for s in sources] == ["first article", "second article", "third"]
    assert [s.number for s in sources] == [4, 5, 6]
    assert all(s.media_type == "text/plain" and s.name == "" for s in sources)


def test_html_documents_pasted_one_after_another_are_separate_clippings():
    one = "<!DOCTYPE html>\n<html><body><h1>One</h1></body></html>"
    two = "<html><body><h1>Two</h1></body></html>"
    sources = split_pasted(f"{one}\n{two}")
    assert [s.original.strip() for s in sources] == [one, two]
    assert all(s.is_html for s in sources)
    # A plain text that merely mentions <html> is not cut.
    assert len(split_pasted("We wrote about the <html> tag\nand went on.")) == 1


def test_encodings_east_asian_pages_were_written_in():
    korean = "오세훈 서울시장이 베이징을 찾았다."
    assert read_upload("a.txt", korean.encode("cp949"))[0].original == korean
    assert read_upload("b.txt", "\ufeff".encode() + korean.encode())[0].original == korean
    chinese = "首尔市长参观中关村创业大街。"
    assert read_upload("c.txt", chinese.encode("gb18030"))[0].original == chinese
    japanese = "ソウル市長が北京を訪れた。"
    assert read_upload("e.txt", japanese.encode("shift_jis"))[0].original == japanese
    html = f'<html><head><meta charset="euc-kr"></head><body><p>{korean}</p></body></html>'
    [source] = read_upload("d.html", html.encode("euc-kr"))
    assert source.is_html
    assert korean in source.original


def test_files_and_folders_are_read_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<html><body><p>two</p></body></html>")
    (tmp_path / "a.txt").write_text("one\n---\none again")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "c.txt").write_bytes(b"")
    single = tmp_path / "single.htm"
    single.write_text("<html><body><p>three</p></body></html>")
    # The file named again beside its folder is read once.
    found = list(read_paths([tmp_path, single, tmp_path / "missing.txt"]))
    sources = [item for item in found if isinstance(item, Source)]
    refused = [item for item in found if isinstance(item, Refused)]
    assert [s.original.split("<p>")[-1][:5] for s in sources] == ["one", "one a", "two</", "three"]
    assert [s.number for s in sources] == [1, 2, 3, 4]
    assert sources[0].name == str(tmp_path / "a.txt")
    # The empty file and the missing one are refused, by name; a folder's other files
    # are left alone.
    assert [r.name for r in refused] == [str(tmp_path / "c.txt"), str(tmp_path / "missing.txt")]
    assert "does not exist" in refused[1].message


def test_lines_that_only_look_like_bylines_stay_the_articles():
    english = recognise(
        text(
            "Seoul's robot plans take shape in Beijing\n\n"
            "By Wednesday afternoon, the mayor had seen Tiangong run.\n\n"
            "Seoul Mayor Oh Se-hoon [SEOUL METROPOLITAN GOVERNMENT]\n\n"
            "The city is preparing the Suseo Robot Cluster and a Robot and AI Science Museum."
        ),
        outlets=OutletIndex(),
    )
    assert not english.byline
    assert english.subheadlines == []  # a photo's caption is no sub-heading
    assert "By Wednesday afternoon, the mayor had seen Tiangong run." in english.text
    chinese = recognise(
        text("记者探访中关村创业大街\n\n7月31日，首尔市长吴世勋来到中关村创业大街，了解创业服务。"),
        outlets=OutletIndex(),
    )
    assert chinese.headline.value == "记者探访中关村创业大街"
    assert not chinese.byline


def test_a_photo_credit_and_a_date_inside_the_article_do_not_mislead():
    clipping = """
박원순 시장, 홍콩 사이버포트서 핀테크 기업 만나
2019.02.01 16:05
박원순 서울시장이 홍콩 사이버포트를 찾아 핀테크와 블록체인 기업 관계자들을 만났다고 서울시가 밝혔다.

ⓒ 연합뉴스

2019년 1월 31일 일정

박 시장은 이날 매슈 청 정무사장과도 일대일로 면담하며 두 도시의 협력 방안을 논의했다.

<저작권자 ⓒ 한강일보, 무단 전재 및 재배포 금지>
"""
    found = recognise(text(clipping), outlets=OutletIndex())
    assert found.published_on.value == dt.date(2019, 2, 1)
    assert found.published_time.value == dt.time(16, 5)
    assert found.outlet.value is None
    assert found.outlet_name == "한강일보"


# -- general rules: portal widgets, stamp labels, summary boxes, sections, declared zones -------
# Each clipping below is ours, in a wording of its own; each rule is a family of lines, not
# the one line a clipping happened to show.

WIDGET_KO = """
오세훈, 베이징 휴머노이드 로봇 혁신센터서 '톈궁' 달리기 지켜봐
입력 2024.07.31. 오후 4:20
정하늘 기자
{widget}
오세훈 서울시장이 31일 오전 베이징 이좡 경제기술개발구의 휴머노이드 로봇 혁신센터를 찾아 인간형 로봇 '톈궁'이 시속 6㎞로 달리는 모습을 지켜봤다.
톈궁은 사람의 표정을 따라 하고 최대 5㎏을 들어 올릴 수 있다고 센터 측은 설명했다.
"""
WIDGET_EN = """
Seoul's mayor watches Tiangong run at Beijing's robot center
Published 2024-07-31 16:20
By Han Ji-min
{widget}
Seoul Mayor Oh Se-hoon watched the humanoid robot Tiangong run at 6 kilometers per hour at the Beijing Humanoid Robot Innovation Center on Wednesday morning.
The robot can lift up to 5 kilograms, the center said.
"""
WIDGET_JA = """
ソウル市長、北京の人型ロボット拠点を訪問
2024年7月31日 16時20分 配信
{widget}
【北京＝中村花子】韓国のソウル市長は31日午前、北京の人型ロボットイノベーションセンターを訪れ、ロボット「天工」が時速6キロで走る様子を見た。
天工は最大5キロの物を持ち上げられるという。
"""
WIDGET_ZH = """
首尔市长参观北京人形机器人创新中心
发布时间：2024-07-31 15:20
记者 赵雨涵
{widget}
7月31日上午，首尔市长吴世勋来到北京经济技术开发区的北京人形机器人创新中心，观看了“天工”机器人以每小时6公里的速度奔跑。
该中心介绍，天工最多可搬起5公斤重物。
"""


@pytest.mark.parametrize(
    ("clipping", "widget", "byline", "first"),
    [
        # Font-size controls, whatever the verb or the word for letters.
        (WIDGET_KO, "글씨 크기 선택", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "폰트 사이즈 조정하기", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "글자크기 설정하기", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "가\n가\n가", "정하늘", "오세훈 서울시장이 31일"),
        # The control's own explanation and the sample text it shows.
        (WIDGET_KO, "원을 옮기면 글씨 크기가 바뀝니다.", "정하늘", "오세훈 서울시장이 31일"),
        (
            WIDGET_KO,
            "(예시) 오늘의 주요 소식을 선택한 크기로 미리 보여 드립니다.",
            "정하늘",
            "오세훈 서울시장이 31일",
        ),
        # Links to the reporter's page, profile or channel.
        (WIDGET_KO, "기자 정보", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "작성자 페이지", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "기자 채널 바로가기", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_KO, "이 기사에 대해 어떻게 생각하시나요?", "정하늘", "오세훈 서울시장이 31일"),
        (WIDGET_EN, "Decrease font size", "Han Ji-min", "Seoul Mayor Oh Se-hoon watched"),
        (WIDGET_EN, "Text size: S M L", "Han Ji-min", "Seoul Mayor Oh Se-hoon watched"),
        (WIDGET_EN, "Author page", "Han Ji-min", "Seoul Mayor Oh Se-hoon watched"),
        (WIDGET_EN, "More stories by this reporter", "Han Ji-min", "Seoul Mayor Oh Se-hoon"),
        (WIDGET_JA, "文字サイズ変更", "中村花子", "韓国のソウル市長は31日午前"),
        (WIDGET_JA, "記者ページ", "中村花子", "韓国のソウル市長は31日午前"),
        (WIDGET_ZH, "调整字号", "赵雨涵", "7月31日上午"),
        (WIDGET_ZH, "作者主页", "赵雨涵", "7月31日上午"),
    ],
)
def test_portal_widget_lines_are_furniture_not_sub_headlines(
    outlets, clipping, widget, byline, first
):
    found = recognise(text(clipping.format(widget=widget)), outlets=OutletIndex())
    assert found.subheadlines == []
    assert found.byline.value == byline
    assert found.text.startswith(first)
    assert widget.splitlines()[0] not in found.text


STAMPED = """
박원순 시장, 홍콩 사이버포트서 핀테크 기업 둘러봐
{stamps}
{byline}
박원순 서울시장이 31일 홍콩의 사이버포트를 찾아 핀테크와 블록체인, 사이버 보안 기업 관계자들의 설명을 들었다.
사이버포트에는 1천개가 넘는 기업이 입주해 있다.
"""


@pytest.mark.parametrize(
    ("stamps", "byline"),
    [
        # A label word written onto the date's: <word>입력, <word>시간, <word>시각, <word>일시…
        ("송고시각 2019-01-31 15:05", "문가온 기자"),
        ("입력시간 2019-01-31 15:05", "문가온 기자"),
        ("최초등록 2019-01-31 15:05", "문가온 기자"),
        ("배포시각 2019-01-31 15:05", ""),
        ("최초게재 2019-01-31 15:05", ""),
        # The update printed first: its label is read whatever word it is written with.
        ("최종수정시각 2019-01-31 18:40\n최초입력시각 2019-01-31 15:05", "문가온 기자"),
        ("변경일시 2019-01-31 18:40 / 보도시각 2019-01-31 15:05", ""),
    ],
)
def test_stamp_labels_written_onto_their_word_are_no_reporters(outlets, stamps, byline):
    found = recognise(text(STAMPED.format(stamps=stamps, byline=byline)), outlets=OutletIndex())
    assert found.byline.value == (byline.split()[0] if byline else None)
    assert found.published_on.value == dt.date(2019, 1, 31)
    assert found.published_time.value == dt.time(15, 5)
    assert found.text.startswith("박원순 서울시장이 31일")


NAVER_SUMMARY_BUTTON = """
NAVER
뉴스
헤럴드경제
오세훈, 왕징 소호·다왕징 공원서 베이징 녹지 전략 청취
기사입력 2024.08.01. 오후 5:30
김우영 기자
본문 요약봇
자하 하디드가 설계한 왕징 소호 둘러봐
다왕징 중앙공원서 도시계획 브리핑
오세훈 서울시장이 1일 오전 베이징 차오양구의 왕징 소호를 찾았다. 서울 동대문디자인플라자를 설계한 자하 하디드의 작품이다.
이어 다왕징 중앙공원에서 베이징의 도시계획과 녹지 전략에 관한 설명을 들었다.
Copyright ⓒ 헤럴드경제. All rights reserved. 무단 전재 및 재배포 금지.
"""


def test_a_summary_button_alone_hides_none_of_the_article(outlets):
    """Naver's "본문 요약봇" is a button: with the summary folded, the outlet's own
    sub-headlines follow it, and they are the article's."""
    found = recognise(text(NAVER_SUMMARY_BUTTON), outlets=OutletIndex())
    assert found.subheadlines == [
        "자하 하디드가 설계한 왕징 소호 둘러봐",
        "다왕징 중앙공원서 도시계획 브리핑",
    ]
    assert found.byline.value == "김우영"
    assert found.published_time.value == dt.time(17, 30)
    assert "요약봇" not in found.text
    assert "오세훈 서울시장이 1일 오전 베이징 차오양구의 왕징 소호를 찾았다." in found.text


DAUM_SUMMARY_NOTICE = """
오세훈 "중관촌의 속도, 서울 창업 지원에도"
2024. 8. 4. 09:10
요약보기
자동요약
기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다.
전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.
[베이징=헤럴드경제] 김우영 기자
"중관촌의 속도를 서울에서도 보고 싶습니다."
오세훈 서울시장은 지난달 31일 베이징 중관촌 창업거리를 걸으며 이렇게 말했다.
이 거리에는 창업 지원 기관 50여곳이 모여 있다.
"""


def test_a_summary_ends_where_the_article_begins(outlets):
    """The summary's lines are sentences; a reporter's credit (a line that is no sentence)
    is the article's beginning, and what follows it is the article."""
    found = recognise(text(DAUM_SUMMARY_NOTICE), outlets=OutletIndex())
    assert found.byline.value == "김우영"
    assert found.subheadlines == []
    assert found.text.startswith('"중관촌의 속도를 서울에서도 보고 싶습니다."')
    assert "자동요약" not in found.text


SUB_HEADLINES_ABOVE_A_CAPTION = """
중관촌 찾은 오세훈 "창업 지원, 서울도 속도 낸다"
입력 2024.08.04. 오전 9:00
김우영 기자

베이징대 창업훈련영서 KIC 중국 관계자 만나
지하 2층까지 5000㎡ 창업 공간 둘러봐
오세훈 서울시장이 31일 베이징대 창업훈련영을 둘러보고 있다. [서울시 제공]
[헤럴드경제=김우영 기자] 오세훈 서울시장이 지난달 31일 베이징대 창업훈련영을 찾아 한국혁신센터(KIC) 중국 관계자들과 함께 공간을 둘러봤다.

창업훈련영은 지상 1층부터 지하 2층까지 5000㎡ 규모다.
"""


def test_sub_headlines_over_a_caption_and_a_credited_lead_are_no_wrapped_paragraph(outlets):
    """Lines with no blank between them are one paragraph broken over lines only when they
    look it: not short headings above a long line, not a caption, not a line opening with
    the reporter's credit."""
    found = recognise(text(SUB_HEADLINES_ABOVE_A_CAPTION), outlets=OutletIndex())
    assert found.subheadlines == [
        "베이징대 창업훈련영서 KIC 중국 관계자 만나",
        "지하 2층까지 5000㎡ 창업 공간 둘러봐",
    ]
    assert found.byline.value == "김우영"
    paragraphs = found.text.split("\n\n")
    assert paragraphs[-2].startswith("오세훈 서울시장이 지난달 31일 베이징대 창업훈련영을 찾아")
    assert paragraphs[-1] == "창업훈련영은 지상 1층부터 지하 2층까지 5000㎡ 규모다."


SECTIONED_BLANKS = """
박원순, 선전 아이메이커베이스·잉단 잇따라 방문
입력 2019.01.31 11:00
최한결 기자

박원순 서울시장이 30일 중국 선전의 하드웨어 창업 지원 기관 아이메이커베이스를 찾았다.

박 시장은 창업가들이 시제품을 제품으로 만드는 과정을 들었다.

1만6천건 넘는 사물인터넷 과제
잉단은 사물인터넷과 인공지능 과제 1만6천여건을 지원해 왔다고 소개했다.

박 시장은 "선전의 속도를 서울에 접목하겠다"고 말했다.
"""
SECTIONED_LINES = """
박원순, 선전 아이메이커베이스·잉단 잇따라 방문
입력 2019.01.31 11:00
최한결 기자
박원순 서울시장이 30일 중국 선전의 하드웨어 창업 지원 기관 아이메이커베이스를 찾았다.
박 시장은 창업가들이 시제품을 제품으로 만드는 과정을 들었다.
"1만6천건 넘는 사물인터넷 과제"
잉단은 사물인터넷과 인공지능 과제 1만6천여건을 지원해 왔다고 소개했다.
박 시장은 "선전의 속도를 서울에 접목하겠다"고 말했다.
"""


@pytest.mark.parametrize(
    ("clipping", "heading"),
    [
        (SECTIONED_BLANKS, "1만6천건 넘는 사물인터넷 과제"),
        (SECTIONED_LINES, '"1만6천건 넘는 사물인터넷 과제"'),
    ],
)
def test_a_short_line_between_paragraphs_is_a_sub_headline(outlets, clipping, heading):
    found = recognise(text(clipping), outlets=OutletIndex())
    assert found.subheadlines == [heading]
    assert found.byline.value == "최한결"
    paragraphs = found.text.split("\n\n")
    assert paragraphs[paragraphs.index(heading) + 1].startswith("잉단은 사물인터넷과")


ZONE_NOTE_ZH = """
南山快讯
首尔市长朴元淳参观深圳湾创业广场
2019-01-30 16:45
记者 孙晓彤
1月30日，首尔市长朴元淳一行参观了深圳湾创业广场，百度、阿里巴巴和腾讯都在这里设有办公室。
朴元淳说，首尔希望学习“深圳速度”。
{note}
"""
ZONE_NOTE_EN = """
Seoul mayor sees Hong Kong's Blue House and hears from the URA
Posted: 2019-02-02 16:45
By Grace Lau
Seoul Mayor Park Won-soon toured the Blue House in Wan Chai and was briefed by the Urban Renewal Authority, set up in 2001.
{note}
"""


@pytest.mark.parametrize(
    ("clipping", "note", "time", "zone"),
    [
        (ZONE_NOTE_ZH, "注：本网页面显示的时间均以北京时间为准", dt.time(17, 45), "Beijing time"),
        (ZONE_NOTE_ZH, "（全站时间为北京时间）", dt.time(17, 45), "Beijing time"),
        (ZONE_NOTE_EN, "All times shown are Hong Kong time.", dt.time(17, 45), "Hong Kong time"),
        # A zone named in a sentence of the article dates that sentence, not the page.
        (ZONE_NOTE_ZH, "北京时间1月30日下午，朴元淳还与创业者座谈。", dt.time(16, 45), ""),
        (ZONE_NOTE_ZH, "", dt.time(16, 45), ""),
    ],
)
def test_a_page_that_declares_its_zone_has_its_times_converted(outlets, clipping, note, time, zone):
    found = recognise(text(clipping.format(note=note)), outlets=OutletIndex())
    assert found.published_on.value == (
        dt.date(2019, 1, 30) if clipping is ZONE_NOTE_ZH else dt.date(2019, 2, 2)
    )
    assert found.published_time.value == time
    if zone:
        assert zone in found.published_time.reason
        assert note not in found.text
    else:
        assert "Korea Standard Time" in found.published_time.reason


# -- a page abroad: its metadata's zone over the clock it prints ----------------------------

VICTORIA_PAGE = """<!DOCTYPE html>
<html><head>
<title>Seoul mayor walks through Tai Kwun and PMQ | Victoria Courier</title>
<meta property="og:site_name" content="Victoria Courier">
{meta}
</head><body><article>
<h1>Seoul mayor walks through Tai Kwun and PMQ, two police sites given a second life</h1>
<p class="byline">By Wing Chan</p>
<p class="when">{shown}</p>
<p>Seoul Mayor Park Won-soon spent his last day in Hong Kong at Tai Kwun, the former Central Police Station, and at PMQ, where police families once lived.</p>
<p>The Urban Renewal Authority, set up in 2001, told him how the city decides which old buildings to keep.</p>
</article></body></html>"""
META_TIME = '<meta property="article:published_time" content="{value}">'
JSON_LD_TIME = (
    '<script type="application/ld+json">'
    '{{"@type": "NewsArticle", "datePublished": "{value}"}}</script>'
)


@pytest.mark.parametrize(
    ("meta", "shown", "on", "at", "converted"),
    [
        # The page's clock is Hong Kong's: its metadata says so, the printed time does not.
        (
            META_TIME.format(value="2019-02-02T16:20:00+08:00"),
            "4:20pm, 2 Feb, 2019",
            dt.date(2019, 2, 2),
            dt.time(17, 20),
            True,
        ),
        (
            JSON_LD_TIME.format(value="2019-02-02T16:20:00+08:00"),
            "4:20pm, 2 Feb, 2019",
            dt.date(2019, 2, 2),
            dt.time(17, 20),
            True,
        ),
        # Late in Hong Kong is the next day in Seoul.
        (
            META_TIME.format(value="2019-02-02T23:30:00+08:00"),
            "11:30pm, 2 Feb, 2019",
            dt.date(2019, 2, 3),
            dt.time(0, 30),
            True,
        ),
        # Metadata of another day is about something else: the printed time stands.
        (
            META_TIME.format(value="2019-02-04T09:00:00+08:00"),
            "4:20pm, 2 Feb, 2019",
            dt.date(2019, 2, 2),
            dt.time(16, 20),
            False,
        ),
        # The printed clock written with a "Z" is a slip, not a time in UTC.
        (
            META_TIME.format(value="2019-02-02T16:20:00Z"),
            "4:20pm, 2 Feb, 2019",
            dt.date(2019, 2, 2),
            dt.time(16, 20),
            False,
        ),
    ],
)
def test_a_pages_zoned_publication_time_stands_for_the_clock_it_prints(
    outlets, meta, shown, on, at, converted
):
    found = recognise(page(VICTORIA_PAGE.format(meta=meta, shown=shown)), outlets=OutletIndex())
    assert found.headline.value.startswith("Seoul mayor walks through Tai Kwun")
    assert found.byline.value == "Wing Chan"
    assert found.published_on.value == on
    assert found.published_time.value == at
    if converted:
        assert "UTC+08:00" in found.published_time.reason
        assert "4:20pm" in found.published_time.reason or "11:30pm" in found.published_time.reason
    else:
        assert "no zone given" in found.published_time.reason


# -- a Japanese portal's copy (Yahoo! JAPAN News style) ---------------------------------------

JA_PORTAL = """
Yahoo!ニュース
トップ
速報
ライブ
エキスパート
オリジナル
みんなの意見
ランキング
主要
国内
国際
経済
エンタメ
スポーツ
IT
科学
ライフ
地域

呉世勲ソウル市長、北京の人型ロボット拠点で「天工」の走りを見学
{stamp}
12
コメント12件
はまかぜ新聞

人型ロボット「天工」の走行を見る呉世勲市長（右）＝31日、北京市（ソウル市提供）

韓国ソウル市の呉世勲市長は31日午前、北京経済技術開発区にある北京人型ロボットイノベーションセンターを訪れ、電気で動く人型ロボット「天工」が時速6キロで走る様子を見学した。

天工は人の表情を最大85％の精度でまね、5キロまでの物を持ち上げられるという。呉市長はロボットアームや電子皮膚の展示も見て回った。

（北京＝佐々木美穂）

はまかぜ新聞

最終更新:{updated}
はまかぜ新聞
記事に関する報告

関連記事
ソウル・北京の市長が6年ぶりに会談
はまかぜ新聞 7/30(火) 21:10

シェア
ブックマーク
ヤフコメ
コメント12件
コメントを書く
"""


@pytest.mark.parametrize(
    ("today", "stamp", "updated", "on", "at", "year"),
    [
        # 31 July was a Wednesday in 2024; the import, in December 2026: two years back.
        (
            dt.date(2026, 12, 5),
            "7/31(水) 18:20配信",
            "7/31(水) 18:45",
            dt.date(2024, 7, 31),
            dt.time(18, 20),
            "2024",
        ),
        # Imported that very evening: that year.
        (
            dt.date(2024, 7, 31),
            "7/31(水) 18:20配信",
            "7/31(水) 18:45",
            dt.date(2024, 7, 31),
            dt.time(18, 20),
            "2024",
        ),
        # The weekday decides: 29 January was a Tuesday in 2019.
        (
            dt.date(2019, 3, 1),
            "1/29(火) 10:05配信",
            "1/29(火) 10:30",
            dt.date(2019, 1, 29),
            dt.time(10, 5),
            "2019",
        ),
        # No year within six of the import puts that day on that weekday: no date.
        (dt.date(2026, 12, 5), "1/29(火) 10:05配信", "1/29(火) 10:30", None, None, ""),
    ],
)
def test_a_japanese_portal_copy_with_a_date_without_its_year(
    outlets, today, stamp, updated, on, at, year
):
    clipping = JA_PORTAL.format(stamp=stamp, updated=updated)
    with time_machine.travel(
        dt.datetime.combine(today, dt.time(21, 0), tzinfo=ZoneInfo("Asia/Seoul")), tick=False
    ):
        found = recognise(text(clipping), outlets=OutletIndex())
    assert found.headline.value == "呉世勲ソウル市長、北京の人型ロボット拠点で「天工」の走りを見学"
    assert found.subheadlines == []  # not the menu, the counters, the outlet or the caption
    assert found.byline.value == "佐々木美穂"
    assert found.published_on.value == on
    assert found.published_time.value == at
    if year:
        assert f"no year printed: {year}" in found.published_on.reason
        assert today.isoformat() in found.published_on.reason
    else:
        assert any("no year" in note for note in found.notes)  # the editor is told
    assert found.language.value == "ja"
    assert found.outlet.value is None
    assert found.outlet_name == "はまかぜ新聞"
    assert found.text.startswith("人型ロボット「天工」の走行を見る呉世勲市長（右）")
    assert found.text.endswith("電子皮膚の展示も見て回った。")
    for menu in ("エキスパート", "エンタメ", "コメント", "みんなの意見", "はまかぜ新聞"):
        assert menu not in found.text


# -- a broadcaster's script pasted ----------------------------------------------------------------

BROADCAST_KO = """
한빛방송
홈
정치
사회

박원순 시장, 홍콩 사이버포트서 핀테크 기업들 만나
최은비 기자 | 입력 2019-01-31 20:15:40 | 수정 2019-01-31 20:40:02
방송 다시보기
공유

[앵커]
홍콩을 방문 중인 박원순 서울시장이 오늘 사이버포트를 찾았습니다.
최은비 기자입니다.

[기자]
박원순 서울시장이 오늘 홍콩의 창업 단지 사이버포트를 둘러봤습니다.

이곳에는 핀테크와 블록체인, 사이버 보안 분야 기업 1천여 곳이 모여 있습니다.

[인터뷰]
박 시장은 입주 기업 관계자들과 만나 서울 기업과 협력할 방안을 물었습니다.

한빛방송 최은비입니다.

영상취재: 정우진
영상편집: 하소라

최은비 기자 eunbi.choi@hanbit-tv.example
Copyright ⓒ 한빛방송. All rights reserved. 무단 전재 및 재배포 금지
"""


def test_a_broadcasters_script_marks_and_credits_are_no_sub_headlines(outlets):
    found = recognise(text(BROADCAST_KO), outlets=OutletIndex())
    assert found.headline.value == "박원순 시장, 홍콩 사이버포트서 핀테크 기업들 만나"
    assert found.subheadlines == []
    assert found.byline.value == "최은비"
    assert found.published_on.value == dt.date(2019, 1, 31)
    assert found.published_time.value == dt.time(20, 15, 40)
    assert found.outlet_name == "한빛방송"
    assert found.text.startswith("홍콩을 방문 중인 박원순 서울시장이")
    for mark in ("다시보기", "[앵커]", "[기자]", "[인터뷰]", "영상취재", "영상편집"):
        assert mark not in found.text
    assert "한빛방송 최은비입니다." in found.text  # the sign-off is the script's


# -- which line of the heading block is the headline -------------------------------------------

HEADING_BLOCK = """
누리일보
홈 > 정치 > 서울
{block}
입력 2024.07.31 21:05 | 수정 2024.07.31 21:40

오세훈 서울시장이 31일 오후 베이징 중관촌의 창업거리를 찾아 창업 지원 기관들을 둘러봤다.

창업거리는 길이 220m로, 창업을 돕는 기관 50여곳이 모여 있다.

윤하늘 기자 sky@nuri.example
<저작권자 © 누리일보, 무단 전재 및 재배포 금지>
"""
HEADLINE = "오세훈, 중관촌 창업거리 걸으며 서울 새싹기업 해외 진출 길 모색"


@pytest.mark.parametrize(
    ("block", "subheadlines"),
    [
        # The headline, then its sub-headlines, above the date.
        (
            f"{HEADLINE}\n창업 지원 기관 50여곳 모인 220m 거리\n순방 중 베이징 일정 이틀째",
            ["창업 지원 기관 50여곳 모인 220m 거리", "순방 중 베이징 일정 이틀째"],
        ),
        # A kicker above the headline, a sub-headline below it.
        (
            f"베이징 순방 이틀째 현장\n{HEADLINE}\n창업 지원 기관 50여곳 둘러봐",
            ["창업 지원 기관 50여곳 둘러봐"],
        ),
        # A kicker, then the headline right above the date.
        (f"베이징 순방 이틀째 현장\n{HEADLINE}", []),
        # The headline alone.
        (HEADLINE, []),
    ],
)
def test_the_headline_is_the_line_of_the_heading_block_that_reads_as_one(
    outlets, block, subheadlines
):
    found = recognise(text(HEADING_BLOCK.format(block=block)), outlets=OutletIndex())
    assert found.headline.value == HEADLINE
    assert found.subheadlines == subheadlines
    assert found.byline.value == "윤하늘"
    assert found.published_time.value == dt.time(21, 5)
    assert found.outlet_name == "누리일보"
    paragraphs = found.text.split("\n\n")
    assert paragraphs[: len(subheadlines)] == subheadlines  # the text keeps them, in place
    assert paragraphs[len(subheadlines)].startswith("오세훈 서울시장이 31일 오후")
