# Prose in four scripts: long lines and CJK punctuation are meant.
# ruff: noqa: E501, RUF001
"""Trip B: Mayor Park Won-soon in Shenzhen and Hong Kong, 29 January to 2 February 2019.

TRIPS.md gives the stops but not their days. Shenzhen comes first and Hong Kong last (the
Chief Executive received the mayor at Government House on 1 February); the other days are
our plausible arrangement, without clock times. TRIPS.md lists no coverage for this trip.
"""

import datetime as dt

PLACES = [
    {
        "slug": "shenzhen-bay-startup-plaza",
        "city": "shenzhen",
        "name": {
            "en": "Shenzhen Bay Startup Plaza",
            "ko": "선전만 창업광장",
            "zh-hans": "深圳湾创业广场",
            "ja": "深圳湾創業広場",
        },
        "description": {
            "en": "A startup district where Baidu, Alibaba and Tencent keep offices.",
            "ko": "바이두·알리바바·텐센트가 사무실을 둔 창업 단지.",
            "zh-hans": "百度、阿里巴巴和腾讯均设有办公室的创业园区。",
        },
    },
    {
        "slug": "imakerbase",
        "city": "shenzhen",
        "name": {"en": "iMakerBase", "ko": "다궁팡(iMakerBase)", "zh-hans": "大公坊"},
        "description": {
            "en": "A base for makers and hardware startups.",
            "ko": "메이커와 하드웨어 스타트업을 위한 거점.",
        },
    },
    {
        "slug": "government-house-hong-kong",
        "city": "hong-kong",
        "name": {
            "en": "Government House",
            "ko": "홍콩 예빈부(Government House)",
            "zh-hans": "礼宾府",
            "ja": "礼賓府",
        },
        "description": {"en": "The official residence of Hong Kong's Chief Executive."},
    },
    {
        "slug": "cyberport",
        "city": "hong-kong",
        "name": {
            "en": "Cyberport",
            "ko": "사이버포트",
            "zh-hans": "数码港",
            "ja": "サイバーポート",
        },
        "description": {
            "en": "Hong Kong's digital hub, home to more than 1,000 companies in fintech, blockchain and cyber security.",
            "ko": "핀테크·블록체인·사이버보안 등 1천여 개 기업이 입주한 홍콩의 디지털 허브.",
            "zh-hans": "香港数码科技枢纽，汇聚金融科技、区块链、网络安全等领域逾1000家企业。",
            "ja": "フィンテック、ブロックチェーン、サイバーセキュリティなど1,000社以上が集まる香港のデジタル拠点。",
        },
        "latitude": "22.261100",
        "longitude": "114.130200",
    },
    {
        "slug": "tai-kwun",
        "city": "hong-kong",
        "name": {"en": "Tai Kwun", "ko": "타이퀀", "zh-hans": "大馆", "ja": "大館"},
        "description": {
            "en": "The former Central Police Station compound, now a centre for heritage and the arts.",
            "ko": "옛 중앙경찰서 단지를 되살린 문화유산·예술 공간.",
            "zh-hans": "由前中区警署建筑群活化而成的古迹及艺术馆。",
            "ja": "旧中区警察署の建物群を再生した、歴史と芸術の拠点。",
        },
        "latitude": "22.281500",
        "longitude": "114.154200",
    },
    {
        "slug": "pmq",
        "city": "hong-kong",
        "name": {"en": "PMQ", "ko": "PMQ", "zh-hans": "元创方", "ja": "PMQ（元創方）"},
        "description": {
            "en": "The former Police Married Quarters, now home to designers and creative businesses.",
            "ko": "옛 경찰 기혼자 숙소를 디자이너와 창작 기업의 공간으로 바꾼 곳.",
            "zh-hans": "由前已婚警察宿舍改建的设计与创意产业基地。",
        },
        "latitude": "22.283500",
        "longitude": "114.152200",
    },
    {
        "slug": "blue-house",
        "city": "hong-kong",
        "name": {"en": "Blue House", "ko": "블루하우스", "zh-hans": "蓝屋", "ja": "ブルーハウス"},
        "description": {
            "en": "A historic block of tenement houses in Wan Chai.",
            "ko": "완차이에 있는 오래된 주거 건물.",
            "zh-hans": "位于湾仔的历史唐楼建筑群。",
        },
        "latitude": "22.274700",
        "longitude": "114.173500",
    },
]

