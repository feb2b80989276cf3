"""The two full-text backends behind one small interface.

Both index the same pre-analysed terms (see `analysis`), so they find the same items;
they differ only in SQL. Each gives:

- ``candidates(query, where, params, cap)``: the newest ``cap`` matching entries that
  pass the filters, with ``score`` (relevance, lower is better, the title counting ten
  times the body), ``phrase`` (1 when the entry has the whole query as one phrase) and
  ``title`` (1 when the query matches the title alone);
- ``matching_ids(query)``: just the ids, as a subquery;
- ``install``/``uninstall``: the DDL the migration runs.

A visitor's words reach the SQL only as bound parameters, and only as terms made of
letters and digits, quoted by the backend, so no query syntax can be injected.
"""

from __future__ import annotations

from django.db import connection

from .analysis import Clause, Query

TABLE = "visits_searchentry"


class SQLiteBackend:
    """SQLite's FTS5, as an external-content table over the entries, kept in step by
    triggers. The ``ascii`` tokenizer only splits at spaces and ASCII punctuation, so the
    terms arrive exactly as `analysis` made them (CJK bigrams included)."""

    vendor = "sqlite"
    fts = f"{TABLE}_fts"

    @staticmethod
    def clause(clause: Clause) -> str:
        return '"{}"{}'.format(" ".join(clause.terms), "*" if clause.prefix else "")

    def expression(self, query: Query) -> str:
        groups = [" AND ".join(map(self.clause, group)) for group in query.groups]
        return " OR ".join(f"({group})" for group in groups)

    def candidates(self, query: Query, where: str, where_params: list, cap: int):
        """The newest ``cap`` matching entries that pass ``where`` (on ``e``), with
        ``id, kind, object_id, date, score, phrase, title``. The FTS table drives the scan
        (CROSS JOIN keeps it outside), newest rowid first, so bm25() is computed for
        those rows only and the scan stops at ``cap``."""
        found = f"{self.fts}.rowid IN (SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s)"
        phrase, params = "0", []
        if query.phrase:
            phrase = found
            params.append(self.clause(query.phrase))
        if len(query.groups) == 1 and len(query.groups[0]) == 1:
            # One word or phrase: in the title when the title alone scores (bm25 is never
            # 0 for a match), computed for the candidates only, not a second search.
            title = f"bm25({self.fts}, 1.0, 0.0) < 0"
        else:
            title = found
            params.append(f"title_terms : ({self.expression(query)})")
        return (
            f"SELECT e.id, e.kind, e.object_id, e.date, bm25({self.fts}, 10.0, 1.0) AS score, "
            f"{phrase} AS phrase, {title} AS title "
            f"FROM {self.fts} CROSS JOIN {TABLE} e ON e.id = {self.fts}.rowid "
            f"WHERE {self.fts} MATCH %s AND {where} ORDER BY {self.fts}.rowid DESC LIMIT %s",
            [*params, self.expression(query), *where_params, cap],
        )

    def matching_ids(self, query: Query):
        return f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s", [self.expression(query)]

    def install(self, schema_editor):
        fts, columns = self.fts, "title_terms, body_terms"
        for sql in (
            f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{TABLE}', "
            "content_rowid='id', tokenize='ascii')",
            f"CREATE TRIGGER {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
            f"INSERT INTO {fts}(rowid, {columns}) "
            "VALUES (new.id, new.title_terms, new.body_terms); END",
            f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {columns}) "
            "VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
            f"CREATE TRIGGER {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {columns}) "
            "VALUES ('delete', old.id, old.title_terms, old.body_terms); "
            f"INSERT INTO {fts}(rowid, {columns}) "
            "VALUES (new.id, new.title_terms, new.body_terms); END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        ):
            schema_editor.execute(sql)

    def uninstall(self, schema_editor):
        for trigger in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {self.fts}")


class PostgreSQLBackend:
    """PostgreSQL full-text search on a generated ``tsvector`` column with a GIN index.
    The ``simple`` configuration only lower-cases, so the terms stay as analysed; the
    title is weight A, the body B."""

    vendor = "postgresql"
    #: ts_rank weights for D, C, B, A: the body (B) counts a tenth of the title (A).
    weights = "{0.1, 0.1, 0.1, 1.0}"

    @staticmethod
    def clause(clause: Clause, weight: str = "") -> str:
        """``weight`` "A" matches the title only."""
        terms = [f"'{term}'" + (":" + weight if weight else "") for term in clause.terms]
        if clause.prefix:
            terms[-1] = f"'{clause.terms[-1]}':*{weight}"
        return "(" + " <-> ".join(terms) + ")"

    def expression(self, query: Query, weight: str = "") -> str:
        groups = [
            " & ".join(self.clause(clause, weight) for clause in group) for group in query.groups
        ]
        return " | ".join(f"({group})" for group in groups)

    def candidates(self, query: Query, where: str, where_params: list, cap: int):
        """The newest ``cap`` matching entries that pass ``where`` (on ``e``), with
        ``id, kind, object_id, date, score, phrase, title``: the GIN index finds them, and
        only those ``cap`` rows have their vectors read for ranking."""
        found = "(x.search_vector @@ to_tsquery('simple', %s))::int"
        phrase, params = "0", []
        if query.phrase:
            phrase = found
            params.append(self.clause(query.phrase))
        params.append(self.expression(query, weight="A"))
        return (
            f"SELECT x.id, x.kind, x.object_id, x.date, "
            f"-ts_rank('{self.weights}', x.search_vector, to_tsquery('simple', %s), 1) AS score, "
            f"{phrase} AS phrase, {found} AS title FROM (SELECT e.id FROM {TABLE} e "
            f"WHERE e.search_vector @@ to_tsquery('simple', %s) AND {where} "
            f"ORDER BY e.id DESC LIMIT %s) top JOIN {TABLE} x ON x.id = top.id",
            [self.expression(query), *params, self.expression(query), *where_params, cap],
        )

    def matching_ids(self, query: Query):
        return f"SELECT id FROM {TABLE} WHERE search_vector @@ to_tsquery('simple', %s)", [
            self.expression(query)
        ]

    def install(self, schema_editor):
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, body_terms), 'B')) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {TABLE}_search_vector ON {TABLE} USING gin (search_vector)"
        )

    def uninstall(self, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_search_vector")
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")


BACKENDS = {backend.vendor: backend for backend in (SQLiteBackend(), PostgreSQLBackend())}


def backend_for(conn=None):
    """The backend of a connection (the default one unless given)."""
    vendor = (conn or connection).vendor
    try:
        return BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"Search has no backend for {vendor}.") from None
