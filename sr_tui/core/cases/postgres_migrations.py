"""The PostgreSQL schema, as an ordered list of migrations with a version table.

The migrations mirror the SQLite ones (`migrations.py`) version for version, so "schema
version 2" means the same tables on either backend; only the types are PostgreSQL's own:
`timestamptz` for times, `jsonb` for the JSON columns, `boolean`, identity keys, and the
case number in the "C" collation (the case list orders by it, byte for byte, as SQLite
does). A migration, once released, is history: never edit one, add the next.

`schema_version` holds one row per migration applied (when, by which database role). Each
migration runs in one transaction with its row, under a transaction-scoped advisory lock,
so two engineers starting a newer sr-tui at once do not both run it, and a failure leaves
the schema as it was. Backups are the database's business (`pg_dump`), not sr-tui's.
"""

from __future__ import annotations

from typing import Any

from sr_tui.core.cases.migrations import Migration

VERSION_TABLE = "schema_version"

#: Our tables: a schema holding one of them without `schema_version` is not ours.
TABLES = ("meta", "counters", "cases", "entries")

CREATE_VERSION_TABLE = f"""CREATE TABLE {VERSION_TABLE} (
    version integer PRIMARY KEY,
    description text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user
)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "cases, their entries, number counters and meta",
        (
            """CREATE TABLE meta (
                key text PRIMARY KEY,
                value text NOT NULL
            )""",
            """CREATE TABLE counters (
                name text PRIMARY KEY,
                value bigint NOT NULL
            )""",
            """CREATE TABLE cases (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                number text COLLATE "C" NOT NULL UNIQUE,
                title text NOT NULL DEFAULT '',
                requester text NOT NULL DEFAULT '',
                company text NOT NULL DEFAULT '',
                contact text NOT NULL DEFAULT '',
                submitted_at timestamptz NOT NULL,
                accepted_at timestamptz,
                urgency text NOT NULL,
                urgency_reason text NOT NULL DEFAULT '',
                scenario text NOT NULL,
                area text NOT NULL DEFAULT '',
                priority text NOT NULL,
                description text NOT NULL DEFAULT '',
                attachments jsonb NOT NULL DEFAULT '[]',
                assignee text NOT NULL DEFAULT '',
                status text NOT NULL,
                close_reason text,
                keywords jsonb NOT NULL DEFAULT '[]',
                resolution text NOT NULL DEFAULT '',
                root_cause text NOT NULL DEFAULT '',
                knowledge boolean NOT NULL DEFAULT false,
                field_values jsonb NOT NULL DEFAULT '{}',
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                updated_by text NOT NULL DEFAULT '',
                version integer NOT NULL DEFAULT 1
            )""",
            "CREATE INDEX cases_by_status ON cases (status, updated_at)",
            "CREATE INDEX cases_by_update ON cases (updated_at)",
            """CREATE TABLE entries (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text NOT NULL UNIQUE,
                case_id bigint NOT NULL REFERENCES cases (id),
                at timestamptz NOT NULL,
                kind text NOT NULL,
                stage text NOT NULL,
                author text NOT NULL DEFAULT '',
                action text NOT NULL DEFAULT '',
                notes text NOT NULL DEFAULT '',
                data jsonb NOT NULL DEFAULT '{}'
            )""",
            "CREATE INDEX entries_by_case ON entries (case_id, at, seq)",
        ),
    ),
    Migration(
        2,
        "order the case list by last activity (the latest entry or save), not last save",
        (
            "ALTER TABLE cases ADD COLUMN last_activity_at timestamptz",
            """UPDATE cases SET last_activity_at = greatest(
                updated_at,
                (SELECT max(at) FROM entries WHERE entries.case_id = cases.id)
            )""",
            "ALTER TABLE cases ALTER COLUMN last_activity_at SET NOT NULL",
            "DROP INDEX cases_by_status",
            "DROP INDEX cases_by_update",
            "CREATE INDEX cases_by_activity ON cases (last_activity_at, number)",
            "CREATE INDEX cases_by_status ON cases (status, last_activity_at, number)",
        ),
    ),
)

# -- migration 3: search (kept verbatim once released, like the SQL above) ---------------

#: search_query.ITEM_SEPARATOR, between the pieces of a field (keywords, a case's emails, ...).
_SEP = "E'\\x1e'"
_v3_RECORD = ("number", "title", "keywords", "description", "resolution", "root_cause")
_v3_TIMELINE = ("email_subject", "email_body", "notes")
_v3_FIELDS = _v3_RECORD + _v3_TIMELINE

_V3 = Migration(
    3,
    "full-text search: each case's searchable text, a pg_trgm index over it, and the "
    "triggers that keep it in step with cases and entries",
    (
        # The trigram operator class; a trusted extension (the database's owner may make
        # it). Made where the schema is, unless the database has it already.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        # As SQLite's search_text: one row per case, the record's fields and, one column
        # each, the subjects and bodies of its emails and the action and notes of its
        # entries, pieces joined by char 30; `folded` is all of them in lower case, one
        # field after another, for the index and for LIKE (a phrase never spans two
        # pieces or two fields). Kept uncompressed: every search reads it, and LIKE on
        # lower-cased text is several times cheaper than ILIKE, undecompressed cheaper still.
        f"""CREATE TABLE search_text (
            case_id bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
            {", ".join(f"{f} text NOT NULL DEFAULT ''" for f in _v3_FIELDS)},
            folded text GENERATED ALWAYS AS (
                lower({f" || {_SEP} || ".join(_v3_FIELDS)})
            ) STORED
        )""",
        "ALTER TABLE search_text ALTER COLUMN folded SET STORAGE EXTERNAL",
        """DO $$
        DECLARE home text;
        BEGIN
            SELECT n.nspname INTO home FROM pg_extension e
                JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
            EXECUTE format(
                'CREATE INDEX search_text_trigrams ON search_text '
                'USING gin (folded %I.gin_trgm_ops)', home);
        END $$""",
        f"""CREATE FUNCTION sr_tui_keywords(words jsonb) RETURNS text
            LANGUAGE sql IMMUTABLE AS $$
            SELECT coalesce(string_agg(word, {_SEP} ORDER BY n), '')
            FROM jsonb_array_elements_text(words) WITH ORDINALITY AS k (word, n)
        $$""",
        # A case's timeline text, rebuilt. The row is locked first and the text read
        # after (a fresh snapshot: this is a volatile function), so two transactions
        # writing entries of one case never leave out each other's.
        f"""CREATE FUNCTION sr_tui_search_timeline(case_key bigint) RETURNS void
            LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM 1 FROM search_text WHERE case_id = case_key FOR UPDATE;
            UPDATE search_text SET (email_subject, email_body, notes) = (
                SELECT
                    coalesce(string_agg(data ->> 'subject', {_SEP} ORDER BY at, seq)
                        FILTER (WHERE kind = 'email'), ''),
                    coalesce(string_agg(data ->> 'body', {_SEP} ORDER BY at, seq)
                        FILTER (WHERE kind = 'email'), ''),
                    coalesce(string_agg(trim(action || ' ' || notes), {_SEP} ORDER BY at, seq)
                        FILTER (WHERE action <> '' OR notes <> ''), '')
                FROM entries WHERE case_id = case_key
            ) WHERE case_id = case_key;
        END $$""",
        """CREATE FUNCTION sr_tui_cases_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO search_text (case_id, number, title, keywords, description,
                    resolution, root_cause)
                VALUES (NEW.id, NEW.number, NEW.title, sr_tui_keywords(NEW.keywords),
                    NEW.description, NEW.resolution, NEW.root_cause);
            ELSE
                UPDATE search_text SET number = NEW.number, title = NEW.title,
                    keywords = sr_tui_keywords(NEW.keywords), description = NEW.description,
                    resolution = NEW.resolution, root_cause = NEW.root_cause
                WHERE case_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE FUNCTION sr_tui_entries_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                PERFORM sr_tui_search_timeline(OLD.case_id);
            END IF;
            IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.case_id <> OLD.case_id) THEN
                PERFORM sr_tui_search_timeline(NEW.case_id);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER cases_search_insert AFTER INSERT ON cases
            FOR EACH ROW EXECUTE FUNCTION sr_tui_cases_search()""",
        f"""CREATE TRIGGER cases_search_update
            AFTER UPDATE OF {", ".join(_v3_RECORD)} ON cases FOR EACH ROW
            WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _v3_RECORD)})
            EXECUTE FUNCTION sr_tui_cases_search()""",
        """CREATE TRIGGER entries_search_insert AFTER INSERT ON entries FOR EACH ROW
            WHEN (NEW.kind = 'email' OR NEW.action <> '' OR NEW.notes <> '')
            EXECUTE FUNCTION sr_tui_entries_search()""",
        """CREATE TRIGGER entries_search_delete AFTER DELETE ON entries FOR EACH ROW
            WHEN (OLD.kind = 'email' OR OLD.action <> '' OR OLD.notes <> '')
            EXECUTE FUNCTION sr_tui_entries_search()""",
        """CREATE TRIGGER entries_search_update AFTER UPDATE ON entries FOR EACH ROW
            EXECUTE FUNCTION sr_tui_entries_search()""",
        # The cases there already (an upgrade from version 2).
        """INSERT INTO search_text (case_id, number, title, keywords, description,
                resolution, root_cause)
            SELECT id, number, title, sr_tui_keywords(keywords), description, resolution,
                root_cause FROM cases""",
        "SELECT sr_tui_search_timeline(id) FROM cases",
    ),
)

MIGRATIONS = (*MIGRATIONS, _V3)

LATEST = MIGRATIONS[-1].version

#: One advisory lock per schema: migrations of one schema never run side by side.
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('sr-tui schema ' || current_schema()))"


def _exists(conn: Any, table: str) -> bool:
    """Whether the connection's current schema (not just any on the search path) has it.
    A query of the catalog, not `to_regclass`: that reads the session's catalog cache,
    which an advisory lock does not refresh, so it could miss a table another process
    created while this one waited for the lock."""
    found = conn.execute(
        "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = %s",
        (table,),
    ).fetchone()
    return found is not None


def schema_version(conn: Any) -> int:
    """The last migration applied in the connection's schema; 0 for none."""
    if not _exists(conn, VERSION_TABLE):
        return 0
    row = conn.execute(f"SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}").fetchone()
    return int(row[0])


