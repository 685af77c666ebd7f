"""Moving cases between stores: an engineer's local `cases.db` into the team database
(`sr-tui db copy`), or back out. Run it twice, or again after it was interrupted, and
nothing is doubled: entries are keyed by their UUID and cases by their number, and each
batch is one transaction.

A number means the same case in both stores only if it is the ticket system's (typed, the
case's `sr_number`) or the case is the very one (same creation time). A generated number
(TS20261202001) that the team database already gives to another case is someone else's
case: the copy gets a new number from the team's counter and a first note saying what it
was called before. That note has an id made from the old number and the creation time,
so a second run finds the copy where the first put it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.dburl import is_postgres_url, mask_url, sqlite_path
from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.export import records
from sr_tui.core.cases.model import Case, Entry, EntryKind, Stage
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.store import CaseStore, Record
from sr_tui.core.clock import Clock

_NAMESPACE = uuid.UUID("6f1d2a4e-5b0c-4c1e-9d8e-3a7b5c2f1e90")
COPIED = "copied from another case store, where it was "


@dataclass
class CopyResult:
    cases_added: list[str] = field(default_factory=list)  # new in the target, same number
    cases_kept: list[str] = field(default_factory=list)  # there already: entries completed
    cases_merged: list[str] = field(default_factory=list)  # a ticket number both had
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (was, now)
    entries_added: int = 0
    entries_kept: int = 0

    @property
    def cases(self) -> int:
        return (
            len(self.cases_added)
            + len(self.cases_kept)
            + len(self.cases_merged)
            + len(self.renumbered)
        )


def open_url(url: str, clock: Clock, *, actor: str = "", number_format: str, create: bool):
    """A store for an address: `postgresql://...`, or `sqlite:///path` (a plain path too).
    A SQLite file is made only when `create` (a copy's target), never for a source."""
    if is_postgres_url(url):
        from sr_tui.core.cases.postgres_store import open_postgres_store

        return open_postgres_store(url, clock, actor=actor, number_format=number_format)
    from sr_tui.core.cases.sqlite_store import SqliteCaseStore

    path = sqlite_path(url)
    if not create and not path.is_file():
        raise StoreError(f"There is no case store at {path}.")
    return SqliteCaseStore(path, clock, actor=actor, number_format=number_format)


def describe_url(url: str) -> str:
    """An address as messages show it: masked, or the SQLite file's path."""
    return mask_url(url) if is_postgres_url(url) else str(Path(sqlite_path(url)))


def marker_id(case: Case) -> str:
    """The id of the note a renumbered copy starts with: the same on every run."""
    return str(uuid.uuid5(_NAMESPACE, f"{case.number}|{encode_time(case.created_at)}"))


def _typed(case: Case) -> bool:
    """Whether the case's number is the ticket system's (typed), not a generated one."""
    value = case.values.get("sr_number", "")
    return isinstance(value, str) and normalize_number(value) == case.number


def _marker(case: Case, origin: str) -> Entry:
    return Entry(
        id=marker_id(case),
        case_number="",
        at=case.created_at,
        kind=EntryKind.NOTE,
        stage=Stage.INITIAL_RESPONSE,
        author=case.assignee or case.updated_by,
        action=f"{COPIED}{case.number}",
        notes=origin,
    )


def copy_cases(
    source: CaseStore | Iterable[Record],
    target: CaseStore,
    *,
    batch: int = 200,
    origin: str = "",
    progress: Callable[[CopyResult], Any] | None = None,
) -> CopyResult:
    """Copy every case with its timeline from `source` (a store, or its records) into
    `target`, `batch` cases per transaction; `progress` is called after each one.
    `origin` (where the cases came from) goes in a renumbered case's first note."""
    result = CopyResult()
    pending: list[Record] = []
    kinds: list[str] = []

    def flush() -> None:
        if not pending:
            return
        done = target.import_records(pending)
        result.entries_added += done.entries_added
        result.entries_kept += done.entries_kept
        for (case, _), kind in zip(pending, kinds, strict=True):
            {"added": result.cases_added, "kept": result.cases_kept}.get(
                kind, result.cases_merged
            ).append(case.number)
        pending.clear()
        kinds.clear()
        if progress is not None:
            progress(result)

    items = records(source) if hasattr(source, "list_cases") else source
    for case, entries in items:
        case = replace(case, number=normalize_number(case.number))
        copied = target.get_entry(marker_id(case))
        if copied is not None:  # renumbered on an earlier run
            pending.append((replace(case, number=copied.case_number), list(entries)))
            kinds.append("kept")
        else:
            there = target.get_case(case.number)
            if there is None or there.created_at == case.created_at or _typed(case):
                pending.append((case, list(entries)))
                kinds.append(
                    "added"
                    if there is None
                    else "kept"
                    if there.created_at == case.created_at
                    else "merged"
                )
            else:  # someone else's case has this generated number in the target
                flush()
                marker = _marker(case, origin)
                done = target.import_records([(replace(case, number=""), [marker, *entries])])
                result.renumbered.append((case.number, done.cases_added[0]))
                result.entries_added += done.entries_added - 1
                result.entries_kept += done.entries_kept
        if len(pending) >= batch:
            flush()
    flush()
    return result