VISIT = {
    "slug": "park-won-soon-shenzhen-hong-kong-2019",
    "official": "park-won-soon",
    "title": {
        "en": "Mayor Park Won-soon in Shenzhen and Hong Kong",
        "ko": "박원순 시장 선전·홍콩 방문",
        "zh-hans": "朴元淳市长访问深圳和香港",
        "ja": "朴元淳市長、深圳・香港を訪問",
    },
    "summary": {
        "en": "Invited by the Hong Kong government's Sponsored Visitors Program, Mayor Park Won-soon spent five days in Shenzhen and Hong Kong, from 29 January to 2 February 2019, looking at startup hubs and at old buildings given new lives.",
        "ko": "박원순 시장은 홍콩 정부의 후원방문자프로그램(SVP) 초청으로 2019년 1월 29일부터 2월 2일까지 5일간 선전과 홍콩을 방문해 창업 거점과 옛 건물을 되살린 도시재생 현장을 둘러봤다.",
        "zh-hans": "应香港特区政府“赞助访问计划”邀请，朴元淳市长于2019年1月29日至2月2日访问深圳和香港五天，考察创业基地以及旧建筑活化再利用的城市更新项目。",
    },
    "purpose": {
        "en": "To study Shenzhen's startup ecosystem and Hong Kong's urban regeneration, and to deepen ties with the Hong Kong government.",
        "ko": "선전의 창업 생태계와 홍콩의 도시재생을 살펴보고, 홍콩 정부와의 협력을 넓히기 위해.",
    },
    "start_date": dt.date(2019, 1, 29),
    "end_date": dt.date(2019, 2, 2),
    "status": "published",
    "published_at": dt.datetime(2019, 1, 29, 10, 0),  # Seoul time
    "legs": [
        {"city": "shenzhen", "start_date": dt.date(2019, 1, 29), "end_date": dt.date(2019, 1, 30)},
        {"city": "hong-kong", "start_date": dt.date(2019, 1, 31), "end_date": dt.date(2019, 2, 2)},
    ],
    "engagements": [
        {
            "key": "ingdan",
            "date": dt.date(2019, 1, 29),
            "kind": "site_visit",
            "organizations": ["ingdan"],
            "title": {"en": "IngDan", "ko": "잉단 방문", "zh-hans": "走访硬蛋"},
            "description": {
                "en": "A hardware innovation platform that has worked with more than 16,000 projects in the Internet of Things and artificial intelligence.",
                "ko": "사물인터넷·인공지능 프로젝트 1만6천여 건이 거쳐 간 하드웨어 혁신 플랫폼.",
                "zh-hans": "已服务超过16000个物联网和人工智能项目的硬件创新平台。",
            },
        },
        {
            "key": "shenzhen-bay",
            "date": dt.date(2019, 1, 30),
            "kind": "site_visit",
            "place": "shenzhen-bay-startup-plaza",
            "title": {
                "en": "Shenzhen Bay Startup Plaza",
                "ko": "선전만 창업광장 방문",
                "zh-hans": "参观深圳湾创业广场",
                "ja": "深圳湾創業広場を視察",
            },
            "description": {
                "en": "A look at the district where Baidu, Alibaba and Tencent have offices among hundreds of young companies.",
                "ko": "바이두·알리바바·텐센트가 신생 기업들과 함께 자리한 창업 단지를 둘러본다.",
            },
        },
        {
            "key": "imakerbase",
            "date": dt.date(2019, 1, 30),
            "kind": "site_visit",
            "place": "imakerbase",
            "organizations": ["imakerbase"],
            "title": {"en": "iMakerBase", "ko": "다궁팡(iMakerBase) 방문", "zh-hans": "走访大公坊"},
            "description": {
                "en": 'How makers turn prototypes into products in the city known for "the speed of Shenzhen".',
                "ko": "'선전 속도'로 불리는 도시에서 메이커들이 시제품을 제품으로 만드는 과정을 살펴본다.",
            },
        },
        {
            "key": "cyberport",
            "date": dt.date(2019, 1, 31),
            "kind": "site_visit",
            "place": "cyberport",
            "organizations": ["cyberport"],
            "title": {
                "en": "Cyberport",
                "ko": "사이버포트 방문",
                "zh-hans": "参观数码港",
                "ja": "サイバーポートを視察",
            },
            "description": {
                "en": "More than 1,000 companies in fintech, blockchain and cyber security.",
                "ko": "핀테크·블록체인·사이버보안 기업 1천여 곳이 모인 단지.",
                "zh-hans": "逾1000家金融科技、区块链和网络安全企业聚集于此。",
            },
        },
        {
            "key": "matthew-cheung",
            "date": dt.date(2019, 1, 31),
            "kind": "meeting",
            "people": ["matthew-cheung-kin-chung"],
            "organizations": ["hksar-government"],
            "title": {
                "en": "Meeting with Chief Secretary Matthew Cheung Kin-chung",
                "ko": "매슈 청 정무사장 면담",
                "zh-hans": "与政务司司长张建宗会面",
                "ja": "張建宗政務長官と会談",
            },
            "description": {
                "en": "One-to-one talks with the Chief Secretary for Administration.",
                "ko": "정무사장과의 일대일 면담.",
            },
        },
        {
            "key": "carrie-lam",
            "date": dt.date(2019, 2, 1),
            "kind": "meeting",
            "place": "government-house-hong-kong",
            "people": ["carrie-lam"],
            "organizations": ["hksar-government"],
            "title": {
                "en": "Meeting with Chief Executive Carrie Lam",
                "ko": "캐리 람 행정장관 면담",
                "zh-hans": "与行政长官林郑月娥会面",
                "ja": "林鄭月娥行政長官と会談",
            },
            "description": {
                "en": "One-to-one talks with the Chief Executive of the Hong Kong Special Administrative Region.",
                "ko": "홍콩특별행정구 행정장관과의 일대일 면담.",
                "zh-hans": "与香港特别行政区行政长官单独会面。",
            },
        },
        {
            "key": "teresa-cheng",
            "date": dt.date(2019, 2, 1),
            "kind": "meeting",
            "people": ["teresa-cheng-yeuk-wah"],
            "organizations": ["hksar-government"],
            "title": {
                "en": "Meeting with Secretary for Justice Teresa Cheng Yeuk-wah",
                "ko": "테레사 청 율정사장 면담",
                "zh-hans": "与律政司司长郑若骅会面",
            },
            "description": {"en": "One-to-one talks with the Secretary for Justice."},
        },
        {
            "key": "tai-kwun",
            "date": dt.date(2019, 2, 1),
            "kind": "site_visit",
            "place": "tai-kwun",
            "title": {
                "en": "Tai Kwun, the former Central Police Station",
                "ko": "옛 중앙경찰서 '타이퀀' 방문",
                "zh-hans": "参观大馆（前中区警署）",
                "ja": "旧中区警察署「大館」を視察",
            },
            "description": {
                "en": "A police compound turned into a centre for heritage and the arts.",
                "ko": "경찰서 단지가 문화유산·예술 공간으로 바뀐 현장.",
            },
        },
        {
            "key": "pmq",
            "date": dt.date(2019, 2, 1),
            "kind": "site_visit",
            "place": "pmq",
            "title": {
                "en": "PMQ, the former Police Married Quarters",
                "ko": "옛 경찰 기혼자 숙소 'PMQ' 방문",
                "zh-hans": "参观元创方（前已婚警察宿舍）",
            },
            "description": {
                "en": "Former police flats that now house designers and small creative businesses.",
                "ko": "경찰 숙소가 디자이너와 작은 창작 기업의 공간이 된 곳.",
            },
        },
        {
            "key": "blue-house",
            "date": dt.date(2019, 2, 2),
            "kind": "site_visit",
            "place": "blue-house",
            "title": {
                "en": "Blue House, Wan Chai",
                "ko": "완차이 블루하우스 방문",
                "zh-hans": "参观湾仔蓝屋",
                "ja": "湾仔のブルーハウスを視察",
            },
            "description": {
                "en": "Regeneration that kept a historic block and its residents together.",
                "ko": "오래된 건물과 그곳에 사는 주민을 함께 지킨 도시재생.",
            },
        },
        {
            "key": "ura",
            "date": dt.date(2019, 2, 2),
            "kind": "briefing",
            "organizations": ["urban-renewal-authority"],
            "title": {
                "en": "Briefing by the Urban Renewal Authority",
                "ko": "홍콩 도시재생국 브리핑",
                "zh-hans": "市区重建局简报",
                "ja": "市区重建局による説明",
            },
            "description": {
                "en": "How the authority, set up in 2001, renews Hong Kong's older districts.",
                "ko": "2001년 설립된 도시재생국이 홍콩의 노후 지역을 되살리는 방식에 대한 설명.",
                "zh-hans": "了解2001年成立的市区重建局如何更新香港旧区。",
            },
        },
    ],
}

