"""Rows of the PostgreSQL tables to model objects and back.

The column lists are SQLite's (`sqlite_rows`), so both backends store the same fields in
the same order; the values are PostgreSQL's types: aware datetimes (`timestamptz`, read
back in UTC: the store sets the session's time zone), `jsonb` (psycopg's `Jsonb`
wrapper out, Python lists and dicts back), `boolean`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sr_tui.core.cases.codec import (
    attachment_from_json,
    attachment_to_json,
    detail_from_json,
    detail_to_json,
    dumps,
    values_from_json,
)
from sr_tui.core.cases.model import (
    Case,
    CaseSummary,
    CloseReason,
    Entry,
    EntryKind,
    Priority,
    Scenario,
    Stage,
    Status,
    Urgency,
)
from sr_tui.core.cases.sqlite_rows import CASE_COLUMNS, CASE_TEXT_COLUMNS, SUMMARY_COLUMNS

__all__ = [
    "CASE_COLUMNS",
    "CASE_TEXT_COLUMNS",
    "INSERT_CASE",
    "INSERT_ENTRY",
    "LOAD_CASE",
    "SELECT_CASE",
    "SELECT_ENTRY",
    "SELECT_MANY_ENTRIES",
    "SELECT_SUMMARY",
    "UPDATE_CASE",
    "case_params",
    "entry_params",
    "row_to_case",
    "row_to_entry",
    "row_to_summary",
]

_URGENCY = {str(m): m for m in Urgency}
_PRIORITY = {str(m): m for m in Priority}
_SCENARIO = {str(m): m for m in Scenario}
_STATUS = {str(m): m for m in Status}
_CLOSE_REASON = {str(m): m for m in CloseReason}
_KIND = {str(m): m for m in EntryKind}
_STAGE = {str(m): m for m in Stage}

_ph = ", ".join
SELECT_CASE = f"SELECT {_ph(CASE_COLUMNS)} FROM cases"
#: `id` first, then the case; locked for the write transaction that loads it.
LOAD_CASE = f"SELECT id, {_ph(CASE_COLUMNS)} FROM cases WHERE number = %s FOR UPDATE"
INSERT_CASE = (
    f"INSERT INTO cases ({_ph(CASE_COLUMNS)}) VALUES ({_ph(['%s'] * len(CASE_COLUMNS))}) "
    "RETURNING id"
)
UPDATE_CASE = f"UPDATE cases SET {_ph(f'{c} = %s' for c in CASE_COLUMNS)} WHERE id = %s"
SELECT_SUMMARY = f"SELECT {_ph(SUMMARY_COLUMNS)} FROM cases"

ENTRY_COLUMNS = ("id", "case_id", "at", "kind", "stage", "author", "action", "notes", "data")
INSERT_ENTRY = (
    f"INSERT INTO entries ({_ph(ENTRY_COLUMNS)}) VALUES ({_ph(['%s'] * len(ENTRY_COLUMNS))}) "
    "ON CONFLICT (id) DO NOTHING"
)
_ENTRY_SELECT = (
    "SELECT e.id, c.number, e.at, e.kind, e.stage, e.author, e.action, e.notes, e.data "
    "FROM entries e JOIN cases c ON c.id = e.case_id"
)
SELECT_ENTRIES = f"{_ENTRY_SELECT} WHERE c.number = %s ORDER BY e.at, e.seq"
SELECT_ENTRY = f"{_ENTRY_SELECT} WHERE e.id = %s"
#: The timelines of many cases in one read: their numbers as one array parameter.
SELECT_MANY_ENTRIES = f"{_ENTRY_SELECT} WHERE c.number = ANY(%s) ORDER BY e.case_id, e.at, e.seq"


class _Json:
    """JSON text for a `jsonb` parameter (compact, Chinese kept as it is). Built lazily
    so this module imports without psycopg; the store registers the dumper."""

    __slots__ = ("text",)

    def __init__(self, value: Any) -> None:
        self.text = dumps(value)


def json_param(value: Any) -> _Json:
    return _Json(value)


def register_json(conn: Any) -> None:
    """Teach a connection to send `_Json` values as jsonb."""
    from psycopg.adapt import Dumper
    from psycopg.postgres import types

    class JsonDumper(Dumper):
        oid = types["jsonb"].oid

        def dump(self, obj: _Json) -> bytes:
            return obj.text.encode()

    conn.adapters.register_dumper(_Json, JsonDumper)


def case_params(case: Case) -> tuple[Any, ...]:
    return (
        case.number,
        case.title,
        case.requester,
        case.company,
        case.contact,
        case.submitted_at,
        case.accepted_at,
        str(case.urgency),
        case.urgency_reason,
        str(case.scenario),
        case.area,
        str(case.priority),
        case.description,
        _Json([attachment_to_json(a) for a in case.attachments]),
        case.assignee,
        str(case.status),
        None if case.close_reason is None else str(case.close_reason),
        _Json(list(case.keywords)),
        case.resolution,
        case.root_cause,
        bool(case.knowledge),
        _Json(dict(case.values)),
        case.created_at,
        case.updated_at,
        case.updated_by,
        case.last_activity_at,
        case.version,
    )


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def row_to_case(row: Sequence[Any]) -> Case:
    (
        number,
        title,
        requester,
        company,
        contact,
        submitted_at,
        accepted_at,
        urgency,
        urgency_reason,
        scenario,
        area,
        priority,
        description,
        attachments,
        assignee,
        status,
        close_reason,
        keywords,
        resolution,
        root_cause,
        knowledge,
        field_values,
        created_at,
        updated_at,
        updated_by,
        last_activity_at,
        version,
    ) = row
    return Case(
        number=number,
        title=title,
        requester=requester,
        company=company,
        contact=contact,
        submitted_at=_utc(submitted_at),
        accepted_at=None if accepted_at is None else _utc(accepted_at),
        urgency=_URGENCY[urgency],
        urgency_reason=urgency_reason,
        scenario=_SCENARIO[scenario],
        area=area,
        priority=_PRIORITY[priority],
        description=description,
        attachments=tuple(attachment_from_json(a) for a in attachments),
        assignee=assignee,
        status=_STATUS[status],
        close_reason=None if close_reason is None else _CLOSE_REASON[close_reason],
        keywords=tuple(str(k) for k in keywords),
        resolution=resolution,
        root_cause=root_cause,
        knowledge=bool(knowledge),
        values=values_from_json(field_values) if field_values else {},
        created_at=_utc(created_at),
        updated_at=_utc(updated_at),
        updated_by=updated_by,
        last_activity_at=_utc(last_activity_at),
        version=version,
    )


def row_to_summary(row: Sequence[Any]) -> CaseSummary:
    (
        number,
        title,
        requester,
        company,
        status,
        close_reason,
        urgency,
        scenario,
        priority,
        area,
        assignee,
        submitted_at,
        last_activity_at,
        version,
    ) = row
    return CaseSummary(
        number=number,
        title=title,
        requester=requester,
        company=company,
        status=_STATUS[status],
        close_reason=None if close_reason is None else _CLOSE_REASON[close_reason],
        urgency=_URGENCY[urgency],
        scenario=_SCENARIO[scenario],
        priority=_PRIORITY[priority],
        area=area,
        assignee=assignee,
        submitted_at=_utc(submitted_at),
        last_activity_at=_utc(last_activity_at),
        version=version,
    )


def entry_params(entry: Entry, case_id: int) -> tuple[Any, ...]:
    return (
        entry.id,
        case_id,
        entry.at,
        str(entry.kind),
        str(entry.stage),
        entry.author,
        entry.action,
        entry.notes,
        _Json(detail_to_json(entry.detail)),
    )


def row_to_entry(row: Sequence[Any]) -> Entry:
    entry_id, number, at, kind, stage, author, action, notes, data = row
    kind = _KIND[kind]
    return Entry(
        id=entry_id,
        case_number=number,
        at=_utc(at),
        kind=kind,
        stage=_STAGE[stage],
        author=author,
        action=action,
        notes=notes,
        detail=detail_from_json(kind, data or {}),
    )
