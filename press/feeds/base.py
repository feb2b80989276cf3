"""The machinery every feed shares: RSS and Atom writers with languages, full text and
Media RSS (the JSON Feed writer, `press.feeds.jsonfeed`, writes the same entries), and
`NewsroomFeed`, a feed in the active language that answers a reader whose copy is
current with a 304 before loading any item, and otherwise writes its entries from their
facts (`press.feeds.facts`). Its statements (the object, the validators, the items) are
built by the ORM once per shape (`press.feeds.statements`). Imports no other feed
module."""

from io import StringIO

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc2822_date, rfc3339_date
from django.utils.translation import get_language

from visits.changes import version
from visits.conditional import conditional_response, content_etag
from visits.models import ContentVersion

from .facts import entry_facts, office_name, xml_safe
from .statements import Statement

#: Entries per feed: enough for a reader that polls once a day, small enough to stay fast.
MAX_ITEMS = 50
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"


# --- writing entries ----------------------------------------------------------------------
#
# Each entry is written as one string, as Django's XML writer (`SimplerXMLGenerator`, with
# short empty elements) writes the same elements: text escaped as `xml.sax.saxutils.escape`
# does, attributes in sorted order and quoted as `quoteattr` does, an element with no text
# closed as ``<name/>``. The channel around the entries is still Django's.


def escaped(text: str) -> str:
    """``text`` as `xml.sax.saxutils.escape` gives it (a string without ``&<>`` as it is)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def quoted(value: str) -> str:
    """``value`` as `xml.sax.saxutils.quoteattr` gives it."""
    value = escaped(value)
    if "\n" in value or "\r" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def element(name: str, text: str | None = None, attrs: tuple = ()) -> str:
    """``<name attrs>text</name>``, or ``<name attrs/>`` with no text; ``attrs`` are
    (name, value) pairs in the order of their names."""
    start = "<" + name
    for key, value in attrs:
        start += f" {key}={quoted(value)}"
    if text:
        return f"{start}>{escaped(text)}</{name}>"
    return start + "/>"


def media_content(media) -> str:
    """A Media RSS block: the lead photo with its credit (read by feed readers and by
    feedparser as ``media_content`` and ``media_credit``). The caption is in the summary:
    a ``media:description`` would replace the entry's summary in feedparser."""
    attrs = (
        ("fileSize", str(media["length"])),
        ("height", str(media["height"])),
        ("medium", "image"),
        ("type", media["type"]),
        ("url", media["url"]),
        ("width", str(media["width"])),
    )
    start = element("media:content", None, attrs)[:-2]
    return f"{start}>{element('media:credit', media['credit'])}</media:content>"


class OnHost:
    """Links on the host a feed is asked from, as Django's feed makes them: an entry's link
    as `add_domain` does, a media URL as ``request.build_absolute_uri``. Both are given
    as `press.feeds.facts` keeps them: a path or URL already through ``iri_to_uri``."""

    def __init__(self, request):
        self.request = request
        self.domain = get_current_site(request).domain
        self.secure = request.is_secure()
        self.site = f"{'https' if self.secure else 'http'}://{self.domain}"
        self.origin = f"{request.scheme}://{request.get_host()}"

    def link(self, path: str) -> str:
        if path.startswith("/") and not path.startswith("//"):
            return self.site + path  # what add_domain gives, without quoting it again
        return iri_to_uri(add_domain(self.domain, path, self.secure))

    def media(self, url: str) -> str:
        if url.startswith("/") and not url.startswith("//") and "/." not in url:
            return self.origin + url  # what build_absolute_uri gives, without parsing it
        return self.request.build_absolute_uri(url)


class Entry:
    """One item of a feed as it is written: its facts (`press.feeds.facts`), with links
    made absolute on the feed's host, and the two times that date it."""

    __slots__ = ("documents", "facts", "link", "media", "pubdate", "updated")

    def __init__(self, facts: dict, pubdate, updated, on_host: OnHost):
        self.facts = facts
        self.pubdate = pubdate
        self.updated = updated
        self.link = on_host.link(facts["path"])
        media = facts.get("media")
        self.media = {**media, "url": on_host.media(media["url"])} if media else None
        # A release's documents (`press.feeds.facts.document_facts`), as enclosures.
        self.documents = [
            {**document, "url": on_host.media(document["url"])}
            for document in facts.get("documents", ())
        ]


class EntryWriter:
    """What the RSS and Atom writers share: the channel's date from the entries, and the
    entries written as one string between the channel's elements."""

    entries: list[Entry] | None = None

    def latest_post_date(self):
        if self.entries is None:
            return super().latest_post_date()
        dates = [date for entry in self.entries for date in (entry.updated, entry.pubdate) if date]
        return max(dates, default=None) or timezone.now()

    def write_items(self, handler):
        if self.entries is None:
            return super().write_items(handler)
        handler.ignorableWhitespace("".join(map(self.entry, self.entries)))

    def entry(self, entry: Entry) -> str:
        raise NotImplementedError


