# CJK punctuation and long lines in the sample text are meant.
# ruff: noqa: E501, RUF001
"""Vocabulary for bench/generate.py: names and sentences in en, ko, zh-hans and ja.

Every entry is a tuple in that language order, so one random choice gives the same
meaning in all four languages. Slots in sentences: {d} a Seoul district, {c} a city
abroad, {o} an organisation, {p} a place, {t} a topic, {n} {k} {y} {m} numbers.
"""

LANGS = ("en", "ko", "zh_hans", "ja")
#: What joins sentences in each language (Chinese and Japanese run on without a space).
JOIN = ("  ", " ", "", "")

# (en, ko, zh-hans, ja, country, time zone)
CITIES = [
    ("Tokyo", "도쿄", "东京", "東京", "JP", "Asia/Tokyo"),
    ("Osaka", "오사카", "大阪", "大阪", "JP", "Asia/Tokyo"),
    ("Fukuoka", "후쿠오카", "福冈", "福岡", "JP", "Asia/Tokyo"),
    ("Sapporo", "삿포로", "札幌", "札幌", "JP", "Asia/Tokyo"),
    ("Yokohama", "요코하마", "横滨", "横浜", "JP", "Asia/Tokyo"),
    ("Beijing", "베이징", "北京", "北京", "CN", "Asia/Shanghai"),
    ("Shanghai", "상하이", "上海", "上海", "CN", "Asia/Shanghai"),
    ("Shenzhen", "선전", "深圳", "深圳", "CN", "Asia/Shanghai"),
    ("Chongqing", "충칭", "重庆", "重慶", "CN", "Asia/Shanghai"),
    ("Hangzhou", "항저우", "杭州", "杭州", "CN", "Asia/Shanghai"),
    ("Hong Kong", "홍콩", "香港", "香港", "HK", "Asia/Hong_Kong"),
    ("Taipei", "타이베이", "台北", "台北", "TW", "Asia/Taipei"),
    ("Singapore", "싱가포르", "新加坡", "シンガポール", "SG", "Asia/Singapore"),
    ("Hanoi", "하노이", "河内", "ハノイ", "VN", "Asia/Ho_Chi_Minh"),
    ("Ho Chi Minh City", "호찌민", "胡志明市", "ホーチミン", "VN", "Asia/Ho_Chi_Minh"),
    ("Bangkok", "방콕", "曼谷", "バンコク", "TH", "Asia/Bangkok"),
    ("Jakarta", "자카르타", "雅加达", "ジャカルタ", "ID", "Asia/Jakarta"),
    ("Kuala Lumpur", "쿠알라룸푸르", "吉隆坡", "クアラルンプール", "MY", "Asia/Kuala_Lumpur"),
    ("Manila", "마닐라", "马尼拉", "マニラ", "PH", "Asia/Manila"),
    ("Ulaanbaatar", "울란바토르", "乌兰巴托", "ウランバートル", "MN", "Asia/Ulaanbaatar"),
    ("New Delhi", "뉴델리", "新德里", "ニューデリー", "IN", "Asia/Kolkata"),
    ("Dubai", "두바이", "迪拜", "ドバイ", "AE", "Asia/Dubai"),
    ("Istanbul", "이스탄불", "伊斯坦布尔", "イスタンブール", "TR", "Europe/Istanbul"),
    ("Paris", "파리", "巴黎", "パリ", "FR", "Europe/Paris"),
    ("Lyon", "리옹", "里昂", "リヨン", "FR", "Europe/Paris"),
    ("Berlin", "베를린", "柏林", "ベルリン", "DE", "Europe/Berlin"),
    ("Munich", "뮌헨", "慕尼黑", "ミュンヘン", "DE", "Europe/Berlin"),
    ("London", "런던", "伦敦", "ロンドン", "GB", "Europe/London"),
    ("Amsterdam", "암스테르담", "阿姆斯特丹", "アムステルダム", "NL", "Europe/Amsterdam"),
    ("Copenhagen", "코펜하겐", "哥本哈根", "コペンハーゲン", "DK", "Europe/Copenhagen"),
    ("Stockholm", "스톡홀름", "斯德哥尔摩", "ストックホルム", "SE", "Europe/Stockholm"),
    ("Helsinki", "헬싱키", "赫尔辛基", "ヘルシンキ", "FI", "Europe/Helsinki"),
    ("Vienna", "빈", "维也纳", "ウィーン", "AT", "Europe/Vienna"),
    ("Barcelona", "바르셀로나", "巴塞罗那", "バルセロナ", "ES", "Europe/Madrid"),
    ("Rome", "로마", "罗马", "ローマ", "IT", "Europe/Rome"),
    ("Prague", "프라하", "布拉格", "プラハ", "CZ", "Europe/Prague"),
    ("New York", "뉴욕", "纽约", "ニューヨーク", "US", "America/New_York"),
    ("Washington", "워싱턴", "华盛顿", "ワシントン", "US", "America/New_York"),
    ("San Francisco", "샌프란시스코", "旧金山", "サンフランシスコ", "US", "America/Los_Angeles"),
    ("Los Angeles", "로스앤젤레스", "洛杉矶", "ロサンゼルス", "US", "America/Los_Angeles"),
    ("Seattle", "시애틀", "西雅图", "シアトル", "US", "America/Los_Angeles"),
    ("Toronto", "토론토", "多伦多", "トロント", "CA", "America/Toronto"),
    ("Vancouver", "밴쿠버", "温哥华", "バンクーバー", "CA", "America/Vancouver"),
    ("Mexico City", "멕시코시티", "墨西哥城", "メキシコシティ", "MX", "America/Mexico_City"),
    ("São Paulo", "상파울루", "圣保罗", "サンパウロ", "BR", "America/Sao_Paulo"),
    ("Sydney", "시드니", "悉尼", "シドニー", "AU", "Australia/Sydney"),
    ("Melbourne", "멜버른", "墨尔本", "メルボルン", "AU", "Australia/Melbourne"),
    ("Auckland", "오클랜드", "奥克兰", "オークランド", "NZ", "Pacific/Auckland"),
    ("Nairobi", "나이로비", "内罗毕", "ナイロビ", "KE", "Africa/Nairobi"),
    ("Cairo", "카이로", "开罗", "カイロ", "EG", "Africa/Cairo"),
]

