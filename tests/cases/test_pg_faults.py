"""The team database going away: a server of the test's own (pg_server.TinyServer) is
stopped under an open store, and the store says so clearly (the password masked), writes
nothing behind anyone's back, and works again once the server is back."""

from __future__ import annotations

import pytest

from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.keeper import CaseKeeper
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.postgres_store import PostgresCaseStore
from sr_tui.core.drafts import Draft

from .helpers import a_case, entry_of_kind
from .pg_server import TinyServer

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
    assert SECRET not in message and "postgresql://postgres:***@/srtui" in message
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
