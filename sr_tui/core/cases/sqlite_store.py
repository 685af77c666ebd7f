"""The case store on one SQLite file (`cases.db` in the data dir), stdlib `sqlite3` only.

WAL journal, `busy_timeout`, foreign keys on, `synchronous=FULL` (a committed entry
survives a crash or a power cut). Every write is one `BEGIN IMMEDIATE` transaction, so two
sr-tui processes on one file queue up instead of losing each other's writes. One
connection serves every thread (the app queries from workers), one at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.errors import (
    ConflictError,
    CorruptStoreError,
    DuplicateCaseError,
    NotFoundError,
    StoreError,
)
from sr_tui.core.cases.model import (
    EDITABLE_FIELDS,
    Case,
    CaseSummary,
    CloseReason,
    Entry,
    EntryKind,
    Stage,
    Status,
)
from sr_tui.core.cases.moves import check_status, stage_for_status, status_entry
from sr_tui.core.cases.numbering import (
    DEFAULT_FORMAT,
    check_format,
    counter_key,
    first_free,
    normalize_number,
)
from sr_tui.core.cases.search import SearchHit
from sr_tui.core.cases.search_query import SearchQuery
from sr_tui.core.cases.sqlite_file import Database, move_aside
from sr_tui.core.cases.sqlite_queries import (
    case_id,
    get_counter,
    get_meta,
    import_into,
    list_query,
    put_meta,
    set_counter,
    touch,
)
from sr_tui.core.cases.sqlite_rows import (
    INSERT_CASE,
    INSERT_ENTRY,
    LOAD_CASE,
    SELECT_CASE,
    SELECT_ENTRIES,
    SELECT_ENTRY,
    UPDATE_CASE,
    case_params,
    entry_params,
    row_to_case,
    row_to_entry,
    row_to_summary,
)
from sr_tui.core.cases.store import ImportResult, Record
from sr_tui.core.cases.team import assignment_entry, normalize_name
from sr_tui.core.clock import Clock

__all__ = ["SqliteCaseStore", "open_sqlite_store"]


class SqliteCaseStore:
    """`CaseStore` on SQLite. `actor` names who writes (the engineer), for conflicts and
    status entries. Opening upgrades an older file (after a backup) and refuses a newer
    one; `notes` says what opening did."""

    def __init__(
        self,
        path: Path | str,
        clock: Clock,
        *,
        actor: str = "",
        number_format: str = DEFAULT_FORMAT,
        busy_timeout_ms: int = 5000,
        check_integrity: bool = True,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.actor = actor
        self.number_format = check_format(number_format)
        self._db = Database(self.path, clock, busy_timeout_ms, check_integrity)
        self.notes = self._db.notes

    def __enter__(self) -> SqliteCaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- cases -------------------------------------------------------------------------

    def _load(self, conn: sqlite3.Connection, number: str) -> tuple[int, Case]:
        found = conn.execute(LOAD_CASE, (number,)).fetchone()
        if found is None:
            raise NotFoundError(f"There is no case {number}.")
        return int(found[0]), self._decode(found[1:])

    def _decode(self, row: tuple) -> Case:
        try:
            return row_to_case(row)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.path}: case {row[0]} cannot be read ({exc})") from exc

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

    def get_case(self, number: str) -> Case | None:
        with self._db.read() as conn:
            row = conn.execute(f"{SELECT_CASE} WHERE number = ?", (normalize_number(number),))
            found = row.fetchone()
        return None if found is None else self._decode(found)

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
        now = self.clock.now()
        when = now if at is None else at
        moved = (proposed.status, proposed.close_reason) != (current.status, current.close_reason)
        if moved:
            check_status(proposed.status, proposed.close_reason)
            if proposed.status is Status.ACCEPTED and proposed.accepted_at is None:
                proposed = replace(proposed, accepted_at=when)
        stored = replace(
            proposed,
            updated_at=now,
            updated_by=self.actor,
            last_activity_at=max(current.last_activity_at, now, when),
            version=current.version + 1,
        )
        conn.execute(UPDATE_CASE, (*case_params(stored), key))
        if moved:
            entry = status_entry(
                stored.number,
                current.status,
                stored.status,
                stored.close_reason,
                at=when,
                author=self.actor,
                stage=stage,
                notes=notes,
            )
            conn.execute(INSERT_ENTRY, entry_params(entry, key))
        return stored

    def list_cases(
        self,
        *,
        statuses: Collection[Status] | None = None,
        text: str = "",
        limit: int | None = 200,
        offset: int = 0,
        assignee: str | None = None,
    ) -> list[CaseSummary]:
        wanted = None if statuses is None else {str(Status(s)) for s in statuses}
        if wanted is not None and not wanted:
            return []
        person = None if assignee is None else normalize_name(assignee)
        sql, params = list_query(wanted, normalize_number(text), limit, offset, person)
        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
        try:
            return [row_to_summary(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.path}: the case list cannot be read ({exc})") from exc

    def last_change(self) -> str:
        """A cheap stamp that changes with every write to the file, by this connection
        (`total_changes`) or another process (`PRAGMA data_version`): caches of computed
        views (the due queue) key on it. O(1): no table is read."""
        with self._db.read() as conn:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            return f"{version}|{conn.total_changes}"

    def counts(self) -> dict[Status, int]:
        with self._db.read() as conn:
            rows = conn.execute("SELECT status, count(*) FROM cases GROUP BY status").fetchall()
        out = dict.fromkeys(Status, 0)
        for status, n in rows:
            out[Status(status)] = n
        return out

    # -- entries -----------------------------------------------------------------------

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

    def entries(self, case_number: str) -> list[Entry]:
        with self._db.read() as conn:
            found = case_id(conn, normalize_number(case_number))
            if found is None:
                return []
            rows = conn.execute(SELECT_ENTRIES, (found,)).fetchall()
        try:
            return [row_to_entry(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"{self.path}: an entry of {case_number} cannot be read ({exc})"
            ) from exc

    def get_entry(self, entry_id: str) -> Entry | None:
        with self._db.read() as conn:
            row = conn.execute(SELECT_ENTRY, (entry_id,)).fetchone()
        try:
            return None if row is None else row_to_entry(row)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self.path}: entry {entry_id} cannot be read ({exc})") from exc

    def delete_note(self, entry_id: str) -> None:
        with self._db.write() as conn:
            row = conn.execute("SELECT kind FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no entry {entry_id}.")
            if row[0] != EntryKind.NOTE:
                raise StoreError(f"Only notes can be deleted; entry {entry_id} is a {row[0]}.")
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    # -- search ------------------------------------------------------------------------

    def search(self, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """See `CaseStore.search`; the SQL is in `sqlite_search` (FTS5 trigram + LIKE)."""
        from sr_tui.core.cases.sqlite_search import search

        with self._db.read() as conn:
            try:
                return search(conn, query, limit)
            except (ValueError, TypeError, KeyError) as exc:
                raise StoreError(f"{self.path}: search results cannot be read ({exc})") from exc

    # -- import and meta ---------------------------------------------------------------

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

    def get_meta(self, key: str) -> str | None:
        with self._db.read() as conn:
            return get_meta(conn, key)

    def set_meta(self, key: str, value: str) -> None:
        with self._db.write() as conn:
            put_meta(conn, key, value)


def open_sqlite_store(
    path: Path | str, clock: Clock, **options: Any
) -> tuple[SqliteCaseStore, list[str]]:
    """Open the store at `path`, and tell the user what they should know: (store,
    problems). A damaged file is moved aside (`cases.db.corrupt-<time>`, never deleted)
    and a new, empty store started, so the app still starts; the problem names both
    files. A newer schema, a busy or unreadable file still raise `StoreError`."""
    path = Path(path)
    try:
        store = SqliteCaseStore(path, clock, **options)
        return store, list(store.notes)
    except CorruptStoreError as exc:
        try:
            aside = move_aside(path, clock)
        except OSError as move:
            raise StoreError(f"{exc.user_message} It could not be moved aside: {move}") from exc
        problem = (
            f"{exc.user_message} It was moved to {aside} (nothing was deleted), "
            "and a new, empty case store was started."
        )
    store = SqliteCaseStore(path, clock, **options)
    return store, [problem, *store.notes]