DISTRICTS = [
    ("Jongno", "종로구", "钟路区", "鍾路区"),
    ("Jung-gu", "중구", "中区", "中区"),
    ("Mapo", "마포구", "麻浦区", "麻浦区"),
    ("Gangnam", "강남구", "江南区", "江南区"),
    ("Yeongdeungpo", "영등포구", "永登浦区", "永登浦区"),
    ("Seongdong", "성동구", "城东区", "城東区"),
    ("Guro", "구로구", "九老区", "九老区"),
    ("Nowon", "노원구", "芦原区", "蘆原区"),
    ("Eunpyeong", "은평구", "恩平区", "恩平区"),
    ("Songpa", "송파구", "松坡区", "松坡区"),
    ("Gwanak", "관악구", "冠岳区", "冠岳区"),
    ("Dongdaemun", "동대문구", "东大门区", "東大門区"),
]

# (slug, en, ko, zh-hans, ja, description en)
TOPICS = [
    ("housing", "Housing", "주택", "住房", "住宅", "Public and affordable housing."),
    ("transport", "Transport", "교통", "交通", "交通", "Buses, subway, roads and cycling."),
    (
        "climate",
        "Climate and environment",
        "기후·환경",
        "气候与环境",
        "気候・環境",
        "Air quality, parks, energy.",
    ),
    (
        "robotics",
        "Robotics",
        "로봇",
        "机器人",
        "ロボット",
        "Robots in public services and industry.",
    ),
    (
        "startups",
        "Start-ups",
        "스타트업",
        "初创企业",
        "スタートアップ",
        "Founders, investment and incubation.",
    ),
    (
        "smart-city",
        "Smart city",
        "스마트시티",
        "智慧城市",
        "スマートシティ",
        "Data and sensors for city services.",
    ),
    ("welfare", "Welfare", "복지", "福利", "福祉", "Care, childcare and support for residents."),
    ("culture", "Culture", "문화", "文化", "文化", "Festivals, museums and the arts."),
    ("tourism", "Tourism", "관광", "旅游", "観光", "Visitors, events and promotion abroad."),
    (
        "diplomacy",
        "City diplomacy",
        "도시외교",
        "城市外交",
        "都市外交",
        "Sister cities and partnerships.",
    ),
    ("safety", "Safety", "안전", "安全", "安全", "Disaster prevention and inspections."),
    (
        "economy",
        "Economy and jobs",
        "경제·일자리",
        "经济与就业",
        "経済・雇用",
        "Small business and employment.",
    ),
    (
        "urban-regeneration",
        "Urban regeneration",
        "도시재생",
        "城市更新",
        "都市再生",
        "Renewing old neighbourhoods.",
    ),
    ("education", "Education", "교육", "教育", "教育", "Schools, libraries and lifelong learning."),
]
#: The phrase a topic puts into titles, per topic slug.
TOPIC_PHRASES = {
    "housing": ("public housing", "공공주택", "公共住房", "公共住宅"),
    "transport": ("night buses", "심야버스", "夜间公交", "深夜バス"),
    "climate": ("fine dust measures", "미세먼지 대책", "细颗粒物治理", "微細粉塵対策"),
    "robotics": ("care robots", "돌봄 로봇", "陪护机器人", "ケアロボット"),
    "startups": ("start-up support", "창업 지원", "创业扶持", "起業支援"),
    "smart-city": (
        "smart city sensors",
        "스마트시티 센서",
        "智慧城市传感器",
        "スマートシティのセンサー",
    ),
    "welfare": ("childcare centres", "국공립 어린이집", "公立托育机构", "保育所"),
    "culture": ("autumn festivals", "가을 축제", "秋季文化节", "秋祭り"),
    "tourism": ("tourist information centres", "관광안내소", "旅游咨询中心", "観光案内所"),
    "diplomacy": ("sister-city exchanges", "자매도시 교류", "友好城市交流", "姉妹都市交流"),
    "safety": ("flood prevention", "수해 예방", "防汛设施", "水害対策"),
    "economy": (
        "support for traditional markets",
        "전통시장 지원",
        "传统市场扶持",
        "伝統市場への支援",
    ),
    "urban-regeneration": (
        "neighbourhood regeneration",
        "도시재생 사업",
        "旧城改造",
        "都市再生事業",
    ),
    "education": ("public libraries", "공공도서관", "公共图书馆", "公共図書館"),
}

