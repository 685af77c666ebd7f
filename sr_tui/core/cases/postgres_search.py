"""`PostgresCaseStore.search`: a `SearchQuery` as SQL on the search table of migration 3.

`search_text` holds each case's searchable text (one row per case, kept by triggers);
`folded`, every field of it one after another in lower case, carries a pg_trgm GIN
index. A term is a case-insensitive substring: `lower(text) LIKE lower('%term%')`.
Terms of three or more characters can be found through the trigram index; shorter ones
(most Chinese words: 宕机, 连接) cannot, and are read on the rows the rest leaves. A term
may be in one field and the next in another; a phrase is its characters together, never
across two fields or two pieces of one (char 30 sits between them).

The SQL only finds; `search.rank` ranks (BM25F, the fields weighted), as on SQLite, so a
query gives the same order on both. As SQLite's, a query hands `rank` a window of at
most `RANK_WINDOW` cases: the newest by case id; for short terms alone, those with the
terms in the number, title or keywords first, then in the rest of the record, then
anywhere (SQLite's tiers), newest first within each. Filter-only queries list the cases
newest activity first.

Finding the window: the newest `2 x window` rows are read first, lazily, so a broad term
(in every email) stops after a window's worth; only when they hold too few does the
query go through the trigram index over every case. The trigram index is lossy (each
row it gives is checked against the text), which is why a broad term is not asked of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sr_tui.core.cases.postgres_rows import SUMMARY_COLUMNS, row_to_summary
from sr_tui.core.cases.search import Candidate, SearchHit, hits, rank
from sr_tui.core.cases.search_query import FIELDS, RANK_WINDOW, SearchQuery, Term

#: How an area is compared (search_parse.normalize_area, in SQL, ASCII-folded as SQLite's).
_AREA = "replace(replace(lower(trim(c.area) COLLATE \"C\"), ' ', '_'), '-', '_')"

#: SQLite's tiers for short terms: a hit in an earlier one ranks high anyway.
_TIERS = (
    ("number", "title", "keywords"),
    ("description", "resolution", "root_cause"),
    ("notes", "email_subject", "email_body"),
)

#: The newest rows read first, as a multiple of the window.
_NEWEST = 2


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text(query: SearchQuery, fields: Sequence[str] | None = None) -> str:
    """The fields (default: the query's) as one lower-cased text: the indexed column
    when that is all of them."""
    fields = tuple(query.fields if fields is None else fields)
    if fields == FIELDS:
        return "s.folded"
    return "lower(" + " || E'\\x1e' || ".join(f"s.{f}" for f in fields) + ")"


def _has(text: str, term: Term) -> tuple[str, list[Any]]:
    return f"{text} LIKE lower(%s)", [_like(term.text)]


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
    query: SearchQuery,
    positive: Sequence[Term],
    exclude: Sequence[int],
    fields: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    """The positive terms (all, or one for mode "any") in `fields`, none of the negative
    ones in the query's fields, the filters, and not the cases in `exclude`."""
    where: list[str] = []
    params: list[Any] = []
    if positive:
        text = _text(query, fields)
        parts = [_has(text, t) for t in positive]
        joiner = " AND " if query.mode == "all" else " OR "
        where.append("(" + joiner.join(c for c, _ in parts) + ")")
        params += [p for _, ps in parts for p in ps]
    for term in query.negative:
        clause, ps = _has(_text(query), term)
        where.append(f"NOT ({clause})")
        params += ps
    if exclude:
        where.append("NOT (c.id = ANY(%s))")
        params.append(list(exclude))
    _filters(query, where, params)
    return " AND ".join(where) if where else "true", params


def _newest(conn: Any, clause: str, params: list[Any], n: int) -> list[int]:
    """The ids of the newest `n` cases (by id) meeting `clause` (see the module)."""
    if n <= 0:
        return []
    first = (
        "SELECT c.id FROM (SELECT * FROM search_text ORDER BY case_id DESC LIMIT %s) s "
        f"JOIN cases c ON c.id = s.case_id WHERE {clause} ORDER BY c.id DESC LIMIT %s"
    )
    rows = conn.execute(first, [_NEWEST * n, *params, n]).fetchall()
    if len(rows) < n:
        every = (
            "SELECT c.id FROM cases c JOIN search_text s ON s.case_id = c.id "
            f"WHERE {clause} ORDER BY c.id DESC LIMIT %s"
        )
        rows = conn.execute(every, [*params, n]).fetchall()
    return [int(row[0]) for row in rows]


def _tiered(conn: Any, query: SearchQuery, short: Sequence[Term], window: int) -> list[int]:
    """Short terms, tier by tier, as SQLite's `_tiered`: one term (or mode "any"), each
    tier in its own fields; all of several, in the fields of the tiers so far; each tier
    only while the window has room, without the cases found before."""
    alone = len(short) == 1 or query.mode == "any"
    ids: list[int] = []
    fields: list[str] = []
    for tier in _TIERS:
        added = [f for f in tier if f in query.fields]
        if not added:
            continue
        fields = added if alone else [*fields, *added]
        clause, params = _where(query, short, ids, fields)
        ids += _newest(conn, clause, params, window - len(ids))
        if len(ids) >= window:
            break
    return ids


def search(conn: Any, query: SearchQuery, limit: int) -> list[SearchHit]:
    """The hits of `query` (see `sr_tui.core.cases.search` for what they must be)."""
    if query.is_empty or limit <= 0:
        return []
    positive = query.positive
    indexed = [t for t in positive if not t.short]
    short = [t for t in positive if t.short]
    window = max(RANK_WINDOW, limit)
    if not positive:  # filters (and exclusions) alone: the newest activity first
        clause, params = _where(query, (), ())
        sql = (
            "SELECT c.id FROM cases c JOIN search_text s ON s.case_id = c.id "
            f"WHERE {clause} ORDER BY c.last_activity_at DESC, c.number DESC LIMIT %s"
        )
        ids = [int(r[0]) for r in conn.execute(sql, [*params, limit]).fetchall()]
    elif indexed and (query.mode == "all" or not short):
        ids = _newest(conn, *_where(query, positive, ()), window)
    elif not indexed:
        ids = _tiered(conn, query, short, window)
    else:  # any, of indexed and short terms: each kind finds its own
        ids = _newest(conn, *_where(query, indexed, ()), window)
        seen = set(ids)
        ids += [i for i in _tiered(conn, query, short, window) if i not in seen]
    if not ids:
        return []
    columns = "".join(f", s.{f}" for f in query.fields) if positive else ""
    rows = conn.execute(
        f"SELECT c.id, c.last_activity_at, c.number{columns} "
        "FROM cases c JOIN search_text s ON s.case_id = c.id WHERE c.id = ANY(%s)",
        (ids,),
    ).fetchall()
    found = {int(row[0]): row for row in rows}
    candidates = []
    for key in ids:
        row = found.get(key)
        if row is not None:
            texts = dict(zip(query.fields, row[3:], strict=True)) if positive else {}
            candidates.append(Candidate(key, row[1], row[2], texts))
    if positive:
        candidates = [c.counted(query) for c in candidates]
    ranked = rank(query, candidates)[:limit]
    summaries = {
        int(row[0]): row_to_summary(row[1:])
        for row in conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM cases WHERE id = ANY(%s)",
            ([c.key for c in ranked],),
        ).fetchall()
    }
    return hits(query, ranked, summaries)
