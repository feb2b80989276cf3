"""Video links: which addresses are videos the newsroom links to, and the one canonical
watch address of each.

Only YouTube (``youtube.com``, ``youtu.be``, Shorts, live and embed addresses), Vimeo and
the city's own channel hosts (``PRESSROOM_VIDEO_HOSTS``) are videos; anything else is
refused with a message that says so. Hosts are compared whole, after the address is
split as a browser splits it, so ``youtube.com.evil.example``, ``evil.example/youtube.com``
and ``youtube.com@evil.example`` are not YouTube. A page or feed only ever links to the
canonical address built here from the provider and the video's id (`watch_url`), never to
what an editor typed.

Holds no model; imports nothing of ``press`` (the model, the admin and the pages use it).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE, VIMEO, CITY = "youtube", "vimeo", "city"

YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
    | {"youtube-nocookie.com", "www.youtube-nocookie.com"}
)
YOUTU_BE = "youtu.be"
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"})

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")
#: What a path on the city's channel may hold (kept as typed; percent-escapes allowed).
CITY_PATH = re.compile(r"/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,250}")
CITY_QUERY = re.compile(r"[A-Za-z0-9._~!$'()*+,;=:@%/?&-]{0,200}")
#: Control characters and whitespace anywhere: a browser drops tabs and newlines inside
#: an address, so "java\tscript:" would be "javascript:".
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\\]")

REFUSED = _(
    "This is not a video address we link to: give a YouTube or Vimeo address (or one on "
    "the city's own video channel), starting with https://."
)


@dataclass(frozen=True)
class VideoLink:
    provider: str
    video_id: str

    @property
    def url(self) -> str:
        return watch_url(self.provider, self.video_id)


def city_hosts() -> frozenset[str]:
    return frozenset(
        host.strip().lower().rstrip(".") for host in getattr(settings, "PRESSROOM_VIDEO_HOSTS", ())
    )


def watch_url(provider: str, video_id: str) -> str:
    """The canonical address a reader follows; "" for anything not a valid link (a row a
    script or a restore saved without the model's checks)."""
    if provider == YOUTUBE and YOUTUBE_ID.fullmatch(video_id or ""):
        return f"https://www.youtube.com/watch?v={video_id}"
    if provider == VIMEO:
        number, _slash, secret = (video_id or "").partition("/")
        if VIMEO_ID.fullmatch(number) and (not secret or VIMEO_HASH.fullmatch(secret)):
            return f"https://vimeo.com/{video_id}"
        return ""
    if provider == CITY:
        host, _slash, rest = (video_id or "").partition("/")
        path, _mark, query = f"/{rest}".partition("?")
        if host in city_hosts() and CITY_PATH.fullmatch(path) and CITY_QUERY.fullmatch(query):
            return f"https://{video_id}"
    return ""


def parse(text) -> VideoLink:
    """The provider and id of a video address, or `ValidationError` with `REFUSED`."""
    if not isinstance(text, str):
        raise ValidationError(REFUSED, code="not_video")
    text = text.strip()
    if not text or UNSAFE.search(text) or len(text) > 500:
        raise ValidationError(REFUSED, code="not_video")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValidationError(REFUSED, code="not_video") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(REFUSED, code="not_video")
    # Userinfo ("youtube.com@evil.example") and ports are never on a real video address.
    if "@" in parts.netloc or port is not None or parts.netloc.endswith(":"):
        raise ValidationError(REFUSED, code="not_video")
    host = (parts.hostname or "").rstrip(".")
    if not host.isascii():
        raise ValidationError(REFUSED, code="not_video")
    link = _youtube(host, parts) or _vimeo(host, parts) or _city(host, parts)
    if link is None or not link.url:
        raise ValidationError(REFUSED, code="not_video")
    return link


def _youtube(host, parts) -> VideoLink | None:
    segments = [s for s in parts.path.split("/") if s]
    candidate = None
    if host == YOUTU_BE and len(segments) == 1:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS:
        if segments == ["watch"]:
            values = parse_qs(parts.query).get("v", [])
            candidate = values[0] if len(values) == 1 else None
        elif len(segments) == 2 and segments[0] in ("shorts", "embed", "live", "v"):
            candidate = segments[1]
    if candidate and YOUTUBE_ID.fullmatch(candidate):
        return VideoLink(YOUTUBE, candidate)
    return None


def _vimeo(host, parts) -> VideoLink | None:
    if host not in VIMEO_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if host == "player.vimeo.com":
        if len(segments) != 2 or segments[0] != "video":
            return None
        segments = segments[1:]
        secret = parse_qs(parts.query).get("h", [""])[0]
        if secret:
            segments.append(secret)
    if not segments or not VIMEO_ID.fullmatch(segments[0]) or len(segments) > 2:
        return None
    if len(segments) == 2 and not VIMEO_HASH.fullmatch(segments[1]):
        return None
    return VideoLink(VIMEO, "/".join(segments))


def _city(host, parts) -> VideoLink | None:
    if host not in city_hosts() or parts.scheme.lower() != "https":
        return None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    video_id = host + path + (f"?{parts.query}" if parts.query else "")
    return VideoLink(CITY, video_id)


def provider_name(provider: str, video_id: str = "") -> str:
    """What readers know the site as: YouTube, Vimeo, or the channel's host name."""
    if provider == YOUTUBE:
        return "YouTube"
    if provider == VIMEO:
        return "Vimeo"
    return (video_id or "").partition("/")[0]
