"""Search as issue 21 asked (item 7): releases and trips before people and organisations
when they match as well; a romanised name found however it is spaced or hyphenated; and
results that show a release's title, subtitle and text apart, never its number. Runs on
SQLite and, in the test command's second pass, on PostgreSQL."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from visits.search import Search
from visits.search.analysis import match_spans, parse
from visits.search.names import alternatives, field_terms, joined_terms

from .factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    PressReleaseFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def kinds_in_order(text) -> list[str]:
    return [hit.kind for hit in Search(text)[:50]]


def search_html(client, reader="en", **params) -> str:
    with translation.override(reader):
        url = reverse("visits:search")
    return client.get(url, params).content.decode()


# --- kinds at an equal match -------------------------------------------------------------


@pytest.fixture
def mayor():
    """The mayor as a person, a trip, a release and an article, each with his name in its
    title, and an organisation named like the release."""
    person = PersonFactory(name_en="Oh Se-hoon", slug="oh-se-hoon")
    org = OrganizationFactory(name_en="Humanoid Robot Centre", slug="robot-centre")
    trip = VisitFactory(title_en="Oh Se-hoon in Beijing", official=person)
    EngagementFactory(visit=trip, leg__visit=trip, people=[person], organizations=[org])
    release = PressReleaseFactory(
        title_en="Oh Se-hoon visits the Humanoid Robot Centre",
        body_en="<p>A long body about many other things, " + "and more, " * 40 + "done.</p>",
        visit=trip,
    )
    coverage = CoverageFactory(headline="Oh Se-hoon tours Beijing", language="en", visit=trip)
    return {"person": person, "org": org, "trip": trip, "release": release, "cov": coverage}


def test_releases_and_trips_come_before_people_when_the_match_is_equal(mayor):
    order = kinds_in_order("Oh Se-hoon")
    assert set(order) == {"release", "trip", "coverage", "person"}
    assert order.index("person") > max(order.index("release"), order.index("trip"))
    assert order.index("coverage") < order.index("person")  # coverage between the two
    assert order[0] in ("release", "trip")


def test_releases_come_before_organisations_when_the_match_is_equal(mayor):
    order = kinds_in_order("humanoid robot centre")
    assert order == ["release", "organization"]


def test_a_better_match_still_wins_over_the_kind(mayor):
    # "Yin Yong" is the title of the person; the release has it only in its body.
    guest = PersonFactory(name_en="Yin Yong", slug="yin-yong")
    EngagementFactory(visit=mayor["trip"], leg__visit=mayor["trip"], people=[guest])
    PressReleaseFactory(
        title_en="Talks in Beijing", body_en="<p>He met Yin Yong.</p>", visit=mayor["trip"]
    )
    hits = Search("yin yong")[:10]
    assert [hit.kind for hit in hits][:1] == ["person"]
    assert "release" in [hit.kind for hit in hits]


# --- romanised names ---------------------------------------------------------------------


def test_joined_syllables_are_indexed_after_the_fields_terms():
    assert joined_terms("Mayor Oh Se-hoon met Park Won-soon") == [
        "mayoroh",
        "ohse",
        "sehoon",
        "mayorohse",
        "ohsehoon",
        "parkwon",
        "wonsoon",
        "parkwonsoon",
    ]
    # Lower-case words apart, long words and other scripts are not joined.
    assert joined_terms("the mayor went to Zhongguancun Science Park 서울 시장") == []
    terms = field_terms("Oh Se-hoon arrived")
    assert terms.startswith("oh se hoon arrived ")  # phrases keep their positions
    assert {"ohse", "sehoon", "ohsehoon"} <= set(terms.split())


def test_short_queries_are_also_asked_joined():
    groups = parse("oh se hoon").groups
    asked = [" ".join(clause.terms[0] for clause in group) for group in groups]
    assert asked == ["oh se hoon", "ohse hoon", "oh sehoon", "ohsehoon"]
    assert alternatives(parse("Zhongguancun startup street robots visit").groups[0]) == []
    assert len(parse('"oh se" hoon').groups) == 1  # a quoted phrase is asked as typed


SPELLINGS = ["Oh Se-hoon", "Oh Sehoon", "oh se hoon", "ohsehoon", "OH SE-HOON", "Oh Se Hoon"]


@pytest.fixture
def spelled():
    """The mayor's name written three ways in three releases, and a text where "Oh" and
    "Se-hoon" are apart."""
    return {
        "hyphen": PressReleaseFactory(title_en="Speech", body_en="<p>Oh Se-hoon spoke.</p>"),
        "joined": PressReleaseFactory(title_en="Visit", body_en="<p>Mayor Oh Sehoon came.</p>"),
        "spaced": PressReleaseFactory(title_en="Talks", body_en="<p>Oh Se Hoon met them.</p>"),
        "apart": PressReleaseFactory(title_en="Apart", body_en="<p>Oh, the deputy Se-hoon.</p>"),
    }


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_of_a_name_finds_every_other(spelled, query):
    found = {hit.object_id for hit in Search(query)[:20]}
    expected = {spelled[key].pk for key in ("hyphen", "joined", "spaced")}
    assert expected <= found


def test_a_joined_name_needs_its_syllables_together(spelled):
    assert spelled["apart"].pk not in {hit.object_id for hit in Search("ohsehoon")[:20]}
    # ...while loose words still find the words anywhere, as before.
    assert spelled["apart"].pk in {hit.object_id for hit in Search("oh sehoon")[:20]}


def test_romanised_names_work_in_the_admins_search_too(spelled):
    ids = set(
        Search("ohsehoon", public=False).matching_ids("release").values_list("object_id", flat=True)
    )
    assert {spelled["hyphen"].pk, spelled["joined"].pk} <= ids


def test_a_joined_query_highlights_the_whole_name(client, spelled):
    text = "Mayor Oh Se-hoon and Oh Sehoon"
    assert [text[a:b] for a, b in match_spans(text, parse("ohsehoon"))] == [
        "Oh Se-hoon",
        "Oh Sehoon",
    ]
    assert [text[a:b] for a, b in match_spans(text, parse("sehoon"))] == ["Se-hoon", "Sehoon"]
    html = search_html(client, q="ohsehoon")
    assert "<mark>Oh Se-hoon</mark>" in html


# --- snippets ----------------------------------------------------------------------------


@pytest.fixture
def subtitled():
    return PressReleaseFactory(
        number="SMG-2024-0777",
        title_en="Robots in the city",
        subtitle_en="Seoul signs a robotics pact with Beijing",
        lead_en="The mayor watched a humanoid robot run.",
        body_en="<p>The robot ran at 6 km/h.</p>",
        visit=None,
    )


def main(html) -> str:
    """The page's main content (the head's links repeat the query)."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def hit_parts(html) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    for css, text in re.findall(r'<p class="search-hit__(subtitle|text)"[^>]*>(.*?)</p>', html):
        parts.setdefault(css, []).append(re.sub(r"<[^>]+>", "", text))
    return parts


def test_a_result_shows_title_subtitle_and_text_apart(client, subtitled):
    html = main(search_html(client, q="robot"))
    assert "<mark>Robots</mark> in the city</a></h2>" in html
    parts = hit_parts(html)
    assert parts["subtitle"] == ["Seoul signs a robotics pact with Beijing"]
    (text,) = parts["text"]
    assert text.startswith("The mayor watched a humanoid robot run.")
    assert "robotics pact" not in text  # the subtitle is not repeated in the passage
    assert "SMG-2024-0777" not in html and "0777" not in html


def test_a_release_found_by_its_number_does_not_show_it(client, subtitled):
    assert [hit.object_id for hit in Search("SMG-2024-0777")[:5]] == [subtitled.pk]
    html = main(search_html(client, q="SMG-2024-0777"))
    (hit,) = re.findall(r'<article class="card search-hit">.*?</article>', html, flags=re.S)
    assert "Robots in the city" in hit and "Seoul signs a robotics pact" in hit
    assert "0777" not in hit


def test_a_subtitle_match_is_highlighted_in_the_subtitle(client, subtitled):
    html = search_html(client, q="pact")
    assert re.search(r'<p class="search-hit__subtitle">[^<]*<mark>pact</mark>', html)
