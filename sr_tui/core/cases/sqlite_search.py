"""`SqliteCaseStore.search`: a `SearchQuery` as SQL on the search tables of migration 3.

`search_record` and `search_timeline` hold each case's searchable text (a row each per
case, kept by triggers; the view `search_text` joins them); `search_index` is an FTS5
trigram index over the view, whose rowid is the case id. Terms of three or more
characters are MATCHed in the index; shorter ones are patterns on the two tables
themselves, never LIKE on the index (on SQLite 3.40 a LIKE on a trigram table
silently finds nothing for a two-character Chinese term): LIKE for a term with ASCII
letters (ASCII case-insensitive), GLOB for one without, which has no case to fold and
reads Chinese text about 2.5x faster. The patterns run only on the cases the short-term
index of migration 4 says may hold the term (`sqlite_search_short`), so a term in few
cases or none reads little or no text.

The index only finds; `search.rank` ranks (BM25F with the fields weighted), as on every
backend. FTS5's own bm25() was measured and left: it counts each phrase's documents over
the whole index for its IDF, 50 ms for a phrase in every case of 10,000. A broad term
matches thousands of cases, so the newest `RANK_WINDOW` (by case id) that pass the
filters are ranked; short terms are looked for tier by tier (number, title and
keywords; the rest of the record; the timeline), so a common one never reads an email.
Filter-only queries list the cases newest activity first, by the case-list indexes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.search import Candidate, SearchHit, hits, rank
from sr_tui.core.cases.search_query import FIELDS, RANK_WINDOW, SearchQuery, Term
from sr_tui.core.cases.search_snippets import fold
from sr_tui.core.cases.sqlite_rows import SUMMARY_COLUMNS, row_to_summary
from sr_tui.core.cases.sqlite_search_short import ShortTerms

#: How an area is compared (search_parse.normalize_area, in SQL).
_AREA = "replace(replace(lower(trim(c.area)), ' ', '_'), '-', '_')"


@dataclass
class _Sql:
    """A WHERE clause being built, with its parameters in order."""

    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def clause(self) -> str:
        return " AND ".join(self.where) if self.where else "1"


def _phrase(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"'


def _in_fields(query: SearchQuery, expression: str) -> str:
    if tuple(query.fields) == FIELDS:
        return expression
    return "{" + " ".join(query.fields) + "} : (" + expression + ")"


def _match(query: SearchQuery, positive: Sequence[Term], negative: Sequence[Term]) -> str:
    """The FTS5 expression: the positive phrases (AND; OR for mode "any") without any of
    the negative ones, in the query's fields."""
    joiner = " AND " if query.mode == "all" else " OR "
    expression = joiner.join(_phrase(t) for t in positive)
    if negative:
        expression = f"({expression}) NOT ({' OR '.join(_phrase(t) for t in negative)})"
    return _in_fields(query, expression)


def _pattern(term: Term) -> tuple[str, str]:
    """(operator, pattern) matching `term` anywhere in a text."""
    text = term.text
    if any("a" <= c <= "z" or "A" <= c <= "Z" for c in text):
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "LIKE ? ESCAPE '\\'", f"%{escaped}%"
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in text)
    return "GLOB ?", f"*{escaped}*"


#: The timeline's fields (table search_timeline, alias t; the others: search_record r),
#: and the order patterns try the fields in: the small ones first, the emails' bodies last.
_TIMELINE = ("notes", "email_subject", "email_body")
_SCAN_ORDER = (*(f for f in FIELDS if f not in _TIMELINE), *_TIMELINE)


def _column(name: str) -> str:
    return f"t.{name}" if name in _TIMELINE else f"r.{name}"


def _found(fields: Sequence[str], term: Term) -> tuple[str, list[object]]:
    """SQL true when `term` (a short one) is in one of `fields`."""
    operator, pattern = _pattern(term)
    ordered = [f for f in _SCAN_ORDER if f in fields]
    clause = " OR ".join(f"{_column(f)} {operator}" for f in ordered)
    return f"({clause})", [pattern] * len(ordered)