# People: (en, ko, zh-hans, ja) parts; Korean names are written with Hanja in zh and ja.
KOREAN_FAMILY = [
    ("Kim", "김", "金", "金"),
    ("Lee", "이", "李", "李"),
    ("Park", "박", "朴", "朴"),
    ("Choi", "최", "崔", "崔"),
    ("Jung", "정", "郑", "鄭"),
    ("Kang", "강", "姜", "姜"),
    ("Cho", "조", "赵", "趙"),
    ("Yoon", "윤", "尹", "尹"),
    ("Jang", "장", "张", "張"),
    ("Lim", "임", "林", "林"),
    ("Han", "한", "韩", "韓"),
    ("Oh", "오", "吴", "呉"),
    ("Seo", "서", "徐", "徐"),
    ("Shin", "신", "申", "申"),
    ("Kwon", "권", "权", "權"),
    ("Hwang", "황", "黄", "黄"),
    ("Ahn", "안", "安", "安"),
    ("Song", "송", "宋", "宋"),
]
KOREAN_GIVEN = [
    ("Min-jun", "민준", "敏俊", "敏俊"),
    ("Seo-yeon", "서연", "瑞妍", "瑞妍"),
    ("Ji-hoon", "지훈", "志勋", "志勲"),
    ("Hye-jin", "혜진", "惠珍", "恵珍"),
    ("Sung-ho", "성호", "成浩", "成浩"),
    ("Eun-ji", "은지", "恩智", "恩智"),
    ("Dong-hyun", "동현", "东贤", "東賢"),
    ("Soo-jin", "수진", "秀珍", "秀珍"),
    ("Jae-won", "재원", "在元", "在元"),
    ("Mi-kyung", "미경", "美京", "美京"),
    ("Young-soo", "영수", "永洙", "永洙"),
    ("Ha-eun", "하은", "夏恩", "夏恩"),
    ("Tae-yang", "태양", "太阳", "太陽"),
    ("Na-rae", "나래", "娜来", "娜来"),
    ("Kyung-min", "경민", "庆民", "慶民"),
    ("Jin-woo", "진우", "镇宇", "鎮宇"),
    ("So-young", "소영", "昭英", "昭英"),
    ("Hyun-woo", "현우", "贤宇", "賢宇"),
    ("Yu-na", "유나", "柔娜", "柔娜"),
    ("Sang-hoon", "상훈", "相勋", "相勲"),
]
JAPANESE_FAMILY = [
    ("Sato", "사토", "佐藤", "佐藤"),
    ("Suzuki", "스즈키", "铃木", "鈴木"),
    ("Takahashi", "다카하시", "高桥", "高橋"),
    ("Tanaka", "다나카", "田中", "田中"),
    ("Watanabe", "와타나베", "渡边", "渡辺"),
    ("Ito", "이토", "伊藤", "伊藤"),
    ("Yamamoto", "야마모토", "山本", "山本"),
    ("Nakamura", "나카무라", "中村", "中村"),
    ("Kobayashi", "고바야시", "小林", "小林"),
    ("Kato", "가토", "加藤", "加藤"),
    ("Yoshida", "요시다", "吉田", "吉田"),
    ("Yamada", "야마다", "山田", "山田"),
]
JAPANESE_GIVEN = [
    ("Haruto", "하루토", "阳翔", "陽翔"),
    ("Yui", "유이", "结衣", "結衣"),
    ("Kenji", "겐지", "健二", "健二"),
    ("Aiko", "아이코", "爱子", "愛子"),
    ("Takeshi", "다케시", "武", "武"),
    ("Yuko", "유코", "裕子", "裕子"),
    ("Hiroshi", "히로시", "博", "博"),
    ("Naoko", "나오코", "直子", "直子"),
    ("Daisuke", "다이스케", "大辅", "大輔"),
    ("Emi", "에미", "惠美", "恵美"),
    ("Shota", "쇼타", "翔太", "翔太"),
    ("Mai", "마이", "麻衣", "麻衣"),
]
CHINESE_FAMILY = [
    ("Wang", "왕", "王", "王"),
    ("Li", "리", "李", "李"),
    ("Zhang", "장", "张", "張"),
    ("Liu", "류", "刘", "劉"),
    ("Chen", "천", "陈", "陳"),
    ("Yang", "양", "杨", "楊"),
    ("Zhao", "자오", "赵", "趙"),
    ("Huang", "황", "黄", "黄"),
    ("Zhou", "저우", "周", "周"),
    ("Wu", "우", "吴", "呉"),
    ("Xu", "쉬", "徐", "徐"),
    ("Sun", "쑨", "孙", "孫"),
]
CHINESE_GIVEN = [
    ("Wei", "웨이", "伟", "偉"),
    ("Fang", "팡", "芳", "芳"),
    ("Jun", "쥔", "军", "軍"),
    ("Min", "민", "敏", "敏"),
    ("Jing", "징", "静", "静"),
    ("Lei", "레이", "磊", "磊"),
    ("Yan", "옌", "燕", "燕"),
    ("Tao", "타오", "涛", "濤"),
    ("Xiaoming", "샤오밍", "晓明", "暁明"),
    ("Hui", "후이", "慧", "慧"),
    ("Qiang", "창", "强", "強"),
    ("Ling", "링", "玲", "玲"),
]
WESTERN_GIVEN = [
    ("Anna", "안나", "安娜", "アンナ"),
    ("David", "데이비드", "大卫", "デイビッド"),
    ("Maria", "마리아", "玛丽亚", "マリア"),
    ("Thomas", "토마스", "托马斯", "トーマス"),
    ("Sophie", "소피", "索菲", "ソフィー"),
    ("Michael", "마이클", "迈克尔", "マイケル"),
    ("Laura", "로라", "劳拉", "ローラ"),
    ("Daniel", "다니엘", "丹尼尔", "ダニエル"),
    ("Emma", "엠마", "艾玛", "エマ"),
    ("Peter", "페터", "彼得", "ペーター"),
    ("Claire", "클레어", "克莱尔", "クレア"),
    ("James", "제임스", "詹姆斯", "ジェームズ"),
]
WESTERN_FAMILY = [
    ("Martin", "마르탱", "马丁", "マルタン"),
    ("Schmidt", "슈미트", "施密特", "シュミット"),
    ("Smith", "스미스", "史密斯", "スミス"),
    ("Bernard", "베르나르", "贝尔纳", "ベルナール"),
    ("Müller", "뮐러", "穆勒", "ミュラー"),
    ("Johnson", "존슨", "约翰逊", "ジョンソン"),
    ("Rossi", "로시", "罗西", "ロッシ"),
    ("Jansen", "얀선", "扬森", "ヤンセン"),
    ("Garcia", "가르시아", "加西亚", "ガルシア"),
    ("Novak", "노바크", "诺瓦克", "ノヴァーク"),
    ("Andersen", "안데르센", "安徒生", "アンデルセン"),
    ("Brown", "브라운", "布朗", "ブラウン"),
]
#: (family names, given names, family name first?)
NAME_SETS = [
    (KOREAN_FAMILY, KOREAN_GIVEN, True),
    (JAPANESE_FAMILY, JAPANESE_GIVEN, True),
    (CHINESE_FAMILY, CHINESE_GIVEN, True),
    (WESTERN_FAMILY, WESTERN_GIVEN, False),
]
ROLES = [
    ("Mayor of {c}", "{c} 시장", "{c}市长", "{c}市長"),
    ("Deputy Mayor of {c}", "{c} 부시장", "{c}副市长", "{c}副市長"),
    ("Governor", "주지사", "州长", "知事"),
    ("Chief Executive Officer", "최고경영자", "首席执行官", "最高経営責任者"),
    ("Chief Technology Officer", "최고기술책임자", "首席技术官", "最高技術責任者"),
    ("President", "총장", "校长", "学長"),
    ("Director", "원장", "院长", "所長"),
    ("Ambassador of the Republic of Korea", "주재 대한민국 대사", "韩国驻当地大使", "駐在韓国大使"),
    ("Consul General", "총영사", "总领事", "総領事"),
    ("Founder", "창업자", "创始人", "創業者"),
    ("Professor", "교수", "教授", "教授"),
    ("Secretary General", "사무총장", "秘书长", "事務総長"),
]
MAYORS = [  # the officials who lead the trips, by the years they served
    (("Park", "Won-soon"), ("박원순",), ("朴元淳",), ("朴元淳",), 2011, 2020),
    (("Oh", "Se-hoon"), ("오세훈",), ("吴世勋",), ("呉世勲",), 2021, 2026),
]