class RssFeed(EntryWriter, Rss201rev2Feed):
    """Django's RSS 2.0 writer with ``dc:language`` on a title in another language than
    the feed, the time of the last change, full text as ``content:encoded`` and Media
    RSS."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        }

    def entry(self, entry: Entry) -> str:
        facts, media = entry.facts, entry.media
        parts = ["<item>", element("title", facts["title"]), element("link", entry.link)]
        if facts["description"] is not None:
            parts.append(element("description", facts["description"]))
        if facts["author_name"]:
            parts.append(element("dc:creator", facts["author_name"], (("xmlns:dc", DC_NS),)))
        if entry.pubdate is not None:
            parts.append(f"<pubDate>{rfc2822_date(entry.pubdate)}</pubDate>")
        parts.append(element("guid", facts["id"], (("isPermaLink", "false"),)))
        if media:
            attrs = (
                ("length", str(media["length"])),
                ("type", media["type"]),
                ("url", media["url"]),
            )
            parts.append(element("enclosure", "", attrs))
        for document in entry.documents:
            attrs = (
                ("length", str(document["length"])),
                ("type", document["type"]),
                ("url", document["url"]),
            )
            parts.append(element("enclosure", "", attrs))
        parts += [element("category", category) for category in facts.get("categories", ())]
        if facts["title_lang"] != self.feed["language"]:
            parts.append(element("dc:language", facts["title_lang"]))
        parts.append(f"<atom:updated>{rfc3339_date(entry.updated)}</atom:updated>")
        if facts.get("content_html"):
            parts.append(element("content:encoded", facts["content_html"]))
        if media:
            parts.append(media_content(media))
        parts.append("</item>")
        return "".join(parts)


class AtomFeed(EntryWriter, Atom1Feed):
    """Django's Atom writer with ``xml:lang`` on any text in another language than the
    feed, full text as ``content``, a link to the outside article and Media RSS."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def lang(self, code) -> tuple:
        return () if code == self.feed["language"] else (("xml:lang", code),)

    def entry(self, entry: Entry) -> str:
        facts, media = entry.facts, entry.media
        parts = [
            "<entry>",
            element("title", facts["title"], self.lang(facts["title_lang"])),
            element("link", "", (("href", entry.link), ("rel", "alternate"))),
        ]
        if related := facts.get("related"):
            attrs = (("href", related["url"]), ("hreflang", related["lang"]), ("rel", "related"))
            parts.append(element("link", "", attrs))
        parts += [
            element(
                "link", "", (("href", video["url"]), ("rel", "related"), ("title", video["title"]))
            )
            for video in facts.get("videos", ())
        ]
        parts += [
            element("id", facts["id"]),
            f"<published>{rfc3339_date(entry.pubdate)}</published>",
            f"<updated>{rfc3339_date(entry.updated)}</updated>",
            f"<author>{element('name', facts['author_name'])}</author>",
            element(
                "summary",
                facts["description"],
                (("type", "html"), *self.lang(facts["summary_lang"])),
            ),
        ]
        if facts.get("content_html"):
            attrs = (("type", "html"), *self.lang(facts["content_lang"]))
            parts.append(element("content", facts["content_html"], attrs))
        if media:
            attrs = (
                ("href", media["url"]),
                ("length", str(media["length"])),
                ("rel", "enclosure"),
                ("type", media["type"]),
            )
            parts.append(element("link", "", attrs))
        for document in entry.documents:
            attrs = (
                ("href", document["url"]),
                ("length", str(document["length"])),
                ("rel", "enclosure"),
                ("title", document["title"]),
                ("type", document["type"]),
            )
            parts.append(element("link", "", attrs))
        parts += [
            element("category", "", (("term", term),)) for term in facts.get("categories", ())
        ]
        if media:
            parts.append(media_content(media))
        parts.append("</entry>")
        return "".join(parts)


# --- the feeds -----------------------------------------------------------------------


