"""What the mail provider reports back (anymail's ``tracking`` signal, from its webhooks
under /anymail/): an address that bounced, complained, was rejected or unsubscribed at the
provider is suppressed, and no alert goes to it again (`Subscriber.objects.receiving`
leaves it out; `press.alerts.sending` checks again before each mail).

Connected in ``PressConfig.ready``.
"""

from __future__ import annotations

import logging

from anymail.signals import EventType

from ..models import SuppressedAddress, SuppressionReason

logger = logging.getLogger(__name__)

#: The provider's events that stop mail to an address, and the reason recorded.
STOPPING = {
    EventType.BOUNCED: SuppressionReason.BOUNCED,
    EventType.REJECTED: SuppressionReason.BOUNCED,
    EventType.COMPLAINED: SuppressionReason.COMPLAINED,
    EventType.UNSUBSCRIBED: SuppressionReason.UNSUBSCRIBED,
}


def suppress_on_tracking(sender, event, esp_name, **kwargs):
    """anymail's ``tracking`` receiver: suppress the event's recipient when it stops mail.
    A soft bounce counts: the providers report it only after their own retries."""
    reason = STOPPING.get(event.event_type)
    if reason is None or not event.recipient:
        return
    detail = " ".join(
        part
        for part in (esp_name, event.event_type, event.reject_reason, event.description)
        if part
    )[:2000]
    SuppressedAddress.suppress(event.recipient, reason, detail)
    logger.info("Mail to an address stopped: %s reported %s.", esp_name, event.event_type)
