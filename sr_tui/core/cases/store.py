"""The `CaseStore` protocol: everything the workspace asks of a case store.

SQLite (`sqlite_store.py`) and PostgreSQL (`postgres_store.py`, a team's shared database)
implement it, and `tests/cases` runs one suite against each. Rules every backend keeps:

- every write is one transaction; a failure leaves the store as it was;
- case numbers given to any method are normalised (`numbering.normalize_number`);
- entries are append-only (only notes can be deleted); a case's `version` counts its
  saves, and a save based on an older version raises `ConflictError`;
- times go in aware and come back aware, in UTC.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from sr_tui.core.cases.errors import (
    ConflictError,
    CorruptStoreError,
    DuplicateCaseError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
)
from sr_tui.core.cases.model import Case, CaseSummary, CloseReason, Entry, Stage, Status

if TYPE_CHECKING:  # annotations only: searching imports them when it runs
    from sr_tui.core.cases.search import SearchHit
    from sr_tui.core.cases.search_query import SearchQuery

__all__ = [
    "CaseStore",
    "ConflictError",
    "CorruptStoreError",
    "DuplicateCaseError",
    "ImportResult",
    "NotFoundError",
    "Record",
    "SchemaTooNewError",
    "StoreError",
]

#: A case with its timeline, as exported and imported.
Record = tuple[Case, Sequence[Entry]]


@dataclass(frozen=True)
class ImportResult:
    skipped: bool = False  # the `once` key was set: this import had run before
    cases_added: tuple[str, ...] = ()  # numbers of the cases created
    cases_kept: tuple[str, ...] = ()  # numbers that existed already (left as they were)
    entries_added: int = 0
    entries_kept: int = 0  # entries whose id existed already
    problems: tuple[str, ...] = field(default=())


class CaseStore(Protocol):
    def create_case(self, case: Case) -> Case:
        """Store a new case and return it as stored: number normalised (or generated when
        empty), version 1, `updated_by` the store's actor. `DuplicateCaseError` if the
        number is taken."""
        ...

    def get_case(self, number: str) -> Case | None: ...

    def update_case(self, case: Case, expected_version: int) -> Case:
        """Save `case`'s editable fields if the stored version is still `expected_version`
        (else `ConflictError`, naming who saved it and when); return the stored case
        with the version bumped. A changed status is recorded as `set_status` would. A
        save that changes nothing writes nothing."""
        ...

    def renumber_case(self, number: str, new_number: str, expected_version: int) -> Case:
        """Give a case another number (the ticket system's, typed after a TS number was
        generated); its entries follow."""
        ...

    def list_cases(
        self,
        *,
        statuses: Collection[Status] | None = None,
        text: str = "",
        limit: int | None = 200,
        offset: int = 0,
        assignee: str | None = None,
    ) -> list[CaseSummary]:
        """Case summaries (open one with `get_case`), newest activity first (equal times:
        the higher number first); `text` matches number, title, requester, company,
        contact and keywords (substring, ASCII case-insensitive). `assignee` keeps the
        cases assigned to that person (whitespace-normalised, exact: "my cases"); ""
        the unassigned ones; None (the team) all."""
        ...

    def assign(
        self,
        number: str,
        assignee: str,
        *,
        by: str | None = None,
        at: datetime | None = None,
        notes: str = "",
        expected_version: int | None = None,
    ) -> Case:
        """Hand a case to `assignee` ("" unassigns it), as `by` (default: the store's
        actor) at `at` (default: now): the record's assignee changes (a save: the version
        goes up) and a note entry says so in the same transaction ("assigned to Bob
        Chen", notes "from Ann Lee; <notes>"; see `team.py`). No-op if it is theirs
        already."""
        ...

    def counts(self) -> dict[Status, int]:
        """How many cases are in each status (every status present, zeros too)."""
        ...

    def append_entry(self, entry: Entry) -> Entry:
        """Add an entry to its case's timeline (not a status entry: use `set_status`)."""
        ...

    def entries(self, case_number: str) -> list[Entry]:
        """A case's timeline, oldest first (in the order written, for equal times)."""
        ...

    def cases_since(self, since: datetime, *, assignee: str | None = None) -> list[Case]:
        """Every case whose last activity is at or after `since`, whole, in one read, in
        the case list's order (newest activity first; equal times: the higher number
        first); `assignee` as `list_cases` takes it. What the monthly review reads."""
        ...

    def entries_of(self, case_numbers: Iterable[str]) -> dict[str, list[Entry]]:
        """The timelines of many cases in one read: each number given (normalised) to its
        entries as `entries` gives them (a case without entries, or unknown: [])."""
        ...

    def get_entry(self, entry_id: str) -> Entry | None:
        """One entry by its id (with the number of the case it is on), or None."""
        ...

    def delete_note(self, entry_id: str) -> None:
        """Remove a note entry (only notes: emails and status moves are the record)."""
        ...

    def set_status(
        self,
        number: str,
        status: Status,
        *,
        reason: CloseReason | None = None,
        expected_version: int | None = None,
        stage: Stage | None = None,
        notes: str = "",
        at: datetime | None = None,
    ) -> Case:
        """Move a case to `status` (closed needs a `reason`; any other status clears it,
        which is how a closed case is reopened), writing a status entry; no-op if it is
        there already. The first move to accepted sets `accepted_at`."""
        ...

    def next_number(self) -> str:
        """The number the next case created without one would get (not reserved)."""
        ...

    def import_records(
        self,
        records: Iterable[Record],
        *,
        once: str | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Add cases with their entries in one transaction, losslessly (versions and times
        as given). A case whose number exists is kept as stored and gains only the entries
        it lacks; an entry whose id exists is skipped, so importing twice adds nothing.
        A case with an empty number gets a generated one. Entries join the case they come
        with. With `once`, nothing happens if that meta key is set, and it is set (with
        `meta`) in the same transaction."""
        ...

    def search(self, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """Cases matching `query`, the most relevant first, each with a snippet: what
        `sr_tui.core.cases.search` says every backend returns (terms of fewer than three
        characters included, in English and Chinese)."""
        ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def close(self) -> None: ...
