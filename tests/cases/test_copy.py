"""Copying cases between stores (`sr-tui db copy`): lossless, never doubled, renumbering
a generated number that is another case's in the target. Source and target are two
stores of the backend under test (conftest.BACKENDS); test_cli_db.py crosses them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sr_tui.core.cases.copy import COPIED, copy_cases, marker_id
from sr_tui.core.cases.export import records
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.cases.store import StoreError

from .helpers import a_case, email_entry, entry_of_kind, full_case


@pytest.fixture
def stores(store_factory, tmp_path):
    return store_factory("Ann Lee", location=tmp_path / "ann"), store_factory(
        "Bob Chen", location=tmp_path / "team"
    )


def _fill(store, clock, n=3):
    store.create_case(full_case(clock, "SR 3-41234567"))
    store.append_entry(email_entry("SR 3-41234567", clock))
    for _ in range(n):
        number = store.create_case(a_case(clock, "", title="mine")).number
        store.append_entry(entry_of_kind(EntryKind.CALL, number, clock))
        clock.advance(minutes=1)


def test_a_copy_is_equal_and_a_second_run_adds_nothing(stores, clock):
    ann, team = stores
    _fill(ann, clock)
    first = copy_cases(ann, team, batch=2)
    assert (len(first.cases_added), first.entries_added) == (4, 4)
    assert list(records(team)) == list(records(ann))
    again = copy_cases(ann, team, batch=2)
    assert (again.cases_added, again.entries_added, again.entries_kept) == ([], 0, 4)
    assert len(again.cases_kept) == 4
    assert list(records(team)) == list(records(ann))


def test_a_generated_number_taken_in_the_target_gets_a_new_one(stores, clock):
    ann, team = stores
    theirs = team.create_case(a_case(clock, "", title="Bob's own"))
    clock.advance(seconds=1)  # the same creation time would mean the same case
    mine = ann.create_case(a_case(clock, "", title="Ann's own"))
    assert mine.number == theirs.number == "TS20261202001"
    ann.append_entry(email_entry(mine.number, clock))
    result = copy_cases(ann, team, origin="Ann Lee's laptop")
    assert result.renumbered == [("TS20261202001", "TS20261202002")]
    assert team.get_case("TS20261202001").title == "Bob's own"
    assert team.entries("TS20261202001") == []
    copied = team.get_case("TS20261202002")
    assert copied.title == "Ann's own" and copied.created_at == mine.created_at
    marker, mail = team.entries("TS20261202002")
    assert marker.id == marker_id(mine) and marker.action == f"{COPIED}TS20261202001"
    assert marker.notes == "Ann Lee's laptop" and mail.email is not None
    # Later work on the local case follows the copy on the next run, not a third case.
    clock.advance(hours=1)
    ann.append_entry(entry_of_kind(EntryKind.NOTE, mine.number, clock))
    again = copy_cases(ann, team)
    assert again.renumbered == [] and again.entries_added == 1
    assert len(team.entries("TS20261202002")) == 3
    assert len(team.list_cases()) == 2


def test_a_ticket_number_both_have_joins_one_case(stores, clock):
    ann, team = stores
    values = {"sr_number": "SR 3-7"}
    team.create_case(a_case(clock, "SR 3-7", title="Bob's record", values=values))
    theirs = team.append_entry(email_entry("SR 3-7", clock))
    clock.advance(minutes=5)
    ann.create_case(a_case(clock, "SR 3-7", title="Ann's record", values=values))
    mine = ann.append_entry(entry_of_kind(EntryKind.NOTE, "SR 3-7", clock))
    result = copy_cases(ann, team)
    assert result.cases_merged == ["SR 3-7"] and result.entries_added == 1
    assert team.get_case("SR 3-7").title == "Bob's record"  # the team's record stays
    assert [e.id for e in team.entries("SR 3-7")] == [theirs.id, mine.id]


def test_an_interrupted_copy_run_again_doubles_nothing(stores, clock):
    ann, team = stores
    _fill(ann, clock, n=9)
    everything = list(records(ann))

    def cut_short():
        yield from everything[:6]
        raise StoreError("the laptop went to sleep")

    with pytest.raises(StoreError):
        copy_cases(cut_short(), team, batch=4)
    assert len(team.list_cases(limit=None)) == 4  # the first batch, whole
    copy_cases(ann, team, batch=4)
    assert list(records(team)) == everything
    ids = [e.id for _, entries in records(team) for e in entries]
    assert len(ids) == len(set(ids)) == 10


def test_a_renumbered_copy_keeps_its_timeline_order(stores, clock):
    ann, team = stores
    team.create_case(a_case(clock, ""))
    clock.advance(minutes=1)
    mine = ann.create_case(a_case(clock, ""))
    clock.advance(minutes=1)
    first = ann.append_entry(email_entry(mine.number, clock))
    copy_cases(ann, team)
    entries = team.entries("TS20261202002")
    assert [e.id for e in entries] == [marker_id(mine), first.id]
    assert entries[0].at == mine.created_at
    assert replace(entries[1], case_number=mine.number) == first
