"""RSS 2.0 and Atom feeds of releases and coverage, in each of the four languages.

Every feed exists in both formats under each language prefix (``/ko/feeds/releases.atom``).
Titles, summaries and full text are in the feed's language with the same fallback as the
pages; text that falls back is marked with its own language (``xml:lang`` in Atom,
``dc:language`` in RSS). Entry IDs are ``urn:uuid:`` names derived from the item's
permanent UUID and the feed language, so editing an item never changes its ID and a move
to another domain does not either. Links are absolute on the request's own host.

Languages go out one at a time. A release's feeds in a language carry it only once its
text in that language is out (`PressReleaseQuerySet.out_in`: the release is public, the
language is marked ready and its own publication time, if it has one, has come), and
the entry is dated by when it went out in that language (``out_at``, the later of the
release's time and the language's own). So:

- a release never appears in a language's feed with text of another language in place
  of a title or text that is still being translated (or never will be: a Korean-only
  release is in the Korean feeds only; the pages list it in every language, with a
  "translation pending" note);
- a translation that goes out after the release appears, at its own minute and with no
  save, as a new entry for that language's subscribers, dated then and in its place
  among the newest entries, while the other languages' feeds keep their entry as it was.

Fields that are not held back per language (a topic's name, a photo's caption) and an
empty field of a ready language still fall back as on the pages, marked as above.

Polling is cheap: the ETag and Last-Modified come from the newest time at which an item
of the feed went out in the feed's language (a scheduled release, or a translation with
its own time, changes them at its minute, with no cron job) and the newsroom's content
version (`visits.changes`, which any save changes). A reader whose copy is current gets a
304 before a single item is loaded.
"""

import hashlib
import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import format_html
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language, gettext

from visits.changes import content_version
from visits.links import safe_outside_url
from visits.models import Visit
from visits.text import translated_field

from .models import Coverage, PressRelease, ReleasePhoto, Topic, language_time_field

#: Entries per feed: enough for a reader that polls once a day, small enough to stay fast.
MAX_ITEMS = 50
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

#: Coverage times are given in Korea Standard Time.
SEOUL = ZoneInfo("Asia/Seoul")
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
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            feed = self.get_feed(obj, request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(last_modified)
        # Caches may keep a copy but must ask again each time: a scheduled item goes out
        # at its minute, and the question costs the reader a 304.
        response.headers["Cache-Control"] = "public, no-cache"
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
        return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]), max(moments, default=0)

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


def lead_photo_prefetch():
    return Prefetch(
        "gallery",
        queryset=ReleasePhoto.objects.filter(is_lead=True).select_related("photo"),
        to_attr="lead_items",
    )


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page advertises it: a title and its two formats."""

    title: str
    rss: str
    atom: str
    description: str = ""


def feed_link(name: str, title: str, description: str = "", **kwargs) -> FeedLink:
    urls = {fmt: reverse(f"press:{name}_{fmt}", kwargs=kwargs or None) for fmt in FORMATS}
    return FeedLink(title, urls["rss"], urls["atom"], description)


def site_feed() -> FeedLink:
    return feed_link(
        "release_feed",
        gettext("All press releases"),
        gettext("Every press release of the newsroom, newest first."),
    )


def topic_feed(topic) -> FeedLink:
    name = translated_field(topic, "name").text
    return feed_link(
        "topic_feed",
        gettext("Press releases on the topic “%(topic)s”") % {"topic": name},
        gettext("Releases filed under this topic."),
        slug=topic.slug,
    )


def trip_feeds(trip) -> list[FeedLink]:
    title = translated_field(trip, "title").text
    return [
        feed_link(
            "trip_release_feed",
            gettext("Press releases on %(trip)s") % {"trip": title},
            gettext("The releases the press office issued about this trip."),
            slug=trip.slug,
        ),
        feed_link(
            "trip_coverage_feed",
            gettext("News coverage of %(trip)s") % {"trip": title},
            gettext("Articles by news outlets about this trip, in their own languages."),
            slug=trip.slug,
        ),
    ]


def feeds_for(obj) -> list[FeedLink]:
    """The feeds a page about ``obj`` advertises: the most specific first, then the
    newsroom's own. Only public trips offer feeds (a preview must not point at a 404)."""
    feeds = []
    trip = getattr(obj, "visit", None) if not isinstance(obj, Visit) else obj
    if trip is not None and trip.is_public:
        feeds += trip_feeds(trip)
    if isinstance(obj, Topic):
        feeds.append(topic_feed(obj))
    elif isinstance(obj, PressRelease):
        topics = obj.topics.all()
        if not obj.is_public:  # a public release makes its topics public; a preview may not
            topics = Topic.objects.published().filter(releases=obj)
        feeds += [topic_feed(topic) for topic in topics]
    return [*feeds, site_feed()]


