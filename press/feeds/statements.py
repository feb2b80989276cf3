"""A feed's statements, built by the ORM once per shape and run with each request's values.

A feed asks the same two questions at every request: its validators (the content version
and the newest time among its items) and its items (their keys and dates, newest first),
through the same doors as ever (``published()``, ``out_in()``). For one feed in one
language the SQL of each is the same at every request; only the present moment and the
feed's object (a trip, a topic) differ. The ORM takes 1-3 ms of Python to build and
compile such a statement (the visibility rules are expressions, some in subqueries); the
database answers it in a tenth of that.

`Statement(build)` has the ORM build and compile ``build(...)`` once per shape (language,
database, the arguments that make other SQL), with stand-ins for the moment (every
``timezone.now()`` while it builds) and for the keys (the feed's object, the items whose
facts are read); it builds it a second time with other stand-ins and checks that nothing
but those moved. After that, a request runs the same SQL with its own moment and keys in
their places, and the rows are read back by the queryset's own iterable (with the ORM's
converters), so they are what the queryset gives. A statement in which anything else
moves (a time worked out from the moment, say) is not prepared: the ORM builds it at
every request, as before.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language

#: Two stand-ins for the present moment, and the first of two runs of stand-ins for keys
#: (going down from there): values no row holds.
MOMENTS = (
    datetime(1001, 1, 1, 1, 1, 1, 1, tzinfo=UTC),
    datetime(1002, 2, 2, 2, 2, 2, 2, tzinfo=UTC),
)
KEYS = (-7_001_001_001, -7_002_002_002)

_moment: ContextVar[datetime | None] = ContextVar("statement_moment", default=None)
#: One statement is built with a stand-in clock at a time (the clock is the module's).
_building = threading.Lock()
_UNPREPARED = object()


@contextmanager
def stand_in_clock(moment: datetime):
    """``timezone.now()`` is ``moment`` in this context while the block runs (other
    threads and contexts keep the real clock)."""
    with _building:
        real = timezone.now

        def now():
            stand_in = _moment.get()
            return real() if stand_in is None else stand_in

        token = _moment.set(moment)
        timezone.now = now
        try:
            yield
        finally:
            timezone.now = real
            _moment.reset(token)


def shallow_copy(obj, **changes):
    """``obj`` with its attributes shared and ``changes`` made (`copy.copy` would evaluate
    a queryset)."""
    duplicate = object.__new__(type(obj))
    duplicate.__dict__.update(obj.__dict__, **changes)
    return duplicate


def stand_in(kind: type, number: int):
    """A key of ``kind`` (a model, whose instance stands for its primary key; an int; a
    string, in both cases, so that a transformation of either shows) made of ``number``."""
    if issubclass(kind, Model):
        return kind(pk=number)
    return f"Key{number}X" if issubclass(kind, str) else number


def value(key):
    """What a key is in a statement's parameters."""
    return key.pk if isinstance(key, Model) else key


class Prepared:
    """One compiled statement: its SQL and parameters, the slots of the moment and of each
    key, and the queryset and compiler that read its rows back."""

    def __init__(self, queryset, compiler, sql: str, params: tuple, moments, keys):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.moments = moments
        self.keys = keys

    def rows(self, keys: tuple, using: str) -> list:
        connection = connections[using]
        params = list(self.params)
        if self.moments:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            for slot in self.moments:
                params[slot] = now
        for slot, index in self.keys:
            params[slot] = value(keys[index])
        compiler = shallow_copy(self.compiler, connection=connection)
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        query = shallow_copy(self.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        # Read back by the queryset's own iterable (a copy: the prepared one is never run).
        queryset = shallow_copy(self.queryset, _query=query, _result_cache=None)
        return list(queryset)


class Statement:
    """The rows of ``build(*shape, *keys)`` (a queryset of values), from SQL built once for
    each ``shape`` (and language, database and kinds of keys). ``keys`` are the values
    that change from one call to the next: primary keys (or model instances that stand
    for theirs) and strings (a slug)."""

    def __init__(self, build):
        self.build = build
        self._prepared: dict[tuple, Prepared | None] = {}

    def rows(self, *shape, keys: tuple = ()) -> list:
        using = DEFAULT_DB_ALIAS
        kinds = tuple(type(key) for key in keys)
        whole = (connections[using].vendor, get_language(), *shape, kinds)
        prepared = self._prepared.get(whole, _UNPREPARED)
        if prepared is _UNPREPARED:
            prepared = self._prepared[whole] = self.prepare(shape, kinds, using)
        if prepared is None:
            return list(self.build(*shape, *keys))
        return prepared.rows(keys, using)

    def prepare(self, shape: tuple, kinds: tuple, using: str) -> Prepared | None:
        """The statement compiled with stand-ins, or None when it cannot be (something
        besides the moment and the keys moves between two builds)."""
        if not all(issubclass(kind, Model | int | str) for kind in kinds):
            return None
        adapt = connections[using].ops.adapt_datetimefield_value
        compiled = []
        for moment, first_key in zip(MOMENTS, KEYS, strict=True):
            stand_ins = [stand_in(kind, first_key - index) for index, kind in enumerate(kinds)]
            with stand_in_clock(moment):
                queryset = self.build(*shape, *stand_ins)
                compiler = queryset.query.get_compiler(using)
                sql, params = compiler.as_sql()
            compiled.append((queryset, compiler, sql, tuple(params)))
        (queryset, compiler, sql, params), (_q, _c, other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            return None
        moment_pair = tuple(adapt(moment) for moment in MOMENTS)
        key_pairs = {
            tuple(value(stand_in(kind, first_key - index)) for first_key in KEYS): index
            for index, kind in enumerate(kinds)
        }
        moments, keys = [], []
        for slot, pair in enumerate(zip(params, other_params, strict=True)):
            if pair[0] == pair[1]:
                continue
            if pair == moment_pair:
                moments.append(slot)
            elif pair in key_pairs:
                keys.append((slot, key_pairs[pair]))
            else:
                return None
        return Prepared(queryset, compiler, sql, params, moments, keys)
