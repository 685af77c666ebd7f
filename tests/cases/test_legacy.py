"""The one-time import of today's JSON drafts (draft.json, recent-cases.json, usage.json)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from sr_tui.core.cases.legacy import IMPORT_KEY, USAGE_KEY, import_legacy
from sr_tui.core.cases.model import EntryKind, Status
from sr_tui.core.drafts import Draft, DraftStore

from .helpers import T0


@pytest.fixture
def data(tmp_path):
    """A data dir as sr-tui leaves it: a current draft, two recent cases, usage counts."""
    folder = tmp_path / "data"
    drafts = DraftStore(folder)
    drafts.archive_current(
        Draft("A1", {"sr_number": "SR 3-100", "issue_summary": "old case"}, T0 - timedelta(days=3))
    )
    drafts.archive_current(
        Draft(
            "B1",
            {"customer_name": "王波", "items": ["sosreport", "日志"], "issue_summary": "NFS"},
            T0 - timedelta(days=1),
        )
    )
    drafts.archive_current(Draft("B2", {"sr_number": "", "items": []}, T0))  # empty: kept out
    drafts.save_current(
        Draft(
            "B2",
            {
                "sr_number": " SR  3-41234567",
                "customer_email": "wang@example.com",
                "issue_summary": "the NFS hang",
            },
            T0 - timedelta(hours=1),
        )
    )
    drafts.record_use("B2")
    drafts.record_use("B2")
    return folder


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_each_draft_becomes_a_case_with_its_values(store, clock, data):
    before = _snapshot(data)
    result = import_legacy(store, clock, data, author="Ann Lee")
    assert result.ran and not result.problems
    assert sorted(result.cases) == ["SR 3-100", "SR 3-41234567", "TS20261202001"]

    current = store.get_case("SR 3-41234567")
    assert current.values["customer_email"] == "wang@example.com"
    assert (current.title, current.contact, current.status) == (
        "the NFS hang",
        "wang@example.com",
        Status.NEW,
    )
    assert current.submitted_at == T0 - timedelta(hours=1)
    (note,) = store.entries("SR 3-41234567")
    assert note.kind is EntryKind.NOTE and "B2 draft" in note.action and "draft.json" in note.action

    generated = store.get_case("TS20261202001")
    assert generated.values["items"] == ["sosreport", "日志"] and generated.requester == "王波"
    assert "recent-cases.json" in store.entries("TS20261202001")[0].action
    assert store.list_cases()[0].number == "SR 3-41234567"

    assert _snapshot(data) == before  # the JSON files stay as they were
    assert json.loads(store.get_meta(USAGE_KEY))["B2"]["count"] == 2
    assert "draft.json" in json.loads(store.get_meta(IMPORT_KEY))["files"]


def test_the_import_runs_once(store, clock, data):
    assert import_legacy(store, clock, data).ran
    DraftStore(data).save_current(Draft("A1", {"sr_number": "SR 9-9"}, T0))
    again = import_legacy(store, clock, data)
    assert not again.ran and again.cases == ()
    assert store.get_case("SR 9-9") is None and len(store.list_cases()) == 3


def test_the_same_case_in_two_files_is_imported_once(store, clock, tmp_path):
    drafts = DraftStore(tmp_path)
    drafts.archive_current(Draft("A1", {"sr_number": "SR 3-1", "issue_summary": "older"}, T0))
    drafts.save_current(Draft("A2", {"sr_number": "SR 3-1", "issue_summary": "newer"}, T0))
    result = import_legacy(store, clock, tmp_path)
    assert result.cases == ("SR 3-1",)
    assert store.get_case("SR 3-1").title == "newer"


def test_no_files_is_an_empty_import_that_still_counts(store, clock, tmp_path):
    result = import_legacy(store, clock, tmp_path / "nothing-here")
    assert result.ran and result.cases == ()
    assert not import_legacy(store, clock, tmp_path / "nothing-here").ran


def test_an_unreadable_file_is_reported_and_left_alone(store, clock, tmp_path):
    (tmp_path / "recent-cases.json").write_text("[{broken", encoding="utf-8")
    DraftStore(tmp_path).save_current(Draft("A1", {"sr_number": "SR 3-1"}, T0))
    result = import_legacy(store, clock, tmp_path)
    assert result.cases == ("SR 3-1",)
    assert len(result.problems) == 1 and "recent-cases.json" in result.problems[0]
    assert (tmp_path / "recent-cases.json").read_text(encoding="utf-8") == "[{broken"


def test_the_default_folder_is_the_data_dir(store, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_DATA", str(tmp_path))
    DraftStore(tmp_path).save_current(Draft("A1", {"sr_number": "SR 3-7"}, T0))
    assert import_legacy(store, clock).cases == ("SR 3-7",)