# Organisations: a kind and a pattern around a city name.
ORGANIZATION_PATTERNS = [
    ("government", ("{c} Metropolitan Government", "{c}시 정부", "{c}市政府", "{c}市政府")),
    ("government", ("{c} City Council", "{c} 시의회", "{c}市议会", "{c}市議会")),
    (
        "government",
        ("{c} Economic Development Agency", "{c} 경제개발청", "{c}经济发展局", "{c}経済開発庁"),
    ),
    ("research", ("{c} Institute of Technology", "{c} 공과대학", "{c}理工学院", "{c}工科大学")),
    ("research", ("University of {c}", "{c} 대학교", "{c}大学", "{c}大学")),
    (
        "research",
        ("{c} Urban Research Institute", "{c} 도시연구원", "{c}城市研究院", "{c}都市研究所"),
    ),
    ("company", ("{c} Robotics", "{c} 로보틱스", "{c}机器人公司", "{c}ロボティクス")),
    ("company", ("{c} Mobility", "{c} 모빌리티", "{c}出行科技", "{c}モビリティ")),
    (
        "company",
        (
            "{c} Energy Solutions",
            "{c} 에너지솔루션",
            "{c}能源解决方案",
            "{c}エネルギーソリューションズ",
        ),
    ),
    ("company", ("{c} Bio Ventures", "{c} 바이오벤처스", "{c}生物创投", "{c}バイオベンチャーズ")),
    ("nonprofit", ("{c} Start-up Foundation", "{c} 창업재단", "{c}创业基金会", "{c}起業財団")),
    (
        "nonprofit",
        ("{c} Sister City Association", "{c} 자매도시협회", "{c}友好城市协会", "{c}姉妹都市協会"),
    ),
    ("culture", ("{c} Museum of Modern Art", "{c} 현대미술관", "{c}现代美术馆", "{c}近代美術館")),
    ("culture", ("{c} Philharmonic", "{c} 필하모닉", "{c}爱乐乐团", "{c}フィルハーモニー")),
    ("media", ("{c} Broadcasting", "{c} 방송", "{c}广播电视台", "{c}放送")),
]
ORGANIZATION_SERIES = [  # numbered units when the pool is larger than the patterns
    ("Lab {n}", "제{n}연구실", "第{n}实验室", "第{n}研究室"),
    ("Campus {n}", "제{n}캠퍼스", "第{n}校区", "第{n}キャンパス"),
]

PLACE_PATTERNS = [
    ("{c} City Hall", "{c} 시청", "{c}市政厅", "{c}市庁舎"),
    ("{c} Convention Centre", "{c} 컨벤션센터", "{c}会展中心", "{c}コンベンションセンター"),
    ("{c} Science Park", "{c} 과학단지", "{c}科技园", "{c}サイエンスパーク"),
    ("{c} Central Station", "{c} 중앙역", "{c}中央车站", "{c}中央駅"),
    ("{c} Museum of History", "{c} 역사박물관", "{c}历史博物馆", "{c}歴史博物館"),
    ("{c} Waterfront Park", "{c} 수변공원", "{c}滨水公园", "{c}ウォーターフロント公園"),
    ("{c} Water Treatment Plant", "{c} 정수장", "{c}水处理厂", "{c}浄水場"),
    ("{c} Innovation Hub", "{c} 혁신허브", "{c}创新中心", "{c}イノベーションハブ"),
    ("{c} Korean Cultural Centre", "{c} 한국문화원", "{c}韩国文化院", "{c}韓国文化院"),
    (
        "{c} Smart Mobility Centre",
        "{c} 스마트모빌리티센터",
        "{c}智慧出行中心",
        "{c}スマートモビリティセンター",
    ),
    ("{c} Public Housing Estate", "{c} 공공주택단지", "{c}公共住房小区", "{c}公営住宅団地"),
    ("{c} Design Museum", "{c} 디자인박물관", "{c}设计博物馆", "{c}デザイン博物館"),
]
#: Places that lie inside the city's science park.
INNER_PLACES = [
    (
        "Start-up Campus {n}",
        "스타트업 캠퍼스 {n}",
        "创业园区{n}号",
        "スタートアップ・キャンパス{n}",
    ),
    ("Robot Test Field {n}", "로봇 실증센터 {n}", "机器人测试场{n}号", "ロボット実証センター{n}"),
]
PLACE_DESCRIPTIONS = [
    (
        "A landmark of {c}, often used for official ceremonies and public events.",
        "{c}의 대표적인 명소로, 공식 행사와 시민 행사가 자주 열린다.",
        "{c}的标志性场所，经常举办官方仪式和公共活动。",
        "{c}を代表する場所で、公式行事や市民向けのイベントがよく開かれる。",
    ),
    (
        "Opened in {y}, it hosts research teams, start-ups and visiting delegations.",
        "{y}년에 문을 열었으며 연구팀과 스타트업, 방문 대표단을 맞이한다.",
        "于{y}年启用，入驻有研究团队和初创企业，并接待来访代表团。",
        "{y}年に開設され、研究チームやスタートアップが入居し、視察団を受け入れている。",
    ),
]

