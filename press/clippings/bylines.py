# Bylines in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001, RUF002, RUF003
"""Reporters' names as clippings print them, and the outlet and city beside them.

``베이징=헤럴드경제 김우영 기자``, ``[노컷뉴스 장규석 특파원]``, ``(서울=연합뉴스) 김우영 기자 =``,
``BY CHO JUNG-WOO [cho.jungwoo@joongang.co.kr]``, ``By Cho Jung-woo``, ``（记者 李明）``,
``【北京=山田太郎】``, ``（北京＝山田太郎）`` (alone on its line), ``山田太郎記者``. A Korean
name is checked against the common surnames, so that ``중국 기자`` (a Chinese reporter) is
not taken for a person; a Hangul name and a romanised one in the same clipping are paired
when their surnames agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Common Korean surnames and the ways they are romanised.
SURNAMES = {
    "김": "kim gim", "이": "lee yi rhee li", "박": "park bak pak", "최": "choi choe",
    "정": "jung jeong chung jong", "강": "kang gang", "조": "cho jo", "윤": "yoon yun",
    "장": "jang chang", "임": "lim im", "한": "han", "오": "oh o", "서": "seo suh",
    "신": "shin sin", "권": "kwon gwon", "황": "hwang", "안": "ahn an", "송": "song",
    "류": "ryu yoo yu", "유": "yoo yu", "전": "jeon jun chun", "홍": "hong", "고": "ko go koh",
    "문": "moon mun", "양": "yang", "손": "son sohn", "배": "bae", "백": "baek paik",
    "허": "heo huh", "남": "nam", "심": "shim sim", "노": "noh roh no", "하": "ha",
    "곽": "kwak gwak", "성": "sung seong", "차": "cha", "주": "joo ju chu", "우": "woo u",
    "구": "koo gu ku", "민": "min", "진": "jin", "나": "na", "지": "ji", "엄": "um eom",
    "채": "chae", "원": "won", "천": "chun cheon", "방": "bang", "공": "kong gong",
    "현": "hyun hyeon", "함": "ham", "변": "byun byeon", "염": "yeom yum", "여": "yeo",
    "추": "choo chu", "도": "do", "소": "so", "석": "seok suk", "선": "sun seon",
    "설": "seol sul", "마": "ma", "길": "gil kil", "연": "yeon yun", "위": "wi wee",
    "표": "pyo", "명": "myung myeong", "기": "ki gi", "반": "ban", "왕": "wang",
    "금": "keum geum", "옥": "ok", "육": "yook yuk", "인": "in", "맹": "maeng",
    "제": "je", "모": "mo", "탁": "tak", "국": "kook guk", "은": "eun", "편": "pyun",
    "용": "yong", "예": "ye", "경": "kyung gyeong", "봉": "bong", "부": "boo bu",
    "가": "ka ga", "복": "bok", "태": "tae", "목": "mok", "형": "hyung", "피": "pi",
    "두": "doo du", "감": "kam gam", "동": "dong", "호": "ho", "범": "bum beom",
    "승": "seung", "상": "sang", "시": "si", "탄": "tan", "어": "eo", "계": "kye gye",
    "남궁": "namgoong namkung", "황보": "hwangbo", "제갈": "jegal", "선우": "sunwoo seonu",
    "독고": "dokgo", "사공": "sagong", "서문": "seomun",
}  # fmt: skip

#: Words that end an outlet's name, so "노컷뉴스" beside a date is no reporter.
OUTLET_ENDINGS = re.compile(
    r"(뉴스|경제|일보|신문|데일리|방송|통신|미디어|타임스|타임즈|닷컴|투데이|저널|비즈|"
    r"헤럴드|포스트|매일|뉴시스|뉴스1|TV|tv|网|报|社|新闻|日报|時報|新聞|通信|日報|放送|"
    r"共同|時事|ニュース|タイムズ|ポスト)$"
)
KO_TITLE = (
    r"(?:선임\s*|수석\s*|객원\s*|전문\s*|사진\s*|영상\s*|인턴\s*)?"
    r"(?:기자|특파원|통신원|논설위원|에디터)"
)
KO_NAMES = r"[가-힣]{2,4}(?:\s*[·,、]\s*[가-힣]{2,4})*"
KO_REPORTER = re.compile(rf"(?P<names>{KO_NAMES})\s*{KO_TITLE}(?![가-힣])")
#: A romanised name: capitalised words, hyphenated given names (Cho Jung-woo, CHO JUNG-WOO).
_LATIN_WORD = r"[A-Z][A-Za-z'’.]*(?:-[A-Za-z][A-Za-z'’.]*)*"
LATIN_NAME = rf"{_LATIN_WORD}(?: {_LATIN_WORD}){{1,3}}"
EN_BY = re.compile(
    rf"^(?i:by|written by|reported by|reporter|words by)\s*[:：]?\s+(?P<names>{LATIN_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{LATIN_NAME})*)"
    r"\s*(?:,?\s*(?:staff|senior|special|contributing)?\s*(?:reporter|correspondent|writer|"
    r"editor|journalist)s?\b.*)?[\s.,;:\-–—|/]*$",
)
ZH_REPORTER = re.compile(
    r"(?:(?:本报|本台|本网|本刊|特派|驻\S{1,4})记者\s*[：:]?|记者(?:\s*[：:]|\s)|作者\s*[：:]|"
    r"撰文\s*[：:/／]|"
    r"文\s*[/／]|采写\s*[：:])\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、,，]+[\u4e00-\u9fff·]{2,4})*)"
    r"(?=\s*(?:[）)】\]]|$|摄|报道|发自|/))"
)
JA_BRACKET = re.compile(r"【(?P<city>[^=＝】]{1,10})[=＝](?P<name>[^】]{2,12})】")
#: A Japanese dateline credit in round brackets, alone on its line, as articles close with
#: it: "（北京＝高橋健太）", "（北京＝佐々木美穂）". Kanji (with 々) or kana only, so
#: "(서울=연합뉴스)" is no such credit.
JA_ROUND = re.compile(
    r"^[(（]\s*(?P<city>[\u4e00-\u9fff\u30a0-\u30ff]{1,8})\s*[=＝]\s*"
    r"(?P<name>[\u4e00-\u9fff\u3005\u3040-\u30ff]{2,8}(?:\s[\u4e00-\u9fff\u3005\u3040-\u30ff]{1,5})?)"
    r"\s*[)）]$"
)
JA_REPORTER = re.compile(
    r"(?P<name>[\u4e00-\u9fff\u30a0-\u30ff]{2,6}(?:\s[\u4e00-\u9fff\u30a0-\u30ff]{1,5})?)\s*"
    r"(?:記者|特派員|支局長|編集委員|論説委員)(?=\s*(?:$|[）)】\]]|\s))"
)
NOT_NAMES = {
    "사진", "취재", "담당", "현지", "중국", "한국", "외신", "일본", "미국", "해당", "전문",
    "본지", "본사", "방송", "영상", "수습", "경제", "정치", "사회", "이번", "당시", "한편",
    "관련", "다른", "여러", "많은", "일부", "모든", "각국", "국내", "해외", "기사", "통신",
}  # fmt: skip
NOT_ZH_NAMES = {"编辑", "责任", "通讯", "本报", "记者", "新华", "中新", "特约", "实习"}


@dataclass
class Byline:
    name: str  # in its own script
    roman: str = ""  # the romanised form the clipping gives
    outlet: str = ""  # the outlet named beside it ("헤럴드경제")
    city: str = ""  # where it was filed from ("베이징")
    script: str = ""  # "ko", "latin", "zh", "ja"

    def shown(self) -> str:
        if self.name and self.roman and self.name != self.roman:
            return f"{self.name} ({self.roman})"
        return self.name or self.roman


def is_korean_name(name: str) -> bool:
    if not re.fullmatch(r"[가-힣]{2,4}", name) or name in NOT_NAMES:
        return False
    if OUTLET_ENDINGS.search(name):
        return False
    return (name[:2] in SURNAMES and len(name) >= 3) or name[0] in SURNAMES


def title_case(name: str) -> str:
    """CHO JUNG-WOO → Cho Jung-woo; a name already in mixed case stays as written."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;")
    if name.isupper() or name.islower():
        return " ".join(part[:1].upper() + part[1:].lower() for part in name.split(" "))
    return name


