"""The mail of the subscribe form, sent by a worker (`visits.tasks`): the confirmation
mail (double opt-in, with a link that expires) and "you are already subscribed" (with the
manage link), each in plain text and HTML, in the subscriber's language, from
``DEFAULT_FROM_EMAIL``.

Each task reads the subscription afresh and sends nothing when the mail no longer fits
it (confirmed, stopped or suppressed meanwhile). Must not import the views or the admin.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from visits.tasks import object_task

from . import links

# Translated in the subscriber's language when the mail is rendered.
CONFIRM_SUBJECT = gettext_noop("Confirm your press release alerts")
ALREADY_SUBJECT = gettext_noop("You are already subscribed to press release alerts")


def confirm_days() -> int:
    """How many days a confirmation link works, rounded up."""
    max_age = getattr(settings, "PRESSROOM_ALERT_CONFIRM_MAX_AGE", links.CONFIRM_MAX_AGE)
    return max(1, -(-int(max_age) // 86400))


def _send(subscriber, subject: str, template: str, context: dict) -> None:
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "subscribe_url": links.site_url() + reverse("press:alerts"),
            **context,
        }
        subject = gettext(subject)
        text = render_to_string(f"press/alerts/mail/{template}.txt", context)
        html = render_to_string(f"press/alerts/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject, text, from_email=settings.DEFAULT_FROM_EMAIL, to=[subscriber.email]
    )
    message.attach_alternative(html, "text/html")
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.send()


def _may_mail(subscriber) -> bool:
    from ..models import SuppressedAddress

    return subscriber.stopped_at is None and not SuppressedAddress.is_suppressed(subscriber.email)


@object_task("press.Subscriber")
def send_confirmation(subscriber) -> bool:
    """The confirmation mail, unless the subscription is confirmed or stopped meanwhile."""
    if subscriber.confirmed_at is not None or not _may_mail(subscriber):
        return False
    _send(
        subscriber,
        CONFIRM_SUBJECT,
        "confirm",
        {"confirm_url": links.url(subscriber, "confirm"), "days": confirm_days()},
    )
    return True


@object_task("press.Subscriber")
def send_already_subscribed(subscriber) -> bool:
    """ "You are already subscribed", with the manage link, to a confirmed subscriber."""
    if subscriber.confirmed_at is None or not _may_mail(subscriber):
        return False
    _send(
        subscriber,
        ALREADY_SUBJECT,
        "already",
        {
            "manage_url": links.url(subscriber, "manage"),
            "unsubscribe_url": links.url(subscriber, "unsubscribe"),
        },
    )
    return True
