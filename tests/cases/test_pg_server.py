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
