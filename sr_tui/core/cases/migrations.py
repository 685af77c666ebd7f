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

from sr_tui.core.cases import migrations_v4
from sr_tui.core.cases.errors import SchemaTooNewError, StoreError
from sr_tui.core.clock import Clock

# -- SQL pieces of migration 3 (search) ---------------------------------------------------
# Part of a released migration: never change them; a later migration writes its own SQL.

#: The searchable fields, as columns of search_text and search_index (= search_query.FIELDS).
_v3_FIELDS = (
    "number",
    "title",
    "keywords",
    "description",
    "resolution",
    "root_cause",
    "email_subject",
    "email_body",
    "notes",
)
_v3_COLUMNS = ", ".join(_v3_FIELDS)
_v3_RECORD = ("number", "title", "keywords", "description", "resolution", "root_cause")


def _v3_keywords(column: str) -> str:
    """The JSON list of keywords as text, one piece each."""
    return f"coalesce((SELECT group_concat(value, char(30)) FROM json_each({column})), '')"


def _v3_pieces(case_id: str, expression: str, where: str) -> str:
    return (
        f"coalesce((SELECT group_concat(piece, char(30)) FROM (SELECT {expression} AS piece "
        f"FROM entries WHERE case_id = {case_id} AND {where} ORDER BY at, seq)), '')"
    )


def _v3_timeline(case_id: str) -> str:
    """notes, email_subject and email_body of one case, from its entries."""
    email = "kind = 'email'"
    return ", ".join(
        (
            _v3_pieces(case_id, "trim(action || ' ' || notes)", "(action <> '' OR notes <> '')"),
            _v3_pieces(case_id, "json_extract(data, '$.subject')", email),
            _v3_pieces(case_id, "json_extract(data, '$.body')", email),
        )
    )


def _v3_unindex(case_id: str) -> str:
    """Take a case out of the index, with the very values it was indexed with."""
    return (
        f"INSERT INTO search_index (search_index, rowid, {_v3_COLUMNS}) "
        f"SELECT 'delete', case_id, {_v3_COLUMNS} FROM search_text WHERE case_id = {case_id}"
    )


def _v3_index(case_id: str) -> str:
    return (
        f"INSERT INTO search_index (rowid, {_v3_COLUMNS}) "
        f"SELECT case_id, {_v3_COLUMNS} FROM search_text WHERE case_id = {case_id}"
    )


def _v3_retimeline(case_id: str) -> str:
    """Index a case's timeline text again (an entry with text came, went or changed)."""
    return (
        f"{_v3_unindex(case_id)};\n"
        "UPDATE search_timeline SET (notes, email_subject, email_body) = "
        f"(SELECT {_v3_timeline(case_id)}) WHERE case_id = {case_id};\n"
        f"{_v3_index(case_id)}"
    )


def _v3_has_text(alias: str) -> str:
    return f"({alias}.kind = 'email' OR {alias}.action <> '' OR {alias}.notes <> '')"


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
    Migration(
        3,
        "full-text search: each case's searchable text, an FTS5 trigram index over it, and "
        "the triggers that keep both in step with cases and entries",
        (
            # The text search looks in, one row per case in two tables: the record's
            # fields (small rows, read first), and the timeline's text, pieces joined by
            # char(30) (search_query.ITEM_SEPARATOR): the action and notes of its entries, and
            # its emails' subjects and bodies (the bulk, last). Terms of fewer than three
            # characters are matched on these with LIKE or GLOB.
            """CREATE TABLE search_record (
                case_id INTEGER PRIMARY KEY REFERENCES cases (id),
                number TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL DEFAULT '',
                keywords TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                resolution TEXT NOT NULL DEFAULT '',
                root_cause TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE search_timeline (
                case_id INTEGER PRIMARY KEY REFERENCES cases (id),
                notes TEXT NOT NULL DEFAULT '',
                email_subject TEXT NOT NULL DEFAULT '',
                email_body TEXT NOT NULL DEFAULT ''
            )""",
            # Both as one row, in search_query.FIELDS order: the index's content.
            f"""CREATE VIEW search_text AS SELECT r.case_id AS case_id,
                {", ".join(f"r.{c} AS {c}" for c in _v3_RECORD)},
                t.email_subject AS email_subject, t.email_body AS email_body,
                t.notes AS notes
                FROM search_record r JOIN search_timeline t ON t.case_id = r.case_id""",
            # The bm25-less trigram index (search.rank ranks); its rowid is the case id.
            f"""CREATE VIRTUAL TABLE search_index USING fts5 (
                {_v3_COLUMNS},
                content = 'search_text', content_rowid = 'case_id', tokenize = 'trigram'
            )""",
            f"""INSERT INTO search_record (case_id, {", ".join(_v3_RECORD)})
                SELECT id, number, title, {_v3_keywords("cases.keywords")}, description,
                    resolution, root_cause FROM cases""",
            f"""INSERT INTO search_timeline (case_id, notes, email_subject, email_body)
                SELECT id, {_v3_timeline("cases.id")} FROM cases""",
            "INSERT INTO search_index (search_index) VALUES ('rebuild')",
            # cases -> the record's text (a save that leaves it, such as every autosave
            # of a draft's other values, writes nothing here).
            f"""CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
                INSERT INTO search_record (case_id, {", ".join(_v3_RECORD)})
                VALUES (NEW.id, NEW.number, NEW.title, {_v3_keywords("NEW.keywords")},
                    NEW.description, NEW.resolution, NEW.root_cause);
                INSERT INTO search_timeline (case_id, notes, email_subject, email_body)
                SELECT NEW.id, {_v3_timeline("NEW.id")};
                {_v3_index("NEW.id")};
            END""",
            f"""CREATE TRIGGER cases_search_update AFTER UPDATE ON cases
            WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _v3_RECORD)} BEGIN
                {_v3_unindex("OLD.id")};
                UPDATE search_record SET number = NEW.number, title = NEW.title,
                    keywords = {_v3_keywords("NEW.keywords")}, description = NEW.description,
                    resolution = NEW.resolution, root_cause = NEW.root_cause
                WHERE case_id = OLD.id;
                {_v3_index("OLD.id")};
            END""",
            f"""CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
                {_v3_unindex("OLD.id")};
                DELETE FROM search_record WHERE case_id = OLD.id;
                DELETE FROM search_timeline WHERE case_id = OLD.id;
            END""",
            # entries -> the timeline's text, rebuilt when an entry with text comes or
            # goes (an email recorded, a note deleted, a status move with notes).
            f"""CREATE TRIGGER entries_search_insert AFTER INSERT ON entries
            WHEN {_v3_has_text("NEW")} BEGIN
                {_v3_retimeline("NEW.case_id")};
            END""",
            f"""CREATE TRIGGER entries_search_delete AFTER DELETE ON entries
            WHEN {_v3_has_text("OLD")} BEGIN
                {_v3_retimeline("OLD.case_id")};
            END""",
            f"""CREATE TRIGGER entries_search_update AFTER UPDATE ON entries BEGIN
                {_v3_retimeline("OLD.case_id")};
                {_v3_retimeline("NEW.case_id")};
            END""",
        ),
    ),
    Migration(
        4,
        "search terms of one and two characters through the index: the trigram index's "
        "vocabulary, and the last two characters of every searchable field (their tails)",
        migrations_v4.STATEMENTS,
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