class NewsroomFeed(Feed):
    """A feed in the active language, answered with a 304 when the reader is up to date.

    Subclasses give `source(obj)`: the published items the feed draws from; `items(obj)`:
    the feed's items, newest first, read narrow (their keys and the columns that date
    them: `item_pubdate`, `item_updateddate`); ``kind`` and `entry_facts`, what their
    entries say (`press.feeds.facts`); and for a trip's or topic's feed, `object_query`.
    Instances are shared by all requests, so nothing per-request is kept on ``self``.
    """

    title_template = None
    description_template = None
    #: The field (or annotation of `source`) that dates an item in this feed.
    date_field = "published_at"
    #: The read model's kind of the feed's items.
    kind = None

    def __init__(self, generator=RssFeed):
        super().__init__()
        self.feed_type = generator
        # Built by the ORM once per language (`press.feeds.statements`).
        self.object_rows = Statement(lambda slug: self.object_query(slug))
        self.validator_row = Statement(lambda obj=None: self.validator_query(obj))
        self.item_rows = Statement(lambda obj=None: self.items(obj))

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as error:
            raise Http404("No such feed.") from error
        etag, last_modified = self.validators(obj)
        response = conditional_response(
            request, lambda: self.render(obj, request), etag=etag, last_modified=last_modified
        )
        # Caches may keep a copy but must ask again each time: a scheduled item goes out
        # at its minute, and the question costs the reader a 304.
        response.headers["Cache-Control"] = "public, no-cache"
        return response

    def render(self, obj, request) -> HttpResponse:
        feed = self.get_feed(obj, request)
        text = StringIO()
        feed.write(text, "utf-8")
        # As Django's writer encodes it: a character UTF-8 cannot carry as a reference.
        content = text.getvalue().encode("utf-8", "xmlcharrefreplace")
        return HttpResponse(content, content_type=feed.content_type)

    def validators(self, obj) -> tuple[str, int]:
        """(ETag, Last-Modified timestamp) from two cheap facts read in one query, without
        loading items: the content version and the feed's newest publication time."""
        row = next(iter(self.validator_row.rows(keys=self.keys(obj))), None)
        if row is None:  # nothing recorded as changed yet
            latest = self.source(obj).aggregate(latest=Max(self.date_field))["latest"]
            row = (0, None, latest)
        number, changed_at, latest = row
        moments = [int(moment.timestamp()) for moment in (changed_at, latest) if moment]
        key = "|".join(
            map(
                str,
                (
                    type(self).__name__,
                    self.feed_type.__name__,
                    get_language(),
                    obj and obj.pk,
                    latest and latest.isoformat(),
                    number,
                ),
            )
        )
        return content_etag(key), max(moments, default=0)

    def validator_query(self, obj):
        """The content version's number and time, and the feed's newest date: one row, or
        none before the first change is recorded (`visits.changes.content_version`)."""
        rows = ContentVersion.objects.filter(pk=version.ROW)
        return rows.annotate(latest=self.newest(obj)).values_list("number", "changed_at", "latest")

    def get_object(self, request, slug=None):
        """The trip or topic named ``slug`` if it is public (`object_query`), or None for a
        feed of the whole newsroom."""
        if slug is None:
            return None
        found = self.object_rows.rows(keys=(slug,))
        if not found:
            raise ObjectDoesNotExist(slug)
        return found[0]

    def object_query(self, slug):
        """The public object named ``slug`` (at most one)."""
        raise NotImplementedError

    @staticmethod
    def keys(obj) -> tuple:
        """What changes the feed's statements from one request to the next: its object."""
        return () if obj is None else (obj,)

    def source(self, obj):
        raise NotImplementedError

    def entry_facts(self, keys: list, language: str) -> dict:
        """{key: facts} of the items ``keys`` in ``language``, worked out from the ORM."""
        raise NotImplementedError

    def newest(self, obj):
        """An expression for the newest date among the feed's items (None when empty)."""
        field = self.date_field
        return Subquery(self.source(obj).order_by(f"-{field}").values(field)[:1])

    def feed_url(self, obj):
        return None  # Django adds the request's own URL as the self link

    def author_name(self, obj):
        return office_name()

    def item_updateddate(self, item, zone):
        """The later of the last edit and the publication (an item edited before its
        embargo lifted was, for its readers, new at publication), in ``zone``."""
        return max(item.updated_at, item.published_at).astimezone(zone)

    def get_feed(self, obj, request):
        """The feed: Django's channel, and the items' entries from their facts, read for
        all of them at once (`press.feeds.facts.entry_facts`)."""
        feed = self.channel(obj, request)
        items = self.item_rows.rows(keys=self.keys(obj))
        found = entry_facts(
            self.kind, [item.pk for item in items], feed.feed["language"], self.entry_facts
        )
        on_host = OnHost(request)
        zone = timezone.get_current_timezone()
        feed.entries = [
            Entry(
                found[item.pk],
                self.item_pubdate(item, zone),
                self.item_updateddate(item, zone),
                on_host,
            )
            for item in items
            if item.pk in found  # not gone between the two statements
        ]
        feed.feed = xml_safe(feed.feed)
        return feed

    def channel(self, obj, request):
        """The feed with no items yet: Django's `Feed.get_feed` up to its items."""
        domain = get_current_site(request).domain
        secure = request.is_secure()
        link = add_domain(domain, self._get_dynamic_attr("link", obj), secure)
        return self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            subtitle=self._get_dynamic_attr("subtitle", obj),
            link=link,
            description=self._get_dynamic_attr("description", obj),
            language=self.language or get_language(),
            feed_url=add_domain(
                domain, self._get_dynamic_attr("feed_url", obj) or request.path, secure
            ),
            author_name=self._get_dynamic_attr("author_name", obj),
            author_link=self._get_dynamic_attr("author_link", obj),
            author_email=self._get_dynamic_attr("author_email", obj),
            categories=self._get_dynamic_attr("categories", obj),
            feed_copyright=self._get_dynamic_attr("feed_copyright", obj),
            feed_guid=self._get_dynamic_attr("feed_guid", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            stylesheets=self._get_dynamic_attr("stylesheets", obj),
            **self.feed_extra_kwargs(obj),
        )
