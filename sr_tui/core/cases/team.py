"""A case worked by a team: who it is assigned to (受理人), and the timeline entry a handover
writes. Both backends write the same entry, so the JSONL export stays lossless with no new
entry kind: an assignment is a `note` whose action reads "assigned to Bob Chen" (or
"unassigned"), written by whoever made it, with "from Ann Lee" in its notes."""

from __future__ import annotations

from datetime import datetime

from sr_tui.core.cases.model import Entry, EntryKind, Stage

ASSIGNED = "assigned to "
UNASSIGNED = "unassigned"


def normalize_name(name: str) -> str:
    """A person's name as the store keeps it: whitespace collapsed, ends trimmed."""
    return " ".join(name.split())


def assignment_action(assignee: str) -> str:
    return f"{ASSIGNED}{assignee}" if assignee else UNASSIGNED


def assignment_entry(
    number: str,
    before: str,
    after: str,
    *,
    at: datetime,
    by: str,
    stage: Stage,
    notes: str = "",
) -> Entry:
    """The timeline entry of a case handed from `before` to `after` by `by`."""
    told = [f"from {before}"] if before else []
    if notes.strip():
        told.append(notes.strip())
    return Entry.new(
        number,
        EntryKind.NOTE,
        at=at,
        stage=stage,
        author=by,
        action=assignment_action(after),
        notes="; ".join(told),
    )


def is_assignment(entry: Entry) -> bool:
    """Whether `entry` is a handover (as `assignment_entry` writes them)."""
    return entry.kind is EntryKind.NOTE and (
        entry.action.startswith(ASSIGNED) or entry.action == UNASSIGNED
    )


def assignee_of(entry: Entry) -> str | None:
    """Who a handover entry gave the case to ("" for unassigned); None for other entries."""
    if not is_assignment(entry):
        return None
    return entry.action[len(ASSIGNED) :] if entry.action != UNASSIGNED else ""


def did_you_mean(name: str, known: list[str] | set[str], yourself: str = "") -> list[str]:
    """Known names close to `name` when `name` is none of them (nor `yourself`): most
    likely a typo, and a case given to "Bob Chn" is lost to Bob Chen. [] otherwise."""
    import difflib

    name = normalize_name(name)
    people = sorted({normalize_name(k) for k in known} - {""})
    if not name or name in people or name == normalize_name(yourself):
        return []
    return difflib.get_close_matches(name, people, n=3, cutoff=0.6)
