"""Sending alerts: which releases go to whom (`dispatch`), and the sending of one alert
(`send_delivery`), each release to each subscriber exactly once.

A release goes out in a language at its minute with no save (`visibility.out_at`, the
feeds' rule), so nothing is sent *by* a save. `dispatch` looks, at any moment, for the
releases that went out in each language lately and the receiving subscribers of that
language who follow them and have no delivery row for them yet, writes the rows (the
unique pair of subscriber and release holds once) and queues one `send_alert` task per row. It
runs every minute (``manage.py send_alerts``, from a timer) and, where the queue can defer
tasks, at the very minute a release or a language was scheduled for (`schedule_dispatch`,
the change pipeline's watcher): whichever comes first finds the rows to write, the other
finds them written.

`send_delivery` claims its row (queued → sending, one UPDATE: one worker wins, a second
worker or a task queued twice finds it taken), checks again that the mail may go, sends it
through Django's email backend and records the outcome. A row left "sending" by a worker
that died is never sent again: an alert possibly sent twice is worse than one lost.

Imports the models and `visits.tasks`; must not import the views or the admin.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from visits.text import LANGUAGE_CODES

from ..models import AlertDelivery, DeliveryStatus, PressRelease, Subscriber, language_time_field
from . import mail

logger = logging.getLogger(__name__)

#: How far back `dispatch` looks for releases that went out (``PRESSROOM_ALERT_LOOKBACK``,
#: seconds): long enough to cover a timer or queue that stopped for a while, short enough
#: that a release of last month never starts to go out.
LOOKBACK = 24 * 3600
#: A queued row whose task has not claimed it after this long is queued again (its task
#: was lost: the queue could not be reached); claiming makes a second task harmless.
REQUEUE_AFTER = timedelta(minutes=5)
REQUEUE_WINDOW = timedelta(minutes=2)
#: Rows are written and read back this many subscribers at a time (SQLite's limit on a
#: statement's parameters is far above it).
BATCH = 500
#: Sending is tried this many times more after a failure that may pass (a connection
#: refused or dropped, the provider's API down), ``BACKOFF`` seconds later, then twice
#: that (as `visits.tasks.object_task`).
RETRIES = 2
BACKOFF = 1.0


def lookback() -> timedelta:
    return timedelta(seconds=getattr(settings, "PRESSROOM_ALERT_LOOKBACK", LOOKBACK))


# --- which alerts are due -----------------------------------------------------------------


@dataclass
class Dispatched:
    """What one `dispatch` did: per language, the releases looked at and the rows written;
    and the ids of the rows whose send task was queued."""

    releases: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    queued: list[int] = field(default_factory=list)
    requeued: int = 0


def recent_out(code: str, now, since):
    """Releases out in ``code`` now (``out_in``) that went out in it after ``since`` and by
    ``now``, each with its ``out_at``. The time indexes find them: a release that went out
    after ``since`` has its own time or the language's after it."""
    own = language_time_field(code)
    return (
        PressRelease.objects.out_in(code)
        .filter(Q(published_at__gt=since) | Q(**{f"{own}__gt": since}))
        .language_times(code)
        .filter(out_at__gt=since, out_at__lte=now)
        .only("pk", "visit_id")
        .order_by("out_at", "pk")
    )


def due_subscribers(release, code: str):
    """Subscribers of ``code`` who get ``release`` and have no row for it yet: receiving,
    following it, and confirmed by the time it went out (a new subscriber is not sent
    the releases of the day before)."""
    return (
        Subscriber.objects.following(release)
        .filter(language=code, confirmed_at__lte=release.out_at)
        .exclude(pk__in=AlertDelivery.objects.filter(release=release).values("subscriber"))
    )


def write_rows(release, code: str, ids: list) -> list[int]:
    """Write the rows of ``release`` in ``code`` for the subscribers ``ids`` and queue a
    send task for each row still queued among them; returns their ids."""
    from visits.tasks import enqueue_on_commit

    from .tasks import send_alert

    AlertDelivery.objects.bulk_create(
        [AlertDelivery(subscriber_id=pk, release=release, language=code) for pk in ids],
        ignore_conflicts=True,  # another dispatch wrote some meanwhile: theirs stand
    )
    rows = list(
        AlertDelivery.objects.filter(
            release=release, subscriber_id__in=ids, status=DeliveryStatus.QUEUED
        ).values_list("pk", flat=True)
    )
    for pk in rows:
        enqueue_on_commit(send_alert, pk)
    return rows


def dispatch(now=None, *, progress=None) -> Dispatched:
    """Write the delivery rows of every alert now due and queue their send tasks (after
    the commit, when called in a transaction). ``now`` (default: the present) may only
    narrow what is due: a release not out at the present is never sent. ``progress(code,
    releases, written)`` hears of each language."""
    from visits.tasks import enqueue_on_commit

    from .tasks import send_alert

    now = timezone.now() if now is None else now
    since = now - lookback()
    done = Dispatched()
    for code in LANGUAGE_CODES:
        releases = list(recent_out(code, now, since))
        written = 0
        for release in releases:
            ids = list(due_subscribers(release, code).values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                done.queued += write_rows(release, code, ids[start : start + BATCH])
            written += len(ids)
        done.releases[code], done.written[code] = len(releases), written
        if progress:
            progress(code, len(releases), written)
    # A task lost on the way to the queue leaves its row queued: queued again once, in the
    # first minutes after REQUEUE_AFTER (rows waiting for busy or stopped workers still have
    # their tasks in the queue, and are not given more each minute).
    lost = AlertDelivery.objects.filter(
        status=DeliveryStatus.QUEUED,
        created_at__lt=now - REQUEUE_AFTER,
        created_at__gte=now - REQUEUE_AFTER - REQUEUE_WINDOW,
    )
    for pk in lost.values_list("pk", flat=True):
        enqueue_on_commit(send_alert, pk)
        done.requeued += 1
    return done


# --- sending one ------------------------------------------------------------------------


def claim(delivery_id: int) -> bool:
    """Take the row for this worker: queued → sending, with the Message-ID the mail will
    carry. One UPDATE, so of two workers (or two tasks for the row) only one gets True."""
    return bool(
        AlertDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, message_id=mail.new_message_id()
        )
    )