def romanised_matches(hangul: str, roman: str) -> bool:
    """Whether a romanised name can be this Hangul name: the surname agrees and the
    syllables roughly do."""
    parts = [p for p in re.split(r"[\s-]+", roman.lower()) if p]
    if not parts or not hangul:
        return False
    for length in (2, 1):
        surname = hangul[:length]
        known = SURNAMES.get(surname, "").split()
        if known and len(hangul) > length and parts[0].strip(".") in known:
            # The given name: as many syllables, or written in one word.
            given = len(hangul) - length
            rest = len(parts) - 1
            return rest in (given, 1)
    return False


def _split_names(names: str) -> list[str]:
    return [n for n in re.split(r"\s*[·,、，]\s*|\s+(?:and|&)\s+", names) if n.strip()]


def korean_bylines(line: str) -> list[Byline]:
    """Korean reporter credits in a line, with the outlet and city written before them."""
    found = []
    for match in KO_REPORTER.finditer(line):
        names = [n for n in _split_names(match.group("names")) if is_korean_name(n.strip())]
        if not names:
            # "헤럴드경제 김우영" read as one run: the last word is the name.
            words = match.group("names").split()
            if len(words) > 1 and is_korean_name(words[-1]):
                names = [words[-1]]
            else:
                continue
        before = line[: match.start("names")]
        # The segment the credit is in: from the last opening bracket or the line start.
        cut = max(before.rfind(ch) for ch in "[(（【<〈")
        segment = before[cut + 1 :] if cut >= 0 else before
        segment = segment.replace("＝", "=").strip()
        city = outlet = ""
        if "=" in segment:
            left, _, right = segment.rpartition("=")
            left = left.strip(" )]）】")
            right = right.strip(" )]）】")
            if "=" in left:
                left = left.rpartition("=")[2]
            city, outlet = left, right
            if not outlet:
                # "[헤럴드경제=김우영 기자]": the outlet is left of "=".
                city, outlet = "", left
        else:
            words = segment.split()
            outlet = words[-1].strip(" )]）】") if words else ""
        if cut >= 0 and not outlet and not city:
            inner = before[cut + 1 :]
            outlet = inner.strip()
        # An outlet written in brackets before the credit: "(서울=연합뉴스) 김우영 기자".
        if not outlet and cut > 0:
            previous = re.search(r"[(（\[]([^()（）\[\]]*?)[)）\]]\s*$", before)
            if previous:
                inner = previous.group(1).replace("＝", "=")
                if "=" in inner:
                    city, _, outlet = inner.partition("=")
                else:
                    outlet = inner
        if outlet and re.fullmatch(r"[\d\W_]+", outlet):
            outlet = ""
        full_names = [n.split()[-1] for n in names]
        found.append(
            Byline(
                name=", ".join(full_names),
                outlet=outlet.strip(),
                city=city.strip(),
                script="ko",
            )
        )
    return found


