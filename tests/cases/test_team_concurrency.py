"""Several engineers' sr-tui processes on one store at once, against the real server (and
the SQLite file, for parity): appends never conflict and none is lost, two saves of one
record give exactly one conflict and lose no field, generated numbers stay unique."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from .conftest import store_address
from .helpers import a_case

WORKER = Path(__file__).with_name("team_worker.py")


class Worker:
    """A team_worker.py process; its output lines are collected as they come."""

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
            if line == "ready\n":
                self.ready.set()
            else:
                self.lines.append(line.rstrip("\n"))

    def wait_ready(self) -> None:
        if not self.ready.wait(60):
            self.proc.kill()
            raise AssertionError(self.proc.stderr.read() or "the worker never got ready")

    def go(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def finish(self, timeout: float = 240) -> list[str]:
        self.proc.wait(timeout)
        self._reader.join(timeout)
        assert self.proc.returncode == 0, self.proc.stderr.read()
        return self.lines


def run_together(workers: list[Worker]) -> list[list[str]]:
    for w in workers:
        w.wait_ready()
    for w in workers:
        w.go()
    return [w.finish() for w in workers]


def test_four_engineers_appending_to_one_case_lose_nothing(store, backend, tmp_path, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    where = store_address(backend, tmp_path)
    names = ["Ann", "Bob", "Cai", "Dee"]
    written = run_together([Worker("append", where, n, "SR 3-1", "200") for n in names])
    entries = store.entries("SR 3-1")
    assert sum(map(len, written)) == 800
    assert sorted(e.id for e in entries) == sorted(i for lines in written for i in lines)
    assert len({e.id for e in entries}) == 800
    for name in names:  # each one's notes, in the order that engineer wrote them
        own = [e.notes for e in entries if e.author == name]
        assert own == [f"{name} note {i}" for i in range(200)]
    assert store.get_case("SR 3-1").version == 1  # appends are no saves: nothing to conflict


def test_two_saves_of_one_record_give_one_conflict_and_lose_no_field(
    store, backend, tmp_path, clock
):
    store.create_case(a_case(clock, "SR 3-1"))
    where = store_address(backend, tmp_path)
    ann = Worker("edit", where, "Ann Lee", "SR 3-1", "title", "NFS hang on app01")
    bob = Worker("edit", where, "Bob Chen", "SR 3-1", "company", "Acme 物流")
    outputs = run_together([ann, bob])
    conflicts = [line for lines in outputs for line in lines if line.startswith("conflict")]
    assert len(conflicts) == 1, outputs
    assert all(lines[-1] == "saved" for lines in outputs)
    loser = "Ann Lee" if outputs[0][0].startswith("conflict") else "Bob Chen"
    winner = {"Ann Lee": "Bob Chen", "Bob Chen": "Ann Lee"}[loser]
    assert f"conflict {winner} changed this case (SR 3-1) at " in conflicts[0]
    assert "reload to see it" in conflicts[0]
    case = store.get_case("SR 3-1")
    assert (case.title, case.company, case.version) == ("NFS hang on app01", "Acme 物流", 3)
    assert case.updated_by == loser


def test_numbers_made_by_four_processes_at_once_are_unique(store, backend, tmp_path, clock):
    store.create_case(a_case(clock, "TS20261202003"))  # typed; the counter must skip it
    where = store_address(backend, tmp_path)
    made = run_together([Worker("create", where, n, "50") for n in ("Ann", "Bob", "Cai", "Dee")])
    numbers = [n for lines in made for n in lines]
    assert len(numbers) == len(set(numbers)) == 200
    expected = {f"TS20261202{n:03d}" for n in range(1, 202)} - {"TS20261202003"}
    assert set(numbers) == expected
    assert len(store.list_cases(limit=None)) == 201
