"""Queueing when the transaction commits.

A worker must never look for a row its transaction has not committed yet, nor do work a
rolled-back transaction asked for; and a queue that cannot be reached must not undo a save
that itself succeeded. So tasks are queued after the commit, and a task that cannot be
queued is logged with what it was for (its rerun command fills the gap).
"""

from __future__ import annotations

import json
import logging

from django_tasks.utils import normalize_json

from .. import changes

logger = logging.getLogger(__name__)

#: Queue at once instead of on commit. Only for test suites whose tests run inside a
#: transaction that never commits (as `visits.search.indexing.IMMEDIATE`); the on-commit
#: path has tests of its own.
IMMEDIATE = False

#: The change pipeline's topic for tasks to queue after the commit.
TOPIC = "tasks"


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (at once outside
    a transaction). A rolled-back transaction queues nothing; the same task with the same
    arguments asked for twice in one transaction is queued once.

    Arguments must be what JSON can carry (ids, not rows): anything else raises
    ``TypeError`` here, in the code that asked, rather than in the worker.

    A savepoint rolled back inside a transaction that then commits does not take back what
    it asked for, so a task must check what it finds (`object_task` does)."""
    args_json = json.dumps(normalize_json(args))
    kwargs_json = json.dumps(normalize_json(kwargs), sort_keys=True)
    if IMMEDIATE:
        enqueue_noted([(task, args_json, kwargs_json)])
    else:
        changes.note(TOPIC, [(task, args_json, kwargs_json)])


def enqueue_noted(items, *, using=None) -> None:
    """The change pipeline's listener: queue the tasks a committed transaction asked for."""
    for task, args_json, kwargs_json in items:
        args, kwargs = json.loads(args_json), json.loads(kwargs_json)
        try:
            task.enqueue(*args, **kwargs)
        except Exception:
            # The commit has happened: what the transaction saved stays saved, and the
            # other tasks of the batch are still queued.
            rerun = getattr(task.func, "rerun", "")
            logger.exception(
                "Could not queue %s: it will not run.%s",
                describe(task, args, kwargs),
                f" `{rerun}` does its work." if rerun else "",
            )


def describe(task, args, kwargs) -> str:
    """``make_renditions for press.Photo #12`` or ``send_alert(3, lang='ko')``: what a log
    line says a task was for."""
    subject = getattr(task.func, "subject", None)
    if subject and args:
        return f"{task.name} for {subject(args[0])}"
    shown = [repr(value) for value in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{task.name}({', '.join(shown)})"
