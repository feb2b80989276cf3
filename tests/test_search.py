"""Search: what a reader finds in four scripts, what they never find, in what order, and
that nothing they type breaks the page. Runs on SQLite (FTS5) and, in the test
command's second pass, on PostgreSQL (tsvector + GIN)."""

import datetime as dt
import logging
import re

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.models import PressRelease
from visits.models import SearchEntry
from visits.publishing import Status
from visits.search import Search, indexing
from visits.search import views as search_views
from visits.search.analysis import index_terms, match_spans, normalize, parse

from .factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PlaceFactory,
    PressReleaseFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def found(text, **filters) -> set[str]:
    """Labels of the items a public search finds (``kind:label``)."""
    return {label(hit) for hit in Search(text, **filters)[:100]}


def label(hit) -> str:
    obj = hit.obj
    name = getattr(obj, "number", None) or getattr(obj, "slug", None) or obj.pk
    return f"{hit.kind}:{name}"


def search_page(client, reader="en", **params):
    with translation.override(reader):
        url = reverse("visits:search")
    return client.get(url, params)


# --- analysis ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("서울시장이", "서울 울시 시장 장이 이"),
        ("访问", "访问 问"),
        ("訪問した", "訪問 問し した た"),
        ("로봇", "로봇 봇"),
        ("天", "天"),
        ("ＡＢＣ ｶﾞｲﾄﾞ", "abc ガイ イド ド"),  # noqa: RUF001 (full and half width on purpose)
        ("Zürich CAFÉ naïve", "zurich cafe naive"),
        ("AI로봇 2024년", "ai 로봇 봇 2024 년"),
        ("バス", "バス ス"),  # the voicing mark stays: バス is not ハス
    ],
)
def test_text_becomes_terms(text, terms):
    assert index_terms(text) == terms


def test_normalisation_folds_width_case_and_accents():
    assert normalize("ＴＩＡＮＧＯＮＧ") == "tiangong"  # noqa: RUF001
    assert normalize("Ångström") == "angstrom"
    assert normalize("ｿｳﾙ") == "ソウル"


def test_highlight_spans_point_into_the_original_text():
    text = "Le maire de Zürich a vu 서울시장이 et ＴＩＡＮＧＯＮＧ-1"  # noqa: RUF001
    spans = match_spans(text, parse("zurich 시장 tiangong"))
    assert [text[a:b] for a, b in spans] == ["Zürich", "시장", "ＴＩＡＮＧＯＮＧ"]  # noqa: RUF001


# --- what each query finds, in four scripts ----------------------------------------------


@pytest.fixture
def newsroom():
    """A small newsroom in four languages, published, with something of each kind."""
    official = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈", name_ja="呉世勲")
    trip = VisitFactory(
        slug="beijing-2024",
        title_en="Mayor in Beijing",
        title_ko="오세훈 시장 베이징 방문",
        title_zh_hans="首尔市长访问北京",
        title_ja="ソウル市長が北京を訪問",
        summary_en="Robots and startups in Zhongguancun.",
        official=official,
    )
    place = PlaceFactory(
        slug="zhongguancun",
        name_en="Zhongguancun",
        name_ko="중관촌",
        name_zh_hans="中关村",
        name_ja="中関村",
        description_en="Beijing's technology district.",
    )
    org = OrganizationFactory(
        slug="humanoid-centre",
        name_en="Beijing Humanoid Robot Innovation Center",
        name_zh_hans="北京人形机器人创新中心",
    )
    EngagementFactory(
        visit=trip, leg__visit=trip, place=place, organizations=[org], people=[official]
    )
    PressReleaseFactory(
        number="R-ROBOT",
        visit=trip,
        title_en="Mayor watches the humanoid robot Tiangong run",
        body_en="<p>The robot ran at 6 km/h in Beijing.</p>",
        title_ko="오세훈 시장, 휴머노이드 로봇 '톈궁' 시연 참관",
        body_ko="<p>서울시장이 베이징 로봇 혁신센터를 방문했다.</p>",
        title_zh_hans="首尔市长观看天工机器人",
        body_zh_hans="<p>天工机器人以每小时6公里的速度奔跑。</p>",
        title_ja="ソウル市長、ロボット「天工」を視察",
        body_ja="<p>市長は北京のロボットセンターを訪問した。</p>",
    )
    PressReleaseFactory(
        number="R-STARTUP",
        visit=trip,
        title_en="Startup street in Zhongguancun",
        body_en="<p>The mayor walked the Zhongguancun startup street.</p>",
        title_ko="중관촌 창업거리 방문",
        body_ko="<p>시장은 중관촌 창업거리를 걸었다.</p>",
    )
    PressReleaseFactory(
        number="R-CAFE",
        visit=None,
        title_en="Café culture in Zürich",
        body_en="<p>A note on naïve cafés.</p>",
    )
    CoverageFactory(
        headline="오세훈, 베이징 중관촌 방문",
        language="ko",
        summary="서울시장이 로봇을 보았다.",
        visit=trip,
        outlet=OutletFactory(language="ko"),
    )
    return trip


