"""Links out of the newsroom are http(s) only, wherever they are shown (issue 16, item 8).

Forms refuse any other scheme, but a script, an import or a restore can save a coverage
URL or a website of any kind. Such an address is never a link on a page (the coverage
article, the coverage list, the home page, the trip page, the organisation page) or in
a feed (the trip's coverage feed, RSS and Atom), while a good address still is.
"""

from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from press.models import Coverage, Outlet
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    OutletFactory,
    VisitFactory,
)
from tests.test_feeds import read_feed
from tests.test_pages import rev, url_of
from visits.links import safe_outside_url, validate_outside_url
from visits.models import Organization

pytestmark = pytest.mark.django_db

GOOD = "https://www.yna.co.kr/view/AKR20240804?section=seoul&a=1"
BAD = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/article.txt",
    "//evil.example/article",
    "https://evil.example/\njavascript:alert(1)",
    "mailto:desk@example.org",
    "",
]


class Hrefs(HTMLParser):
    """Every href (anchors and links) of a page, as a browser reads the attribute."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.values += [value or "" for name, value in attrs if name == "href"]


def assert_no_outside_link_but_http(html: str, bad: str):
    for href in Hrefs(html).values:
        assert href.startswith(("/", "?", "#", "http://", "https://")), href
        assert "script:" not in href.lower().replace("\t", "").replace("\n", ""), href
    if bad.strip():
        assert f'href="{bad}"' not in unescape(html)


def coverage_pages(item) -> list[str]:
    return [
        url_of(item),
        rev("press:coverage_list"),
        rev("press:home"),
        url_of(item.visit),
    ]


def coverage_feeds(item) -> list[str]:
    return [rev(f"press:trip_coverage_feed_{fmt}", slug=item.visit.slug) for fmt in ("rss", "atom")]


@pytest.mark.parametrize("bad", BAD)
def test_a_coverage_url_of_another_scheme_is_never_a_link(client, bad):
    item = CoverageFactory(visit=VisitFactory(legs=1), url=GOOD)
    Coverage.objects.filter(pk=item.pk).update(url=bad)  # as a script or restore would
    for url in coverage_pages(item):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert item.headline in html, url  # the article is still listed, unlinked
        assert_no_outside_link_but_http(html, bad)
    for url in coverage_feeds(item):
        feed = read_feed(client, url)
        (entry,) = feed.entries
        links = [link.get("href", "") for link in entry.get("links", [])]
        assert all(link.startswith("http://testserver/") for link in links), links
        assert_no_outside_link_but_http(entry.get("summary", ""), bad)
        if bad.strip():
            assert bad not in unescape(feed.xml)


def test_a_good_coverage_url_is_a_link_everywhere(client):
    item = CoverageFactory(visit=VisitFactory(legs=1), url=GOOD)
    for url in coverage_pages(item):
        assert GOOD in Hrefs(client.get(url).content.decode()).values, url
    for url in coverage_feeds(item):
        (entry,) = read_feed(client, url).entries
        assert GOOD in Hrefs(entry.summary).values
        if url.endswith(".atom"):
            assert GOOD in [link.href for link in entry.links if link.rel == "related"]


@pytest.mark.parametrize("bad", BAD)
def test_an_organisation_website_of_another_scheme_is_never_a_link(client, bad):
    org = OrganizationFactory(website="https://www.tsinghua.edu.cn/")
    Organization.objects.filter(pk=org.pk).update(website=bad)
    # An organisation has a public page while a public trip's engagement involves it.
    EngagementFactory(leg=VisitFactory(legs=1).legs.get(), organizations=[org])
    response = client.get(url_of(org))
    assert response.status_code == 200
    assert_no_outside_link_but_http(response.content.decode(), bad)
    org.website = "https://www.tsinghua.edu.cn/"
    org.save()
    assert "https://www.tsinghua.edu.cn/" in Hrefs(client.get(url_of(org)).content.decode()).values


@pytest.mark.parametrize("bad", BAD)
def test_the_helper_lets_only_http_through(bad):
    assert safe_outside_url(bad) == ""
    assert safe_outside_url(GOOD) == GOOD
    assert safe_outside_url("HTTP://EXAMPLE.ORG/") == "HTTP://EXAMPLE.ORG/"
    assert safe_outside_url(None) == ""


@pytest.mark.parametrize("bad", [b for b in BAD if b])
def test_the_validator_refuses_other_schemes_in_the_editors_language(bad):
    with pytest.raises(ValidationError):
        validate_outside_url(bad)
    validate_outside_url(GOOD)
    with translation.override("ko"):
        with pytest.raises(ValidationError) as refused:
            validate_outside_url("ftp://files.example.org/a.txt")
        (message,) = refused.value.messages
    assert message == "http:// 또는 https://로 시작하는 웹 주소를 입력하세요."


@pytest.mark.parametrize(
    ("model", "field"),
    [(Coverage, "url"), (Outlet, "website"), (Organization, "website")],
)
def test_models_refuse_other_schemes(model, field):
    """Forms (the admin's included) check through the model, so they refuse them too."""
    validators = model._meta.get_field(field).validators
    assert any(v == validate_outside_url for v in validators)
    obj = {Coverage: CoverageFactory, Outlet: OutletFactory, Organization: OrganizationFactory}[
        model
    ]()
    setattr(obj, field, "ftp://files.example.org/a.txt")
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert field in refused.value.message_dict
