# Prose in four scripts: long lines and CJK punctuation are meant.
# ruff: noqa: E501, RUF001
"""Trip A: Mayor Oh Se-hoon in Paris, Chongqing and Beijing, 24 July to 1 August 2024.

TRIPS.md gives the Beijing days in detail and the Chongqing stop in outline; it says nothing
about what happened in Paris, so the Paris leg carries only the delegation's arrival. Clock
times are illustrative: TRIPS.md only says "morning" (10:00 here) and "afternoon" (from 14:00)
for 31 July and 1 August, and every stop of those two days gets a plausible time so that the
itinerary reads in order. Days with a single stop have no time. Coordinates are given only
where we are sure of them. The releases of this trip are in ``releases_2024``.
"""

import datetime as dt

PLACES = [
    # Beijing, parents first.
    {
        "slug": "zhongguancun",
        "city": "beijing",
        "name": {"en": "Zhongguancun", "ko": "중관촌", "zh-hans": "中关村", "ja": "中関村"},
        "description": {
            "en": "The technology district in Haidian known as China's Silicon Valley, where Baidu, Lenovo, Tencent and Xiaomi got their start.",
            "ko": "'중국의 실리콘밸리'로 불리는 하이뎬구의 기술 단지. 바이두, 레노버, 텐센트, 샤오미가 이곳에서 출발했다.",
            "zh-hans": "位于海淀区、被称为“中国硅谷”的科技园区，百度、联想、腾讯和小米都从这里起步。",
            "ja": "「中国のシリコンバレー」と呼ばれる海淀区のテクノロジー地区。百度、レノボ、テンセント、シャオミがここから生まれた。",
        },
        "latitude": "39.983000",
        "longitude": "116.316000",
    },
    {
        "slug": "innoway",
        "city": "beijing",
        "parent": "zhongguancun",
        "name": {
            "en": "InnoWay",
            "ko": "중관촌 창업거리",
            "zh-hans": "中关村创业大街",
            "ja": "中関村創業大街",
        },
        "description": {
            "en": "A startup street opened in June 2014: 220 m long, with 45,000 m² of floor space, about 50 startup-support organisations and more than 3,000 incubation programmes to date.",
            "ko": "2014년 6월 문을 연 창업거리. 길이 220m, 연면적 4만5천㎡에 창업지원기관 약 50곳이 모여 있고, 지금까지 3천 건이 넘는 인큐베이팅 프로그램을 운영했다.",
            "zh-hans": "2014年6月开街的创业街区，全长220米，建筑面积4.5万平方米，汇聚约50家创业服务机构，累计开展孵化项目3000余个。",
            "ja": "2014年6月に開業した創業ストリート。全長220m、延べ床面積4万5千㎡に約50の創業支援機関が集まり、これまでに3千件を超えるインキュベーションプログラムを実施してきた。",
        },
        "latitude": "39.983600",
        "longitude": "116.307800",
    },
    {
        "slug": "zhongguancun-exhibition-hall",
        "city": "beijing",
        "parent": "zhongguancun",
        "name": {
            "en": "Zhongguancun Exhibition Hall",
            "ko": "중관촌 전시관",
            "zh-hans": "中关村展示中心",
            "ja": "中関村展示センター",
        },
        "description": {
            "en": "Where visitors are introduced to the district and the companies it produced.",
            "ko": "중관촌과 이곳에서 자란 기업들을 소개하는 전시 공간.",
        },
    },
    {
        "slug": "peking-university-entrepreneur-training-camp",
        "city": "beijing",
        "parent": "zhongguancun",
        "name": {
            "en": "Peking University Entrepreneur Training Camp",
            "ko": "베이징대 창업훈련영",
            "zh-hans": "北大创业训练营",
        },
        "description": {
            "en": "Training and shared work space for founders: 5,000 m² over three floors, from the ground floor down to the second basement.",
            "ko": "창업자를 위한 교육·공유 공간. 지상 1층부터 지하 2층까지 5천㎡ 규모다.",
            "zh-hans": "面向创业者的培训与共享办公空间，从地上一层到地下二层，面积5000平方米。",
        },
    },
    {
        "slug": "beijing-e-town",
        "city": "beijing",
        "name": {
            "en": "Beijing Economic-Technological Development Area (E-Town)",
            "ko": "베이징 경제기술개발구(이좡)",
            "zh-hans": "北京经济技术开发区（亦庄）",
            "ja": "北京経済技術開発区（亦荘）",
        },
        "description": {
            "en": "The industrial district in Yizhuang, south-east Beijing, known as E-Town.",
            "ko": "베이징 남동부 이좡에 있는 산업 단지. 'E-Town'으로도 불린다.",
            "zh-hans": "位于北京东南部亦庄的产业园区，又称“E-Town”。",
        },
    },
    {
        "slug": "beijing-humanoid-robot-innovation-center",
        "city": "beijing",
        "parent": "beijing-e-town",
        "name": {
            "en": "Beijing Humanoid Robot Innovation Center",
            "ko": "베이징 휴머노이드 로봇 혁신센터",
            "zh-hans": "北京人形机器人创新中心",
            "ja": "北京人型ロボットイノベーションセンター",
        },
        "description": {
            "en": "China's first provincial-level centre for humanoid robots, home of the all-electric humanoid Tiangong.",
            "ko": "중국 최초의 성급 휴머노이드 로봇 센터. 전기 구동 휴머노이드 '톈궁'이 이곳에서 나왔다.",
            "zh-hans": "中国首个省级人形机器人创新中心，全电驱人形机器人“天工”诞生于此。",
            "ja": "中国初の省級人型ロボットセンター。全電動ヒューマノイド「天工」を生んだ。",
        },
    },
    {
        "slug": "chaoyang-district",
        "city": "beijing",
        "name": {"en": "Chaoyang District", "ko": "차오양구", "zh-hans": "朝阳区", "ja": "朝陽区"},
    },
    {
        "slug": "wangjing-soho",
        "city": "beijing",
        "parent": "chaoyang-district",
        "name": {"en": "Wangjing SOHO", "ko": "왕징 소호", "zh-hans": "望京SOHO", "ja": "望京SOHO"},
        "description": {
            "en": "Office towers designed by Zaha Hadid, the architect of Seoul's Dongdaemun Design Plaza (DDP).",
            "ko": "서울 동대문디자인플라자(DDP)를 설계한 자하 하디드의 오피스 단지.",
            "zh-hans": "由首尔东大门设计广场（DDP）的设计者扎哈·哈迪德设计的办公楼群。",
            "ja": "ソウルの東大門デザインプラザ（DDP）を手がけたザハ・ハディドが設計したオフィス群。",
        },
        "latitude": "39.996300",
        "longitude": "116.480700",
    },
    {
        "slug": "dawangjing-central-park",
        "city": "beijing",
        "parent": "chaoyang-district",
        "name": {
            "en": "Dawangjing Central Park",
            "ko": "다왕징 중앙공원",
            "zh-hans": "大望京公园",
            "ja": "大望京公園",
        },
        "description": {"en": "A park in the Wangjing area of Chaoyang District."},
    },
    {
        "slug": "wukesong-wanda-plaza",
        "city": "beijing",
        "name": {
            "en": "Wukesong Wanda Plaza",
            "ko": "우커쑹 완다광장",
            "zh-hans": "五棵松万达广场",
        },
        "description": {"en": "A shopping centre in western Beijing."},
    },
    # Chongqing
    {
        "slug": "korean-provisional-government-chongqing",
        "city": "chongqing",
        "name": {
            "en": "Former site of the Korean Provisional Government in Chongqing",
            "ko": "충칭 대한민국 임시정부 청사",
            "zh-hans": "重庆大韩民国临时政府旧址",
            "ja": "重慶大韓民国臨時政府旧跡",
        },
        "description": {
            "en": "The last seat of the Korean Provisional Government in China before Korea's liberation in 1945.",
            "ko": "1945년 광복 전 대한민국 임시정부가 중국에서 마지막으로 자리했던 청사.",
            "zh-hans": "1945年韩国光复之前，大韩民国临时政府在中国的最后一处办公旧址。",
        },
    },
]

