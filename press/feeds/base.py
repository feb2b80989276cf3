"""The machinery every feed shares: Django's RSS and Atom writers with languages, full
text and Media RSS, and `NewsroomFeed`, a feed in the active language that answers a
reader whose copy is current with a 304 before loading any item. Imports no other feed
module."""

import re
import uuid
from contextvars import ContextVar

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.translation import get_language, gettext

from visits.changes import content_version
from visits.conditional import conditional_response, content_etag

#: Entries per feed: enough for a reader that polls once a day, small enough to stay fast.
MAX_ITEMS = 50
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

#: The request a feed is being built for (Django's item methods are not given it).
_request = ContextVar("feed_request")
#: Characters XML 1.0 cannot carry: Django's XML writer refuses them (the whole feed would
#: be a 500), but an editor can paste them into any text.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """``value`` (a feed's or an item's data) without the characters XML cannot carry."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


# --- generators: Django's RSS and Atom writers, with languages, full text and media ----


def add_media(handler, media):
    """A Media RSS block: the lead photo with its credit (read by feed readers and by
    feedparser as ``media_content`` and ``media_credit``). The caption is in the summary:
    a ``media:description`` would replace the entry's summary in feedparser."""
    if not media:
        return
    handler.startElement(
        "media:content",
        {
            "url": media["url"],
            "type": media["type"],
            "medium": "image",
            "width": str(media["width"]),
            "height": str(media["height"]),
            "fileSize": str(media["length"]),
        },
    )
    handler.addQuickElement("media:credit", media["credit"])
    handler.endElement("media:content")


class RssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["title_lang"] != self.feed["language"]:
            handler.addQuickElement("dc:language", item["title_lang"])
        handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        add_media(handler, item.get("media"))


class AtomFeed(Atom1Feed):
    """Django's Atom writer with ``xml:lang`` on any text in another language than the
    feed, full text as ``content``, a link to the outside article and Media RSS."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def lang(self, code):
        return {} if code == self.feed["language"] else {"xml:lang": code}

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"], self.lang(item["title_lang"]))
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        if related := item.get("related"):
            handler.addQuickElement(
                "link", "", {"href": related["url"], "rel": "related", "hreflang": related["lang"]}
            )
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.startElement("author", {})
        handler.addQuickElement("name", item["author_name"])
        handler.endElement("author")
        handler.addQuickElement(
            "summary", item["description"], {"type": "html", **self.lang(item["summary_lang"])}
        )
        if item.get("content_html"):
            handler.addQuickElement(
                "content",
                item["content_html"],
                {"type": "html", **self.lang(item["content_lang"])},
            )
        for enclosure in item["enclosures"]:
            handler.addQuickElement(
                "link",
                "",
                {
                    "rel": "enclosure",
                    "href": enclosure.url,
                    "length": enclosure.length,
                    "type": enclosure.mime_type,
                },
            )
        for category in item["categories"]:
            handler.addQuickElement("category", "", {"term": category})
        add_media(handler, item.get("media"))


FORMATS = {"rss": RssFeed, "atom": AtomFeed}


# --- the feeds -----------------------------------------------------------------------


def office_name():
    return gettext("Seoul Metropolitan Government")


def entry_id(item, language: str) -> str:
    """A permanent ID per item and language: the same on every edit, host and database."""
    return uuid.uuid5(item.uuid, language).urn


class NewsroomFeed(Feed):
    """A feed in the active language, answered with a 304 when the reader is up to date.

    Subclasses give `source(obj)`: the published items the feed draws from, before any
    prefetching. Instances are shared by all requests, so nothing per-request is kept on
    ``self``.
    """

    title_template = None
    description_template = None
    #: The field (or annotation of `source`) that dates an item in this feed.
    date_field = "published_at"

    def __init__(self, generator=RssFeed):
        super().__init__()
        self.feed_type = generator

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
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

    def validators(self, obj) -> tuple[str, int]:
        """(ETag, Last-Modified timestamp) from two cheap facts read in one query, without
        loading items: the content version and the feed's newest publication time."""
        row = content_version(latest=self.newest(obj))
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

    def get_object(self, request, *args, **kwargs):
        return None

    def source(self, obj):
        raise NotImplementedError

    def newest(self, obj):
        """An expression for the newest date among the feed's items (None when empty)."""
        field = self.date_field
        return Subquery(self.source(obj).order_by(f"-{field}").values(field)[:1])

    def feed_url(self, obj):
        return None  # Django adds the request's own URL as the self link

    def author_name(self, obj):
        return office_name()

    def item_guid(self, item):
        return entry_id(item, get_language())

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item):
        """The later of the last edit and the publication (an item edited before its
        embargo lifted was, for its readers, new at publication)."""
        return timezone.localtime(max(item.updated_at, item.published_at))

    def get_feed(self, obj, request):
        token = _request.set(request)
        try:
            feed = super().get_feed(obj, request)
        finally:
            _request.reset(token)
        feed.feed = xml_safe(feed.feed)
        feed.items = [xml_safe(item) for item in feed.items]
        return feed

    @staticmethod
    def absolute(url: str) -> str:
        """``url`` on the host the feed was asked from (already absolute URLs stay)."""
        return _request.get().build_absolute_uri(url)
