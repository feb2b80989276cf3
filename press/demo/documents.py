# ruff: noqa: RUF001
"""Documents of the demo: each trip's first release carries a one-page fact sheet, a PDF
drawn here at load time with Pillow (no file comes with the project), and the Seoul-Beijing
release the full text of its announcement in Korean, as a UTF-8 text file.

Each spec names its trip, the release that carries it (by number), its order, titles in
four languages, the document's language and how its bytes are made. The same spec always
makes the same bytes.
"""

import datetime as dt
import io

from PIL import Image, ImageDraw

from .images import font

#: A4 at 72 dpi, the size a PDF page is measured in.
PAGE = (595, 842)
MARGIN = 56
#: Fixed dates inside the PDF, so that the same fact sheet is the same file.
MADE = dt.datetime(2024, 7, 1, 9, 0).timetuple()


def fact_sheet(title: str, lines: list[str]) -> bytes:
    """A one-page PDF: a title, a rule and the lines given (Latin text: the font drawn
    with may have no Hangul)."""
    page = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(page)
    draw.text((MARGIN, MARGIN), "Seoul Metropolitan Government", fill="#5a6b7b", font=font(12))
    draw.text((MARGIN, MARGIN + 24), title, fill="#10212f", font=font(20, bold=True))
    draw.line((MARGIN, MARGIN + 60, PAGE[0] - MARGIN, MARGIN + 60), fill="#10212f", width=2)
    y = MARGIN + 80
    for text in lines:
        draw.text((MARGIN, y), text, fill="#10212f", font=font(13))
        y += 24
    draw.text((MARGIN, PAGE[1] - MARGIN), "Demo document", fill="#8a96a3", font=font(10))
    out = io.BytesIO()
    page.save(out, "PDF", resolution=72.0, title=title, creationDate=MADE, modDate=MADE)
    return out.getvalue()


DOCUMENTS = [
    {
        "trip": "oh-se-hoon-paris-chongqing-beijing-2024",
        "release": "SMG-2024-0722",
        "order": 1,
        "file_name": "demo-fact-sheet-2024.pdf",
        "language": "en",
        "title": {
            "en": "Fact sheet: the Mayor's trip to Paris, Chongqing and Beijing",
            "ko": "자료: 시장의 파리·충칭·베이징 출장 개요",
            "zh-hans": "资料：市长巴黎、重庆、北京之行概要",
            "ja": "資料：市長のパリ・重慶・北京訪問の概要",
        },
        "description": {
            "en": "Dates, cities and the main events of the trip on one page.",
        },
        "make": lambda: fact_sheet(
            "Paris, Chongqing and Beijing, 24 July - 1 August 2024",
            [
                "Delegation led by Mayor Oh Se-hoon.",
                "24-27 July: Paris.",
                "28-29 July: Chongqing.",
                "30 July - 1 August: Beijing (meeting with the Mayor of Beijing,",
                "    Zhongguancun, Korean businesses and culture).",
            ],
        ),
    },
    {
        "trip": "oh-se-hoon-paris-chongqing-beijing-2024",
        "release": "SMG-2024-0731-01",
        "order": 2,
        "file_name": "demo-seoul-beijing-ko.txt",
        "language": "ko",
        "title": {
            "en": "Announcement in full (Korean)",
            "ko": "보도자료 전문",
            "zh-hans": "新闻稿全文（韩文）",
            "ja": "報道資料の全文（韓国語）",
        },
        "description": {},
        "make": lambda: (
            "서울시 보도자료\n\n"
            "서울·베이징 시장, 2018년 이후 첫 회담\n\n"
            "오세훈 서울시장이 7월 30일(화) 베이징에서 인융 베이징시장과 만났다. "
            "두 수도 시장 간 고위급 회담은 2018년 이후 처음이다.\n"
        ).encode(),
    },
    {
        "trip": "park-won-soon-shenzhen-hong-kong-2019",
        "release": "SMG 449",
        "order": 1,
        "file_name": "demo-fact-sheet-2019.pdf",
        "language": "en",
        "title": {
            "en": "Fact sheet: the Mayor's trip to Shenzhen and Hong Kong",
            "ko": "자료: 시장의 선전·홍콩 출장 개요",
            "zh-hans": "资料：市长深圳、香港之行概要",
            "ja": "資料：市長の深圳・香港訪問の概要",
        },
        "description": {
            "en": "Dates, cities and the main events of the trip on one page.",
        },
        "make": lambda: fact_sheet(
            "Shenzhen and Hong Kong, 29 January - 2 February 2019",
            [
                "Delegation led by Mayor Park Won-soon.",
                "29-30 January: Shenzhen.",
                "31 January - 2 February: Hong Kong.",
            ],
        ),
    },
]
