"""A whole case through the Workspace, with a fixed clock and no app."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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
def workspace(catalog, tmp_path, clipboard) -> Workspace:
    settings = LoadedSettings(Settings(your_name="Sam Lee", your_team="Linux"), tmp_path / "c")
    store = DraftStore(tmp_path / "data", FixedClock(NOON))
    return Workspace(catalog, settings, store, FixedClock(NOON), system_clipboard=clipboard)


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

    # Put aside, then bring back.
    old = workspace.new_case()
    assert old.sr_number == "SR 3-41234567"
    assert workspace.case.values == {} and workspace.template.id == "B1"
    [aside] = workspace.recent()
    assert aside.values["sr_number"] == "SR 3-41234567"
    assert workspace.describe(aside) == "B1 draft for SR 3-41234567 from " + (
        NOON.astimezone().strftime("%H:%M")
    )
    back = workspace.reopen(0)
    assert back.values["items"] == ["An sosreport", "The output of nfsstat -m"]
    assert workspace.recent() == []


def test_the_case_is_saved_and_restored(workspace, catalog, tmp_path):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 9")
    workspace.save()
    again = Workspace(catalog, workspace.loaded_settings, workspace.store, FixedClock(NOON))
    draft = again.restore()
    assert draft.template_id == "B2" and again.case.values == {"sr_number": "SR 9"}
    assert again.store.preferred_templates()[0] == "B2"


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
    with pytest.raises(SrTuiError, match="no longer"):
        workspace.reopen(3)
