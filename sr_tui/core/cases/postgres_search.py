"""`PostgresCaseStore.search`: a `SearchQuery` as SQL on the search table of migration 3.

`search_text` holds each case's searchable text (one row per case, kept by triggers),
and `all_text`, every field of it one after another, carries a pg_trgm GIN index. Every
term is an `ILIKE` substring of the text: terms of three or more characters are found
through the trigram index, shorter ones (most Chinese words: 宕机, 连接) are the same
`ILIKE`, which the index cannot narrow, read on the rows the other conditions leave. A
term may be in one field and the next in another; a phrase is its characters together,
never across two fields or two pieces of one (char 30 sits between them).

The SQL only finds; `search.rank` ranks (BM25F, the fields weighted), as on SQLite, so a
query gives the same order on both. As SQLite's, a broad query hands `rank` only a
window of `RANK_WINDOW` cases: the newest by case id for indexed terms; for short terms
alone those with the terms in the number, title or keywords first, then in the rest of
the record, then anywhere (SQLite's tiers), newest first within each. Filter-only
queries list the cases newest activity first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sr_tui.core.cases.postgres_rows import SUMMARY_COLUMNS, row_to_summary
from sr_tui.core.cases.search import (
    FIELDS,
    RANK_WINDOW,
    Candidate,
    SearchHit,
    SearchQuery,
    Term,
    hits,
    rank,
)

#: How an area is compared (search.normalize_area, in SQL, ASCII-folded as SQLite's).
_AREA = "replace(replace(lower(trim(c.area) COLLATE \"C\"), ' ', '_'), '-', '_')"

#: SQLite's tiers for short terms: a hit in an earlier one ranks high anyway.
_TIERS = (
    ("number", "title", "keywords"),
    ("description", "resolution", "root_cause"),
    ("notes", "email_subject", "email_body"),
)

_SOURCE = "cases c JOIN search_text s ON s.case_id = c.id"


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text(query: SearchQuery) -> str:
    """The query's fields as one text: the indexed column when it asks for all of them."""
    if tuple(query.fields) == FIELDS:
        return "s.all_text"
    return "(" + " || E'\\x1e' || ".join(f"s.{f}" for f in query.fields) + ")"


def _in(fields: Sequence[str], term: Term) -> tuple[str, list[Any]]:
    """SQL true when `term` is in one of `fields`."""
    if not fields:
        return "false", []
    pattern = _like(term.text)
    return "(" + " OR ".join(f"s.{f} ILIKE %s" for f in fields) + ")", [pattern] * len(fields)


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


def _where(
    query: SearchQuery, positive: Sequence[Term], exclude: Sequence[int]
) -> tuple[str, list[Any]]:
    """The positive terms (all, or one for mode "any"), none of the negative ones, the
    filters, and not the cases in `exclude`."""
    text = _text(query)
    where: list[str] = []
    params: list[Any] = []
    if positive:
        joiner = " AND " if query.mode == "all" else " OR "
        where.append("(" + joiner.join(f"{text} ILIKE %s" for _ in positive) + ")")
        params += [_like(t.text) for t in positive]
    for term in query.negative:
        where.append(f"NOT ({text} ILIKE %s)")
        params.append(_like(term.text))
    if exclude:
        where.append("NOT (c.id = ANY(%s))")
        params.append(list(exclude))
    _filters(query, where, params)
    return " AND ".join(where) if where else "true", params


def _tier(query: SearchQuery, short: Sequence[Term]) -> tuple[str, list[Any]]:
    """The tier a case's short terms put it in (0 first), as SQLite's `_tiered` fills
    its window: one term (or mode "any"), the first tier with a term in its fields; all
    of several, the first tier by which every term has turned up."""
    alone = len(short) == 1 or query.mode == "any"
    branches, params = [], []
    seen: list[str] = []
    for n, tier in enumerate(_TIERS[:-1]):
        fields = [f for f in tier if f in query.fields]
        seen += fields
        looked = fields if alone else seen
        parts = [_in(looked, t) for t in short]
        joiner = " OR " if alone else " AND "
        branches.append(f"WHEN {joiner.join(c for c, _ in parts)} THEN {n}")
        params += [p for _, ps in parts for p in ps]
    return f"CASE {' '.join(branches)} ELSE {len(_TIERS) - 1} END", params


def _find(
    conn: Any,
    query: SearchQuery,
    positive: Sequence[Term],
    window: int,
    exclude: Sequence[int] = (),
) -> list[int]:
    """The ids of the window's cases for these positive terms (see the module)."""
    clause, params = _where(query, positive, exclude)
    if not positive:
        order, order_params = "c.last_activity_at DESC, c.number DESC", []
    elif any(not t.short for t in positive):
        order, order_params = "c.id DESC", []
    else:
        tier, order_params = _tier(query, positive)
        order = f"{tier}, c.id DESC"
    sql = f"SELECT c.id FROM {_SOURCE} WHERE {clause} ORDER BY {order} LIMIT %s"
    rows = conn.execute(sql, [*params, *order_params, window]).fetchall()
    return [int(row[0]) for row in rows]


def search(conn: Any, query: SearchQuery, limit: int) -> list[SearchHit]:
    """The hits of `query` (see `sr_tui.core.cases.search` for what they must be)."""
    if query.is_empty or limit <= 0:
        return []
    positive = query.positive
    indexed = [t for t in positive if not t.short]
    short = [t for t in positive if t.short]
    window = max(RANK_WINDOW, limit)
    if not positive:  # filters (and exclusions) alone: the newest activity first
        ids = _find(conn, query, positive, limit)
    elif query.mode == "all" or not (indexed and short):
        ids = _find(conn, query, positive, window)
    else:  # any, of indexed and short terms: each kind finds its own
        ids = _find(conn, query, indexed, window)
        ids += _find(conn, query, short, window, exclude=ids)
    if not ids:
        return []
    stamps: dict[int, tuple[Any, str]] = {}
    texts: dict[int, dict[str, str]] = {}
    columns = ", ".join(f"s.{f}" for f in query.fields) if positive else ""
    rows = conn.execute(
        f"SELECT c.id, c.last_activity_at, c.number{', ' + columns if columns else ''} "
        f"FROM {_SOURCE} WHERE c.id = ANY(%s)",
        (ids,),
    ).fetchall()
    for row in rows:
        stamps[int(row[0])] = (row[1], row[2])
        if positive:
            texts[int(row[0])] = dict(zip(query.fields, row[3:], strict=True))
    candidates = [Candidate(key, *stamps[key], texts.get(key, {})) for key in ids if key in stamps]
    if positive:
        candidates = [c.counted(query) for c in candidates]
    ranked = rank(query, candidates)[:limit]
    chosen = [c.key for c in ranked]
    summaries = {
        int(row[0]): row_to_summary(row[1:])
        for row in conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM cases WHERE id = ANY(%s)", (chosen,)
        ).fetchall()
    }
    return hits(query, ranked, summaries)
