"""Several sr-tui processes on one file, and processes killed mid-write (SQLite only)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from sr_tui.core.cases.sqlite_store import SqliteCaseStore

from .helpers import a_case

WORKER = Path(__file__).with_name("worker.py")


class Worker:
    """A worker process; its output lines are collected as they come."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # cut off by a kill: not reported as written
            if line == "ready\n":
                self.ready.set()
            else:
                self.lines.append(line.rstrip("\n"))

    def go(self) -> None:
        assert self.ready.wait(30), self.proc.stderr.read() if self.proc.poll() else "no ready"
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def finish(self, timeout: float = 60) -> list[str]:
        self.proc.wait(timeout)
        self._reader.join(timeout)
        assert self.proc.returncode == 0, self.proc.stderr.read()
        return self.lines

    def kill(self) -> list[str]:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(30)
        return self.lines


def _prepare(tmp_path, clock, number="SR 3-1"):
    path = tmp_path / "cases.db"
    with SqliteCaseStore(path, clock) as store:
        store.create_case(a_case(clock, number))
    return path


def test_two_processes_creating_cases_get_different_numbers(tmp_path, clock):
    path = _prepare(tmp_path, clock)
    workers = [Worker("create", str(path), "40") for _ in range(2)]
    for w in workers:
        w.go()
    numbers = [n for w in workers for n in w.finish()]
    assert len(numbers) == 80 and len(set(numbers)) == 80
    assert sorted(numbers) == [f"TS20261202{n:03d}" for n in range(1, 81)]
    with SqliteCaseStore(path, clock) as store:
        assert sorted(c.number for c in store.list_cases(limit=None)) == sorted(
            [*numbers, "SR 3-1"]
        )


def test_two_processes_appending_to_one_case_lose_nothing(tmp_path, clock):
    path = _prepare(tmp_path, clock)
    workers = [Worker("append", str(path), "SR 3-1", "60") for _ in range(2)]
    for w in workers:
        w.go()
    written = [i for w in workers for i in w.finish()]
    with SqliteCaseStore(path, clock) as store:
        stored = [e.id for e in store.entries("SR 3-1")]
    assert len(written) == 120 and sorted(stored) == sorted(written)


def test_sigkill_mid_write_never_corrupts_or_loses_a_reported_entry(tmp_path, clock):
    seed = int(os.environ.get("SR_TUI_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    path = _prepare(tmp_path, clock)
    reported: list[str] = []
    for _ in range(20):
        worker = Worker("forever", str(path), "SR 3-1")
        worker.go()
        time.sleep(rng.uniform(0.0, 0.15))
        reported += worker.kill()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {seed}"
    conn.close()
    with SqliteCaseStore(path, clock) as store:
        stored = {e.id for e in store.entries("SR 3-1")}
    missing = set(reported) - stored
    assert not missing, f"seed {seed}: {len(missing)} reported entries lost"
    assert len(reported) > 20, "the workers hardly wrote: the test proves little"
