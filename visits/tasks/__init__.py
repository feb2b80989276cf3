"""Background work: the task queue every app shares, and how its tasks are written.

Owns how work leaves the request: `enqueue_on_commit` (a task is queued only once the
transaction that asked for it commits, riding on the change pipeline's batch, each task
and arguments once per transaction), `object_task` (a task about one row, which ends
quietly when the row was deleted meanwhile and retries, then logs with the row named, when
it fails) and `task`, re-exported so that the move to Django 6's ``django.tasks`` is one
line. The queue itself is django-tasks with its database backend (``settings.TASKS``);
workers are ``manage.py db_worker`` processes (README, "Background work").

An app's tasks live in its own ``tasks.py`` (``press/tasks.py``), built from these.
Must not import ``press`` or any app's models (a model is named by its label and looked
up when the task runs), nor the page cache; of the change pipeline only its route
(`visits.changes.note`; `queue.enqueue_noted` listens to it): saves call into this package,
never the other way round.
"""

from django_tasks import task

from .objects import object_task
from .queue import enqueue_on_commit

__all__ = ["enqueue_on_commit", "object_task", "task"]
