# CJK punctuation in the names is meant.
# ruff: noqa: RUF001
"""What both demo trips share: cities, organisations, people, topics, outlets, press contact.

Every entry is keyed by its slug (the contact by its e-mail address), which is how the
loader finds it again on the next run.
"""

CITIES = [
    {
        "slug": "paris",
        "name": {"en": "Paris", "ko": "파리", "zh-hans": "巴黎", "ja": "パリ"},
        "country": "FR",
        "time_zone": "Europe/Paris",
    },
    {
        "slug": "chongqing",
        "name": {"en": "Chongqing", "ko": "충칭", "zh-hans": "重庆", "ja": "重慶"},
        "country": "CN",
        "time_zone": "Asia/Shanghai",
    },
    {
        "slug": "beijing",
        "name": {"en": "Beijing", "ko": "베이징", "zh-hans": "北京", "ja": "北京"},
        "country": "CN",
        "time_zone": "Asia/Shanghai",
    },
    {
        "slug": "shenzhen",
        "name": {"en": "Shenzhen", "ko": "선전", "zh-hans": "深圳", "ja": "深圳"},
        "country": "CN",
        "time_zone": "Asia/Shanghai",
    },
    {
        "slug": "hong-kong",
        "name": {"en": "Hong Kong", "ko": "홍콩", "zh-hans": "香港", "ja": "香港"},
        "country": "HK",
        "time_zone": "Asia/Hong_Kong",
    },
]

ORGANIZATIONS = [
    # Seoul and Korea
    {
        "slug": "seoul-metropolitan-government",
        "name": {
            "en": "Seoul Metropolitan Government",
            "ko": "서울특별시",
            "zh-hans": "首尔特别市",
            "ja": "ソウル特別市",
        },
        "kind": "government",
        "country": "KR",
        "website": "https://english.seoul.go.kr/",
    },
    {
        "slug": "ministry-of-science-and-ict",
        "name": {
            "en": "Ministry of Science and ICT",
            "ko": "과학기술정보통신부",
            "zh-hans": "韩国科学技术信息通信部",
            "ja": "韓国科学技術情報通信部",
        },
        "kind": "government",
        "country": "KR",
        "website": "https://www.msit.go.kr/",
    },
    {
        "slug": "kic-china",
        "name": {
            "en": "Korea Innovation Center China (KIC China)",
            "ko": "KIC 중국(한국혁신센터 중국)",
            "zh-hans": "韩国创新中心（中国）",
        },
        "kind": "nonprofit",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "posco-china",
        "name": {
            "en": "POSCO China",
            "ko": "포스코차이나",
            "zh-hans": "浦项（中国）",
            "ja": "ポスコ中国",
        },
        "kind": "company",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "seoul-dairy-cooperative",
        "name": {
            "en": "Seoul Dairy Cooperative",
            "ko": "서울우유협동조합",
            "zh-hans": "首尔牛奶合作社",
            "ja": "ソウル牛乳協同組合",
        },
        "kind": "company",
        "country": "KR",
        "website": "",
    },
    # Beijing
    {
        "slug": "beijing-municipal-government",
        "name": {
            "en": "People's Government of Beijing Municipality",
            "ko": "베이징시 인민정부",
            "zh-hans": "北京市人民政府",
            "ja": "北京市人民政府",
        },
        "kind": "government",
        "country": "CN",
        "website": "https://www.beijing.gov.cn/",
    },
    {
        "slug": "beijing-bureau-of-economy-and-information-technology",
        "name": {
            "en": "Beijing Municipal Bureau of Economy and Information Technology",
            "ko": "베이징시 경제정보화국",
            "zh-hans": "北京市经济和信息化局",
        },
        "kind": "government",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "beijing-humanoid-robot-innovation-center",
        "name": {
            "en": "Beijing Humanoid Robot Innovation Center",
            "ko": "베이징 휴머노이드 로봇 혁신센터",
            "zh-hans": "北京人形机器人创新中心",
            "ja": "北京人型ロボットイノベーションセンター",
        },
        "kind": "research",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "beijing-jingcheng-machinery-electric",
        "name": {
            "en": "Beijing Jingcheng Machinery Electric",
            "ko": "베이징 징청기전",
            "zh-hans": "北京京城机电",
        },
        "kind": "company",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "xiaomi-robotics",
        "name": {
            "en": "Xiaomi Robotics",
            "ko": "샤오미 로보틱스",
            "zh-hans": "小米机器人",
            "ja": "シャオミ・ロボティクス",
        },
        "kind": "company",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "ubtech",
        "name": {"en": "UBTech Robotics", "ko": "유비테크", "zh-hans": "优必选", "ja": "UBTECH"},
        "kind": "company",
        "country": "CN",
        "website": "https://www.ubtrobot.com/",
    },
    {
        "slug": "trends-group",
        "name": {
            "en": "Trends Group",
            "ko": "트렌즈그룹",
            "zh-hans": "时尚集团",
            "ja": "トレンズ・グループ",
        },
        "kind": "media",
        "country": "CN",
        "website": "",
    },
    {
        # Known to us only by its English name: the other languages fall back to it.
        "slug": "shero-entertainment",
        "name": {"en": "Shero Entertainment"},
        "kind": "culture",
        "country": "CN",
        "website": "",
    },
    # Hong Kong and Shenzhen
    {
        "slug": "hksar-government",
        "name": {
            "en": "Government of the Hong Kong Special Administrative Region",
            "ko": "홍콩특별행정구 정부",
            "zh-hans": "香港特别行政区政府",
            "ja": "香港特別行政区政府",
        },
        "kind": "government",
        "country": "HK",
        "website": "https://www.gov.hk/",
    },
    {
        "slug": "cyberport",
        "name": {
            "en": "Cyberport",
            "ko": "사이버포트",
            "zh-hans": "数码港",
            "ja": "サイバーポート",
        },
        "kind": "company",
        "country": "HK",
        "website": "https://www.cyberport.hk/",
    },
    {
        "slug": "urban-renewal-authority",
        "name": {
            "en": "Urban Renewal Authority",
            "ko": "홍콩 도시재생국",
            "zh-hans": "市区重建局",
            "ja": "香港市区重建局",
        },
        "kind": "government",
        "country": "HK",
        "website": "https://www.ura.org.hk/",
    },
    {
        "slug": "ingdan",
        "name": {"en": "IngDan", "ko": "잉단", "zh-hans": "硬蛋"},
        "kind": "company",
        "country": "CN",
        "website": "",
    },
    {
        "slug": "imakerbase",
        "name": {"en": "iMakerBase", "ko": "다궁팡(iMakerBase)", "zh-hans": "大公坊"},
        "kind": "company",
        "country": "CN",
        "website": "",
    },
]

