"""Two engineers' Workspaces on one store (each its own connection), as the app uses
them: a colleague's save of the values is never overwritten, the conflict stops the save
(and "new case", which would drop the draft) with the message, the draft file keeps
every value, and merging the draft with the record lets the save through. Against every
backend in conftest.BACKENDS."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sr_tui.core.cases.store import ConflictError
from sr_tui.core.drafts import DraftStore
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.workspace import Workspace


@pytest.fixture
def workspaces(catalog, store_factory, tmp_path, clock):
    def workspace(name: str) -> Workspace:
        settings = LoadedSettings(Settings(your_name=name), tmp_path / name / "config.toml")
        drafts = DraftStore(tmp_path / name, clock)
        store = store_factory(name)
        return Workspace(catalog, settings, store, clock, drafts=drafts, system_clipboard=None)

    return workspace("Ann Lee"), workspace("Bob Chen")


def test_a_colleagues_save_stops_mine_until_i_merge(workspaces, clock, tmp_path):
    ann, bob = workspaces
    ann.open_template("A2")
    ann.set_value("sr_number", "SR 3-1")
    ann.save()
    bob.reopen("SR 3-1")
    clock.advance(minutes=4)
    bob.set_value("issue_summary", "the NFS hang on app01")
    bob.save()

    ann.set_value("customer_name", "Wang Bo")
    with pytest.raises(ConflictError, match="Bob Chen changed this case"):
        ann.save()
    assert DraftStore(tmp_path / "Ann Lee", clock).load_current().values["customer_name"] == (
        "Wang Bo"
    )
    with pytest.raises(ConflictError):
        ann.new_case()  # it would drop the draft the record does not have
    assert ann.draft.values["customer_name"] == "Wang Bo"

    ann.draft = ann.cases.merge(ann.draft)  # what the app's "reload" is to do
    ann.open_template("A2")  # shown again
    ann.save()
    record = ann.record
    assert (record.values["customer_name"], record.values["issue_summary"]) == (
        "Wang Bo",
        "the NFS hang on app01",
    )
    assert "regarding the NFS hang on app01" in ann.email().body  # Bob's value, in Ann's email


def test_a_colleague_logging_on_the_case_is_no_conflict(workspaces, clock):
    ann, bob = workspaces
    ann.open_template("B1")
    ann.set_value("sr_number", "SR 3-1")
    ann.save()
    bob.cases.note("SR 3-1", text="called the customer")
    bob.cases.assign("SR 3-1", "Bob Chen")
    ann.set_value("customer_name", "Wang")
    ann.save()
    assert ann.record.values == replace(ann.draft).values
    assert ann.record.assignee == "Bob Chen"
