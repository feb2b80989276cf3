"""The media contacts page (``/<lang>/contacts/``): the press contacts named on public
releases, each with department, telephone and e-mail, in the reader's language with the
fallback marked; linked from every release and the footer, in the sitemap; a constant,
small number of queries."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
import time_machine

from tests.conftest import on_public_host
from tests.factories import PressContactFactory, PressReleaseFactory
from tests.test_pages import LANGUAGES, count_queries, fetch, rev, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts():
    kim = PressContactFactory(
        name_en="Kim Min-ji",
        name_ko="김민지",
        department_en="International Media Team",
        department_ko="국제미디어팀",
        email="minji.kim@seoul.example",
        phone="+82 2 2133 0000",
    )
    lee = PressContactFactory(
        name_en="Lee Jun-ho", department_en="Robot Industry Division", phone=""
    )
    internal = PressContactFactory(name_en="SECRET drafts-only contact")
    PressReleaseFactory(contact=kim)
    PressReleaseFactory(contact=lee)
    PressReleaseFactory(contact=internal, draft=True)
    PressReleaseFactory(contact=internal, scheduled=True)
    return kim, lee, internal


def test_lists_the_contacts_of_public_releases_only(client, contacts):
    page = fetch(client, rev("press:contacts"))
    assert "Kim Min-ji" in page.html and "Lee Jun-ho" in page.html
    assert "SECRET" not in page.html
    assert page.links_to("mailto:minji.kim@seoul.example")
    assert page.links_to("tel:+82221330000")
    assert "Robot Industry Division" in page.html
    # Names in order, each an h2 under the page's h1, its details in an address's dl.
    headings = [text for text, _lang in page.texts if text in ("Kim Min-ji", "Lee Jun-ho")]
    assert headings == ["Kim Min-ji", "Lee Jun-ho"]
    assert page.html.index("<h1>") < page.html.index("<h2>")
    assert page.html.count("<address>") == 2 and "<dt>E-mail</dt>" in page.html


def test_in_the_readers_language_with_the_fallback_marked(client, contacts):
    page = fetch(client, rev("press:contacts", "ko"))
    assert page.html_lang == "ko"
    assert page.langs_of("김민지") == {"ko"}
    assert page.langs_of("국제미디어팀") == {"ko"}
    assert page.langs_of("Lee Jun-ho") == {"en"}  # no Korean name: marked English
    assert page.langs_of("Robot Industry Division") == {"en"}
    assert "언론 문의처" in page.html


def test_canonical_alternates_and_structured_data(client, contacts):
    page = fetch(client, rev("press:contacts", "ja"))
    (canonical,) = page.head("canonical")
    assert canonical["href"].endswith(rev("press:contacts", "ja"))
    hreflangs = {link["hreflang"] for link in page.head("alternate") if "hreflang" in link}
    assert hreflangs >= {*LANGUAGES, "x-default"}
    (data,) = [d for d in page.jsonld if d["@type"] == "ContactPage"]
    points = data["about"]["contactPoint"]
    assert [p["email"] for p in points] == [
        "minji.kim@seoul.example",
        contacts[1].email,
    ]
    assert "telephone" not in points[1]


def test_linked_from_every_release_and_the_footer(client, contacts):
    without_contact = PressReleaseFactory()
    for release in (contacts[0].releases.get(), without_contact):
        for lang in ("en", "zh-hans"):
            assert fetch(client, url_of(release, lang)).links_to(rev("press:contacts", lang))
    assert fetch(client, rev("press:home")).links_to(rev("press:contacts"))


def test_an_empty_newsroom_says_so(client):
    PressContactFactory(name_en="SECRET unused contact")
    page = fetch(client, rev("press:contacts"))
    assert "No press contacts are listed yet." in page.html
    assert "SECRET" not in page.html


def test_in_the_sitemap_in_every_language_with_alternates(public_client, contacts):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.fromstring(public_client.get("/sitemap-pages.xml").content)
    entries = {
        node.find("sm:loc", ns).text: {link.get("hreflang") for link in node.findall("x:link", ns)}
        for node in root.findall("sm:url", ns)
    }
    for lang in LANGUAGES:
        assert entries[on_public_host(rev("press:contacts", lang))] == {*LANGUAGES, "x-default"}


def test_query_count_is_constant_and_small(client, contacts, django_assert_max_num_queries):
    url = rev("press:contacts")
    few = count_queries(client, url, django_assert_max_num_queries)
    for _ in range(10):
        PressReleaseFactory(contact=PressContactFactory())
    many = count_queries(client, url, django_assert_max_num_queries)
    assert few == many
    assert fetch(client, url).html.count("<address>") == 12


def test_a_contact_whose_release_is_withdrawn_or_unpublished_leaves(client, contacts):
    kim = contacts[0]
    kim.releases.update(status="draft", published_at=None)
    assert "Kim Min-ji" not in fetch(client, rev("press:contacts")).html


def test_a_scheduled_releases_contact_comes_at_its_minute_not_before(client):
    """The embargo holds on this door too (tests/test_embargo.py's rule)."""
    release = PressReleaseFactory(scheduled=True, contact=PressContactFactory(name_en="Park"))
    assert "Park" not in fetch(client, rev("press:contacts")).html
    with time_machine.travel(release.published_at + timedelta(minutes=1)):
        assert "Park" in fetch(client, rev("press:contacts")).html