VISIT = {
    "slug": "oh-se-hoon-paris-chongqing-beijing-2024",
    "official": "oh-se-hoon",
    "title": {
        "en": "Mayor Oh Se-hoon in Paris, Chongqing and Beijing",
        "ko": "오세훈 시장 파리·충칭·베이징 순방",
        "zh-hans": "吴世勋市长访问巴黎、重庆和北京",
        "ja": "呉世勲市長、パリ・重慶・北京を訪問",
    },
    "summary": {
        "en": "Over nine days at the end of July 2024, Mayor Oh Se-hoon travelled to Paris, then to Chongqing and Beijing. In Beijing he held the first talks between the two capitals' mayors since 2018 and looked at how the city grows its robot and startup industries.",
        "ko": "오세훈 시장은 2024년 7월 말 9일 동안 파리를 거쳐 충칭과 베이징을 방문했다. 베이징에서는 2018년 이후 처음으로 두 수도의 시장이 마주 앉았고, 로봇·창업 산업을 키우는 현장을 둘러봤다.",
        "zh-hans": "2024年7月底，吴世勋市长进行了为期九天的出访，先后到访巴黎、重庆和北京。在北京，他与北京市市长举行了两市自2018年以来的首次市长会谈，并考察了机器人和创业产业。",
        "ja": "呉世勲市長は2024年7月末の9日間、パリを経て重慶と北京を訪れた。北京では2018年以来初めてとなる両首都の市長会談を行い、ロボット産業とスタートアップ支援の現場を視察した。",
    },
    "purpose": {
        "en": "To restore city diplomacy with Beijing, and to learn from China's robotics and startup hubs for Seoul's own robot industry plan.",
        "ko": "베이징과의 도시외교를 복원하고, 서울 로봇산업 계획에 참고할 중국의 로봇·창업 현장을 살펴보기 위해.",
        "zh-hans": "恢复与北京的城市外交，并为首尔的机器人产业规划借鉴中国机器人与创业基地的经验。",
    },
    "start_date": dt.date(2024, 7, 24),
    "end_date": dt.date(2024, 8, 1),
    "status": "published",
    "published_at": dt.datetime(2024, 7, 22, 10, 0),  # Seoul time
    "legs": [
        {"city": "paris", "start_date": dt.date(2024, 7, 24), "end_date": dt.date(2024, 7, 27)},
        {"city": "chongqing", "start_date": dt.date(2024, 7, 28), "end_date": dt.date(2024, 7, 29)},
        {"city": "beijing", "start_date": dt.date(2024, 7, 30), "end_date": dt.date(2024, 8, 1)},
    ],
    # "key" only links engagements to the releases, coverage and photos below; the loader
    # finds an engagement again by its trip, date and English title.
    "engagements": [
        {
            "key": "paris-arrival",
            "date": dt.date(2024, 7, 24),
            "kind": "other",
            "title": {
                "en": "Arrival in Paris",
                "ko": "파리 도착",
                "zh-hans": "抵达巴黎",
                "ja": "パリ到着",
            },
            "description": {
                "en": "The delegation begins the trip in the French capital.",
                "ko": "대표단이 프랑스 수도에서 순방 일정을 시작한다.",
            },
        },
        {
            "key": "provisional-government",
            "date": dt.date(2024, 7, 28),
            "kind": "ceremony",
            "place": "korean-provisional-government-chongqing",
            "title": {
                "en": "Visit to the former site of the Korean Provisional Government",
                "ko": "대한민국 임시정부 충칭 청사 방문",
                "zh-hans": "参观重庆大韩民国临时政府旧址",
                "ja": "重慶の大韓民国臨時政府旧跡を訪問",
            },
            "description": {
                "en": "The mayor pays tribute at the building where the Provisional Government worked until Korea's liberation.",
                "ko": "광복 때까지 임시정부가 일했던 청사에서 선열의 뜻을 기린다.",
                "zh-hans": "市长在临时政府办公至韩国光复的旧址缅怀先烈。",
            },
        },
        {
            "key": "descendants",
            "date": dt.date(2024, 7, 29),
            "kind": "meeting",
            "title": {
                "en": "Meeting with descendants of independence fighters",
                "ko": "독립유공자 후손 간담회",
                "zh-hans": "与独立运动人士后裔座谈",
                "ja": "独立運動家の子孫との懇談",
            },
            "description": {
                "en": "Mayor Oh thanks the families of Korea's independence fighters for what they gave.",
                "ko": "오 시장이 독립유공자 후손들에게 감사의 뜻을 전한다.",
            },
        },
        {
            "key": "yin-yong",
            "date": dt.date(2024, 7, 30),
            "kind": "meeting",
            "people": ["yin-yong"],
            "organizations": ["beijing-municipal-government"],
            "title": {
                "en": "Talks with Beijing Mayor Yin Yong",
                "ko": "인융 베이징시장 회담",
                "zh-hans": "与北京市市长殷勇会谈",
                "ja": "殷勇北京市長と会談",
            },
            "description": {
                "en": "The first high-level talks between the mayors of Seoul and Beijing since 2018, meant to restore city diplomacy between the two capitals.",
                "ko": "2018년 이후 처음 열리는 서울·베이징 시장 간 고위급 회담으로, 두 수도의 도시외교 복원이 목표다.",
                "zh-hans": "首尔和北京两市市长自2018年以来的首次高层会谈，旨在恢复两座首都之间的城市外交。",
                "ja": "2018年以来初めてとなるソウル・北京両市長の高官級会談で、両首都の都市外交の回復を目指す。",
            },
        },
        {
            "key": "robot-center",
            "date": dt.date(2024, 7, 31),
            "time": dt.time(10, 0),
            "kind": "site_visit",
            "place": "beijing-humanoid-robot-innovation-center",
            "organizations": [
                "beijing-humanoid-robot-innovation-center",
                "beijing-bureau-of-economy-and-information-technology",
                "beijing-jingcheng-machinery-electric",
                "xiaomi-robotics",
                "ubtech",
            ],
            "title": {
                "en": "Beijing Humanoid Robot Innovation Center",
                "ko": "베이징 휴머노이드 로봇 혁신센터 방문",
                "zh-hans": "参观北京人形机器人创新中心",
                "ja": "北京人型ロボットイノベーションセンターを視察",
            },
            "description": {
                "en": "China's first provincial-level humanoid robot centre, in E-Town. The mayor watches the electric humanoid Tiangong run and sees robot arms and electronic skin.",
                "ko": "베이징 경제기술개발구(이좡)에 있는 중국 최초의 성급 휴머노이드 로봇 센터. 전기 구동 휴머노이드 '톈궁'이 달리는 모습과 로봇 팔, 전자 피부를 살펴본다.",
                "zh-hans": "位于北京经济技术开发区（亦庄）的中国首个省级人形机器人创新中心。市长观看全电驱人形机器人“天工”奔跑，并了解机械臂和电子皮肤。",
                "ja": "北京経済技術開発区（亦荘）にある中国初の省級人型ロボットセンター。電動ヒューマノイド「天工」の走行や、ロボットアーム、電子皮膚を見学する。",
            },
        },
        {
            "key": "exhibition-hall",
            "date": dt.date(2024, 7, 31),
            "time": dt.time(14, 0),
            "kind": "site_visit",
            "place": "zhongguancun-exhibition-hall",
            "title": {
                "en": "Zhongguancun Exhibition Hall",
                "ko": "중관촌 전시관 방문",
                "zh-hans": "参观中关村展示中心",
            },
            "description": {
                "en": "An introduction to the district where Baidu, Lenovo, Tencent and Xiaomi started out.",
                "ko": "바이두·레노버·텐센트·샤오미가 출발한 중관촌에 대한 소개를 듣는다.",
                "zh-hans": "了解百度、联想、腾讯和小米起步的地方。",
            },
        },
        {
            "key": "innoway",
            "date": dt.date(2024, 7, 31),
            "time": dt.time(14, 45),
            "kind": "site_visit",
            "place": "innoway",
            "title": {
                "en": "InnoWay startup street",
                "ko": "중관촌 창업거리 방문",
                "zh-hans": "走访中关村创业大街",
                "ja": "中関村創業大街を訪問",
            },
            "description": {
                "en": "A walk down the 220-metre street that has hosted more than 3,000 incubation programmes since June 2014.",
                "ko": "2014년 6월 이후 3천 건이 넘는 인큐베이팅 프로그램이 열린 220m 길이의 거리를 걷는다.",
                "zh-hans": "走访自2014年6月以来已开展3000余个孵化项目的220米长街。",
                "ja": "2014年6月以来、3千件を超えるインキュベーションプログラムが行われた全長220mの通りを歩く。",
            },
        },
        {
            "key": "pku-camp",
            "date": dt.date(2024, 7, 31),
            "time": dt.time(15, 30),
            "kind": "site_visit",
            "place": "peking-university-entrepreneur-training-camp",
            "title": {
                "en": "Peking University Entrepreneur Training Camp",
                "ko": "베이징대 창업훈련영 방문",
                "zh-hans": "参观北大创业训练营",
            },
            "description": {
                "en": "A look at 5,000 m² of training rooms and shared offices for founders.",
                "ko": "창업자를 위한 5천㎡ 규모의 교육장과 공유 사무실을 둘러본다.",
            },
        },
        {
            "key": "kic-china",
            "date": dt.date(2024, 7, 31),
            "time": dt.time(16, 30),
            "kind": "briefing",
            "place": "zhongguancun",
            "people": ["kim-jong-moon"],
            "organizations": ["kic-china"],
            "title": {
                "en": "Briefing at Korea Innovation Center China",
                "ko": "KIC 중국 간담회",
                "zh-hans": "韩国创新中心（中国）座谈",
                "ja": "KIC中国で懇談",
            },
            "description": {
                "en": "Kim Jong-moon, head of the centre, warns that Korea lags China in basic science and 5G; the mayor calls it a wake-up call.",
                "ko": '김종문 센터장은 한국이 기초과학과 5G에서 중국에 뒤처져 있다고 경고했고, 오 시장은 "정신이 번쩍 난다"고 답했다.',
                "zh-hans": "中心负责人提醒，韩国在基础科学和5G领域落后于中国；吴市长表示这让他猛然警醒。",
                "ja": "センター長は、韓国が基礎科学と5Gで中国に後れを取っていると警告し、呉市長は「目が覚める思いだ」と応じた。",
            },
        },
        {
            "key": "wangjing-soho",
            "date": dt.date(2024, 8, 1),
            "time": dt.time(10, 0),
            "kind": "site_visit",
            "place": "wangjing-soho",
            "title": {
                "en": "Wangjing SOHO",
                "ko": "왕징 소호 방문",
                "zh-hans": "参观望京SOHO",
                "ja": "望京SOHOを視察",
            },
            "description": {
                "en": "A visit to the towers by Zaha Hadid, who also designed Seoul's Dongdaemun Design Plaza.",
                "ko": "서울 동대문디자인플라자(DDP)를 설계한 자하 하디드의 건물을 찾는다.",
                "ja": "ソウルの東大門デザインプラザ（DDP）も手がけたザハ・ハディドの建築を訪ねる。",
            },
        },
        {
            "key": "dawangjing-park",
            "date": dt.date(2024, 8, 1),
            "time": dt.time(10, 45),
            "kind": "briefing",
            "place": "dawangjing-central-park",
            "title": {
                "en": "Briefing on urban planning and green space at Dawangjing Central Park",
                "ko": "다왕징 중앙공원 도시계획·녹지 브리핑",
                "zh-hans": "在大望京公园听取城市规划和绿地建设介绍",
                "ja": "大望京公園で都市計画と緑地戦略の説明",
            },
            "description": {
                "en": "How Beijing plans its districts and its strategy for green space.",
                "ko": "베이징의 도시계획과 녹지 전략에 대한 설명을 듣는다.",
                "zh-hans": "了解北京的城市规划与绿地战略。",
            },
        },
        {
            "key": "korean-companies",
            "date": dt.date(2024, 8, 1),
            "time": dt.time(12, 0),
            "kind": "meeting",
            "organizations": ["posco-china", "seoul-dairy-cooperative"],
            "title": {
                "en": "Meeting with Korean companies in Beijing",
                "ko": "베이징 진출 한국기업 간담회",
                "zh-hans": "与在京韩国企业座谈",
                "ja": "北京進出韓国企業との懇談会",
            },
            "description": {
                "en": "About 30 Korean companies working in Beijing, among them POSCO China and Seoul Dairy Cooperative, meet the mayor.",
                "ko": "포스코차이나와 서울우유 등 베이징에 진출한 한국기업 약 30곳이 참석한다.",
                "zh-hans": "浦项（中国）、首尔牛奶等约30家在京韩国企业参加。",
                "ja": "ポスコ中国やソウル牛乳など、北京に進出した韓国企業約30社が参加する。",
            },
        },
        {
            "key": "culture",
            "date": dt.date(2024, 8, 1),
            "time": dt.time(14, 0),
            "kind": "culture",
            "organizations": ["trends-group", "shero-entertainment"],
            "title": {
                "en": "Cultural exchange with Trends Group, Shero Entertainment and a Kunqu performer",
                "ko": "트렌즈그룹·셰로 엔터테인먼트 대표, 곤곡 배우와 문화교류",
                "zh-hans": "与时尚集团、Shero Entertainment负责人及昆曲演员文化交流",
            },
            "description": {
                "en": "Talks with the chief executives of Trends Group, China's largest fashion-magazine group, and of Shero Entertainment, joined by a Kunqu opera performer.",
                "ko": "중국 최대 패션잡지 그룹인 트렌즈그룹과 셰로 엔터테인먼트의 대표, 곤곡 배우와 문화교류 방안을 나눈다.",
            },
        },
        {
            "key": "wanda-booth",
            "date": dt.date(2024, 8, 1),
            "time": dt.time(16, 30),
            "kind": "promotion",
            "place": "wukesong-wanda-plaza",
            "title": {
                "en": "Seoul promotion booth at Wukesong Wanda Plaza",
                "ko": "우커쑹 완다광장 서울 홍보부스",
                "zh-hans": "五棵松万达广场首尔推介展位",
                "ja": "五棵松万達広場のソウルPRブース",
            },
            "description": {
                "en": "A booth that introduces Seoul to shoppers in Beijing.",
                "ko": "베이징 시민에게 서울을 알리는 홍보부스를 찾는다.",
            },
        },
    ],
}