PEOPLE = [
    {
        "slug": "oh-se-hoon",
        "name": {"en": "Oh Se-hoon", "ko": "오세훈", "zh-hans": "吴世勋", "ja": "呉世勲"},
        "role": {
            "en": "Mayor of Seoul",
            "ko": "서울특별시장",
            "zh-hans": "首尔市长",
            "ja": "ソウル市長",
        },
        "organization": "seoul-metropolitan-government",
    },
    {
        "slug": "park-won-soon",
        "name": {"en": "Park Won-soon", "ko": "박원순", "zh-hans": "朴元淳", "ja": "朴元淳"},
        "role": {
            "en": "Mayor of Seoul",
            "ko": "서울특별시장",
            "zh-hans": "首尔市长",
            "ja": "ソウル市長",
        },
        "organization": "seoul-metropolitan-government",
    },
    {
        "slug": "yin-yong",
        "name": {"en": "Yin Yong", "ko": "인융", "zh-hans": "殷勇", "ja": "殷勇"},
        "role": {
            "en": "Mayor of Beijing",
            "ko": "베이징시장",
            "zh-hans": "北京市市长",
            "ja": "北京市長",
        },
        "organization": "beijing-municipal-government",
    },
    {
        # His name in Chinese characters is not on record here: zh-hans and ja fall back.
        "slug": "kim-jong-moon",
        "name": {"en": "Kim Jong-moon", "ko": "김종문"},
        "role": {
            "en": "Head of KIC China",
            "ko": "KIC 중국 센터장",
            "zh-hans": "韩国创新中心（中国）主任",
        },
        "organization": "kic-china",
    },
    {
        "slug": "carrie-lam",
        "name": {"en": "Carrie Lam", "ko": "캐리 람", "zh-hans": "林郑月娥", "ja": "林鄭月娥"},
        "role": {
            "en": "Chief Executive of the Hong Kong Special Administrative Region",
            "ko": "홍콩특별행정구 행정장관",
            "zh-hans": "香港特别行政区行政长官",
            "ja": "香港特別行政区行政長官",
        },
        "organization": "hksar-government",
    },
    {
        "slug": "matthew-cheung-kin-chung",
        "name": {
            "en": "Matthew Cheung Kin-chung",
            "ko": "매슈 청킨충",
            "zh-hans": "张建宗",
            "ja": "張建宗",
        },
        "role": {
            "en": "Chief Secretary for Administration, Hong Kong",
            "ko": "홍콩 정무사장",
            "zh-hans": "香港政务司司长",
            "ja": "香港政務長官",
        },
        "organization": "hksar-government",
    },
    {
        "slug": "teresa-cheng-yeuk-wah",
        "name": {
            "en": "Teresa Cheng Yeuk-wah",
            "ko": "테레사 청약와",
            "zh-hans": "郑若骅",
            "ja": "鄭若驊",
        },
        "role": {
            "en": "Secretary for Justice, Hong Kong",
            "ko": "홍콩 율정사장",
            "zh-hans": "香港律政司司长",
            "ja": "香港律政司長",
        },
        "organization": "hksar-government",
    },
    {
        # Named in the background of the 2019 trip (his 2013 visit to Seoul), not met on it.
        "slug": "wong-kam-sing",
        "name": {"en": "Wong Kam-sing", "ko": "웡깜싱", "zh-hans": "黄锦星", "ja": "黄錦星"},
        "role": {
            "en": "Secretary for the Environment, Hong Kong",
            "ko": "홍콩 환경국장",
            "zh-hans": "香港环境局局长",
        },
        "organization": "hksar-government",
    },
]

