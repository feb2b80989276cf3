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
worker or a task queued twice finds it taken), checks again that the mail may go, opens the
connection to the mail server, sends it through Django's email backend and records the
outcome. Only a failure to open the connection is tried again (nothing has left then): a
few seconds later in the task, then the row goes back to the queue with a retry time and
`dispatch` queues it again at that time (`RETRY_DELAYS`), until it is given up. A failure
while or after sending may have come after the server took the mail, and a row left
"sending" by a worker that died is never sent again: an alert possibly sent twice is worse
than one lost.

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
from ..models.alerts import REQUEUE_AFTER  # noqa: F401 (the rule lives with the row)
from . import mail

logger = logging.getLogger(__name__)

#: How far back `dispatch` looks for releases that went out (``PRESSROOM_ALERT_LOOKBACK``,
#: seconds): long enough to cover a timer or queue that stopped for a while, short enough
#: that a release of last month never starts to go out.
LOOKBACK = 24 * 3600
#: Rows are written and read back this many subscribers at a time (SQLite's limit on a
#: statement's parameters is far above it).
BATCH = 500
#: Opening the connection is tried this many times more in the task after a failure
#: (refused, timed out), ``BACKOFF`` seconds later, then twice that (as
#: `visits.tasks.object_task`)...
RETRIES = 2
BACKOFF = 1.0
#: ...then the row is queued again after each of these delays in turn, and given up
#: (failed) when the server still cannot be reached after the last.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=60),
)


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
    # Rows still queued at their retry time (`REQUEUE_AFTER` after being written, or one
    # of `RETRY_DELAYS` after the mail server could not be reached): their task was lost
    # on the way to the queue, or the server is to be tried again. Each is queued again
    # once per retry time (the UPDATE clears it: another dispatch finds it cleared).
    due = AlertDelivery.objects.filter(status=DeliveryStatus.QUEUED, retry_at__lte=now)
    for pk, at in due.values_list("pk", "retry_at"):
        if AlertDelivery.objects.filter(pk=pk, retry_at=at).update(retry_at=None):
            enqueue_on_commit(send_alert, pk)
            done.requeued += 1
    return done


# --- sending one ------------------------------------------------------------------------


def claim(delivery_id: int) -> bool:
    """Take the row for this worker: queued → sending, with the Message-ID the mail will
    carry. One UPDATE, so of two workers (or two tasks for the row) only one gets True."""
    return bool(
        AlertDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING,
            message_id=mail.new_message_id(),
            claimed_at=timezone.now(),
            retry_at=None,
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
    """A failure to open the connection worth trying again: the server refused it, timed
    out or dropped it, or refused the login (nothing was sent yet)."""
    return isinstance(error, OSError | smtplib.SMTPException)


def fail(rows, delivery, error, attempts: int = 1) -> str:
    logger.error(
        "The alert of release #%s to subscriber #%s failed after %d attempt%s.",
        delivery.release_id,
        delivery.subscriber_id,
        attempts,
        "" if attempts == 1 else "s",
        exc_info=error,
    )
    rows.update(status=DeliveryStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
    return DeliveryStatus.FAILED


def open_connection(delivery):
    """The email backend's connection, opened (tried ``RETRIES`` more times after a
    failure that may pass); the last error when it cannot be opened."""
    from django.core.mail import get_connection

    for attempt in range(1, RETRIES + 2):
        connection = get_connection()
        try:
            connection.open()
            return connection, None
        except Exception as error:
            if attempt > RETRIES or not may_pass(error):
                return None, error
            delay = BACKOFF * 2 ** (attempt - 1)
            logger.warning(
                "The mail server could not be reached for the alert of release #%s to "
                "subscriber #%s (%s); trying again in %.0f s.",
                delivery.release_id,
                delivery.subscriber_id,
                error,
                delay,
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


def try_later(rows, delivery, error) -> str:
    """The mail server could not be reached: back to the queue with a retry time, or
    failed after the last of `RETRY_DELAYS`."""
    attempts = delivery.attempts + 1
    if not may_pass(error) or attempts > len(RETRY_DELAYS):
        rows.update(attempts=attempts)
        return fail(rows, delivery, error, attempts)
    retry_at = timezone.now() + RETRY_DELAYS[attempts - 1]
    logger.warning(
        "The alert of release #%s to subscriber #%s waits until %s: %s",
        delivery.release_id,
        delivery.subscriber_id,
        retry_at.isoformat(),
        error,
    )
    rows.update(
        status=DeliveryStatus.QUEUED,
        attempts=attempts,
        retry_at=retry_at,
        claimed_at=None,
        error=f"{type(error).__name__}: {error}"[:2000],
    )
    return DeliveryStatus.QUEUED


def send_delivery(delivery_id: int) -> str:
    """Send the alert of one delivery row if this call claims it; returns the row's new
    status, or "taken" when another worker has it (or had it)."""
    if not claim(delivery_id):
        return "taken"
    rows = AlertDelivery.objects.filter(pk=delivery_id)
    delivery = rows.select_related("subscriber", "release__visit").first()
    if delivery is None:  # deleted with its subscriber or release meanwhile
        return "taken"
    try:
        reason = why_not(delivery)
        if reason:
            rows.update(status=DeliveryStatus.SKIPPED, error=reason)
            return DeliveryStatus.SKIPPED
        message = mail.alert_message(
            delivery.subscriber, delivery.release, message_id=delivery.message_id
        )
    except Exception as error:  # a row is never left "sending" by a mail not even built
        return fail(rows, delivery, error)
    connection, error = open_connection(delivery)
    if connection is None:
        return try_later(rows, delivery, error)
    try:
        message.connection = connection
        message.send()
    except Exception as error:
        # The server may have taken the mail before the failure: never sent again.
        return fail(rows, delivery, error, delivery.attempts + 1)
    finally:
        try:
            connection.close()
        except Exception:  # the mail's outcome stands whatever the closing does
            logger.warning("Closing the mail connection failed.", exc_info=True)
    rows.update(status=DeliveryStatus.SENT, sent_at=timezone.now(), error="")
    return DeliveryStatus.SENT


def stuck():
    """Rows claimed more than an hour ago and still being sent (sending takes seconds):
    their worker died between the claim and the outcome, and whether the mail left is
    unknown."""
    cut = timezone.now() - timedelta(hours=1)
    return AlertDelivery.objects.filter(status=DeliveryStatus.SENDING).filter(
        Q(claimed_at__lt=cut)
        | Q(claimed_at__isnull=True, created_at__lt=cut)  # claimed before 0023
    )


def send_queued(ids=None, *, progress=None) -> dict:
    """Send, in this process, every queued row (or those of ``ids``) that this call
    claims, but those waiting for their retry time: the command's ``--send``, for when no
    worker runs. Returns counts by outcome."""
    rows = AlertDelivery.objects.filter(status=DeliveryStatus.QUEUED).exclude(
        attempts__gt=0,
        retry_at__gt=timezone.now(),  # waiting for the server to be back
    )
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