OUTLETS = [
    # (en, ko, zh-hans, ja, kind, country, language)
    ("Seoul Daily", "서울데일리", "首尔日报", "ソウル日報", "newspaper", "KR", "ko"),
    ("Hangang Times", "한강타임스", "汉江时报", "漢江タイムズ", "newspaper", "KR", "ko"),
    (
        "Korea Economic Journal",
        "한국경제저널",
        "韩国经济杂志",
        "韓国経済ジャーナル",
        "newspaper",
        "KR",
        "ko",
    ),
    ("Korea Wire Service", "코리아와이어", "韩国通讯社", "コリア・ワイヤー", "wire", "KR", "ko"),
    ("Capital Broadcasting", "수도방송", "首都广播", "首都放送", "broadcaster", "KR", "ko"),
    ("Seoul Citizen News", "서울시민신문", "首尔市民新闻", "ソウル市民新聞", "portal", "KR", "ko"),
    (
        "The Korea Observer",
        "코리아옵서버",
        "韩国观察家",
        "コリア・オブザーバー",
        "newspaper",
        "KR",
        "en",
    ),
    (
        "Asia Business Wire",
        "아시아비즈니스와이어",
        "亚洲商业通讯",
        "アジア・ビジネス・ワイヤー",
        "wire",
        "SG",
        "en",
    ),
    (
        "Global Cities Review",
        "글로벌시티리뷰",
        "全球城市评论",
        "グローバル・シティーズ・レビュー",
        "portal",
        "GB",
        "en",
    ),
    (
        "Pacific Tribune",
        "퍼시픽트리뷴",
        "太平洋论坛报",
        "パシフィック・トリビューン",
        "newspaper",
        "US",
        "en",
    ),
    (
        "Tech Asia Today",
        "테크아시아투데이",
        "今日亚洲科技",
        "テックアジア・トゥデイ",
        "portal",
        "SG",
        "en",
    ),
    (
        "Beijing Morning Post",
        "베이징모닝포스트",
        "北京晨报",
        "北京朝報",
        "newspaper",
        "CN",
        "zh-hans",
    ),
    ("Huaxia News Agency", "화샤통신", "华夏通讯社", "華夏通信", "wire", "CN", "zh-hans"),
    (
        "Shanghai Economic Daily",
        "상하이경제일보",
        "上海经济日报",
        "上海経済日報",
        "newspaper",
        "CN",
        "zh-hans",
    ),
    (
        "Southern Technology News",
        "남방과기신문",
        "南方科技报",
        "南方科技新聞",
        "portal",
        "CN",
        "zh-hans",
    ),
    ("Chongqing Evening News", "충칭석간", "重庆晚报", "重慶夕刊", "newspaper", "CN", "zh-hans"),
    (
        "Tokyo Shimbun Daily",
        "도쿄신문데일리",
        "东京新闻日报",
        "東京新聞デイリー",
        "newspaper",
        "JP",
        "ja",
    ),
    (
        "Kansai Economic News",
        "간사이경제신문",
        "关西经济新闻",
        "関西経済新聞",
        "newspaper",
        "JP",
        "ja",
    ),
    ("Nippon Wire", "닛폰와이어", "日本通讯", "ニッポン・ワイヤー", "wire", "JP", "ja"),
    ("Kyushu Broadcasting", "규슈방송", "九州广播", "九州放送", "broadcaster", "JP", "ja"),
    (
        "Le Courrier des Villes",
        "르 쿠리에 데 빌",
        "城市信使报",
        "ル・クーリエ・デ・ヴィル",
        "newspaper",
        "FR",
        "fr",
    ),
    (
        "Berliner Stadtzeitung",
        "베를리너 슈타트차이퉁",
        "柏林城市报",
        "ベルリナー・シュタットツァイトゥング",
        "newspaper",
        "DE",
        "de",
    ),
    (
        "Diario de las Ciudades",
        "디아리오 데 라스 시우다데스",
        "城市日报",
        "ディアリオ・デ・ラス・シウダデス",
        "newspaper",
        "ES",
        "es",
    ),
    (
        "Seoul Metropolitan Government Newsroom",
        "서울시 뉴스룸",
        "首尔市政府新闻室",
        "ソウル市ニュースルーム",
        "government",
        "KR",
        "ko",
    ),
]
#: Headlines of coverage, per article language. {c} a city of the trip, {t} a topic, {o} an organisation.
HEADLINES = {
    "en": [
        "Seoul mayor arrives in {c} to talk {t}",
        "Seoul and {c} agree to cooperate on {t}",
        "What Seoul's mayor learned in {c}",
        "Seoul delegation tours {o}",
        "Seoul signs memorandum with {o} during {c} visit",
        "Mayor pitches Seoul to investors in {c}",
    ],
    "ko": [
        "서울시장, {c} 도착…{t} 협력 논의",
        "서울시-{c}, {t} 분야 협력 합의",
        "서울시 대표단, {o} 방문",
        '서울시장 "{c}의 {t} 정책 배우겠다"',
        "서울시, {c} 순방서 {o}와 업무협약",
        "{c} 찾은 서울시장, 투자 유치 나서",
    ],
    "zh-hans": [
        "首尔市长抵达{c}，商讨{t}合作",
        "首尔与{c}就{t}达成合作共识",
        "首尔代表团参观{o}",
        "首尔市长访问{c}期间与{o}签署备忘录",
        "首尔市长在{c}推介投资环境",
    ],
    "ja": [
        "ソウル市長が{c}に到着、{t}で協力協議",
        "ソウル市と{c}、{t}分野で協力合意",
        "ソウル市代表団が{o}を視察",
        "ソウル市長、{c}訪問中に{o}と覚書",
        "ソウル市長が{c}で投資誘致",
    ],
    "fr": ["Le maire de Séoul en visite à {c}", "Séoul et {c} renforcent leur coopération"],
    "de": ["Seouls Bürgermeister besucht {c}", "Seoul und {c} vereinbaren Zusammenarbeit"],
    "es": ["El alcalde de Seúl visita {c}", "Seúl y {c} firman un acuerdo de cooperación"],
}
SUMMARIES = {
    "en": [
        "The delegation met city officials and company executives and visited {o}.",
        "Both cities said they would exchange staff and share data on {t}.",
        "The mayor said Seoul could learn from {c}'s experience with {t}.",
    ],
    "ko": [
        "대표단은 시 관계자와 기업 임원을 만나고 {o}를 방문했다.",
        "두 도시는 {t} 분야에서 인력 교류와 데이터 공유를 하기로 했다.",
        "시장은 {c}의 {t} 경험에서 배울 점이 많다고 말했다.",
    ],
    "zh-hans": [
        "代表团会见了市政官员和企业高管，并参观了{o}。",
        "两市表示将在{t}领域开展人员交流和数据共享。",
        "市长表示，首尔可以借鉴{c}在{t}方面的经验。",
    ],
    "ja": [
        "代表団は市の関係者や企業幹部と面会し、{o}を訪れた。",
        "両都市は{t}の分野で職員交流とデータ共有を行うとした。",
        "市長は{c}の{t}の経験から学ぶ点が多いと述べた。",
    ],
    "fr": ["La délégation a visité {o} et rencontré des responsables de {c}."],
    "de": ["Die Delegation besuchte {o} und traf Vertreter der Stadt {c}."],
    "es": ["La delegación visitó {o} y se reunió con autoridades de {c}."],
}
BYLINES = {
    "en": ["By {n}", "{n}, staff reporter", "{n} in {c}"],
    "ko": ["{n} 기자", "{c}={n} 특파원"],
    "zh-hans": ["记者 {n}", "本报驻{c}记者 {n}"],
    "ja": ["{n}記者", "{c}＝{n}"],
    "fr": ["Par {n}"],
    "de": ["Von {n}"],
    "es": ["Por {n}"],
}
REPORTERS = [
    "Kim Ji-won",
    "Lee Sang-min",
    "Park Hye-rim",
    "Chen Jing",
    "Sato Yuki",
    "Anna Becker",
    "Tom Walsh",
    "Marie Dubois",
]

