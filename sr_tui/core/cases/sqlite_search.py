"""`SqliteCaseStore.search`: a `SearchQuery` as SQL on the search tables of migration 3.

`search_text` holds each case's searchable text (one row per case, kept by triggers);
`search_index` is an FTS5 trigram index over it. Terms of three or more characters go
to the index (MATCH, ranked by bm25 with the columns weighted by `FIELD_WEIGHTS`); the
shorter ones are LIKE patterns on `search_text` itself, never on the index (on SQLite
3.40 a LIKE on a trigram table silently finds nothing for a two-character Chinese term).

Broad terms match thousands of cases, and bm25 costs a walk over each one's positions:
the index is read newest case first (its rowid is the case id) and only the newest
`RANK_WINDOW` matching cases that pass the filters are ranked. Filter-only queries list
the cases newest activity first, by the case-list indexes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.search import (
    FIELD_WEIGHTS,
    FIELDS,
    RANK_WINDOW,
    SearchHit,
    SearchQuery,
    Term,
    best_snippet,
)
from sr_tui.core.cases.sqlite_rows import SUMMARY_COLUMNS, row_to_summary

#: bm25's column weights, in the index's column order.
_BM25 = "bm25(search_index, {})".format(", ".join(f"{FIELD_WEIGHTS[f]:g}" for f in FIELDS))


@dataclass
class _Sql:
    """A WHERE clause being built, with its parameters."""

    where: list[str]
    params: list[object]

    def add(self, clause: str, *params: object) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def clause(self) -> str:
        return " AND ".join(self.where) if self.where else "1"


def _phrase(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"'


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _match(query: SearchQuery, positive: Sequence[Term], negative: Sequence[Term]) -> str:
    """The FTS5 expression: the positive phrases (AND, or OR for mode "any") without the
    negative ones, in the query's fields."""
    joiner = " AND " if query.mode == "all" else " OR "
    expression = joiner.join(_phrase(t) for t in positive)
    if negative:
        expression = f"({expression}) NOT ({' OR '.join(_phrase(t) for t in negative)})"
    return _in_fields(query, expression)


def _any_of(query: SearchQuery, terms: Sequence[Term]) -> str:
    return _in_fields(query, " OR ".join(_phrase(t) for t in terms))


def _in_fields(query: SearchQuery, expression: str) -> str:
    if tuple(query.fields) == FIELDS:
        return expression
    return "{" + " ".join(query.fields) + "} : (" + expression + ")"


def _found(query: SearchQuery, term: Term) -> tuple[str, list[object]]:
    """`term` (a short one) occurs in one of the query's fields of `search_text s`."""
    pattern = _like(term.text)
    clause = " OR ".join(f"s.{f} LIKE ? ESCAPE '\\'" for f in query.fields)
    return f"({clause})", [pattern] * len(query.fields)


def _like_score(query: SearchQuery, terms: Sequence[Term]) -> tuple[str, list[object]]:
    """Relevance of the short terms: for each, the weight of the best field it is in."""
    parts, params = [], []
    for term in terms:
        pattern = _like(term.text)
        weights = [f"(s.{f} LIKE ? ESCAPE '\\') * {FIELD_WEIGHTS[f]:g}" for f in query.fields]
        parts.append(f"max({', '.join(weights)}, 0)")
        params += [pattern] * len(query.fields)
    return (" + ".join(parts) or "0"), params


def _filters(query: SearchQuery, sql: _Sql) -> None:
    if query.statuses is not None:
        wanted = sorted(str(s) for s in query.statuses)
        sql.add(f"c.status IN ({', '.join('?' * len(wanted))})", *wanted)
    if query.urgencies is not None:
        wanted = sorted(str(u) for u in query.urgencies)
        sql.add(f"c.urgency IN ({', '.join('?' * len(wanted))})", *wanted)
    area = "replace(replace(lower(trim(c.area)), ' ', '_'), '-', '_')"
    if query.areas is not None:
        wanted = sorted(query.areas)
        sql.add(f"{area} IN ({', '.join('?' * len(wanted))})", *wanted)
    if query.exclude_areas:
        unwanted = sorted(query.exclude_areas)
        sql.add(f"{area} NOT IN ({', '.join('?' * len(unwanted))})", *unwanted)
    if query.since is not None:
        sql.add("c.submitted_at >= ?", encode_time(query.since))
    if query.until is not None:
        sql.add("c.submitted_at < ?", encode_time(query.until))
    if query.knowledge is not None:
        sql.add("c.knowledge = ?", int(query.knowledge))


@dataclass
class _Candidate:
    case_id: int
    score: float
    activity: str
    number: str


