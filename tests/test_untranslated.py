"""Untranslated items are visible as such in every list (issue 21, item 3).

A list shows a title that is not in the reader's language as it is, with ``lang`` on the
element that holds it and a small label next to it naming its language in the reader's
language ("Korean" on /en/, "영어" on /ko/); a title in the reader's language has
neither. An article is in its own language: its headline is labelled when no headline
translated into the reader's language is shown. Release and coverage cards come from the
read model or from the ORM; both carry the label of their own language. Korean, Japanese
and Chinese titles inside headings get a headline's line height (site.css).
"""

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone
from lxml import html as lxml_html

from press.kept import kept
from tests.factories import (
    CoverageFactory,
    OutletFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_pages import QUERY_BUDGET, class_data, rev, url_of
from visits.models import ReadRow
from visits.readmodel import building

pytestmark = pytest.mark.django_db

KO_TITLE = "서울시, 자카르타에서 스마트시티 협력 논의"
EN_TITLE = "Seoul opens a robotics lab with Jakarta"
BOTH_EN, BOTH_KO = "Jakarta and Seoul sign a water pact", "자카르타와 서울, 물 협약 체결"
KO_TRIP = "베트남 하노이 출장"
KO_HEADLINE = "오세훈, 자카르타서 스마트시티 협력"
KO_TRANSLATED_HEADLINE = "오세훈, 자카르타서 물 협약"
EN_HEADLINE = "Seoul's mayor tours Jakarta's new metro"
#: The label of each title's language, in each reader's language.
LABEL = {("en", "ko"): "Korean", ("ko", "en"): "영어"}


def build_world():
    now = timezone.now()
    w = SimpleNamespace()
    w.trip = VisitFactory(title_en="Mayor's trip to Jakarta", title_ko="자카르타 출장")
    w.korean_trip = VisitFactory(title_en="", summary_en="", title_ko=KO_TRIP)
    w.topic = TopicFactory(name_en="Smart city", name_ko="스마트시티")
    common = {"visit": w.trip, "topics": [w.topic]}
    w.korean = PressReleaseFactory(
        title_en="",
        lead_en="",
        body_en="",
        title_ko=KO_TITLE,
        lead_ko="오세훈 시장은 자카르타를 방문했다.",
        body_ko="<p>본문</p>",
        original_language="ko",
        published_at=now - timedelta(hours=3),
        **common,
    )
    w.english = PressReleaseFactory(
        title_en=EN_TITLE, published_at=now - timedelta(hours=2), **common
    )
    w.both = PressReleaseFactory(
        title_en=BOTH_EN,
        title_ko=BOTH_KO,
        lead_ko="두 도시가 협약을 맺었다.",
        published_at=now - timedelta(hours=1),
        **common,
    )
    korean_outlet = OutletFactory(name_en="Yonhap", name_ko="연합뉴스", language="ko")
    english_outlet = OutletFactory(name_en="Jakarta Post", language="en")
    w.korean_article = CoverageFactory(
        visit=w.trip, outlet=korean_outlet, headline=KO_HEADLINE, published_at=now
    )
    w.translated_article = CoverageFactory(
        visit=w.trip,
        outlet=korean_outlet,
        headline=KO_TRANSLATED_HEADLINE,
        translated_headline_en="Oh Se-hoon signs a water pact in Jakarta",
        published_at=now,
    )
    w.english_article = CoverageFactory(
        visit=w.trip, outlet=english_outlet, headline=EN_HEADLINE, published_at=now
    )
    return w


world = class_data("world", build_world)


@pytest.fixture(autouse=True)
def _nothing_kept():
    kept.forget()
    yield
    kept.forget()


def page(client, url, django_assert_max_num_queries, warm=False):
    """The page at ``url`` as a tree, in at most the budget's queries (an item page's own
    row is built by a first request, ``warm``, as a reader after the first finds it)."""
    if warm:
        client.get(url)
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def title_link(tree, text):
    """The link that shows ``text`` as an item's title in a list: in a heading or a list
    item (a card's line that names its trip links the trip too, but is no title)."""
    (link,) = [
        a
        for a in tree.iter("a")
        if a.text_content().strip() == text and a.getparent().tag in ("h2", "h3", "li")
    ]
    return link


def label_of(link):
    """The language label right after a title's link, or None."""
    following = link.getnext()
    if following is not None and "lang-label" in following.get("class", "").split():
        return following.text_content().strip()
    return None


def assert_foreign(tree, text, reader, own):
    link = title_link(tree, text)
    assert link.get("lang") == own, f"{text}: lang={link.get('lang')!r}"
    assert label_of(link) == LABEL[(reader, own)], text


def assert_native(tree, text):
    link = title_link(tree, text)
    assert link.get("lang") in (None, tree.get("lang")), text
    assert label_of(link) is None, text


#: The lists that show the trip's releases, by name: (URL name, its kwargs).
RELEASE_LISTS = {
    "release list": ("press:release_list", {}),
    "home": ("press:home", {}),
    "topic page": ("press:topic_detail", {"slug": "topic"}),
    "trip page": ("trip", {}),
}


def list_url(w, name, lang):
    url_name, kwargs = RELEASE_LISTS[name]
    if url_name == "trip":
        return url_of(w.trip, lang)
    if "slug" in kwargs:
        kwargs = {"slug": w.topic.slug}
    return rev(url_name, lang, **kwargs)


class TestReleaseCards:
    @pytest.mark.parametrize("name", RELEASE_LISTS)
    def test_a_korean_only_release_is_labelled_korean_on_english_lists(
        self, client, world, name, django_assert_max_num_queries
    ):
        tree = page(
            client, list_url(world, name, "en"), django_assert_max_num_queries, name == "trip page"
        )
        assert tree.get("lang") == "en"
        assert_foreign(tree, KO_TITLE, "en", "ko")
        assert_native(tree, BOTH_EN)
        assert_native(tree, EN_TITLE)

    @pytest.mark.parametrize("name", RELEASE_LISTS)
    def test_an_english_only_release_is_labelled_english_on_korean_lists(
        self, client, world, name, django_assert_max_num_queries
    ):
        tree = page(
            client, list_url(world, name, "ko"), django_assert_max_num_queries, name == "trip page"
        )
        assert tree.get("lang") == "ko"
        assert_foreign(tree, EN_TITLE, "ko", "en")
        assert_native(tree, BOTH_KO)
        assert_native(tree, KO_TITLE)

    def test_cards_from_the_read_model_carry_the_label_of_their_own_language(
        self, client, world, django_assert_max_num_queries
    ):
        releases = [world.korean.pk, world.english.pk, world.both.pk]
        building.build("press.pressrelease", releases)
        stored = ReadRow.objects.filter(kind="press.pressrelease", object_id__in=releases)
        assert stored.exclude(card="").count() == 3 * len(settings.LANGUAGES)
        english = page(client, rev("press:release_list", "en"), django_assert_max_num_queries)
        assert_foreign(english, KO_TITLE, "en", "ko")
        assert_native(english, BOTH_EN)
        korean = page(client, rev("press:release_list", "ko"), django_assert_max_num_queries)
        assert_foreign(korean, EN_TITLE, "ko", "en")
        assert_native(korean, KO_TITLE)
        # The stored cards are what the lists showed, each labelled in its own language.
        en_card = stored.get(object_id=world.korean.pk, language="en").card
        assert '<span class="lang-label">Korean</span>' in en_card
        ko_card = stored.get(object_id=world.english.pk, language="ko").card
        assert '<span class="lang-label">영어</span>' in ko_card
        assert "lang-label" not in stored.get(object_id=world.korean.pk, language="ko").card

    def test_more_on_this_trip_labels_the_releases_it_lists(
        self, client, world, django_assert_max_num_queries
    ):
        english = page(client, url_of(world.both, "en"), django_assert_max_num_queries, warm=True)
        assert_foreign(english, KO_TITLE, "en", "ko")
        assert_native(english, EN_TITLE)
        korean = page(client, url_of(world.both, "ko"), django_assert_max_num_queries, warm=True)
        assert_foreign(korean, EN_TITLE, "ko", "en")
        assert_native(korean, KO_TITLE)

    def test_a_japanese_reader_sees_the_korean_release_labelled_in_japanese(self, client, world):
        tree = lxml_html.fromstring(client.get(rev("press:release_list", "ja")).content)
        link = title_link(tree, KO_TITLE)
        assert link.get("lang") == "ko"
        assert label_of(link) == "韓国語"


COVERAGE_LISTS = ["coverage list", "home", "trip page"]


def coverage_url(w, name, lang):
    if name == "trip page":
        return url_of(w.trip, lang)
    return rev({"coverage list": "press:coverage_list", "home": "press:home"}[name], lang)


class TestCoverageItems:
    @pytest.mark.parametrize("name", COVERAGE_LISTS)
    def test_an_untranslated_korean_headline_is_labelled_on_english_lists(
        self, client, world, name, django_assert_max_num_queries
    ):
        tree = page(
            client,
            coverage_url(world, name, "en"),
            django_assert_max_num_queries,
            name == "trip page",
        )
        assert_foreign(tree, KO_HEADLINE, "en", "ko")
        # A headline translated into English is shown under it: no label.
        translated = title_link(tree, KO_TRANSLATED_HEADLINE)
        assert translated.get("lang") == "ko"
        assert label_of(translated) is None
        english = title_link(tree, EN_HEADLINE)
        assert english.get("lang") == "en" and label_of(english) is None

    @pytest.mark.parametrize("name", COVERAGE_LISTS)
    def test_an_english_headline_is_labelled_on_korean_lists(
        self, client, world, name, django_assert_max_num_queries
    ):
        tree = page(
            client,
            coverage_url(world, name, "ko"),
            django_assert_max_num_queries,
            name == "trip page",
        )
        assert_foreign(tree, EN_HEADLINE, "ko", "en")
        for headline in (KO_HEADLINE, KO_TRANSLATED_HEADLINE):
            link = title_link(tree, headline)
            assert link.get("lang") == "ko" and label_of(link) is None

    def test_cards_from_the_read_model_carry_the_label(
        self, client, world, django_assert_max_num_queries
    ):
        items = [world.korean_article.pk, world.translated_article.pk, world.english_article.pk]
        building.build("press.coverage", items)
        assert ReadRow.objects.filter(kind="press.coverage").exclude(card="").count() == 3 * len(
            settings.LANGUAGES
        )
        english = page(client, rev("press:coverage_list", "en"), django_assert_max_num_queries)
        assert_foreign(english, KO_HEADLINE, "en", "ko")
        assert label_of(title_link(english, KO_TRANSLATED_HEADLINE)) is None
        korean = page(client, rev("press:coverage_list", "ko"), django_assert_max_num_queries)
        assert_foreign(korean, EN_HEADLINE, "ko", "en")
        assert label_of(title_link(korean, KO_HEADLINE)) is None


class TestTripCards:
    @pytest.mark.parametrize("url_name", ["visits:visit_list", "press:home"])
    def test_a_korean_only_trip_is_labelled_on_english_lists(
        self, client, world, url_name, django_assert_max_num_queries
    ):
        tree = page(client, rev(url_name, "en"), django_assert_max_num_queries)
        assert_foreign(tree, KO_TRIP, "en", "ko")
        assert_native(tree, "Mayor's trip to Jakarta")

    @pytest.mark.parametrize("url_name", ["visits:visit_list", "press:home"])
    def test_on_korean_lists_the_korean_trip_is_not_labelled(
        self, client, world, url_name, django_assert_max_num_queries
    ):
        tree = page(client, rev(url_name, "ko"), django_assert_max_num_queries)
        assert_native(tree, KO_TRIP)
        assert_native(tree, "자카르타 출장")


class TestHeadlineLineHeight:
    def test_cjk_titles_inside_headings_take_a_headlines_line_height(self):
        css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
        rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        tight = [
            selector
            for selector, body in rules
            if "line-height: var(--leading-tight)" in body and "[lang]" in selector
        ]
        assert tight, "no rule gives a title in another language a headline's line height"
        selector = " ".join(tight)
        for code in ("ko", "ja", "zh-Hans"):
            assert f":lang({code})" in selector
        assert re.search(r":is\(h1, h2, h3", selector)
        assert any(".lang-label" in selector for selector, _body in rules)

    def test_the_korean_title_on_an_english_page_is_inside_a_heading_with_its_lang(
        self, client, world
    ):
        """What the rule needs to apply: the Korean title is an element inside a heading,
        and it carries its own ``lang``."""
        tree = lxml_html.fromstring(client.get(rev("press:release_list", "en")).content)
        link = title_link(tree, KO_TITLE)
        assert link.getparent().tag == "h3" and link.get("lang") == "ko"


class TestSearchHits:
    def test_a_hit_whose_title_is_in_another_language_is_labelled(
        self, client, django_assert_max_num_queries
    ):
        PressReleaseFactory(title_en="", lead_en="", body_en="", title_ko=KO_TITLE)
        PressReleaseFactory(title_en=EN_TITLE, title_ko="")
        english = page(
            client, rev("visits:search", "en") + "?q=자카르타", django_assert_max_num_queries
        )
        assert_foreign(english, KO_TITLE, "en", "ko")
        korean = page(
            client, rev("visits:search", "ko") + "?q=Jakarta", django_assert_max_num_queries
        )
        assert_foreign(korean, EN_TITLE, "ko", "en")
