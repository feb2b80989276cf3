"""The formats every feed comes in: its URL's extension and its writer
(`press.urls.feed_paths` makes one URL of each per feed)."""

from .base import AtomFeed, RssFeed
from .jsonfeed import JsonFeed

FORMATS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}
