"""The signed links of alert mail: confirm (expires), manage and unsubscribe (kept as long as
the subscription: they are in every mail ever sent).

A link carries the subscriber's `key`, signed with its purpose, never the address: a
confirm link cannot unsubscribe, a tampered or foreign link is refused. Links are built
without a request (a worker sends the mail), from ``PRESSROOM_SITE_URL``; the paths are
``/<language>/alerts/<purpose>/<token>/`` (press/urls.py routes them; a test checks that
the two agree).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

#: What a link may do; each purpose signs with its own salt.
PURPOSES = ("confirm", "manage", "unsubscribe")

#: How long a confirmation link works, in seconds (``PRESSROOM_ALERT_CONFIRM_MAX_AGE``).
CONFIRM_MAX_AGE = 3 * 24 * 3600


def _signer(purpose: str) -> signing.TimestampSigner:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown link purpose {purpose!r}")
    return signing.TimestampSigner(salt=f"press.alerts.{purpose}")


def make_token(subscriber, purpose: str) -> str:
    return _signer(purpose).sign(subscriber.key.hex)


def read_token(token: str, purpose: str):
    """The `Subscriber` a token of ``purpose`` names, or None when it is tampered with, of
    another purpose, expired (confirm links) or names no subscriber any more."""
    from press.models import Subscriber

    max_age = None
    if purpose == "confirm":
        max_age = getattr(settings, "PRESSROOM_ALERT_CONFIRM_MAX_AGE", CONFIRM_MAX_AGE)
    try:
        key = _signer(purpose).unsign(str(token), max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return Subscriber.objects.filter(key=key).first() if len(key) == 32 else None


def site_url() -> str:
    return getattr(settings, "PRESSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def path(subscriber, purpose: str, language: str | None = None) -> str:
    return f"/{language or subscriber.language}/alerts/{purpose}/{make_token(subscriber, purpose)}/"


def url(subscriber, purpose: str, language: str | None = None) -> str:
    """The absolute link of ``purpose`` for ``subscriber``, in their language by default."""
    return site_url() + path(subscriber, purpose, language)
