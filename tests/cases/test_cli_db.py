"""`sr-tui db migrate|check|copy`, `sr-tui assign` and `sr-tui team`, on the local SQLite
file and on the test server; no password ever printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from sr_tui.cli import main
from sr_tui.core.cases import migrations, postgres_migrations
from sr_tui.core.cases.export import records
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.postgres_store import PostgresCaseStore
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import SystemClock

from . import pg
from .helpers import a_case, entry_of_kind

SECRET = "hunter2-s3cret"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    return code, out, err


@pytest.fixture
def team_url(tmp_path):
    """A fresh schema on the test server, its URL carrying a password (the test server
    trusts every local connection, so the password is there only to be masked)."""
    url = pg.schema_url(tmp_path / "team")
    yield re.sub(r"^(postgres(?:ql)?://)([^:@/]*)@", rf"\1\2:{SECRET}@", url)
    pg.drop_schemas()


@pytest.fixture
def local(tmp_path):
    """The engineer's own cases.db (SR_TUI_DATA), with a few cases."""
    from sr_tui.core import locations

    path = locations.data_dir() / "cases.db"
    clock = SystemClock()
    with SqliteCaseStore(path, clock, actor="Ann Lee") as store:
        for n in range(3):
            store.create_case(a_case(clock, f"SR 3-{n}", values={"sr_number": f"SR 3-{n}"}))
            store.append_entry(entry_of_kind(EntryKind.NOTE, f"SR 3-{n}", clock))
    return path


def test_check_and_migrate_the_local_file(capsys, local):
    code, out, _ = run(capsys, "db", "check")
    assert code == 0 and f"store     {local}" in out and "cases     3 (new 3)" in out
    expected = f"{local}: the schema is up to date (version {migrations.LATEST}).\n"
    assert run(capsys, "db", "migrate")[1] == expected


def test_check_of_a_missing_local_file_says_so(capsys):
    code, _, err = run(capsys, "db", "check")
    assert code == 1 and "There is no case store at" in err


def test_migrate_then_check_the_team_database(capsys, team_url, monkeypatch):
    monkeypatch.setenv("SR_TUI_DATABASE_URL", team_url)
    code, out, err = run(capsys, "db", "check")
    assert code == 1 and f"schema    version 0 (needs {postgres_migrations.LATEST})" in out
    assert "run `sr-tui db migrate` (as the database's owner)" in err
    assert "your_name is not set" in err
    code, out, _ = run(capsys, "db", "migrate")
    assert code == 0 and f"schema created (now version {postgres_migrations.LATEST})" in out
    assert ":***@" in out
    run(capsys, "config", "set", "your_name", "Ann Lee")
    code, out, _ = run(capsys, "db", "check", "--json")
    info = json.loads(out)
    assert code == 0 and info["problems"] == []
    latest = postgres_migrations.LATEST
    assert (info["schema_version"], info["known_version"], info["you"]) == (
        latest,
        latest,
        "Ann Lee",
    )
    assert info["url"].startswith("postgresql://postgres:***@") and info["entries"] == 0


def test_copy_into_the_team_database_twice(capsys, local, team_url):
    code, out, _ = run(capsys, "db", "copy", "--from", f"sqlite://{local}", "--to", team_url)
    assert code == 0 and "3 cases (3 new" in out and "3 entries added" in out
    code, out, _ = run(capsys, "db", "copy", "--to", team_url)  # --from: cases.db
    assert code == 0 and "3 there already" in out and "0 entries added, 3 there already" in out
    with (
        SqliteCaseStore(local, SystemClock()) as mine,
        PostgresCaseStore(team_url, SystemClock()) as team,
    ):
        assert list(records(team)) == list(records(mine))


def test_copy_refuses_a_missing_source_and_the_same_store(capsys, tmp_path, team_url):
    code, _, err = run(
        capsys, "db", "copy", "--from", f"sqlite://{tmp_path}/nope.db", "--to", team_url
    )
    assert code == 1 and f"There is no case store at {tmp_path}/nope.db" in err
    assert run(capsys, "db", "copy", "--from", team_url, "--to", team_url)[0] == 2


def test_an_interrupted_copy_run_again_doubles_nothing(tmp_path, team_url):
    source = tmp_path / "big.db"
    clock = SystemClock()
    with SqliteCaseStore(source, clock, actor="Ann Lee") as store:
        store.import_records(
            (a_case(clock, f"SR 9-{n}"), [entry_of_kind(EntryKind.NOTE, f"SR 9-{n}", clock)])
            for n in range(400)
        )
    argv = [sys.executable, "-m", "sr_tui", "db", "copy", "--from", str(source)]
    argv += ["--to", team_url, "--batch", "10"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline(), proc.stdout.readline(), proc.stdout.readline()]
    proc.kill()
    proc.wait(30)
    assert "cases," in lines[-1], lines
    with PostgresCaseStore(team_url, clock) as team:
        partly = len(team.list_cases(limit=None))
    assert 0 < partly < 400
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    with PostgresCaseStore(team_url, clock) as team:
        summaries = team.list_cases(limit=None)
        entries = [e.id for s in summaries for e in team.entries(s.number)]
    assert len(summaries) == 400 and len(entries) == len(set(entries)) == 400


def test_assign_and_the_team_board(capsys, local, monkeypatch):
    run(capsys, "config", "set", "your_name", "Ann Lee")
    with SqliteCaseStore(local, SystemClock()) as store:
        store.assign("SR 3-0", "Bob Chen")
    code, out, _ = run(capsys, "assign", "SR 3-1", "Bob Chen", "--note", "Ann is away")
    assert (code, out) == (0, "SR 3-1: assigned to Bob Chen\n")
    code, _, err = run(capsys, "assign", "SR 3-2", "Bob Chn")
    assert code == 2 and "did you mean Bob Chen?" in err
    assert run(capsys, "assign", "SR 3-2", "Bob Chn", "--force")[0] == 0
    assert run(capsys, "assign", "SR 3-2")[1] == "SR 3-2: assigned to Ann Lee (was Bob Chn)\n"
    assert run(capsys, "assign", "SR 404", "Bob Chen")[0] == 2
    code, out, _ = run(capsys, "team")
    assert "Ann Lee (you): 1" in out and "Bob Chen: 2" in out
    code, out, _ = run(capsys, "team", "--mine", "--json")
    assert [row["number"] for row in json.loads(out)] == ["SR 3-2"]
    with SqliteCaseStore(local, SystemClock()) as store:
        handover = store.entries("SR 3-1")[-1]
    assert (handover.action, handover.author, handover.notes) == (
        "assigned to Bob Chen",
        "Ann Lee",
        "Ann is away",
    )