def newest_out(items, count: int):
    """The ``count`` of ``items`` (releases annotated with ``out_at`` in the active
    language) that went out last, newest first, without dating and sorting them all.

    ``out_at`` is worked out row by row, so no index is in its order. But it is never
    earlier than the release time: with ``bound`` the ``count``-th newest release time
    among ``items``, at least ``count`` of them went out at ``bound`` or later, so one that
    went out earlier has ``count`` above it and is not wanted. What is left went out
    between ``bound`` and now: its release time or its own time is in that range. The
    indexes on both find those (about ``count`` rows), and only they are dated and sorted.
    With fewer than ``count`` items there is no bound.

    ``now`` only closes the ranges, which tells the planners they are narrow (SQLite
    would otherwise rather scan every public release): the items are out, so none went
    out later than the time they were filtered by, and ``now`` is taken after that.
    """
    own = language_time_field(get_language())
    by_release_time = items.order_by("-published_at").values("published_at")
    bound = Coalesce(
        Subquery(by_release_time[count - 1 : count]), Value(datetime.min.replace(tzinfo=UTC))
    )
    now = timezone.now()
    may_be_newest = Q(published_at__range=(bound, now)) | Q(**{f"{own}__range": (bound, now)})
    return items.filter(may_be_newest).order_by("-out_at", "-pk")[:count]


class ReleaseFeed(NewsroomFeed):
    """All releases out in the feed's language, the newest to go out in it first."""

    date_field = "out_at"

    def source(self, obj):
        code = get_language()
        return PressRelease.objects.out_in(code).language_times(code)

    def newest(self, obj):
        """The newest ``out_at``, without working it out row by row: the later of the
        newest release time and the newest own time of the language among the items
        (each an index-friendly top-1 query)."""
        items = self.source(obj)
        own = language_time_field(get_language())
        newest_release = items.order_by("-published_at").values("published_at")[:1]
        newest_own = items.filter(**{f"{own}__isnull": False}).order_by(f"-{own}").values(own)[:1]
        # Greatest is NULL on SQLite when either is (no own time in the feed).
        return Coalesce(
            Greatest(Subquery(newest_release), Subquery(newest_own)), Subquery(newest_release)
        )

    def items(self, obj):
        items = self.source(obj).select_related("visit")
        return self.newest_first(items).prefetch_related("topics", lead_photo_prefetch())

    def newest_first(self, items):
        """The feed's entries: every release in the newsroom is a candidate, so they are
        found through the time indexes rather than by sorting them all."""
        return newest_out(items, MAX_ITEMS)

    def title(self, obj):
        return gettext("Seoul Newsroom: press releases")

    def description(self, obj):
        return gettext("Official press releases of the Seoul Metropolitan Government.")

    def feed_copyright(self, obj):
        return office_name()

    def link(self, obj):
        return reverse("press:release_list")

    def item_title(self, item):
        return translated_field(item, "title").text

    def item_description(self, item):
        """The lead in the feed's language, then the lead photo's credit."""
        parts = []
        if lead := translated_field(item, "lead"):
            parts.append(format_html("<p>{}</p>", lead))
        if photo := self.lead_photo(item):
            parts.append(format_html("<p>{}</p>", self.credit_line(photo)))
        return "".join(parts)

    def credit_line(self, photo):
        caption = translated_field(photo, "caption")
        credit = gettext("Photo: %(credit)s") % {"credit": photo.credit}
        return f"{caption} ({credit})" if caption else credit

    def item_author_name(self, item):
        return office_name()

    def item_pubdate(self, item):
        """When the release went out in the feed's language."""
        return timezone.localtime(item.out_at)

    def item_updateddate(self, item):
        return timezone.localtime(max(item.updated_at, item.out_at))

    def item_categories(self, item):
        return [translated_field(topic, "name").text for topic in item.topics.all()]

    def lead_photo(self, item):
        return item.lead_items[0].photo if item.lead_items else None

    def item_enclosures(self, item):
        photo = self.lead_photo(item)
        if photo is None:
            return []
        return [Enclosure(self.absolute(photo.image.url), str(photo.file_size), photo.media_type)]

    def item_extra_kwargs(self, item):
        title = translated_field(item, "title")
        lead = translated_field(item, "lead")
        body = translated_field(item, "body")
        photo = self.lead_photo(item)
        media = None
        if photo is not None:
            media = {
                "url": self.absolute(photo.image.url),
                "type": photo.media_type,
                "length": photo.file_size,
                "width": photo.width,
                "height": photo.height,
                "credit": photo.credit,
            }
        return {
            "title_lang": title.lang,
            "summary_lang": (lead or title).lang,
            "content_html": body.text,
            "content_lang": body.lang,
            "media": media,
        }


