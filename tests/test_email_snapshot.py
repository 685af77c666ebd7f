"""The open case's email and findings kept for the next start (`email_snapshot`): read
back exactly, keyed by all they are made of, a miss for anything broken; the Workspace
keeps one with its save, takes it at restore and checks it again."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core import email_snapshot, locations
from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.email_snapshot import Snapshot, snapshot_key
from sr_tui.core.lint.finding import Finding, Fix
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.core.templates.model import Email, Span
from sr_tui.workspace import Workspace

NOON = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
EMAIL = Email(
    "B2",
    "Follow-Up for SR 1",
    "Hi Alice,\n\npls send it.",
    (Span("sr_number", 23, 27, True), Span("items", 40, 43, True, 0)),
    "flowed",
)
TEXT = EMAIL.text
FINDINGS = (
    Finding(
        "SR013",
        "chatspeak",
        "warning",
        "'pls' reads as chat",
        TEXT.index("pls"),
        TEXT.index("pls") + 3,
        3,
        1,
        "pls",
        Fix("replace", "please", True),
        "items",
        0,
    ),
    Finding("SR006", "no-deadline", "suggestion", "no date", 0, 0, 1, 1, "", None),
)


def kept_file():
    return locations.cache_dir() / email_snapshot.FILE_NAME


def test_a_snapshot_reads_back_as_it_was_saved():
    email_snapshot.save("k1", Snapshot(EMAIL, FINDINGS))
    assert email_snapshot.load("k1") == Snapshot(EMAIL, FINDINGS)
    assert email_snapshot.load("k2") is None  # another case, or the same one changed


def test_findings_on_an_edited_email_point_into_the_edited_text():
    edited = "Subject: x\n\npls, thanks"
    finding = replace(FINDINGS[0], start=12, end=15, field=None, item=None)
    email_snapshot.save("k", Snapshot(EMAIL, (finding,)))
    assert email_snapshot.load("k", edited) == Snapshot(EMAIL, (finding,))
    assert email_snapshot.load("k") is None  # into the template's email it points nowhere


@pytest.fixture
def template(catalog):
    return catalog.get("B2")


def test_the_key_changes_with_everything_the_email_is_made_of(template, monkeypatch):
    values = {"sr_number": "SR 1", "items": ["logs"]}
    base = snapshot_key(template, values, "flowed", None, {})
    changed = [
        snapshot_key(template, {**values, "sr_number": "SR 2"}, "flowed", None, {}),
        snapshot_key(template, {**values, "items": ["logs", "dump"]}, "flowed", None, {}),
        snapshot_key(replace(template, body=template.body + "!"), values, "flowed", None, {}),
        snapshot_key(template, values, "as-written", None, {}),
        snapshot_key(template, values, "flowed", "Subject: x\n\ny", {}),
        snapshot_key(template, values, "flowed", None, {"disable": ["SR013"]}),
    ]
    assert snapshot_key(template, dict(reversed(values.items())), "flowed", None, {}) == base
    monkeypatch.setattr(email_snapshot, "code_stamp", lambda names: (("render.py", 1, 2),))
    changed.append(snapshot_key(template, values, "flowed", None, {}))
    assert base not in changed and len(set(changed)) == len(changed)


def test_the_code_stamp_covers_the_renderer_and_every_lint_rule():
    stamp = email_snapshot.code_stamp(email_snapshot._CODE)
    names = {entry[0] for entry in stamp}
    assert "core/templates/render.py" in names and "core/lint/rules/chatspeak.py" in names
    assert all(entry[1] is not None for entry in stamp)  # every module found


BROKEN = {
    "not JSON": lambda kept: kept[: len(kept) // 2],
    "another version": lambda kept: kept.replace('"version": 1', '"version": 99'),
    "a span past the end": lambda kept: kept.replace(
        '["sr_number", 23, 27', '["sr_number", 23, 999'
    ),
    "a finding's text not where it points": lambda kept: kept.replace(
        '"match": "pls"', '"match": "plz"'
    ),
    "a number as text": lambda kept: kept.replace('"line": 3', '"line": "3"'),
    "an unknown severity": lambda kept: kept.replace(
        '"severity": "warning"', '"severity": "fatal"'
    ),
    "an unknown layout": lambda kept: kept.replace('"layout": "flowed"', '"layout": "wide"'),
    "a list for an object": lambda kept: '{"version": 1, "key": "k", "email": [], "findings": []}',
    "not an object": lambda kept: "[1, 2, 3]",
}


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_file_is_a_miss(how):
    email_snapshot.save("k", Snapshot(EMAIL, FINDINGS))
    kept = kept_file().read_text("utf-8")
    broken = BROKEN[how](kept)
    assert broken != kept
    kept_file().write_text(broken, "utf-8")
    assert email_snapshot.load("k") is None


def test_non_utf8_a_fifo_a_folder_and_a_huge_file_are_misses(monkeypatch):
    email_snapshot.save("k", Snapshot(EMAIL, FINDINGS))
    path = kept_file()
    path.write_bytes(b"\xff\xfe" + path.read_bytes())
    assert email_snapshot.load("k") is None
    path.unlink()
    os.mkfifo(path)
    assert email_snapshot.load("k") is None  # and does not wait for a writer
    path.unlink()
    path.mkdir()
    assert email_snapshot.load("k") is None
    email_snapshot.save("k", Snapshot(EMAIL, FINDINGS))  # cannot replace a folder: no error
    path.rmdir()
    monkeypatch.setattr(email_snapshot, "MAX_BYTES", 100)
    email_snapshot.save("k", Snapshot(EMAIL, FINDINGS))
    assert not path.exists()  # too big to keep


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_whatever_the_file_holds_loading_never_raises(data):
    path = kept_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    assert email_snapshot.load("k") is None


# -- the Workspace ------------------------------------------------------------------------


@pytest.fixture
def workspace(catalog, tmp_path) -> Workspace:
    clock = FixedClock(NOON)
    settings = LoadedSettings(Settings(your_name="Sam Lee", your_team="Linux"), tmp_path / "c")
    return Workspace(catalog, settings, None, clock, drafts=DraftStore(tmp_path / "data", clock))


def _again(workspace: Workspace) -> Workspace:
    return Workspace(
        workspace.catalog,
        workspace.loaded_settings,
        None,
        workspace.clock,
        drafts=workspace.drafts,
    )


def test_a_save_keeps_what_was_made_and_a_restore_takes_it(workspace, monkeypatch):
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 3-7")
    workspace.set_value("items", ["pls send the logs"])
    email, findings = workspace.rendered(), workspace.findings()
    assert findings
    workspace.save()
    again = _again(workspace)
    made = []
    monkeypatch.setattr("sr_tui.core.templates.render.render", lambda *a, **k: made.append(a))
    again.restore()
    assert again.known_findings == findings and again.rendered() == email and made == []


def test_a_save_before_anything_was_made_keeps_nothing(workspace):
    workspace.open_template("B2")
    workspace.save()
    assert not kept_file().exists()
    again = _again(workspace)
    again.restore()
    assert again.known_findings is None


def test_a_case_changed_since_is_a_miss(workspace):
    workspace.open_template("B2")
    workspace.rendered(), workspace.findings()
    workspace.save()
    workspace.set_value("sr_number", "SR 4")
    workspace.drafts.save_current(workspace.draft)  # a save that kept no snapshot
    again = _again(workspace)
    again.restore()
    assert again.known_findings is None


def test_the_recheck_is_quiet_when_the_snapshot_holds_and_says_when_it_does_not(workspace):
    workspace.open_template("B2")
    workspace.set_value("items", ["pls send the logs"])
    workspace.rendered(), workspace.findings()
    workspace.save()
    again = _again(workspace)
    again.restore()
    assert again.recheck_snapshot() is False
    assert again.recheck_snapshot() is False  # made now: nothing to check
    kept = kept_file().read_text("utf-8")
    stale = kept.replace('"message": "', '"message": "STALE ')  # the same key
    assert stale != kept
    kept_file().write_text(stale, "utf-8")
    third = _again(workspace)
    third.restore()
    assert third.known_findings is not None
    assert third.recheck_snapshot() is True
    assert third.known_findings == workspace.findings()