PHOTOS = [
    {
        "key": "2019-shenzhen-bay-startup-plaza",
        "order": 1,
        "engagement": "shenzhen-bay",
        "place": "shenzhen-bay-startup-plaza",
        "taken_at": dt.datetime(2019, 1, 30, 10, 0),
        "label": ("Shenzhen Bay Startup Plaza", "Shenzhen · 30 January 2019"),
        "palette": ("#b7c9b5", "#3f5e5a", "#e4eee2"),
        "caption": {
            "en": "Mayor Park Won-soon at Shenzhen Bay Startup Plaza.",
            "ko": "선전만 창업광장을 찾은 박원순 시장.",
            "zh-hans": "朴元淳市长参观深圳湾创业广场。",
            "ja": "深圳湾創業広場を訪れた朴元淳市長。",
        },
        "alt_text": {
            "en": "Glass office buildings around a wide plaza with young people walking.",
            "ko": "넓은 광장을 둘러싼 유리 외벽의 사무동과 걸어가는 젊은이들.",
        },
    },
    {
        "key": "2019-shenzhen-imakerbase",
        "order": 2,
        "engagement": "imakerbase",
        "place": "imakerbase",
        "taken_at": dt.datetime(2019, 1, 30, 15, 0),
        "label": ("iMakerBase", "Shenzhen · 30 January 2019"),
        "palette": ("#d6c6a8", "#6d5c42", "#f1e9d8"),
        "caption": {
            "en": "Prototypes on show at iMakerBase.",
            "ko": "다궁팡(iMakerBase)에 전시된 시제품들.",
            "zh-hans": "大公坊展示的原型产品。",
        },
        "alt_text": {"en": "Small electronic devices laid out on a long white table."},
    },
    {
        "key": "2019-hong-kong-cyberport",
        "order": 3,
        "engagement": "cyberport",
        "place": "cyberport",
        "taken_at": dt.datetime(2019, 1, 31, 10, 0),
        "label": ("Cyberport", "Hong Kong · 31 January 2019"),
        "palette": ("#a8c3cf", "#2e5266", "#dbe8ee"),
        "caption": {
            "en": "At Cyberport, home to more than 1,000 fintech, blockchain and cyber security companies.",
            "ko": "핀테크·블록체인·사이버보안 기업 1천여 곳이 입주한 사이버포트.",
            "ja": "フィンテックなど1,000社以上が集まるサイバーポート。",
        },
        "alt_text": {"en": "A low modern campus by the sea, with hills behind it."},
    },
    {
        "key": "2019-hong-kong-carrie-lam",
        "order": 4,
        "engagement": "carrie-lam",
        "place": "government-house-hong-kong",
        "taken_at": dt.datetime(2019, 2, 1, 11, 0),
        "label": ("Meeting at Government House", "Hong Kong · 1 February 2019"),
        "palette": ("#c4b8c9", "#4b3f5c", "#ebe4ee"),
        "caption": {
            "en": "Mayor Park Won-soon and Chief Executive Carrie Lam at Government House.",
            "ko": "예빈부에서 만난 박원순 시장과 캐리 람 행정장관.",
            "zh-hans": "朴元淳市长与行政长官林郑月娥在礼宾府会面。",
            "ja": "礼賓府で会談する朴元淳市長と林鄭月娥行政長官。",
        },
        "alt_text": {
            "en": "The mayor and the Chief Executive seated in armchairs in a formal room.",
            "ko": "격식 있는 응접실의 안락의자에 앉은 시장과 행정장관.",
        },
    },
    {
        "key": "2019-hong-kong-tai-kwun",
        "order": 5,
        "engagement": "tai-kwun",
        "place": "tai-kwun",
        "taken_at": dt.datetime(2019, 2, 1, 15, 0),
        "label": ("Tai Kwun", "Hong Kong · 1 February 2019"),
        "palette": ("#d9bfa7", "#7b4b3a", "#f3e5d8"),
        "caption": {
            "en": "The parade ground of Tai Kwun, the former Central Police Station.",
            "ko": "옛 중앙경찰서 타이퀀의 연병장.",
            "zh-hans": "大馆（前中区警署）的检阅广场。",
        },
        "alt_text": {"en": "A courtyard framed by colonnaded brick buildings."},
    },
    {
        "key": "2019-hong-kong-blue-house",
        "order": 6,
        "engagement": "blue-house",
        "place": "blue-house",
        "taken_at": dt.datetime(2019, 2, 2, 10, 0),
        "label": ("Blue House", "Hong Kong · 2 February 2019"),
        "palette": ("#9fb4cc", "#35507a", "#dbe5f0"),
        "caption": {
            "en": "The Blue House in Wan Chai, a historic block kept together with its residents.",
            "ko": "주민과 함께 보존된 완차이의 블루하우스.",
            "ja": "住民とともに保存された湾仔のブルーハウス。",
        },
        "alt_text": {"en": "A four-storey tenement painted bright blue, with balconies."},
    },
]