def why_not(delivery) -> str:
    """Why the claimed alert must not go after all ("" when it may): the subscriber
    stopped, was suppressed or no longer follows the release, or the release is no longer
    out in their language (withdrawn, taken back to draft)."""
    subscriber, release = delivery.subscriber, delivery.release
    if not Subscriber.objects.following(release).filter(pk=subscriber.pk).exists():
        return "The subscriber no longer receives this release (stopped, suppressed or unfollowed)."
    if not PressRelease.objects.out_in(subscriber.language).filter(pk=release.pk).exists():
        return f"The release is not out in {subscriber.language}."
    return ""


def may_pass(error: Exception) -> bool:
    """A failure worth trying again: the connection, not the message or the address."""
    from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

    if isinstance(error, smtplib.SMTPRecipientsRefused | AnymailRecipientsRefused):
        return False
    return isinstance(error, OSError | smtplib.SMTPException | AnymailAPIError)


def send_delivery(delivery_id: int) -> str:
    """Send the alert of one delivery row if this call claims it; returns the row's new
    status, or "taken" when another worker has it (or had it)."""
    if not claim(delivery_id):
        return "taken"
    rows = AlertDelivery.objects.filter(pk=delivery_id)
    delivery = rows.select_related("subscriber", "release__visit").first()
    if delivery is None:  # deleted with its subscriber or release meanwhile
        return "taken"
    reason = why_not(delivery)
    if reason:
        rows.update(status=DeliveryStatus.SKIPPED, error=reason)
        return DeliveryStatus.SKIPPED
    message = mail.alert_message(
        delivery.subscriber, delivery.release, message_id=delivery.message_id
    )
    for attempt in range(1, RETRIES + 2):
        try:
            message.send()
            break
        except Exception as error:
            if attempt > RETRIES or not may_pass(error):
                logger.error(
                    "The alert of release #%s to subscriber #%s failed after %d attempt%s.",
                    delivery.release_id,
                    delivery.subscriber_id,
                    attempt,
                    "" if attempt == 1 else "s",
                    exc_info=True,
                )
                rows.update(
                    status=DeliveryStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
                )
                return DeliveryStatus.FAILED
            delay = BACKOFF * 2 ** (attempt - 1)
            logger.warning(
                "The alert of release #%s to subscriber #%s failed (%s); trying again in %.0f s.",
                delivery.release_id,
                delivery.subscriber_id,
                error,
                delay,
            )
            time.sleep(delay)
    rows.update(status=DeliveryStatus.SENT, sent_at=timezone.now(), error="")
    return DeliveryStatus.SENT


def stuck():
    """Rows queued more than an hour ago and still being sent (a claim comes seconds after
    the row): their worker died between the claim and the outcome, and whether the mail
    left is unknown."""
    return AlertDelivery.objects.filter(
        status=DeliveryStatus.SENDING, created_at__lt=timezone.now() - timedelta(hours=1)
    )


def send_queued(ids=None, *, progress=None) -> dict:
    """Send, in this process, every queued row (or those of ``ids``) that this call
    claims: the command's ``--send``, for when no worker runs. Returns counts by outcome."""
    rows = AlertDelivery.objects.filter(status=DeliveryStatus.QUEUED)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    pks = list(rows.order_by("pk").values_list("pk", flat=True))
    outcomes: dict[str, int] = {}
    for index, pk in enumerate(pks, 1):
        outcome = send_delivery(pk)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if progress:
            progress(index, len(pks))
    return outcomes


# --- dispatch at the minute ----------------------------------------------------------------


def schedule_dispatch(change, instance):
    """The change pipeline's watcher (``PressConfig.ready``): a release saved approved
    with a language going out ahead gets a `dispatch_alerts` task queued (on commit) to run
    at that minute, where the queue can defer tasks; one going out now gets one at once.
    ``send_alerts`` every minute is the safety net (a release rescheduled later finds
    nothing due when the early task runs)."""
    from visits.changes import SAVED
    from visits.publishing import APPROVED
    from visits.tasks import enqueue_on_commit

    from ..models import visibility
    from .tasks import dispatch_alerts

    if change.kind != SAVED or change.model is not PressRelease or instance is None:
        return ()
    if instance.status not in APPROVED:
        return ()
    now = timezone.now()
    times = {visibility.out_at(instance, code) for code in LANGUAGE_CODES} - {None}
    defer = dispatch_alerts.get_backend().supports_defer
    for at in sorted(times):
        if at > now and defer:
            enqueue_on_commit(dispatch_alerts.using(run_after=at))
        elif now - timedelta(minutes=1) <= at <= now:
            enqueue_on_commit(dispatch_alerts)
    return ()
