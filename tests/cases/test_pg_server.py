"""A server of the tests' own (pg_server.TinyServer): the team database going away under
an open store (it says so clearly, the password masked, writes nothing behind anyone's
back, and works again once the server is back), and the README's set-up of roles run
as written."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.keeper import CaseKeeper
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.postgres_store import PostgresCaseStore
from sr_tui.core.drafts import Draft

from .helpers import a_case, email_entry, entry_of_kind
from .pg_server import TinyServer

README = Path(__file__).resolve().parents[2] / "README.md"

SECRET = "s3cret-pw"


@pytest.fixture(scope="module")
def server():
    tiny = TinyServer()
    yield tiny
    tiny.remove()


@pytest.fixture
def running(server):
    """The server, up, with an empty schema; left up after the test."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    yield server
    if not (server.data / "postmaster.pid").exists():
        server.start()


def _unreachable(caught) -> str:
    message = caught.value.user_message
    assert "is not reachable" in message and "sr-tui connects again at the next step" in message
    assert SECRET not in message and "postgresql://postgres:***@/faults" in message
    return message


def test_the_server_stopped_under_an_open_store_then_back(running, clock):
    store = PostgresCaseStore(running.url(SECRET), clock, actor="Ann")
    store.create_case(a_case(clock, "SR 3-1"))
    running.stop()
    with pytest.raises(StoreError) as caught:
        store.get_case("SR 3-1")
    assert "Nothing could be read" in _unreachable(caught)
    note = entry_of_kind(EntryKind.NOTE, "SR 3-1", clock)
    with pytest.raises(StoreError) as caught:
        store.append_entry(note)
    assert "This change was not saved" in _unreachable(caught)
    with pytest.raises(StoreError):
        store.list_cases()
    running.start()
    assert store.entries("SR 3-1") == []  # nothing was queued to be written later
    store.append_entry(note)  # the caller, who kept it, writes it again
    assert store.entries("SR 3-1") == [note]
    store.close()


def test_a_restart_between_two_calls_goes_unnoticed(running, clock):
    store = PostgresCaseStore(running.url(), clock, actor="Ann")
    store.create_case(a_case(clock, "SR 3-1"))
    running.stop()
    running.start()
    store.set_status("SR 3-1", "accepted")  # the dead connection is replaced at once
    assert store.get_case("SR 3-1").status == "accepted"
    store.close()


def test_opening_while_the_server_is_down_and_the_keeper_trying_again(running, clock):
    running.stop()
    url = running.url(SECRET)
    with pytest.raises(StoreError) as caught:
        PostgresCaseStore(url, clock)
    _unreachable(caught)
    opened = []

    def factory():
        opened.append(PostgresCaseStore(url, clock, actor="Ann"))
        return opened[-1], []

    keeper = CaseKeeper(factory, clock, author="Ann")
    draft = Draft("A1", {"sr_number": "SR 3-5", "customer_name": "Wang"}, clock.now())
    with pytest.raises(StoreError):
        keeper.sync(draft)
    assert not keeper.is_open
    running.start()
    assert keeper.sync(draft).number == "SR 3-5"  # the next save opens it
    assert keeper.get("SR 3-5").values["customer_name"] == "Wang"
    keeper.close()


def readme_sql() -> list[str]:
    """The SQL blocks of the README's team section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## A team on one database") :]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def run_sql(url: str, block: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:  # CREATE DATABASE: no transaction
        for statement in filter(str.strip, block.split(";")):
            conn.execute(statement)


def test_the_readme_set_up_gives_engineers_all_the_app_needs_and_no_more(running, clock):
    from sr_tui.cli import main

    as_superuser, as_owner = readme_sql()
    run_sql(running.url(dbname="postgres"), as_superuser)
    owner = running.url(user="srtui_owner", dbname="srtui")
    assert main(["db", "migrate", "--url", owner]) == 0
    run_sql(owner, as_owner)

    ann = PostgresCaseStore(running.url(user="ann", dbname="srtui"), clock, actor="Ann Lee")
    case = ann.create_case(a_case(clock, ""))
    ann.append_entry(email_entry(case.number, clock))
    note = ann.append_entry(entry_of_kind(EntryKind.NOTE, case.number, clock))
    ann.delete_note(note.id)
    case = ann.set_status(case.number, "accepted")
    case = ann.assign(case.number, "Bob Chen")
    ann.update_case(replace(case, title="NFS hang"), case.version)
    ann.renumber_case(case.number, "SR 3-1", case.version + 1)
    ann.import_records([(a_case(clock, "SR 3-2"), [])], once="import:x")
    ann.set_meta("x", "1")
    assert [c.number for c in ann.list_cases(text="sr 3")] == ["SR 3-2", "SR 3-1"]
    assert ann.counts()["accepted"] == 1 and ann.next_number() == "TS20261202002"
    ann.close()

    import psycopg

    with psycopg.connect(running.url(user="ann", dbname="srtui"), autocommit=True) as conn:
        can = conn.execute(
            "SELECT has_schema_privilege('public', 'CREATE'), "
            "has_table_privilege('cases', 'DELETE'), has_table_privilege('cases', 'TRUNCATE')"
        ).fetchone()
        assert can == (False, False, False)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DROP TABLE entries")


# -- passwords kept out of database_url (README: ~/.pgpass, ?passfile=, PGPASSFILE, PGPASSWORD)

PW_USER = "pw_engineer"


@pytest.fixture
def password_role(running, monkeypatch):
    """A role that must give its password (scram-sha-256 for it alone, in pg_hba.conf)."""
    import psycopg

    with psycopg.connect(running.url(), autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {PW_USER}")
        conn.execute(f"CREATE ROLE {PW_USER} LOGIN SUPERUSER PASSWORD '{SECRET}'")
    hba = running.data / "pg_hba.conf"
    before = hba.read_text()
    hba.write_text(f"local all {PW_USER} scram-sha-256\n{before}")
    running._run("pg_ctl", "-D", str(running.data), "reload")
    for name in ("PGPASSFILE", "PGPASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(running.root))  # no ~/.pgpass of the machine's
    yield running
    hba.write_text(before)
    running._run("pg_ctl", "-D", str(running.data), "reload")


def _opens(url: str, clock) -> bool:
    with PostgresCaseStore(url, clock, actor="Ann") as store:
        store.create_case(a_case(clock, f"SR 3-{len(store.list_cases(limit=None))}"))
    return True


def test_the_password_comes_from_a_file_or_the_environment(password_role, clock, monkeypatch):
    import time

    bare = password_role.url(user=PW_USER)
    for _ in range(50):  # the reload is asynchronous: wait until the password is asked for
        try:
            _opens(bare, clock)
        except StoreError as exc:
            refused = exc.user_message
            break
        time.sleep(0.1)
    else:
        pytest.fail("the server never asked for the password")
    assert "is not reachable" in refused and SECRET not in refused

    wrong = password_role.url("not-the-" + SECRET, user=PW_USER)
    with pytest.raises(StoreError) as caught:
        _opens(wrong, clock)
    assert SECRET not in caught.value.user_message
    assert f"postgresql://{PW_USER}:***@" in caught.value.user_message

    passfile = password_role.root / "pgpass"
    passfile.write_text(f"*:*:{password_role.dbname}:{PW_USER}:{SECRET}\n")
    passfile.chmod(0o600)
    assert _opens(f"{bare}&passfile={passfile}", clock)  # database_url names the file
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert _opens(bare, clock)
    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert _opens(bare, clock)
