"""Rows of the SQLite tables to model objects and back (the column lists live here once).

Public so the benchmark can bulk-load a store with `executemany` through the very
statements and encoders the store uses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sr_tui.core.cases.codec import (
    attachment_from_json,
    attachment_to_json,
    decode_time,
    detail_to_json,
    dumps,
    encode_optional_time,
    encode_time,
    entry_from_json,
    values_from_json,
)
from sr_tui.core.cases.model import (
    Case,
    CaseSummary,
    CloseReason,
    Entry,
    Priority,
    Scenario,
    Status,
    Urgency,
)

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

# Text to enum member by dict lookup: a KeyError (caught by the store) on an unknown value.
_URGENCY = {str(m): m for m in Urgency}
_PRIORITY = {str(m): m for m in Priority}
_SCENARIO = {str(m): m for m in Scenario}
_STATUS = {str(m): m for m in Status}
_CLOSE_REASON = {str(m): m for m in CloseReason}

#: The columns of a `CaseSummary`, in its field order.
SUMMARY_COLUMNS = tuple(CaseSummary.__dataclass_fields__)
SELECT_SUMMARY = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM cases"

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
SELECT_ENTRY = (
    "SELECT e.id, c.number, e.at, e.kind, e.stage, e.author, e.action, e.notes, e.data "
    "FROM entries e JOIN cases c ON c.id = e.case_id WHERE e.id = ?"
)
#: The timelines of many cases in one read: their numbers as one JSON list parameter.
SELECT_MANY_ENTRIES = (
    "SELECT e.id, c.number, e.at, e.kind, e.stage, e.author, e.action, e.notes, e.data "
    "FROM cases c JOIN entries e ON e.case_id = c.id "
    "WHERE c.number IN (SELECT value FROM json_each(?)) ORDER BY e.case_id, e.at, e.seq"
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
    """A `cases` row (in `CASE_COLUMNS` order) as a Case. Written out by hand: the case list
    decodes 200 of these per frame."""
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
        submitted_at=decode_time(submitted_at),
        accepted_at=None if accepted_at is None else decode_time(accepted_at),
        urgency=_URGENCY[urgency],
        urgency_reason=urgency_reason,
        scenario=_SCENARIO[scenario],
        area=area,
        priority=_PRIORITY[priority],
        description=description,
        attachments=()
        if attachments == "[]"
        else tuple(attachment_from_json(a) for a in json.loads(attachments)),
        assignee=assignee,
        status=_STATUS[status],
        close_reason=None if close_reason is None else _CLOSE_REASON[close_reason],
        keywords=() if keywords == "[]" else tuple(json.loads(keywords)),
        resolution=resolution,
        root_cause=root_cause,
        knowledge=bool(knowledge),
        values={} if field_values == "{}" else values_from_json(json.loads(field_values)),
        created_at=decode_time(created_at),
        updated_at=decode_time(updated_at),
        updated_by=updated_by,
        last_activity_at=decode_time(last_activity_at),
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
        submitted_at=decode_time(submitted_at),
        last_activity_at=decode_time(last_activity_at),
        version=version,
    )


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