#: The trip's gallery, in order. "key" names the image file; times are local (Beijing or
#: Chongqing) and illustrative. The palette is (top, bottom, accent) of the stand-in image.
PHOTOS = [
    {
        "key": "2024-chongqing-provisional-government",
        "order": 1,
        "engagement": "provisional-government",
        "place": "korean-provisional-government-chongqing",
        "taken_at": dt.datetime(2024, 7, 28, 10, 30),
        "label": ("Provisional Government site", "Chongqing · 28 July 2024"),
        "palette": ("#c9b79c", "#6b4f3a", "#e8d9bf"),
        "caption": {
            "en": "Mayor Oh Se-hoon at the former site of the Korean Provisional Government in Chongqing.",
            "ko": "충칭 대한민국 임시정부 청사를 찾은 오세훈 시장.",
            "zh-hans": "吴世勋市长参观重庆大韩民国临时政府旧址。",
        },
        "alt_text": {
            "en": "The mayor and his delegation in the courtyard of a low historic building.",
            "ko": "오래된 낮은 건물의 마당에 선 시장과 대표단.",
        },
    },
    {
        "key": "2024-chongqing-descendants",
        "order": 2,
        "engagement": "descendants",
        "taken_at": dt.datetime(2024, 7, 29, 15, 0),
        "label": ("Descendants of independence fighters", "Chongqing · 29 July 2024"),
        "palette": ("#d8c3a5", "#8e6c4e", "#f2e6d0"),
        "caption": {
            "en": "Mayor Oh with descendants of Korean independence fighters in Chongqing.",
            "ko": "충칭에서 독립유공자 후손들과 만난 오세훈 시장.",
        },
        "alt_text": {"en": "The mayor shakes hands with an elderly woman across a meeting table."},
    },
    {
        "key": "2024-beijing-yin-yong",
        "order": 3,
        "engagement": "yin-yong",
        "taken_at": dt.datetime(2024, 7, 30, 16, 0),
        "label": ("Seoul and Beijing mayors meet", "Beijing · 30 July 2024"),
        "palette": ("#9fb1bc", "#2f4858", "#d7e1e6"),
        "caption": {
            "en": "Mayor Oh Se-hoon and Beijing Mayor Yin Yong before their talks, the first between the two capitals' mayors since 2018.",
            "ko": "회담에 앞서 인사하는 오세훈 서울시장과 인융 베이징시장. 두 수도 시장의 회담은 2018년 이후 처음이다.",
            "zh-hans": "会谈前，首尔市长吴世勋与北京市市长殷勇握手。这是两市市长自2018年以来的首次会谈。",
            "ja": "会談を前に握手する呉世勲ソウル市長と殷勇北京市長。両首都の市長会談は2018年以来初めて。",
        },
        "alt_text": {
            "en": "Two men in dark suits shake hands in front of the flags of their cities.",
            "ko": "양 도시의 깃발 앞에서 악수하는 두 시장.",
            "zh-hans": "两位身着深色西装的市长在两市旗帜前握手。",
        },
    },
    {
        "key": "2024-beijing-tiangong",
        "order": 4,
        "engagement": "robot-center",
        "place": "beijing-humanoid-robot-innovation-center",
        "taken_at": dt.datetime(2024, 7, 31, 10, 20),
        "label": ("Tiangong humanoid robot", "Beijing E-Town · 31 July 2024"),
        "palette": ("#b8c4c2", "#3d5a6c", "#e3ecea"),
        "caption": {
            "en": "The all-electric humanoid Tiangong, which runs at 6 km/h, at the Beijing Humanoid Robot Innovation Center.",
            "ko": "베이징 휴머노이드 로봇 혁신센터의 전기 구동 휴머노이드 '톈궁'. 시속 6㎞로 달린다.",
            "zh-hans": "北京人形机器人创新中心的全电驱人形机器人“天工”，奔跑时速可达6公里。",
            "ja": "北京人型ロボットイノベーションセンターの全電動ヒューマノイド「天工」。時速6kmで走る。",
        },
        "alt_text": {
            "en": "A white humanoid robot mid-stride on a test track while the mayor watches.",
            "ko": "시험 트랙을 달리는 흰색 휴머노이드 로봇과 이를 지켜보는 시장.",
            "zh-hans": "白色人形机器人在测试跑道上迈步，市长在一旁观看。",
            "ja": "試験走路を走る白いヒューマノイドと、それを見守る市長。",
        },
    },
    {
        "key": "2024-beijing-robot-arms",
        "order": 5,
        "engagement": "robot-center",
        "place": "beijing-humanoid-robot-innovation-center",
        "taken_at": dt.datetime(2024, 7, 31, 10, 50),
        "label": ("Robot arms and electronic skin", "Beijing E-Town · 31 July 2024"),
        "palette": ("#c5cbd3", "#4a5568", "#edf0f3"),
        "caption": {
            "en": "Researchers show the mayor robot arms and electronic skin.",
            "ko": "연구진이 오 시장에게 로봇 팔과 전자 피부 기술을 설명하고 있다.",
            "zh-hans": "研究人员向吴市长介绍机械臂和电子皮肤技术。",
        },
        "alt_text": {"en": "Two robot arms on a workbench, one holding a small box."},
    },
    {
        "key": "2024-beijing-innoway",
        "order": 6,
        "engagement": "innoway",
        "place": "innoway",
        "taken_at": dt.datetime(2024, 7, 31, 15, 0),
        "label": ("InnoWay, Zhongguancun", "Beijing · 31 July 2024"),
        "palette": ("#e0c9a6", "#5b6c5d", "#f4ead8"),
        "caption": {
            "en": "Mayor Oh walks down InnoWay, Zhongguancun's 220-metre startup street.",
            "ko": "길이 220m의 중관촌 창업거리를 걷는 오세훈 시장.",
            "zh-hans": "吴世勋市长走访全长220米的中关村创业大街。",
            "ja": "全長220mの中関村創業大街を歩く呉世勲市長。",
        },
        "alt_text": {
            "en": "A pedestrian street lined with glass shopfronts and banners.",
            "ko": "유리 상점 앞과 현수막이 늘어선 보행자 거리.",
        },
    },
    {
        "key": "2024-beijing-pku-camp",
        "order": 7,
        "engagement": "pku-camp",
        "place": "peking-university-entrepreneur-training-camp",
        "taken_at": dt.datetime(2024, 7, 31, 16, 0),
        "label": ("Peking University Entrepreneur Training Camp", "Beijing · 31 July 2024"),
        "palette": ("#cdb4a0", "#7a4e48", "#efe1d6"),
        "caption": {
            "en": "In the shared offices of the Peking University Entrepreneur Training Camp.",
            "ko": "베이징대 창업훈련영의 공유 사무실.",
        },
        "alt_text": {"en": "Rows of desks with laptops in a bright basement workspace."},
    },
    {
        "key": "2024-beijing-kic-china",
        "order": 8,
        "engagement": "kic-china",
        "place": "zhongguancun",
        "taken_at": dt.datetime(2024, 7, 31, 17, 0),
        "label": ("Korea Innovation Center China", "Beijing · 31 July 2024"),
        "palette": ("#a9b8c9", "#34495e", "#dde6ef"),
        "caption": {
            "en": "Kim Jong-moon, head of KIC China, briefs the mayor on China's startup scene.",
            "ko": "김종문 KIC 중국 센터장이 오 시장에게 중국 창업 생태계를 설명하고 있다.",
            "ja": "KIC中国のセンター長が、中国のスタートアップ事情を市長に説明している。",
        },
        "alt_text": {"en": "A man points at a slide on a screen while others take notes."},
    },
    {
        "key": "2024-beijing-wangjing-soho",
        "order": 9,
        "engagement": "wangjing-soho",
        "place": "wangjing-soho",
        "taken_at": dt.datetime(2024, 8, 1, 10, 10),
        "label": ("Wangjing SOHO", "Beijing · 1 August 2024"),
        "palette": ("#bcc8d6", "#556b8d", "#e9eef5"),
        "caption": {
            "en": "Wangjing SOHO, by Zaha Hadid, the architect of Seoul's Dongdaemun Design Plaza.",
            "ko": "서울 DDP를 설계한 자하 하디드의 왕징 소호.",
            "zh-hans": "由首尔DDP设计者扎哈·哈迪德设计的望京SOHO。",
            "ja": "ソウルのDDPを設計したザハ・ハディドによる望京SOHO。",
        },
        "alt_text": {
            "en": "Curved silver towers rising against a pale sky.",
            "ko": "옅은 하늘을 배경으로 솟은 곡선형 은색 빌딩들.",
        },
    },
    {
        "key": "2024-beijing-dawangjing-park",
        "order": 10,
        "engagement": "dawangjing-park",
        "place": "dawangjing-central-park",
        "taken_at": dt.datetime(2024, 8, 1, 11, 0),
        "label": ("Dawangjing Central Park", "Beijing · 1 August 2024"),
        "palette": ("#c7d3b5", "#4f6b4a", "#eaf0df"),
        "caption": {
            "en": "A briefing on Beijing's green-space strategy at Dawangjing Central Park.",
            "ko": "다왕징 중앙공원에서 베이징의 녹지 전략에 대한 설명을 듣는 오 시장.",
            "zh-hans": "吴市长在大望京公园听取北京绿地战略介绍。",
        },
        "alt_text": {"en": "The delegation on a park path, with office towers beyond the trees."},
    },
    {
        "key": "2024-beijing-korean-companies",
        "order": 11,
        "engagement": "korean-companies",
        "taken_at": dt.datetime(2024, 8, 1, 12, 30),
        "label": ("Korean companies in Beijing", "Beijing · 1 August 2024"),
        "palette": ("#d3c4b1", "#5e5346", "#efe7dc"),
        "caption": {
            "en": "The mayor with representatives of about 30 Korean companies in Beijing.",
            "ko": "베이징에 진출한 한국기업 30여 곳의 대표들과 함께한 오 시장.",
            "ja": "北京に進出した韓国企業約30社の代表と懇談する呉市長。",
        },
        "alt_text": {"en": "A long conference table with name cards and microphones."},
    },
    {
        "key": "2024-beijing-wanda-booth",
        "order": 12,
        "engagement": "wanda-booth",
        "place": "wukesong-wanda-plaza",
        "taken_at": dt.datetime(2024, 8, 1, 17, 30),
        "label": ("Seoul booth, Wukesong Wanda Plaza", "Beijing · 1 August 2024"),
        "palette": ("#e3b7a0", "#8b4c5c", "#f6e2d8"),
        "caption": {
            "en": "Shoppers at the booth promoting Seoul at Wukesong Wanda Plaza.",
            "ko": "우커쑹 완다광장의 서울 홍보부스를 찾은 시민들.",
            "zh-hans": "市民在五棵松万达广场的首尔推介展位前驻足。",
        },
        "alt_text": {"en": "A colourful stand with Seoul posters in a busy shopping mall."},
    },
]

