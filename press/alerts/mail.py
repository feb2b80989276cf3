"""The alert mail of one release to one subscriber: plain text and HTML, in the subscriber's
language, with the headers a mail client needs to unsubscribe in one click (RFC 8058).

Built without a request (a worker sends it): every link is absolute, from
``PRESSROOM_SITE_URL``. The text is what a reader of the subscriber's language sees on the
release page at the moment the mail is built (`visits.text.translated_field` falls back
only among the languages that are out), so a language not out yet never shows. The send
path (`press.alerts.sending`) decides whether to build it at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from visits.publishing import public_at
from visits.text import translated_field

from . import links

#: The templates of the two alternatives (the HTML one is written for mail clients: no
#: stylesheet, no script, nothing remote but the links).
TEXT_TEMPLATE = "press/alerts/mail/release.txt"
HTML_TEMPLATE = "press/alerts/mail/release.html"


def site_host() -> str:
    """The site's host name, without port: the domain of Message-IDs and of the List-Id."""
    return urlsplit(links.site_url()).hostname or "localhost"


def new_message_id() -> str:
    """A Message-ID in the site's domain, kept in the delivery row before the mail goes;
    short enough to stay on its header's line."""
    return f"<alert.{uuid.uuid4().hex}@{site_host()}>"


def list_id() -> str:
    """The List-Id (RFC 2919): the same for every alert, so a client can filter them."""
    return f"Seoul Newsroom alerts <alerts.{site_host()}>"


@dataclass(frozen=True)
class AlertText:
    """What the mail says, in one language."""

    language: str
    subject: str
    title: str
    lead: str
    release_url: str
    trip: str
    caption: str
    credit: str
    manage_url: str
    unsubscribe_url: str


def lead_photo(release):
    """The release's lead photo, or None (one query, unless prefetched as ``lead_items``)."""
    items = getattr(release, "lead_items", None)
    if items is None:
        item = release.gallery.filter(is_lead=True).select_related("photo").first()
        return item.photo if item else None
    return items[0].photo if items else None


def alert_text(subscriber, release) -> AlertText:
    """The mail's words in the subscriber's language (call inside its translation)."""
    language = subscriber.language
    photo = lead_photo(release)
    caption = translated_field(photo, "caption").text if photo else ""
    credit = gettext("Photo: %(credit)s") % {"credit": photo.credit} if photo else ""
    title = translated_field(release, "title").text
    trip = release.visit if release.visit_id else None
    if trip is not None and not public_at(trip.status, trip.published_at, timezone.now()):
        trip = None  # a trip still under embargo is not named
    return AlertText(
        language=language,
        subject=" ".join(title.split()),  # a header holds no line breaks
        title=title,
        lead=translated_field(release, "lead").text,
        release_url=links.site_url() + release.get_absolute_url(),
        trip=translated_field(trip, "title").text,
        caption=caption,
        credit=credit,
        manage_url=links.url(subscriber, "manage"),
        unsubscribe_url=links.url(subscriber, "unsubscribe"),
    )


def alert_message(subscriber, release, *, message_id: str = "", connection=None):
    """The alert of ``release`` for ``subscriber``, ready to send (an
    `EmailMultiAlternatives`: plain text, with the HTML alternative)."""
    with translation.override(subscriber.language):
        text = alert_text(subscriber, release)
        context = {"alert": text, "office": gettext("Seoul Metropolitan Government")}
        plain = render_to_string(TEXT_TEMPLATE, context)
        html = render_to_string(HTML_TEMPLATE, context)
    headers = {
        "Message-ID": message_id or new_message_id(),
        "List-Id": list_id(),
        "List-Unsubscribe": f"<{text.unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": subscriber.language,
        # RFC 3834: no vacation replies to a machine's mail.
        "Auto-Submitted": "auto-generated",
    }
    message = EmailMultiAlternatives(
        subject=text.subject,
        body=plain,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