def english_byline(line: str) -> Byline | None:
    match = EN_BY.match(line.strip())
    if not match:
        return None
    names = _split_names(match.group("names"))
    cleaned = []
    roles = r"(?:staff|senior|special|contributing|reporter|correspondent|writer|editor)\b"
    for name in names:
        if re.match(roles, name, re.I):
            continue
        name = re.split(
            r"\s+(?:staff|reporter|correspondent|writer|senior|special|contributing)\b",
            name,
            flags=re.I,
        )[0]
        if name.strip():
            cleaned.append(title_case(name))
    if not cleaned:
        return None
    return Byline(name="", roman=", ".join(cleaned), script="latin")


def chinese_byline(line: str) -> Byline | None:
    if re.search(r"责任编辑|编辑[:：]|校对", line):
        return None
    match = ZH_REPORTER.search(line)
    if not match:
        return None
    names = [
        n for n in re.split(r"[\s、,，]+", match.group("names")) if n and n not in NOT_ZH_NAMES
    ]
    if not names:
        return None
    return Byline(name=" ".join(names), script="zh")


def japanese_byline(line: str) -> Byline | None:
    match = JA_BRACKET.search(line) or JA_ROUND.match(line.strip())
    if match:
        name = match.group("name").strip()
        if not OUTLET_ENDINGS.search(name) and not re.search(r"共同|時事|ロイター|AFP|聯合", name):
            return Byline(name=name, city=match.group("city").strip(), script="ja")
        return Byline(name="", outlet=name, city=match.group("city").strip(), script="ja")
    match = JA_REPORTER.search(line)
    if match:
        name = match.group("name").strip()
        name = re.sub(r"^(?:文|写真|取材|文・写真)[・/／]?", "", name)
        if len(name.replace(" ", "")) >= 2:
            return Byline(name=name, script="ja")
    return None


def paired(hangul: str, roman: str) -> str:
    return f"{hangul} ({roman})" if hangul and roman else hangul or roman
