"""Public pages tell the truth about a coverage item's link (issue 19): a gone article
keeps our record with a notice instead of a dead link, on the coverage list, the item's
page, its trip's page and the trip's coverage feed; a moved one links to its new address;
a suspect one (for staff to look at) changes nothing the public sees."""

import datetime
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from press.models import LinkState, LinkStatus

from .factories import CoverageFactory, VisitFactory

pytestmark = pytest.mark.django_db

OLD = "https://news.example.com/2024/08/04/oh-zhongguancun"
NEW = "https://news.example.com/archive/2024/oh-zhongguancun"
CHECKED = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 0))
NOTICE = "The original article is no longer available at the outlet (checked"


@pytest.fixture
def item():
    trip = VisitFactory(slug="oh-beijing")
    return CoverageFactory(url=OLD, visit=trip, headline="Oh tours Zhongguancun")


def check(item, status, *, final_url="", url=None):
    LinkState.objects.create(
        coverage=item,
        url=url or item.url,
        status=status,
        final_url=final_url,
        http_status=404 if status == LinkStatus.GONE else 200,
        checked_at=CHECKED,
        changed_at=CHECKED,
    )


def pages(client, item) -> dict[str, str]:
    urls = {
        "list": reverse("press:coverage_list"),
        "detail": reverse("press:coverage_detail", kwargs={"pk": item.pk}),
        "trip": item.visit.get_absolute_url(),
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


def feed(client, item):
    url = reverse("press:trip_coverage_feed_atom", kwargs={"slug": item.visit.slug})
    return feedparser.parse(client.get(url).content).entries[0]


def test_a_live_article_is_linked(client, item):
    check(item, LinkStatus.OK)
    for name, html in pages(client, item).items():
        assert f'href="{OLD}"' in html, name
        assert NOTICE not in html, name


def test_a_gone_article_keeps_our_record_with_a_notice_and_no_dead_link(client, item):
    check(item, LinkStatus.GONE)
    for name, html in pages(client, item).items():
        assert "Oh tours Zhongguancun" in html, name
        assert re.search(re.escape(NOTICE) + r" [^)]*\b2026\)\.", html), name
        assert OLD not in html, name
    entry = feed(client, item)
    assert NOTICE in entry.summary
    assert OLD not in str(entry)


def test_a_moved_article_links_to_its_new_address(client, item):
    check(item, LinkStatus.MOVED, final_url=NEW)
    for name, html in pages(client, item).items():
        assert f'href="{NEW}"' in html, name
        assert f'href="{OLD}"' not in html, name
    assert NEW in str(feed(client, item))


def test_a_suspect_link_changes_nothing_public(client, item):
    check(item, LinkStatus.SUSPECT)
    for name, html in pages(client, item).items():
        assert f'href="{OLD}"' in html and NOTICE not in html, name


def test_a_check_of_an_old_address_says_nothing_of_the_new_one(client, item):
    check(item, LinkStatus.GONE, url="https://news.example.com/the-address-before")
    for name, html in pages(client, item).items():
        assert f'href="{OLD}"' in html and NOTICE not in html, name


def test_the_notice_is_in_the_readers_language(client, item):
    check(item, LinkStatus.GONE)
    html = client.get(
        reverse("press:coverage_detail", kwargs={"pk": item.pk}).replace("/en/", "/ko/", 1)
    ).content.decode()
    with translation.override("ko"):
        korean = gettext(
            "The original article is no longer available at the outlet (checked %(date)s)."
        )
    assert korean != NOTICE + " %(date)s)."
    assert korean.split("%(date)s")[0] in html and NOTICE not in html