def search(conn: sqlite3.Connection, query: SearchQuery, limit: int) -> list[SearchHit]:
    """The hits of `query` (see `sr_tui.core.cases.search` for what they must be)."""
    if query.is_empty or limit <= 0:
        return []
    positive, negative = query.positive, query.negative
    if query.mode == "all" or not positive:
        found = _candidates(conn, query, positive, negative, limit)
    else:  # any: the indexed terms and the short ones are found apart, then added up
        found = _any(conn, query, positive, negative, limit)
    # The best first; equal scores: newest activity, then the higher number.
    found.sort(key=lambda c: (c.activity, c.number), reverse=True)
    found.sort(key=lambda c: c.score, reverse=True)
    return _hits(conn, query, found[:limit])


def _candidates(
    conn: sqlite3.Connection,
    query: SearchQuery,
    positive: Sequence[Term],
    negative: Sequence[Term],
    limit: int,
) -> list[_Candidate]:
    indexed = [t for t in positive if not t.short]
    short = [t for t in positive if t.short]
    sql = _Sql([], [])
    window = max(RANK_WINDOW, limit)
    if indexed:
        match = _match(query, indexed, [t for t in negative if not t.short])
        sql.add("search_index MATCH ?", match)
        select = f"search_index.rowid, -{_BM25}"
        source = "search_index JOIN cases c ON c.id = search_index.rowid"
        order = "search_index.rowid DESC"
    else:
        score, score_params = _like_score(query, short)
        select = f"c.id, {score}"
        sql.params.extend(score_params)  # the select list's parameters come first
        source = "cases c"
        order = "c.last_activity_at DESC, c.number DESC"
        long_negative = [t for t in negative if not t.short]
        if long_negative:  # any one of them excludes a case
            excluded = "SELECT rowid FROM search_index WHERE search_index MATCH ?"
            sql.add(f"c.id NOT IN ({excluded})", _any_of(query, long_negative))
        if not short:
            window = limit  # filters only: newest activity first is the order itself
    short_negative = [t for t in negative if t.short]
    if short or short_negative:
        source += " JOIN search_text s ON s.case_id = c.id"
    found = [_found(query, term) for term in short]
    if found:
        joiner = " AND " if query.mode == "all" else " OR "
        sql.add(
            "(" + joiner.join(clause for clause, _ in found) + ")",
            *(p for _, params in found for p in params),
        )
    for term in short_negative:
        clause, params = _found(query, term)
        sql.add(f"NOT {clause}", *params)
    _filters(query, sql)
    text = (
        f"SELECT {select}, c.last_activity_at, c.number FROM {source} "
        f"WHERE {sql.clause()} ORDER BY {order} LIMIT ?"
    )
    rows = conn.execute(text, [*sql.params, window]).fetchall()
    return [_Candidate(int(r[0]), float(r[1]), r[2], r[3]) for r in rows]


def _any(
    conn: sqlite3.Connection,
    query: SearchQuery,
    positive: Sequence[Term],
    negative: Sequence[Term],
    limit: int,
) -> list[_Candidate]:
    """Mode "any": cases with one of the indexed terms (ranked by bm25) and cases with one
    of the short terms (ranked by field weight), the scores of a case found both ways
    added up."""
    merged: dict[int, _Candidate] = {}
    for group in ([t for t in positive if not t.short], [t for t in positive if t.short]):
        if not group:
            continue
        for candidate in _candidates(conn, query, group, negative, limit):
            seen = merged.get(candidate.case_id)
            if seen is None:
                merged[candidate.case_id] = candidate
            else:
                seen.score += candidate.score
    return list(merged.values())


def _hits(
    conn: sqlite3.Connection, query: SearchQuery, chosen: Sequence[_Candidate]
) -> list[SearchHit]:
    if not chosen:
        return []
    ids = [c.case_id for c in chosen]
    marks = ", ".join("?" * len(ids))
    summaries = {
        int(row[0]): row_to_summary(row[1:])
        for row in conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM cases WHERE id IN ({marks})", ids
        )
    }
    texts: dict[int, dict[str, str]] = {}
    if query.positive:
        columns = ", ".join(query.fields)
        for row in conn.execute(
            f"SELECT case_id, {columns} FROM search_text WHERE case_id IN ({marks})", ids
        ):
            texts[int(row[0])] = dict(zip(query.fields, row[1:], strict=True))
    hits = []
    for candidate in chosen:
        summary = summaries.get(candidate.case_id)
        if summary is None:  # gone meanwhile (another process)
            continue
        snippet, fields = best_snippet(texts.get(candidate.case_id, {}), query)
        hits.append(SearchHit(summary, candidate.score, snippet, fields))
    return hits
