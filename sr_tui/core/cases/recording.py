"""What the timeline writes by itself: the record fields a draft's values fill, the email
entry every copy, .eml and mailto leaves, and where a value of the case came from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sr_tui.core.cases.model import Channel, EmailDetail, Entry, EntryKind
from sr_tui.core.cases.moves import suggested_stage

#: Record fields the template values fill (the template field is the record's source).
RECORD_FROM_VALUES = {
    "title": "issue_summary",
    "requester": "customer_name",
    "contact": "customer_email",
}


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def values_of(case) -> dict[str, object]:
    """The values a case brings to its next email: those stored on it, and where they are
    missing, its number and the record fields the values fill (a case made with `sr-tui
    case new` has a record and no values)."""
    values = dict(case.values)
    values.setdefault("sr_number", case.number)
    for record_field, value_field in RECORD_FROM_VALUES.items():
        text = getattr(case, record_field, "")
        if isinstance(text, str) and text.strip() and not _text(values, value_field):
            values[value_field] = text
    return values


def record_fields(values: Mapping[str, object]) -> dict[str, str]:
    """The record fields the values fill, for those that are filled."""
    out = {}
    for record_field, value_field in RECORD_FROM_VALUES.items():
        text = _text(values, value_field)
        if text:
            out[record_field] = text
    return out


def lint_counts(findings: Iterable[object]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "suggestions": 0}
    for finding in findings:
        severity = getattr(finding, "severity", "")
        key = {"error": "errors", "warning": "warnings", "suggestion": "suggestions"}.get(severity)
        if key:
            counts[key] += 1
    return counts


def email_entry(
    number: str,
    *,
    template_id: str,
    subject: str,
    body: str,
    channel: Channel | str,
    at: datetime,
    author: str = "",
    findings: Iterable[object] = (),
    promise: datetime | None = None,
    promise_text: str = "",
    notes: str = "",
) -> Entry:
    """The timeline entry of an email as it went out (body as sent)."""
    detail = EmailDetail(
        template_id=template_id,
        subject=subject,
        body=body,
        channel=Channel(channel),
        promise=promise,
        promise_text=promise_text,
        **lint_counts(findings),
    )
    return Entry.new(
        number,
        EntryKind.EMAIL,
        at=at,
        stage=suggested_stage(template_id),
        author=author,
        notes=notes,
        detail=detail,
    )


@dataclass(frozen=True)
class ValueOrigin:
    """Where a value of the case was first sent: the template and the time."""

    template_id: str
    at: datetime


def value_history(values: Mapping[str, object], entries: Sequence[Entry]) -> dict[str, ValueOrigin]:
    """For each filled value (of at least three characters) that appears in an email the
    case already sent, the first such email: the form marks it, so a promise made in A1
    ("4 business hours") is not silently reused in C1."""
    emails = [e for e in entries if e.email is not None]
    emails.sort(key=lambda e: e.at)
    origins: dict[str, ValueOrigin] = {}
    for field_id, value in values.items():
        pieces = value if isinstance(value, list) else [value]
        texts = [p.strip() for p in pieces if isinstance(p, str) and len(p.strip()) >= 3]
        if not texts:
            continue
        for entry in emails:
            sent = f"{entry.email.subject}\n{entry.email.body}"
            if all(t in sent for t in texts):
                origins[field_id] = ValueOrigin(entry.email.template_id, entry.at)
                break
    return origins
