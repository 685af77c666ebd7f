"""The small queries the SQLite store's methods share, each run on a connection the store
holds inside its transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.model import Entry
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.sqlite_rows import (
    CASE_TEXT_COLUMNS,
    INSERT_CASE,
    INSERT_ENTRY,
    SELECT_SUMMARY,
    case_params,
    entry_params,
)
from sr_tui.core.cases.store import ImportResult, Record


def case_id(conn: sqlite3.Connection, number: str) -> int | None:
    row = conn.execute("SELECT id FROM cases WHERE number = ?", (number,)).fetchone()
    return None if row is None else int(row[0])


def touch(conn: sqlite3.Connection, case_id: int, at: str) -> None:
    """Move a case's last activity on to `at` (ISO UTC text), never back."""
    conn.execute(
        "UPDATE cases SET last_activity_at = max(last_activity_at, ?) WHERE id = ?", (at, case_id)
    )


def insert_entries(conn: sqlite3.Connection, case_id: int, entries: Iterable[Entry]) -> int:
    """Add the entries a case lacks (by id), moving its last activity on; how many were new."""
    added = 0
    latest = ""
    for entry in entries:
        if conn.execute(INSERT_ENTRY, entry_params(entry, case_id)).rowcount:
            added += 1
            latest = max(latest, encode_time(entry.at))
    if latest:
        touch(conn, case_id, latest)
    return added


def get_counter(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
    return 0 if row is None else int(row[0])


def set_counter(conn: sqlite3.Connection, name: str, value: int) -> None:
    conn.execute(
        "INSERT INTO counters (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
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
    """The case list's SQL: newest activity first (ties by number, so every backend gives
    one order), by the `cases_by_activity` or `cases_by_status` index; `text` as an
    escaped substring of the text columns; `assignee` exact."""
    where: list[str] = []
    params: list[object] = []
    if statuses is not None:
        wanted = sorted(set(statuses))
        where.append(f"status IN ({', '.join('?' * len(wanted))})")
        params += wanted
    if assignee is not None:
        where.append("assignee = ?")
        params.append(assignee)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in CASE_TEXT_COLUMNS) + ")")
        params += [pattern] * len(CASE_TEXT_COLUMNS)
    sql = SELECT_SUMMARY + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY last_activity_at DESC, number DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return sql, params


def import_into(
    conn: sqlite3.Connection, records: Iterable[Record], allocate: Callable[[], str]
) -> ImportResult:
    """`CaseStore.import_records` without its transaction and `once` key: cases whose
    number is new are inserted as given (an empty number gets `allocate()`), the others
    kept; every case gains the entries it lacks."""
    added: list[str] = []
    kept: list[str] = []
    entries_added = entries_kept = 0
    for case, entries in records:
        number = normalize_number(case.number)
        key = case_id(conn, number) if number else None
        if key is None:
            number = number or allocate()
            cursor = conn.execute(INSERT_CASE, case_params(replace(case, number=number)))
            key = int(cursor.lastrowid or 0)
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
