"""What the public alert pages do to a subscription: subscribe (double opt-in), confirm,
change, stop. The pages (`press.alerts.views`) call these; mail is queued, never sent in
the request (`press.alerts.confirmation`).

`subscribe` runs in a worker (`press.alerts.tasks.subscribe`), never in the request: the
subscribe page validates the form, counts the flood limit and queues the one task with
the form's choices, the same work and the same answer whatever the address's state, so
nobody learns from the page, nor from how long it takes, whether an address is
subscribed. What differs is only the mail, which reaches the address's owner alone:

* a new address: an unconfirmed subscription and a confirmation mail;
* waiting for confirmation: its choices replaced, the confirmation mail sent again;
* confirmed: nothing changed, a mail "you are already subscribed" with the manage link;
* stopped: back to unconfirmed with the new choices (and a new key: the links of the old
  subscription's mail stop working), and a confirmation mail;
* suppressed (bounced, complained, or by the office): nothing at all.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from visits.models import Visit
from visits.tasks import enqueue_on_commit

from ..models import Subscriber, SuppressedAddress, Topic, normalise_address
from ..models.fields import new_key
from . import confirmation

NEW, WAITING, SUBSCRIBED, RESTARTED, SUPPRESSED = (
    "new",
    "waiting",
    "subscribed",
    "restarted",
    "suppressed",
)


def set_choices(subscriber, *, language, everything, trips, topics) -> None:
    subscriber.language = language
    subscriber.everything = everything
    subscriber.save()
    subscriber.trips.set(trips)
    subscriber.topics.set(topics)


@transaction.atomic
def subscribe(*, email: str, language: str, everything: bool, trips, topics) -> str:
    """Ask for alerts to ``email`` (``trips`` and ``topics`` are ids; those no longer
    public since the form was sent are left out); returns which case it was (for logs and
    tests, never for the reader)."""
    email = normalise_address(email)
    if SuppressedAddress.is_suppressed(email):
        return SUPPRESSED
    trips = list(Visit.objects.published().filter(pk__in=list(trips or ())))
    topics = list(Topic.objects.published().filter(pk__in=list(topics or ())))
    choices = {"language": language, "everything": everything, "trips": trips, "topics": topics}
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber(email=email)
                set_choices(subscriber, **choices)
            outcome = NEW
        except IntegrityError:  # the same address sent twice at once: the other one won
            subscriber = Subscriber.objects.select_for_update().get(email=email)
            outcome = WAITING
            set_choices(subscriber, **choices)
    elif subscriber.stopped_at is not None:
        subscriber.stopped_at = subscriber.confirmed_at = None
        subscriber.key = new_key()
        set_choices(subscriber, **choices)
        outcome = RESTARTED
    elif subscriber.confirmed_at is not None:
        enqueue_on_commit(confirmation.send_already_subscribed, subscriber.pk)
        return SUBSCRIBED
    else:
        set_choices(subscriber, **choices)
        outcome = WAITING
    enqueue_on_commit(confirmation.send_confirmation, subscriber.pk)
    return outcome


def confirm(subscriber) -> bool:
    """Confirm the subscription (again: nothing changes); False when it was stopped since
    the link was sent, which the link can no longer undo."""
    if subscriber.stopped_at is not None:
        return False
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        subscriber.refresh_from_db(fields=["confirmed_at"])
    return True


def change(subscriber, *, language, everything, trips, topics) -> None:
    with transaction.atomic():
        set_choices(
            subscriber, language=language, everything=everything, trips=trips, topics=topics
        )


def stop(subscriber) -> None:
    """Stop the mail (again: nothing changes, the first time is kept)."""
    Subscriber.objects.filter(pk=subscriber.pk, stopped_at__isnull=True).update(
        stopped_at=timezone.now()
    )
    subscriber.refresh_from_db(fields=["stopped_at"])
