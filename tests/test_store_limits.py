"""The draft store and the Workspace with hostile files (issue 11, items 5, 12, 14, 15)."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime

import pytest

from sr_tui.core.clock import FixedClock
from sr_tui.core.drafts import MAX_STATE_BYTES, Draft, DraftStore
from sr_tui.core.templates.render import MAX_VALUE_CHARS
from sr_tui.workspace import Workspace


@pytest.fixture
def store(tmp_path) -> DraftStore:
    return DraftStore(tmp_path / "data", FixedClock(datetime(2025, 3, 14, 9, 30, tzinfo=UTC)))


def aside(store: DraftStore, what: str) -> list[str]:
    return sorted(p.name for p in store.directory.iterdir() if f"-{what}-" in p.name)


def test_a_50_mb_draft_is_not_restored_and_is_kept_aside(store):
    store.directory.mkdir()
    big = json.dumps({"template_id": "A1", "values": {"sr_number": "x" * 50_000_000}})
    store.current_path.write_text(big, encoding="utf-8")
    assert store.load_current() is None
    (problem,) = store.problems
    assert "was not read" in problem and f"larger than {MAX_STATE_BYTES:,} bytes" in problem
    (kept,) = aside(store, "unreadable")
    assert (store.directory / kept).stat().st_size == len(big)  # nothing lost


def test_a_value_too_long_to_render_is_cut_and_the_whole_draft_kept(store):
    store.directory.mkdir()
    values = {"sr_number": "SR 1", "issue_summary": "y" * (MAX_VALUE_CHARS + 5)}
    original = json.dumps({"template_id": "B2", "values": values})
    store.current_path.write_text(original, encoding="utf-8")
    draft = store.load_current()
    assert draft is not None and len(draft.values["issue_summary"]) == MAX_VALUE_CHARS
    assert draft.values["sr_number"] == "SR 1"
    (problem,) = store.problems
    assert f"'issue_summary' was {MAX_VALUE_CHARS + 5:,} characters" in problem
    (kept,) = aside(store, "cut")
    assert (store.directory / kept).read_text(encoding="utf-8") == original
    assert store.load_current() == draft  # what was restored is the draft now


def test_a_draft_nested_fifty_thousand_deep_is_set_aside(store):
    store.directory.mkdir()
    store.current_path.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    assert store.load_current() is None
    assert "nested too deeply" in store.problems[0]
    assert aside(store, "unreadable")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_draft_does_not_block_the_start(store):
    store.directory.mkdir()
    os.mkfifo(store.current_path)
    done = threading.Event()
    threading.Thread(target=lambda: (store.load_current(), done.set()), daemon=True).start()
    assert done.wait(5), "load_current blocked on a FIFO"
    assert "named pipe" in store.problems[0]


def test_problems_met_later_go_to_the_listener(store):
    heard: list[str] = []
    store.on_problem = heard.append
    store.directory.mkdir()
    store.recent_path.write_text("{not json", encoding="utf-8")
    assert store.recent() == []
    assert len(heard) == 1 and "recent-cases.json could not be read" in heard[0]
    assert store.problems == []  # told, not queued
    store.usage_path.write_text("[[[", encoding="utf-8")
    store.record_use("A1")
    assert len(heard) == 2 and "usage.json" in heard[1]


def test_the_workspace_passes_queued_and_later_problems_on(catalog, store):
    store.directory.mkdir()
    store.state_path.write_text("nope", encoding="utf-8")
    store.flag("asked")  # a problem before anyone listens
    workspace = Workspace(catalog, drafts=store, system_clipboard=None)
    heard: list[str] = []
    workspace.report_problems_to(heard.append)
    assert len(heard) == 1 and "state.json" in heard[0]
    store.usage_path.write_text("]", encoding="utf-8")
    workspace.open_template("B2")
    workspace.set_value("sr_number", "SR 1")
    workspace.save()  # records the template's use: reads usage.json
    assert len(heard) == 2 and "usage.json" in heard[1]


def test_a_draft_of_a_template_that_is_gone_keeps_its_values(catalog, store):
    store.save_current(Draft("Z9", {"sr_number": "SR 3-1", "customer_name": "Alice"}))
    workspace = Workspace(catalog, drafts=store, system_clipboard=None)
    draft = workspace.restore()
    assert draft is not None and workspace.missing_template == "Z9"
    assert workspace.template is None and workspace.draft.values["sr_number"] == "SR 3-1"
    workspace.open_template("B2")
    assert workspace.missing_template is None
    assert "SR 3-1" in workspace.email().text
