"""What the public lists show alike to every reader of a language, read once per process
and kept while what it shows is unchanged: the filter menus' options, the filter form as a
blank list shows it, and the number of items a list (filtered or not) has (`kept`).

Hundreds of options read in several queries, and rendered, were most of a list's cost; and
counting every public release (or 300,000 coverage items) costs more than the page of them
a reader sees.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.utils.translation import get_language

#: The content version of a database where no change was recorded yet.
UNRECORDED = (0, None)
#: At most this many values are kept (a crawler asking for every filter gives one count
#: each); past it, all are forgotten and read again as asked.
LIMIT = 5000


class Kept:
    """{(name, language): value}, per process, each value kept by the page cache's own
    rule (`visits.changes.pagecache`): no change since it was read touched any of its tags
    (the models it comes from, ``tags.of_models``), and the horizon has not passed (the
    first moment something may go public or stop with no save). So an edit to a release
    reads the topic menu again (a topic is offered once a public release has it) but not
    the trips, cities or officials.

    This process knows of changes as the page cache does (`pagecache.knowledge`: its own
    commits at once, any other process's within ``PRESSROOM_PAGE_CACHE_RECHECK`` seconds,
    with no query in between); an edit therefore reaches every process within that second,
    and time alone exactly.

    Nothing is kept before the first change is recorded (a new database), nor in a test
    suite whose transactions never commit (`visits.readmodel.reading.IMMEDIATE`): the
    content version does not move there.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.values: dict[tuple, tuple] = {}

    def get(self, name: str, tags: Iterable[str], read: Callable):
        """``read()``, kept as ``name`` in the active language while no change touches
        ``tags`` (see the class)."""
        from visits.changes import pagecache
        from visits.readmodel import reading

        if reading.IMMEDIATE:
            return read()
        known, horizon = pagecache.knowledge()
        if known.generation == UNRECORDED:
            return read()
        key = (name, get_language())
        with self.lock:
            entry = self.values.get(key)
        if entry is not None:
            generation, read_under, value = entry
            if read_under == horizon and known.current(generation, tags):
                return value
        value = read()
        with self.lock:
            if len(self.values) >= LIMIT:
                self.values = {}
            self.values[key] = (known.generation, horizon, value)
        return value

    def forget(self) -> None:
        with self.lock:
            self.values = {}


kept = Kept()
