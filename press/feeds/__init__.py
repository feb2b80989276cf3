"""RSS 2.0, Atom and JSON Feed 1.1 feeds of releases and coverage, in each of the four
languages.

Every feed exists in the three formats under each language prefix
(``/ko/feeds/releases.atom``, ``/ko/feeds/releases.json``: `press.feeds.formats`).
Titles, summaries and full text are in the feed's language with the same fallback as the
pages; text that falls back is marked with its own language (``xml:lang`` in Atom,
``dc:language`` in RSS, the item's ``language`` in JSON Feed). Entry IDs are
``urn:uuid:`` names derived from the item's permanent UUID and the feed language (the
same in the three formats), so editing an item never changes its ID and a move to
another domain does not either. Links are absolute on the request's own host.

Languages go out one at a time. A release's feeds in a language carry it only once its
text in that language is out (`PressReleaseQuerySet.out_in`: the release is public, the
language is marked ready and its own publication time, if it has one, has come), and
the entry is dated by when it went out in that language (``out_at``, the later of the
release's time and the language's own; both rules, and the feeds' newest time, are
`press.models.visibility`'s). So:

- a release never appears in a language's feed with text of another language in place
  of a title or text that is still being translated (or never will be: a Korean-only
  release is in the Korean feeds only; the pages list it in every language, with a
  "translation pending" note);
- a translation that goes out after the release appears, at its own minute and with no
  save, as a new entry for that language's subscribers, dated then and in its place
  among the newest entries, while the other languages' feeds keep their entry as it was.

For subscribers who want everything, each language also has a feed of every public
release (`press.feeds.everything`): a release not yet out in the feed's language is in
the language its pages fall back to, marked as such, under the entry ID the language's
own feeds will give it.

Fields that are not held back per language (a topic's name, a photo's caption) and an
empty field of a ready language still fall back as on the pages, marked as above.

Polling is cheap: the ETag and Last-Modified come from the newest time at which an item
of the feed went out in the feed's language (a scheduled release, or a translation with
its own time, changes them at its minute, with no cron job) and the newsroom's content
version (`visits.changes`, which any save changes). A reader whose copy is current gets a
304 before a single item is loaded.
"""

from .base import MAX_ITEMS, AtomFeed, NewsroomFeed, RssFeed
from .coverage import TripCoverageFeed
from .everything import AllReleaseFeed, all_releases_feed
from .facts import coverage_facts, release_facts
from .formats import FORMATS
from .jsonfeed import JsonFeed
from .links import FeedLink, feed_link, feeds_for, site_feed, topic_feed, trip_feeds
from .releases import (
    ObjectReleaseFeed,
    ReleaseFeed,
    TopicReleaseFeed,
    TripReleaseFeed,
    newest_out,
)

__all__ = [
    "FORMATS",
    "MAX_ITEMS",
    "AllReleaseFeed",
    "AtomFeed",
    "FeedLink",
    "JsonFeed",
    "NewsroomFeed",
    "ObjectReleaseFeed",
    "ReleaseFeed",
    "RssFeed",
    "TopicReleaseFeed",
    "TripCoverageFeed",
    "TripReleaseFeed",
    "all_releases_feed",
    "coverage_facts",
    "feed_link",
    "feeds_for",
    "newest_out",
    "release_facts",
    "site_feed",
    "topic_feed",
    "trip_feeds",
]
