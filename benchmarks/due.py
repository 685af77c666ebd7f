"""The due queue against the budget of CASES.md (numbers go in README, not in tests).

    python benchmarks/due.py [--cases 10000] [--entries 100000] [--runs 30]

Builds the store of `benchmarks/cases.py` (same builder), then measures, interleaved,
the median of:

- baseline: the case list as the app opens it (first 200 rows), in the same run;
- `last_change()`: the stamp the queue's cache is keyed on;
- the due list with a warm cache (what opening F9 or a refresh costs once computed,
  within the same minute: the stamp and the cached rows);
- placing the cached items against a new minute (the rows' business time left);
- and, in a loop of its own (it is slow), the cold computation: every open case read
  with its timeline, its clocks and next steps worked out.

The cold computation runs off the UI thread (the Due screen's worker) and only after a
write to the store; a keystroke never pays it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import time_interleaved  # noqa: E402
from cases import NOW, build, make_records  # noqa: E402

from sr_tui.core.cases.calendar import BusinessCalendar  # noqa: E402
from sr_tui.core.cases.model import Status  # noqa: E402
from sr_tui.core.cases.next_steps_table import load_steps  # noqa: E402
from sr_tui.core.cases.queue import DueQueue  # noqa: E402
from sr_tui.core.cases.sla_policy import SlaPolicy  # noqa: E402
from sr_tui.core.cases.sqlite_store import SqliteCaseStore  # noqa: E402
from sr_tui.core.clock import FixedClock  # noqa: E402


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _replace(queue: DueQueue) -> None:
    queue._rows = {}
    queue.rows(NOW)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--entries", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--cold-runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteCaseStore(Path(tmp) / "cases.db", FixedClock(NOW), actor="bench")
        build(store, make_records(args.cases, args.entries, random.Random(7)))
        open_n = sum(n for s, n in store.counts().items() if s is not Status.CLOSED)
        steps, problems = load_steps()
        assert not problems, problems
        queue = DueQueue(store, steps, SlaPolicy(), BusinessCalendar("Asia/Shanghai"))
        cold = [_timed(lambda: queue._compute(NOW)) for _ in range(args.cold_runs)]
        queue.rows(NOW)  # fill the cache
        rows = len(queue.rows(NOW))
        samples = time_interleaved(
            {
                "baseline: case list (200 rows)": lambda: _timed(lambda: store.list_cases()),
                "last_change()": lambda: _timed(store.last_change),
                "due list, warm cache": lambda: _timed(lambda: queue.rows(NOW)),
                "due rows, new minute": lambda: _timed(lambda: _replace(queue)),
            },
            args.runs,
        )
        store.close()
    base = statistics.median(samples["baseline: case list (200 rows)"])
    print(f"{args.cases} cases ({open_n} open), {args.entries} entries; {rows} rows due this week")
    for name, values in samples.items():
        med = statistics.median(values)
        print(f"  {name:<32} {med * 1000:8.2f} ms  {med / base:6.2f}x baseline")
    med = statistics.median(cold)
    print(
        f"  {'due list, cold (worker)':<32} {med * 1000:8.2f} ms  {med / base:6.2f}x baseline"
        f"  ({args.cold_runs} runs)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
