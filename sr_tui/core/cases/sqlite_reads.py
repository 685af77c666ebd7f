"""What the SQLite case store reads: cases, their lists and counts, entries, search, meta."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sr_tui.core.cases.codec import dumps, encode_time
from sr_tui.core.cases.errors import NotFoundError, StoreError
from sr_tui.core.cases.model import Case, CaseSummary, Entry, Status
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.sqlite_queries import case_id, get_meta, list_query
from sr_tui.core.cases.sqlite_rows import (
    LOAD_CASE,
    SELECT_CASE,
    SELECT_ENTRIES,
    SELECT_ENTRY,
    SELECT_MANY_ENTRIES,
    row_to_case,
    row_to_entry,
    row_to_summary,
)
from sr_tui.core.cases.team import normalize_name

if TYPE_CHECKING:  # annotations only: searching imports them when it runs
    from sr_tui.core.cases.search import SearchHit
    from sr_tui.core.cases.search_query import SearchQuery


class SqliteReads:
    """The reading half of `SqliteCaseStore` (needs its `_db`)."""

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

    def get_case(self, number: str) -> Case | None:
        with self._db.read() as conn:
            row = conn.execute(f"{SELECT_CASE} WHERE number = ?", (normalize_number(number),))
            found = row.fetchone()
        return None if found is None else self._decode(found)

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

    def cases_since(self, since: datetime, *, assignee: str | None = None) -> list[Case]:
        """See `CaseStore.cases_since`: one query, by the `cases_by_activity` index."""
        sql = f"{SELECT_CASE} WHERE last_activity_at >= ?"
        params: list[object] = [encode_time(since)]
        if assignee is not None:
            sql += " AND assignee = ?"
            params.append(normalize_name(assignee))
        sql += " ORDER BY last_activity_at DESC, number DESC"
        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._decode(row) for row in rows]

    def entries_of(self, case_numbers: Iterable[str]) -> dict[str, list[Entry]]:
        """See `CaseStore.entries_of`: one query, the numbers as one JSON parameter."""
        numbers = sorted({normalize_number(n) for n in case_numbers})
        out: dict[str, list[Entry]] = {n: [] for n in numbers}
        if not numbers:
            return out
        with self._db.read() as conn:
            rows = conn.execute(SELECT_MANY_ENTRIES, (dumps(numbers),)).fetchall()
        for row in rows:
            try:
                out.setdefault(row[1], []).append(row_to_entry(row))
            except (ValueError, TypeError, KeyError) as exc:
                raise StoreError(
                    f"{self.path}: an entry of {row[1]} cannot be read ({exc})"
                ) from exc
        return out

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

    def search(self, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """See `CaseStore.search`; the SQL is in `sqlite_search` (FTS5 trigram + LIKE)."""
        from sr_tui.core.cases.sqlite_search import search

        with self._db.read() as conn:
            try:
                return search(conn, query, limit)
            except (ValueError, TypeError, KeyError) as exc:
                raise StoreError(f"{self.path}: search results cannot be read ({exc})") from exc

    def get_meta(self, key: str) -> str | None:
        with self._db.read() as conn:
            return get_meta(conn, key)