def _filters(query: SearchQuery, sql: _Sql) -> None:
    def one_of(column: str, values: Sequence[str], negate: bool = False) -> None:
        sql.add(f"{column} {'NOT ' if negate else ''}IN ({', '.join('?' * len(values))})", *values)

    if query.statuses is not None:
        one_of("c.status", sorted(str(s) for s in query.statuses))
    if query.urgencies is not None:
        one_of("c.urgency", sorted(str(u) for u in query.urgencies))
    if query.areas is not None:
        one_of(_AREA, sorted(query.areas))
    if query.exclude_areas:
        one_of(_AREA, sorted(query.exclude_areas), negate=True)
    if query.since is not None:
        sql.add("c.submitted_at >= ?", encode_time(query.since))
    if query.until is not None:
        sql.add("c.submitted_at < ?", encode_time(query.until))
    if query.knowledge is not None:
        sql.add("c.knowledge = ?", int(query.knowledge))


#: Where short terms are looked for, tier by tier: a hit in an earlier tier ranks high,
#: and its columns are small, so a common term fills the window without reading emails.
_TIERS = (("number", "title", "keywords"), ("description", "resolution", "root_cause"), _TIMELINE)


def _find(
    conn: sqlite3.Connection,
    query: SearchQuery,
    positive: Sequence[Term],
    window: int,
    *,
    fields: Sequence[str] | None = None,
    exclude: Sequence[int] = (),
    lookup: ShortTerms | None = None,
) -> list[int]:
    """The ids of the newest `window` cases (by case id; by activity for filters alone)
    with the positive terms (all of them, or one for mode "any"; short ones only in
    `fields` if given), none of the negative ones, the filters, and not in `exclude`.

    One table drives the scan, in its rowid (= case id) order, and the others are
    looked up by key: the index for indexed terms; for short ones the timeline when they
    are looked for there (its text is the bulk: read in order), else the record."""
    indexed = [t for t in positive if not t.short]
    short = [t for t in positive if t.short]
    short_negative = [t for t in query.negative if t.short]
    long_negative = [t for t in query.negative if not t.short]
    looked_in = tuple(query.fields if fields is None else fields)
    used = set(looked_in if short else ()) | set(query.fields if short_negative else ())
    tables = {"r": "search_record", "t": "search_timeline", "c": "cases"}
    needed = {
        "r": bool(used - set(_TIMELINE)),
        "t": bool(used & set(_TIMELINE)),
        "c": query.has_filters or not positive,
    }
    sql = _Sql()
    if indexed:
        driver, key = "search_index", "search_index.rowid"
        sql.add("search_index MATCH ?", _match(query, indexed, long_negative))
        if query.since is not None:  # no case before the first submitted since then
            first = "SELECT min(id) FROM cases WHERE submitted_at >= ?"
            sql.add(f"search_index.rowid >= ({first})", encode_time(query.since))
        order = "search_index.rowid DESC"
    else:
        alias = "t" if short and needed["t"] else "r" if short else "c"
        needed[alias] = False
        driver, key = f"{tables[alias]} {alias}", f"{alias}.{'id' if alias == 'c' else 'case_id'}"
        order = f"{key} DESC" if short else "c.last_activity_at DESC, c.number DESC"
        if long_negative:  # any one of them leaves a case out
            excluded = "SELECT rowid FROM search_index WHERE search_index MATCH ?"
            expression = _in_fields(query, " OR ".join(_phrase(t) for t in long_negative))
            sql.add(f"{key} NOT IN ({excluded})", expression)
    joins = "".join(
        f" JOIN {tables[a]} {a} ON {a}.{'id' if a == 'c' else 'case_id'} = {key}"
        for a in ("c", "r", "t")
        if needed[a]
    )
    found = [_found(looked_in, t) for t in short]
    if short and lookup is not None:  # each only in the cases the index may find it in
        narrowed = [_narrowed(lookup, t, looked_in, key) for t in short]
        kept = [n for n in narrowed if n is not None]
        if not kept or (query.mode == "all" and len(kept) < len(narrowed)):
            return []  # no case has them all (or any, for mode "any")
        found = kept
    if found:
        joiner = " AND " if query.mode == "all" else " OR "
        sql.add("(" + joiner.join(c for c, _ in found) + ")", *(p for _, ps in found for p in ps))
    for term in short_negative:
        clause, params = _found(query.fields, term)
        sql.add(f"NOT {clause}", *params)
    if exclude:
        sql.add(f"{key} NOT IN ({', '.join('?' * len(exclude))})", *exclude)
    _filters(query, sql)
    text = f"SELECT {key} FROM {driver}{joins} WHERE {sql.clause()} ORDER BY {order} LIMIT ?"
    return [row[0] for row in conn.execute(text, [*sql.params, window])]


