"""Today's JSON drafts into the case store, once (CASES.md §7).

The data dir holds `draft.json` (the case being written), `recent-cases.json` (cases put
aside by "new case") and `usage.json` (template use counts), in the format
`sr_tui.core.drafts.DraftStore` writes. Each draft with content becomes a case: its number
is the `sr_number` value (else a generated one), its values are kept, and a note on its
timeline says where it came from. Usage counts are kept in the store's meta table. A meta
row records that the import ran, in the same transaction, so it never runs twice, even
with two sr-tui processes starting at once. The JSON files are left where they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sr_tui.core.cases.codec import dumps, encode_time
from sr_tui.core.cases.model import Case, Entry, EntryKind, Stage
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.store import CaseStore, Record
from sr_tui.core.clock import Clock
from sr_tui.core.locations import data_dir

#: Meta keys: the import's own record, and the template usage it brought along.
IMPORT_KEY = "legacy_json_import"
USAGE_KEY = "legacy_template_usage"

CURRENT = "draft.json"
RECENT = "recent-cases.json"
USAGE = "usage.json"


@dataclass(frozen=True)
class LegacyImport:
    ran: bool  # False: it had run before (nothing was read)
    cases: tuple[str, ...] = ()  # numbers of the cases made
    problems: tuple[str, ...] = ()  # files that could not be read (left untouched)


def _read(path: Path, problems: list[str]) -> Any:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"{path} could not be read ({exc}); it was not imported")
        return None


def _text(values: dict[str, Any], key: str) -> str:
    value = values.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def draft_record(draft: Any, source: str, author: str = "") -> Record:
    """A `Draft` as a new case with one note saying where it came from."""
    at: datetime = draft.saved_at if draft.saved_at.tzinfo else draft.saved_at.astimezone()
    values = dict(draft.values)
    number = normalize_number(_text(values, "sr_number"))
    case = Case.new(
        number,
        now=at,
        title=_text(values, "issue_summary"),
        requester=_text(values, "customer_name"),
        contact=_text(values, "customer_email"),
        assignee=author,
        values=values,
        updated_by=author,
    )
    what = f"{draft.template_id} draft" if draft.template_id else "draft"
    note = Entry.new(
        number,
        EntryKind.NOTE,
        at=at,
        stage=Stage.INITIAL_RESPONSE,
        author=author,
        action=f"Imported the {what} saved in {source}",
    )
    return case, [note]


def read_legacy(directory: Path, author: str = "") -> tuple[list[Record], Any, list[str]]:
    """(records, usage data or None, problems) from the JSON files in `directory`."""
    from sr_tui.core.drafts import Draft  # the format's one reader; loaded only when needed

    problems: list[str] = []
    raw: list[tuple[Any, str]] = []
    current = _read(directory / CURRENT, problems)
    if current is not None:
        raw.append((current, CURRENT))
    recent = _read(directory / RECENT, problems)
    if isinstance(recent, list):
        raw += [(item, RECENT) for item in recent]
    elif recent is not None:
        problems.append(f"{directory / RECENT} is not a list of drafts; it was not imported")
    records: list[Record] = []
    seen_values: list[dict[str, Any]] = []
    seen_numbers: set[str] = set()
    for item, source in raw:
        try:
            draft = Draft.from_json(item)
        except ValueError as exc:
            problems.append(f"a draft in {directory / source} was skipped ({exc})")
            continue
        number = normalize_number(_text(draft.values, "sr_number"))
        if not draft.has_content or draft.values in seen_values or number in seen_numbers:
            continue
        seen_values.append(draft.values)
        if number:
            seen_numbers.add(number)
        records.append(draft_record(draft, source, author))
    usage = _read(directory / USAGE, problems)
    return records, usage if isinstance(usage, dict) else None, problems


def import_legacy(
    store: CaseStore, clock: Clock, directory: Path | None = None, *, author: str = ""
) -> LegacyImport:
    """Import the JSON drafts of `directory` (default: the data dir) unless done before."""
    if store.get_meta(IMPORT_KEY) is not None:
        return LegacyImport(ran=False)
    directory = data_dir() if directory is None else directory
    records, usage, problems = read_legacy(directory, author)
    present = [name for name in (CURRENT, RECENT, USAGE) if (directory / name).exists()]
    meta = {
        IMPORT_KEY: dumps(
            {"at": encode_time(clock.now()), "from": str(directory), "files": present}
        )
    }
    if usage is not None:
        meta[USAGE_KEY] = dumps(usage)
    result = store.import_records(records, once=IMPORT_KEY, meta=meta)
    if result.skipped:
        return LegacyImport(ran=False)
    return LegacyImport(ran=True, cases=result.cases_added, problems=tuple(problems))
