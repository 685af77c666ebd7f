"""The PostgreSQL side of search: the triggers keep search_text exact (also with several
engineers writing one case's timeline at once), 3-character terms can use the trigram
index, short ones never need it, and the upgrade from schema 2 builds the search table."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from sr_tui.core.cases import postgres_migrations as schema
from sr_tui.core.cases.model import CloseReason, Entry, EntryKind, Stage, Status
from sr_tui.core.cases.postgres_rows import INSERT_CASE, INSERT_ENTRY, case_params, entry_params
from sr_tui.core.cases.postgres_store import PostgresCaseStore
from sr_tui.core.cases.search_parse import parse_query

from . import pg
from .helpers import a_case, email_entry, full_case


@pytest.fixture
def url(tmp_path):
    yield pg.schema_url(tmp_path / "pg")
    pg.drop_schemas()


@pytest.fixture
def store(url, clock):
    with PostgresCaseStore(url, clock, actor="Ann") as opened:
        yield opened


def numbers(store, text: str) -> list[str]:
    return [h.number for h in store.search(parse_query(text))]


def _rows(store, sql: str) -> list[tuple]:
    return store._server.read(lambda conn: sorted(conn.execute(sql).fetchall()))


def _check_exact(store) -> None:
    """search_text as the triggers left it = as the migration computes it from scratch."""
    kept = _rows(store, "SELECT * FROM search_text")
    store._server.write(lambda conn: conn.execute("SELECT sr_tui_search_timeline(id) FROM cases"))
    store._server.write(
        lambda conn: conn.execute(
            "UPDATE search_text s SET keywords = sr_tui_keywords(c.keywords), number = c.number,"
            " title = c.title, description = c.description, resolution = c.resolution,"
            " root_cause = c.root_cause FROM cases c WHERE c.id = s.case_id"
        )
    )
    assert kept == _rows(store, "SELECT * FROM search_text")
    assert _rows(store, "SELECT count(*) FROM search_text") == _rows(
        store, "SELECT count(*) FROM cases"
    )


def test_the_triggers_keep_the_search_table_exact(store, clock):
    store.create_case(full_case(clock, "SR 1"))
    store.create_case(a_case(clock, "SR 2", title="NFS hang"))
    _check_exact(store)
    store.append_entry(email_entry("SR 1", clock))
    kept = Entry.new("SR 1", EntryKind.NOTE, at=clock.now(), stage=Stage.DIAGNOSIS, notes="备注一")
    store.append_entry(kept)
    store.append_entry(
        Entry.new("SR 2", EntryKind.CALL, at=clock.now(), stage="diagnosis", action="called")
    )
    _check_exact(store)
    case = store.get_case("SR 2")
    store.update_case(replace(case, keywords=("nfs", "存储"), resolution="remounted"), 1)
    store.set_status("SR 2", Status.CLOSED, reason=CloseReason.CONFIRMED, notes="客户确认")
    store.assign("SR 2", "Bob Chen", notes="交接")
    store.renumber_case("SR 1", "SR 3-41234567", store.get_case("SR 1").version)
    store.delete_note(kept.id)
    _check_exact(store)
    store.import_records([(a_case(clock, "SR 9", title="导入"), [email_entry("SR 9", clock)])])
    _check_exact(store)
    assert numbers(store, "交接") == ["SR 2"] and numbers(store, "Bob Chen") == ["SR 2"]
    assert (store.search(parse_query("存储"))[0].fields) == ("keywords",)


def test_engineers_writing_one_timeline_at_once_are_all_found(url, clock):
    ann = PostgresCaseStore(url, clock, actor="Ann")
    ann.create_case(a_case(clock, "SR 1"))
    stores = [PostgresCaseStore(url, clock, actor=name) for name in ("Bob", "Cai", "Dee")]
    words = {s.actor: [f"{s.actor.lower()}word{i:02d}" for i in range(25)] for s in stores}

    def write(store) -> None:
        for word in words[store.actor]:
            store.append_entry(
                Entry.new("SR 1", EntryKind.NOTE, at=clock.now(), stage="diagnosis", notes=word)
            )

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    note = next(e for e in ann.entries("SR 1"))
    ann.delete_note(note.id)  # and one taken away while nobody writes
    missing = [w for ws in words.values() for w in ws if w != note.notes]
    missing = [w for w in missing if numbers(ann, w) != ["SR 1"]]
    assert missing == []
    assert numbers(ann, note.notes) == []
    _check_exact(ann)
    for s in [ann, *stores]:
        s.close()


def test_terms_of_three_characters_can_use_the_trigram_index(store, clock):
    for n in range(30):
        store.create_case(a_case(clock, f"SR {n}", title=f"case {n}"))
    store.create_case(a_case(clock, "SR 99", title="服务器宕机 on app01"))

    def plan(pattern: str) -> str:
        def explain(conn):
            conn.execute("SET enable_seqscan = off")
            rows = conn.execute(
                "EXPLAIN SELECT case_id FROM search_text s WHERE s.folded LIKE %s", (pattern,)
            ).fetchall()
            conn.execute("RESET enable_seqscan")
            return "\n".join(r[0] for r in rows)

        return store._server.read(explain)

    assert "search_text_trigrams" in plan("%app01%")
    assert "search_text_trigrams" in plan("%服务器%")
    assert numbers(store, "服务器") == ["SR 99"] and numbers(store, "宕机") == ["SR 99"]
    assert numbers(store, "APP01") == ["SR 99"]


def test_upgrading_schema_2_builds_the_search_table(url, clock):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for migration in schema.MIGRATIONS[:2]:
            schema.apply(conn, migration)
        from sr_tui.core.cases.postgres_rows import register_json

        register_json(conn)
        one = conn.execute(INSERT_CASE, case_params(full_case(clock, "SR 1", title="服务器宕机")))
        two = conn.execute(INSERT_CASE, case_params(a_case(clock, "SR 2", title="Printer jam")))
        first, second = one.fetchone()[0], two.fetchone()[0]
        conn.execute(INSERT_ENTRY, entry_params(email_entry("SR 1", clock), first))
        note = Entry.new("SR 2", "note", at=clock.now(), stage="diagnosis", notes="卡纸 in tray 2")
        conn.execute(INSERT_ENTRY, entry_params(note, second))
    with PostgresCaseStore(url, clock, migrate="always") as store:
        assert store.schema_version() == schema.LATEST
        assert numbers(store, "宕机") == ["SR 1"]
        assert numbers(store, "sosreport") == ["SR 1"]  # from its email
        assert numbers(store, "卡纸") == ["SR 2"]  # from its note
        assert numbers(store, "OA登录") == ["SR 1"]  # a keyword
        _check_exact(store)