TOPICS = [
    {
        "slug": "robotics",
        "name": {"en": "Robotics", "ko": "로봇", "zh-hans": "机器人", "ja": "ロボット"},
        "description": {
            "en": "Robots and artificial intelligence, and Seoul's plans for its robot industry.",
            "ko": "로봇과 인공지능, 그리고 서울의 로봇산업 육성 계획.",
            "zh-hans": "机器人与人工智能，以及首尔的机器人产业规划。",
            "ja": "ロボットと人工知能、そしてソウルのロボット産業育成計画。",
        },
    },
    {
        "slug": "startups",
        "name": {"en": "Startups", "ko": "스타트업", "zh-hans": "创业", "ja": "スタートアップ"},
        "description": {
            "en": "Startup districts, incubators and the policies that support young companies.",
            "ko": "창업 거점과 인큐베이터, 신생 기업을 돕는 정책.",
        },
    },
    {
        "slug": "urban-regeneration",
        "name": {
            "en": "Urban regeneration",
            "ko": "도시재생",
            "zh-hans": "城市更新",
            "ja": "都市再生",
        },
        "description": {
            "en": "Old districts and buildings given new uses, urban planning and green space.",
            "ko": "오래된 동네와 건물에 새 쓰임을 찾아 주는 일, 도시계획과 녹지.",
            "ja": "古い街区や建物の再活用、都市計画と緑地。",
        },
    },
    {
        "slug": "culture",
        "name": {"en": "Culture", "ko": "문화", "zh-hans": "文化", "ja": "文化"},
        "description": {"en": "Cultural exchange, heritage and the creative industries."},
    },
    {
        "slug": "diplomacy",
        "name": {"en": "City diplomacy", "ko": "도시외교", "zh-hans": "城市外交", "ja": "都市外交"},
        "description": {
            "en": "Meetings between Seoul and other cities' governments, and the ties they build.",
            "ko": "서울과 다른 도시 정부의 만남, 그리고 그 만남이 쌓는 관계.",
            "zh-hans": "首尔与其他城市政府之间的会晤及其建立的合作关系。",
        },
    },
]

#: "aliases" and "domains" are what the coverage desk recognises an outlet by in a
#: clipping, besides its names: other names (its copyright line's), web and e-mail domains.
OUTLETS = [
    {
        "slug": "korea-joongang-daily",
        "name": {"en": "Korea JoongAng Daily", "ko": "코리아중앙데일리"},
        "kind": "newspaper",
        "country": "KR",
        "language": "en",
        "website": "https://koreajoongangdaily.joongang.co.kr/",
        "aliases": ["JoongAng Daily", "Korea JoongAng Daily Co.", "중앙데일리"],
        "domains": ["joongang.co.kr", "joins.com"],
    },
    {
        "slug": "asia-business-daily",
        "name": {
            "en": "The Asia Business Daily",
            "ko": "아시아경제",
            "zh-hans": "亚洲经济",
            "ja": "アジア経済",
        },
        "kind": "newspaper",
        "country": "KR",
        "language": "ko",
        "website": "https://www.asiae.co.kr/",
        "aliases": ["Asia Business Daily", "Asia Economy", "아시아경제신문"],
        "domains": ["asiae.co.kr"],
    },
    {
        "slug": "herald-economy",
        "name": {"en": "Herald Economy", "ko": "헤럴드경제", "ja": "ヘラルド経済"},
        "kind": "newspaper",
        "country": "KR",
        "language": "ko",
        "website": "https://biz.heraldcorp.com/",
        "aliases": ["Herald Corporation", "헤럴드경제신문", "헤럴드"],
        "domains": ["heraldcorp.com"],
    },
    {
        "slug": "cbs-nocut-news",
        "name": {"en": "CBS NoCut News", "ko": "노컷뉴스", "ja": "ノーカットニュース"},
        "kind": "broadcaster",
        "country": "KR",
        "language": "ko",
        "website": "https://www.nocutnews.co.kr/",
        "aliases": ["NoCut News", "CBS노컷뉴스", "CBS 노컷뉴스", "노컷뉴스 CBS"],
        "domains": ["nocutnews.co.kr", "cbs.co.kr"],
    },
]

#: The credit on every trip photo (TRIPS.md: "Seoul Metropolitan Government / 서울시 제공").
PHOTO_CREDIT = "Seoul Metropolitan Government"

#: Illustrative contact details: the address is on a reserved example domain.
DEFAULT_CONTACT = "international.press@example.org"

PRESS_CONTACTS = [
    {
        "email": "international.press@example.org",
        "name": {
            "en": "International Press Team",
            "ko": "외신홍보팀",
            "zh-hans": "国际媒体组",
            "ja": "海外メディア担当",
        },
        "department": {
            "en": "Seoul Metropolitan Government, Press Office",
            "ko": "서울특별시 언론담당관",
            "zh-hans": "首尔市政府新闻办公室",
        },
        "phone": "+82 2 120",
    },
]
