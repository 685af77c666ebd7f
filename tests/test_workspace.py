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


# -- your own words and the email finished in place ---------------------------------------


def test_your_own_words_go_after_the_opening_paragraph_and_are_linted(workspace):
    workspace.open_template("B1")
    workspace.set_value("sr_number", "SR 3-7")
    workspace.set_value("details", "The logs end at 09:14.\n\nWe will know more soon.")
    body = workspace.email().body
    assert (
        "- [Item 3]\n\nThe logs end at 09:14.\n\nWe will know more soon.\n\nOnce received" in body
    )
    [soon] = [f for f in workspace.findings() if f.rule == "SR006"]
    assert soon.field == "details" and soon.match == "soon"
    # Empty, it is nothing at all: the template's text as the seed has it.
    workspace.set_value("details", "")
    assert "- [Item 3]\n\nOnce received" in workspace.email().body


def test_an_edited_email_is_what_goes_out_and_is_judged(workspace, clipboard):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 3-7")
    rendered = workspace.outgoing_text()
    assert workspace.readiness().ready
    edited = rendered.replace("let me know.", "let me know. I am off on Friday, back [Date].")
    assert workspace.set_edited_text(edited) is True
    assert workspace.outgoing_text() == edited
    assert workspace.outgoing().subject == "Follow-Up — Information Still Needed for SR 3-7"
    # Readiness judges the edited text: the placeholder typed into it is unfilled.
    assert workspace.readiness().unfilled == ("[Date]",)
    assert any(f.rule == "SR005" and f.match == "[Date]" for f in workspace.findings())
    workspace.copy("all")
    assert clipboard.copies == [edited]
    # Setting the same text again changes nothing; the template's own text is no edit.
    assert workspace.set_edited_text(edited) is False
    assert workspace.set_edited_text(rendered) is True and workspace.edited_text is None


def test_a_changed_value_throws_the_edit_away_and_the_ui_can_ask_first(workspace):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 3-7")
    workspace.set_edited_text(workspace.outgoing_text() + "\nP.S. Thanks.")
    assert not workspace.edit_at_stake("sr_number", "SR 3-7")  # an echo: no change
    assert workspace.edit_at_stake("sr_number", "SR 3-8")
    # Opening another template keeps the edit for the template it was made on.
    workspace.open_template("A3")
    assert workspace.edited_text is None
    workspace.open_template("B2")
    assert workspace.edited_text.endswith("P.S. Thanks.")
    workspace.set_value("sr_number", "SR 3-8")
    assert workspace.edited_text is None and workspace.draft.edited_text is None
    assert "SR 3-8" in workspace.outgoing_text()


def test_the_edit_is_saved_with_the_draft_and_restored(workspace, catalog):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 3-7")
    edited = workspace.outgoing_text() + "\nP.S. Thanks."
    workspace.set_edited_text(edited)
    workspace.save()
    again = Workspace(
        catalog,
        workspace.loaded_settings,
        workspace.cases.store,
        FixedClock(NOON),
        drafts=workspace.drafts,
    )
    again.restore()
    assert again.edited_text == edited
    assert again.draft.values == {"sr_number": "SR 3-7"}
    # Left for a new case and reopened from the case store, it comes back with the case.
    left = again.new_case()
    assert again.edited_text is None
    again.reopen(left.number)
    assert again.edited_text == edited


def test_a_draft_of_the_old_format_keeps_no_echoed_signature(workspace, catalog):
    """Drafts written before format 2 hold the signature the form echoed from settings:
    kept, it would hide every later name change in the settings (bug: "a name changed in
    F4 never reaches the open case, even after a restart")."""
    import json

    workspace.drafts.current_path.parent.mkdir(parents=True, exist_ok=True)
    workspace.drafts.current_path.write_text(
        json.dumps(
            {
                "template_id": "A3",
                "values": {"sr_number": "SR 1", "your_name": "Old Name", "your_team": "Linux"},
                "saved_at": NOON.isoformat(),
            }
        ),
        encoding="utf-8",
    )
    workspace.restore()
    assert workspace.draft.values == {"sr_number": "SR 1"}
    assert workspace.email().body.endswith("Sam Lee\nLinux Support")
    # In the new format a typed-over name is the user's: it stays.
    workspace.set_value("your_name", "Bo")
    workspace.save()
    again = Workspace(
        catalog,
        workspace.loaded_settings,
        workspace.cases.store,
        FixedClock(NOON),
        drafts=workspace.drafts,
    )
    again.restore()
    assert again.draft.values["your_name"] == "Bo"


def test_your_own_words_belong_to_one_email_not_the_whole_case(workspace, catalog):
    """A sentence written for B1 is not repeated in B2's follow-up; the SR number is."""
    workspace.open_template("B1")
    workspace.set_value("sr_number", "SR 3-7")
    workspace.set_value("details", "The logs end at 09:14.")
    workspace.open_template("B2")
    assert workspace.values.get("details") is None
    assert "The logs end" not in workspace.email().body and "SR 3-7" in workspace.email().body
    workspace.set_value("details", "Still waiting for the logs.")
    workspace.open_template("B1")
    assert workspace.values["details"] == "The logs end at 09:14."
    # Saved with the case, each with its template.
    workspace.save()
    again = Workspace(
        catalog,
        workspace.loaded_settings,
        workspace.cases.store,
        FixedClock(NOON),
        drafts=workspace.drafts,
    )
    again.restore()
    assert again.values["details"] == "The logs end at 09:14."
    again.open_template("B2")
    assert again.values["details"] == "Still waiting for the logs."


def test_a_case_made_on_the_command_line_reopens_with_its_record_in_the_email(workspace):
    """`sr-tui case new "SR 3-8" --title … --requester …` stores a record and no values:
    reopened, its email said [SR Number] and [Issue Summary]."""
    from sr_tui.core.cases.model import Case

    now = workspace.clock.now()
    workspace.cases.store.create_case(
        Case.new("SR 3-8", now=now, title="NFS mounts hang", requester="Alice Chen")
    )
    workspace.open_template("A1")
    workspace.reopen("SR 3-8")
    values = workspace.values
    assert values["sr_number"] == "SR 3-8"
    assert values["issue_summary"] == "NFS mounts hang"
    assert values["customer_name"] == "Alice Chen"
    assert "[SR Number]" not in workspace.email().text
