"""Cases out of (and back into) a store: lossless JSONL, and the seed's two tables as CSV.

JSONL: one line per case, `{"format": 1, "case": {...}, "entries": [...]}`; `import_jsonl`
reads it back into any `CaseStore`, equal field for field; entries are keyed by UUID,
so importing a file twice adds nothing.

CSV: the request record (技术支持请求登记表) and the process record (技术支持解决过程记录表),
with English or Chinese headers, times to the minute in the time zone asked for. Open the
output with `newline=""`; `encoding="utf-8-sig"` lets Excel see the Chinese.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, tzinfo
from typing import TextIO

from sr_tui.core.cases.codec import case_from_json, case_to_json, entry_from_json, entry_to_json
from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.labels import (
    AREA_LABELS,
    CHANNEL_LABELS,
    CLOSE_REASON_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    PROCESS_RECORD_COLUMNS,
    REQUEST_RECORD_COLUMNS,
    SCENARIO_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    headers,
    label,
)
from sr_tui.core.cases.model import Case, Entry
from sr_tui.core.cases.store import CaseStore, ImportResult, Record
from sr_tui.core.cases.team import assignee_of

FORMAT = 1

# -- JSONL -------------------------------------------------------------------------------


def record_to_line(case: Case, entries: Iterable[Entry]) -> str:
    data = {
        "format": FORMAT,
        "case": case_to_json(case),
        "entries": [entry_to_json(e) for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def line_to_record(line: str) -> Record:
    data = json.loads(line)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not an sr-tui case line (format {FORMAT})")
    return case_from_json(data["case"]), [entry_from_json(e) for e in data["entries"]]


def cases(store: CaseStore) -> Iterator[Case]:
    """Every case in the store, newest activity first."""
    for summary in store.list_cases(limit=None):
        case = store.get_case(summary.number)
        if case is not None:  # renumbered meanwhile by another process
            yield case


def records(store: CaseStore) -> Iterator[Record]:
    """Every case in the store with its timeline."""
    for case in cases(store):
        yield case, store.entries(case.number)


def write_jsonl(items: Iterable[Record], out: TextIO) -> int:
    """Write one line per case; return how many."""
    n = 0
    for case, entries in items:
        out.write(record_to_line(case, entries) + "\n")
        n += 1
    return n


def read_jsonl(lines: Iterable[str], source: str = "input") -> Iterator[Record]:
    """The records of a JSONL export; a bad line is a `StoreError` naming it."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield line_to_record(line)
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{source}, line {number}: cannot be imported ({exc})") from exc


def export_jsonl(store: CaseStore, out: TextIO) -> int:
    return write_jsonl(records(store), out)


def import_jsonl(store: CaseStore, lines: Iterable[str], source: str = "input") -> ImportResult:
    """Import a JSONL export in one transaction: all of it, or (on a bad line) nothing."""
    return store.import_records(read_jsonl(lines, source))


# -- CSV ---------------------------------------------------------------------------------

_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading = + - @ gets a ')."""
    return "'" + text if text.startswith(_RISKY) else text


def _time(value: datetime | None, tz: tzinfo | None) -> str:
    return "" if value is None else value.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _sep(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def request_row(case: Case, lang: str = "en", tz: tzinfo | None = None) -> list[str]:
    urgency = label(LEVEL_LABELS, case.urgency, lang)
    if case.urgency_reason:
        urgency += _paren(case.urgency_reason, lang)
    priority = label(LEVEL_LABELS, case.priority, lang)
    area = label(AREA_LABELS, case.area, lang) if case.area else ""
    if lang == "zh":
        category = "；".join(p for p in (area, f"优先级：{priority}") if p)
    else:
        category = "; ".join(p for p in (area, f"priority {priority.lower()}") if p)
    row = {
        "number": case.number,
        "title": case.title,
        "requester": " / ".join(p for p in (case.company, case.requester) if p),
        "contact": case.contact,
        "submitted_at": _time(case.submitted_at, tz),
        "urgency": urgency,
        "scenario": label(SCENARIO_LABELS, case.scenario, lang),
        "category": category,
        "description": case.description,
        "attachments": "; ".join(a.name for a in case.attachments),
        "assignee": case.assignee,
        "accepted_at": _time(case.accepted_at, tz),
    }
    return [_cell(row[key]) for key, _, _ in REQUEST_RECORD_COLUMNS]


def describe(entry: Entry, lang: str = "en") -> str:
    """操作内容: the entry's own action text, else what its kind and detail say. A
    handover's action is stored in English ("assigned to Bob Chen"): shown in Chinese
    it reads 转交给 Bob Chen (its notes, "from Ann Lee; …", are shown as written: a
    note of the engineer's own may start with "from" too)."""
    if entry.action:
        assignee = assignee_of(entry)
        if assignee is not None and lang == "zh":
            return f"转交给 {assignee}" if assignee else "改为无人受理"
        return entry.action
    kind = label(KIND_LABELS, entry.kind, lang)
    sep = _sep(lang)
    if entry.email:
        mail = entry.email
        how = label(CHANNEL_LABELS, mail.channel, lang)
        return f"{kind} {mail.template_id}{_paren(how, lang)}{sep}{mail.subject}"
    if entry.status_change:
        move = entry.status_change
        text = (
            f"{kind}{sep}{label(STATUS_LABELS, move.from_status, lang)} → "
            f"{label(STATUS_LABELS, move.to_status, lang)}"
        )
        if move.reason:
            text += _paren(label(CLOSE_REASON_LABELS, move.reason, lang), lang)
        return text
    if entry.attachment:
        size = f"{entry.attachment.size} bytes" if lang == "en" else f"{entry.attachment.size} 字节"
        return f"{kind}{sep}{entry.attachment.name}{_paren(size, lang)}"
    return kind


def process_row(entry: Entry, lang: str = "en", tz: tzinfo | None = None) -> list[str]:
    notes = entry.notes
    if entry.email and entry.email.promise_text:
        promised = ("承诺" if lang == "zh" else "Promised") + _sep(lang)
        notes = "; ".join(p for p in (notes, promised + entry.email.promise_text) if p)
    row = {
        "case_number": entry.case_number,
        "stage": label(STAGE_LABELS, entry.stage, lang),
        "author": entry.author,
        "at": _time(entry.at, tz),
        "action": describe(entry, lang),
        "notes": notes,
    }
    return [_cell(row[key]) for key, _, _ in PROCESS_RECORD_COLUMNS]


def write_request_csv(
    cases: Iterable[Case], out: TextIO, lang: str = "en", tz: tzinfo | None = None
) -> int:
    """The request record, one row per case; `tz` None means the system's zone."""
    writer = csv.writer(out)
    writer.writerow(headers(REQUEST_RECORD_COLUMNS, lang))
    n = 0
    for case in cases:
        writer.writerow(request_row(case, lang, tz))
        n += 1
    return n


def write_process_csv(
    entries: Iterable[Entry], out: TextIO, lang: str = "en", tz: tzinfo | None = None
) -> int:
    """The process record, one row per entry, in the order given."""
    writer = csv.writer(out)
    writer.writerow(headers(PROCESS_RECORD_COLUMNS, lang))
    n = 0
    for entry in entries:
        writer.writerow(process_row(entry, lang, tz))
        n += 1
    return n
