"""Rows of the SQLite tables to model objects and back (the column lists live here once).

Public so the benchmark can bulk-load a store with `executemany` through the very
statements and encoders the store uses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sr_tui.core.cases.codec import (
    attachment_to_json,
    case_from_json,
    detail_to_json,
    dumps,
    encode_optional_time,
    encode_time,
    entry_from_json,
)
from sr_tui.core.cases.model import Case, Entry

#: The columns of `cases` after `id`, in the order `case_params` gives them.
CASE_COLUMNS = (
    "number",
    "title",
    "requester",
    "company",
    "contact",
    "submitted_at",
    "accepted_at",
    "urgency",
    "urgency_reason",
    "scenario",
    "area",
    "priority",
    "description",
    "attachments",
    "assignee",
    "status",
    "close_reason",
    "keywords",
    "resolution",
    "root_cause",
    "knowledge",
    "field_values",
    "created_at",
    "updated_at",
    "updated_by",
    "last_activity_at",
    "version",
)
_JSON_COLUMNS = {"attachments", "keywords", "field_values"}

#: Columns a list's text filter looks in.
CASE_TEXT_COLUMNS = ("number", "title", "requester", "company", "contact", "keywords")

SELECT_CASE = f"SELECT {', '.join(CASE_COLUMNS)} FROM cases"
#: `id` first, then the case: for writes that need the row's key.
LOAD_CASE = f"SELECT id, {', '.join(CASE_COLUMNS)} FROM cases WHERE number = ?"
INSERT_CASE = (
    f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})"
)
UPDATE_CASE = f"UPDATE cases SET {', '.join(f'{c} = ?' for c in CASE_COLUMNS)} WHERE id = ?"

ENTRY_COLUMNS = ("id", "case_id", "at", "kind", "stage", "author", "action", "notes", "data")
INSERT_ENTRY = (
    f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ENTRY_COLUMNS))}) ON CONFLICT (id) DO NOTHING"
)
SELECT_ENTRIES = (
    "SELECT e.id, c.number, e.at, e.kind, e.stage, e.author, e.action, e.notes, e.data "
    "FROM entries e JOIN cases c ON c.id = e.case_id "
    "WHERE e.case_id = ? ORDER BY e.at, e.seq"
)


def case_params(case: Case) -> tuple[Any, ...]:
    return (
        case.number,
        case.title,
        case.requester,
        case.company,
        case.contact,
        encode_time(case.submitted_at),
        encode_optional_time(case.accepted_at),
        str(case.urgency),
        case.urgency_reason,
        str(case.scenario),
        case.area,
        str(case.priority),
        case.description,
        dumps([attachment_to_json(a) for a in case.attachments]),
        case.assignee,
        str(case.status),
        None if case.close_reason is None else str(case.close_reason),
        dumps(list(case.keywords)),
        case.resolution,
        case.root_cause,
        int(case.knowledge),
        dumps(dict(case.values)),
        encode_time(case.created_at),
        encode_time(case.updated_at),
        case.updated_by,
        encode_time(case.last_activity_at),
        case.version,
    )


def row_to_case(row: Sequence[Any]) -> Case:
    data = dict(zip(CASE_COLUMNS, row, strict=True))
    for name in _JSON_COLUMNS:
        data[name] = json.loads(data[name])
    data["values"] = data.pop("field_values")
    data["knowledge"] = bool(data["knowledge"])
    return case_from_json(data)


def entry_params(entry: Entry, case_id: int) -> tuple[Any, ...]:
    return (
        entry.id,
        case_id,
        encode_time(entry.at),
        str(entry.kind),
        str(entry.stage),
        entry.author,
        entry.action,
        entry.notes,
        dumps(detail_to_json(entry.detail)),
    )


def row_to_entry(row: Sequence[Any]) -> Entry:
    entry_id, number, at, kind, stage, author, action, notes, data = row
    return entry_from_json(
        {
            "id": entry_id,
            "case_number": number,
            "at": at,
            "kind": kind,
            "stage": stage,
            "author": author,
            "action": action,
            "notes": notes,
            "data": json.loads(data),
        }
    )


# -- small queries the store's methods share -----------------------------------------------


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
    statuses: Collection[str] | None, text: str, limit: int | None, offset: int
) -> tuple[str, list[object]]:
    """The case list's SQL: newest activity first (ties by number, so every backend gives
    one order), by the `cases_by_activity` or `cases_by_status` index; `text` as an
    escaped substring of the text columns."""
    where: list[str] = []
    params: list[object] = []
    if statuses is not None:
        wanted = sorted(set(statuses))
        where.append(f"status IN ({', '.join('?' * len(wanted))})")
        params += wanted
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in CASE_TEXT_COLUMNS) + ")")
        params += [pattern] * len(CASE_TEXT_COLUMNS)
    sql = SELECT_CASE + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY last_activity_at DESC, number DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return sql, params
