# CJK punctuation and long lines in the sample sentences are meant.
# ruff: noqa: E501, RUF001, RUF002
"""How fast a public search is at scale: facet count + ranked page + items loaded.

Fills a throwaway database with generated multilingual releases (en, ko, zh-hans, ja;
all languages ready, published 2011–2026), builds the search index in bulk, then times
``s = Search(q); len(s); s[0:20]`` in-process (what a search page does, without HTTP)
for a fixed mix of very common, medium, rare and unique words:

    .venv/bin/python bench/search.py --releases 100000 \\
        [--database-url URL] [--queries 20] [--json results.json]

The database (default sqlite:////tmp/pressroom-bench-search.sqlite3) is reused when it
already holds the asked number of releases and their index; otherwise it is wiped (only
a database whose name contains "bench") and generated again. Prints a markdown table
(p50/p95 per query and overall, with the median time of each SQL statement kind) and
the query plans of the most common words' statements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

DEFAULT_URL = "sqlite:////tmp/pressroom-bench-search.sqlite3"
LANGS = ("en", "ko", "zh_hans", "ja")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--queries", type=int, default=20, help="timed runs per query")
    parser.add_argument("--batch", type=int, default=2000, help="releases per bulk_create")
    parser.add_argument("--json", help="write the results here too")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index even if reused")
    parser.add_argument(
        "--explain", nargs="*", default=["서울", "seoul"], help="queries whose SQL to EXPLAIN"
    )
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


ARGS = arguments()
os.environ["DATABASE_URL"] = ARGS.database_url
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._database import wipe  # noqa: E402
from press.models import PressRelease  # noqa: E402
from visits.search import Search  # noqa: E402
from visits.search.entries import SearchEntry  # noqa: E402
from visits.search.indexing import rebuild  # noqa: E402

# Text ---------------------------------------------------------------------------------
# Parallel lists: the same sentence in en, ko, zh-hans and ja. Slots: {d} a district,
# {p} a partner city, {t} a topic, {n} {k} {y} {m} numbers.

DISTRICTS = [
    ("Jongno", "종로구", "钟路区", "鍾路区"),
    ("Mapo", "마포구", "麻浦区", "麻浦区"),
    ("Gangnam", "강남구", "江南区", "江南区"),
    ("Yeongdeungpo", "영등포구", "永登浦区", "永登浦区"),
    ("Seongdong", "성동구", "城东区", "城東区"),
    ("Guro", "구로구", "九老区", "九老区"),
    ("Nowon", "노원구", "芦原区", "蘆原区"),
    ("Eunpyeong", "은평구", "恩平区", "恩平区"),
]
PARTNERS = [
    ("Tokyo", "도쿄", "东京", "東京"),
    ("Shanghai", "상하이", "上海", "上海"),
    ("Singapore", "싱가포르", "新加坡", "シンガポール"),
    ("Paris", "파리", "巴黎", "パリ"),
    ("Hanoi", "하노이", "河内", "ハノイ"),
    ("Osaka", "오사카", "大阪", "大阪"),
    ("Berlin", "베를린", "柏林", "ベルリン"),
]
TOPICS = [
    ("public housing", "공공주택", "公共住房", "公共住宅"),
    ("night buses", "심야버스", "夜间公交", "深夜バス"),
    ("fine dust measures", "미세먼지 대책", "细颗粒物治理", "微細粉塵対策"),
    ("childcare centres", "국공립 어린이집", "公立托育机构", "保育所"),
    ("neighbourhood parks", "동네 공원", "社区公园", "近隣公園"),
    ("support for traditional markets", "전통시장 지원", "传统市场扶持", "伝統市場への支援"),
    ("flood prevention", "수해 예방", "防汛设施", "水害対策"),
    ("cycling lanes", "자전거도로", "自行车道", "自転車道"),
]
GENERIC = [
    (
        "The city will invest {n} billion won in {d} over the next three years to expand "
        "public housing for young people and newly married couples.",
        "시는 앞으로 3년간 {d}에 {n}억 원을 투입해 청년과 신혼부부를 위한 공공주택을 확대할 계획이다.",
        "市政府计划在未来三年内向{d}投入{n}亿韩元，为青年和新婚夫妇扩大公共住房供应。",
        "市は今後3年間で{d}に{n}億ウォンを投じ、若者や新婚夫婦向けの公共住宅を拡充する計画だ。",
    ),
    (
        "New bus routes connecting {d} with the city centre will start operating in month {m}.",
        "{d}와 도심을 잇는 새 버스 노선이 {m}월부터 운행을 시작한다.",
        "连接{d}与市中心的新公交线路将于{m}月开始运营。",
        "{d}と都心を結ぶ新しいバス路線が{m}月から運行を開始する。",
    ),
    (
        "Officials said the programme had already cut fine dust emissions by {k} percent "
        "compared with the previous year.",
        "관계자는 이 사업으로 미세먼지 배출량이 전년보다 {k}% 줄었다고 밝혔다.",
        "有关负责人表示，该项目已使细颗粒物排放量比上一年减少了{k}%。",
        "担当者は、この事業によって微細粉塵の排出量が前年より{k}%減ったと説明した。",
    ),
    (
        "Residents can apply online or at their local community service centre until the "
        "end of the month.",
        "주민들은 이달 말까지 온라인이나 가까운 주민센터에서 신청할 수 있다.",
        "居民可在本月底前通过网络或就近的居民服务中心提出申请。",
        "住民は今月末までオンラインまたは最寄りの住民センターで申し込むことができる。",
    ),
    (
        "Spending on welfare, childcare and care for older people will rise again this year, "
        "reaching {k} percent of the total budget.",
        "복지와 보육, 어르신 돌봄 예산은 올해도 늘어나 전체 예산의 {k}%에 이른다.",
        "福利、托育和老年人照护预算今年继续增加，占总预算的{k}%。",
        "福祉、保育、高齢者介護の予算は今年も増え、予算全体の{k}%に達する。",
    ),
    (
        "A public hearing on the redevelopment plan for {d} will be held at the city council "
        "next week.",
        "{d} 재개발 계획에 관한 공청회가 다음 주 시의회에서 열린다.",
        "关于{d}城市更新规划的听证会将于下周在市议会举行。",
        "{d}の再開発計画に関する公聴会が来週、市議会で開かれる。",
    ),
    (
        "More than {n} volunteers joined the clean-up along the Han River on Saturday morning.",
        "토요일 오전 한강 변 정화 활동에 {n}명이 넘는 자원봉사자가 참여했다.",
        "周六上午，{n}多名志愿者参加了汉江沿岸的清洁活动。",
        "土曜日の午前、漢江沿いの清掃活動には{n}人を超えるボランティアが参加した。",
    ),
    (
        "The city plans to plant {n} trees in parks and school grounds to cool "
        "neighbourhoods during summer heatwaves.",
        "시는 여름철 폭염에 대비해 공원과 학교 부지에 나무 {n}그루를 심을 계획이다.",
        "为应对夏季高温，市政府计划在公园和校园内种植{n}棵树。",
        "市は夏の猛暑に備え、公園や学校の敷地に{n}本の木を植える計画だ。",
    ),
    (
        "Small business owners in traditional markets will receive low-interest loans and "
        "free consulting on online sales.",
        "전통시장 소상공인에게는 저금리 대출과 온라인 판매 무료 컨설팅이 지원된다.",
        "传统市场的小商户将获得低息贷款和网络销售免费咨询。",
        "伝統市場の小規模事業者には低金利の融資とネット販売の無料相談が提供される。",
    ),
    (
        "The subway operator will add late-night trains on weekends from next month.",
        "지하철 운영기관은 다음 달부터 주말 심야 열차를 늘린다.",
        "地铁运营方将从下个月起在周末增开深夜列车。",
        "地下鉄の運営会社は来月から週末の深夜列車を増便する。",
    ),
    (
        "Detailed information is available on the city's website and from the Dasan call "
        "centre on 120.",
        "자세한 내용은 시 누리집이나 다산콜센터(120)에서 확인할 수 있다.",
        "详细信息可在市政府网站查询，或拨打120茶山热线咨询。",
        "詳細は市のウェブサイトまたはタサン・コールセンター（120）で確認できる。",
    ),
    (
        "The measures were prepared after a survey of {n} citizens and consultations with "
        "experts in urban planning.",
        "이번 대책은 시민 {n}명을 대상으로 한 설문조사와 도시계획 전문가 자문을 거쳐 마련됐다.",
        "此次措施是在对{n}名市民开展问卷调查并征求城市规划专家意见后制定的。",
        "今回の対策は市民{n}人へのアンケート調査と都市計画の専門家への諮問を経てまとめられた。",
    ),
    (
        "Cultural festivals, night markets and free concerts will take place in {d} "
        "throughout the autumn.",
        "가을 내내 {d}에서는 문화축제와 야시장, 무료 공연이 이어진다.",
        "整个秋季，{d}将举办文化节、夜市和免费音乐会。",
        "秋の間、{d}では文化祭や夜市、無料コンサートが続く。",
    ),
    (
        "The city will also expand safety inspections of old buildings, bridges and "
        "underground passages before the rainy season.",
        "시는 장마철을 앞두고 노후 건축물과 교량, 지하보도에 대한 안전점검도 확대한다.",
        "市政府还将在雨季来临前扩大对老旧建筑、桥梁和地下通道的安全检查。",
        "市は梅雨入りを前に、老朽化した建物や橋、地下道の安全点検も拡大する。",
    ),
    (
        "District offices will open {k} new libraries and sports centres by {y}.",
        "각 자치구는 {y}년까지 도서관과 체육센터 {k}곳을 새로 연다.",
        "各区将在{y}年前新开{k}处图书馆和体育中心。",
        "各区は{y}年までに図書館とスポーツセンターを{k}か所新設する。",
    ),
    (
        "Electric vehicle chargers will be installed in {n} public car parks, and taxi "
        "companies will receive subsidies to switch to electric cars.",
        "공영주차장 {n}곳에 전기차 충전기가 설치되고, 택시 회사에는 전기차 전환 보조금이 지급된다.",
        "{n}处公共停车场将安装电动汽车充电桩，出租车公司换用电动车可获得补贴。",
        "公営駐車場{n}か所に電気自動車の充電器が設置され、タクシー会社には電気自動車への転換補助金が支給される。",
    ),
]
SEOUL = [
    (
        "Seoul Metropolitan Government announced the plan at City Hall on Monday.",
        "서울시는 월요일 시청에서 이 같은 계획을 발표했다.",
        "首尔市政府周一在市政厅公布了这一计划。",
        "ソウル市は月曜日、市庁舎でこの計画を発表した。",
    ),
    (
        "Seoul aims to become one of the world's five most liveable cities by {y}.",
        "서울은 {y}년까지 세계에서 가장 살기 좋은 5대 도시가 되는 것을 목표로 한다.",
        "首尔的目标是到{y}年成为全球五大最宜居城市之一。",
        "ソウルは{y}年までに世界で最も住みやすい5都市の一つになることを目指している。",
    ),
    (
        "About {n} households across Seoul are expected to benefit from the programme.",
        "서울 전역에서 약 {n}가구가 혜택을 받을 것으로 예상된다.",
        "预计首尔全市约有{n}户家庭将从中受益。",
        "ソウル全域で約{n}世帯が恩恵を受ける見通しだ。",
    ),
]
MAYOR = [
    (
        '"We will listen to citizens first," the mayor said at the briefing.',
        '시장은 브리핑에서 "시민의 목소리를 먼저 듣겠다"고 말했다.',
        "市长在通报会上表示：“我们将首先倾听市民的声音。”",
        "市長は会見で「まず市民の声に耳を傾ける」と述べた。",
    ),
    (
        "The Mayor of Seoul will chair a meeting with district heads every quarter to review "
        "progress.",
        "서울시장은 분기마다 구청장들과 회의를 열어 추진 상황을 점검할 예정이다.",
        "首尔市长将每季度与各区区长召开会议，检查进展情况。",
        "ソウル市長は四半期ごとに区長らと会議を開き、進捗を点検する予定だ。",
    ),
]
ROBOT = [
    (
        "Delivery robots will be tested on pavements in {d} from this spring.",
        "올봄부터 {d} 보도에서 배달 로봇 시범 운행이 시작된다.",
        "今年春季起，配送机器人将在{d}的人行道上试运行。",
        "この春から{d}の歩道で配達ロボットの試験運行が始まる。",
    ),
    (
        "Care robots that talk with older people living alone will be placed in {n} homes.",
        "홀로 사는 어르신과 대화하는 돌봄 로봇이 {n}가구에 보급된다.",
        "能与独居老人交谈的陪护机器人将进入{n}户家庭。",
        "一人暮らしの高齢者と会話するケアロボットが{n}世帯に配備される。",
    ),
    (
        "The robot industry cluster in {d} will host start-ups, researchers and manufacturers.",
        "{d} 로봇산업 클러스터에는 스타트업과 연구자, 제조업체가 입주한다.",
        "{d}机器人产业集群将吸引初创企业、研究人员和制造商入驻。",
        "{d}のロボット産業クラスターにはスタートアップや研究者、メーカーが入居する。",
    ),
]
VISIT = [
    (
        "The mayor's delegation will visit {p} for three days to discuss cooperation on "
        "transport and climate.",
        "시장 대표단은 사흘간 {p}를 방문해 교통과 기후 분야 협력을 논의한다.",
        "市长代表团将访问{p}三天，商讨交通和气候领域的合作。",
        "市長の代表団は3日間{p}を訪問し、交通と気候分野の協力を協議する。",
    ),
    (
        "During the visit, the two cities signed a memorandum of understanding on youth exchanges.",
        "이번 방문 기간 두 도시는 청년 교류에 관한 양해각서를 체결했다.",
        "访问期间，两市签署了青年交流合作谅解备忘录。",
        "訪問期間中、両都市は青年交流に関する覚書を締結した。",
    ),
    (
        "The delegation also visited a start-up campus and a water treatment plant in {p}.",
        "대표단은 {p}의 스타트업 캠퍼스와 정수장도 방문했다.",
        "代表团还访问了{p}的一处创业园区和一座水处理厂。",
        "代表団は{p}のスタートアップ・キャンパスと浄水場も訪問した。",
    ),
]
SMART = [
    (
        "The smart city platform links traffic signals, parking and air quality sensors in "
        "real time.",
        "스마트시티 플랫폼은 신호등과 주차, 대기질 센서를 실시간으로 연결한다.",
        "智慧城市平台实时连接交通信号、停车和空气质量传感器。",
        "スマートシティのプラットフォームは信号、駐車場、大気質センサーをリアルタイムで結ぶ。",
    ),
    (
        "Seoul's smart city strategy was recognised at an international forum this year.",
        "서울의 스마트시티 전략은 올해 국제 포럼에서 높은 평가를 받았다.",
        "首尔的智慧城市战略今年在国际论坛上获得认可。",
        "ソウルのスマートシティ戦略は今年、国際フォーラムで評価された。",
    ),
]
ZHONGGUANCUN = [
    (
        "In Beijing, the delegation toured Zhongguancun, China's leading technology district, "
        "and met start-up founders.",
        "베이징에서 대표단은 중국 최대 기술 단지인 중관촌을 둘러보고 창업자들을 만났다.",
        "在北京，代表团参观了中国领先的科技园区中关村，并与创业者座谈。",
        "北京で代表団は中国有数のテクノロジー地区である中関村を視察し、起業家と面会した。",
    ),
    (
        "Seoul and the Zhongguancun Science Park agreed to share incubation programmes.",
        "서울시와 중관촌 과학단지는 창업 보육 프로그램을 공유하기로 했다.",
        "首尔与中关村科技园区同意共享孵化项目。",
        "ソウル市と中関村サイエンスパークはインキュベーション・プログラムを共有することで合意した。",
    ),
]
TIANGONG = [
    (
        "The mayor watched Tiangong, a humanoid robot developed in Beijing, run and climb stairs.",
        "시장은 베이징에서 개발된 인간형 로봇 톈궁(天工)이 달리고 계단을 오르는 시연을 지켜봤다.",
        "市长观看了北京研发的人形机器人“天工”奔跑和上楼梯的演示。",
        "市長は北京で開発された人型ロボット「天工」が走ったり階段を上ったりする実演を見学した。",
    ),
    (
        "Developers of Tiangong said the robot could help inspect subway tunnels.",
        "톈궁(天工) 개발진은 이 로봇이 지하철 터널 점검에 활용될 수 있다고 설명했다.",
        "天工的研发人员表示，该机器人可用于地铁隧道巡检。",
        "天工の開発陣は、このロボットが地下鉄トンネルの点検に役立つと説明した。",
    ),
]
TITLES = {
    "generic": [
        (
            "Seoul to expand {t} in {d} as part of a new plan for residents next year",
            "서울시, 내년 {d} {t} 확대…주민 지원 강화",
            "首尔市将扩大{d}{t}，加强对居民的支持",
            "ソウル市、来年{d}で{t}を拡充　住民支援を強化",
        ),
        (
            "City unveils {y} plan for {t} with more funding for {d} residents",
            "시, {y}년 {t} 계획 발표…{d} 주민 지원 늘린다",
            "市政府公布{y}年{t}计划，加大对{d}居民的投入",
            "市、{y}年の{t}計画を発表　{d}住民への支援を拡大",
        ),
    ],
    "visit": [
        (
            "Mayor of Seoul to visit {p} to discuss transport and climate cooperation",
            "서울시장, {p} 방문해 교통·기후 협력 논의",
            "首尔市长将访问{p}，商讨交通和气候合作",
            "ソウル市長が{p}を訪問、交通・気候協力を協議",
        )
    ],
    "robot": [
        (
            "Seoul tests delivery and care robots in {d} to support older residents",
            "서울시, {d}에서 배달·돌봄 로봇 시범 운영",
            "首尔在{d}试点配送和陪护机器人",
            "ソウル市、{d}で配達・ケアロボットを試験運用",
        )
    ],
    "smart": [
        (
            "Seoul expands smart city sensors across {d} to improve traffic and air quality",
            "서울시, {d} 전역에 스마트시티 센서 확대",
            "首尔在{d}全面扩大智慧城市传感器",
            "ソウル市、{d}全域にスマートシティのセンサーを拡大",
        )
    ],
    "zhongguancun": [
        (
            "Mayor visits Zhongguancun in Beijing to meet technology start-ups and investors",
            "시장, 베이징 중관촌 방문해 기술 스타트업과 만나",
            "市长访问北京中关村，与科技初创企业交流",
            "市長、北京の中関村を訪問　テック系スタートアップと面会",
        )
    ],
    "tiangong": [
        (
            "Seoul mayor sees Tiangong humanoid robot run at a demonstration in Beijing",
            "서울시장, 베이징서 인간형 로봇 톈궁(天工) 시연 참관",
            "首尔市长在北京观看人形机器人“天工”演示",
            "ソウル市長、北京で人型ロボット「天工」の実演を見学",
        )
    ],
}
SUBTITLES = [
    (
        "Follow-up measures announced after consultation with residents",
        "주민 의견 수렴 거쳐 후속 대책 발표",
        "征求居民意见后公布后续措施",
        "住民の意見を踏まえ後続策を発表",
    ),
    (
        "Budget, schedule and how to apply",
        "예산과 일정, 신청 방법 안내",
        "预算、日程及申请方法",
        "予算・日程と申し込み方法",
    ),
]

#: Share of releases per story: everything else is "generic". Rare stories: a few hundred
#: releases per 100,000.
STORIES = [("tiangong", 0.003), ("zhongguancun", 0.003), ("robot", 0.09), ("visit", 0.25)]
STORIES += [("smart", 0.12)]
STORY_SENTENCES = {
    "generic": [],
    "visit": VISIT,
    "robot": ROBOT,
    "smart": SMART,
    "zhongguancun": ZHONGGUANCUN + VISIT[1:],
    "tiangong": TIANGONG + ROBOT[:1],
}
START = dt.datetime(2011, 1, 1, tzinfo=dt.UTC)


def release_fields(rng: random.Random, i: int, end: dt.datetime) -> dict:
    draw, story = rng.random(), "generic"
    for name, share in STORIES:
        if draw < share:
            story = name
            break
        draw -= share
    published = START + dt.timedelta(seconds=rng.uniform(0, (end - START).total_seconds()))
    slots = {
        "d": rng.choice(DISTRICTS),
        "p": ("Beijing", "베이징", "北京", "北京")
        if story in ("zhongguancun", "tiangong")
        else None,
        "t": rng.choice(TOPICS),
    }
    slots["p"] = slots["p"] or rng.choice(PARTNERS)
    nums = {
        "n": rng.randint(20, 9000),
        "k": rng.randint(3, 40),
        "y": published.year + rng.randint(1, 5),
        "m": rng.randint(1, 12),
    }
    title_tpl = rng.choice(TITLES[story])
    subtitle_tpl = rng.choice(SUBTITLES)
    own = STORY_SENTENCES[story]
    extra = rng.random() < 0.03  # a passing mention of robots in other releases
    # Sentences as indexes into the pools, the same for every language.
    lead = [rng.choice(own or GENERIC)] + ([rng.choice(SEOUL)] if rng.random() < 0.6 else [])
    paragraphs = []
    for p in range(rng.randint(3, 6)):
        sentences = list(own) if p == 0 and own else []
        sentences += rng.sample(GENERIC, rng.randint(2, 4))
        if rng.random() < 0.45:
            sentences.append(rng.choice(SEOUL))
        if rng.random() < 0.3:
            sentences.append(rng.choice(MAYOR))
        if extra and p == 1:
            sentences.append(rng.choice(ROBOT))
        paragraphs.append(sentences)
    number = f"SMG-{published.year}-{i:06d}"
    fields = {
        "slug": f"bench-{i}",
        "number": number,
        "status": "published",
        "published_at": published,
        "original_language": rng.choice(("en", "ko", "ko", "ko", "zh-hans", "ja")),
    }
    sep = {"en": " ", "ko": " ", "zh_hans": "", "ja": ""}
    for index, lang in enumerate(LANGS):
        values = {key: value[index] for key, value in slots.items()} | nums

        def say(sentence, index=index, values=values):
            return sentence[index].format(**values)

        fields[f"title_{lang}"] = say(title_tpl)
        fields[f"subtitle_{lang}"] = say(subtitle_tpl)
        fields[f"lead_{lang}"] = sep[lang].join(map(say, lead))
        fields[f"body_{lang}"] = (
            "".join(
                "<p>" + sep[lang].join(map(say, sentences)) + "</p>\n" for sentences in paragraphs
            )
            + f"<p><small>{number}</small></p>"
        )
        fields[f"ready_{lang}"] = True
    fields["title"] = fields["title_en"]
    return fields


# Database -----------------------------------------------------------------------------


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def generate(n: int, batch: int, seed: int) -> float:
    rng = random.Random(seed)
    end = timezone.now() - dt.timedelta(hours=1)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")
    start = time.perf_counter()
    made = 0
    while made < n:
        size = min(batch, n - made)
        rows = [PressRelease(**release_fields(rng, made + j + 1, end)) for j in range(size)]
        with transaction.atomic():
            PressRelease.objects.bulk_create(rows)
        made += size
        elapsed = time.perf_counter() - start
        log(f"  generated {made}/{n} releases, {made / elapsed:.0f}/s")
    return time.perf_counter() - start


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


def database_size() -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            name = Path(connection.settings_dict["NAME"])
            files = [name, Path(f"{name}-wal")]
            size = {"database": sum(f.stat().st_size for f in files if f.exists())}
            cursor.execute(
                "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'visits_searchentry%' "
                "OR name LIKE 'press_pressrelease%' GROUP BY name"
            )
            for table, pages in cursor.fetchall():
                if pages > 1_000_000:
                    size[table] = pages
            return size
        cursor.execute("SELECT pg_database_size(current_database())")
        size = {"database": cursor.fetchone()[0]}
        for table in ("visits_searchentry", "press_pressrelease"):
            cursor.execute(
                "SELECT pg_total_relation_size(%s), pg_relation_size(%s)", [table, table]
            )
            size[f"{table} (total)"], size[table] = cursor.fetchone()
        cursor.execute("SELECT pg_relation_size('visits_searchentry_search_vector')")
        size["visits_searchentry_search_vector (GIN)"] = cursor.fetchone()[0]
        return size


def prepare(args) -> dict:
    info = {}
    call_command("migrate", verbosity=0)
    releases = PressRelease.objects.count()
    if releases != args.releases:
        if releases:
            wipe()
        log(f"generating {args.releases} releases")
        info["generate_seconds"] = generate(args.releases, args.batch, args.seed)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=FULL")
    else:
        log(f"reusing {releases} releases")
    entries = SearchEntry.objects.filter(kind="release").count()
    if args.reindex or entries != 4 * args.releases:
        log("rebuilding the search index")
        start = time.perf_counter()
        every = max(1, args.releases // 20)

        def progress(kind, last, made):
            if last % every < 500:
                rate = made / (time.perf_counter() - start)
                log(f"  {kind} up to id {last}: {made} entries, {rate:.0f} entries/s")

        info["index_entries"] = rebuild(progress=progress)
        info["index_seconds"] = time.perf_counter() - start
        log(f"index: {info['index_entries']} entries in {info['index_seconds']:.1f}s")
        analyze()
    elif "generate_seconds" in info:
        analyze()
    info["releases"] = PressRelease.objects.count()
    info["entries"] = SearchEntry.objects.count()
    return info


# Measuring ----------------------------------------------------------------------------


class Recorder:
    """Times each SQL statement, by its part in a search (counting and ranking, which
    is one statement, or two with a kind filter; loading the page's items)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((phase(sql), sql, params, time.perf_counter() - start))


def phase(sql: str) -> str:
    return "search" if sql.startswith("WITH c AS MATERIALIZED") else "load"


def percentile(times, q):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(label, text, runs, **filters) -> dict:
    recorder = Recorder()
    capped = [False]

    def once():
        recorder.statements.clear()
        start = time.perf_counter()
        with connection.execute_wrapper(recorder):
            search = Search(text, **filters)
            search.prefetch(0, 20)  # as the search page does: counts and page at once
            count = len(search)
            page = search[0:20]
        capped[0] = search.capped
        return time.perf_counter() - start, count, len(page), list(recorder.statements)

    once()  # warm-up
    times, phases = [], {"search": [], "load": []}
    for _ in range(runs):
        elapsed, count, shown, statements = once()
        times.append(elapsed)
        for name in phases:
            phases[name].append(sum(s[3] for s in statements if s[0] == name))
    return {
        "label": label,
        "query": text,
        "filters": filters,
        "results": count,
        "capped": capped[0],
        "shown": shown,
        "statements": len(statements),
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "max_ms": max(times) * 1000,
        "phases_p50_ms": {k: statistics.median(v) * 1000 for k, v in phases.items()},
        "times_ms": [t * 1000 for t in times],
        "sql": [(s[0], s[1], [str(p) for p in s[2] or ()]) for s in statements],
        "_raw": statements,
    }


def explain(result) -> list[dict]:
    plans = []
    for name, sql, params, _ in result.pop("_raw"):
        if name == "load":
            continue
        if connection.vendor == "sqlite":
            prefix = "EXPLAIN QUERY PLAN "
        else:
            prefix = "EXPLAIN (ANALYZE, BUFFERS) "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
        if connection.vendor == "sqlite":
            text = "\n".join(f"{row[0]:>3} {row[1]:>3} {row[3]}" for row in rows)
        else:
            text = "\n".join(row[0] for row in rows)
        plans.append({"phase": name, "plan": text})
    return plans


def query_mix(releases: int) -> list[tuple[str, str, dict]]:
    number = f"SMG-{PressRelease.objects.get(slug=f'bench-{releases // 2}').number[4:8]}"
    number += f"-{releases // 2:06d}"
    mix = [
        ("very common", "서울"),
        ("very common", "seoul"),
        ("very common", "首尔"),
        ("very common", "市長"),
        ("medium", "로봇"),
        ("medium", "ロボット"),
        ("medium", "访问"),
        ("medium", "訪問"),
        ("medium", "smart city"),
        ("medium", "seoul robot"),
        ("medium", "서울시 로봇"),
        ("rare", "중관촌"),
        ("rare", "天工"),
        ("rare", "tiangong"),
        ("rare", "zhongguancun"),
        ("prefix", "zhong"),
        ("unique", number),
        ("nothing", "xylophone"),
    ]
    filtered = [
        ("kind=release", "서울", {"kinds": ["release"]}),
        ("kind=release", "로봇", {"kinds": ["release"]}),
        ("language=ko", "서울", {"language": "ko"}),
        ("language=ko", "로봇", {"language": "ko"}),
        ("language=ko", "중관촌", {"language": "ko"}),
    ]
    return [(label, text, {}) for label, text in mix] + filtered


def table(results) -> str:
    lines = [
        "| query | kind | filter | results | p50 ms | p95 ms | search / load p50 ms |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for r in results:
        filters = ", ".join(f"{k}={v}" for k, v in r["filters"].items()) or "–"
        filters = filters.replace("['release']", "release")
        ph = r["phases_p50_ms"]
        lines.append(
            f"| `{r['query']}` | {r['label']} | {filters} | "
            f"{r['results']}{'+' if r.get('capped') else ''} | "
            f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{ph['search']:.1f} / {ph['load']:.1f} |"
        )
    return "\n".join(lines)


def main(args):
    setup = prepare(args)
    setup["vendor"] = connection.vendor
    setup["database_url"] = args.database_url
    setup["size_bytes"] = database_size()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            setup["server"] = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        setup["server"] = f"SQLite {sqlite3.sqlite_version}"
    log(f"measuring: {args.queries} runs per query after one warm-up")
    results = []
    for label, text, filters in query_mix(args.releases):
        result = measure(label, text, args.queries, **filters)
        if text in args.explain and not filters:
            result["plans"] = explain(result)
        result.pop("_raw", None)
        results.append(result)
        log(
            f"  {text!r} {filters or ''}: {result['results']} results, "
            f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms"
        )
    unfiltered = [t for r in results if not r["filters"] for t in r["times_ms"]]
    overall = {
        "p50_ms": statistics.median(unfiltered),
        "p95_ms": percentile(unfiltered, 0.95),
    }
    mb = setup["size_bytes"]["database"] / 1e6
    print(
        f"### {setup['server']}, {setup['releases']:,} releases "
        f"({setup['entries']:,} index entries), database {mb:,.0f} MB"
    )
    if "generate_seconds" in setup:
        print(f"\nGenerated in {setup['generate_seconds']:.0f} s.", end="")
    if "index_seconds" in setup:
        print(f" Index built in {setup['index_seconds']:.0f} s.", end="")
    print(f"\n\n{table(results)}\n")
    print(
        f"Overall (unfiltered queries, {len(unfiltered)} runs): "
        f"p50 {overall['p50_ms']:.1f} ms, p95 {overall['p95_ms']:.1f} ms\n"
    )
    for r in results:
        for plan in r.get("plans", ()):
            print(f"Plan of `{r['query']}` ({plan['phase']}):\n```\n{plan['plan']}\n```\n")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"setup": setup, "overall": overall, "results": results},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )


if __name__ == "__main__":
    main(ARGS)
