"""The SQLite side of search: what LIKE on a trigram table does, the triggers keeping the
search tables exact, and the search index built when an older file is upgraded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from sr_tui.core.cases import migrations
from sr_tui.core.cases.migrations import LATEST, MIGRATIONS
from sr_tui.core.cases.model import CloseReason, Entry, EntryKind, Stage, Status
from sr_tui.core.cases.search_parse import parse_query
from sr_tui.core.cases.sqlite_rows import INSERT_CASE, INSERT_ENTRY, case_params, entry_params
from sr_tui.core.cases.sqlite_store import SqliteCaseStore

from .helpers import a_case, email_entry, full_case


@pytest.fixture
def store(tmp_path, clock):
    with SqliteCaseStore(tmp_path / "cases.db", clock, actor="Ann") as opened:
        yield opened


def numbers(store, text: str) -> list[str]:
    return [h.number for h in store.search(parse_query(text))]


def test_short_terms_never_depend_on_like_against_the_trigram_table(store, clock):
    """On SQLite 3.40 `LIKE '%宕机%'` against the trigram table finds nothing; short terms
    are matched on search_text, so the search finds the case whatever the index says,
    even with the index emptied."""
    store.create_case(a_case(clock, "SR 1", title="服务器宕机", description="OA 连接 超时"))
    conn = store._db.conn
    on_the_index = conn.execute(
        "SELECT rowid FROM search_index WHERE title LIKE '%宕机%'"
    ).fetchall()
    print(f"SQLite {sqlite3.sqlite_version}: LIKE on the trigram table gives {on_the_index}")
    assert numbers(store, "宕机") == ["SR 1"]
    conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
    assert numbers(store, "宕机") == ["SR 1"]
    assert numbers(store, "OA 连接") == ["SR 1"]
    assert numbers(store, "服务器") == []  # an indexed term does use the (emptied) index


def _fill(table: str) -> str:
    """The SELECT with which migration 3 fills `table` from scratch."""
    [statement] = [s for s in MIGRATIONS[2].statements if s.startswith(f"INSERT INTO {table}")]
    return statement[statement.index("SELECT") :]


def _check_exact(store) -> None:
    """The search tables are what the migration would compute now, and the index is
    exactly their text."""
    conn = store._db.conn
    for table in ("search_record", "search_timeline"):
        stored = sorted(conn.execute(f"SELECT * FROM {table}").fetchall())
        assert stored == sorted(conn.execute(_fill(table)).fetchall()), table
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")


def test_the_triggers_keep_the_search_tables_exact(store, clock):
    store.create_case(full_case(clock, "SR 1"))
    store.create_case(a_case(clock, "SR 2", title="NFS hang"))
    _check_exact(store)
    store.append_entry(email_entry("SR 1", clock))
    kept = Entry.new("SR 1", EntryKind.NOTE, at=clock.now(), stage=Stage.DIAGNOSIS, notes="备注一")
    store.append_entry(kept)
    gone = Entry.new("SR 2", EntryKind.CALL, at=clock.now(), stage="diagnosis", action="called")
    store.append_entry(gone)
    _check_exact(store)
    case = store.get_case("SR 2")
    store.update_case(replace(case, keywords=("nfs", "存储"), resolution="remounted"), 1)
    store.set_status("SR 2", Status.CLOSED, reason=CloseReason.CONFIRMED, notes="客户确认")
    store.renumber_case("SR 1", "SR 3-41234567", store.get_case("SR 1").version)
    store.delete_note(kept.id)
    _check_exact(store)
    store.import_records([(a_case(clock, "SR 9", title="导入"), [email_entry("SR 9", clock)])])
    _check_exact(store)


def test_a_save_that_leaves_the_searched_fields_writes_nothing_to_them(store, clock):
    case = store.create_case(a_case(clock, "SR 1", title="NFS hang"))
    conn = store._db.conn
    before = conn.total_changes
    store.update_case(replace(case, values={"customer_name": "Alice"}, requester="Alice"), 1)
    assert conn.total_changes - before == 1  # the case row alone: no trigger wrote
    status_only = conn.total_changes
    store.set_status("SR 1", Status.ACCEPTED)  # a status entry without text
    assert conn.total_changes - status_only == 2  # the case and its status entry


def _make_v2_file(path, clock) -> None:
    """A schema-2 file with cases and entries, as the previous release wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migrations.apply(conn, migration)
    conn.execute(INSERT_CASE, case_params(full_case(clock, "SR 1", title="服务器宕机")))
    conn.execute(INSERT_CASE, case_params(a_case(clock, "SR 2", title="Printer jam")))
    conn.execute(INSERT_ENTRY, entry_params(email_entry("SR 1", clock), 1))
    note = Entry.new("SR 2", "note", at=clock.now(), stage="diagnosis", notes="卡纸 in tray 2")
    conn.execute(INSERT_ENTRY, entry_params(note, 2))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_upgrading_a_schema_2_file_builds_the_search_index(tmp_path, clock):
    path = tmp_path / "cases.db"
    _make_v2_file(path, clock)
    with SqliteCaseStore(path, clock) as store:
        assert store._db.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == 4
        assert any("from schema version 2 to 4" in note for note in store.notes)
        assert list(tmp_path.glob("cases.db.bak-v2-*"))
        assert numbers(store, "宕机") == ["SR 1"]
        assert numbers(store, "sosreport") == ["SR 1"]  # from its email
        assert numbers(store, "卡纸") == ["SR 2"]  # from its note
        assert numbers(store, "OA登录") == ["SR 1"]  # a keyword
        _check_exact(store)
