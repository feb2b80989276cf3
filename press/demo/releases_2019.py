# Prose in four scripts: long lines and CJK punctuation are meant.
# ruff: noqa: E501, RUF001
"""Press releases of trip B (Park Won-soon, Shenzhen and Hong Kong, 2019).

Keyed by release number; times are Seoul time; "photos" lists photo keys of ``trip_2019``,
the first being the lead photo. The announcement of 29 January 2019 was written in English.
"""

import datetime as dt

RELEASES = [
    {
        # The announcement, written in English: the city's own number and headline
        # (TRIPS.md). The demo once numbered it SMG-2019-0129; a database loaded then
        # keeps its row and takes the city's number.
        "number": "SMG 449",
        "former_numbers": ["SMG-2019-0129"],
        "slug": "mayor-park-won-soon-to-visit-shenzhen-and-hong-kong",
        "original_language": "en",
        "status": "published",
        "published_at": dt.datetime(2019, 1, 29, 10, 0),
        "topics": ["diplomacy", "startups", "urban-regeneration"],
        "engagements": ["carrie-lam", "cyberport", "shenzhen-bay"],
        "photos": [],
        "title": {
            "en": "Seoul Mayor Park heads to Hong Kong and Shenzhen to seek for innovative startup policies and new business strategies",
            "ko": "박원순 시장, 선전·홍콩 방문",
            "zh-hans": "朴元淳市长将访问深圳和香港",
        },
        "subtitle": {
            "en": "Five-day trip at the invitation of the Hong Kong government's Sponsored Visitors Program",
            "ko": "홍콩 정부 후원방문자프로그램(SVP) 초청으로 5일간",
            "zh-hans": "应香港特区政府“赞助访问计划”邀请，为期五天",
        },
        "lead": {
            "en": "Mayor Park Won-soon visits Shenzhen and Hong Kong from 29 January to 2 February 2019 at the invitation of the Hong Kong government's Sponsored Visitors Program (SVP).",
            "ko": "박원순 서울시장이 홍콩 정부의 후원방문자프로그램(SVP) 초청으로 2019년 1월 29일부터 2월 2일까지 선전과 홍콩을 방문한다.",
            "zh-hans": "首尔市长朴元淳应香港特区政府“赞助访问计划”（SVP）邀请，于2019年1月29日至2月2日访问深圳和香港。",
        },
        "body": {
            "en": """
<p>Seoul Mayor Park Won-soon leaves today for five days in Shenzhen and Hong Kong, invited by the Sponsored Visitors Program (SVP) of the Government of the Hong Kong Special Administrative Region.</p>
<h2>Shenzhen</h2>
<p>Often called Asia's Silicon Valley, Shenzhen grew by an average of 22 % a year between 1980 and 2016, a pace people in China call "the speed of Shenzhen". The mayor will visit iMakerBase; IngDan, a platform that has supported more than 16,000 IoT and AI projects; and Shenzhen Bay Startup Plaza, where Baidu, Alibaba and Tencent have offices.</p>
<h2>Hong Kong</h2>
<ul>
<li>One-to-one meetings with Chief Executive Carrie Lam, Chief Secretary for Administration Matthew Cheung Kin-chung and Secretary for Justice Teresa Cheng Yeuk-wah</li>
<li>Cyberport, home to more than 1,000 companies in fintech, blockchain and cyber security</li>
<li>Urban regeneration at Tai Kwun, PMQ and the Blue House, and a briefing by the Urban Renewal Authority, set up in 2001</li>
</ul>
<h3>Background</h3>
<p>The two cities have learned from each other before. After the Umyeonsan landslide of 2012, Mayor Park studied how Hong Kong prevents disasters. In 2013 Hong Kong's Wong Kam-sing came to Seoul to see Geumcheon-gu, where households pay for food waste by weight through RFID bins, and Mapo-gu. Seoul and Hong Kong both sit on the C40 steering committee.</p>
""",
            "ko": """
<p>박원순 서울시장이 홍콩특별행정구 정부의 후원방문자프로그램(SVP) 초청으로 오늘부터 5일간 선전과 홍콩을 방문한다.</p>
<h2>선전</h2>
<p>'아시아의 실리콘밸리'로 불리는 선전은 1980년부터 2016년까지 연평균 22% 성장했고, 이 빠른 변화는 '선전 속도'라는 말을 낳았다. 박 시장은 다궁팡(iMakerBase), 사물인터넷·인공지능 프로젝트 1만6천여 건을 지원한 잉단, 바이두·알리바바·텐센트가 입주한 선전만 창업광장을 찾는다.</p>
<h2>홍콩</h2>
<ul>
<li>캐리 람 행정장관, 매슈 청 정무사장, 테레사 청 율정사장과 각각 일대일 면담</li>
<li>핀테크·블록체인·사이버보안 기업 1천여 곳이 입주한 사이버포트 방문</li>
<li>타이퀀, PMQ, 블루하우스 등 도시재생 현장 방문과 2001년 설립된 도시재생국 브리핑</li>
</ul>
<h3>배경</h3>
<p>두 도시는 서로에게 배워 온 사이다. 2012년 우면산 산사태 이후 박 시장은 홍콩의 재난 예방 체계를 살펴봤고, 2013년에는 홍콩의 웡깜싱이 RFID 방식 음식물쓰레기 종량제를 시행하는 금천구와 마포구를 찾았다. 서울과 홍콩은 모두 C40 운영위원회에 참여하고 있다.</p>
""",
            "zh-hans": """
<p>首尔市长朴元淳应香港特别行政区政府“赞助访问计划”（SVP）邀请，今日起访问深圳和香港五天。</p>
<h2>深圳</h2>
<p>被称为“亚洲硅谷”的深圳在1980年至2016年间年均增长22%，这种发展节奏被称为“深圳速度”。朴市长将走访大公坊、已支持逾16000个物联网和人工智能项目的硬蛋，以及百度、阿里巴巴和腾讯设有办公室的深圳湾创业广场。</p>
<h2>香港</h2>
<ul>
<li>分别与行政长官林郑月娥、政务司司长张建宗和律政司司长郑若骅单独会面</li>
<li>参观汇聚逾1000家金融科技、区块链和网络安全企业的数码港</li>
<li>考察大馆、元创方和蓝屋等城市更新项目，并听取2001年成立的市区重建局简报</li>
</ul>
<h3>背景</h3>
<p>两座城市此前已多次互相借鉴。2012年牛眠山山体滑坡后，朴市长曾考察香港的防灾经验；2013年，香港的黄锦星到访首尔，考察以RFID计量收取厨余垃圾费的衿川区和麻浦区。首尔和香港都是C40指导委员会成员。</p>
""",
        },
    },
    {
        # Complete in all four languages.
        "number": "SMG-2019-0131",
        "slug": "in-shenzhen-mayor-park-studies-a-startup-city",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2019, 1, 31, 9, 0),
        "topics": ["startups"],
        "engagements": ["ingdan", "shenzhen-bay", "imakerbase"],
        "photos": ["2019-shenzhen-bay-startup-plaza", "2019-shenzhen-imakerbase"],
        "title": {
            "en": "In Shenzhen, Mayor Park studies a city that grew at startup speed",
            "ko": "박원순 시장, '선전 속도'의 창업 현장을 가다",
            "zh-hans": "朴元淳市长在深圳考察“深圳速度”下的创业生态",
            "ja": "朴元淳市長、「深圳スピード」の創業現場を視察",
        },
        "subtitle": {
            "en": "Visits to IngDan, iMakerBase and Shenzhen Bay Startup Plaza",
            "ko": "잉단·다궁팡·선전만 창업광장 방문",
            "zh-hans": "走访硬蛋、大公坊和深圳湾创业广场",
            "ja": "硬蛋、大公坊、深圳湾創業広場を訪問",
        },
        "lead": {
            "en": "Mayor Park Won-soon spent the first days of his trip in Shenzhen, whose economy grew by an average of 22 % a year from 1980 to 2016.",
            "ko": "박원순 시장이 1980년부터 2016년까지 연평균 22% 성장한 도시 선전에서 순방 첫 일정을 보냈다.",
            "zh-hans": "朴元淳市长此行的前两天在深圳度过。1980年至2016年，深圳经济年均增长22%。",
            "ja": "朴元淳市長は訪問の最初の2日間を、1980年から2016年まで年平均22%の成長を遂げた深圳で過ごした。",
        },
        "body": {
            "en": """
<p>Mayor Park Won-soon began his five-day trip in Shenzhen, the city that earned the name Asia's Silicon Valley.</p>
<ul>
<li><strong>IngDan</strong>: a hardware innovation platform that has worked with more than 16,000 Internet-of-Things and artificial-intelligence projects.</li>
<li><strong>iMakerBase</strong>: a base where makers and hardware startups turn prototypes into products.</li>
<li><strong>Shenzhen Bay Startup Plaza</strong>: a startup district where Baidu, Alibaba and Tencent have offices.</li>
</ul>
<p>The Seoul Metropolitan Government will look at how Shenzhen links makers, manufacturers and investors as it shapes its own startup policy.</p>
""",
            "ko": """
<p>박원순 시장은 '아시아의 실리콘밸리'로 불리는 선전에서 5일간의 순방을 시작했다.</p>
<ul>
<li><strong>잉단</strong>: 사물인터넷·인공지능 프로젝트 1만6천여 건과 함께한 하드웨어 혁신 플랫폼.</li>
<li><strong>다궁팡(iMakerBase)</strong>: 메이커와 하드웨어 스타트업이 시제품을 제품으로 만드는 거점.</li>
<li><strong>선전만 창업광장</strong>: 바이두·알리바바·텐센트가 사무실을 둔 창업 단지.</li>
</ul>
<p>서울시는 선전이 메이커와 제조업체, 투자자를 잇는 방식을 살펴 창업 정책에 참고할 계획이다.</p>
""",
            "zh-hans": """
<p>朴元淳市长在被誉为“亚洲硅谷”的深圳开启了为期五天的访问。</p>
<ul>
<li><strong>硬蛋</strong>：已服务逾16000个物联网和人工智能项目的硬件创新平台。</li>
<li><strong>大公坊</strong>：创客和硬件初创企业将原型变成产品的基地。</li>
<li><strong>深圳湾创业广场</strong>：百度、阿里巴巴和腾讯设有办公室的创业园区。</li>
</ul>
<p>首尔市政府将研究深圳如何连接创客、制造商和投资者，为首尔的创业政策提供参考。</p>
""",
            "ja": """
<p>朴元淳市長は、「アジアのシリコンバレー」と呼ばれる深圳から5日間の訪問を始めた。</p>
<ul>
<li><strong>硬蛋（IngDan）</strong>：IoTとAIのプロジェクト1万6千件以上を支援してきたハードウェア革新プラットフォーム。</li>
<li><strong>大公坊（iMakerBase）</strong>：メイカーやハードウェア系スタートアップが試作品を製品に仕上げる拠点。</li>
<li><strong>深圳湾創業広場</strong>：百度、アリババ、テンセントがオフィスを構える創業拠点。</li>
</ul>
<p>ソウル市は、深圳がメイカー、製造業者、投資家をどう結びつけているかを調べ、自らのスタートアップ政策に生かす考えだ。</p>
""",
        },
    },
    {
        # No Chinese translation.
        "number": "SMG-2019-0202",
        "slug": "mayor-park-meets-hong-kong-leaders-and-tours-renewed-heritage",
        "original_language": "ko",
        "status": "published",
        "published_at": dt.datetime(2019, 2, 2, 15, 0),
        "topics": ["urban-regeneration", "diplomacy", "startups"],
        "engagements": [
            "cyberport",
            "matthew-cheung",
            "carrie-lam",
            "teresa-cheng",
            "tai-kwun",
            "pmq",
            "blue-house",
            "ura",
        ],
        "photos": [
            "2019-hong-kong-carrie-lam",
            "2019-hong-kong-cyberport",
            "2019-hong-kong-tai-kwun",
            "2019-hong-kong-blue-house",
        ],
        "title": {
            "en": "Mayor Park meets Hong Kong's leaders and tours its renewed heritage",
            "ko": "박원순 시장, 홍콩 지도부 면담하고 도시재생 현장 둘러봐",
            "ja": "朴元淳市長、香港政府首脳と会談し都市再生の現場を視察",
        },
        "subtitle": {
            "en": "Talks with Carrie Lam, Matthew Cheung and Teresa Cheng; visits to Cyberport, Tai Kwun, PMQ and the Blue House",
            "ko": "캐리 람·매슈 청·테레사 청과 면담…사이버포트·타이퀀·PMQ·블루하우스 방문",
            "ja": "林鄭月娥、張建宗、鄭若驊の各氏と会談、サイバーポートや大館、PMQ、ブルーハウスを訪問",
        },
        "lead": {
            "en": "In Hong Kong Mayor Park Won-soon held one-to-one meetings with three of the city's most senior officials and saw how historic buildings have been given new uses.",
            "ko": "박원순 시장이 홍콩에서 정부 최고위 인사 3명과 각각 면담하고, 옛 건물에 새 쓰임을 찾아 준 도시재생 현장을 둘러봤다.",
            "ja": "朴元淳市長は香港で政府最高幹部3人とそれぞれ会談し、歴史的建造物に新たな用途を与えた都市再生の現場を見て回った。",
        },
        "body": {
            "en": """
<p>Mayor Park Won-soon held one-to-one meetings with Chief Executive Carrie Lam, Chief Secretary for Administration Matthew Cheung Kin-chung and Secretary for Justice Teresa Cheng Yeuk-wah.</p>
<h2>Urban regeneration</h2>
<ul>
<li><strong>Tai Kwun</strong>: the former Central Police Station compound, now a centre for heritage and the arts.</li>
<li><strong>PMQ</strong>: the former Police Married Quarters, now home to designers and creative businesses.</li>
<li><strong>Blue House</strong>: a historic block in Wan Chai, renewed without moving its community out.</li>
</ul>
<p>The Urban Renewal Authority, set up in 2001, briefed the mayor on how it renews the city's older districts.</p>
<h2>Cyberport</h2>
<p>At Cyberport the mayor toured a hub where more than 1,000 companies work in fintech, blockchain and cyber security.</p>
""",
            "ko": """
<p>박원순 시장은 캐리 람 행정장관, 매슈 청 정무사장, 테레사 청 율정사장과 각각 일대일 면담을 가졌다.</p>
<h2>도시재생 현장</h2>
<ul>
<li><strong>타이퀀</strong>: 옛 중앙경찰서 단지를 문화유산·예술 공간으로 되살린 곳.</li>
<li><strong>PMQ</strong>: 옛 경찰 기혼자 숙소가 디자이너와 창작 기업의 터전이 된 곳.</li>
<li><strong>블루하우스</strong>: 주민을 내보내지 않고 되살린 완차이의 오래된 건물.</li>
</ul>
<p>2001년 설립된 홍콩 도시재생국은 노후 지역을 되살리는 방식을 박 시장에게 설명했다.</p>
<h2>사이버포트</h2>
<p>박 시장은 핀테크·블록체인·사이버보안 기업 1천여 곳이 입주한 사이버포트도 둘러봤다.</p>
""",
            "ja": """
<p>朴元淳市長は、林鄭月娥行政長官、張建宗政務長官、鄭若驊律政司長とそれぞれ一対一で会談した。</p>
<h2>都市再生の現場</h2>
<ul>
<li><strong>大館</strong>：旧中区警察署の建物群を、歴史と芸術の拠点として再生した。</li>
<li><strong>PMQ</strong>：旧警察既婚者宿舎が、デザイナーやクリエイティブ企業の拠点になった。</li>
<li><strong>ブルーハウス</strong>：住民を立ち退かせずに再生した湾仔の歴史的建物。</li>
</ul>
<p>2001年に設立された市区重建局は、古い街区を再生する手法を市長に説明した。</p>
<h2>サイバーポート</h2>
<p>市長は、フィンテック、ブロックチェーン、サイバーセキュリティの企業1,000社以上が集まるサイバーポートも視察した。</p>
""",
        },
    },
]
