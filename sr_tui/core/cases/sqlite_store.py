"""The case store on one SQLite file (`cases.db` in the data dir), stdlib `sqlite3` only.

WAL journal, `busy_timeout`, foreign keys on, `synchronous=FULL` (a committed entry
survives a crash or a power cut). Every write is one `BEGIN IMMEDIATE` transaction, so two
sr-tui processes on one file queue up instead of losing each other's writes. One
connection serves every thread (the app queries from workers), one at a time.

This module opens it; what it reads is in `sqlite_reads`, what it writes in `sqlite_writes`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sr_tui.core.cases.errors import CorruptStoreError, StoreError
from sr_tui.core.cases.numbering import DEFAULT_FORMAT, check_format
from sr_tui.core.cases.sqlite_file import Database, move_aside
from sr_tui.core.cases.sqlite_reads import SqliteReads
from sr_tui.core.cases.sqlite_writes import SqliteWrites
from sr_tui.core.clock import Clock

__all__ = ["SqliteCaseStore", "open_sqlite_store"]


class SqliteCaseStore(SqliteReads, SqliteWrites):
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
