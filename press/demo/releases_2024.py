# Prose in four scripts: long lines and CJK punctuation are meant.
# ruff: noqa: E501, RUF001
"""Press releases of trip A (Oh Se-hoon, Paris, Chongqing and Beijing, 2024).

Keyed by release number. Times are Seoul time. "photos" lists photo keys of ``trip_2024``,
the first being the lead photo. Some translations are missing on purpose: one release is in
Korean only, others lack Chinese or Japanese, and one has a Japanese translation that is
not marked ready yet (``"ready"`` lists the languages that are out; by default every
language with a title and a body). ``"change_notes"`` are public notes of later changes. One release is a draft and one is scheduled: its
publication time is set at load time, ``publish_in_days`` from now.
"""

import datetime as dt

RELEASES = [
    {
        "number": "SMG-2024-0722",
        "slug": "mayor-oh-to-visit-paris-chongqing-beijing",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 7, 22, 10, 0),
        "topics": ["diplomacy"],
        "engagements": ["provisional-government", "yin-yong"],
        "photos": [],
        "title": {
            "en": "Mayor Oh Se-hoon to visit Paris, Chongqing and Beijing",
            "ko": "오세훈 시장, 파리·충칭·베이징 9일간 순방",
            "zh-hans": "吴世勋市长将访问巴黎、重庆和北京",
            "ja": "呉世勲市長、パリ・重慶・北京を9日間訪問",
        },
        "subtitle": {
            "en": "Nine-day trip ends in Beijing with talks on restoring city diplomacy",
            "ko": "베이징서 인융 시장과 회담…도시외교 복원 나선다",
            "zh-hans": "九天行程以北京收尾，将就恢复城市外交举行会谈",
            "ja": "北京で殷勇市長と会談、都市外交の回復へ",
        },
        "lead": {
            "en": "Mayor Oh Se-hoon leaves on 24 July for a nine-day trip to Paris, Chongqing and Beijing. In Beijing he will meet Mayor Yin Yong: the first talks between the two capitals' mayors since 2018.",
            "ko": "오세훈 서울시장이 7월 24일부터 9일간 파리, 충칭, 베이징을 방문한다. 베이징에서는 2018년 이후 처음으로 두 수도 시장 간 회담을 갖는다.",
            "zh-hans": "首尔市长吴世勋将于7月24日起出访巴黎、重庆和北京，为期九天。在北京，他将与北京市市长殷勇会谈，这是两市市长自2018年以来的首次会晤。",
            "ja": "呉世勲ソウル市長は7月24日から9日間の日程でパリ、重慶、北京を訪問する。北京では2018年以来初めてとなる両首都の市長会談に臨む。",
        },
        "body": {
            "en": """
<p>Seoul Mayor Oh Se-hoon sets out on 24 July on a nine-day trip with three stops: Paris, Chongqing and Beijing. The trip ends with the Beijing leg on Thursday 1 August.</p>
<h2>Programme</h2>
<ul>
<li><strong>Paris</strong>: the first leg of the trip.</li>
<li><strong>Chongqing</strong>: a visit to the former site of the Korean Provisional Government and a meeting with descendants of independence fighters.</li>
<li><strong>Beijing</strong>: talks with Mayor Yin Yong, visits to the Beijing Humanoid Robot Innovation Center and Zhongguancun, an urban-planning briefing at Wangjing SOHO and a meeting with Korean companies.</li>
</ul>
<p>The Seoul Metropolitan Government sees the Beijing talks as a step towards restoring city diplomacy between the two capitals. What the delegation learns at the robotics and startup sites will feed into the robot industry plan Seoul announced in July 2023.</p>
""",
            "ko": """
<p>오세훈 서울시장이 7월 24일 출국해 파리, 충칭, 베이징 3개 도시를 차례로 방문한다. 순방은 8월 1일(목) 베이징 일정을 끝으로 마무리된다.</p>
<h2>주요 일정</h2>
<ul>
<li><strong>파리</strong>: 순방의 첫 방문지.</li>
<li><strong>충칭</strong>: 대한민국 임시정부 청사 방문, 독립유공자 후손 간담회.</li>
<li><strong>베이징</strong>: 인융 베이징시장 회담, 베이징 휴머노이드 로봇 혁신센터와 중관촌 방문, 왕징 소호 도시계획 브리핑, 한국기업 간담회.</li>
</ul>
<p>서울시는 이번 베이징 회담을 두 수도 간 도시외교를 되살리는 계기로 삼고, 로봇·창업 현장에서 얻은 내용을 2023년 7월 발표한 로봇산업 육성 계획에 반영할 계획이다.</p>
""",
            "zh-hans": """
<p>首尔市长吴世勋将于7月24日启程，依次访问巴黎、重庆和北京三座城市。行程于8月1日（星期四）在北京结束。</p>
<h2>主要日程</h2>
<ul>
<li><strong>巴黎</strong>：出访首站。</li>
<li><strong>重庆</strong>：参观大韩民国临时政府旧址，与独立运动人士后裔座谈。</li>
<li><strong>北京</strong>：与殷勇市长会谈，参观北京人形机器人创新中心和中关村，在望京SOHO听取城市规划介绍，与在京韩国企业座谈。</li>
</ul>
<p>首尔市政府希望借此次会谈恢复两座首都之间的城市外交，并将机器人和创业考察的成果用于2023年7月发布的首尔机器人产业发展计划。</p>
""",
            "ja": """
<p>呉世勲ソウル市長は7月24日に出発し、パリ、重慶、北京の3都市を順に訪れる。日程は8月1日（木）の北京訪問をもって終了する。</p>
<h2>主な日程</h2>
<ul>
<li><strong>パリ</strong>：最初の訪問地。</li>
<li><strong>重慶</strong>：大韓民国臨時政府旧跡の訪問、独立運動家の子孫との懇談。</li>
<li><strong>北京</strong>：殷勇市長との会談、北京人型ロボットイノベーションセンターと中関村の視察、望京SOHOでの都市計画説明、韓国企業との懇談会。</li>
</ul>
<p>ソウル市は今回の会談を両首都の都市外交を立て直す契機とし、ロボットとスタートアップの現場で得た知見を2023年7月に発表したロボット産業育成計画に生かす方針だ。</p>
""",
        },
    },
    {
        # Korean and English only: Chinese and Japanese readers see the English text.
        "number": "SMG-2024-0729",
        "slug": "mayor-oh-honours-independence-fighters-in-chongqing",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 7, 29, 18, 0),
        "topics": ["diplomacy", "culture"],
        "engagements": ["provisional-government", "descendants"],
        "photos": ["2024-chongqing-provisional-government", "2024-chongqing-descendants"],
        "title": {
            "en": "In Chongqing, Mayor Oh honours Korea's independence fighters",
            "ko": "오세훈 시장, 충칭 임시정부 청사서 독립운동 선열 기려",
        },
        "subtitle": {
            "en": "A visit to the former site of the Provisional Government and a meeting with descendants",
            "ko": "독립유공자 후손과 간담회도 열어",
        },
        "lead": {
            "en": "Mayor Oh Se-hoon visited the former site of the Korean Provisional Government in Chongqing and met descendants of independence fighters.",
            "ko": "오세훈 서울시장이 충칭의 대한민국 임시정부 청사를 찾고 독립유공자 후손들을 만났다.",
        },
        "body": {
            "en": """
<p>On the Chongqing leg of his trip, Mayor Oh Se-hoon visited the former site of the Korean Provisional Government, its last seat in China before Korea's liberation in 1945.</p>
<p>He then sat down with descendants of Korean independence fighters and thanked their families for what they gave for the country's independence.</p>
<h3>In Chongqing</h3>
<ul>
<li>28 July: former site of the Korean Provisional Government</li>
<li>29 July: meeting with descendants of independence fighters</li>
</ul>
""",
            "ko": """
<p>오세훈 시장은 순방 두 번째 방문지인 충칭에서 1945년 광복 전 임시정부가 중국에서 마지막으로 자리했던 청사를 찾아 선열의 뜻을 기렸다.</p>
<p>이어 독립유공자 후손들과 간담회를 열고, 조국 독립을 위해 헌신한 가족들에게 감사의 뜻을 전했다.</p>
<h3>충칭 일정</h3>
<ul>
<li>7월 28일: 대한민국 임시정부 청사 방문</li>
<li>7월 29일: 독립유공자 후손 간담회</li>
</ul>
""",
        },
    },
    {
        # No Japanese translation.
        "number": "SMG-2024-0731-01",
        "slug": "seoul-and-beijing-mayors-meet-first-time-since-2018",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 7, 31, 8, 0),
        "topics": ["diplomacy"],
        "engagements": ["yin-yong"],
        "photos": ["2024-beijing-yin-yong"],
        "title": {
            "en": "Mayors of Seoul and Beijing meet for the first time since 2018",
            "ko": "서울·베이징 시장, 2018년 이후 첫 회담",
            "zh-hans": "首尔与北京市长自2018年以来首次会谈",
        },
        "subtitle": {
            "en": "Oh Se-hoon and Yin Yong discuss restoring city diplomacy between the two capitals",
            "ko": "오세훈·인융 시장, 두 수도 간 도시외교 복원 논의",
            "zh-hans": "吴世勋与殷勇探讨恢复两座首都之间的城市外交",
        },
        "lead": {
            "en": "Seoul Mayor Oh Se-hoon met Beijing Mayor Yin Yong on Tuesday 30 July, in the first high-level talks between the mayors of the two capitals since 2018.",
            "ko": "오세훈 서울시장이 7월 30일(화) 베이징에서 인융 베이징시장과 만났다. 두 수도 시장 간 고위급 회담은 2018년 이후 처음이다.",
            "zh-hans": "首尔市长吴世勋于7月30日（星期二）在北京会见北京市市长殷勇，这是两市市长自2018年以来的首次高层会谈。",
        },
        "body": {
            "en": """
<p>Mayor Oh Se-hoon met Mayor Yin Yong of Beijing on 30 July. No meeting at this level had taken place between the two capitals since 2018.</p>
<p>The talks were about restoring city diplomacy between Seoul and Beijing after several quiet years.</p>
<h3>On the table</h3>
<ul>
<li>Restarting regular exchanges between the two city governments</li>
<li>More exchanges in culture and tourism, and between young people</li>
<li>Cooperation between companies of both cities</li>
</ul>
""",
            "ko": """
<p>오세훈 시장은 30일 인융 베이징시장과 회담했다. 두 수도 사이에 이 급의 만남이 이뤄진 것은 2018년 이후 처음이다.</p>
<p>이번 회담은 몇 년간 주춤했던 서울과 베이징의 도시외교를 되살리는 데 초점을 맞췄다.</p>
<h3>주요 논의 내용</h3>
<ul>
<li>양 시 정부 간 정례 교류 재개</li>
<li>문화·관광·청년 교류 확대</li>
<li>양 도시 기업 간 협력</li>
</ul>
""",
            "zh-hans": """
<p>吴世勋市长30日与殷勇市长举行会谈。这是两座首都自2018年以来首次举行此级别的会晤。</p>
<p>会谈的重点是恢复近年来有所沉寂的首尔与北京城市外交。</p>
<h3>会谈要点</h3>
<ul>
<li>恢复两市政府间的定期交流</li>
<li>扩大文化、旅游和青年交流</li>
<li>推动两市企业合作</li>
</ul>
""",
        },
    },
    {
        # Complete in all four languages.
        "number": "SMG-2024-0731-02",
        "slug": "mayor-oh-watches-humanoid-robot-tiangong-in-beijing",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 7, 31, 17, 0),
        "topics": ["robotics"],
        "engagements": ["robot-center"],
        "photos": ["2024-beijing-tiangong", "2024-beijing-robot-arms"],
        # A video link (press/models/videos.py): an illustrative address on the city's
        # YouTube channel, shown as a card that links out; its event page shows it too.
        "videos": [
            {
                "url": "https://www.youtube.com/watch?v=SMGdemo2024",
                "title": {
                    "en": "Mayor Oh meets the humanoid robot Tiangong",
                    "ko": "오세훈 시장, 휴머노이드 로봇 톈궁을 만나다",
                    "zh-hans": "吴世勋市长与人形机器人天工见面",
                    "ja": "呉世勲市長、ヒューマノイドロボット「天工」と対面",
                },
                "duration": dt.timedelta(minutes=2, seconds=48),
            },
        ],
        # A public change note (press/models/notes.py): shown under the date, and the
        # date of the release's last change in its feeds and the sitemap.
        "change_notes": [
            {
                "noted_at": dt.datetime(2024, 8, 2, 11, 0),
                "note": {
                    "en": "Tiangong's figures were checked against the Innovation Center's briefing: up to 85 % accuracy in imitating facial expressions, and loads of up to 5 kg.",
                    "ko": "톈궁의 수치를 혁신센터 브리핑 자료와 대조해 확인했습니다: 얼굴 표정 모방 정확도 최대 85%, 최대 5kg 운반.",
                    "zh-hans": "“天工”的各项数据已与创新中心的介绍资料核对：模仿面部表情准确率最高85%，最大负重5公斤。",
                    "ja": "天工の数値を、イノベーションセンターの説明資料と照合しました。表情の再現精度は最大85%、持ち上げられる重さは最大5kgです。",
                },
            }
        ],
        "title": {
            "en": "Mayor Oh watches the humanoid robot Tiangong run in Beijing",
            "ko": "오세훈 시장, 베이징서 휴머노이드 로봇 '톈궁' 달리는 모습 살펴",
            "zh-hans": "吴世勋市长在北京观看人形机器人“天工”奔跑",
            "ja": "呉世勲市長、北京でヒューマノイド「天工」の走行を視察",
        },
        "subtitle": {
            "en": "A visit to China's first provincial-level humanoid robot centre feeds into Seoul's robot plan",
            "ko": "중국 첫 성급 휴머노이드 로봇 혁신센터 방문…서울 로봇산업 계획에 참고",
            "zh-hans": "考察中国首个省级人形机器人创新中心，为首尔机器人产业规划提供借鉴",
            "ja": "中国初の省級人型ロボットセンターを訪問、ソウルのロボット計画に生かす",
        },
        "lead": {
            "en": "On the morning of 31 July Mayor Oh Se-hoon visited the Beijing Humanoid Robot Innovation Center in E-Town, where the all-electric humanoid Tiangong runs at 6 km/h.",
            "ko": "오세훈 서울시장이 31일 오전 베이징 경제기술개발구의 베이징 휴머노이드 로봇 혁신센터를 찾아 시속 6㎞로 달리는 전기 구동 휴머노이드 '톈궁'을 살펴봤다.",
            "zh-hans": "7月31日上午，首尔市长吴世勋参观了位于北京亦庄的北京人形机器人创新中心，观看了时速6公里的全电驱人形机器人“天工”。",
            "ja": "呉世勲ソウル市長は7月31日午前、北京亦荘の北京人型ロボットイノベーションセンターを訪れ、時速6kmで走る全電動ヒューマノイド「天工」を視察した。",
        },
        "body": {
            "en": """
<p>On Wednesday morning Mayor Oh Se-hoon toured the Beijing Humanoid Robot Innovation Center in the Beijing Economic-Technological Development Area, known as E-Town or Yizhuang.</p>
<p>The centre is the first of its kind in China at provincial level. It was founded jointly by the Beijing Municipal Bureau of Economy and Information Technology, Beijing Jingcheng Machinery Electric, Xiaomi Robotics, UBTech and a robot company based in E-Town.</p>
<h2>Tiangong in numbers</h2>
<ul>
<li>Runs at 6 km/h on electric power alone</li>
<li>Imitates human facial expressions with up to 85 % accuracy</li>
<li>Lifts up to 5 kg</li>
</ul>
<p>The mayor also saw robot arms and electronic skin made at the centre. Seoul announced a plan for its robot industry in July 2023 and is preparing the Suseo Robot Cluster and a Robot and AI Science Museum.</p>
""",
            "ko": """
<p>오세훈 시장은 31일(수) 오전 '이좡'으로도 불리는 베이징 경제기술개발구의 베이징 휴머노이드 로봇 혁신센터를 방문했다.</p>
<p>이 센터는 중국에서 처음 세워진 성급 휴머노이드 로봇 혁신센터로, 베이징시 경제정보화국과 베이징 징청기전, 샤오미 로보틱스, 유비테크, 이좡의 로봇산업 기업이 함께 설립했다.</p>
<h2>숫자로 본 톈궁</h2>
<ul>
<li>전기로만 움직이며 시속 6㎞로 달린다</li>
<li>사람의 얼굴 표정을 최대 85%까지 따라 한다</li>
<li>최대 5㎏을 들어 올린다</li>
</ul>
<p>오 시장은 로봇 팔과 전자 피부 기술도 둘러봤다. 서울시는 2023년 7월 로봇산업 육성 계획을 발표했으며, 수서 로봇클러스터와 로봇·AI 과학관을 준비하고 있다.</p>
""",
            "zh-hans": """
<p>7月31日（星期三）上午，吴世勋市长参观了位于北京经济技术开发区（亦庄）的北京人形机器人创新中心。</p>
<p>该中心是中国首个省级人形机器人创新中心，由北京市经济和信息化局、北京京城机电、小米机器人、优必选以及一家亦庄机器人企业共同组建。</p>
<h2>“天工”的几项数据</h2>
<ul>
<li>全电驱动，奔跑时速6公里</li>
<li>模仿人类面部表情，准确率最高达85%</li>
<li>最多可搬运5公斤重物</li>
</ul>
<p>吴市长还参观了机械臂和电子皮肤技术。首尔市于2023年7月发布了机器人产业发展计划，正在筹建水西机器人产业集群和机器人与人工智能科学馆。</p>
""",
            "ja": """
<p>呉世勲市長は31日（水）午前、「亦荘」とも呼ばれる北京経済技術開発区の北京人型ロボットイノベーションセンターを訪問した。</p>
<p>同センターは中国で初めての省級の人型ロボットセンターで、北京市経済・情報化局、北京京城機電、シャオミ・ロボティクス、UBTECH、亦荘のロボット企業が共同で設立した。</p>
<h2>数字で見る天工</h2>
<ul>
<li>全電動で、時速6kmで走る</li>
<li>人の表情を最大85%の精度で再現する</li>
<li>最大5kgの物を持ち上げる</li>
</ul>
<p>市長はロボットアームや電子皮膚の技術も見学した。ソウル市は2023年7月にロボット産業育成計画を発表しており、水西ロボットクラスターとロボット・AI科学館の整備を進めている。</p>
""",
        },
    },
    {
        # Korean only: every other language falls back to it.
        "number": "SMG-2024-0801-01",
        "slug": "oh-se-hoon-zhongguancun-wake-up-call",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 8, 1, 9, 0),
        "topics": ["startups"],
        "engagements": ["exhibition-hall", "innoway", "pku-camp", "kic-china"],
        "photos": ["2024-beijing-innoway", "2024-beijing-pku-camp", "2024-beijing-kic-china"],
        "title": {"ko": '오세훈 시장, 중관촌 창업거리서 "정신이 번쩍 난다"'},
        "subtitle": {"ko": "KIC 중국 간담회서 기초과학·5G 격차 경고 들어"},
        "lead": {
            "ko": "오세훈 서울시장이 31일 오후 '중국의 실리콘밸리' 중관촌을 찾아 창업거리와 베이징대 창업훈련영을 둘러보고, KIC 중국에서 현지 기술 동향에 대한 설명을 들었다.",
        },
        "body": {
            "ko": """
<p>오세훈 시장은 31일(수) 오후 바이두·레노버·텐센트·샤오미가 출발한 베이징 중관촌을 방문해 중관촌 전시관부터 둘러봤다.</p>
<h2>중관촌 창업거리</h2>
<p>2014년 6월 문을 연 창업거리는 길이 220m, 연면적 4만5천㎡ 규모다. 창업지원기관 약 50곳이 자리하고 있으며, 지금까지 3천 건이 넘는 인큐베이팅 프로그램이 이곳에서 진행됐다.</p>
<p>오 시장은 지상 1층부터 지하 2층까지 5천㎡ 규모로 조성된 베이징대 창업훈련영도 찾았다.</p>
<h2>KIC 중국 간담회</h2>
<p>KIC 중국은 과학기술정보통신부 산하 비영리기관으로 2016년 문을 열었다. 김종문 센터장은 한국이 기초과학과 5G 분야에서 중국에 뒤처져 있다고 짚었고, 오 시장은 "정신이 번쩍 난다"고 답했다.</p>
<ul>
<li>중관촌 전시관</li>
<li>중관촌 창업거리</li>
<li>베이징대 창업훈련영</li>
<li>KIC 중국</li>
</ul>
""",
        },
    },
    {
        # No Chinese translation, and the Japanese one is still being checked: the release
        # is out in English and Korean only. Japanese readers see it in English with a
        # "translation pending" note, and the Japanese feeds leave it out until a
        # translator marks Japanese ready.
        "number": "SMG-2024-0801-02",
        "slug": "last-day-in-beijing-urban-planning-korean-businesses-culture",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2024, 8, 1, 20, 0),
        "ready": ["en", "ko"],
        "topics": ["urban-regeneration", "culture"],
        "engagements": [
            "wangjing-soho",
            "dawangjing-park",
            "korean-companies",
            "culture",
            "wanda-booth",
        ],
        "photos": [
            "2024-beijing-wangjing-soho",
            "2024-beijing-dawangjing-park",
            "2024-beijing-korean-companies",
            "2024-beijing-wanda-booth",
        ],
        "title": {
            "en": "Last day in Beijing: urban planning, Korean businesses and culture",
            "ko": "베이징 마지막 날…도시계획·한국기업·문화교류",
            "ja": "北京最終日、都市計画・韓国企業・文化交流",
        },
        "subtitle": {
            "en": "Mayor Oh visits Wangjing SOHO and Dawangjing Central Park and meets about 30 Korean companies",
            "ko": "오세훈 시장, 왕징 소호·다왕징 중앙공원 방문하고 한국기업 30여 곳 만나",
            "ja": "呉世勲市長、望京SOHOと大望京公園を視察し、韓国企業約30社と懇談",
        },
        "lead": {
            "en": "On 1 August, the last day of his trip, Mayor Oh Se-hoon was briefed on Beijing's urban planning in Chaoyang District, met Korean companies and held a cultural exchange with leaders of China's fashion and entertainment industries.",
            "ko": "오세훈 서울시장은 순방 마지막 날인 1일 차오양구에서 베이징의 도시계획을 살펴보고, 한국기업과 중국 패션·엔터테인먼트 업계 인사들을 잇달아 만났다.",
            "ja": "呉世勲ソウル市長は訪問最終日の8月1日、朝陽区で北京の都市計画について説明を受け、韓国企業や中国のファッション・エンタメ業界の関係者と相次いで会った。",
        },
        "body": {
            "en": """
<p>Mayor Oh Se-hoon began the last day of his trip at Wangjing SOHO in Chaoyang District. The complex was designed by Zaha Hadid, the architect of Seoul's Dongdaemun Design Plaza.</p>
<p>At Dawangjing Central Park nearby he was briefed on Beijing's urban planning and its strategy for green space.</p>
<h2>Korean companies and cultural exchange</h2>
<ul>
<li>About 30 Korean companies working in Beijing, among them POSCO China and Seoul Dairy Cooperative, met the mayor to talk about doing business in the city.</li>
<li>In the afternoon he met the chief executives of Trends Group, China's largest fashion-magazine group, and of Shero Entertainment, together with a Kunqu opera performer.</li>
<li>He also stopped at a booth promoting Seoul at Wukesong Wanda Plaza.</li>
</ul>
""",
            "ko": """
<p>오세훈 시장은 1일(목) 오전 차오양구의 왕징 소호를 찾았다. 서울 동대문디자인플라자(DDP)를 설계한 건축가 자하 하디드의 작품이다.</p>
<p>인근 다왕징 중앙공원에서는 베이징의 도시계획과 녹지 전략에 관한 설명을 들었다.</p>
<h2>한국기업 간담회와 문화교류</h2>
<ul>
<li>포스코차이나, 서울우유 등 베이징에 진출한 한국기업 약 30곳과 간담회를 열었다.</li>
<li>오후에는 중국 최대 패션잡지 그룹인 트렌즈그룹과 셰로 엔터테인먼트의 대표, 곤곡 배우와 만나 문화교류 방안을 나눴다.</li>
<li>우커쑹 완다광장에 마련된 서울 홍보부스도 찾았다.</li>
</ul>
""",
            "ja": """
<p>呉世勲市長は1日（木）午前、朝陽区の望京SOHOを訪れた。ソウルの東大門デザインプラザ（DDP）を設計した建築家ザハ・ハディドの作品である。</p>
<p>近くの大望京公園では、北京の都市計画と緑地戦略について説明を受けた。</p>
<h2>韓国企業との懇談と文化交流</h2>
<ul>
<li>ポスコ中国やソウル牛乳など、北京に進出している韓国企業約30社と懇談した。</li>
<li>午後には中国最大のファッション誌グループであるトレンズ・グループとShero Entertainmentの代表、昆劇の俳優と会い、文化交流について意見を交わした。</li>
<li>五棵松万達広場に設けられたソウルのPRブースにも立ち寄った。</li>
</ul>
""",
        },
    },
    {
        # A draft: never public until an editor approves it.
        "number": "SMG-2024-0805",
        "slug": "nine-days-three-cities-what-seoul-brings-home",
        "original_language": "ko",
        "status": "draft",
        "published_at": None,
        "topics": ["diplomacy", "robotics", "startups"],
        "engagements": ["yin-yong", "robot-center", "innoway", "wangjing-soho"],
        "photos": ["2024-beijing-tiangong", "2024-beijing-innoway"],
        "title": {
            "en": "Nine days, three cities: what Seoul brings home from Paris, Chongqing and Beijing",
            "ko": "9일, 3개 도시…파리·충칭·베이징 순방 성과",
        },
        "subtitle": {
            "en": "Draft: results of Mayor Oh Se-hoon's trip and next steps",
            "ko": "초안: 오세훈 시장 순방 성과와 후속 과제",
        },
        "lead": {
            "en": "A summary of the trip's results, for release after the mayor's return. Editors: check every figure with the international affairs team before publishing.",
            "ko": "시장 귀국 후 배포할 순방 성과 요약. 편집자: 배포 전 국제협력과와 수치를 확인할 것.",
        },
        "body": {
            "en": """
<p>Mayor Oh Se-hoon is back from a nine-day trip that took him to Paris, Chongqing and Beijing from 24 July to 1 August 2024.</p>
<h2>Results</h2>
<ul>
<li>City diplomacy: the first talks between the mayors of Seoul and Beijing since 2018.</li>
<li>Robotics: the Beijing Humanoid Robot Innovation Center and its humanoid Tiangong.</li>
<li>Startups: InnoWay in Zhongguancun and a briefing at KIC China.</li>
<li>Urban planning: Wangjing SOHO and Dawangjing Central Park.</li>
</ul>
<p>Next steps: to be confirmed with the departments concerned.</p>
""",
            "ko": """
<p>오세훈 시장이 2024년 7월 24일부터 8월 1일까지 9일간의 파리·충칭·베이징 순방을 마치고 돌아왔다.</p>
<h2>주요 성과</h2>
<ul>
<li>도시외교: 2018년 이후 첫 서울·베이징 시장 회담</li>
<li>로봇: 베이징 휴머노이드 로봇 혁신센터와 휴머노이드 '톈궁'</li>
<li>창업: 중관촌 창업거리, KIC 중국 간담회</li>
<li>도시계획: 왕징 소호, 다왕징 중앙공원</li>
</ul>
<p>후속 과제: 관련 부서와 협의 후 확정.</p>
""",
        },
    },
    {
        # Scheduled: approved, but under embargo until its time comes. No Japanese.
        "number": "SMG-2024-0731-FU",
        "slug": "after-beijing-seoul-turns-to-its-own-robot-cluster",
        "original_language": "ko",
        "status": "scheduled",
        "publish_in_days": 60,
        "topics": ["robotics", "startups"],
        "engagements": ["robot-center"],
        "photos": ["2024-beijing-robot-arms"],
        "title": {
            "en": "After Beijing, Seoul turns to its own robot cluster",
            "ko": "베이징 이후, 서울 로봇클러스터로 이어간다",
            "zh-hans": "从北京归来，首尔着力打造自己的机器人产业集群",
        },
        "subtitle": {
            "en": "Follow-up to Mayor Oh Se-hoon's visit to the Beijing Humanoid Robot Innovation Center",
            "ko": "오세훈 시장의 베이징 휴머노이드 로봇 혁신센터 방문 후속",
            "zh-hans": "吴世勋市长考察北京人形机器人创新中心后续",
        },
        "lead": {
            "en": "Seoul is taking what its delegation saw in Beijing's E-Town into the planning of the Suseo Robot Cluster and a Robot and AI Science Museum.",
            "ko": "서울시가 베이징 이좡에서 본 현장을 수서 로봇클러스터와 로봇·AI 과학관 계획에 반영한다.",
            "zh-hans": "首尔市将把代表团在北京亦庄的见闻融入水西机器人产业集群和机器人与人工智能科学馆的规划。",
        },
        "body": {
            "en": """
<p>On his trip to Beijing in the summer of 2024, Mayor Oh Se-hoon saw how a city-backed innovation centre brings robot makers, researchers and government under one roof.</p>
<p>Seoul set out its plan for the robot industry in July 2023. Two of its projects draw on the visit:</p>
<ul>
<li>the Suseo Robot Cluster, a planned home for robot companies in south-east Seoul;</li>
<li>a Robot and AI Science Museum for citizens and students.</li>
</ul>
<p>The Seoul Metropolitan Government will announce further details as the projects progress.</p>
""",
            "ko": """
<p>오세훈 시장은 2024년 여름 베이징 순방에서 시 정부가 뒷받침하는 혁신센터가 로봇 기업과 연구자, 행정을 한곳에 모으는 모습을 살펴봤다.</p>
<p>서울시는 2023년 7월 로봇산업 육성 계획을 내놓았다. 이 가운데 두 사업에 순방 결과를 반영한다.</p>
<ul>
<li>동남권에 조성하는 수서 로봇클러스터</li>
<li>시민과 학생을 위한 로봇·AI 과학관</li>
</ul>
<p>세부 내용은 사업 진행에 맞춰 서울시가 따로 알릴 예정이다.</p>
""",
            "zh-hans": """
<p>2024年夏天访问北京期间，吴世勋市长考察了一座由政府支持的创新中心如何把机器人企业、研究人员和政府部门聚集在一起。</p>
<p>首尔市于2023年7月发布机器人产业发展计划，其中两个项目将借鉴此次考察：</p>
<ul>
<li>位于首尔东南部的水西机器人产业集群；</li>
<li>面向市民和学生的机器人与人工智能科学馆。</li>
</ul>
<p>首尔市政府将随项目进展另行公布详细信息。</p>
""",
        },
    },
]
