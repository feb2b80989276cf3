"""The feeds a page advertises (`FeedLink`: a title and its RSS, Atom and JSON Feed
addresses)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext

from visits.models import Visit
from visits.text import translated_field

from ..models import PressRelease, Topic
from .formats import FORMATS


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page advertises it: a title and its three formats."""

    title: str
    rss: str
    atom: str
    json: str
    description: str = ""


def feed_link(name: str, title: str, description: str = "", **kwargs) -> FeedLink:
    urls = {fmt: reverse(f"press:{name}_{fmt}", kwargs=kwargs or None) for fmt in FORMATS}
    return FeedLink(title, urls["rss"], urls["atom"], urls["json"], description)


def site_feed() -> FeedLink:
    return feed_link(
        "release_feed",
        gettext("All press releases"),
        gettext("Every press release published in this language, newest first."),
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
            gettext(
                "Articles by news outlets about this trip, each in its own language; an "
                "article with a headline translated into this language comes under it, "
                "its original headline first in the summary."
            ),
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
