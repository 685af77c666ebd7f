"""What a move on a case implies: the status a template's email suggests, the process stage
an entry is logged under by default, the rule that only a closed case has a close reason,
and the status entry a move writes. Data and small functions; the store and the
workspace both use them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sr_tui.core.cases.model import Case, CloseReason, Entry, EntryKind, Stage, Status, StatusDetail

#: The status sending a template moves its case to (with the close reason, for E*).
TEMPLATE_STATUS: dict[str, tuple[Status, CloseReason | None]] = {
    "A1": (Status.ACCEPTED, None),
    **{t: (Status.WAITING_CUSTOMER, None) for t in ("B1", "B3", "B4", "B5", "B6", "B7")},
    "H2": (Status.WAITING_DEVELOPMENT, None),
    "D1": (Status.AWAITING_CONFIRMATION, None),
    "E1": (Status.CLOSED, CloseReason.CONFIRMED),  # Issue resolved
    "E2": (Status.CLOSED, CloseReason.CONFIRMED),  # Resolved with a reference document
    "E3": (Status.CLOSED, CloseReason.INACTIVITY),  # Close for inactivity
    "E4": (Status.CLOSED, CloseReason.NO_RESPONSE),  # Close after no response
}

#: The process stage an email of each category usually belongs to (the user may change it).
CATEGORY_STAGE: dict[str, Stage] = {
    "A": Stage.INITIAL_RESPONSE,
    "B": Stage.DIAGNOSIS,
    "C": Stage.DIAGNOSIS,
    "D": Stage.VERIFICATION,
    "E": Stage.ARCHIVE,
    "F": Stage.ARCHIVE,
    "G": Stage.INITIAL_RESPONSE,
    "H": Stage.SOLUTION,
}

STATUS_STAGE: dict[Status, Stage] = {
    Status.NEW: Stage.INITIAL_RESPONSE,
    Status.ACCEPTED: Stage.INITIAL_RESPONSE,
    Status.IN_PROGRESS: Stage.DIAGNOSIS,
    Status.WAITING_CUSTOMER: Stage.DIAGNOSIS,
    Status.WAITING_DEVELOPMENT: Stage.SOLUTION,
    Status.AWAITING_CONFIRMATION: Stage.VERIFICATION,
    Status.CLOSED: Stage.ARCHIVE,
}


def suggested_status(template_id: str) -> tuple[Status, CloseReason | None] | None:
    """The status (and close reason) sending `template_id` suggests, or None to stay."""
    return TEMPLATE_STATUS.get(template_id.strip().upper())


def suggested_stage(template_id: str) -> Stage:
    """The stage an email from `template_id` is logged under by default."""
    return CATEGORY_STAGE.get(template_id.strip().upper()[:1], Stage.DIAGNOSIS)


def stage_for_status(status: Status) -> Stage:
    """The stage a status change is logged under by default."""
    return STATUS_STAGE[Status(status)]


def check_status(status: Status, reason: CloseReason | None) -> None:
    """A closed case has a close reason; an open one has none."""
    if Status(status) is Status.CLOSED and reason is None:
        raise ValueError("closing a case needs a close reason")
    if Status(status) is not Status.CLOSED and reason is not None:
        raise ValueError(f"a {status} case has no close reason (got {reason})")


def status_entry(
    number: str,
    before: Status,
    after: Status,
    reason: CloseReason | None,
    *,
    at: datetime,
    author: str,
    stage: Stage | None = None,
    notes: str = "",
) -> Entry:
    """The timeline entry of a move from `before` to `after`."""
    return Entry.new(
        number,
        EntryKind.STATUS,
        at=at,
        stage=stage or stage_for_status(after),
        author=author,
        notes=notes,
        detail=StatusDetail(from_status=before, to_status=after, reason=reason),
    )


def next_version(
    current: Case,
    proposed: Case,
    *,
    now: datetime,
    actor: str,
    at: datetime | None = None,
    stage: Stage | None = None,
    notes: str = "",
) -> tuple[Case, Entry | None]:
    """What saving `proposed` over `current` writes, on either store: the record with its
    version bumped, saved by `actor` now, and, for a status move (checked), the status
    entry (`at`, `stage`, `notes`); the first move to accepted sets `accepted_at`."""
    when = now if at is None else at
    moved = (proposed.status, proposed.close_reason) != (current.status, current.close_reason)
    if moved:
        check_status(proposed.status, proposed.close_reason)
        if proposed.status is Status.ACCEPTED and proposed.accepted_at is None:
            proposed = replace(proposed, accepted_at=when)
    stored = replace(
        proposed,
        updated_at=now,
        updated_by=actor,
        last_activity_at=max(current.last_activity_at, now, when),
        version=current.version + 1,
    )
    if not moved:
        return stored, None
    entry = status_entry(
        stored.number,
        current.status,
        stored.status,
        stored.close_reason,
        at=when,
        author=actor,
        stage=stage,
        notes=notes,
    )
    return stored, entry