TRIP_TITLES = [
    ("Mayor's visit to {cs}", "시장 {cs} 순방", "市长访问{cs}", "市長の{cs}訪問"),
    (
        "Delegation to {cs} on {t}",
        "{t} 협력을 위한 {cs} 방문",
        "赴{cs}开展{t}合作访问",
        "{t}協力のための{cs}訪問",
    ),
    ("{y} trip to {cs}", "{y}년 {cs} 출장", "{y}年{cs}之行", "{y}年{cs}出張"),
]
TRIP_SUMMARIES = [
    (
        "A {n}-day trip to {cs} to strengthen cooperation on {t} and promote Seoul to investors.",
        "{t} 협력을 강화하고 투자자에게 서울을 알리기 위한 {n}일간의 {cs} 방문.",
        "为加强{t}合作并向投资者推介首尔，为期{n}天的{cs}之行。",
        "{t}の協力を強め、投資家にソウルを売り込むための{n}日間の{cs}訪問。",
    ),
]
TRIP_PURPOSES = [
    (
        "To learn from {cs} about {t}, sign partnership agreements and meet the Korean community.",
        "{cs}의 {t} 사례를 배우고 협력 협약을 맺으며 현지 교민을 만나기 위해.",
        "学习{cs}在{t}方面的经验，签署合作协议，并会见当地侨胞。",
        "{cs}の{t}の事例に学び、協力協定を結び、現地の韓国人社会と交流するため。",
    ),
]
ENGAGEMENT_TITLES = {
    "meeting": ("Meeting with {o}", "{o} 관계자 면담", "会见{o}负责人", "{o}関係者と面談"),
    "site_visit": ("Site visit to {p}", "{p} 현장 방문", "实地考察{p}", "{p}を視察"),
    "conference": (
        "Keynote at the {c} Cities Forum",
        "{c} 도시포럼 기조연설",
        "在{c}城市论坛发表主旨演讲",
        "{c}都市フォーラムで基調講演",
    ),
    "promotion": (
        "Seoul investment briefing in {c}",
        "{c} 서울 투자설명회",
        "{c}首尔投资说明会",
        "{c}でソウル投資説明会",
    ),
    "ceremony": ("Signing ceremony with {o}", "{o}와 협약식", "与{o}签约仪式", "{o}との協定締結式"),
    "briefing": (
        "Press briefing in {c}",
        "{c} 현지 기자간담회",
        "在{c}举行记者会",
        "{c}で記者懇談会",
    ),
    "culture": (
        "Korean culture evening at {p}",
        "{p} 한국문화의 밤",
        "{p}韩国文化之夜",
        "{p}で韓国文化の夕べ",
    ),
}
ENGAGEMENT_DESCRIPTIONS = [
    (
        "The two sides discussed cooperation on {t} and agreed to meet again next year.",
        "양측은 {t} 협력 방안을 논의하고 내년에 다시 만나기로 했다.",
        "双方讨论了{t}领域的合作，并约定明年再次会面。",
        "双方は{t}での協力を話し合い、来年再び会うことで一致した。",
    ),
    (
        "The mayor was shown how {p} works and spoke with staff and residents.",
        "시장은 {p}의 운영 방식을 살펴보고 직원, 주민들과 대화했다.",
        "市长了解了{p}的运营方式，并与工作人员和居民交谈。",
        "市長は{p}の運営を見学し、職員や住民と言葉を交わした。",
    ),
]