def foreign_tables(conn: Any) -> list[str]:
    """Tables named like ours in a schema that has no version table: someone else's."""
    if schema_version(conn):
        return []
    return [t for t in TABLES if _exists(conn, t)]


def current_schema(conn: Any) -> str:
    return str(conn.execute("SELECT current_schema()").fetchone()[0])


def apply(conn: Any, migration: Migration) -> bool:
    """Run one migration in its own transaction, unless another process has (the version
    is read again under the lock). `conn` is in autocommit mode. True if it ran here."""
    with conn.transaction():
        conn.execute(_LOCK)
        current = schema_version(conn)
        if current >= migration.version:
            return False
        if current != migration.version - 1:
            raise ValueError(f"schema version {current} cannot go to {migration.version}")
        if current == 0:
            conn.execute(CREATE_VERSION_TABLE)
        for statement in migration.statements:
            conn.execute(statement)
        conn.execute(
            f"INSERT INTO {VERSION_TABLE} (version, description) VALUES (%s, %s)",
            (migration.version, migration.description),
        )
    return True


def migrate(conn: Any, up_to: int = LATEST) -> list[int]:
    """Apply the migrations after the current version, in order; the versions applied.
    One process at a time runs the whole list (a session lock around the transactions),
    so a second one starting meanwhile waits and finds nothing left to do."""
    key = "hashtext('sr-tui schema ' || current_schema())"
    conn.execute(f"SELECT pg_advisory_lock({key})")
    try:
        done = []
        for migration in MIGRATIONS:
            if schema_version(conn) < migration.version <= up_to and apply(conn, migration):
                done.append(migration.version)
        return done
    finally:
        conn.execute(f"SELECT pg_advisory_unlock({key})")
