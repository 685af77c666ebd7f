"""The CaseStore protocol, against every backend in conftest.BACKENDS."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sr_tui.core.cases.model import (
    CaseSummary,
    CloseReason,
    EntryKind,
    Stage,
    Status,
    StatusDetail,
)
from sr_tui.core.cases.store import (
    ConflictError,
    DuplicateCaseError,
    NotFoundError,
    StoreError,
)

from .helpers import a_case, email_entry, entry_of_kind, full_case

APPENDABLE = [k for k in EntryKind if k is not EntryKind.STATUS]


# -- cases -------------------------------------------------------------------------------


def test_a_case_with_every_field_comes_back_equal(store, clock):
    stored = store.create_case(full_case(clock, number="  SR 3-41234567 "))
    assert stored.number == "SR 3-41234567"
    assert stored.version == 1 and stored.updated_by == "Ann"
    again = store.get_case("SR  3-41234567")
    assert again == stored
    assert again.values["items"] == ["sosreport from app01", "output of `nfsstat -m`"]
    assert again.attachments[0].name == "订单错误截图.zip"
    assert again.submitted_at == clock.now() - timedelta(minutes=15)
    assert again.submitted_at.utcoffset() == timedelta(0)


def test_an_unknown_number_is_none(store):
    assert store.get_case("SR 404") is None


def test_a_taken_number_is_refused_by_name(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    with pytest.raises(DuplicateCaseError) as caught:
        store.create_case(a_case(clock, "SR 3-1", title="another"))
    assert "SR 3-1" in caught.value.user_message
    assert store.get_case("SR 3-1").title == ""


def test_update_bumps_the_version_and_stamps_who_and_when(store, clock):
    case = store.create_case(a_case(clock, "SR 3-1"))
    clock.advance(minutes=5)
    saved = store.update_case(replace(case, title="NFS hang", keywords=("nfs",)), 1)
    assert saved.version == 2 and saved.title == "NFS hang"
    assert saved.updated_at == clock.now() and saved.created_at == case.created_at
    assert store.get_case("SR 3-1") == saved


def test_a_stale_version_is_a_conflict_naming_who_and_when(store_factory, clock):
    ann, bob = store_factory("Ann"), store_factory("Bob")
    case = ann.create_case(a_case(clock, "SR 3-1"))
    clock.advance(minutes=7)
    bob.update_case(replace(case, title="Bob's title"), 1)
    with pytest.raises(ConflictError) as caught:
        ann.update_case(replace(case, title="Ann's title"), 1)
    error = caught.value
    assert (error.changed_by, error.changed_at, error.actual_version) == ("Bob", clock.now(), 2)
    assert "Bob" in error.user_message and "SR 3-1" in error.user_message
    assert clock.now().astimezone().strftime("%H:%M") in error.user_message
    assert ann.get_case("SR 3-1").title == "Bob's title"


def test_an_update_that_changes_nothing_writes_nothing(store, clock):
    case = store.create_case(a_case(clock, "SR 3-1", title="x"))
    clock.advance(minutes=1)
    assert store.update_case(case, 1) == case
    assert store.get_case("SR 3-1").version == 1


def test_update_keeps_the_bookkeeping_of_the_store(store, clock):
    case = store.create_case(a_case(clock, "SR 3-1"))
    forged = replace(case, title="t", version=40, created_at=clock.now() - timedelta(days=9))
    saved = store.update_case(forged, 1)
    assert saved.version == 2 and saved.created_at == case.created_at


def test_updating_a_missing_case_says_so(store, clock):
    with pytest.raises(NotFoundError):
        store.update_case(a_case(clock, "SR 404"), 1)


def test_renumber_moves_the_timeline_along(store, clock):
    case = store.create_case(a_case(clock, ""))
    store.append_entry(email_entry(case.number, clock))
    moved = store.renumber_case(case.number, " SR 3-99 ", 1)
    assert moved.number == "SR 3-99" and moved.version == 2
    assert store.get_case(case.number) is None
    assert [e.case_number for e in store.entries("SR 3-99")] == ["SR 3-99"]
    store.create_case(a_case(clock, "SR 3-100"))
    with pytest.raises(DuplicateCaseError):
        store.renumber_case("SR 3-99", "SR 3-100", 2)


# -- numbering ---------------------------------------------------------------------------


def test_cases_without_a_number_get_the_days_serial(store, clock):
    assert store.next_number() == "TS20261202001"
    assert store.next_number() == "TS20261202001"  # a preview reserves nothing
    numbers = [store.create_case(a_case(clock, "")).number for _ in range(3)]
    assert numbers == ["TS20261202001", "TS20261202002", "TS20261202003"]
    clock.advance(days=1)
    assert store.create_case(a_case(clock, " ")).number == "TS20261203001"


def test_a_typed_number_that_looks_generated_is_skipped(store, clock):
    store.create_case(a_case(clock, "TS20261202001"))
    assert store.next_number() == "TS20261202002"
    assert store.create_case(a_case(clock, "")).number == "TS20261202002"


def test_the_number_format_is_a_setting(store_factory, clock):
    store = store_factory(number_format="CASE-{seq:05d}")
    assert store.create_case(a_case(clock, "")).number == "CASE-00001"
    clock.advance(days=3)
    assert store.create_case(a_case(clock, "")).number == "CASE-00002"


def test_a_bad_number_format_is_refused_with_a_message(store_factory):
    with pytest.raises(StoreError, match="seq"):
        store_factory(number_format="TS{date:%Y%m%d}")


# -- entries -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", APPENDABLE, ids=str)
def test_every_entry_kind_comes_back_equal(store, clock, kind):
    store.create_case(a_case(clock, "SR 3-1"))
    entry = entry_of_kind(kind, "SR 3-1", clock)
    assert store.append_entry(entry) == entry
    assert store.entries("SR 3-1") == [entry]


def test_an_email_without_a_promise_comes_back_equal(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    entry = email_entry("SR 3-1", clock, template_id="E1", promise=None, channel="eml")
    store.append_entry(entry)
    (back,) = store.entries("SR 3-1")
    assert back == entry and back.email.promise is None and back.email.channel == "eml"


def test_status_entries_come_only_from_status_moves(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    entry = entry_of_kind(EntryKind.NOTE, "SR 3-1", clock)
    status = replace(
        entry,
        kind=EntryKind.STATUS,
        detail=StatusDetail(from_status="new", to_status="closed", reason="confirmed"),
    )
    with pytest.raises(ValueError):
        store.append_entry(status)


def test_entries_go_in_time_order_then_writing_order(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    first = store.append_entry(email_entry("SR 3-1", clock))
    same_time = store.append_entry(entry_of_kind(EntryKind.NOTE, "SR 3-1", clock))
    earlier = store.append_entry(
        replace(entry_of_kind(EntryKind.CALL, "SR 3-1", clock), at=clock.now() - timedelta(hours=1))
    )
    assert [e.id for e in store.entries("SR 3-1")] == [earlier.id, first.id, same_time.id]


def test_an_entry_needs_its_case_and_a_new_id(store, clock):
    with pytest.raises(NotFoundError):
        store.append_entry(email_entry("SR 404", clock))
    store.create_case(a_case(clock, "SR 3-1"))
    entry = store.append_entry(email_entry("SR 3-1", clock))
    with pytest.raises(StoreError, match=entry.id):
        store.append_entry(entry)
    assert len(store.entries("SR 3-1")) == 1


def test_only_notes_can_be_deleted(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    note = store.append_entry(entry_of_kind(EntryKind.NOTE, "SR 3-1", clock))
    mail = store.append_entry(email_entry("SR 3-1", clock))
    with pytest.raises(StoreError, match="Only notes"):
        store.delete_note(mail.id)
    store.delete_note(note.id)
    assert store.entries("SR 3-1") == [mail]
    with pytest.raises(NotFoundError):
        store.delete_note(note.id)


# -- status ------------------------------------------------------------------------------


def test_a_status_move_writes_an_entry_and_accepts_once(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    clock.advance(minutes=10)
    accepted = store.set_status("SR 3-1", Status.ACCEPTED, notes="A1 sent")
    assert accepted.status is Status.ACCEPTED and accepted.version == 2
    assert accepted.accepted_at == clock.now()
    (entry,) = store.entries("SR 3-1")
    assert entry.kind is EntryKind.STATUS and entry.stage is Stage.INITIAL_RESPONSE
    assert entry.status_change == StatusDetail(from_status="new", to_status="accepted")
    assert (entry.author, entry.notes, entry.at) == ("Ann", "A1 sent", clock.now())
    clock.advance(hours=1)
    store.set_status("SR 3-1", Status.IN_PROGRESS)
    again = store.set_status("SR 3-1", Status.ACCEPTED)
    assert again.accepted_at == accepted.accepted_at


def test_moving_to_the_same_status_is_a_no_op(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    moved = store.set_status("SR 3-1", "waiting_customer")
    assert store.set_status("SR 3-1", "waiting_customer") == moved
    assert len(store.entries("SR 3-1")) == 1


def test_closing_needs_a_reason_and_reopening_clears_it(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    with pytest.raises(ValueError):
        store.set_status("SR 3-1", Status.CLOSED)
    with pytest.raises(ValueError):
        store.set_status("SR 3-1", Status.IN_PROGRESS, reason=CloseReason.CONFIRMED)
    closed = store.set_status("SR 3-1", Status.CLOSED, reason=CloseReason.NO_RESPONSE)
    assert (closed.status, closed.close_reason, closed.is_open) == ("closed", "no_response", False)
    clock.advance(days=2)
    reopened = store.set_status("SR 3-1", Status.IN_PROGRESS, notes="customer came back")
    assert reopened.close_reason is None and reopened.is_open
    moves = [e.status_change for e in store.entries("SR 3-1")]
    assert moves == [
        StatusDetail(from_status="new", to_status="closed", reason="no_response"),
        StatusDetail(from_status="closed", to_status="in_progress"),
    ]
    assert store.entries("SR 3-1")[0].stage is Stage.ARCHIVE


def test_a_status_move_can_check_the_version(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    store.set_status("SR 3-1", "accepted")
    with pytest.raises(ConflictError):
        store.set_status("SR 3-1", "in_progress", expected_version=1)
    assert store.get_case("SR 3-1").status is Status.ACCEPTED


def test_an_update_that_moves_the_status_records_it(store, clock):
    case = store.create_case(a_case(clock, "SR 3-1"))
    store.update_case(replace(case, status=Status.CLOSED, close_reason="out_of_scope"), 1)
    (entry,) = store.entries("SR 3-1")
    assert entry.status_change.to_status is Status.CLOSED
    assert entry.status_change.reason is CloseReason.OUT_OF_SCOPE
    with pytest.raises(ValueError):
        store.update_case(replace(case, status=Status.CLOSED, close_reason=None), 2)


# -- lists -------------------------------------------------------------------------------


def test_the_list_puts_the_newest_activity_first(store, clock):
    for n in (1, 2, 3):
        store.create_case(a_case(clock, f"SR 3-{n}"))
        clock.advance(minutes=1)
    store.append_entry(email_entry("SR 3-1", clock))
    assert [c.number for c in store.list_cases()] == ["SR 3-1", "SR 3-3", "SR 3-2"]
    assert store.get_case("SR 3-1").last_activity_at == clock.now()
    assert [c.number for c in store.list_cases(limit=1, offset=1)] == ["SR 3-3"]
    assert store.list_cases(limit=1)[0] == CaseSummary.of(store.get_case("SR 3-1"))


def test_the_list_filters_by_status_and_text(store, clock):
    store.create_case(a_case(clock, "SR 3-1", title="NFS hang on app01", keywords=("存储",)))
    store.create_case(a_case(clock, "SR 3-2", title="100% CPU", company="Acme 物流"))
    store.create_case(a_case(clock, "SR 3-3", title="Printer offline"))
    store.set_status("SR 3-3", "waiting_customer")

    def numbers(**kw):
        return sorted(c.number for c in store.list_cases(**kw))

    assert numbers(statuses=[Status.WAITING_CUSTOMER]) == ["SR 3-3"]
    assert numbers(statuses={"new", "waiting_customer"}) == ["SR 3-1", "SR 3-2", "SR 3-3"]
    assert numbers(statuses=[]) == []
    assert numbers(text="nfs") == ["SR 3-1"]
    assert numbers(text="存储") == ["SR 3-1"]
    assert numbers(text="物流") == ["SR 3-2"]
    assert numbers(text="0%") == ["SR 3-2"]  # % is a character, not a wildcard
    assert numbers(text="3-3", statuses=["new"]) == []


def test_counts_cover_every_status(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    store.create_case(a_case(clock, "SR 3-2"))
    store.set_status("SR 3-2", "closed", reason="confirmed")
    counts = store.counts()
    assert set(counts) == set(Status)
    assert (counts[Status.NEW], counts[Status.CLOSED], counts[Status.ACCEPTED]) == (1, 1, 0)


# -- import and meta ---------------------------------------------------------------------


def test_import_is_lossless_and_idempotent(store_factory, tmp_path, clock):
    source = store_factory(location=tmp_path / "a")
    source.create_case(full_case(clock, "SR 3-1"))
    for kind in APPENDABLE:
        source.append_entry(entry_of_kind(kind, "SR 3-1", clock))
    source.set_status("SR 3-1", "closed", reason="confirmed")
    records = [(source.get_case("SR 3-1"), source.entries("SR 3-1"))]

    target = store_factory(location=tmp_path / "b")
    first = target.import_records(records)
    assert first.cases_added == ("SR 3-1",) and first.entries_added == len(APPENDABLE) + 1
    assert [(target.get_case("SR 3-1"), target.entries("SR 3-1"))] == records
    second = target.import_records(records)
    assert second.cases_added == () and second.cases_kept == ("SR 3-1",)
    assert (second.entries_added, second.entries_kept) == (0, len(APPENDABLE) + 1)
    assert len(target.entries("SR 3-1")) == len(APPENDABLE) + 1


def test_import_keeps_an_existing_case_and_adds_missing_entries(store, clock):
    mine = store.create_case(a_case(clock, "SR 3-1", title="mine"))
    theirs = replace(mine, title="theirs")
    entry = email_entry("SR 3-1", clock)
    result = store.import_records([(theirs, [entry])])
    assert result.entries_added == 1
    assert store.get_case("SR 3-1").title == "mine"
    assert store.entries("SR 3-1") == [entry]


def test_an_import_marked_once_runs_once(store, clock):
    records = [(a_case(clock, ""), [])]
    first = store.import_records(records, once="import:x", meta={"import:x": "done"})
    assert first.cases_added == ("TS20261202001",)
    assert store.import_records(records, once="import:x").skipped
    assert store.get_meta("import:x") == "done"
    assert len(store.list_cases()) == 1
    store.import_records(records, once="import:y")  # no value given: the time is kept
    assert store.get_meta("import:y") == "2026-12-02T01:30:00.000000Z"
    assert store.import_records(records, once="import:y").skipped
    assert len(store.list_cases()) == 2


def test_a_failing_import_leaves_nothing(store, clock):
    def records():
        yield a_case(clock, "SR 3-1"), []
        raise StoreError("line 2 is bad")

    with pytest.raises(StoreError):
        store.import_records(records(), once="k")
    assert store.list_cases() == [] and store.get_meta("k") is None


def test_meta_values_are_kept(store):
    assert store.get_meta("x") is None
    store.set_meta("x", "1")
    store.set_meta("x", "2")
    assert store.get_meta("x") == "2"