class ObjectReleaseFeed(ReleaseFeed):
    """The releases of one trip or topic that are out in the feed's language."""

    def newest_first(self, items):
        """The object's own index finds its releases, few next to the newsroom's, and
        they are sorted as they are. The time ranges of `newest_out` would make the
        database walk every release of the period instead (all of them, for a trip or
        topic with fewer releases than a feed carries)."""
        return items.order_by("-out_at", "-pk")[:MAX_ITEMS]

    def link(self, obj):
        return obj.get_absolute_url()


class TripReleaseFeed(ObjectReleaseFeed):
    """The releases of one public trip that are out in the feed's language."""

    def get_object(self, request, slug):
        return Visit.objects.published().get(slug=slug)

    def source(self, obj):
        return super().source(obj).filter(visit=obj)

    def title(self, obj):
        return gettext("Press releases on %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return translated_field(obj, "summary").text or self.title(obj)


class TopicReleaseFeed(ObjectReleaseFeed):
    """The releases on one topic that are out in the feed's language."""

    def get_object(self, request, slug):
        return Topic.objects.published().get(slug=slug)

    def source(self, obj):
        return super().source(obj).filter(topics=obj)

    def title(self, obj):
        return topic_feed(obj).title

    def description(self, obj):
        return translated_field(obj, "description").text or self.title(obj)


class TripCoverageFeed(NewsroomFeed):
    """What outside outlets wrote about one public trip, newest article first.

    An article keeps its own language: the entry's title is the headline as published when
    the article is in the feed's language or no translation exists, else the translated
    headline (with the pages' fallback), and the original headline heads the summary.
    """

    def get_object(self, request, slug):
        return Visit.objects.published().get(slug=slug)

    def source(self, obj):
        return Coverage.objects.published().filter(visit=obj)

    def items(self, obj):
        return self.source(obj).select_related("outlet")[:MAX_ITEMS]

    def title(self, obj):
        return gettext("News coverage of %(trip)s") % {"trip": translated_field(obj, "title").text}

    def description(self, obj):
        return gettext("Articles by news outlets about this trip, in their own languages.")

    def link(self, obj):
        return obj.get_absolute_url()

    def headline(self, item):
        """(text, language) of the title an entry shows."""
        if item.language != get_language():
            translation = translated_field(item, "translated_headline")
            if translation:
                return translation.text, translation.lang
        return item.headline, item.language

    def item_title(self, item):
        return self.headline(item)[0]

    def item_description(self, item):
        parts = []
        if self.headline(item)[1] != item.language:
            parts.append(format_html('<p lang="{}">{}</p>', item.language, item.headline))
        summary = translated_field(item, "translated_summary")
        if item.language == get_language() or not summary:
            if item.summary:
                parts.append(format_html('<p lang="{}">{}</p>', item.language, item.summary))
        else:
            parts.append(format_html('<p lang="{}">{}</p>', summary.lang, summary.text))
        outlet = translated_field(item.outlet, "name").text
        if href := safe_outside_url(item.url):
            parts.append(
                format_html(
                    '<p><a href="{}" hreflang="{}">{}</a></p>',
                    href,
                    item.language,
                    gettext("Read the article at %(outlet)s") % {"outlet": outlet},
                )
            )
        return "".join(parts)

    def item_author_name(self, item):
        outlet = translated_field(item.outlet, "name").text
        return f"{item.byline}, {outlet}" if item.byline else outlet

    def item_pubdate(self, item):
        """When the outlet published the article (Seoul time when the outlet gives one)."""
        moment = datetime.combine(item.published_on, item.published_time or time())
        return moment.replace(tzinfo=SEOUL)

    def item_extra_kwargs(self, item):
        lang = self.headline(item)[1]
        extra = {"title_lang": lang, "summary_lang": get_language()}
        if href := safe_outside_url(item.url):
            extra["related"] = {"url": href, "lang": item.language}
        return extra
