"""``{% page_videos item as videos %}``: the videos a release, trip or event page shows, in
one query, each as a card that links out (`templates/press/includes/videos.html`).

Public pages show ``published()`` videos only; a preview (staff's, or a shared preview
link's) shows the item's own; a withdrawn release shows none (its photos go with it too)."""

from dataclasses import dataclass

from django import template

from visits.text import Translated, translated_field

from ..models import Video

register = template.Library()


@dataclass(frozen=True)
class VideoCard:
    video: Video
    title: Translated
    caption: Translated
    poster_alt: Translated
    url: str
    provider: str
    duration: str
    duration_iso: str


def clock(seconds: int) -> str:
    """3:25, or 1:02:05 for an hour or more."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def card(video: Video) -> VideoCard:
    seconds = int(video.duration.total_seconds()) if video.duration else 0
    return VideoCard(
        video=video,
        title=translated_field(video, "title"),
        caption=translated_field(video, "caption"),
        poster_alt=translated_field(video, "poster_alt"),
        url=video.watch_url,
        provider=video.provider_name,
        duration=clock(seconds) if seconds else "",
        duration_iso=f"PT{seconds}S" if seconds else "",
    )


@register.simple_tag(takes_context=True)
def page_videos(context, item) -> list[VideoCard]:
    if item is None or context.get("withdrawn"):
        return []
    # A preview (staff's, or a shared link's) shows the draft's videos, as its photos.
    preview = context.get("preview") or context.get("shared_preview")
    videos = item.videos.all() if preview else item.videos.published()
    # A row a script saved without the checks has no watch address: it is left out.
    return [c for c in map(card, videos.order_by("order", "pk")) if c.url]
