"""JSONL export and import (lossless, idempotent) and the seed's tables as CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta, timezone

import pytest

from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.export import (
    cases,
    export_jsonl,
    import_jsonl,
    records,
    write_process_csv,
    write_request_csv,
)
from sr_tui.core.cases.model import EntryKind

from .helpers import a_case, email_entry, entry_of_kind, full_case

BEIJING = timezone(timedelta(hours=8))

REQUEST_ZH = [
    "请求编号",
    "请求主题",
    "请求人/客户名称",
    "联系方式",
    "提交时间",
    "紧急程度",
    "所属场景",
    "问题分类",
    "问题描述",
    "相关附件",
    "受理人",
    "受理时间",
]
REQUEST_EN = [
    "Request number",
    "Subject",
    "Requester / customer",
    "Contact",
    "Submitted",
    "Urgency",
    "Scenario",
    "Category",
    "Description",
    "Attachments",
    "Assignee",
    "Accepted",
]
PROCESS_ZH = ["工单编号", "处理阶段", "负责人", "时间节点", "操作内容", "备注"]
PROCESS_EN = ["Case number", "Stage", "Owner", "Time", "Action", "Notes"]


@pytest.fixture
def filled(store, clock):
    """Two cases; the first with an entry of every kind, a status move and a reopen."""
    store.create_case(full_case(clock, "SR 3-41234567"))
    for kind in EntryKind:
        if kind is not EntryKind.STATUS:
            clock.advance(minutes=3)
            store.append_entry(entry_of_kind(kind, "SR 3-41234567", clock))
    store.set_status("SR 3-41234567", "closed", reason="confirmed")
    store.set_status("SR 3-41234567", "in_progress")
    store.create_case(a_case(clock, ""))
    return store


def test_jsonl_round_trip_gives_equal_cases_and_entries(filled, store_factory, tmp_path):
    out = io.StringIO()
    assert export_jsonl(filled, out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["format"] == 1 for line in lines)
    empty = store_factory(location=tmp_path / "empty")
    result = import_jsonl(empty, lines)
    assert len(result.cases_added) == 2
    assert list(records(empty)) == list(records(filled))


def test_importing_twice_creates_no_duplicates(filled, store_factory, tmp_path):
    out = io.StringIO()
    export_jsonl(filled, out)
    other = store_factory(location=tmp_path / "other")
    import_jsonl(other, io.StringIO(out.getvalue()))
    again = import_jsonl(other, io.StringIO(out.getvalue()))
    assert again.cases_added == () and again.entries_added == 0
    assert list(records(other)) == list(records(filled))


def test_a_bad_line_names_itself_and_imports_nothing(filled, store_factory, tmp_path):
    out = io.StringIO()
    export_jsonl(filled, out)
    lines = out.getvalue().splitlines()
    lines.insert(1, '{"format": 1, "case": {"number": "SR 9"}}')
    target = store_factory(location=tmp_path / "t")
    with pytest.raises(StoreError) as caught:
        import_jsonl(target, lines, source="cases.jsonl")
    assert "cases.jsonl, line 2" in caught.value.user_message
    assert target.list_cases() == []


def _read_csv(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(("lang", "expected"), [("zh", REQUEST_ZH), ("en", REQUEST_EN)])
def test_request_record_headers(filled, lang, expected):
    out = io.StringIO()
    write_request_csv(cases(filled), out, lang=lang)
    assert _read_csv(out.getvalue())[0] == expected


@pytest.mark.parametrize(("lang", "expected"), [("zh", PROCESS_ZH), ("en", PROCESS_EN)])
def test_process_record_headers(filled, lang, expected):
    out = io.StringIO()
    write_process_csv(filled.entries("SR 3-41234567"), out, lang=lang)
    assert _read_csv(out.getvalue())[0] == expected


def test_request_record_rows_read_like_the_seed(filled):
    out = io.StringIO()
    write_request_csv([filled.get_case("SR 3-41234567")], out, lang="zh", tz=BEIJING)
    row = dict(zip(REQUEST_ZH, _read_csv(out.getvalue())[1], strict=True))
    assert row["请求编号"] == "SR 3-41234567"
    assert row["请求人/客户名称"] == "Acme 物流 / 王波"
    assert row["提交时间"] == "2026-12-02 09:15"
    assert row["受理时间"] == "2026-12-02 09:30"
    assert row["紧急程度"] == "高（核心业务无法使用）"
    assert row["所属场景"] == "紧急"
    assert row["问题分类"] == "数据安全；优先级：高"
    assert row["相关附件"] == "订单错误截图.zip"


def test_process_record_rows_describe_each_entry(filled):
    out = io.StringIO()
    write_process_csv(filled.entries("SR 3-41234567"), out, lang="zh", tz=BEIJING)
    rows = _read_csv(out.getvalue())[1:]
    assert [r[0] for r in rows] == ["SR 3-41234567"] * 7
    actions = [r[4] for r in rows]
    # Entries with an action keep it; an email's and a status move's are described.
    assert actions[1:5] == [
        "note logged",
        "call logged",
        "customer_replied logged",
        "attachment logged",
    ]
    assert actions[0] == "邮件 B1（复制）：SR 3-41234567 Request for more information"
    assert actions[5:] == ["状态变更：已受理 → 已关闭（客户确认）", "状态变更：已关闭 → 处理中"]
    assert rows[0][5] == "承诺：4 business hours"
    assert rows[1][5] == "客户表示影响当日订单处理"
    assert rows[1][3] == "2026-12-02 09:36" and rows[1][1] == "初步响应"
    assert rows[6][1] == "问题诊断" and rows[6][2] == "Ann"


def test_email_rows_without_an_action_say_what_went_out(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    store.append_entry(email_entry("SR 3-1", clock, template_id="B4"))
    out = io.StringIO()
    write_process_csv(store.entries("SR 3-1"), out, lang="en", tz=BEIJING)
    row = _read_csv(out.getvalue())[1]
    assert row[4] == "Email B4 (copied): SR 3-1 Request for more information"
    assert row[1] == "Diagnosis"
    assert row[5] == "Promised: 4 business hours"


def test_cells_that_look_like_formulas_are_defused(store, clock):
    store.create_case(a_case(clock, "SR 3-1", title='=HYPERLINK("http://x")', contact="+86 21"))
    out = io.StringIO()
    write_request_csv(cases(store), out)
    row = _read_csv(out.getvalue())[1]
    assert row[1] == '\'=HYPERLINK("http://x")' and row[3] == "'+86 21"