QUERIES = [
    # Korean: two-character words, words inside longer runs, any place in a word
    ("로봇", {"release:R-ROBOT", "coverage"}),
    ("중관촌", {"release:R-STARTUP", "coverage", "place:zhongguancun"}),
    ("시장", {"release:R-ROBOT", "release:R-STARTUP", "coverage", "trip:beijing-2024"}),
    ("서울시", {"release:R-ROBOT", "coverage"}),
    ("방문", {"release:R-ROBOT", "release:R-STARTUP", "coverage", "trip:beijing-2024"}),
    # Chinese
    ("天工", {"release:R-ROBOT"}),
    ("访问", {"trip:beijing-2024"}),
    ("中关村", {"place:zhongguancun"}),
    ("机器人", {"release:R-ROBOT", "organization:humanoid-centre"}),
    # Japanese (kanji and katakana)
    ("訪問", {"release:R-ROBOT", "trip:beijing-2024"}),
    ("ロボット", {"release:R-ROBOT"}),
    ("ｿｳﾙ", {"release:R-ROBOT", "trip:beijing-2024"}),  # half-width kana
    ("中関村", {"place:zhongguancun"}),
    # English: case, accents, prefixes, full width
    ("Tiangong", {"release:R-ROBOT"}),
    ("tiang", {"release:R-ROBOT"}),
    ("ＴＩＡＮＧＯＮＧ", {"release:R-ROBOT"}),  # noqa: RUF001
    ("zhongguancun", {"release:R-STARTUP", "trip:beijing-2024", "place:zhongguancun"}),
    ("zurich", {"release:R-CAFE"}),
    ("Zürich cafe", {"release:R-CAFE"}),
    ("NAIVE", {"release:R-CAFE"}),
    ("humanoid robot", {"release:R-ROBOT", "organization:humanoid-centre"}),
    ("oh se-hoon", {"person", "trip:beijing-2024"}),
    # Mixed scripts, quoted phrases, OR
    ("robot 天工", {"release:R-ROBOT"}),
    ('"startup street"', {"release:R-STARTUP"}),
    ('"street startup"', set()),
    ("天工 OR zurich", {"release:R-ROBOT", "release:R-CAFE"}),
    ("nothingmatchesthis", set()),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_table(newsroom, query, expected):
    labels = found(query)
    # Coverage and people have no slug or number worth naming: compare by kind.
    simplified = {
        item if item.split(":")[0] not in ("coverage", "person") else item.split(":")[0]
        for item in labels
    }
    assert simplified == expected


def test_search_page_finds_and_highlights_in_the_readers_language(client, newsroom):
    response = search_page(client, "ko", q="로봇")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>로봇</mark>" in html
    assert 'lang="ko"' in html
    response = search_page(client, "en", q="로봇")
    html = response.content.decode()
    # The English reader sees the English title and the Korean passage, marked as Korean.
    assert "Mayor watches the humanoid robot Tiangong run" in html
    assert re.search(r'<p class="search-hit__text" lang="ko">[^<]*<mark>로봇</mark>', html)


# --- never found: anything not public ----------------------------------------------------


def test_unpublished_items_are_never_found(client):
    hidden_trip = VisitFactory(draft=True, title_en="Secret trip qxzv")
    PersonFactory(name_en="Qxzv Hidden")  # in no trip at all
    EngagementFactory(
        visit=hidden_trip, leg__visit=hidden_trip, people=[PersonFactory(name_en="Qxzv Guest")]
    )
    PressReleaseFactory(draft=True, title_en="Draft qxzv", visit=None)
    PressReleaseFactory(scheduled=True, title_en="Scheduled qxzv", visit=None)
    PressReleaseFactory(withdrawn=True, title_en="Withdrawn qxzv", visit=None)
    PressReleaseFactory(status=Status.IN_REVIEW, published_at=None, title_en="Review qxzv")
    CoverageFactory(draft=True, headline="Coverage qxzv", visit=None)
    assert found("qxzv") == set()
    html = search_page(client, q="qxzv").content.decode()
    assert "0 results" in html and 'class="card search-hit"' not in html
    # ...while the admin's search (public=False) does find them.
    assert len(Search("qxzv", public=False)) == 8


def test_a_translation_not_ready_is_not_found():
    PressReleaseFactory(
        title_en="Water policy",
        title_ja="水道政策の翻訳草稿",
        body_ja="<p>翻訳草稿です。</p>",
        ready_ja=False,
        visit=None,
    )
    assert found("草稿") == set()
    assert found("water") and len(found("water")) == 1


def test_a_scheduled_release_is_found_exactly_from_its_minute():
    at = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    release = PressReleaseFactory(
        status=Status.SCHEDULED, published_at=at, title_en="Embargoed qxzv", visit=None
    )
    release.ready_ja, release.title_ja = True, "禁輸解除の日本語"
    release.public_from_ja = at + dt.timedelta(hours=2)
    release.save()
    with time_machine.travel(at - dt.timedelta(minutes=1)):
        assert found("qxzv") == set()
    with time_machine.travel(at):
        assert found("qxzv") == {f"release:{release.number}"}
        assert found("禁輸") == set()  # Japanese has a later time of its own
    with time_machine.travel(at + dt.timedelta(hours=2)):
        assert found("禁輸") == {f"release:{release.number}"}


def test_people_and_places_are_found_once_a_trip_reaching_them_is_public():
    trip = VisitFactory(draft=True)
    guest = PersonFactory(name_en="Zyxw Guest", slug="zyxw-guest")
    EngagementFactory(visit=trip, leg__visit=trip, people=[guest])
    assert found("zyxw") == set()
    trip.status, trip.published_at = Status.PUBLISHED, timezone.now() - dt.timedelta(minutes=1)
    trip.save()
    assert found("zyxw") == {"person:zyxw-guest"}


def test_withdrawing_and_deleting_remove_items():
    release = PressReleaseFactory(title_en="Ephemeral wqzy", visit=None)
    assert found("wqzy")
    release.status, release.withdrawal_reason_en = Status.WITHDRAWN, "Cancelled."
    release.save()
    assert found("wqzy") == set()
    release.status = Status.PUBLISHED
    release.save()
    assert found("wqzy")
    release.delete()
    assert found("wqzy") == set()
    assert not SearchEntry.objects.filter(kind="release", object_id=release.pk).exists()


# --- on commit, as in production ---------------------------------------------------------


@pytest.mark.on_commit
def test_the_index_follows_commits(django_capture_on_commit_callbacks):
    assert not indexing.IMMEDIATE
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = PressReleaseFactory(title_en="Committed vqxz", lead_en="Lead.", visit=None)
    assert found("vqxz") == set()  # not before the commit
    for callback in callbacks:
        callback()
    assert found("vqxz") == {f"release:{release.number}"}

    with django_capture_on_commit_callbacks(execute=True):
        release.title_en = "Renamed wvzq"
        release.save()
    assert found("vqxz") == set()
    assert found("wvzq") == {f"release:{release.number}"}


@pytest.mark.on_commit
def test_a_rolled_back_save_does_not_hold_up_later_ones(django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), transaction.atomic():
        PressReleaseFactory(title_en="Rolled back qzvw", visit=None)
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        release = PressReleaseFactory(title_en="Kept qzvw", lead_en="Lead.", visit=None)
    assert found("qzvw") == {f"release:{release.number}"}


@pytest.mark.on_commit
def test_one_transaction_indexes_each_item_once(django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    real = indexing.reindex
    monkeypatch.setattr(
        indexing, "reindex", lambda kind, ids: calls.append(kind) or real(kind, ids)
    )
    with django_capture_on_commit_callbacks(execute=True):
        release = PressReleaseFactory(title_en="Many saves", visit=None)
        for n in range(3):
            release.title_en = f"Many saves {n}"
            release.save()
    assert calls == ["release"]
    assert SearchEntry.objects.filter(kind="release", object_id=release.pk).count() == 1


def test_rebuild_command_restores_the_index(newsroom):
    before = found("로봇")
    SearchEntry.objects.all().delete()
    assert found("로봇") == set()
    call_command("rebuild_search_index", verbosity=0)
    assert found("로봇") == before
    with pytest.raises(CommandError, match="Unknown kind: nonsense"):
        call_command("rebuild_search_index", kind=["nonsense"])


# --- ranking -----------------------------------------------------------------------------


def test_title_ranks_above_body():
    body = PressReleaseFactory(
        title_en="Budget", body_en="<p>Something about the harbour.</p>", visit=None
    )
    title = PressReleaseFactory(title_en="The harbour", body_en="<p>Budget.</p>", visit=None)
    assert [hit.object_id for hit in Search("harbour")[:2]] == [title.pk, body.pk]


def test_exact_phrase_ranks_above_scattered_words():
    scattered = PressReleaseFactory(
        title_en="Smart plans", body_en="<p>The city is smart about energy.</p>", visit=None
    )
    phrase = PressReleaseFactory(
        title_en="Plans", body_en="<p>A smart city for everyone.</p>", visit=None
    )
    assert [hit.object_id for hit in Search("smart city")[:2]] == [phrase.pk, scattered.pk]


def test_newer_ranks_above_older_at_equal_relevance():
    now = timezone.now()
    old = PressReleaseFactory(
        title_en="Harbour", body_en="<p>Same.</p>", published_at=now - dt.timedelta(days=9)
    )
    new = PressReleaseFactory(
        title_en="Harbour", body_en="<p>Same.</p>", published_at=now - dt.timedelta(days=1)
    )
    assert [hit.object_id for hit in Search("harbour")[:2]] == [new.pk, old.pk]


# --- hostile queries ---------------------------------------------------------------------

HOSTILE = [
    '"',
    '"unbalanced',
    '""',
    "*",
    "robot*",
    "NEAR(robot city)",
    "robot NEAR city",
    "OR",
    "robot OR",
    "OR OR OR",
    "AND NOT",
    "(robot",
    "robot)",
    "-",
    "- -robot",
    "a" * 5000,
    "로봇 " * 2000,
    "\x00\x01\x1f robot \x7f",
    "robot\u200b\ufeff",
    "'; DROP TABLE visits_searchentry; --",
    "title_terms:robot",
    "{title_terms}: robot",
    "robot^2",
    ":*",
    "robot:*",
    "&|!<->",
    "로봇ロボット机器人robot",
    "𠀋𡈽",  # CJK extension B
    "🤖",
    "\\",
    "%_%",
]

#: The hostile queries with no word in them (punctuation, symbols, an emoji, only the OR
#: operator): the page asks for a word instead of counting results.
NOTHING_TO_SEARCH = {'"', '""', "*", "OR", "OR OR OR", "-", ":*", "&|!<->", "🤖", "\\", "%_%"}


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_fail(client, newsroom, caplog, query):
    with caplog.at_level(logging.ERROR, logger="visits.search"):
        response = search_page(client, q=query)
        Search(query, public=False).matching_ids("release").count()
    assert response.status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    html = response.content.decode()
    if query in NOTHING_TO_SEARCH:
        assert "Type a word" in html
        assert 'class="result-count"' not in html
    else:
        assert 'class="result-count"' in html
        assert "Type a word" not in html


def test_a_very_long_query_says_only_its_beginning_was_used(client, newsroom):
    response = search_page(client, q="robot " * 400)
    assert "only its beginning was used" in response.content.decode()


def test_no_results_is_friendly(client, newsroom):
    html = search_page(client, q="nothingmatchesthis").content.decode()
    assert "Nothing was found" in html
    html = search_page(client, q="-").content.decode()
    assert "Type a word" in html


# --- filters, pages, queries --------------------------------------------------------------


def test_filters_narrow_results(client, newsroom):
    assert found("로봇", kinds=["release"]) == {"release:R-ROBOT"}
    assert {x.split(":")[0] for x in found("중관촌", trip=newsroom.pk)} == {"release", "coverage"}
    assert found("humanoid", language="ja") == set()  # only in the English text
    assert found("ロボット", language="ja") == {"release:R-ROBOT"}
    assert found("tiangong", until=timezone.localdate() - dt.timedelta(days=1)) == set()
    assert found("tiangong", since=timezone.localdate() - dt.timedelta(days=1))


def test_filter_values_in_the_page(client, newsroom):
    response = search_page(client, q="로봇", kind="release", trip="beijing-2024", language="ko")
    html = response.content.decode()
    assert "1 result for" in html
    assert 'aria-current="true"' in html  # the chosen kind in the facets
    for bad in (
        {"trip": "no-such-trip"},
        {"since": "yesterday"},
        {"kind": "secret"},
        {"language": "xx"},
        {"since": "2024-12-31", "until": "2024-01-01"},
    ):
        response = search_page(client, q="로봇", **bad)
        assert response.status_code == 200
        assert 'class="field-error"' in response.content.decode(), bad


def test_pages_of_results(client):
    for n in range(23):
        PressReleaseFactory(title_en=f"Paged item {n}", visit=None)
    html = search_page(client, q="paged").content.decode()
    assert "23 results" in html and html.count('class="card search-hit"') == 20
    html = search_page(client, q="paged", page=2).content.decode()
    assert html.count('class="card search-hit"') == 3
    html = search_page(client, q="paged", page="last; drop").content.decode()
    assert html.count('class="card search-hit"') == 20


def test_query_count_is_constant(client, newsroom, monkeypatch):
    monkeypatch.setattr(search_views, "PAGE_SIZE", 100)  # every kind on the page, both times
    for n in range(2):
        PressReleaseFactory(title_en=f"Beijing note {n}", visit=newsroom)
        CoverageFactory(headline=f"Beijing report {n}", visit=newsroom)
    with CaptureQueriesContext(connection) as small:
        search_page(client, q="beijing")
    for n in range(15):
        PressReleaseFactory(title_en=f"Beijing more {n}", visit=newsroom)
        CoverageFactory(headline=f"Beijing story {n}", visit=newsroom)
    with CaptureQueriesContext(connection) as large:
        search_page(client, q="beijing")
    # Savepoints are the test's transaction at work; a live request has none.
    assert len(statements(large)) == len(statements(small)) <= 12


def statements(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_a_word_in_everything_is_ranked_among_the_newest(client, settings):
    settings.PRESSROOM_SEARCH_CANDIDATES = 5
    now = timezone.now()
    releases = [
        PressReleaseFactory(
            title_en=f"Everywhere {n}", visit=None, published_at=now - dt.timedelta(days=9 - n)
        )
        for n in range(8)
    ]
    search = Search("everywhere")
    assert len(search) == 5 and search.capped
    assert [hit.object_id for hit in search[:5]] == [r.pk for r in reversed(releases[3:])]
    html = search_page(client, q="everywhere").content.decode()
    assert "More than 5 results" in html and "(5+)" in html
    # A filter narrows the candidates before the cap: the oldest is still found.
    assert [hit.object_id for hit in Search('"everywhere 0"')[:5]] == [releases[0].pk]
    search = Search("everywhere", until=(now - dt.timedelta(days=8)).date())
    assert releases[0].pk in {hit.object_id for hit in search[:5]}


def test_user_text_is_escaped_in_results(client):
    PressReleaseFactory(title_en="<script>alert(1)</script> xss-probe", visit=None)
    html = search_page(client, q="xss probe").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    html = search_page(client, q="<img src=x onerror=alert(1)>").content.decode()
    assert "<img src=x" not in html


def test_every_language_has_the_page(client, newsroom):
    for code in ("en", "ko", "zh-hans", "ja"):
        response = client.get(f"/{code}/search/?q=로봇")
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex"


# --- the admin ---------------------------------------------------------------------------


def test_admin_changelist_search_uses_the_index(admin_client):
    draft = PressReleaseFactory(draft=True, title_ko="서울시장이 로봇을 봤다", visit=None)
    PressReleaseFactory(title_en="Unrelated", visit=None)
    numbered = PressReleaseFactory(number="SMG-2030-0001", title_en="By number", visit=None)
    url = reverse("admin:press_pressrelease_changelist")

    def shown(term):
        response = admin_client.get(url, {"q": term})
        assert response.status_code == 200
        return {obj.pk for obj in response.context["cl"].result_list}

    assert shown("시장") == {draft.pk}
    assert shown("SMG-2030-0001") == {numbered.pk}
    assert shown('"') == set()


def test_admin_coverage_search_finds_korean_words(admin_client):
    item = CoverageFactory(headline="오세훈, 중관촌 방문", language="ko", visit=None)
    response = admin_client.get(reverse("admin:press_coverage_changelist"), {"q": "중관촌"})
    assert {obj.pk for obj in response.context["cl"].result_list} == {item.pk}


def test_pressrelease_model_has_no_search_leak():
    """Counts through the engine agree with ``published()`` for a catch-all word."""
    for n in range(3):
        PressReleaseFactory(title_en=f"Common {n}", visit=None)
    PressReleaseFactory(draft=True, title_en="Common draft", visit=None)
    assert len(Search("common", kinds=["release"])) == PressRelease.objects.published().count()
