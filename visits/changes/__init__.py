"""The change pipeline: every change of public content, announced once per transaction,
after it commits, to whatever follows from it.

Owns which writes are content (`signals`: saves, deletions and many-to-many changes of
``visits`` and ``press`` rows; not the search index's rows, revisions, the content version,
the task queue, sessions or the admin's log), the batch of each transaction (`commits`),
what a change touches (`tags`), the content version and the tags each version touched
(`version`), when content changes by time alone (`moments`), what a process knows of the
changes (`known`) and the page cache built on them (`pagecache`). Must not
import ``press``, search, revisions or tasks: they subscribe to it.

The route, in full::

    changed(instance, kind=SAVED)       # a row changed: the signals call it for every save;
    changed_rows(model, pks, kind)      # call these after QuerySet.update() or raw SQL
    content_changed()
    note(topic, items)                  # work that rides on the same commit (tasks, …)
    after_commit(func)                  # quick work once the commit is done
    listen(handler, topic=CONTENT)      # handler(items, using=alias) once per commit
    watch(topic, watcher)               # watcher(change, instance) at the change itself

A content change is a `Change` key, ``(model, pk, kind)`` with kind `SAVED`, `DELETED` or
`LINKED`. Everything gathered in a transaction is announced once, when it commits (at once
outside a transaction; never after a rollback): each listener gets its topic's items, each
once. Listeners, in order (``VisitsConfig.ready``):

1. the content version moves on once, and the tags the batch touched (`tags`) are recorded
   with the number it moved to, in one transaction (`version.heard_tags` hands the batch's
   tags to `version.moved_on`): feeds' validators read the number; every server's page
   cache and the read model retire what those tags name;
2. this process reads what changed at once (`pagecache.after_change`);
3. revisions of items saved outside the admin (topic ``"revisions"``, gathered by
   `visits.revisions.recording`);
4. the search index re-indexes the items the changes touch (topic ``"search"``: its watcher
   reads each changed row at the change, so a deleted trip still names the people it
   reached);
5. tasks asked for with `visits.tasks.enqueue_on_commit` are queued (topic ``"tasks"``);
6. `after_commit` work.

Writing the search index, revisions, the version or the queue is not a change, so a
listener never sets off another announcement. How the batch follows savepoints and tests'
``django_capture_on_commit_callbacks``: see `commits`.
"""

from .commits import (
    CONTENT,
    DELETED,
    DELETING,
    LINKED,
    SAVED,
    WORK,
    Change,
    after_commit,
    changed,
    changed_rows,
    content_changed,
    listen,
    note,
    watch,
)
from .version import content_version

__all__ = [
    "CONTENT",
    "DELETED",
    "DELETING",
    "LINKED",
    "SAVED",
    "WORK",
    "Change",
    "after_commit",
    "changed",
    "changed_rows",
    "connect",
    "content_changed",
    "content_version",
    "listen",
    "note",
    "watch",
]


def connect() -> None:
    """Turn model signals into changes and subscribe the version and the page cache, first
    (from ``VisitsConfig.ready``; the other listeners connect themselves after)."""
    from . import pagecache, signals, tags, version

    signals.connect()
    watch(tags.TOPIC, tags.of_change)
    listen(version.heard_tags, topic=tags.TOPIC)
    listen(version.moved_on)
    listen(pagecache.after_change)
