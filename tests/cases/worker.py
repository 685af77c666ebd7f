"""A second sr-tui process for the concurrency and crash tests (run as a script).

    worker.py create PATH COUNT           create COUNT cases without numbers
    worker.py append PATH NUMBER COUNT    append COUNT notes to case NUMBER
    worker.py forever PATH NUMBER         append emails until killed

Each prints `ready` once the store is open and waits for a line on stdin before it writes
(so two workers start together), then prints what it wrote, one line per committed
write, flushed at once: the parent counts only what a worker said was written.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from itertools import count

from sr_tui.core.cases.model import Case, Channel, EmailDetail, Entry, EntryKind, Stage
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock

T0 = datetime(2026, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def main(argv: list[str]) -> None:
    command, path, *rest = argv
    clock = FixedClock(T0)
    store = SqliteCaseStore(path, clock, actor=f"worker-{command}")
    print("ready", flush=True)
    sys.stdin.readline()
    if command == "create":
        for _ in range(int(rest[0])):
            print(store.create_case(Case.new("", now=clock.now())).number, flush=True)
    elif command == "append":
        number, n = rest[0], int(rest[1])
        for i in range(n):
            entry = Entry.new(
                number, EntryKind.NOTE, at=clock.now(), stage=Stage.DIAGNOSIS, notes=f"note {i}"
            )
            print(store.append_entry(entry).id, flush=True)
    elif command == "forever":
        for i in count():
            mail = EmailDetail(
                template_id="A2",
                subject=f"update {i}",
                body="x" * 2000 * (i % 5),
                channel=Channel.COPY,
            )
            entry = Entry.new(
                rest[0],
                EntryKind.EMAIL,
                at=clock.advance(seconds=1),
                stage=Stage.DIAGNOSIS,
                detail=mail,
            )
            print(store.append_entry(entry).id, flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
