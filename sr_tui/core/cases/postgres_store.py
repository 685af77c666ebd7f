"""The case store on a team's PostgreSQL database (psycopg 3, the optional `team` extra).

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

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sr_tui.core.cases import postgres_migrations as schema
from sr_tui.core.cases.codec import encode_time
from sr_tui.core.cases.dburl import mask_url
from sr_tui.core.cases.errors import (
    ConflictError,
    DuplicateCaseError,
    NotFoundError,
    SchemaTooNewError,
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
from sr_tui.core.cases.postgres_conn import Server
from sr_tui.core.cases.postgres_queries import (
    case_id,
    get_counter,
    get_meta,
    import_into,
    list_query,
    lock_counter,
    put_meta,
    set_counter,
    touch,
)
from sr_tui.core.cases.postgres_rows import (
    INSERT_CASE,
    INSERT_ENTRY,
    LOAD_CASE,
    SELECT_CASE,
    SELECT_ENTRIES,
    SELECT_ENTRY,
    UPDATE_CASE,
    case_params,
    entry_params,
    register_json,
    row_to_case,
    row_to_entry,
    row_to_summary,
)
from sr_tui.core.cases.search import SearchHit
from sr_tui.core.cases.search_query import SearchQuery
from sr_tui.core.cases.store import ImportResult, Record
from sr_tui.core.cases.team import assignment_entry, normalize_name
from sr_tui.core.clock import Clock

__all__ = ["PostgresCaseStore", "SchemaOutOfDate", "TeamSchemaTooNew", "open_postgres_store"]

#: How many times a generated number is drawn again after a clash with a typed one.
_DRAWS = 3


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


class _Redraw(Exception):
    """A generated number was taken by a typed one in the same instant: draw again."""


class PostgresCaseStore:
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

    # -- cases -----------------------------------------------------------------------------

    def _load(self, conn: Any, number: str) -> tuple[int, Case]:
        """The case's key and record, its row locked until the transaction ends."""
        found = conn.execute(LOAD_CASE, (number,)).fetchone()
        if found is None:
            raise NotFoundError(f"There is no case {number}.")
        return int(found[0]), self._decode(found[1:])

    def _decode(self, row: tuple) -> Case:
        try:
            return row_to_case(row)
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"The team database {self.shown_url}: case {row[0]} cannot be read ({exc})"
            ) from exc

    def _free_number(self, conn: Any, lock: bool) -> tuple[str, str, int]:
        day = self.clock.now().date()
        key = counter_key(self.number_format, day)
        start = (lock_counter(conn, key) if lock else get_counter(conn, key)) + 1

        def exists(number: str) -> bool:
            return case_id(conn, number) is not None

        return key, *first_free(self.number_format, day, start, exists)

    def _allocate(self, conn: Any) -> str:
        key, number, seq = self._free_number(conn, lock=True)
        set_counter(conn, key, seq)
        return number

    def next_number(self) -> str:
        return self._server.read(lambda conn: self._free_number(conn, lock=False)[1])

    def _insert_case(self, conn: Any, case: Case, generated: bool) -> None:
        unique = self._server.psycopg.errors.UniqueViolation
        try:
            conn.execute(INSERT_CASE, case_params(case))
        except unique:  # the transaction is over: the caller rolls it back
            if generated:
                raise _Redraw from None
            raise DuplicateCaseError(f"A case numbered {case.number} exists already.") from None

    def create_case(self, case: Case) -> Case:
        check_status(case.status, case.close_reason)
        typed = normalize_number(case.number)

        def work(conn: Any) -> Case:
            number = typed or self._allocate(conn)
            if typed and case_id(conn, typed) is not None:
                raise DuplicateCaseError(f"A case numbered {typed} exists already.")
            stored = replace(case, number=number, version=1, updated_by=self.actor)
            self._insert_case(conn, stored, generated=not typed)
            return stored

        for _ in range(_DRAWS):
            try:
                return self._server.write(work)
            except _Redraw:
                continue
        raise StoreError("No free case number could be drawn; try again.")

    def get_case(self, number: str) -> Case | None:
        key = normalize_number(number)
        found = self._server.read(
            lambda conn: conn.execute(f"{SELECT_CASE} WHERE number = %s", (key,)).fetchone()
        )
        return None if found is None else self._decode(found)

    def _check_version(self, current: Case, expected: int | None) -> None:
        if expected is not None and current.version != expected:
            raise ConflictError(
                current.number, expected, current.version, current.updated_by, current.updated_at
            )

    def update_case(self, case: Case, expected_version: int) -> Case:
        number = normalize_number(case.number)

        def work(conn: Any) -> Case:
            key, current = self._load(conn, number)
            self._check_version(current, expected_version)
            edits = {name: getattr(case, name) for name in EDITABLE_FIELDS}
            proposed = replace(current, **{**edits, "number": number})
            if proposed == current:
                return current
            return self._save(conn, key, current, proposed)

        return self._server.write(work)

    def renumber_case(self, number: str, new_number: str, expected_version: int) -> Case:
        new_number = normalize_number(new_number)
        if not new_number:
            raise ValueError("a case number cannot be empty")

        def work(conn: Any) -> Case:
            key, current = self._load(conn, normalize_number(number))
            self._check_version(current, expected_version)
            if case_id(conn, new_number) is not None:
                raise DuplicateCaseError(f"A case numbered {new_number} exists already.")
            try:
                return self._save(conn, key, current, replace(current, number=new_number))
            except self._server.psycopg.errors.UniqueViolation:
                raise DuplicateCaseError(f"A case numbered {new_number} exists already.") from None

        return self._server.write(work)

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

        def work(conn: Any) -> Case:
            key, current = self._load(conn, normalize_number(number))
            self._check_version(current, expected_version)
            if (current.status, current.close_reason) == (status, reason):
                return current
            proposed = replace(current, status=status, close_reason=reason)
            return self._save(conn, key, current, proposed, at=at, stage=stage, notes=notes)

        return self._server.write(work)

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

        def work(conn: Any) -> Case:
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

        return self._server.write(work)

    def _save(
        self,
        conn: Any,
        key: int,
        current: Case,
        proposed: Case,
        *,
        at: datetime | None = None,
        stage: Stage | None = None,
        notes: str = "",
    ) -> Case:
        """Write `proposed` over `current` (as SQLite's `_save`): the version bumped, saved
        by the actor now; a status move checked and written as an entry."""
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
        rows = self._server.read(lambda conn: conn.execute(sql, params).fetchall())
        try:
            return [row_to_summary(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"The team database {self.shown_url}: the case list cannot be read ({exc})"
            ) from exc

    def counts(self) -> dict[Status, int]:
        rows = self._server.read(
            lambda conn: conn.execute(
                "SELECT status, count(*) FROM cases GROUP BY status"
            ).fetchall()
        )
        out = dict.fromkeys(Status, 0)
        for status, n in rows:
            out[Status(status)] = n
        return out

    # -- entries ---------------------------------------------------------------------------

    def append_entry(self, entry: Entry) -> Entry:
        if entry.kind is EntryKind.STATUS:
            raise ValueError("status entries are written by set_status")
        number = normalize_number(entry.case_number)

        def work(conn: Any) -> None:
            found = case_id(conn, number)
            if found is None:
                raise NotFoundError(f"There is no case {number}.")
            if not conn.execute(INSERT_ENTRY, entry_params(entry, found)).rowcount:
                raise StoreError(f"Entry {entry.id} is recorded already.")
            touch(conn, found, entry.at)

        self._server.write(work)
        return replace(entry, case_number=number)

    def _entries(self, rows: list, what: str) -> list[Entry]:
        try:
            return [row_to_entry(row) for row in rows]
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"The team database {self.shown_url}: {what} cannot be read ({exc})"
            ) from exc

    def entries(self, case_number: str) -> list[Entry]:
        number = normalize_number(case_number)
        rows = self._server.read(lambda conn: conn.execute(SELECT_ENTRIES, (number,)).fetchall())
        return self._entries(rows, f"an entry of {number}")

    def get_entry(self, entry_id: str) -> Entry | None:
        rows = self._server.read(lambda conn: conn.execute(SELECT_ENTRY, (entry_id,)).fetchall())
        found = self._entries(rows, f"entry {entry_id}")
        return found[0] if found else None

    def delete_note(self, entry_id: str) -> None:
        def work(conn: Any) -> None:
            row = conn.execute(
                "SELECT kind FROM entries WHERE id = %s FOR UPDATE", (entry_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"There is no entry {entry_id}.")
            if row[0] != EntryKind.NOTE:
                raise StoreError(f"Only notes can be deleted; entry {entry_id} is a {row[0]}.")
            conn.execute("DELETE FROM entries WHERE id = %s", (entry_id,))

        self._server.write(work)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """See `CaseStore.search`; the SQL is in `postgres_search` (pg_trgm + ILIKE)."""
        from sr_tui.core.cases.postgres_search import search

        try:
            return self._server.read(lambda conn: search(conn, query, limit))
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"The team database {self.shown_url}: search results cannot be read ({exc})"
            ) from exc

    # -- import and meta -------------------------------------------------------------------

    def import_records(
        self,
        records: Iterable[Record],
        *,
        once: str | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> ImportResult:
        def work(conn: Any) -> ImportResult:
            if once is not None:
                # One importer at a time per key: the second waits, then sees it done.
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"once {once}",))
                if get_meta(conn, once) is not None:
                    return ImportResult(skipped=True)
            result = import_into(conn, records, lambda: self._allocate(conn))
            items = dict(meta or {})
            if once is not None:
                items.setdefault(once, encode_time(self.clock.now()))
            for key, value in items.items():
                put_meta(conn, key, value)
            return result

        return self._server.write(work)

    def get_meta(self, key: str) -> str | None:
        return self._server.read(lambda conn: get_meta(conn, key))

    def set_meta(self, key: str, value: str) -> None:
        self._server.write(lambda conn: put_meta(conn, key, value))

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
