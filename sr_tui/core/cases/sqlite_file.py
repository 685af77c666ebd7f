"""Opening `cases.db`: connection settings, the integrity check, the schema upgrade, and
setting a damaged file aside (never deleting it) so the app can start on a new one."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sr_tui.core.cases.errors import CorruptStoreError, SchemaTooNewError, StoreError
from sr_tui.core.cases.migrations import LATEST, migrate, schema_version
from sr_tui.core.clock import Clock

#: SQLite's primary result codes for a damaged file and for "not a database".
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

SQLITE_HEADER = b"SQLite format 3\x00"

#: Files SQLite keeps beside the database; they move with it.
SIDE_FILES = ("-wal", "-shm", "-journal")


def corruption(path: Path, exc: sqlite3.Error) -> CorruptStoreError | None:
    """`exc` as a `CorruptStoreError` if it says the file is damaged, else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptStoreError(path, str(exc))
    text = str(exc)
    if "malformed" in text or "not a database" in text:
        return CorruptStoreError(path, text)
    return None


def check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite opens it: SQLite would delete the
    -wal beside it on closing, and a damaged file's side files must be kept as they are."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc}") from exc
    if head and head != SQLITE_HEADER:
        raise CorruptStoreError(path, "it does not start like an SQLite database")


def connect(path: Path, busy_timeout_ms: int = 5000) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread
    (the store serialises use), with WAL, `busy_timeout`, foreign keys and full sync on.
    A new file is created readable by its owner only: it holds customers' data."""
    check_header(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        conn = sqlite3.connect(
            path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path} cannot be opened: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise corruption(path, exc) or StoreError(f"{path} cannot be opened: {exc}") from exc
    return conn


def open_checked(
    path: Path, clock: Clock, busy_timeout_ms: int, check_integrity: bool
) -> tuple[sqlite3.Connection, list[str]]:
    """Connect, refuse a newer schema, check integrity, upgrade: (connection, notes)."""
    conn = connect(path, busy_timeout_ms)
    try:
        found = schema_version(conn)
        if found > LATEST:
            raise SchemaTooNewError(path, found, LATEST)
        if check_integrity:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise CorruptStoreError(path, f"integrity check: {problems[0]}")
        notes = migrate(conn, path, clock)
    except sqlite3.Error as exc:
        conn.close()
        raise corruption(path, exc) or StoreError(f"{path} cannot be opened: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn, notes


def move_aside(path: Path, clock: Clock) -> Path:
    """Rename a damaged `cases.db` (and its -wal/-shm) to `cases.db.corrupt-<time>`."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


class Database:
    """One open `cases.db`: `read()` and `write()` hand out its connection, one thread at a
    time, with SQLite errors turned into `StoreError`s naming the file; `write()` is one
    `BEGIN IMMEDIATE` transaction, rolled back if anything in it fails."""

    def __init__(
        self, path: Path, clock: Clock, busy_timeout_ms: int = 5000, check_integrity: bool = True
    ) -> None:
        self.path = path
        self._busy_s = busy_timeout_ms / 1000
        self._lock = threading.RLock()
        self.conn, self.notes = open_checked(path, clock, busy_timeout_ms, check_integrity)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            damaged = corruption(self.path, exc)
            if damaged:
                raise damaged from exc
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise StoreError(
                    f"{self.path} is busy: another sr-tui held it for more than "
                    f"{self._busy_s:g} s. Try again."
                ) from exc
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._guard():
            yield self.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._guard():
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