def _narrowed(
    lookup: ShortTerms, term: Term, fields: Sequence[str], key: str
) -> tuple[str, list[object]] | None:
    """The pattern of a short term in `fields`, on the cases the index may find it in
    only; None when it finds none, the pattern alone when the term is left to patterns."""
    clause, params = _found(fields, term)
    found = lookup.candidates(term.text, fields)
    if found is None:
        return clause, params
    candidates, more = found
    if not candidates:
        return None
    return f"({key} IN ({candidates}) AND {clause})", [*more, *params]


def _tiered(
    conn: sqlite3.Connection,
    query: SearchQuery,
    short: Sequence[Term],
    window: int,
    lookup: ShortTerms | None = None,
):
    """Short terms, tier by tier: the cases with them in the first tier's fields, then
    in the first two tiers' (the record), then anywhere; each tier only while the window
    has room, and without the cases an earlier tier found. With one term (or mode "any")
    a case an earlier tier did not find has no term in its fields, so each tier looks
    in its own fields only: the emails are read only for what the record lacks."""
    alone = len(short) == 1 or query.mode == "any"
    ids: list[int] = []
    fields: list[str] = []
    for tier in _TIERS:
        added = [f for f in tier if f in query.fields]
        if not added:
            continue
        fields = added if alone else [*fields, *added]
        ids += _find(
            conn, query, short, window - len(ids), fields=fields, exclude=ids, lookup=lookup
        )
        if len(ids) >= window:
            break
    return ids


def _chunks(ids: Sequence[int], size: int = 400):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _texts(conn: sqlite3.Connection, query: SearchQuery, ids: Sequence[int]) -> dict[int, dict]:
    columns = ", ".join(query.fields)
    out: dict[int, dict] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT case_id, {columns} FROM search_text "
            f"WHERE case_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for row in rows:
            out[int(row[0])] = dict(zip(query.fields, row[1:], strict=True))
    return out


def _summaries(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, object]:
    out = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM cases "
            f"WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        out.update({int(row[0]): row_to_summary(row[1:]) for row in rows})
    return out


def _stamps(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Last activity and number of each case, to break ties."""
    out = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" * len(chunk))
        for key, at, number in conn.execute(
            f"SELECT id, last_activity_at, number FROM cases WHERE id IN ({marks})", chunk
        ):
            out[int(key)] = (at, number)
    return out


def search(conn: sqlite3.Connection, query: SearchQuery, limit: int) -> list[SearchHit]:
    """The hits of `query` (see `sr_tui.core.cases.search` for what they must be)."""
    if query.is_empty or limit <= 0:
        return []
    positive = query.positive
    indexed = [t for t in positive if not t.short]
    short = [t for t in positive if t.short]
    window = max(RANK_WINDOW, limit)
    lookup = ShortTerms(conn) if short else None
    if not positive:  # filters (and exclusions) alone: the newest activity first
        ids = _find(conn, query, positive, limit)
    elif indexed and (query.mode == "all" or not short):
        ids = _find(conn, query, positive, window, lookup=lookup)
    elif not indexed:
        ids = _tiered(conn, query, short, window, lookup)
    else:  # any, of indexed and short terms: each kind finds its own
        ids = _find(conn, query, indexed, window)
        seen = set(ids)
        ids += [i for i in _tiered(conn, query, short, window, lookup) if i not in seen]
    stamps = _stamps(conn, ids)
    texts = _texts(conn, query, ids) if positive else {}
    candidates = [Candidate(key, *stamps[key], texts.get(key, {})) for key in ids if key in stamps]
    if positive:
        needles = [fold(t.text) for t in positive]
        candidates = [c.counted(query, needles) for c in candidates]
    ranked = rank(query, candidates)[:limit]
    return hits(query, ranked, _summaries(conn, [c.key for c in ranked]))
