"""The small queries the PostgreSQL store's methods share, each run on a connection inside
the call's transaction (`postgres_conn.Server.write`), or alone (`read`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sr_tui.core.cases.model import Entry
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.postgres_rows import (
    CASE_TEXT_COLUMNS,
    INSERT_CASE,
    INSERT_ENTRY,
    SELECT_SUMMARY,
    case_params,
    entry_params,
)
from sr_tui.core.cases.store import ImportResult, Record

#: SQLite's LIKE folds ASCII letters only; PostgreSQL's ILIKE and lower() fold every
#: script's, except in the "C" collation, where lower() folds A-Z alone (and is several
#: times faster than translate()).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def _folded(column: str) -> str:
    return "lower((" + column + ') COLLATE "C")'


def case_id(conn: Any, number: str) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE number = %s", (number,)).fetchone()
    return None if row is None else int(row[0])


def touch(conn: Any, case_id: int, at: datetime) -> None:
    """Move a case's last activity on to `at`, never back."""
    conn.execute(
        "UPDATE cases SET last_activity_at = greatest(last_activity_at, %s) WHERE id = %s",
        (at, case_id),
    )


def insert_entries(conn: Any, case_id: int, entries: Iterable[Entry]) -> int:
    """Add the entries a case lacks (by id), moving its last activity on; how many were new.
    One pipelined batch, not a round trip per entry."""
    entries = list(entries)
    if not entries:
        return 0
    with conn.cursor() as cursor:
        cursor.executemany(INSERT_ENTRY, [entry_params(e, case_id) for e in entries])
        added = cursor.rowcount
    if added:
        touch(conn, case_id, max(e.at for e in entries))
    return max(added, 0)


def lock_counter(conn: Any, name: str) -> int:
    """The counter's value, its row locked until the transaction ends: two processes
    allocating a number from one counter take turns."""
    conn.execute(
        "INSERT INTO counters (name, value) VALUES (%s, 0) ON CONFLICT (name) DO NOTHING",
        (name,),
    )
    row = conn.execute("SELECT value FROM counters WHERE name = %s FOR UPDATE", (name,))
    return int(row.fetchone()[0])


def get_counter(conn: Any, name: str) -> int:
    row = conn.execute("SELECT value FROM counters WHERE name = %s", (name,)).fetchone()
    return 0 if row is None else int(row[0])


def set_counter(conn: Any, name: str, value: int) -> None:
    conn.execute(
        "INSERT INTO counters (name, value) VALUES (%s, %s) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def get_meta(conn: Any, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
    return None if row is None else str(row[0])


def put_meta(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def list_query(
    statuses: Collection[str] | None,
    text: str,
    limit: int | None,
    offset: int,
    assignee: str | None = None,
) -> tuple[str, list[object]]:
    """The case list's SQL, as SQLite's: newest activity first, ties by number (in the "C"
    collation, byte order, as SQLite); `text` an escaped substring of the text columns,
    ASCII letters folded; `assignee` exact."""
    where: list[str] = []
    params: list[object] = []
    if statuses is not None:
        where.append("status = ANY(%s)")
        params.append(sorted(set(statuses)))
    if assignee is not None:
        where.append("assignee = %s")
        params.append(assignee)
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = "%" + ascii_lower(escaped) + "%"
        columns = [c if c != "keywords" else "keywords::text" for c in CASE_TEXT_COLUMNS]
        where.append("(" + " OR ".join(f"{_folded(c)} LIKE %s" for c in columns) + ")")
        params += [pattern] * len(columns)
    sql = SELECT_SUMMARY + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY last_activity_at DESC, number DESC"
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    if offset:
        sql += " OFFSET %s"
        params.append(offset)
    return sql, params


def import_into(conn: Any, records: Iterable[Record], allocate: Callable[[], str]) -> ImportResult:
    """`CaseStore.import_records` without its transaction and `once` key, as SQLite's."""
    added: list[str] = []
    kept: list[str] = []
    entries_added = entries_kept = 0
    for case, entries in records:
        number = normalize_number(case.number)
        key = case_id(conn, number) if number else None
        if key is None:
            number = number or allocate()
            row = conn.execute(INSERT_CASE, case_params(replace(case, number=number)))
            key = int(row.fetchone()[0])
            added.append(number)
        else:
            kept.append(number)
        n = insert_entries(conn, key, entries)
        entries_added, entries_kept = entries_added + n, entries_kept + len(entries) - n
    return ImportResult(
        cases_added=tuple(added),
        cases_kept=tuple(kept),
        entries_added=entries_added,
        entries_kept=entries_kept,
    )
