"""Search terms of one and two characters (most Chinese words), after every kind of write:
on every backend, what they find; on SQLite, that the short-term index of migration 4
finds exactly what reading every case's text finds, stays in step with the text, spares
a search for a term in no case from reading any, and is built when a file is upgraded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from sr_tui.core.cases import migrations, sqlite_search_short
from sr_tui.core.cases.migrations import MIGRATIONS
from sr_tui.core.cases.migrations_v4 import SOURCES, TABLES
from sr_tui.core.cases.model import CloseReason, Entry, EntryKind, Stage, Status
from sr_tui.core.cases.search_parse import parse_query
from sr_tui.core.cases.sqlite_rows import INSERT_CASE, INSERT_ENTRY, case_params, entry_params
from sr_tui.core.cases.sqlite_store import SqliteCaseStore

from .helpers import a_case, email_entry


def found(store, text: str) -> list[str]:
    return [h.number for h in store.search(parse_query(text), limit=100)]


def _note(number: str, clock, notes: str, action: str = "") -> Entry:
    return Entry.new(
        number, EntryKind.NOTE, at=clock.now(), stage=Stage.DIAGNOSIS, notes=notes, action=action
    )


def _fill(store, clock) -> None:
    store.create_case(a_case(clock, "SR 1", title="服务器宕机", keywords=("宕机", "NFS")))
    store.create_case(a_case(clock, "SR 2", title="OA 连接超时", description="卡"))
    store.create_case(a_case(clock, "SR 3", title="Printer jam", resolution="换纸 Ok"))
    store.append_entry(_note("SR 2", clock, "连接池满载，重启后恢复"))
    store.append_entry(email_entry("SR 3", clock, "A1"))  # "Please send: the sosreport"
    clock.advance(minutes=5)


def test_short_terms_follow_edits_deletes_status_moves_and_renumbering(store, clock):
    _fill(store, clock)
    assert found(store, "宕机") == ["SR 1"] and found(store, "卡") == ["SR 2"]
    assert found(store, "满载") == ["SR 2"] and found(store, "Ok") == ["SR 3"]
    case = store.get_case("SR 1")
    store.update_case(replace(case, title="磁盘已满", keywords=("存储",)), case.version)
    assert found(store, "宕机") == [] and found(store, "宕") == []
    assert found(store, "已满") == ["SR 1"] and found(store, "满") == ["SR 1", "SR 2"]
    assert found(store, "存储") == ["SR 1"] and found(store, "储") == ["SR 1"]
    [note] = [e for e in store.entries("SR 2") if e.kind is EntryKind.NOTE]
    store.delete_note(note.id)
    assert found(store, "满载") == [] and found(store, "满") == ["SR 1"]
    assert found(store, "连接") == ["SR 2"]  # its title keeps it
    store.set_status("SR 3", Status.CLOSED, reason=CloseReason.CONFIRMED, notes="客户确认")
    assert found(store, "确认") == ["SR 3"] and found(store, "认") == ["SR 3"]
    store.set_status("SR 3", Status.IN_PROGRESS, notes="又坏")
    assert found(store, "又坏") == ["SR 3"] and found(store, "确认") == ["SR 3"]
    store.renumber_case("SR 3", "SR 7-9", store.get_case("SR 3").version)
    assert found(store, "确认") == ["SR 7-9"]
    assert found(store, "9") == ["SR 7-9"]
    store.import_records([(a_case(clock, "SR 8", title="迁移"), [_note("SR 8", clock, "x")])])
    assert found(store, "迁移") == ["SR 8"] and found(store, "x") == ["SR 8"]


def test_one_and_two_characters_at_the_ends_of_a_field_and_alone(store, clock):
    store.create_case(a_case(clock, "SR 1", title="卡", description="ab"))
    store.create_case(a_case(clock, "SR 2", title="打印机卡", keywords=("Q",)))
    assert set(found(store, "卡")) == {"SR 1", "SR 2"} and found(store, "机卡") == ["SR 2"]
    assert found(store, "AB") == ["SR 1"] and found(store, "b") == ["SR 1"]
    assert found(store, "q") == ["SR 2"] and found(store, "卡 q") == ["SR 2"]
    assert found(store, "-卡 b") == [] and found(store, "打 -q") == []


# -- SQLite: the short-term index --------------------------------------------------------


@pytest.fixture
def sqlite_store(tmp_path, clock):
    with SqliteCaseStore(tmp_path / "cases.db", clock, actor="Ann") as opened:
        yield opened


def _terms(store) -> set[str]:
    """Every text of one and two characters in the searchable text, and some that are not."""
    out = {"宕机", "zz", "龘", "%", "_", "*", "?", "[", "\\"}
    for row in store._db.conn.execute("SELECT * FROM search_text"):
        for text in row[1:]:
            out.update(text[i : i + n] for n in (1, 2) for i in range(len(text) - n + 1))
    return {t for t in out if t.strip() and t.strip() == t and '"' not in t}


def _same_as_reading_every_case(store, monkeypatch) -> None:
    terms = sorted(_terms(store))
    queries = [*terms, "OA 连接", "卡 -纸", "连接 sosreport", "title:超时"]
    with_index = {q: found(store, q) for q in queries}
    monkeypatch.setattr(sqlite_search_short.ShortTerms, "candidates", lambda *a: None)
    reading = {q: found(store, q) for q in queries}
    monkeypatch.undo()
    assert with_index == reading
    assert sum(map(bool, with_index.values())) > len(terms) // 2  # most terms are there


def _check_in_step(conn: sqlite3.Connection) -> None:
    """Each short-term table holds what one built now from the text would: the same
    (trigram, case, field) instances."""
    for table, fields in TABLES.items():
        columns = ", ".join(fields)
        padded = ", ".join(f"{f} || char(31, 31)" for f in fields)
        conn.execute(
            f"CREATE VIRTUAL TABLE temp.fresh USING fts5 ({columns}, content = '', "
            "tokenize = 'trigram', detail = 'column')"
        )
        conn.execute(
            f"INSERT INTO temp.fresh (rowid, {columns}) SELECT case_id, {padded} "
            f"FROM {SOURCES[table]}"
        )
        conn.execute(f"CREATE VIRTUAL TABLE temp.live USING fts5vocab(main, {table}, 'instance')")
        conn.execute("CREATE VIRTUAL TABLE temp.built USING fts5vocab(temp, fresh, 'instance')")
        live = sorted(conn.execute("SELECT term, doc, col FROM temp.live").fetchall())
        built = sorted(conn.execute("SELECT term, doc, col FROM temp.built").fetchall())
        assert live == built and built, table
        for name in ("live", "built", "fresh"):
            conn.execute(f"DROP TABLE temp.{name}")


def test_the_index_finds_what_reading_every_case_finds_after_each_write(
    sqlite_store, clock, monkeypatch
):
    store = sqlite_store
    _fill(store, clock)
    store.create_case(a_case(clock, "SR 4", title="Zone 区域传送失败", description="DNS: AXFR"))
    _same_as_reading_every_case(store, monkeypatch)
    _check_in_step(store._db.conn)
    case = store.get_case("SR 2")
    store.update_case(replace(case, title="oa 登录失败", description=""), case.version)
    [note] = [e for e in store.entries("SR 2") if e.kind is EntryKind.NOTE]
    store.delete_note(note.id)
    store.set_status("SR 4", Status.CLOSED, reason=CloseReason.CONFIRMED, notes="已解决")
    store.renumber_case("SR 1", "SR 3-41234567", store.get_case("SR 1").version)
    store.append_entry(_note("SR 3", clock, "卡纸", action="Called"))
    store.import_records([(a_case(clock, "SR 9", title="导入"), [email_entry("SR 9", clock)])])
    _check_in_step(store._db.conn)
    _same_as_reading_every_case(store, monkeypatch)


def test_a_short_term_in_no_case_reads_no_text(sqlite_store, clock):
    _fill(sqlite_store, clock)
    statements: list[str] = []
    sqlite_store._db.conn.set_trace_callback(statements.append)
    assert found(sqlite_store, "雪崩") == [] and found(sqlite_store, "龘") == []
    assert found(sqlite_store, "OA 雪崩") == []
    assert statements and not [s for s in statements if "GLOB" in s or "LIKE" in s]
    statements.clear()
    assert found(sqlite_store, "宕机") == ["SR 1"]  # found: checked on the text
    assert [s for s in statements if "GLOB" in s and "search_short" in s]


def test_upgrading_a_schema_3_file_builds_the_short_term_index(tmp_path, clock):
    path = tmp_path / "cases.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:3]:
        migrations.apply(conn, migration)
    conn.execute(INSERT_CASE, case_params(a_case(clock, "SR 1", title="服务器宕机了")))
    conn.execute(INSERT_CASE, case_params(a_case(clock, "SR 2", title="Printer jam")))
    note = Entry.new("SR 2", "note", at=clock.now(), stage="diagnosis", notes="卡纸 in tray 2")
    conn.execute(INSERT_ENTRY, entry_params(note, 2))
    conn.close()
    with SqliteCaseStore(path, clock) as store:
        assert store._db.conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert any("from schema version 3 to 4" in n for n in store.notes)
        assert list(tmp_path.glob("cases.db.bak-v3-*"))
        _check_in_step(store._db.conn)
        statements: list[str] = []
        store._db.conn.set_trace_callback(statements.append)
        assert found(store, "宕机") == ["SR 1"] and found(store, "卡纸") == ["SR 2"]
        assert found(store, "卡") == ["SR 2"] and found(store, "了") == ["SR 1"]
        assert found(store, "雪崩") == []
        matched = [s for s in statements if "search_short_" in s and "MATCH" in s]
        assert len(matched) >= 4  # each term found through the index