# Release text: parallel sentences (from bench/search.py, plus trip sentences).
GENERIC = [
    (
        "The city will invest {n} billion won in {d} over the next three years to expand public housing for young people and newly married couples.",
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
        "Officials said the programme had already cut fine dust emissions by {k} percent compared with the previous year.",
        "관계자는 이 사업으로 미세먼지 배출량이 전년보다 {k}% 줄었다고 밝혔다.",
        "有关负责人表示，该项目已使细颗粒物排放量比上一年减少了{k}%。",
        "担当者は、この事業によって微細粉塵の排出量が前年より{k}%減ったと説明した。",
    ),
    (
        "Residents can apply online or at their local community service centre until the end of the month.",
        "주민들은 이달 말까지 온라인이나 가까운 주민센터에서 신청할 수 있다.",
        "居民可在本月底前通过网络或就近的居民服务中心提出申请。",
        "住民は今月末までオンラインまたは最寄りの住民センターで申し込むことができる。",
    ),
    (
        "Spending on welfare, childcare and care for older people will rise again this year, reaching {k} percent of the total budget.",
        "복지와 보육, 어르신 돌봄 예산은 올해도 늘어나 전체 예산의 {k}%에 이른다.",
        "福利、托育和老年人照护预算今年继续增加，占总预算的{k}%。",
        "福祉、保育、高齢者介護の予算は今年も増え、予算全体の{k}%に達する。",
    ),
    (
        "A public hearing on the redevelopment plan for {d} will be held at the city council next week.",
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
        "The city plans to plant {n} trees in parks and school grounds to cool neighbourhoods during summer heatwaves.",
        "시는 여름철 폭염에 대비해 공원과 학교 부지에 나무 {n}그루를 심을 계획이다.",
        "为应对夏季高温，市政府计划在公园和校园内种植{n}棵树。",
        "市は夏の猛暑に備え、公園や学校の敷地に{n}本の木を植える計画だ。",
    ),
    (
        "Small business owners in traditional markets will receive low-interest loans and free consulting on online sales.",
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
        "The measures were prepared after a survey of {n} citizens and consultations with experts in urban planning.",
        "이번 대책은 시민 {n}명을 대상으로 한 설문조사와 도시계획 전문가 자문을 거쳐 마련됐다.",
        "此次措施是在对{n}名市民开展问卷调查并征求城市规划专家意见后制定的。",
        "今回の対策は市民{n}人へのアンケート調査と都市計画の専門家への諮問を経てまとめられた。",
    ),
    (
        "Cultural festivals, night markets and free concerts will take place in {d} throughout the autumn.",
        "가을 내내 {d}에서는 문화축제와 야시장, 무료 공연이 이어진다.",
        "整个秋季，{d}将举办文化节、夜市和免费音乐会。",
        "秋の間、{d}では文化祭や夜市、無料コンサートが続く。",
    ),
    (
        "The city will also expand safety inspections of old buildings, bridges and underground passages before the rainy season.",
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
        "Electric vehicle chargers will be installed in {n} public car parks, and taxi companies will receive subsidies to switch to electric cars.",
        "공영주차장 {n}곳에 전기차 충전기가 설치되고, 택시 회사에는 전기차 전환 보조금이 지급된다.",
        "{n}处公共停车场将安装电动汽车充电桩，出租车公司换用电动车可获得补贴。",
        "公営駐車場{n}か所に電気自動車の充電器が設置され、タクシー会社には電気自動車への転換補助金が支給される。",
    ),
    (
        "Seoul Metropolitan Government announced the plan at City Hall on Monday.",
        "서울시는 월요일 시청에서 이 같은 계획을 발표했다.",
        "首尔市政府周一在市政厅公布了这一计划。",
        "ソウル市は月曜日、市庁舎でこの計画を発表した。",
    ),
    (
        "About {n} households across Seoul are expected to benefit from the programme.",
        "서울 전역에서 약 {n}가구가 혜택을 받을 것으로 예상된다.",
        "预计首尔全市约有{n}户家庭将从中受益。",
        "ソウル全域で約{n}世帯が恩恵を受ける見通しだ。",
    ),
    (
        "Delivery robots will be tested on pavements in {d} from this spring.",
        "올봄부터 {d} 보도에서 배달 로봇 시범 운행이 시작된다.",
        "今年春季起，配送机器人将在{d}的人行道上试运行。",
        "この春から{d}の歩道で配達ロボットの試験運行が始まる。",
    ),
    (
        "The smart city platform links traffic signals, parking and air quality sensors in real time.",
        "스마트시티 플랫폼은 신호등과 주차, 대기질 센서를 실시간으로 연결한다.",
        "智慧城市平台实时连接交通信号、停车和空气质量传感器。",
        "スマートシティのプラットフォームは信号、駐車場、大気質センサーをリアルタイムで結ぶ。",
    ),
]
MAYOR_QUOTES = [
    (
        "“We will listen to citizens first,” the mayor said at the briefing.",
        "시장은 브리핑에서 “시민의 목소리를 먼저 듣겠다”고 말했다.",
        "市长在通报会上表示：“我们将首先倾听市民的声音。”",
        "市長は会見で「まず市民の声に耳を傾ける」と述べた。",
    ),
    (
        "“Seoul will keep working with cities around the world on {t},” the mayor said.",
        "시장은 “서울은 {t} 분야에서 세계 도시들과 계속 협력하겠다”고 말했다.",
        "市长表示：“首尔将继续与世界各城市在{t}领域开展合作。”",
        "市長は「ソウルは{t}の分野で世界の都市と協力を続ける」と述べた。",
    ),
]
TRIP_SENTENCES = [
    (
        "The mayor's delegation arrived in {c} to discuss cooperation on {t}.",
        "시장 대표단은 {t} 협력을 논의하기 위해 {c}에 도착했다.",
        "市长代表团抵达{c}，商讨{t}领域的合作。",
        "市長の代表団は{t}分野の協力を協議するため{c}に到着した。",
    ),
    (
        "During the visit, the mayor met representatives of {o} and toured {p}.",
        "방문 기간 시장은 {o} 관계자를 만나고 {p}를 둘러봤다.",
        "访问期间，市长会见了{o}的代表，并参观了{p}。",
        "訪問中、市長は{o}の代表と面会し、{p}を視察した。",
    ),
    (
        "Seoul and {c} signed a memorandum of understanding on youth exchanges and {t}.",
        "서울시와 {c}는 청년 교류와 {t}에 관한 양해각서를 체결했다.",
        "首尔与{c}签署了关于青年交流和{t}的谅解备忘录。",
        "ソウル市と{c}は青年交流と{t}に関する覚書を締結した。",
    ),
    (
        "The delegation also visited a start-up campus and a water treatment plant in {c}.",
        "대표단은 {c}의 스타트업 캠퍼스와 정수장도 방문했다.",
        "代表团还访问了{c}的一处创业园区和一座水处理厂。",
        "代表団は{c}のスタートアップ・キャンパスと浄水場も訪問した。",
    ),
]
RELEASE_TITLES = [
    (
        "Seoul to open {k} new {t} sites in {d} by {y}",
        "서울시, {y}년까지 {d}에 {t} {k}곳 신설",
        "首尔市将于{y}年前在{d}新设{k}处{t}",
        "ソウル市、{y}年までに{d}で{t}を{k}か所新設",
    ),
    (
        "{n} households in {d} to benefit from {t}",
        "{d} {n}가구, {t} 혜택 받는다",
        "{d}{n}户家庭将受益于{t}",
        "{d}の{n}世帯が{t}の恩恵",
    ),
    (
        "Seoul to expand {t} in {d} as part of a new plan for residents",
        "서울시, {d} {t} 확대…주민 지원 강화",
        "首尔市将扩大{d}{t}，加强对居民的支持",
        "ソウル市、{d}で{t}を拡充　住民支援を強化",
    ),
    (
        "City unveils {y} plan for {t} with more funding for {d}",
        "시, {y}년 {t} 계획 발표…{d} 지원 늘린다",
        "市政府公布{y}年{t}计划，加大对{d}的投入",
        "市、{y}年の{t}計画を発表　{d}への支援を拡大",
    ),
    (
        "Applications open for {t} in {d}",
        "{d} {t} 신청 접수 시작",
        "{d}{t}开始接受申请",
        "{d}の{t}、申し込み受付開始",
    ),
]
TRIP_RELEASE_TITLES = [
    (
        "Mayor of Seoul visits {c} to discuss {t}",
        "서울시장, {c} 방문해 {t} 논의",
        "首尔市长访问{c}，商讨{t}",
        "ソウル市長が{c}を訪問、{t}を協議",
    ),
    (
        "Seoul and {o} agree to cooperate on {t}",
        "서울시-{o}, {t} 협력 합의",
        "首尔与{o}就{t}达成合作",
        "ソウル市と{o}、{t}で協力合意",
    ),
    (
        "Mayor tours {p} during visit to {c}",
        "시장, {c} 방문 중 {p} 시찰",
        "市长访问{c}期间参观{p}",
        "市長、{c}訪問中に{p}を視察",
    ),
]
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
    (
        "Cooperation to continue with partner cities abroad",
        "해외 자매도시와 협력 이어간다",
        "将继续与海外友好城市合作",
        "海外の姉妹都市との協力を継続",
    ),
]
HEADINGS = [
    ("Background", "추진 배경", "背景", "背景"),
    ("Main measures", "주요 내용", "主要措施", "主な内容"),
    ("Next steps", "향후 계획", "下一步计划", "今後の計画"),
]
BULLETS = [
    ("Budget: {n} billion won", "예산: {n}억 원", "预算：{n}亿韩元", "予算：{n}億ウォン"),
    ("Period: {y} to {y2}", "기간: {y}~{y2}년", "期间：{y}年至{y2}年", "期間：{y}～{y2}年"),
    ("Target: {k} districts", "대상: {k}개 자치구", "对象：{k}个区", "対象：{k}区"),
]
CONTACT_LINE = (
    'For more information, contact the {dept} at <a href="mailto:press@seoul.example">press@seoul.example</a>.',
    '문의: {dept} (<a href="mailto:press@seoul.example">press@seoul.example</a>)',
    '详情请联系{dept}（<a href="mailto:press@seoul.example">press@seoul.example</a>）。',
    'お問い合わせ：{dept}（<a href="mailto:press@seoul.example">press@seoul.example</a>）',
)
CONTACTS = [
    ("Press Office", "대변인실", "新闻办公室", "報道官室"),
    ("International Relations Division", "국제협력과", "国际合作科", "国際協力課"),
    ("Housing Policy Division", "주택정책과", "住房政策科", "住宅政策課"),
    ("Transport Planning Division", "교통정책과", "交通规划科", "交通政策課"),
    ("Climate and Environment Headquarters", "기후환경본부", "气候环境本部", "気候環境本部"),
    ("Economic Policy Office", "경제정책실", "经济政策室", "経済政策室"),
]
WITHDRAWAL_REASONS = [
    (
        "The event was cancelled. A new date will be announced.",
        "행사가 취소되었습니다. 새 일정은 추후 안내합니다.",
        "活动已取消，新日期另行通知。",
        "行事は中止されました。新しい日程は追ってお知らせします。",
    ),
    (
        "This release contained incorrect figures and has been replaced.",
        "이 보도자료에는 잘못된 수치가 포함되어 대체되었습니다.",
        "本新闻稿数据有误，已被替换。",
        "この報道資料には誤った数値が含まれていたため差し替えました。",
    ),
]
CAPTIONS = [
    ("The mayor at {p} in {c}.", "{c} {p}에서 시장.", "市长在{c}{p}。", "{c}の{p}での市長。"),
    (
        "The delegation meets representatives of {o}.",
        "{o} 관계자를 만난 대표단.",
        "代表团会见{o}代表。",
        "{o}の代表と面会する代表団。",
    ),
    (
        "Residents of {d} at the opening.",
        "개소식에 참석한 {d} 주민들.",
        "出席开幕式的{d}居民。",
        "開所式に参加した{d}の住民。",
    ),
]
ALT_TEXTS = [
    (
        "A group of officials standing in front of a modern building.",
        "현대식 건물 앞에 선 관계자들.",
        "一群官员站在一座现代建筑前。",
        "近代的な建物の前に立つ関係者たち。",
    ),
    (
        "A city skyline at dusk seen from a riverbank.",
        "강변에서 본 해 질 녘 도시 풍경.",
        "从河岸看到的黄昏城市天际线。",
        "川岸から見た夕暮れの街並み。",
    ),
]
CREDITS = [
    "Seoul Metropolitan Government",
    "Seoul Metropolitan Government / Press Office",
    "Photo: Kim Min-ji, Seoul Metropolitan Government",
]
