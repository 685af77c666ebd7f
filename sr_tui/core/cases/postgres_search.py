"""`PostgresCaseStore.search`: a `SearchQuery` as SQL on the search table of migration 3.

`search_text` holds each case's searchable text (one row per case, kept by triggers),
and `all_text`, every field of it one after another, carries a pg_trgm GIN index. Every
term is an `ILIKE` substring of the text: terms of three or more characters are found
through the trigram index, shorter ones (most Chinese words: 宕机, 连接) are the same
`ILIKE`, which the index cannot narrow, read on the rows the other conditions leave. A
term may be in one field and the next in another; a phrase is its characters together,
never across two fields or two pieces of one (char 30 sits between them).

Ranking, as the search contract asks and SQLite's bm25 does in its own way: a term found
in a field scores that field's `FIELD_WEIGHTS` weight, summed over the fields and the
terms, so a title hit ranks above a note hit; ties, newest activity first, then the
higher number. As SQLite's, only the `RANK_WINDOW` most recently created matching cases
are ranked when more match; filter-only queries list the cases in the case list's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sr_tui.core.cases.postgres_rows import SUMMARY_COLUMNS, row_to_summary
from sr_tui.core.cases.search import (
    FIELD_WEIGHTS,
    FIELDS,
    RANK_WINDOW,
    SearchHit,
    SearchQuery,
    Term,
    best_snippet,
)

_AREA = "replace(replace(lower(trim(c.area) COLLATE \"C\"), ' ', '_'), '-', '_')"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text(query: SearchQuery) -> str:
    """The query's fields as one text: the indexed column when it asks for all of them."""
    if tuple(query.fields) == FIELDS:
        return "s.all_text"
    return "(" + " || E'\\x1e' || ".join(f"s.{f}" for f in query.fields) + ")"


def _filters(query: SearchQuery, where: list[str], params: list[Any]) -> None:
    if query.statuses is not None:
        where.append("c.status = ANY(%s)")
        params.append(sorted(str(s) for s in query.statuses))
    if query.urgencies is not None:
        where.append("c.urgency = ANY(%s)")
        params.append(sorted(str(u) for u in query.urgencies))
    if query.areas is not None:
        where.append(f"{_AREA} = ANY(%s)")
        params.append(sorted(query.areas))
    if query.exclude_areas:
        where.append(f"NOT ({_AREA} = ANY(%s))")
        params.append(sorted(query.exclude_areas))
    if query.since is not None:
        where.append("c.submitted_at >= %s")
        params.append(query.since)
    if query.until is not None:
        where.append("c.submitted_at < %s")
        params.append(query.until)
    if query.knowledge is not None:
        where.append("c.knowledge = %s")
        params.append(query.knowledge)


def _score(query: SearchQuery, terms: Sequence[Term]) -> tuple[str, list[Any]]:
    parts, params = [], []
    for term in terms:
        pattern = _like(term.text)
        for name in query.fields:
            parts.append(f"(s.{name} ILIKE %s)::int * {FIELD_WEIGHTS[name]:g}")
            params.append(pattern)
    return " + ".join(parts) or "0", params


def search(conn: Any, query: SearchQuery, limit: int) -> list[SearchHit]:
    """The hits of `query` (see `sr_tui.core.cases.search` for what they must be)."""
    if query.is_empty or limit <= 0:
        return []
    positive, negative = query.positive, query.negative
    text = _text(query)
    where: list[str] = []
    params: list[Any] = []
    if positive:
        joiner = " AND " if query.mode == "all" else " OR "
        where.append("(" + joiner.join(f"{text} ILIKE %s" for _ in positive) + ")")
        params += [_like(t.text) for t in positive]
    for term in negative:
        where.append(f"NOT ({text} ILIKE %s)")
        params.append(_like(term.text))
    _filters(query, where, params)
    clause = " AND ".join(where) if where else "true"
    source = "cases c JOIN search_text s ON s.case_id = c.id"
    if not positive:  # filters (and exclusions) only: the case list's order
        sql = (
            f"SELECT c.id, 0, c.last_activity_at, c.number FROM {source} WHERE {clause} "
            "ORDER BY c.last_activity_at DESC, c.number DESC LIMIT %s"
        )
        rows = conn.execute(sql, [*params, limit]).fetchall()
    else:
        score, score_params = _score(query, positive)
        sql = (
            f"WITH window_ AS (SELECT c.id FROM {source} WHERE {clause} "
            "ORDER BY c.id DESC LIMIT %s) "
            f"SELECT c.id, {score} AS score, c.last_activity_at, c.number "
            "FROM window_ w JOIN cases c ON c.id = w.id JOIN search_text s ON s.case_id = c.id "
            "ORDER BY score DESC, c.last_activity_at DESC, c.number DESC LIMIT %s"
        )
        window = max(RANK_WINDOW, limit)
        rows = conn.execute(sql, [*params, window, *score_params, limit]).fetchall()
    return _hits(conn, query, [(int(r[0]), float(r[1])) for r in rows])


def _hits(conn: Any, query: SearchQuery, chosen: list[tuple[int, float]]) -> list[SearchHit]:
    if not chosen:
        return []
    ids = [key for key, _ in chosen]
    summaries = {
        int(row[0]): row_to_summary(row[1:])
        for row in conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM cases WHERE id = ANY(%s)", (ids,)
        ).fetchall()
    }
    texts: dict[int, dict[str, str]] = {}
    if query.positive:
        columns = ", ".join(query.fields)
        for row in conn.execute(
            f"SELECT case_id, {columns} FROM search_text WHERE case_id = ANY(%s)", (ids,)
        ).fetchall():
            texts[int(row[0])] = dict(zip(query.fields, row[1:], strict=True))
    hits = []
    for key, score in chosen:
        summary = summaries.get(key)
        if summary is None:  # gone meanwhile (another engineer renumbered or removed it)
            continue
        snippet, fields = best_snippet(texts.get(key, {}), query)
        hits.append(SearchHit(summary, score, snippet, fields))
    return hits
