"""The SQLite file itself: settings, schema upgrades with backups, refusals, damaged files."""

from __future__ import annotations

import os
import random
import sqlite3
import stat

import pytest

from sr_tui.core.cases import migrations
from sr_tui.core.cases.errors import CorruptStoreError, SchemaTooNewError, StoreError
from sr_tui.core.cases.migrations import LATEST, MIGRATIONS
from sr_tui.core.cases.model import Status
from sr_tui.core.cases.sqlite_store import SqliteCaseStore, open_sqlite_store

from .helpers import a_case, email_entry


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "cases.db"


def test_the_file_is_set_up_for_safe_sharing(path, clock):
    with SqliteCaseStore(path, clock) as store:
        conn = store._db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert store.notes == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_entries_need_their_case_in_the_schema_too(path, clock):
    with SqliteCaseStore(path, clock) as store, pytest.raises(sqlite3.IntegrityError):
        store._db.conn.execute(
            "INSERT INTO entries (id, case_id, at, kind, stage) VALUES ('x', 42, '', 'note', '')"
        )


def _make_v1_file(path):
    """A schema-1 file as the first release wrote it: one case, an entry after its save."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, MIGRATIONS[0])
    case = (
        "INSERT INTO cases (number, submitted_at, urgency, scenario, priority, status,"
        " created_at, updated_at) VALUES (?, ?, 'medium', 'customer', 'medium', ?, ?, ?)"
    )
    conn.execute(
        case, ("SR 1", "2026-11-01T01:00:00.000000Z", "new", *["2026-11-01T01:00:00.000000Z"] * 2)
    )
    conn.execute(
        case,
        ("SR 2", "2026-11-02T01:00:00.000000Z", "closed", *["2026-11-02T01:00:00.000000Z"] * 2),
    )
    conn.execute("UPDATE cases SET close_reason = 'confirmed' WHERE number = 'SR 2'")
    conn.execute(
        "INSERT INTO entries (id, case_id, at, kind, stage, notes) VALUES"
        " ('e1', 1, '2026-11-05T01:00:00.000000Z', 'note', 'diagnosis', 'still here')"
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_schema_1_file_is_backed_up_then_upgraded(path, clock):
    _make_v1_file(path)
    with SqliteCaseStore(path, clock) as store:
        (backup,) = path.parent.glob("cases.db.bak-v1-*")
        assert backup.name == "cases.db.bak-v1-20261202-093000"
        assert any(str(backup) in note for note in store.notes)
        assert any(f"from schema version 1 to {LATEST}" in note for note in store.notes)
        assert store._db.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        # The upgrade filled the new column: SR 1's note (5 Nov) is its latest activity.
        assert [c.number for c in store.list_cases()] == ["SR 1", "SR 2"]
        assert store.get_case("SR 1").last_activity_at.day == 5
        assert store.entries("SR 1")[0].notes == "still here"
        assert store.get_case("SR 2").status is Status.CLOSED
        store.create_case(a_case(clock, "SR 3"))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    copy.close()
    with SqliteCaseStore(path, clock) as again:  # upgraded once: no second backup
        assert again.notes == []
    assert len(list(path.parent.glob("cases.db.bak-*"))) == 1


def test_a_failed_migration_leaves_the_old_version(path, clock):
    _make_v1_file(path)
    broken = migrations.Migration(2, "broken", ("CREATE TABLE x (a)", "CREATE TABLE x (a)"))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.apply(conn, broken)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'").fetchone()[0] == 0
    conn.close()


def test_a_newer_schema_is_refused_and_left_alone(path, clock):
    SqliteCaseStore(path, clock).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as caught:
        SqliteCaseStore(path, clock)
    message = caught.value.user_message
    assert str(path) in message and "99" in message and f"up to {LATEST}" in message
    with pytest.raises(SchemaTooNewError):
        open_sqlite_store(path, clock)  # not damaged: never moved aside
    assert path.read_bytes() == before
    assert not list(path.parent.glob("cases.db.corrupt-*"))


def test_another_programs_database_is_refused(path, clock):
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title)")
    conn.close()
    with pytest.raises(StoreError, match="not an sr-tui case store"):
        SqliteCaseStore(path, clock)


def test_random_bytes_are_moved_aside_and_a_new_store_starts(path, clock):
    path.parent.mkdir(parents=True)
    junk = random.Random(7).randbytes(64 * 1024)
    path.write_bytes(junk)
    path.with_name("cases.db-wal").write_bytes(b"wal bytes")
    with pytest.raises(CorruptStoreError) as caught:
        SqliteCaseStore(path, clock)
    assert str(path) in caught.value.user_message
    store, problems = open_sqlite_store(path, clock)
    with store:
        (aside,) = path.parent.glob("cases.db.corrupt-*[0-9]")
        assert aside.read_bytes() == junk
        assert path.with_name(aside.name + "-wal").read_bytes() == b"wal bytes"
        assert len(problems) == 1 and str(path) in problems[0] and str(aside) in problems[0]
        store.create_case(a_case(clock, "SR 1"))
        assert store.get_case("SR 1") is not None


def test_a_damaged_page_fails_the_check_and_is_moved_aside(path, clock):
    with SqliteCaseStore(path, clock) as store:
        for n in range(300):
            store.create_case(a_case(clock, f"SR {n}", description="x" * 500))
            store.append_entry(email_entry(f"SR {n}", clock))
        store._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, 7 * page):
        data[offset + 8 : offset + 200] = random.Random(offset).randbytes(192)
    path.write_bytes(bytes(data))
    store, problems = open_sqlite_store(path, clock)
    with store:
        assert "damaged" in problems[0] and str(path) in problems[0]
        assert store.list_cases() == []
    assert len(list(path.parent.glob("cases.db.corrupt-*"))) == 1


def test_an_unwritable_place_is_a_store_error_naming_it(tmp_path, clock):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        SqliteCaseStore(blocker / "cases.db", clock)
    assert str(blocker / "cases.db") in caught.value.user_message


def test_a_busy_file_is_reported_not_hung(path, clock):
    with SqliteCaseStore(path, clock, busy_timeout_ms=100) as store:
        store.create_case(a_case(clock, "SR 1"))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="busy"):
                store.append_entry(email_entry("SR 1", clock))
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.entries("SR 1") == []


def test_the_store_serves_threads(path, clock):
    import threading

    with SqliteCaseStore(path, clock) as store:
        store.create_case(a_case(clock, "SR 1"))
        errors = []

        def work():
            try:
                for _ in range(20):
                    store.append_entry(email_entry("SR 1", clock))
                    store.list_cases()
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == [] and len(store.entries("SR 1")) == 80


def test_files_are_kept_on_disk_in_the_place_given(path, clock):
    SqliteCaseStore(path, clock).close()
    assert path.exists() and os.path.getsize(path) > 0
