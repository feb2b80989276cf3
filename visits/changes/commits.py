"""Work gathered during a transaction and done once, when it commits.

Saves call `gather()` with what they touched; the handler runs once per transaction on
commit with everything gathered (at once when no transaction is open). A transaction
that rolls back takes its batch with it, and the next one starts a new batch.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, transaction

_local = threading.local()


class Batch:
    """The items gathered for one handler in one transaction."""

    def __init__(self, connection, handle):
        self.connection = connection
        self.handle = handle
        self.items: dict = {}
        self.hooks = None
        self.done = False

    def is_pending(self) -> bool:
        """Whether `flush` is still to run when the transaction commits."""
        if self.done:
            return False
        hooks = self.connection.run_on_commit
        if hooks is self.hooks:
            return True
        # Django replaces the list when a savepoint rolls back, dropping its hooks; after
        # a rollback of the whole transaction the list is empty.
        if any(hook[1] == self.flush for hook in hooks):
            self.hooks = hooks
            return True
        return False

    def flush(self):
        self.done = True
        self.handle(list(self.items))


def gather(name: str, items, handle, using: str = DEFAULT_DB_ALIAS) -> None:
    """Have ``handle(items)`` called once when the current transaction commits, with
    every item gathered under ``name`` in it (now, outside a transaction)."""
    items = list(items)
    if not items:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        handle(items)
        return
    batches = _local.__dict__.setdefault("batches", {})
    batch = batches.get((name, using))
    if batch is None or batch.connection is not connection or not batch.is_pending():
        batch = batches[(name, using)] = Batch(connection, handle)
        transaction.on_commit(batch.flush, using=using, robust=True)
        batch.hooks = connection.run_on_commit
    batch.items.update(dict.fromkeys(items))
