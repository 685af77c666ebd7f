"""`sr-tui search`, `sr-tui kb export` and `sr-tui review` on the case store in the data
dir (SR_TUI_DATA, a fresh tmp dir for every test)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from sr_tui.cli import main
from sr_tui.core import locations
from sr_tui.core.cases.model import Case, Channel, CloseReason, EmailDetail, Entry, Status
from sr_tui.core.cases.sqlite_store import SqliteCaseStore
from sr_tui.core.clock import FixedClock

NOV = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cases():
    clock = FixedClock(NOV)
    with SqliteCaseStore(locations.data_dir() / "cases.db", clock, actor="Sam") as store:
        store.create_case(
            Case.new(
                "SR 1",
                now=NOV,
                title="无法登录OA系统",
                keywords=("OA登录", "权限配置"),
                area="software",
                resolution="重新分配角色权限",
                root_cause="权限配置错误",
                knowledge=True,
            )
        )
        mail = EmailDetail(
            template_id="A1", subject="SR 1 Received", body="We are on it.", channel=Channel.COPY
        )
        store.append_entry(
            Entry.new(
                "SR 1", "email", at=NOV + timedelta(hours=1), stage="initial_response", detail=mail
            )
        )
        store.set_status(
            "SR 1", Status.CLOSED, reason=CloseReason.CONFIRMED, at=NOV + timedelta(days=1)
        )
        store.create_case(
            Case.new("SR 2", now=NOV + timedelta(days=2), title="NFS hang", area="network")
        )
        store.append_entry(
            Entry.new(
                "SR 2",
                "note",
                at=NOV + timedelta(days=2, hours=1),
                stage="diagnosis",
                notes="服务器宕机",
            )
        )
    return locations.data_dir() / "cases.db"


def test_search_prints_each_hit_with_its_snippet(capsys, cases):
    code, out, err = run(capsys, "search", "宕机")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("SR 2  New  2026-11-12  NFS hang")
    assert lines[1] == "    Note: 服务器宕机"


def test_search_json_has_the_spans(capsys, cases):
    code, out, _ = run(capsys, "search", "OA", "status:closed", "--json")
    [hit] = json.loads(out)
    assert code == 0 and hit["number"] == "SR 1" and hit["status"] == "closed"
    snippet = hit["snippet"]
    assert snippet["field"] == "title" and snippet["text"] == "无法登录OA系统"
    assert [snippet["text"][s:e] for s, e in snippet["spans"]] == ["OA"]
    assert hit["fields"] == ["title", "keywords"]


def test_search_exclusions_after_the_first_word_and_after_dashes(capsys, cases):
    assert json.loads(run(capsys, "search", "NFS", "-宕机", "--json")[1]) == []
    code, out, _ = run(capsys, "search", "--json", "--", "-宕机", "--limit", "5")
    assert code == 0 and [h["number"] for h in json.loads(out)] == ["SR 1"]  # all but SR 2
    code, out, _ = run(capsys, "search", "--", "-NFS", "--json")
    assert [h["number"] for h in json.loads(out)] == ["SR 1"]


def test_search_usage_errors(capsys, cases):
    code, _, err = run(capsys, "search", "status:bogus")
    assert code == 2 and "status:bogus is not understood" in err
    code, _, err = run(capsys, "search", "nfs", "--limit", "x")
    assert code == 2 and "--limit takes a number" in err
    code, _, err = run(capsys, "search")
    assert code == 2 and "give something to search for" in err


def test_search_without_hits(capsys, cases):
    code, out, err = run(capsys, "search", "printer")
    assert code == 0 and out == "" and "No case matches" in err


def test_kb_export_writes_the_handbook(capsys, cases, tmp_path):
    target = tmp_path / "handbook.md"
    code, _, err = run(capsys, "kb", "export", "--out", str(target), "--lang", "zh")
    text = target.read_text(encoding="utf-8")
    assert code == 0 and "1 knowledge-base cases" in err
    assert text.startswith("# 常见问题手册") and "### 无法登录OA系统" in text and "SR 1" in text
    code, out, _ = run(capsys, "kb", "export")
    assert code == 0 and out.startswith("# Frequent problems handbook")


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "text"])
def test_review_in_each_format(capsys, cases, fmt):
    code, out, err = run(capsys, "review", "--month", "2026-11", "--format", fmt)
    assert code == 0, err
    if fmt == "json":
        data = json.loads(out)
        assert (data["month"], data["opened"], data["closed"]) == ("2026-11", 2, 1)
        assert data["templates_used"] == {"A1": 1}
        assert data["business_time"] in ("calendar", "wall")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["section", "name", "measure", "value"]
        assert ["summary", "opened", "cases", "2"] in rows
    elif fmt == "md":
        assert out.startswith("# Monthly review 2026-11") and "**Opened** 2" in out
    else:
        assert "Opened 2   Closed 1   Reopened 0" in out


def test_review_to_a_file_and_its_usage_errors(capsys, cases, tmp_path):
    target = tmp_path / "review.md"
    code, _, err = run(
        capsys, "review", "--month", "2026-11", "--format", "md", "--out", str(target)
    )
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# Monthly review")
    code, _, err = run(capsys, "review", "--month", "2026-13")
    assert code == 2 and "YYYY-MM" in err
