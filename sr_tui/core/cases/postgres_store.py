"""The case store on a team's PostgreSQL database (psycopg 3, the optional `team` extra).

This module opens it and checks its schema; what it reads is in `postgres_reads`, what it
writes in `postgres_writes`.

The same `CaseStore` as SQLite's, method for method, and the same suite tests both. What
a shared server changes:

- Many engineers write at once. Entries are append-only rows keyed by UUID: two people
  logging on one case never conflict. A save of the case record locks its row (`SELECT
  ... FOR UPDATE`) and checks the version it was based on; the second writer gets a
  `ConflictError` naming who saved first and when, and keeps what they typed.
- Generated numbers are drawn from a counter row locked for the transaction, so two
  processes never hand out one number; a typed number taken in the same instant by
  someone else is a `DuplicateCaseError`, a generated one is drawn again.
- The server can be down, or go away: every call raises a `StoreError` saying so (the
  address shown masked), and the next call connects again (`postgres_conn`).
- The schema is upgraded by `sr-tui db migrate`, deliberately, not by whichever engineer
  starts a newer sr-tui first: opening creates the tables in an empty schema, and
  refuses an older or a newer one with a message saying what to do.
"""

from __future__ import annotations

from typing import Any

from sr_tui.core.cases import postgres_migrations as schema
from sr_tui.core.cases.dburl import mask_url
from sr_tui.core.cases.errors import SchemaTooNewError, StoreError
from sr_tui.core.cases.numbering import DEFAULT_FORMAT, check_format
from sr_tui.core.cases.postgres_conn import Server
from sr_tui.core.cases.postgres_reads import PostgresReads
from sr_tui.core.cases.postgres_rows import register_json
from sr_tui.core.cases.postgres_writes import PostgresWrites
from sr_tui.core.clock import Clock

__all__ = ["PostgresCaseStore", "SchemaOutOfDate", "TeamSchemaTooNew", "open_postgres_store"]


class SchemaOutOfDate(StoreError):
    """The team database has an older schema: `sr-tui db migrate` upgrades it."""


class TeamSchemaTooNew(SchemaTooNewError):
    """The team database was upgraded by a newer sr-tui."""

    def __init__(self, shown: str, found: int, known: int) -> None:
        StoreError.__init__(
            self,
            f"The team database {shown} uses case-store schema version {found}, but this "
            f"sr-tui knows only versions up to {known}: a newer sr-tui upgraded it. Update "
            "sr-tui (the database was left as it is).",
        )
        self.path = shown  # type: ignore[assignment]  (an address, not a file)
        self.found = found
        self.known = known


class PostgresCaseStore(PostgresReads, PostgresWrites):
    """`CaseStore` on PostgreSQL. `actor` names who writes (the engineer). `migrate`:
    "empty" creates the tables in an empty schema and refuses an older one (the app),
    "always" upgrades (`sr-tui db migrate`), "never" only checks (`sr-tui db check`)."""

    def __init__(
        self,
        url: str,
        clock: Clock,
        *,
        actor: str = "",
        number_format: str = DEFAULT_FORMAT,
        migrate: str = "empty",
        lock_timeout_ms: int = 10_000,
    ) -> None:
        self.url = url
        self.shown_url = mask_url(url)
        self.clock = clock
        self.actor = actor
        self.number_format = check_format(number_format)
        self.notes: list[str] = []
        self._server = Server(
            url, actor=actor, lock_timeout_ms=lock_timeout_ms, on_connect=register_json
        )
        try:
            self._server.read(lambda conn: self._prepare(conn, migrate))
        except BaseException:
            self._server.close()
            raise

    def __enter__(self) -> PostgresCaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._server.close()

    # -- the schema ------------------------------------------------------------------------

    def _prepare(self, conn: Any, migrate: str) -> None:
        """Check (and create or upgrade) the schema under the migrations' session lock, so
        a process starting while another creates the tables waits instead of taking them
        for someone else's (session advisory locks nest within one session)."""
        key = "hashtext('sr-tui schema ' || current_schema())"
        conn.execute(f"SELECT pg_advisory_lock({key})")
        try:
            self._prepare_locked(conn, migrate)
        finally:
            conn.execute(f"SELECT pg_advisory_unlock({key})")

    def _prepare_locked(self, conn: Any, migrate: str) -> None:
        if conn.execute("SELECT current_schema()").fetchone()[0] is None:
            raise StoreError(
                f"The team database {self.shown_url} has no schema to use: the search_path "
                "names none that exists."
            )
        found = schema.schema_version(conn)
        if found > schema.LATEST:
            raise TeamSchemaTooNew(self.shown_url, found, schema.LATEST)
        if found == schema.LATEST or migrate == "never":
            return
        if found == 0:
            foreign = schema.foreign_tables(conn)
            if foreign:
                raise StoreError(
                    f"The team database {self.shown_url} has tables named "
                    f"{', '.join(foreign)} that sr-tui did not make; give sr-tui a database "
                    "(or a schema) of its own."
                )
        elif migrate != "always":
            raise SchemaOutOfDate(
                f"The team database {self.shown_url} uses case-store schema version "
                f"{found}; this sr-tui needs {schema.LATEST}. Run `sr-tui db migrate` (as "
                "the database's owner) to upgrade it for the whole team."
            )
        applied = schema.migrate(conn)
        if applied:
            what = "created" if found == 0 else f"upgraded from version {found}"
            self.notes.append(
                f"The team database {self.shown_url}: case-store schema {what} "
                f"(now version {schema.LATEST})."
            )

    def schema_version(self) -> int:
        return self._server.read(schema.schema_version)

    # -- for `sr-tui db check` -------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        """What `sr-tui db check` shows: server, schema, role, how much is stored."""

        def work(conn: Any) -> dict[str, Any]:
            row = conn.execute(
                "SELECT current_setting('server_version'), current_user, current_database(),"
                " current_schema()"
            ).fetchone()
            info: dict[str, Any] = {
                "server_version": row[0],
                "role": row[1],
                "database": row[2],
                "schema": row[3],
            }
            if schema.schema_version(conn):
                info["entries"] = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
            return info

        return self._server.read(work)


def open_postgres_store(
    url: str,
    clock: Clock,
    *,
    actor: str = "",
    number_format: str = DEFAULT_FORMAT,
    **options: Any,
) -> PostgresCaseStore:
    """Open the team database `url` (a `StoreError` saying why if it cannot be)."""
    return PostgresCaseStore(url, clock, actor=actor, number_format=number_format, **options)
