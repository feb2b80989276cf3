"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) beside RSS and Atom: the same channel
and the same entries, from the same facts (`press.feeds.facts`), so a feed class serves
the three formats (`press.feeds.formats`).

An item says what the Atom entry says: the same ``id``, the page as ``url``, the outside
article as ``external_url``, the full text (or, for coverage, the summary) as
``content_html``, the summary as plain text, the lead photo as ``image``, the office (or
the outlet) as its author and the topics as ``tags``. Text that fell back to another
language than the feed's is marked with the item's ``language``, as ``xml:lang`` and
``dc:language`` mark it in Atom and RSS."""

import html
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.feedgenerator import SyndicationFeed, rfc3339_date
from django.utils.html import strip_tags

from .base import Entry, EntryWriter
from .facts import videos_html

VERSION = "https://jsonfeed.org/version/1.1"
#: A paragraph's or a line's end, kept as a line break in a plain text summary.
BREAKS = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)


def plain(text: str) -> str:
    """HTML ``text`` as plain text: its paragraphs one a line, entities decoded."""
    lines = html.unescape(strip_tags(BREAKS.sub("\n", text))).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


class JsonFeed(EntryWriter, SyndicationFeed):
    """A JSON Feed 1.1 document of the channel Django's writers are given and of the
    entries (`press.feeds.base.Entry`) the RSS and Atom writers write."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        # Facts worked out now may hold lazy text (a language's name); the encoder makes it
        # a string, as the read model's JSON column does.
        document = self.document()
        json.dump(
            document, outfile, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
        )

    def document(self) -> dict:
        feed = self.feed
        document = {"version": VERSION, "title": feed["title"]}
        if feed["link"]:
            document["home_page_url"] = feed["link"]
        if feed["feed_url"]:
            document["feed_url"] = feed["feed_url"]
        if feed["description"]:
            document["description"] = feed["description"]
        if feed["author_name"]:
            author = {"name": feed["author_name"]}
            if feed["author_link"]:
                author["url"] = feed["author_link"]
            document["authors"] = [author]
        if feed["language"]:
            document["language"] = feed["language"]
        document["items"] = [self.item(entry) for entry in self.entries or ()]
        return document

    def item(self, entry: Entry) -> dict:
        facts, media = entry.facts, entry.media
        item = {"id": facts["id"], "url": entry.link}
        if related := facts.get("related"):
            item["external_url"] = related["url"]
        item["title"] = facts["title"]
        description = facts["description"] or ""
        item["content_html"] = facts.get("content_html") or description
        if facts.get("content_html") and facts.get("videos"):
            # The full text does not carry the summary's lines: the videos follow it.
            item["content_html"] += videos_html(facts["videos"])
        if summary := plain(description):
            item["summary"] = summary
        if media:
            item["image"] = media["url"]
        if entry.documents:
            item["attachments"] = [
                {
                    "url": document["url"],
                    "mime_type": document["type"],
                    "title": document["title"],
                    "size_in_bytes": document["length"],
                }
                for document in entry.documents
            ]
        if entry.pubdate is not None:
            item["date_published"] = rfc3339_date(entry.pubdate)
        if entry.updated is not None:
            item["date_modified"] = rfc3339_date(entry.updated)
        if facts["author_name"]:
            item["authors"] = [{"name": facts["author_name"]}]
        if categories := facts.get("categories"):
            item["tags"] = list(categories)
        if facts["title_lang"] != self.feed["language"]:
            item["language"] = facts["title_lang"]
        return item
