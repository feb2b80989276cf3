"""A YouTube video's poster, fetched by the server, never by a reader's browser.

A YouTube link saved without a poster gets one on the task queue
(`press.tasks.fetch_video_poster`): YouTube's own still (``PRESSROOM_VIDEO_POSTER_URL``)
is fetched through the link checker's client (`press.linkcheck.fetch`: its network rule,
time-outs, size cap and User-Agent), checked and re-encoded as every uploaded image is
(`press.images.clean_upload`) and stored as the video's poster, served from our own
media. So the card still makes no request to YouTube; the server's one request says
nothing about any reader. An editor's own poster is never replaced. Anything that goes
wrong (no still, a refused host, an answer that is not an image) leaves the video with
its plain card, logged at INFO.

Off when ``PRESSROOM_VIDEO_POSTER_FETCH`` is False (the tests, which never use the
network). Must not import the admin or the views.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from . import video_links
from .images import clean_upload

logger = logging.getLogger(__name__)


def wanted(video) -> bool:
    """Whether ``video`` should have its poster fetched."""
    return bool(
        getattr(settings, "PRESSROOM_VIDEO_POSTER_FETCH", False)
        and getattr(settings, "PRESSROOM_VIDEO_POSTER_URL", "")
        and video.provider == video_links.YOUTUBE
        and video_links.YOUTUBE_ID.fullmatch(video.video_id or "")
        and not video.poster
    )


def still_url(video) -> str:
    return settings.PRESSROOM_VIDEO_POSTER_URL.format(id=video.video_id)


def fetch_poster(video) -> bool:
    """Fetch, check and store the poster of ``video``; True when one was stored."""
    from .linkcheck.fetch import decoded, request
    from .linkcheck.network import CheckError

    if not wanted(video):
        return False
    url = still_url(video)
    try:
        answer = request("GET", url)
    except CheckError as error:
        logger.info("No poster for press.Video #%s from %s: %s", video.pk, url, error)
        return False
    body = decoded(answer) if answer.status == 200 else b""
    if not body:
        logger.info("No poster for press.Video #%s: %s answered %s", video.pk, url, answer.status)
        return False
    try:
        cleaned = clean_upload(ContentFile(body, name=f"{video.video_id}.jpg"))
    except ValidationError as error:
        logger.info("No poster for press.Video #%s: %s", video.pk, "; ".join(error.messages))
        return False
    # Stored only if an editor has not given one meanwhile.
    current = type(video)._base_manager.filter(pk=video.pk).values_list("poster", flat=True)
    if any(current):
        return False
    video.poster = cleaned.content
    video.save(update_fields=["poster", "poster_width", "poster_height"])
    return True
