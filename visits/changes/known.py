"""What a process knows of the content's changes (`Changes`): the versions it has seen,
the tags each touched, read from the database (`read_changes`) and folded in (`absorb`).
The page cache serves a page, and the read model a row, only while none of its tags
changed since the version it was built under.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import DateTimeField, Subquery, TextField, Value
from django.utils import timezone

from . import tags as tagging
from .moments import horizon_of, moments
from .version import ROW, keep_for


class Changes:
    """What this process knows of the content's changes, as of one reading: never changed
    once made (a reading makes a new one), so threads read it without a lock.

    ``top``, ``top_at``: the content version and the time it was reached. ``versions``:
    the time each version this process can vouch for was reached. ``changed``: for each
    tag touched after ``floor``, the last version that touched it. ``floor``: the oldest
    version after which every change is known."""

    __slots__ = ("changed", "floor", "top", "top_at", "versions")

    def __init__(self, top: int, top_at, versions: dict, changed: dict, floor: int):
        self.top, self.top_at = top, top_at
        self.versions, self.changed, self.floor = versions, changed, floor

    @property
    def generation(self) -> tuple:
        return self.top, self.top_at

    def touched(self, tags: Iterable[str], version: int, *, before_known: bool = True) -> bool:
        """Whether any of ``tags`` (or `tags.ANY`) changed after ``version``;
        ``before_known`` for a version older than ``floor`` (what changed since is not
        known any more)."""
        if version >= self.top:
            return False  # nothing known after it
        if version < self.floor:
            return before_known
        changed = self.changed
        if changed.get(tagging.ANY, 0) > version:
            return True
        if not isinstance(tags, set | frozenset):
            tags = set(tags)
        if tagging.ANY in tags:
            return True  # depends on everything, and a later version changed something
        return any(changed[tag] > version for tag in changed.keys() & tags)

    def current(self, generation: tuple, tags: Iterable[str]) -> bool:
        """Whether a page built under ``generation`` (number, time) from ``tags`` is still
        what would be built now, as far as this process knows."""
        number, at = generation
        return self.versions.get(number) == at and not self.touched(tags, number)


def absorb(old: Changes | None, head: tuple, rows: Iterable[tuple]) -> Changes:
    """What is known after reading ``head`` (the content version: number, time) and
    ``rows`` ((version, time, tags) of every version from ``old.top`` on, or of all kept
    when ``old`` is None): ``old`` carried on when the rows continue it, else a new
    start (a process starting, a database restored or recreated, versions missed)."""
    number, at = head
    rows = sorted(row for row in rows if row[0] <= number)
    if old is not None and continues(old, number, at, rows):
        versions, changed, floor = dict(old.versions), dict(old.changed), old.floor
        last = old.top
    else:
        versions, changed = {}, {}
        floor = last = rows[0][0] if rows else number
        if rows:
            versions[last] = rows[0][1]
    for version, changed_at, text in rows:
        if version <= last:
            continue
        if version > last + 1:  # versions with no row: as if everything changed
            changed[tagging.ANY] = version - 1
        versions[version] = changed_at
        for tag in tagging.parse(text):
            changed[tag] = version
        last = version
    if number > last:
        changed[tagging.ANY] = number
    versions[number] = at
    return forget_old(Changes(number, at, versions, changed, floor))


def continues(old: Changes, number: int, at, rows: list[tuple]) -> bool:
    """Whether ``rows`` carry on from what ``old`` knows, in the same database: they start
    with the row of ``old.top``, reached when ``old`` says; or, when that version moved
    with no row (a database filled by a script, an older release of this code), with the
    next version, reached after it."""
    if number < old.top:
        return False
    if number == old.top:
        return at == old.top_at
    if not rows:
        return False
    version, changed_at, _tags = rows[0]
    if version == old.top:
        return changed_at == old.top_at
    return version == old.top + 1 and old.top_at is not None and changed_at >= old.top_at


def forget_old(changes: Changes) -> Changes:
    """Drop the versions no page kept can have been built under any more (their successor
    was reached longer ago than a page lives), as the database prunes its rows."""
    cutoff = timezone.now() - keep_for()
    older = [
        version
        for version, at in changes.versions.items()
        if at is not None and at < cutoff and version < changes.top
    ]
    if not older:
        return changes
    floor = max(older)
    if floor <= changes.floor:
        return changes
    versions = {v: at for v, at in changes.versions.items() if v >= floor}
    changed = {tag: v for tag, v in changes.changed.items() if v > floor}
    return Changes(changes.top, changes.top_at, versions, changed, floor)


def read_changes(since: int | None) -> tuple[tuple, list[tuple], float]:
    """(the content version, the rows of versions from ``since`` on, the horizon), in one
    statement; every kept row when ``since`` is None."""
    from ..models import ContentChange, ContentVersion

    now = timezone.now()
    querysets = moments(now)
    names = list(querysets)
    head = (
        ContentVersion.objects.filter(pk=ROW)
        .order_by()
        .annotate(
            tags=Value(None, output_field=TextField()),
            **{name: Subquery(qs[:1]) for name, qs in querysets.items()},
        )
        .values_list("number", "changed_at", "tags", *names)
    )
    rows = ContentChange.objects.order_by()
    if since is not None:
        rows = rows.filter(version__gte=since)
    rows = rows.annotate(
        **{name: Value(None, output_field=DateTimeField()) for name in names}
    ).values_list("version", "changed_at", "tags", *names)
    found = list(head.union(rows, all=True))
    heads = [row for row in found if row[2] is None]
    rows = [row[:3] for row in found if row[2] is not None]
    if heads:
        head = heads[0]
        return (head[0], head[1]), rows, horizon_of(now, head[3:])
    # No version recorded yet (a database made without the migration's row).
    return (0, None), rows, horizon_of(now, [qs.first() for qs in querysets.values()])
