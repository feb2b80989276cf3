"""The newsroom's time zone has one definition, ``settings.TIME_ZONE``: a time given
without a zone (an article's publication time, a trip's first day) is read in it,
wherever it is read (feeds, search, the demo loader)."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

from press.demo.loader import newsroom_time
from tests.factories import CoverageFactory, VisitFactory
from visits.search.documents import on_day

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def in_paris(settings):
    """A newsroom in Paris: summer time there is UTC+2 (Seoul's is UTC+9)."""
    settings.TIME_ZONE = "Europe/Paris"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_coverage_feed_reads_an_articles_time_in_the_newsroom_zone(public_client, in_paris, fmt):
    trip = VisitFactory()
    CoverageFactory(visit=trip, published_on=dt.date(2024, 7, 26), published_time=dt.time(8))
    with translation.override("en"):
        url = reverse(f"press:trip_coverage_feed_{fmt}", kwargs={"slug": trip.slug})
    parsed = feedparser.parse(public_client.get(url).content)
    (entry,) = parsed.entries
    published = dt.datetime.fromtimestamp(calendar.timegm(entry.published_parsed), UTC)
    assert published == dt.datetime(2024, 7, 26, 6, tzinfo=UTC)


def test_coverage_pages_give_an_articles_time_in_the_newsroom_zone(client, in_paris):
    item = CoverageFactory(published_on=dt.date(2024, 7, 26), published_time=dt.time(8))
    with translation.override("en"):
        pages = [item.get_absolute_url(), item.visit.get_absolute_url()]
    for url in pages:
        html = client.get(url).content.decode()
        assert '<time datetime="2024-07-26T08:00:00+02:00">' in html, url
        assert "08:00 CEST</time>" in html, url
        assert "KST" not in html and "+09:00" not in html, url


def test_search_places_a_day_at_noon_in_the_newsroom_zone(in_paris):
    assert on_day(dt.date(2024, 7, 26)) == dt.datetime(2024, 7, 26, 10, tzinfo=UTC)


def test_demo_times_are_the_newsroom_zones(in_paris):
    moment = newsroom_time(dt.datetime(2024, 7, 26, 8))
    assert moment == dt.datetime(2024, 7, 26, 6, tzinfo=UTC)
