"""Cases and entries to plain JSON values and back, losslessly.

One codec for every place a record leaves Python: the store's JSON columns, the JSONL
export, a future PostgreSQL backend. Times are ISO-8601 UTC text of one fixed width
(`2026-12-02T01:30:00.000000Z`), so comparing the text compares the times.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sr_tui.core.cases.model import (
    Attachment,
    Case,
    Detail,
    EmailDetail,
    Entry,
    EntryKind,
    FieldValues,
    StatusDetail,
    require_aware,
)


def encode_time(value: datetime) -> str:
    require_aware("time", value)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def encode_optional_time(value: datetime | None) -> str | None:
    return None if value is None else encode_time(value)


def decode_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is UTC:  # as the store writes them
        return value
    if value.tzinfo is None:
        raise ValueError(f"time without a time zone: {text!r}")
    return value.astimezone(UTC)


def decode_optional_time(text: str | None) -> datetime | None:
    return None if text is None else decode_time(text)


def dumps(value: Any) -> str:
    """Compact JSON that keeps Chinese readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- pieces ----------------------------------------------------------------------------


def attachment_to_json(item: Attachment) -> dict[str, Any]:
    return asdict(item)


def attachment_from_json(data: dict[str, Any]) -> Attachment:
    return Attachment(
        path=str(data["path"]),
        name=str(data["name"]),
        size=int(data["size"]),
        sha256=str(data["sha256"]),
    )


def values_from_json(data: Any) -> FieldValues:
    if not isinstance(data, dict):
        raise ValueError("values must be an object")
    out: FieldValues = {}
    for key, value in data.items():
        if isinstance(value, str):
            out[str(key)] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[str(key)] = list(value)
        else:
            raise ValueError(f"value of {key!r} must be text or a list of texts")
    return out


def detail_to_json(detail: Detail) -> dict[str, Any]:
    """The kind-specific part of an entry (the store's `data` column)."""
    if detail is None:
        return {}
    if isinstance(detail, Attachment):
        return attachment_to_json(detail)
    if isinstance(detail, StatusDetail):
        return {
            "from": str(detail.from_status),
            "to": str(detail.to_status),
            "reason": None if detail.reason is None else str(detail.reason),
        }
    return {
        "template_id": detail.template_id,
        "subject": detail.subject,
        "body": detail.body,
        "channel": str(detail.channel),
        "errors": detail.errors,
        "warnings": detail.warnings,
        "suggestions": detail.suggestions,
        "promise": encode_optional_time(detail.promise),
        "promise_text": detail.promise_text,
    }


def detail_from_json(kind: EntryKind, data: dict[str, Any]) -> Detail:
    if kind is EntryKind.EMAIL:
        return EmailDetail(
            template_id=str(data["template_id"]),
            subject=str(data["subject"]),
            body=str(data["body"]),
            channel=data["channel"],
            errors=int(data.get("errors", 0)),
            warnings=int(data.get("warnings", 0)),
            suggestions=int(data.get("suggestions", 0)),
            promise=decode_optional_time(data.get("promise")),
            promise_text=str(data.get("promise_text", "")),
        )
    if kind is EntryKind.STATUS:
        return StatusDetail(from_status=data["from"], to_status=data["to"], reason=data["reason"])
    if kind is EntryKind.ATTACHMENT:
        return attachment_from_json(data)
    return None


# -- whole records -----------------------------------------------------------------------

_CASE_TIMES = ("submitted_at", "accepted_at", "created_at", "updated_at", "last_activity_at")


def case_to_json(case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in case.__dict__.items():
        if name in _CASE_TIMES:
            out[name] = encode_optional_time(value)
        elif name == "attachments":
            out[name] = [attachment_to_json(a) for a in value]
        elif name == "keywords":
            out[name] = list(value)
        elif name == "values":
            out[name] = dict(value)
        elif hasattr(value, "value"):  # an enum
            out[name] = str(value)
        else:
            out[name] = value
    return out


def case_from_json(data: dict[str, Any]) -> Case:
    fields = dict(data)
    for name in _CASE_TIMES:
        fields[name] = decode_optional_time(fields.get(name))
    fields["attachments"] = tuple(attachment_from_json(a) for a in fields.get("attachments", ()))
    fields["keywords"] = tuple(str(k) for k in fields.get("keywords", ()))
    fields["values"] = values_from_json(fields.get("values", {}))
    return Case(**fields)


def entry_to_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "case_number": entry.case_number,
        "at": encode_time(entry.at),
        "kind": str(entry.kind),
        "stage": str(entry.stage),
        "author": entry.author,
        "action": entry.action,
        "notes": entry.notes,
        "data": detail_to_json(entry.detail),
    }


def entry_from_json(data: dict[str, Any]) -> Entry:
    kind = EntryKind(data["kind"])
    return Entry(
        id=str(data["id"]),
        case_number=str(data["case_number"]),
        at=decode_time(data["at"]),
        kind=kind,
        stage=data["stage"],
        author=str(data.get("author", "")),
        action=str(data.get("action", "")),
        notes=str(data.get("notes", "")),
        detail=detail_from_json(kind, data.get("data") or {}),
    )
