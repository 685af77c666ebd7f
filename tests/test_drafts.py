"""Drafts: saved atomically, restored, recent cases, usage; unreadable files kept aside."""

from __future__ import annotations

from datetime import datetime, timedelta

from sr_tui.core.drafts import MAX_RECENT, Draft, DraftStore


def test_save_and_load_round_trip(tmp_path):
    store = DraftStore(tmp_path)
    draft = Draft("B1", {"sr_number": "SR 3-1", "items": ["a", "b"], "customer_name": "王波"})
    store.save_current(draft)
    loaded = DraftStore(tmp_path).load_current()
    assert loaded.template_id == "B1" and loaded.values == draft.values
    assert loaded.saved_at == draft.saved_at


def test_describe_names_template_case_and_time():
    at = datetime.now().astimezone().replace(hour=10, minute=42)
    assert (
        Draft("B2", {"sr_number": "SR 3-1234567"}, at).describe()
        == "B2 draft for SR 3-1234567 from 10:42"
    )
    yesterday = at - timedelta(days=1)
    assert Draft("B2", {}, yesterday).describe() == f"B2 draft from {yesterday:%d %b} 10:42"


def test_an_unreadable_draft_is_kept_aside_and_reported(tmp_path):
    (tmp_path / "draft.json").write_text("{not json", encoding="utf-8")
    store = DraftStore(tmp_path)
    assert store.load_current() is None
    assert "could not be read" in store.problems[0]
    kept = list(tmp_path.glob("draft-unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"


def test_wrong_shapes_are_dropped_not_fatal(tmp_path):
    (tmp_path / "draft.json").write_text(
        '{"template_id": "A1", "values": {"sr_number": "SR 1", "bad": 3, "items": ["x", 2]}, "saved_at": "?"}',
        encoding="utf-8",
    )
    draft = DraftStore(tmp_path).load_current()
    assert draft.values == {"sr_number": "SR 1"}


def test_recent_cases_newest_first_and_bounded(tmp_path):
    store = DraftStore(tmp_path)
    store.archive_current(Draft("A1", {}))  # empty: nothing to keep
    assert store.recent() == []
    for n in range(MAX_RECENT + 2):
        store.archive_current(Draft("A1", {"sr_number": f"SR {n}"}))
    recent = store.recent()
    assert len(recent) == MAX_RECENT and recent[0].sr_number == f"SR {MAX_RECENT + 1}"
    taken = store.take_recent(0)
    assert taken.sr_number == f"SR {MAX_RECENT + 1}" and len(store.recent()) == MAX_RECENT - 1


def test_usage_orders_recent_then_frequent(tmp_path):
    store = DraftStore(tmp_path)
    for template_id in ["B2", "B2", "B2", "A1", "C1", "E3", "D2"]:
        store.record_use(template_id)
    preferred = store.preferred_templates(recent=2, frequent=2)
    assert preferred[:2] == ["D2", "E3"]
    assert preferred[2] == "B2"
    assert len(preferred) == 4


def test_flags_persist(tmp_path):
    store = DraftStore(tmp_path)
    assert not store.flag("asked_for_name")
    store.set_flag("asked_for_name")
    assert DraftStore(tmp_path).flag("asked_for_name")


def test_an_edited_email_round_trips_and_old_files_still_load(tmp_path):
    store = DraftStore(tmp_path)
    draft = Draft(
        "B2", {"sr_number": "SR 1"}, edited_text="Subject: x\n\nHi,", edited_template="B2"
    )
    store.save_current(draft)
    loaded = DraftStore(tmp_path).load_current()
    assert (loaded.edited_text, loaded.edited_template) == ("Subject: x\n\nHi,", "B2")
    assert loaded.typed_only and loaded.has_content
    # A file from before (no format, no edit) loads as it always did.
    (tmp_path / "draft.json").write_text(
        '{"template_id": "A1", "values": {"sr_number": "SR 2"}, "saved_at": "2026-01-01T10:00:00"}',
        encoding="utf-8",
    )
    old = DraftStore(tmp_path).load_current()
    assert old.values == {"sr_number": "SR 2"} and old.edited_text is None
    assert not old.typed_only
