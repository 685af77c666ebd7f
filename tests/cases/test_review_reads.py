"""What the monthly review reads, on every backend: the month's cases and their timelines in
a fixed number of queries however many cases there are (`cases_since`, `entries_of`), and
figures identical to reading the cases one at a time (the list, then each case and its
entries), which is how the review read them before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sr_tui.core.cases.model import Entry, EntryKind, Stage, Status, StatusDetail
from sr_tui.core.cases.review import monthly_review

from .helpers import a_case, email_entry

NOW = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)


def _cases(store, clock, n: int, first: int = 0) -> list[str]:
    """`n` cases from mid-October to the end of November, each with a few entries: replies
    (some promising an update), calls, closes and a reopen, some months apart."""
    records = []
    for i in range(first, first + n):
        number = f"SR 3-{1000 + i}"
        submitted = datetime(2026, 10, 15, 8, tzinfo=UTC) + timedelta(hours=37 * i % 1100)
        clock.at = submitted
        case = a_case(
            clock,
            number,
            title=("VPN drops" if i % 3 else "无法登录OA系统") + f" {i % 5}",
            area=("network", "software", "hardware")[i % 3],
            urgency=("high", "medium", "low")[i % 3],
            assignee=("Ann Lee", "Bob Chen", "")[i % 3],
            keywords=(("VPN",), ("OA登录", "权限配置"), ())[i % 3],
            submitted_at=submitted,
        )
        entries = []
        clock.at = submitted + timedelta(minutes=20 + 7 * (i % 11))
        if i % 4:
            entries.append(email_entry(number, clock, "A1", promise=None))
        if i % 5 == 0:
            entries.append(Entry.new(number, EntryKind.CALL, at=clock.now(), stage=Stage.DIAGNOSIS))
        clock.advance(hours=3 + i % 30)
        entries.append(email_entry(number, clock, ("B1", "A2")[i % 2]))
        if i % 3 == 1:
            clock.advance(days=2 + i % 9)
            entries.append(_move(number, clock.now(), Status.IN_PROGRESS, Status.CLOSED))
            if i % 6 == 1:
                clock.advance(days=1)
                entries.append(_move(number, clock.now(), Status.CLOSED, Status.IN_PROGRESS))
        records.append((case, entries))
    store.import_records(records)
    return [case.number for case, _ in records]


def _move(number: str, at: datetime, before: Status, after: Status) -> Entry:
    reason = "confirmed" if after is Status.CLOSED else None
    detail = StatusDetail(from_status=before, to_status=after, reason=reason)
    return Entry.new(number, EntryKind.STATUS, at=at, stage=Stage.SOLUTION, detail=detail)


class OneAtATime:
    """The store read as the review read it before: the case list page by page, then
    `get_case` and `entries` for each case."""

    def __init__(self, store) -> None:
        self.store = store

    def cases_since(self, since, *, assignee=None):
        out, offset = [], 0
        while True:
            page = self.store.list_cases(limit=7, offset=offset, assignee=assignee)
            for summary in page:
                if summary.last_activity_at < since:
                    return out
                out.append(self.store.get_case(summary.number))
            if len(page) < 7:
                return out
            offset += 7

    def entries_of(self, numbers):
        return {n: self.store.entries(n) for n in numbers}


def test_the_figures_are_those_of_reading_one_case_at_a_time(store, clock):
    _cases(store, clock, 40)
    for assignee in (None, "Ann Lee", ""):
        for month in (10, 11, 12):
            batched = monthly_review(store, 2026, month, now=NOW, assignee=assignee)
            assert batched == monthly_review(
                OneAtATime(store), 2026, month, now=NOW, assignee=assignee
            )
    november = monthly_review(store, 2026, 11, now=NOW)
    assert november.opened and november.closed and november.reopened  # the data has each
    assert november.previous_opened and november.templates_used
    assert sum(s.breached + s.met for s in november.sla.values()) > 0


class Counted:
    """Counts the statements a store runs (SQLite: its trace; PostgreSQL: its reads' conn)."""

    def __init__(self, store) -> None:
        self.statements: list[str] = []
        if hasattr(store, "_db"):
            store._db.conn.set_trace_callback(self.statements.append)
        else:
            server, read = store._server, store._server.read
            server.read = lambda fn: read(lambda conn: fn(_Conn(conn, self.statements)))


class _Conn:
    def __init__(self, conn, statements: list[str]) -> None:
        self.conn, self.statements = conn, statements

    def execute(self, sql, *args, **kw):
        self.statements.append(str(sql))
        return self.conn.execute(sql, *args, **kw)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_the_review_reads_in_two_queries_however_many_cases(store, clock):
    counted = Counted(store)
    reads = []
    for first, n in ((20, 4), (0, 20), (24, 40)):  # 4 cases, then 24, then 64
        _cases(store, clock, n, first)
        counted.statements.clear()
        figures = monthly_review(store, 2026, 11, now=NOW)
        reads.append(list(counted.statements))
        assert figures == monthly_review(OneAtATime(store), 2026, 11, now=NOW)
    assert [len(r) for r in reads] == [2, 2, 2]  # the cases since October, the timelines
    assert len(monthly_review(store, 2026, 11, now=NOW).opened) > 20


def test_entries_of_many_cases_are_each_case_s_timeline(store, clock):
    numbers = _cases(store, clock, 12)
    store.create_case(a_case(clock, "SR 3-9999"))  # no entries
    wanted = [f" {n.replace(' ', '  ')}\t" for n in numbers[:6]]  # not yet normalised
    got = store.entries_of([*wanted, "SR 3-9999", "SR 404", numbers[0]])
    assert set(got) == {*numbers[:6], "SR 3-9999", "SR 404"}
    for number in numbers[:6]:
        assert got[number] == store.entries(number) and got[number]
    assert got["SR 3-9999"] == got["SR 404"] == []
    assert store.entries_of([]) == {}


def test_cases_since_are_the_case_list_s_from_then_on(store, clock):
    _cases(store, clock, 30)
    since = datetime(2026, 11, 10, tzinfo=UTC)
    for assignee in (None, " Bob  Chen", ""):
        listed = store.list_cases(limit=None, assignee=assignee)
        expected = [store.get_case(s.number) for s in listed if s.last_activity_at >= since]
        assert store.cases_since(since, assignee=assignee) == expected and expected
    assert store.cases_since(NOW + timedelta(days=90)) == []
