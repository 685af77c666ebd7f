"""An engineer's sr-tui process for the team concurrency tests (run as a script).

    team_worker.py append STORE ACTOR NUMBER COUNT   append COUNT notes to case NUMBER
    team_worker.py create STORE ACTOR COUNT          create COUNT cases without numbers
    team_worker.py edit STORE ACTOR NUMBER FIELD VALUE
        read the case, then (after `go`) save FIELD = VALUE based on what was read; on a
        conflict print it, reload, apply the same edit again and save

STORE is a postgresql:// URL or a SQLite file. Each worker prints `ready` once the store
is open (and, for edit, the case read), waits for a line on stdin so all start together,
then prints one line per committed write.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from sr_tui.core.cases.copy import open_url
from sr_tui.core.cases.errors import ConflictError
from sr_tui.core.cases.model import Case, Entry, EntryKind, Stage
from sr_tui.core.clock import FixedClock

T0 = datetime(2026, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def main(argv: list[str]) -> None:
    command, where, actor, *rest = argv
    clock = FixedClock(T0)
    store = open_url(
        where, clock, actor=actor, number_format="TS{date:%Y%m%d}{seq:03d}", create=False
    )
    case = store.get_case(rest[0]) if command == "edit" else None
    print("ready", flush=True)
    sys.stdin.readline()
    if command == "append":
        number, n = rest[0], int(rest[1])
        for i in range(n):
            entry = Entry.new(
                number,
                EntryKind.NOTE,
                at=clock.now(),
                stage=Stage.DIAGNOSIS,
                author=actor,
                notes=f"{actor} note {i}",
            )
            print(store.append_entry(entry).id, flush=True)
    elif command == "create":
        for _ in range(int(rest[0])):
            print(store.create_case(Case.new("", now=clock.now())).number, flush=True)
    elif command == "edit":
        _, name, value = rest
        assert case is not None
        try:
            store.update_case(replace(case, **{name: value}), case.version)
        except ConflictError as conflict:
            print(f"conflict {conflict.user_message}", flush=True)
            fresh = store.get_case(case.number)
            store.update_case(replace(fresh, **{name: value}), fresh.version)
        print("saved", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
