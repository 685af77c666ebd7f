"""The SQLite schema, as an ordered list of migrations (`PRAGMA user_version` = the last
one applied).

A migration, once released, is history: never edit one, add the next. Each runs in one
transaction with the version bump, so a crash leaves the file at the old version or the
new, never between. Before an existing file is upgraded, a copy is made with SQLite's
backup API (`cases.db.bak-v1-20261202-101500`). A file from a newer sr-tui is refused.

The SQL stays plain so a PostgreSQL schema can mirror it: text times (ISO-8601 UTC), JSON
as text, integer surrogate keys, no CHECKs on enum values (adding a status must not need
a table rebuild).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sr_tui.core.cases.errors import SchemaTooNewError, StoreError
from sr_tui.core.clock import Clock


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "cases, their entries, number counters and meta",
        (
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE counters (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            )""",
            """CREATE TABLE cases (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL DEFAULT '',
                requester TEXT NOT NULL DEFAULT '',
                company TEXT NOT NULL DEFAULT '',
                contact TEXT NOT NULL DEFAULT '',
                submitted_at TEXT NOT NULL,
                accepted_at TEXT,
                urgency TEXT NOT NULL,
                urgency_reason TEXT NOT NULL DEFAULT '',
                scenario TEXT NOT NULL,
                area TEXT NOT NULL DEFAULT '',
                priority TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                attachments TEXT NOT NULL DEFAULT '[]',
                assignee TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                close_reason TEXT,
                keywords TEXT NOT NULL DEFAULT '[]',
                resolution TEXT NOT NULL DEFAULT '',
                root_cause TEXT NOT NULL DEFAULT '',
                knowledge INTEGER NOT NULL DEFAULT 0,
                field_values TEXT NOT NULL DEFAULT '{}',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1
            )""",
            "CREATE INDEX cases_by_status ON cases (status, updated_at)",
            "CREATE INDEX cases_by_update ON cases (updated_at)",
            """CREATE TABLE entries (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                case_id INTEGER NOT NULL REFERENCES cases (id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                stage TEXT NOT NULL,
                author TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                data TEXT NOT NULL DEFAULT '{}'
            )""",
            "CREATE INDEX entries_by_case ON entries (case_id, at, seq)",
        ),
    ),
    Migration(
        2,
        "order the case list by last activity (the latest entry or save), not last save",
        (
            "ALTER TABLE cases ADD COLUMN last_activity_at TEXT NOT NULL DEFAULT ''",
            """UPDATE cases SET last_activity_at = max(
                updated_at,
                coalesce((SELECT max(at) FROM entries WHERE entries.case_id = cases.id), '')
            )""",
            "DROP INDEX cases_by_status",
            "DROP INDEX cases_by_update",
            "CREATE INDEX cases_by_activity ON cases (last_activity_at, number)",
            "CREATE INDEX cases_by_status ON cases (status, last_activity_at, number)",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, clock: Clock) -> list[str]:
    """Bring the file at `path` (open on `conn`, autocommit mode) to `LATEST`; return what
    was done, for the user, or [] if nothing was."""
    found = schema_version(conn)
    if found > LATEST:
        raise SchemaTooNewError(path, found, LATEST)
    if found == LATEST:
        return []
    if found == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(f"{path} is an SQLite database, but not an sr-tui case store.")
    done = []
    if found > 0:
        copy = backup(conn, path, found, clock)
        done.append(f"{path} was copied to {copy} before its upgrade.")
    for migration in MIGRATIONS:
        if migration.version > found:
            apply(conn, migration)
    if found > 0:
        done.append(f"{path} was upgraded from schema version {found} to {LATEST}.")
    return done


def apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Run one migration in its own write transaction, unless another process has (the
    version is read again under the write lock). True if it ran here."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        if current >= migration.version:
            conn.execute("ROLLBACK")
            return False
        if current != migration.version - 1:
            raise StoreError(f"schema version {current} cannot be upgraded to {migration.version}")
        for statement in migration.statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def backup(conn: sqlite3.Connection, path: Path, version: int, clock: Clock) -> Path:
    """A consistent copy of the database beside it, named after its version and the time."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    name = f"{path.name}.bak-v{version}-{stamp}"
    for n in range(1, 100):
        target = path.with_name(name if n == 1 else f"{name}-{n}")
        try:  # claimed by name (another process may be upgrading too), owner-only
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            break
        except FileExistsError:
            continue
    else:
        raise StoreError(f"no free name for a backup of {path} beside it")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target
