"""What only the PostgreSQL store has: the version table, schema refusals and upgrades,
the connection (lost and remade, busy rows, text PostgreSQL cannot keep), psycopg missing,
and the settings that choose it. On the test server (SR_TUI_TEST_DATABASE_URL)."""

from __future__ import annotations

import sys
import threading

import pytest

from sr_tui.core.cases import postgres_migrations as schema
from sr_tui.core.cases.errors import SchemaTooNewError, StoreError
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.postgres_store import PostgresCaseStore, SchemaOutOfDate
from sr_tui.core.settings import Settings

from . import pg
from .helpers import a_case, email_entry, entry_of_kind


@pytest.fixture
def url(tmp_path):
    yield pg.schema_url(tmp_path / "pg")
    pg.drop_schemas()


@pytest.fixture
def admin(url):
    """A connection of our own to the test's schema (autocommit)."""
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    yield conn
    conn.close()


def open_store(url, clock, **options) -> PostgresCaseStore:
    return PostgresCaseStore(url, clock, actor="Ann", **options)


def test_the_version_table_records_each_migration(url, clock, admin):
    with open_store(url, clock) as store:
        assert store.notes == [
            f"The team database {store.shown_url}: case-store schema created "
            f"(now version {schema.LATEST})."
        ]
    rows = admin.execute("SELECT version, description, applied_by FROM schema_version").fetchall()
    assert [(v, d) for v, d, _ in rows] == [(m.version, m.description) for m in schema.MIGRATIONS]
    assert {who for *_, who in rows} == {admin.info.user}
    with open_store(url, clock) as again:
        assert again.notes == [] and again.schema_version() == schema.LATEST


def test_a_newer_schema_is_refused_and_left_alone(url, clock, admin):
    open_store(url, clock).close()
    admin.execute("INSERT INTO schema_version (version, description) VALUES (99, 'future')")
    with pytest.raises(SchemaTooNewError) as caught:
        open_store(url, clock)
    message = caught.value.user_message
    assert "schema version 99" in message and "Update sr-tui" in message
    assert admin.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 99


def test_an_older_schema_needs_db_migrate_which_upgrades_it(url, clock, admin):
    schema.apply(admin, schema.MIGRATIONS[0])
    admin.execute(
        "INSERT INTO cases (number, submitted_at, urgency, scenario, priority, status,"
        " created_at, updated_at) VALUES ('SR 1', '2026-11-01 01:00Z', 'medium', 'customer',"
        " 'medium', 'new', '2026-11-01 01:00Z', '2026-11-01 01:00Z')"
    )
    admin.execute(
        "INSERT INTO entries (id, case_id, at, kind, stage) "
        "SELECT 'e1', id, '2026-11-03 08:00Z', 'note', 'diagnosis' FROM cases"
    )
    with pytest.raises(SchemaOutOfDate, match="Run `sr-tui db migrate`"):
        open_store(url, clock)
    assert schema.schema_version(admin) == 1
    with open_store(url, clock, migrate="always") as store:
        assert f"upgraded from version 1 (now version {schema.LATEST})" in store.notes[0]
        case = store.get_case("SR 1")
        assert case.last_activity_at.isoformat() == "2026-11-03T08:00:00+00:00"
        assert [e.id for e in store.entries("SR 1")] == ["e1"]


def test_two_processes_creating_the_schema_at_once_both_get_it(url, clock, admin):
    opened, errors = [], []

    def open_one():
        try:
            opened.append(open_store(url, clock))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(opened) == 3
    assert sum(bool(s.notes) for s in opened) == 1  # one of them made it
    for store in opened:
        store.close()
    assert admin.execute("SELECT count(*) FROM schema_version").fetchone()[0] == schema.LATEST


def test_tables_that_are_not_ours_are_refused(url, clock, admin):
    admin.execute("CREATE TABLE cases (id int)")
    with pytest.raises(StoreError, match="tables named cases that sr-tui did not make"):
        open_store(url, clock)


def test_a_lost_connection_is_remade_by_the_next_call(url, clock, admin):
    store = open_store(url, clock)
    store.create_case(a_case(clock, "SR 3-1"))

    def kill_its_connection():
        pid = store._server._conn.info.backend_pid
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    kill_its_connection()  # as a server restart does
    assert store.get_case("SR 3-1").number == "SR 3-1"  # a read: asked again at once
    kill_its_connection()
    store.append_entry(email_entry("SR 3-1", clock))  # a write: nothing had been sent
    assert len(store.entries("SR 3-1")) == 1
    store.close()


def test_a_row_held_too_long_is_a_clear_busy(url, clock, admin):
    store = open_store(url, clock, lock_timeout_ms=200)
    case = store.create_case(a_case(clock, "SR 3-1"))
    admin.execute("BEGIN")
    admin.execute("SELECT 1 FROM cases WHERE number = 'SR 3-1' FOR UPDATE")
    try:
        with pytest.raises(StoreError, match="busy: a case was held by another change"):
            store.set_status("SR 3-1", "accepted")
    finally:
        admin.execute("ROLLBACK")
    store.append_entry(entry_of_kind(EntryKind.NOTE, "SR 3-1", clock))  # usable again
    assert store.get_case("SR 3-1") == case
    store.close()


def test_text_postgresql_cannot_keep_is_a_clear_error(url, clock):
    with open_store(url, clock) as store:
        with pytest.raises(StoreError, match="cannot store some of this text"):
            store.create_case(a_case(clock, "SR 3-1", title="pasted\x00junk"))
        with pytest.raises(StoreError, match="cannot store some of this text"):
            store.create_case(a_case(clock, "SR 3-2", values={"x": "a\x00b"}))
        assert store.list_cases() == []


def test_without_psycopg_the_message_says_what_to_install(url, clock, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "psycopg", None)
        with pytest.raises(StoreError, match=r"pip install 'sr-tui\[team\]'"):
            open_store(url, clock)


def test_the_settings_or_the_environment_choose_the_team_database(
    url, clock, tmp_path, monkeypatch
):
    from sr_tui.core.cases.open_store import open_case_store
    from sr_tui.core.cases.sqlite_store import SqliteCaseStore

    monkeypatch.delenv("SR_TUI_DATABASE_URL", raising=False)
    store, problems = open_case_store(
        Settings(your_name="Ann Lee", database_url=url), clock, tmp_path
    )
    assert isinstance(store, PostgresCaseStore) and store.actor == "Ann Lee" and problems == []
    store.close()
    local, _ = open_case_store(Settings(), clock, tmp_path)
    assert isinstance(local, SqliteCaseStore)
    local.close()
    monkeypatch.setenv("SR_TUI_DATABASE_URL", url)
    store, _ = open_case_store(Settings(), clock, tmp_path)
    assert isinstance(store, PostgresCaseStore)
    store.close()


def test_a_bad_address_is_a_clear_error_without_the_password(clock):
    pg.require()
    with pytest.raises(StoreError) as caught:
        PostgresCaseStore("postgresql://ann:hunter2@/sr?host=/nonexistent&sslmode=bogus", clock)
    assert "hunter2" not in caught.value.user_message
    assert "postgresql://ann:***@" in caught.value.user_message
