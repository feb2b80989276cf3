"""Search over releases, coverage, trips, people, places and organisations, in English,
Korean, Chinese and Japanese alike.

- `analysis`: text → terms (CJK bigrams over a word index, NFKC, folded case and accents);
- `entries.SearchEntry`: one row per item and language, written by `indexing` after
  each commit and by ``manage.py rebuild_search_index``;
- `backends`: SQLite FTS5 or PostgreSQL full text, picked by the database in use;
- `Search` (here): one query, its filters, facet counts, ranked and paginated hits with
  the items loaded through their ``published()`` (the public's only door).
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .analysis import Query, parse
from .backends import backend_for
from .documents import REGISTRY

logger = logging.getLogger(__name__)


@dataclass
class Hit:
    kind: str
    object_id: int
    phrase: bool
    score: float
    date: dt.datetime | None
    obj: object = None
    #: Every word of the query is in the item's title (in some language).
    title: bool = False

    @property
    def tier(self) -> int:
        return REGISTRY[self.kind].rank_tier

    @property
    def document(self):
        return REGISTRY[self.kind]

    @property
    def label(self):
        """The kind of item, in the reader's language (“press release”)."""
        return self.document.model._meta.verbose_name


class Search:
    """A search with its filters. ``len()`` counts the items found; slicing gives
    ranked `Hit`s with their items, so a Django ``Paginator`` can page it.

    Ranking: items with the whole query as a phrase first, then those with every word in
    their title, then, between items matching as well, press releases and trips before
    coverage, and coverage before people, places and organisations (`Document.rank_tier`:
    a reader searching "Oh Se-hoon" wants the mayor's releases and trips before his
    page), then by relevance (a match in the title counts ten times one in the body), then
    newer first. An item matching in several languages is one hit. A query matching more
    than ``cap`` entries (a word in nearly every release) is counted and ranked among the
    newest ``cap`` of them, so its cost stays bounded; ``capped`` says so, and the page
    says "more than".
    """

    def __init__(
        self,
        text: str,
        *,
        kinds=None,
        trip: int | None = None,
        language: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        public: bool = True,
        now: dt.datetime | None = None,
        cap: int | None = None,
    ):
        self.query: Query = text if isinstance(text, Query) else parse(text)
        self.kinds = [kind for kind in kinds or () if kind in REGISTRY]
        self.trip, self.language, self.since, self.until = trip, language, since, until
        self.public = public
        self.now = now or timezone.now()
        self.backend = backend_for()
        #: At most this many matching entries are counted and ranked: the newest ones.
        self.cap = cap or settings.PRESSROOM_SEARCH_CANDIDATES
        self._done, self._total, self._facets, self._window = not self.query, 0, {}, (None, [])
        self.capped = self.facets_capped = False

    # SQL --------------------------------------------------------------------------

    def _where(self, with_kinds: bool = True):
        conditions, params = ["TRUE"], []
        datetime = connection.ops.adapt_datetimefield_value
        if self.public:
            conditions.append("e.public_from <= %s")
            params.append(datetime(self.now))
        if with_kinds and self.kinds:
            conditions.append(f"e.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += self.kinds
        if self.trip is not None:
            conditions.append("e.trip_id = %s")
            params.append(self.trip)
        if self.language:
            conditions.append("e.language = %s")
            params.append(self.language)
        if self.since:
            conditions.append("e.date >= %s")
            params.append(datetime(day_start(self.since)))
        if self.until:
            conditions.append("e.date < %s")
            params.append(datetime(day_start(self.until + dt.timedelta(days=1))))
        return " AND ".join(conditions), params

    def _run(self, sql: str, params) -> list[tuple]:
        # Inside a transaction, a savepoint keeps a refused query from spoiling it.
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        try:
            with guard, connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError:
            # The analyser lets only letters and digits through, so this should not
            # happen; if a backend still refuses a query, the reader sees no results.
            logger.exception("Search failed for %r", self.query.text)
            return []

    def _execute(self, with_kinds: bool, window: tuple[int, int] | None = None):
        """One statement: the candidates (the newest `cap` matching entries that pass
        the filters), grouped by item; returns ({kind: items}, capped, ranked hits of
        ``window`` = (offset, limit))."""
        where, where_params = self._where(with_kinds)
        candidates, params = self.backend.candidates(self.query, where, where_params, self.cap)
        sql = (
            f"WITH c AS MATERIALIZED ({candidates}), "
            "g AS MATERIALIZED (SELECT kind, object_id, MAX(phrase) AS phrase, "
            "MAX(title) AS title, MIN(score) AS score, MAX(date) AS date FROM c "
            "GROUP BY kind, object_id) "
            "SELECT 1, kind, COUNT(*), 0, 0, 0.0, MAX(date) FROM g GROUP BY kind "
            "UNION ALL SELECT 2, NULL, COUNT(*), 0, 0, 0.0, MAX(date) FROM c"
        )
        if window:
            tiers = " ".join("WHEN %s THEN %s" for _kind in REGISTRY)
            sql += (
                " UNION ALL SELECT * FROM (SELECT 0, kind, object_id, phrase, title, score, date "
                f"FROM g ORDER BY phrase DESC, title DESC, CASE kind {tiers} ELSE 9 END, "
                "score ASC, date DESC NULLS LAST, kind, object_id LIMIT %s OFFSET %s) page"
            )
            for kind, document in REGISTRY.items():
                params = [*params, kind, document.rank_tier]
            params = [*params, window[1], window[0]]
        # (Typed values, not NULLs, in the counting rows: PostgreSQL types a UNION's
        # columns from its first rows.)
        counts, capped, hits = {}, False, []
        for part, kind, number, phrase, title, score, date in self._run(sql, params):
            if part == 1:
                counts[kind] = number
            elif part == 2:
                capped = number >= self.cap
            else:
                hits.append(
                    Hit(kind, number, bool(phrase), score, as_datetime(date), None, bool(title))
                )
        hits.sort(key=rank_key)  # the branches of a UNION come back in any order
        return counts, capped, hits

    def prefetch(self, offset: int, limit: int) -> None:
        """Count and rank ``limit`` hits from ``offset`` (one statement without a kind
        filter; a kind filter adds one for the counts of every kind)."""
        if not self.query or self._done:
            return
        counts, capped, hits = self._execute(True, (offset, limit))
        self._total, self.capped = sum(counts.values()), capped
        self._window = ((offset, limit), hits)
        if self.kinds:
            counts, self.facets_capped, _hits = self._execute(False)
        else:
            self.facets_capped = capped
        self._facets = {kind: counts[kind] for kind in REGISTRY if counts.get(kind)}
        self._done = True

    @property
    def facets(self) -> dict[str, int]:
        """Items found per kind (with every filter but the kind), in registry order;
        lower bounds when `facets_capped`."""
        self.prefetch(0, 0)
        return self._facets

    def __len__(self) -> int:
        self.prefetch(0, 0)
        return self._total

    def hits(self, offset: int = 0, limit: int = 20) -> list[Hit]:
        """Ranked hits ``offset`` to ``offset + limit``, with their items loaded."""
        if not self.query or limit <= 0:
            return []
        self.prefetch(offset, limit)
        window, hits = self._window
        if window != (offset, limit):
            _counts, _capped, hits = self._execute(True, (offset, limit))
        return self._load(hits)

    def _load(self, hits: list[Hit]) -> list[Hit]:
        """Attach each hit's item, loaded through ``published()`` for the public (one
        query per kind on the page); an item the door refuses is dropped."""
        wanted: dict[str, list[int]] = {}
        for hit in hits:
            wanted.setdefault(hit.kind, []).append(hit.object_id)
        found = {}
        for kind, ids in wanted.items():
            document = REGISTRY[kind]
            rows = document.public(self.language) if self.public else document.rows()
            found[kind] = {obj.pk: obj for obj in document.for_results(rows).filter(pk__in=ids)}
        for hit in hits:
            hit.obj = found[hit.kind].get(hit.object_id)
        return [hit for hit in hits if hit.obj is not None]

    def __getitem__(self, index):
        if not isinstance(index, int | slice):
            raise TypeError("Search results are indexed by number.")  # templates try keys
        if isinstance(index, slice):
            start = index.start or 0
            stop = index.stop if index.stop is not None else len(self)
            return self.hits(start, stop - start)
        hits = self.hits(index, 1)
        if not hits:
            raise IndexError(index)
        return hits[0]

    def matching_ids(self, kind: str):
        """Ids of items of ``kind`` matching the query, public or not, as a subquery
        (the admin's changelist search)."""
        from .entries import SearchEntry

        if not self.query:
            return SearchEntry.objects.none().values("object_id")
        sql, params = self.backend.matching_ids(self.query)
        return SearchEntry.objects.filter(kind=kind, id__in=RawSQL(sql, params)).values("object_id")


def rank_key(hit: Hit):
    newest_first = -hit.date.timestamp() if hit.date else float("inf")
    return (
        not hit.phrase,
        not hit.title,
        hit.tier,
        hit.score,
        newest_first,
        hit.kind,
        hit.object_id,
    )


def as_datetime(value) -> dt.datetime | None:
    """A raw query's datetime (SQLite gives text, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


__all__ = ["Hit", "Query", "Search", "parse"]
