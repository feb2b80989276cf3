"""Hostile query strings never break a list page.

Whatever a crawler, a scanner or a mistyped link sends after the ``?`` (text in any
script, control characters, huge numbers, repeated keys, broken percent-encoding,
SQL-ish strings, impossible dates), every list page in every language answers 200 with
a page (or the 404 page, for a page number no list has), never a server error, and never
echoes markup back unescaped.
"""

import re
from datetime import date
from urllib.parse import urlencode

from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import (
    CoverageFactory,
    OutletFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from visits.paging import MAX_PAGE

LANGUAGES = ["en", "ko", "zh-hans", "ja"]

#: The parameters the lists read, so that drawn values reach the filters and paginator.
KEYS = [
    "trip",
    "topic",
    "country",
    "city",
    "official",
    "published_after",
    "published_before",
    "language",
    "page",
    "outlet",
    "date_after",
    "date_before",
]

HOSTILE = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    '"; DROP TABLE press_pressrelease; --',
    "1; SELECT * FROM auth_user",
    "robotics' UNION SELECT username, password FROM auth_user --",
    "%",
    "%%",
    "_",
    "\\",
    "\x00",
    "\r\n\r\nSet-Cookie: x=1",
    "\u202e\u0000\ufeff",
    "NULL",
    "None",
    "[]",
    "{}",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "nan",
    "-inf",
    "0x10",
    "\uff12",  # fullwidth digit two
    "٣",
    "2024-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2024-01-01",
    "2024-07-25T00:00:00+09:00",
    "zh-hans",
    "zh_hans",
    "xx",
    "🙂" * 50,
    "서울" * 100,
]

values = st.one_of(
    st.text(max_size=80),  # any code point, control characters included
    st.sampled_from(HOSTILE),
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(repr),
    st.dates().map(str),
    st.tuples(st.integers(-99999, 99999), st.integers(-5, 20), st.integers(-5, 40)).map(
        lambda t: f"{t[0]}-{t[1]:02}-{t[2]:02}"
    ),
)
keys = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(KEYS).map(lambda key: f"{key}[]"),
    st.text(max_size=20),
)
#: Repeated keys come naturally: several pairs may draw the same key.
pairs = st.lists(st.tuples(keys, values), max_size=12)


def _raw(text: str) -> str:
    """Text sent without percent-encoding: its UTF-8 bytes as the WSGI (latin-1) string."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


query_strings = st.one_of(
    pairs.map(urlencode),
    pairs.map(lambda ps: _raw("&".join(f"{k}={v}" for k, v in ps))),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    st.lists(
        st.sampled_from(["&", "=", "%", "%2", "%zz", "%FF", "+", ";", "#", "?"]), max_size=30
    ).map("".join),
)


def no_page_can_be(value) -> bool:
    """Whether ``value`` is a whole number past the largest page number a list answers."""
    if value is None or not re.fullmatch(r"[+-]?[0-9]+", value):
        return False
    digits = value.lstrip("+-").lstrip("0")
    return len(digits) > len(str(MAX_PAGE)) or abs(int(digits or "0")) > MAX_PAGE


FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class HostileQueryStrings(TestCase):
    @classmethod
    def setUpTestData(cls):
        trip = VisitFactory(legs=2, start_date=date(2024, 7, 24))
        cls.topic = TopicFactory(name_en="Robotics", name_ko="로봇")
        photo = PhotoFactory(visit=trip)
        releases = [
            PressReleaseFactory(visit=trip, topics=[cls.topic], photos=[photo], title_ko="제목")
            for _ in range(3)
        ]
        PressReleaseFactory(visit=trip, draft=True, topics=[cls.topic])
        for language in ("en", "ko", "zh-hans"):
            CoverageFactory(visit=trip, outlet=OutletFactory(language=language), releases=releases)

    def check(self, url, lang, query):
        with translation.override(lang):
            response = self.client.get(url(self), QUERY_STRING=query)
        # A page number no list has (tests/test_bounds.py) is a 404, as on any paged list.
        page = response.wsgi_request.GET.get("page")
        paged = url(self) != f"/{lang}/"  # every page here but the home page
        expected = 404 if paged and no_page_can_be(page) else 200
        self.assertEqual(response.status_code, expected, f"{url(self)}?{query!r}")
        self.assertNotIn(b"<script>alert(", response.content)
        self.assertIn(f'<html lang="{lang}">'.encode(), response.content)

    @FUZZ
    @given(lang=st.sampled_from(LANGUAGES), query=query_strings)
    @example(lang="en", query="trip=%27%20OR%201%3D1%20--&trip=x&page=99999999999999999999999")
    @example(lang="ko", query="published_after=2024-02-30&published_before=%00&language=xx")
    @example(lang="zh-hans", query="topic=%3Cscript%3Ealert(1)%3C/script%3E&country=%FF%FE")
    @example(lang="ja", query="page=-1&page=nan&page=1e309&city[]=1&official=%E2%80%AE")
    def test_release_list(self, lang, query):
        self.check(lambda self: f"/{lang}/releases/", lang, query)

    @FUZZ
    @given(lang=st.sampled_from(LANGUAGES), query=query_strings)
    @example(lang="en", query="outlet=%27%3B--&language=zh_hans&date_after=10000-01-01")
    @example(lang="ko", query="date_after=0001-01-01&date_before=9999-12-31&page=0")
    @example(lang="zh-hans", query="trip=&trip=&trip=%00&page=%EF%BC%92")
    @example(lang="ja", query="%zz=%zz&&&==&language=%F0%9F%99%82")
    def test_coverage_list(self, lang, query):
        self.check(lambda self: f"/{lang}/coverage/", lang, query)

    @FUZZ
    @given(lang=st.sampled_from(LANGUAGES), query=query_strings)
    @example(lang="en", query="page=99999999999999999999999999999999")
    @example(lang="ko", query="page=%00")
    @example(lang="zh-hans", query="page=1.5&page=")
    @example(lang="ja", query="page=-0")
    def test_trip_list(self, lang, query):
        self.check(lambda self: f"/{lang}/trips/", lang, query)

    @FUZZ
    @given(lang=st.sampled_from(LANGUAGES), query=query_strings)
    @example(lang="en", query="page=1e309")
    @example(lang="ko", query="page=%ED%95%9C")
    @example(lang="zh-hans", query="page=2&page=3")
    @example(lang="ja", query="page='%20OR%201=1")
    def test_topic_page(self, lang, query):
        self.check(lambda self: f"/{lang}/topics/{self.topic.slug}/", lang, query)

    @FUZZ
    @given(lang=st.sampled_from(LANGUAGES), query=query_strings)
    @example(lang="en", query="utm_source=%00&utm_source=%FF")
    @example(lang="ko", query="q=%EC%84%9C%EC%9A%B8")
    @example(lang="zh-hans", query="next=//evil.example")
    @example(lang="ja", query="=&=&=")
    def test_home(self, lang, query):
        self.check(lambda self: f"/{lang}/", lang, query)
