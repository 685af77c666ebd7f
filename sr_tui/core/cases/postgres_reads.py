"""What the PostgreSQL case store reads: cases, their lists and counts, entries, search, meta."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sr_tui.core.cases.errors import NotFoundError, StoreError
from sr_tui.core.cases.model import Case, CaseSummary, Entry, Status
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.postgres_queries import get_meta, list_query
from sr_tui.core.cases.postgres_rows import (
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


class PostgresReads:
    """The reading half of `PostgresCaseStore` (needs its `_server`, `shown_url`)."""

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

    def get_case(self, number: str) -> Case | None:
        key = normalize_number(number)
        found = self._server.read(
            lambda conn: conn.execute(f"{SELECT_CASE} WHERE number = %s", (key,)).fetchone()
        )
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

    def cases_since(self, since: datetime, *, assignee: str | None = None) -> list[Case]:
        """See `CaseStore.cases_since`: one query, by the `cases_by_activity` index."""
        sql = f"{SELECT_CASE} WHERE last_activity_at >= %s"
        params: list[object] = [since]
        if assignee is not None:
            sql += " AND assignee = %s"
            params.append(normalize_name(assignee))
        sql += " ORDER BY last_activity_at DESC, number DESC"
        rows = self._server.read(lambda conn: conn.execute(sql, params).fetchall())
        return [self._decode(row) for row in rows]

    def entries_of(self, case_numbers: Iterable[str]) -> dict[str, list[Entry]]:
        """See `CaseStore.entries_of`: one query, the numbers as one array parameter."""
        numbers = sorted({normalize_number(n) for n in case_numbers})
        out: dict[str, list[Entry]] = {n: [] for n in numbers}
        if not numbers:
            return out
        rows = self._server.read(
            lambda conn: conn.execute(SELECT_MANY_ENTRIES, (numbers,)).fetchall()
        )
        for row in rows:
            out.setdefault(row[1], []).extend(self._entries([row], f"an entry of {row[1]}"))
        return out

    def get_entry(self, entry_id: str) -> Entry | None:
        rows = self._server.read(lambda conn: conn.execute(SELECT_ENTRY, (entry_id,)).fetchall())
        found = self._entries(rows, f"entry {entry_id}")
        return found[0] if found else None

    def search(self, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """See `CaseStore.search`; the SQL is in `postgres_search` (pg_trgm + ILIKE)."""
        from sr_tui.core.cases.postgres_search import search

        try:
            return self._server.read(lambda conn: search(conn, query, limit))
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"The team database {self.shown_url}: search results cannot be read ({exc})"
            ) from exc

    def get_meta(self, key: str) -> str | None:
        return self._server.read(lambda conn: get_meta(conn, key))
