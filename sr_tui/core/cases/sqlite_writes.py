"""What the SQLite case store writes: cases, numbers, saves, moves, entries, imports."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.errors import ConflictError, DuplicateCaseError, NotFoundError, StoreError
from sr_tui.core.cases.model import (
    EDITABLE_FIELDS,
    Case,
    CloseReason,
    Entry,
    EntryKind,
    Stage,
    Status,
)
from sr_tui.core.cases.moves import check_status, next_version, stage_for_status
from sr_tui.core.cases.numbering import counter_key, first_free, normalize_number
from sr_tui.core.cases.sqlite_queries import (
    case_id,
    get_counter,
    get_meta,
    import_into,
    put_meta,
    set_counter,
    touch,
)
from sr_tui.core.cases.sqlite_rows import (
    INSERT_CASE,
    INSERT_ENTRY,
    UPDATE_CASE,
    case_params,
    entry_params,
)
from sr_tui.core.cases.store import ImportResult, Record
from sr_tui.core.cases.team import assignment_entry, normalize_name


class SqliteWrites:
    """The writing half of `SqliteCaseStore` (needs its `_db`, `clock`, `actor`,
    `number_format` and the reads)."""

    def _free_number(self, conn: sqlite3.Connection) -> tuple[str, str, int]:
        """(counter, number, serial): the next generated number no case has yet."""
        day = self.clock.now().date()
        key = counter_key(self.number_format, day)
        exists = lambda n: case_id(conn, n) is not None  # noqa: E731
        start = get_counter(conn, key) + 1
        return key, *first_free(self.number_format, day, start, exists)

    def _allocate(self, conn: sqlite3.Connection) -> str:
        """Take the next number; inside the write transaction, so no other process can."""
        key, number, seq = self._free_number(conn)
        set_counter(conn, key, seq)
        return number

    def next_number(self) -> str:
        with self._db.read() as conn:
            return self._free_number(conn)[1]

    def create_case(self, case: Case) -> Case:
        check_status(case.status, case.close_reason)
        with self._db.write() as conn:
            number = normalize_number(case.number)
            if not number:
                number = self._allocate(conn)
            elif case_id(conn, number) is not None:
                raise DuplicateCaseError(f"A case numbered {number} exists already.")
            stored = replace(case, number=number, version=1, updated_by=self.actor)
            conn.execute(INSERT_CASE, case_params(stored))
        return stored

    def _check_version(self, current: Case, expected: int | None) -> None:
        if expected is not None and current.version != expected:
            raise ConflictError(
                current.number, expected, current.version, current.updated_by, current.updated_at
            )

    def update_case(self, case: Case, expected_version: int) -> Case:
        number = normalize_number(case.number)
        with self._db.write() as conn:
            key, current = self._load(conn, number)
            self._check_version(current, expected_version)
            edits = {name: getattr(case, name) for name in EDITABLE_FIELDS}
            proposed = replace(current, **{**edits, "number": number})
            if proposed == current:
                return current
            return self._save(conn, key, current, proposed)

    def renumber_case(self, number: str, new_number: str, expected_version: int) -> Case:
        new_number = normalize_number(new_number)
        if not new_number:
            raise ValueError("a case number cannot be empty")
        with self._db.write() as conn:
            key, current = self._load(conn, normalize_number(number))
            self._check_version(current, expected_version)
            if case_id(conn, new_number) is not None:
                raise DuplicateCaseError(f"A case numbered {new_number} exists already.")
            return self._save(conn, key, current, replace(current, number=new_number))

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
        status = Status(status)
        reason = None if reason is None else CloseReason(reason)
        check_status(status, reason)
        with self._db.write() as conn:
            key, current = self._load(conn, normalize_number(number))
            self._check_version(current, expected_version)
            if (current.status, current.close_reason) == (status, reason):
                return current
            proposed = replace(current, status=status, close_reason=reason)
            return self._save(conn, key, current, proposed, at=at, stage=stage, notes=notes)

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
        assignee = normalize_name(assignee)
        with self._db.write() as conn:
            key, current = self._load(conn, normalize_number(number))
            self._check_version(current, expected_version)
            if current.assignee == assignee:
                return current
            when = self.clock.now() if at is None else at
            stored = self._save(conn, key, current, replace(current, assignee=assignee), at=when)
            entry = assignment_entry(
                stored.number,
                current.assignee,
                assignee,
                at=when,
                by=self.actor if by is None else by,
                stage=stage_for_status(stored.status),
                notes=notes,
            )
            conn.execute(INSERT_ENTRY, entry_params(entry, key))
        return stored

    def _save(
        self,
        conn: sqlite3.Connection,
        key: int,
        current: Case,
        proposed: Case,
        *,
        at: datetime | None = None,
        stage: Stage | None = None,
        notes: str = "",
    ) -> Case:
        """Write `proposed` over `current`: the version bumped, saved by the actor now. A
        status move is checked, writes a status entry (`at`, `stage`, `notes`) and, the
        first time a case is accepted, sets `accepted_at`."""
        stored, entry = next_version(
            current,
            proposed,
            now=self.clock.now(),
            actor=self.actor,
            at=at,
            stage=stage,
            notes=notes,
        )
        conn.execute(UPDATE_CASE, (*case_params(stored), key))
        if entry is not None:
            conn.execute(INSERT_ENTRY, entry_params(entry, key))
        return stored

    def append_entry(self, entry: Entry) -> Entry:
        if entry.kind is EntryKind.STATUS:
            raise ValueError("status entries are written by set_status")
        number = normalize_number(entry.case_number)
        with self._db.write() as conn:
            found = case_id(conn, number)
            if found is None:
                raise NotFoundError(f"There is no case {number}.")
            if not conn.execute(INSERT_ENTRY, entry_params(entry, found)).rowcount:
                raise StoreError(f"Entry {entry.id} is recorded already.")
            touch(conn, found, encode_time(entry.at))
        return replace(entry, case_number=number)

    def delete_note(self, entry_id: str) -> None:
        with self._db.write() as conn:
            row = conn.execute("SELECT kind FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no entry {entry_id}.")
            if row[0] != EntryKind.NOTE:
                raise StoreError(f"Only notes can be deleted; entry {entry_id} is a {row[0]}.")
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    def import_records(
        self,
        records: Iterable[Record],
        *,
        once: str | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> ImportResult:
        with self._db.write() as conn:
            if once is not None and get_meta(conn, once) is not None:
                return ImportResult(skipped=True)
            result = import_into(conn, records, lambda: self._allocate(conn))
            items = dict(meta or {})
            if once is not None:
                items.setdefault(once, encode_time(self.clock.now()))
            for key, value in items.items():
                put_meta(conn, key, value)
        return result

    def set_meta(self, key: str, value: str) -> None:
        with self._db.write() as conn:
            put_meta(conn, key, value)
