"""Tasks whose worker died mid-task (killed, out of memory, the machine lost).

The database backend marks a task running when a worker claims it and never looks at it
again: a task whose worker vanished would stay "running" for ever. `requeue_stalled` puts
such tasks back in the queue once they have run for longer than any task can, so another
worker runs them again; tasks are written to be run twice (a rendition is made again under
the same name, a check is repeated).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def requeue_stalled(*, older_than: dt.timedelta) -> int:
    """Queue again every task that has been running for more than ``older_than``; returns
    how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stalled = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    requeued = 0
    for result in stalled.only("id", "task_path", "worker_ids"):
        # One row at a time, each only if it is still running: a worker that was merely
        # slow and finished meanwhile keeps its result.
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY)
        logger.warning(
            "Task %s (%s) ran on worker %s for more than %s: queued again.",
            result.pk,
            result.task_path,
            (result.worker_ids or ["?"])[-1],
            older_than,
        )
    return requeued
