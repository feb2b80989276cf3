"""The batch: what a transaction changed and asked for, announced once after it commits.

Everything gathered (content `Change` keys and other topics' items, see the package) joins
the batch of the transaction open on its database connection. When that transaction
commits, the batch is announced once: each listener, in the order they were registered,
gets its topic's items, each item once, in the order first gathered. Outside a transaction
(autocommit), what is gathered is announced at once. A rolled-back transaction takes its
batch with it.

How the batch follows Django's transactions:

- Each gather registers an on-commit hook of its own (a tuple appended to a list, as
  Django's own per-save hooks cost) and records the savepoint stack it was made under.
  At the commit Django runs every hook still registered: the first one takes the whole
  batch and announces it, the others find nothing left. So a transaction that saves a
  release, its topics and its photos is announced once, however deep its atomic blocks.
- A savepoint rolled back drops the hooks registered inside it, and with them what they
  gathered: the next gather, or a hook run inside the transaction, leaves those groups
  out. What a savepoint gathered before a rollback that nothing follows still rides with
  the rest of its transaction (Django hides which hooks survive until it runs them);
  listeners read the database, so such keys cost work (at worst a revision of an
  unchanged item), never a wrong page or search entry.
- A hook run while its transaction is still open and still lists it is a test's
  ``django_capture_on_commit_callbacks`` standing in for a commit: it announces only what
  was gathered inside the atomic block open at that moment (and deeper), never what an
  enclosing block gathered. Batches used to be one hook per transaction, registered at the
  first gather: a test committing inside a class-scoped world (an atomic block open for a
  whole test class) then found the world's hook already there, outside its capture, and
  its changes were never announced. Here each gather brings its own hook, and the world's
  groups stay with the world.

Must not import the page cache, search, revisions, tasks or any app's models: they listen
to this module, never the other way round.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

#: The topic of content changes (`Change` keys).
CONTENT = "content"
#: Callables to run after the commit (`after_commit`).
WORK = "work"

#: A row was saved (created or updated).
SAVED = "saved"
#: A row was deleted (recorded after the delete; watchers also see `DELETING` before it).
DELETED = "deleted"
#: A many-to-many relation of the row changed (either side of it).
LINKED = "linked"
#: Watchers only: a row is about to be deleted, while it and what it reaches can be read.
DELETING = "deleting"


class Change(NamedTuple):
    """One changed piece of public content: (model class, primary key, kind). ``model`` and
    ``pk`` are None for a change no row names (`content_changed`)."""

    model: Any
    pk: Any
    kind: str


Listener = Callable[..., None]
Watcher = Callable[[Change, Any], Iterable]

_listeners: list[tuple[str, Listener]] = []
_watchers: list[tuple[str, Watcher]] = []
_local = threading.local()


def listen(handler: Listener, *, topic: str = CONTENT) -> None:
    """Call ``handler(items, using=alias)`` once after each commit that gathered anything
    under ``topic`` (``items``: a list, each once). Listeners run in the order registered;
    one that fails is logged and the others still run (the commit has happened)."""
    if (topic, handler) not in _listeners:
        _listeners.append((topic, handler))


def watch(topic: str, watcher: Watcher) -> None:
    """Call ``watcher(change, instance)`` at the moment of every content change, while the
    row (``instance``, or None for a row known only by its key) is as the change left it;
    what it returns is gathered under ``topic``. For work that must look before the
    commit: what a row about to be deleted reaches (kind `DELETING`)."""
    if (topic, watcher) not in _watchers:
        _watchers.append((topic, watcher))


def changed(instance, kind: str = SAVED, *, using: str | None = None) -> None:
    """Public content ``instance`` was saved, deleted or relinked (``kind``). The signal
    receivers call this for every save; call it after a write that sends no signal."""
    model = instance._meta.concrete_model
    _record(Change(model, instance.pk, kind), instance, using or instance._state.db)


def changed_rows(model, pks: Iterable, kind: str = SAVED, *, using: str | None = None) -> None:
    """Rows of ``model`` known by their keys changed (``QuerySet.update()``, the far side of
    a many-to-many change)."""
    model = model._meta.concrete_model
    for pk in dict.fromkeys(pks):
        if pk is not None:
            _record(Change(model, pk, kind), None, using)


def content_changed(*, using: str | None = None) -> None:
    """Something public changed that no row names (raw SQL): the content version moves on."""
    gather({CONTENT: [Change(None, None, SAVED)]}, using)


def note(topic: str, items: Iterable, *, using: str | None = None) -> None:
    """Gather ``items`` (hashable) under ``topic`` for its listener: work that follows a
    commit without being a content change itself (search entries, revisions, tasks)."""
    gather({topic: items}, using)


def after_commit(func: Callable[[], Any], *, using: str | None = None) -> None:
    """Run ``func()`` after the commit, after the content listeners (at once outside a
    transaction; never after a rollback). Quick work only: slow work is a task."""
    note(WORK, [func], using=using)


def _run_work(funcs, *, using) -> None:
    for func in funcs:
        try:
            func()
        except Exception:
            logger.exception("After a commit, %r failed.", func)


def _record(change: Change, instance, using) -> None:
    items: dict[str, list] = {}
    if change.kind != DELETING:
        items[CONTENT] = [change]
    for topic, watcher in _watchers:
        found = watcher(change, instance)
        if found:
            items.setdefault(topic, []).extend(found)
    gather(items, using)


# --- the batch of the open transaction -------------------------------------------------


class _Group:
    """What one gather added, with the hook that vouches for it and the savepoint stack
    it was made under."""

    __slots__ = ("hook", "items", "savepoints")

    def __init__(self, hook, savepoints: tuple, items: dict[str, list]):
        self.hook = hook
        self.savepoints = savepoints
        self.items = items


class _Pending:
    """The groups gathered on one connection and not announced yet."""

    def __init__(self, using: str):
        self.using = using
        self.groups: list[_Group] = []
        self.checked: list | None = None

    def prune(self, connection) -> None:
        """Forget the groups whose hook Django dropped: a savepoint or the whole
        transaction was rolled back. Django builds a new list of hooks then, so the
        groups are checked only when the list is not the one they were checked against."""
        hooks = connection.run_on_commit
        if hooks is self.checked:
            return
        alive = {func for _sids, func, _robust in hooks if isinstance(func, _Hook)}
        self.groups = [group for group in self.groups if group.hook in alive]
        self.checked = hooks

    def take(self, connection, hook: _Hook) -> list[_Group]:
        """The groups ``hook`` announces: all of them at a commit; inside a transaction
        that still holds the hook (a test's capture), those of the block open now."""
        if connection.in_atomic_block and any(
            func is hook for _sids, func, _robust in connection.run_on_commit
        ):
            self.prune(connection)
            scope = tuple(connection.savepoint_ids)
            taken = [g for g in self.groups if g.savepoints[: len(scope)] == scope]
        else:
            taken = self.groups
        announced = set(map(id, taken))
        self.groups = [group for group in self.groups if id(group) not in announced]
        return taken


class _Hook:
    """The on-commit hook of one group: the first to run announces the batch."""

    __slots__ = ("pending",)

    def __init__(self, pending: _Pending):
        self.pending = pending

    def __call__(self):
        pending = self.pending
        taken = pending.take(transaction.get_connection(pending.using), self)
        if taken:
            announce(_merge(group.items for group in taken), using=pending.using)

    def __repr__(self):
        return f"<the change pipeline's batch on {self.pending.using!r}>"


def _pending(using: str) -> _Pending:
    by_alias = _local.__dict__.setdefault("pending", {})
    if using not in by_alias:
        by_alias[using] = _Pending(using)
    return by_alias[using]


def gather(items: dict[str, Iterable], using: str | None = None) -> None:
    """Add ``{topic: items}`` to the batch of the transaction open on ``using``."""
    using = using or DEFAULT_DB_ALIAS
    items = {topic: list(dict.fromkeys(values)) for topic, values in items.items()}
    items = {topic: values for topic, values in items.items() if values}
    if not items:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        announce(items, using=using)
        return
    pending = _pending(using)
    pending.prune(connection)
    hook = _Hook(pending)
    # robust: the commit has happened; a listener's failure is logged, not raised.
    transaction.on_commit(hook, using=using, robust=True)
    pending.groups.append(_Group(hook, tuple(connection.savepoint_ids), items))
    pending.checked = connection.run_on_commit


def _merge(groups: Iterable[dict[str, list]]) -> dict[str, list]:
    merged: dict[str, dict] = {}
    for items in groups:
        for topic, values in items.items():
            merged.setdefault(topic, {}).update(dict.fromkeys(values))
    return {topic: list(values) for topic, values in merged.items()}


def announce(items: dict[str, list], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Hand each listener its topic's items (the batch of one committed transaction);
    `after_commit` work comes last, when every listener has seen the batch."""
    for topic, handler in [*_listeners, (WORK, _run_work)]:
        values = items.get(topic)
        if not values:
            continue
        try:
            handler(values, using=using)
        except Exception:
            logger.exception(
                "After a commit, %s failed on %d %s item(s).",
                getattr(handler, "__qualname__", handler),
                len(values),
                topic,
            )
