"""Reusing a past case's resolution through the Workspace (what the case screen does on
`SimilarCases.Reuse`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from sr_tui.case_reuse import apply_reuse
from sr_tui.core.cases.model import Case, CloseReason, Status
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.workspace import Workspace

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def workspace(catalog, tmp_path):
    clock = FixedClock(NOON)
    settings = LoadedSettings(Settings(your_name="Sam Lee", your_team="Linux"), tmp_path / "c")
    store = SqliteCaseStore(tmp_path / "cases.db", clock, actor="Sam Lee")
    for number, fields in (
        ("SR 1", dict(resolution="Mount with hard,intr.", root_cause="nfs-utils bug",
                      keywords=("nfs",), values={"reference_doc": "Doc ID 2887451.1"})),
        ("SR 2", dict(resolution="Cleared the tray.", keywords=("printer",))),
    ):  # fmt: skip
        store.create_case(Case.new(number, now=NOON, title=f"{number} past", **fields))
        store.set_status(number, Status.CLOSED, reason=CloseReason.CONFIRMED)
    drafts = DraftStore(tmp_path / "data", clock)
    ws = Workspace(catalog, settings, store, clock, drafts=drafts, system_clipboard=lambda t: None)
    ws.open_template("A1")
    ws.set_value("sr_number", "SR 9")
    ws.set_value("customer_name", "Alice")
    ws.set_value("issue_summary", "NFS hang on db02")
    ws.save()
    return ws


def test_reuse_opens_e2_with_the_reference_and_fills_the_record(workspace):
    plan = apply_reuse(workspace, "SR 1")
    assert plan.template_id == "E2" and workspace.template.id == "E2"
    email = workspace.email()
    assert "Doc ID 2887451.1" in email.body and "NFS hang on db02" in email.body
    assert email.body.startswith("Hi Alice,")  # the open case's own customer
    record = workspace.record
    assert record.number == "SR 9" and record.resolution == "Mount with hard,intr."
    assert record.root_cause == "nfs-utils bug" and record.keywords == ("nfs",)


def test_reuse_without_a_reference_opens_e1_and_keeps_what_the_case_has(workspace):
    record = workspace.record
    workspace.cases.update(replace(record, resolution="Own words."))
    apply_reuse(workspace, "SR 2")
    assert workspace.template.id == "E1"
    again = workspace.record
    assert again.resolution == "Own words." and again.keywords == ("printer",)


def test_reuse_on_another_case_opens_it_first(workspace):
    workspace.new_case()
    apply_reuse(workspace, "SR 1", case_number="SR 9")
    assert workspace.draft.number == "SR 9" and workspace.template.id == "E2"


def test_reusing_an_unknown_case_is_an_error(workspace):
    with pytest.raises(SrTuiError, match="SR 404"):
        apply_reuse(workspace, "SR 404")


def test_reuse_puts_the_resolution_in_the_email(workspace):
    apply_reuse(workspace, "SR 1")
    assert workspace.values["details"] == "Mount with hard,intr."
    assert "Mount with hard,intr." in workspace.email().body


def test_reuse_keeps_words_already_typed_for_the_email(workspace):
    workspace.open_template("E2")
    workspace.set_value("details", "My own words.")
    apply_reuse(workspace, "SR 1")
    assert workspace.values["details"] == "My own words."


def test_reuse_writes_the_case_own_resolution_when_it_has_one(workspace):
    workspace.cases.update(replace(workspace.record, resolution="Own words."))
    apply_reuse(workspace, "SR 2")
    assert workspace.values["details"] == "Own words."
