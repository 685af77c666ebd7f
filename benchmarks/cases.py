"""Case-store timings against the budget of CASES.md (numbers go in README, not in tests).

    python benchmarks/cases.py [--cases 10000] [--entries 100000] [--runs 60]

Builds a SQLite case store of `--cases` cases and `--entries` entries (emails with
realistic bodies, notes, calls, status moves) in a temporary directory, with
`executemany` through the store's own statements and encoders. Then measures, interleaved
so machine noise hits each alike, the median of:

- baseline: a bare `SELECT 1` round trip on the store's connection;
- the case list as the app opens it (first 200 rows, newest activity first), and
  filtered by status and by text;
- opening a case: the case and its timeline;
- appending an entry (one committed, fsynced transaction);
- the status counts;
- then, in a loop of their own, opening the store (connect, integrity check, schema
  check) and opening it without the integrity check (`check_integrity=False`).

Budget: the list and opening a case within one frame, 16 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import time_interleaved  # noqa: E402

from sr_tui.core.cases.model import (  # noqa: E402
    Case,
    Channel,
    CloseReason,
    EmailDetail,
    Entry,
    EntryKind,
    Stage,
    Status,
    StatusDetail,
)
from sr_tui.core.cases.sqlite_rows import (  # noqa: E402
    INSERT_CASE,
    INSERT_ENTRY,
    case_params,
    entry_params,
)
from sr_tui.core.cases.sqlite_store import SqliteCaseStore  # noqa: E402
from sr_tui.core.clock import FixedClock  # noqa: E402

START = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)
BODY = (
    "Hi Alice,\n\nThis is a progress update on {n} regarding the NFS hang on app01.\n\n"
    "Current status: analysing the sosreport and the kernel logs you sent. The hang matches\n"
    "a known issue with the NFS client under heavy metadata load.\n\n"
    "Next update: within 4 business hours.\n\nBest regards,\nAnn Lee\nCore Support\n"
)
TITLES = ("NFS hang on app01", "无法登录OA系统", "Orders time out: 连接超时", "Backup job fails")


def build(store: SqliteCaseStore, n_cases: int, n_entries: int, rng: random.Random) -> list[str]:
    """Fill an empty store; return the case numbers."""
    span = (NOW - START).total_seconds()
    cases, entries = [], []
    per_case = n_entries // n_cases
    for i in range(n_cases):
        number = f"SR 3-{41000000 + i}"
        opened = START + timedelta(seconds=span * i / n_cases)
        status = rng.choice(list(Status))
        at = opened
        for j in range(per_case - (status is not Status.NEW)):  # a status move is one too
            at += timedelta(minutes=rng.randint(5, 600))
            if j % 3 == 2:
                entries.append(
                    (
                        Entry.new(
                            number,
                            EntryKind.NOTE,
                            at=at,
                            stage=Stage.DIAGNOSIS,
                            author="Ann Lee",
                            notes="Customer says it happens at 02:00.",
                        ),
                        i + 1,
                    )
                )
                continue
            mail = EmailDetail(
                template_id=rng.choice(("A1", "A2", "B1", "B2", "D1")),
                subject=f"{number} Progress update",
                body=BODY.format(n=number),
                channel=Channel.COPY,
                warnings=rng.randint(0, 3),
                promise=at + timedelta(hours=4),
                promise_text="4 business hours",
            )
            entries.append(
                (
                    Entry.new(
                        number,
                        EntryKind.EMAIL,
                        at=at,
                        stage=Stage.DIAGNOSIS,
                        author="Ann Lee",
                        detail=mail,
                    ),
                    i + 1,
                )
            )
        cases.append(
            Case.new(
                number,
                now=opened,
                title=rng.choice(TITLES),
                requester="王波",
                company="Acme 物流",
                description="Symptoms, impact and the steps tried. " * 8,
                keywords=("nfs", "存储"),
                values={"sr_number": number, "customer_name": "Alice", "items": ["a", "b"]},
                status=status,
                close_reason=CloseReason.CONFIRMED if status is Status.CLOSED else None,
                last_activity_at=at,
                updated_at=opened,
            )
        )
        if status is not Status.NEW:
            move = StatusDetail(
                from_status=Status.NEW, to_status=status, reason=cases[-1].close_reason
            )
            entries.append(
                (
                    Entry.new(number, EntryKind.STATUS, at=at, stage=Stage.DIAGNOSIS, detail=move),
                    i + 1,
                )
            )
    conn = store._db.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(INSERT_CASE, (case_params(c) for c in cases))
    conn.executemany(INSERT_ENTRY, (entry_params(e, key) for e, key in entries))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return [c.number for c in cases]


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    def measure() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return measure


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument(
        "--app-runs",
        type=int,
        default=7,
        help="app starts with this store and with an empty one (0: skip)",
    )
    args = ap.parse_args()
    rng = random.Random(2026)
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.db"
        store = SqliteCaseStore(path, clock, actor="Ann Lee")
        t = time.perf_counter()
        numbers = build(store, args.cases, args.entries, rng)
        built = time.perf_counter() - t
        n_entries = store._db.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        size_mb = path.stat().st_size / 1e6

        def open_case() -> None:
            number = rng.choice(numbers)
            store.get_case(number)
            store.entries(number)

        def append() -> None:
            store.append_entry(
                Entry.new(
                    rng.choice(numbers),
                    EntryKind.NOTE,
                    at=clock.now(),
                    stage=Stage.DIAGNOSIS,
                    notes="called, no answer",
                )
            )

        def reopen() -> None:
            SqliteCaseStore(path, clock).close()

        def reopen_unchecked() -> None:
            SqliteCaseStore(path, clock, check_integrity=False).close()

        measures = {
            "baseline: SELECT 1 round trip": timed(
                lambda: store._db.conn.execute("SELECT 1").fetchone()
            ),
            "case list: first 200, newest activity first": timed(lambda: store.list_cases()),
            "case list: waiting on customer, first 200": timed(
                lambda: store.list_cases(statuses=[Status.WAITING_CUSTOMER])
            ),
            "case list: text filter 'OA', first 200": timed(lambda: store.list_cases(text="OA")),
            "open a case: get_case + entries (~10)": timed(open_case),
            "append an entry (committed, fsynced)": timed(append),
            "status counts": timed(store.counts),
        }
        samples = time_interleaved(measures, args.runs, warmup=2)
        # Apart: the integrity check reads the whole file, leaving the CPU caches cold
        # for whatever runs next (it made the list after it 2-3x slower).
        opening = {
            "open the store (connect, quick_check, schema)": timed(reopen),
            "open the store without quick_check": timed(reopen_unchecked),
        }
        samples.update(time_interleaved(opening, max(5, args.runs // 4), warmup=1))
        store.close()
        starts = app_starts(Path(tmp), args.app_runs, args.cases) if args.app_runs else {}

    print(
        f"{args.cases:,} cases, {n_entries:,} entries, {size_mb:.0f} MB; built in {built:.1f} s; "
        f"median of {args.runs} runs; SQLite {__import__('sqlite3').sqlite_version}"
    )
    base = statistics.median(next(iter(samples.values())))
    budgeted = {"case list", "open a case"}
    ok = True
    print(f"{'':<50} {'median':>10} {'x baseline':>11}  budget")
    for name, values in samples.items():
        median = statistics.median(values)
        verdict = ""
        if any(name.startswith(b) for b in budgeted):
            passed = median * 1000 < 16
            ok = ok and passed
            verdict = ("ok " if passed else "OVER ") + "< 16 ms"
        print(f"{name:<50} {median * 1000:8.3f} ms {median / base:10.0f}x  {verdict}")
    if starts:
        empty = statistics.median(starts["app start, empty store"])
        print(f"\napp launch to first full frame (120x36 pty), median of {args.app_runs}:")
        for name, values in starts.items():
            median = statistics.median(values)
            print(f"  {name:<36} {median * 1000:8.1f} ms  {median / empty:5.2f}x empty")
        big = statistics.median(starts[f"app start, {args.cases:,} cases"])
        verdict = "ok" if big / empty <= 1.05 else "OVER"
        print(f"budget: at most 1.05x the empty store -> {verdict}")
    return 0 if ok else 1


def app_starts(data: Path, runs: int, n_cases: int) -> dict[str, list[float]]:
    """Launch the real app with this data dir (the big store) and with an empty one."""
    from _timing import sr_tui_command, user_like_env
    from startup import first_full_frame

    empty = data / "empty"
    empty.mkdir()
    config = data / "config.toml"
    config.write_text('your_name = "Ann Lee"\nyour_team = "Linux"\n', encoding="utf-8")
    base_env = {
        **user_like_env(data / "pyc"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "SR_TUI_CONFIG": str(config),
    }
    for name in ("SR_TUI_TEMPLATES", "SR_TUI_LANG", "COLUMNS", "LINES"):
        base_env.pop(name, None)
    argv = sr_tui_command()
    label = f"app start, {n_cases:,} cases"
    measures = {
        "app start, empty store": lambda: first_full_frame(
            argv, {**base_env, "SR_TUI_DATA": str(empty)}
        ),
        label: lambda: first_full_frame(argv, {**base_env, "SR_TUI_DATA": str(data)}),
    }
    return time_interleaved(measures, runs, warmup=1)


if __name__ == "__main__":
    sys.exit(main())
