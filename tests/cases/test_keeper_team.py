"""Two engineers' CaseKeepers on one store (each its own connection): a colleague's save
is never overwritten by a stale draft, the conflict says who and when, and merging keeps
what both typed. Against every backend in conftest.BACKENDS."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sr_tui.core.cases.keeper import CaseKeeper
from sr_tui.core.cases.store import ConflictError
from sr_tui.core.drafts import Draft


@pytest.fixture
def keepers(store_factory, clock):
    def keeper(name: str) -> CaseKeeper:
        store = store_factory(name)
        return CaseKeeper(lambda: (store, []), clock, author=name)

    return keeper("Ann Lee"), keeper("Bob Chen")


def _draft(clock, number="", **values) -> Draft:
    return Draft("A1", dict(values), clock.now(), number)


def test_a_stale_draft_does_not_overwrite_a_colleagues_save(keepers, clock):
    ann, bob = keepers
    mine = ann.sync(_draft(clock, sr_number="SR 3-1", customer_name="Wang"))
    theirs = bob.sync(_draft(clock, "SR 3-1", sr_number="SR 3-1", customer_name="Wang"))
    clock.advance(minutes=5)
    bob.sync(replace(theirs, values={**theirs.values, "timeframe": "4 business hours"}))
    typed = replace(mine, values={**mine.values, "customer_name": "Wang Bo"})
    with pytest.raises(ConflictError) as caught:
        ann.sync(typed)
    hhmm = clock.now().astimezone().strftime("%H:%M")
    assert f"Bob Chen changed this case (SR 3-1) at {hhmm} — reload" in caught.value.user_message
    assert ann.get("SR 3-1").values["customer_name"] == "Wang"  # nothing written
    merged = ann.merge(typed)
    assert merged.values == {
        "sr_number": "SR 3-1",
        "customer_name": "Wang Bo",  # what Ann typed
        "timeframe": "4 business hours",  # what Bob saved
    }
    ann.sync(merged)
    assert ann.get("SR 3-1").values == merged.values
    assert ann.get("SR 3-1").requester == "Wang Bo"


def test_a_colleagues_status_move_or_handover_is_no_conflict(keepers, clock):
    ann, bob = keepers
    mine = ann.sync(_draft(clock, sr_number="SR 3-1"))
    bob.set_status("SR 3-1", "accepted")
    bob.assign("SR 3-1", "Bob Chen")
    ann.sync(replace(mine, values={**mine.values, "customer_name": "Wang"}))
    case = ann.get("SR 3-1")
    assert (case.status, case.assignee, case.values["customer_name"]) == (
        "accepted",
        "Bob Chen",
        "Wang",
    )


def test_the_same_values_typed_twice_are_no_conflict(keepers, clock):
    ann, bob = keepers
    mine = ann.sync(_draft(clock, sr_number="SR 3-1"))
    same = {**mine.values, "customer_name": "Wang"}
    bob.sync(_draft(clock, "SR 3-1", **same))
    ann.sync(replace(mine, values=same))
    assert ann.get("SR 3-1").values == same


def test_assign_and_the_my_and_team_views(keepers, clock):
    ann, bob = keepers
    ann.sync(_draft(clock, sr_number="SR 3-1"))
    clock.advance(minutes=1)
    bob.sync(_draft(clock, sr_number="SR 3-2"))
    assert [c.number for c in ann.my_cases()] == ["SR 3-1"]
    assert [c.number for c in ann.team_cases()] == ["SR 3-2", "SR 3-1"]
    clock.advance(minutes=1)
    case = ann.assign("SR 3-1", "Bob Chen", notes="on leave tomorrow")
    assert case.assignee == "Bob Chen" and ann.my_cases() == []
    assert [c.number for c in bob.my_cases(limit=1)] == ["SR 3-1"]
    handover = ann.entries("SR 3-1")[-1]
    assert (handover.author, handover.action, handover.at) == (
        "Ann Lee",
        "assigned to Bob Chen",
        clock.now(),
    )
