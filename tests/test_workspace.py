"""A whole case through the Workspace, with a fixed clock and no app."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sr_tui.core.cases.model import EntryKind, Status
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.handoff.recipients import HandoffError
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.workspace import Workspace

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


class FakeClipboard:
    def __init__(self) -> None:
        self.copies: list[str] = []

    def __call__(self, text: str) -> None:
        self.copies.append(text)


@pytest.fixture
def clipboard() -> FakeClipboard:
    return FakeClipboard()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOON)


@pytest.fixture
def workspace(catalog, tmp_path, clipboard, clock) -> Workspace:
    settings = LoadedSettings(Settings(your_name="Sam Lee", your_team="Linux"), tmp_path / "c")
    drafts = DraftStore(tmp_path / "data", clock)
    store = SqliteCaseStore(tmp_path / "data" / "cases.db", clock, actor="Sam Lee")
    return Workspace(catalog, settings, store, clock, drafts=drafts, system_clipboard=clipboard)


def test_a_whole_case(workspace, clipboard, tmp_path):
    # Open A1 and fill it.
    workspace.open_template("A1")
    assert workspace.readiness().unfilled  # the SR number and more are still open
    workspace.set_value("sr_number", "SR 3-41234567")
    workspace.set_value("customer_name", "Alice")
    workspace.set_value("issue_summary", "NFS mounts hang after reboot")
    workspace.set_value("timeframe", "4 business hours")
    workspace.set_value("support_url", "https://support.example.com")
    email = workspace.email()
    assert email.subject == "Support Case SR 3-41234567 Received"
    assert email.body.startswith("Hi Alice,")
    assert email.body.endswith("Best regards,\nSam Lee\nLinux Support")
    assert workspace.readiness().ready, workspace.readiness()

    # Open B1: the values typed for the case are carried over.
    workspace.open_template("B1")
    assert workspace.template.id == "B1"
    assert "SR 3-41234567" in workspace.email().subject
    assert workspace.readiness().unfilled == ("Items needed",) or workspace.readiness().unfilled
    workspace.set_value("items", ["An sosreport", "The output of nfsstat -m"])
    assert workspace.readiness().ready, workspace.readiness()

    # Copy: the flowed email reaches the clipboard.
    outcome = workspace.copy("all")
    assert outcome.method == "system"
    assert clipboard.copies == [workspace.email("flowed").text]
    assert clipboard.copies[0].startswith("Subject: Action Required")

    # The copy is on the case's timeline, and B1 moved the case to waiting on the customer.
    record = workspace.record
    assert record.number == "SR 3-41234567" and record.title == "NFS mounts hang after reboot"
    assert record.status is Status.WAITING_CUSTOMER
    [entry] = [e for e in workspace.cases.entries(record.number) if e.kind is EntryKind.EMAIL]
    assert entry.email.template_id == "B1" and entry.email.channel == "copy"
    assert entry.email.body == workspace.email("flowed").body and entry.at == NOON

    # A new case: the old one stays in the store, and comes back with its values.
    old = workspace.new_case()
    assert old.number == "SR 3-41234567"
    assert workspace.draft.values == {} and workspace.template.id == "B1"
    [aside] = workspace.recent()
    assert aside.number == "SR 3-41234567"
    back = workspace.reopen("SR 3-41234567")
    assert back.values["items"] == ["An sosreport", "The output of nfsstat -m"]
    assert back.template_id == "B1"  # the template of its last email
    assert workspace.recent() == []


def test_the_case_is_saved_and_restored(workspace, catalog, tmp_path, clock):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 9")
    workspace.save()
    again = Workspace(
        catalog, workspace.loaded_settings, workspace.cases.store, clock, drafts=workspace.drafts
    )
    draft = again.restore()
    assert draft.template_id == "B2" and again.draft.values == {"sr_number": "SR 9"}
    assert draft.number == "SR 9" and again.record.values == {"sr_number": "SR 9"}
    assert again.drafts.preferred_templates()[0] == "B2"


def test_a_case_without_a_ticket_number_gets_one_and_keeps_it(workspace):
    workspace.open_template("A1")
    workspace.set_value("customer_name", "Alice")
    workspace.save()
    assert workspace.draft.number == "TS20261202001"
    workspace.set_value("sr_number", "SR 3-7")
    workspace.save()
    assert workspace.draft.number == "SR 3-7"  # the typed number replaces the generated one
    assert workspace.cases.get("TS20261202001") is None


def test_settings_reach_the_signature_unless_typed_over(workspace):
    workspace.open_template("A3")
    assert workspace.email().body.endswith("Sam Lee\nLinux Support")
    workspace.apply_settings(Settings(your_name="Bo Chen", your_team="Storage"))
    assert workspace.email().body.endswith("Bo Chen\nStorage Support")
    # An editor echoing the settings value back is not "typed over".
    assert workspace.set_value("your_name", "Bo Chen") is False
    workspace.set_value("your_team", "Kernel")
    workspace.apply_settings(Settings(your_name="Ann", your_team="Network"))
    assert workspace.email().body.endswith("Ann\nKernel Support")
    assert workspace.typed_over("your_team") and not workspace.typed_over("your_name")
    # Emptied, the field follows the settings again.
    workspace.set_value("your_team", "")
    assert workspace.email().body.endswith("Ann\nNetwork Support")


def test_lint_settings_reach_the_findings(workspace):
    workspace.open_template("B1")
    workspace.set_value("items", ["send the logs asap"])
    assert any(f.rule == "SR006" for f in workspace.findings())
    workspace.apply_settings(Settings(your_name="Sam", lint={"disable": ["SR006"]}))
    assert not any(f.rule == "SR006" for f in workspace.findings())


def test_every_template_takes_the_recipient(workspace):
    form = workspace.open_template("G5")
    assert "customer_email" in form.field_ids
    workspace.set_value("customer_email", "not-an-address")
    with pytest.raises(HandoffError, match="not an email address"):
        workspace.open_mail(opener=lambda url: True)
    assert isinstance(HandoffError("x"), SrTuiError)


def test_export_writes_the_eml_with_the_clock_date(workspace, tmp_path):
    workspace.open_template("G5")
    path = workspace.export_eml(tmp_path / "out")
    assert path.parent == (tmp_path / "out").resolve()
    assert "Date: Wed, 02 Dec 2026 12:00:00 +0000" in path.read_text()


def test_no_template_means_nothing_to_send(workspace):
    assert workspace.email() is None and workspace.findings() == ()
    assert workspace.readiness().ready
    with pytest.raises(SrTuiError, match="open a template"):
        workspace.copy()


def test_unknown_template_is_an_sr_tui_error(workspace):
    with pytest.raises(SrTuiError, match="unknown template 'Z9'"):
        workspace.open_template("Z9")


def test_reopen_of_a_missing_case_says_so(workspace):
    with pytest.raises(SrTuiError, match="no case SR 404"):
        workspace.reopen("SR 404")


def test_an_eml_export_is_logged_and_e1_closes_the_case(workspace, tmp_path):
    workspace.open_template("E1")
    workspace.set_value("sr_number", "SR 5")
    workspace.export_eml(tmp_path / "out")
    record = workspace.record
    assert record.status is Status.CLOSED and record.close_reason == "confirmed"
    kinds = [e.kind for e in workspace.cases.entries("SR 5")]
    assert kinds == [EntryKind.EMAIL, EntryKind.STATUS]


def test_copying_only_the_subject_is_not_logged(workspace):
    workspace.open_template("G5")
    workspace.set_value("sr_number", "SR 6")
    workspace.copy("subject")
    assert workspace.cases.entries("SR 6") == []