#: Outside coverage of the trip: every row of the coverage table in TRIPS.md, linked to the
#: engagements its "What each article covers" entry names. What an article only mentions as
#: background (the Yin Yong talks, the Wanda Plaza booth, Chongqing) is not linked: none of
#: the four is about those. The headline is the outlet's own, in its language, exactly as
#: TRIPS.md gives it; summaries and translated headlines are ours. A byline keeps the name in
#: Hangul with the romanised form beside it. The addresses are illustrative, on each outlet's
#: real domain; "former_urls" are addresses an earlier version of the demo gave the same
#: article, so that a database loaded by it is corrected rather than given a second row.
COVERAGE = [
    {
        "url": "https://koreajoongangdaily.joongang.co.kr/news/2024-08-04/demo/seoul-mayor-tours-chinas-silicon-valley",
        "former_urls": [
            "https://koreajoongangdaily.joongang.co.kr/news/2024-08-04/demo/seoul-mayor-ends-china-trip-robots-startups",
        ],
        "outlet": "korea-joongang-daily",
        "language": "en",
        "byline": "조정우 (Cho Jung-woo)",
        "published_on": dt.date(2024, 8, 4),
        "published_time": dt.time(17, 42),
        "headline": "Seoul Mayor Oh Se-hoon tours China's Silicon Valley seeking opportunities for Korean startups",
        "summary": "A report on the mayor's Beijing days: Zhongguancun with its InnoWay startup street and the Peking University Entrepreneur Training Camp, the humanoid Tiangong at the Humanoid Robot Innovation Center, a Thursday meeting with about 30 Korean companies, where Oh said doing business in China is hard at present, and a cultural exchange with Trends Group, Shero Entertainment and a Kunqu performer.",
        "translated_headline": {
            "ko": "오세훈 서울시장, '중국의 실리콘밸리' 찾아 한국 스타트업의 기회 모색",
            "ja": "呉世勲ソウル市長、「中国のシリコンバレー」を訪問 韓国スタートアップの機会探る",
        },
        "translated_summary": {
            "ko": "오 시장의 베이징 일정을 다룬 기사. 중관촌 창업거리와 베이징대 창업훈련영, 휴머노이드 로봇 혁신센터의 '톈궁', 한국기업 약 30곳과의 간담회, 트렌즈그룹·셰로 엔터테인먼트 대표 및 곤곡 배우와의 문화교류를 전한다.",
        },
        "engagements": ["robot-center", "innoway", "pku-camp", "korean-companies", "culture"],
        "releases": ["SMG-2024-0731-02", "SMG-2024-0801-01", "SMG-2024-0801-02"],
    },
    {
        # The article carries no byline, no date and no time; the outlet's list shows it
        # on 4 August. So a date only: no time is made up for it.
        "url": "https://www.asiae.co.kr/en/article/demo-2024080400001",
        "outlet": "asia-business-daily",
        "language": "en",
        "byline": "",
        "published_on": dt.date(2024, 8, 4),
        "published_time": None,
        "headline": "Visit to Zhongguancun Startup Street that gave birth to Xiaomi and Baidu",
        "summary": "An account of the mayor's Beijing programme: the Zhongguancun startup street and the Peking University training camp with KIC China staff, the Humanoid Robot Innovation Center and Tiangong set beside Seoul's robot plan and the planned Suseo Robot Cluster, Wangjing SOHO and Dawangjing Central Park, about 30 Korean companies, and Chinese figures from entertainment and fashion. The article gives no date of its own; the outlet lists it on 4 August 2024.",
        "translated_headline": {
            "ko": "샤오미·바이두를 키워낸 중관촌 창업거리를 가다",
            "zh-hans": "走访孕育了小米和百度的中关村创业大街",
        },
        "engagements": [
            "innoway",
            "pku-camp",
            "robot-center",
            "wangjing-soho",
            "dawangjing-park",
            "korean-companies",
            "culture",
        ],
        "releases": ["SMG-2024-0731-02", "SMG-2024-0801-01", "SMG-2024-0801-02"],
    },
    {
        "url": "https://biz.heraldcorp.com/article/demo-20240804-oh-se-hoon-zhongguancun",
        "outlet": "herald-economy",
        "language": "ko",
        "byline": "김우영 (Kim Woo-young)",
        "published_on": dt.date(2024, 8, 4),
        "published_time": dt.time(11, 18),
        "headline": '중국판 실리콘밸리 찾은 오세훈, "서울 스타트업 中진출 적극 돕겠다"',
        "summary": "베이징발 기사. 오세훈 시장이 중관촌 전시관과 연면적 4만5천㎡의 창업거리, 베이징대 창업훈련영과 KIC 중국, 휴머노이드 로봇 혁신센터의 '톈궁'을 둘러본 일정과, 8월 1일 오전 왕징 소호·다왕징 중앙공원 방문, 포스코차이나·서울우유 등 한국기업 약 30곳과의 간담회(오 시장은 중국이 한국의 최대 교역국이라고 강조), 문화교류 행사를 전한다.",
        "translated_headline": {
            "en": "Oh Se-hoon visits China's Silicon Valley and pledges to help Seoul startups into China",
            "zh-hans": "吴世勋走访“中国硅谷”，表示将积极帮助首尔初创企业进入中国",
        },
        "translated_summary": {
            "en": "Filed from Beijing: the mayor's tour of the Zhongguancun exhibition hall, InnoWay, the Peking University training camp, KIC China and the humanoid robot centre, then Wangjing SOHO and Dawangjing Central Park on the morning of 1 August, a meeting with about 30 Korean companies including POSCO China and Seoul Dairy Cooperative, where he called China Korea's largest trading partner, and a cultural exchange.",
        },
        "engagements": [
            "exhibition-hall",
            "innoway",
            "pku-camp",
            "kic-china",
            "robot-center",
            "wangjing-soho",
            "dawangjing-park",
            "korean-companies",
            "culture",
        ],
        "releases": ["SMG-2024-0731-02", "SMG-2024-0801-01", "SMG-2024-0801-02"],
    },
    {
        "url": "https://www.nocutnews.co.kr/news/demo-20240804-oh-se-hoon-beijing",
        "outlet": "cbs-nocut-news",
        "language": "ko",
        "byline": "장규석 (Jang Gyu-seok)",
        "published_on": dt.date(2024, 8, 4),
        "published_time": dt.time(11, 18),
        "headline": '"한국, 중국에 뒤처지고 있다" 지적에…오세훈 "정신이 번쩍 난다"',
        "summary": "베이징발 기사. 김종문 KIC 중국 센터장이 기초과학과 5G에서 한국이 중국에 밀리고 있다고 짚자 오 시장이 경각심을 느낀다고 답한 장면을 중심으로, 중관촌 창업거리, 휴머노이드 로봇 혁신센터의 톈궁·로봇 팔·전자 피부, 수서 로봇클러스터와 로봇·AI 과학관 등 서울의 로봇 계획, 8월 1일 한국기업 약 30곳과의 간담회를 다룬다.",
        "translated_headline": {
            "en": "Told Korea is falling behind China, Oh Se-hoon says it is a wake-up call",
            "ja": "「韓国は中国に後れ」との指摘に 呉世勲氏「目が覚める思い」",
        },
        "engagements": ["kic-china", "innoway", "robot-center", "korean-companies"],
        "releases": ["SMG-2024-0731-02", "SMG-2024-0801-01", "SMG-2024-0801-02"],
    },
]
