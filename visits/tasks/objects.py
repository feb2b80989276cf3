"""Tasks about one row (a photo's renditions, a link's check): the row may be deleted
between the save that queued the task and the worker that runs it, or while it runs.

django-tasks runs a task once and records a failure; it does not retry. `object_task`
tries again a couple of times in the worker (storage and network errors pass), then logs
the failure with the row named and the command that redoes the work, and leaves the task
failed in the queue's table.
"""

from __future__ import annotations

import functools
import logging
import time

from django.apps import apps
from django.db import DatabaseError, close_old_connections, connection
from django_tasks import task

logger = logging.getLogger(__name__)


def object_task(
    model: str,
    *,
    rerun: str = "",
    retries: int = 2,
    backoff: float = 1.0,
    retry_on: tuple[type[Exception], ...] = (Exception,),
    **options,
):
    """Make ``func(obj, *args, **kwargs)`` a task that is queued with the row's primary key
    (``enqueue_on_commit(make_renditions, photo.pk)``) and given the row when it runs.

    ``model`` is a label (``"press.Photo"``), looked up when the task runs. ``rerun`` is
    the command that does the work for every row that lacks it (``manage.py
    make_renditions``), named when the task fails. A failure of a ``retry_on`` kind is
    tried again ``retries`` times, ``backoff`` seconds later, then twice that, reading the
    row afresh each time. ``options`` go to ``task()`` (``priority``, ``queue_name``).

    The row is read through the base manager, so a task also runs for a row its public
    door hides (a draft). When the row is gone, before or during the work, the task ends
    quietly with a log line at INFO and returns None."""

    def decorate(func):
        def subject(pk) -> str:
            return f"{model} #{pk}"

        @functools.wraps(func)
        def run(pk, *args, **kwargs):
            rows = apps.get_model(model)._base_manager
            for attempt in range(1, retries + 2):
                obj = rows.filter(pk=pk).first()
                if obj is None:
                    logger.info(
                        "%s: %s was deleted before the task ran; nothing to do.",
                        func.__name__,
                        subject(pk),
                    )
                    return None
                try:
                    return func(obj, *args, **kwargs)
                except Exception as error:
                    if not _exists(rows, pk):
                        logger.info(
                            "%s: %s was deleted while the task ran; nothing to do (%s).",
                            func.__name__,
                            subject(pk),
                            _short(error),
                        )
                        return None
                    if attempt > retries or not isinstance(error, retry_on):
                        logger.error(
                            "%s failed for %s (%s) after %d attempt%s.%s",
                            func.__name__,
                            subject(pk),
                            _name(obj),
                            attempt,
                            "" if attempt == 1 else "s",
                            f" `{rerun}` does its work again." if rerun else "",
                            exc_info=True,
                        )
                        raise
                    delay = backoff * 2 ** (attempt - 1)
                    logger.warning(
                        "%s failed for %s (%s): %s; trying again in %.0f s (attempt %d of %d).",
                        func.__name__,
                        subject(pk),
                        _name(obj),
                        _short(error),
                        delay,
                        attempt + 1,
                        retries + 1,
                    )
                    time.sleep(delay)
                    # A dropped database connection is replaced before the next attempt
                    # (never inside a transaction, which a new connection would lose).
                    if not connection.in_atomic_block:
                        close_old_connections()
            return None  # not reached: the last attempt returns or raises

        run.subject = subject
        run.rerun = rerun
        return task(**options)(run)

    return decorate


def _exists(rows, pk) -> bool:
    try:
        return rows.filter(pk=pk).exists()
    except DatabaseError:
        return True  # cannot tell: report the failure rather than hide it


def _name(obj) -> str:
    try:
        return str(obj)[:80]
    except Exception:
        return "unnamed"


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:200]
