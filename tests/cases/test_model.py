"""The case model: enum coercion, aware times, details matching kinds; moves; labels."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from sr_tui.core.cases import labels
from sr_tui.core.cases.model import (
    Case,
    CloseReason,
    EmailDetail,
    Entry,
    EntryKind,
    Scenario,
    Stage,
    Status,
)
from sr_tui.core.cases.moves import stage_for_status, suggested_stage, suggested_status

from .helpers import ATTACHMENT, T0

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_enum_fields_take_their_text_and_lists_become_tuples():
    case = Case.new(
        "SR 1",
        now=T0,
        status="closed",
        close_reason="confirmed",
        scenario="urgent",
        keywords=["a", "b"],
        attachments=[ATTACHMENT],
    )
    assert case.status is Status.CLOSED and case.close_reason is CloseReason.CONFIRMED
    assert case.scenario is Scenario.URGENT and case.keywords == ("a", "b")
    assert case.attachments == (ATTACHMENT,)
    with pytest.raises(ValueError):
        Case.new("SR 1", now=T0, status="lost")


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        Case.new("SR 1", now=datetime(2026, 12, 2, 9, 30))
    with pytest.raises(ValueError, match="timezone-aware"):
        Entry.new("SR 1", "note", at=datetime(2026, 12, 2), stage="diagnosis")


def test_an_entry_carries_the_detail_of_its_kind():
    mail = EmailDetail(template_id="A1", subject="s", body="b", channel="copy")
    entry = Entry.new("SR 1", "email", at=T0, stage="initial_response", detail=mail)
    assert entry.email is mail and entry.status_change is None and len(entry.id) == 36
    with pytest.raises(ValueError):
        Entry.new("SR 1", "email", at=T0, stage="diagnosis")
    with pytest.raises(ValueError):
        Entry.new("SR 1", "note", at=T0, stage="diagnosis", detail=mail)
    with pytest.raises(ValueError):
        Entry.new("SR 1", "attachment", at=T0, stage="diagnosis", detail=mail)


@pytest.mark.parametrize(
    ("template_id", "expected"),
    [
        ("A1", (Status.ACCEPTED, None)),
        ("B1", (Status.WAITING_CUSTOMER, None)),
        ("B3", (Status.WAITING_CUSTOMER, None)),
        ("B7", (Status.WAITING_CUSTOMER, None)),
        ("H2", (Status.WAITING_DEVELOPMENT, None)),
        ("D1", (Status.AWAITING_CONFIRMATION, None)),
        ("E1", (Status.CLOSED, CloseReason.CONFIRMED)),
        ("E2", (Status.CLOSED, CloseReason.CONFIRMED)),
        ("e3", (Status.CLOSED, CloseReason.INACTIVITY)),
        ("E4", (Status.CLOSED, CloseReason.NO_RESPONSE)),
        ("B2", None),
        ("A2", None),
    ],
)
def test_the_status_a_template_suggests(template_id, expected):
    assert suggested_status(template_id) == expected


def test_e_templates_close_for_the_reason_their_title_gives():
    titles = {
        tid: tomllib.loads(next(TEMPLATES.glob(f"{tid}-*.toml")).read_text("utf-8"))["title"]
        for tid in ("E1", "E2", "E3", "E4")
    }
    reasons = {tid: suggested_status(tid)[1] for tid in titles}
    assert "inactivity" in titles["E3"].lower() and reasons["E3"] is CloseReason.INACTIVITY
    assert "no response" in titles["E4"].lower() and reasons["E4"] is CloseReason.NO_RESPONSE
    assert "resolved" in titles["E1"].lower() and reasons["E1"] is CloseReason.CONFIRMED


def test_stages_for_templates_and_statuses():
    assert suggested_stage("A1") is Stage.INITIAL_RESPONSE
    assert suggested_stage("H3") is Stage.SOLUTION
    assert suggested_stage("E4") is Stage.ARCHIVE
    assert all(isinstance(stage_for_status(s), Stage) for s in Status)


@pytest.mark.parametrize(
    ("table", "keys"),
    [
        (labels.STATUS_LABELS, list(Status)),
        (labels.CLOSE_REASON_LABELS, list(CloseReason)),
        (labels.SCENARIO_LABELS, list(Scenario)),
        (labels.STAGE_LABELS, list(Stage)),
        (labels.KIND_LABELS, list(EntryKind)),
        (labels.FIELD_LABELS, [f for f in labels.FIELD_LABELS["en"]]),
        (labels.FIELD_HELP, [f for f in labels.FIELD_LABELS["en"]]),
    ],
)
def test_every_label_exists_in_both_languages(table, keys):
    for lang in labels.LANGS:
        assert set(table[lang]) == {str(k) for k in keys}, lang
        assert all(table[lang][str(k)].strip() for k in keys)


def test_field_labels_cover_the_case_record():
    editable = {f for f in Case.__dataclass_fields__} - {
        "values",
        "created_at",
        "updated_at",
        "updated_by",
        "last_activity_at",
        "version",
    }
    assert set(labels.FIELD_LABELS["en"]) == editable
    assert labels.label(labels.FIELD_LABELS, "number", "zh") == "请求编号"
    assert labels.label(labels.AREA_LABELS, "storage", "zh") == "storage"  # a user's own area
