"""`sr-tui case ...` and `render --case`: the case store from the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from test_cli import run


def show(capsys, number: str) -> dict:
    code, out, err = run(capsys, "case", "show", number, "--json")
    assert code == 0, err
    return json.loads(out)


def test_new_log_note_and_show(capsys):
    code, out, _ = run(
        capsys,
        "case",
        "new",
        "SR 3-100",
        "--title",
        "NFS hangs",
        "--requester",
        "Alice",
        "--at",
        "2026-12-01 09:00",
    )
    assert code == 0 and out.strip() == "SR 3-100"
    code, out, err = run(
        capsys,
        "case",
        "log",
        "SR 3-100",
        "B1",
        "--set",
        "items=An sosreport",
        "--set",
        "items=nfsstat -m",
        "--at",
        "2026-12-01 10:05",
    )
    assert code == 0, err
    assert run(capsys, "case", "note", "SR 3-100", "Called Alice")[0] == 0
    assert run(capsys, "case", "replied", "SR 3-100", "--at", "2 hours ago")[0] == 0
    data = show(capsys, "SR 3-100")
    assert data["case"]["title"] == "NFS hangs" and data["case"]["status"] == "waiting_customer"
    kinds = [e["kind"] for e in data["entries"]]
    assert kinds[:2] == ["email", "status"] and set(kinds[2:]) == {"note", "customer_replied"}
    email = data["entries"][0]
    assert email["data"]["channel"] == "logged" and email["data"]["template_id"] == "B1"
    assert "Information Needed for SR 3-100" in email["data"]["subject"]
    assert "- An sosreport" in email["data"]["body"]
    assert (
        datetime.fromisoformat(email["at"])
        == datetime.fromisoformat("2026-12-01T10:05").astimezone()
    )
    # The values logged are the case's now: B2 lists what B1 asked for.
    code, out, _ = run(capsys, "render", "B2", "--case", "SR 3-100")
    assert code == 0 and "SR 3-100" in out


def test_a_note_needs_text_and_an_unknown_case_is_a_usage_error(capsys):
    run(capsys, "case", "new", "SR 1")
    code, _, err = run(capsys, "case", "note", "SR 1")
    assert code == 2 and "needs its text" in err
    code, _, err = run(capsys, "case", "note", "SR 404", "x")
    assert code == 2 and "no case SR 404" in err


def test_at_in_the_future_or_unreadable_is_refused(capsys):
    run(capsys, "case", "new", "SR 2")
    future = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    code, _, err = run(capsys, "case", "note", "SR 2", "x", "--at", future)
    assert code == 2 and "in the future" in err
    code, _, err = run(capsys, "case", "note", "SR 2", "x", "--at", "last tuesday-ish")
    assert code == 2 and "is not a time" in err


def test_status_close_needs_a_reason_and_a_closed_case_reopens(capsys):
    run(capsys, "case", "new", "SR 3")
    code, _, err = run(capsys, "case", "status", "SR 3", "closed")
    assert code == 2 and "--reason" in err
    assert run(capsys, "case", "status", "SR 3", "closed", "--reason", "confirmed")[0] == 0
    assert show(capsys, "SR 3")["case"]["status"] == "closed"
    assert run(capsys, "case", "status", "SR 3", "reopen")[0] == 0
    case = show(capsys, "SR 3")["case"]
    assert case["status"] == "in_progress" and case["close_reason"] is None


def test_numbers_are_generated_without_one(capsys):
    code, out, _ = run(capsys, "case", "new", "--title", "x")
    today = datetime.now().astimezone().strftime("%Y%m%d")
    assert code == 0 and out.strip() == f"TS{today}001"
    code, out, _ = run(capsys, "case", "new")
    assert out.strip() == f"TS{today}002"


def test_list_filters_and_json(capsys):
    run(capsys, "case", "new", "SR 10", "--title", "OA login fails")
    run(capsys, "case", "new", "SR 11", "--title", "Printer jam")
    run(capsys, "case", "status", "SR 11", "closed", "--reason", "confirmed")
    code, out, _ = run(capsys, "case", "list", "--json", "--open")
    assert [r["number"] for r in json.loads(out)] == ["SR 10"]
    code, out, _ = run(capsys, "case", "list", "--search", "printer")
    assert code == 0 and "SR 11" in out and "SR 10" not in out


def test_export_import_round_trip_and_csv_headers(capsys, tmp_path, monkeypatch):
    run(capsys, "case", "new", "SR 20", "--title", "宕机")
    run(capsys, "case", "note", "SR 20", "重启后恢复")
    target = tmp_path / "all.jsonl"
    assert run(capsys, "case", "export", "--out", str(target))[0] == 0
    code, out, _ = run(capsys, "case", "export", "--format", "request-csv", "--lang", "zh")
    header = next(csv.reader(io.StringIO(out)))
    assert header[0] == "请求编号" and "紧急程度" in header
    code, out, _ = run(capsys, "case", "export", "--format", "process-csv")
    header = next(csv.reader(io.StringIO(out)))
    assert code == 0 and header[1:3] == ["Stage", "Owner"]
    monkeypatch.setenv("SR_TUI_DATA", str(tmp_path / "other"))
    code, out, _ = run(capsys, "case", "import", str(target), "--json")
    assert json.loads(out)["cases_added"] == ["SR 20"]
    code, out, _ = run(capsys, "case", "import", str(target), "--json")
    assert (
        code == 0 and json.loads(out)["cases_added"] == [] and json.loads(out)["entries_added"] == 0
    )
    assert show(capsys, "SR 20")["entries"][0]["notes"] == "重启后恢复"


def test_render_case_with_eml_logs_the_email_and_stores_the_values(capsys, tmp_path):
    code, out, err = run(
        capsys,
        "render",
        "A1",
        "--case",
        "SR 3-555",
        "--set",
        "customer_name=Bo",
        "--set",
        "timeframe=4 business hours",
        "--eml",
        str(tmp_path) + "/",
    )
    assert code == 0, err
    assert "new case SR 3-555" in err and "Logged on case SR 3-555" in err
    data = show(capsys, "SR 3-555")
    assert data["case"]["values"]["customer_name"] == "Bo"
    assert data["case"]["status"] == "accepted"
    assert [e["data"]["channel"] for e in data["entries"] if e["kind"] == "email"] == ["eml"]
    # Without a handoff nothing is logged, and the stored values fill the next email.
    code, out, _ = run(capsys, "render", "A2", "--case", "SR 3-555")
    assert "Hi Bo," in out
    assert len([e for e in show(capsys, "SR 3-555")["entries"] if e["kind"] == "email"]) == 1


def test_closing_records_keywords_resolution_root_cause_and_the_kb_flag(capsys):
    run(capsys, "case", "new", "SR 20", "--title", "服务器宕机", "--area", "network")
    code, _, err = run(
        capsys,
        "case",
        "status",
        "SR 20",
        "closed",
        "--reason",
        "confirmed",
        "--keywords",
        "宕机, NFS，挂载",
        "--resolution",
        "Restarted nfs-server and fixed /etc/exports",
        "--root-cause",
        "a typo in /etc/exports",
        "--kb",
    )
    assert code == 0, err
    case = show(capsys, "SR 20")["case"]
    assert case["status"] == "closed" and case["close_reason"] == "confirmed"
    assert case["keywords"] == ["宕机", "NFS", "挂载"]
    assert case["resolution"] == "Restarted nfs-server and fixed /etc/exports"
    assert case["root_cause"] == "a typo in /etc/exports"
    assert case["knowledge"] is True
    code, out, _ = run(capsys, "search", "宕机")
    assert code == 0 and "SR 20" in out
    code, out, _ = run(capsys, "kb", "export")
    assert code == 0 and "SR 20" in out and "Restarted nfs-server" in out


def test_archive_options_only_when_closing_and_kb_needs_a_resolution(capsys):
    run(capsys, "case", "new", "SR 21", "--title", "Printer jam")
    code, _, err = run(capsys, "case", "status", "SR 21", "in_progress", "--resolution", "x")
    assert code == 2 and "closed" in err
    code, _, err = run(capsys, "case", "status", "SR 21", "closed", "--reason", "confirmed", "--kb")
    assert code == 2 and "--resolution" in err
    assert show(capsys, "SR 21")["case"]["status"] == "new"


def test_closing_without_a_resolution_names_similar_resolved_cases(capsys):
    run(capsys, "case", "new", "SR 30", "--title", "NFS mount hangs on app01")
    args = ["case", "status", "SR 30", "closed", "--reason", "confirmed"]
    run(capsys, *args, "--resolution", "Remounted with the hard,intr options", "--keywords", "nfs")
    run(capsys, "case", "new", "SR 31", "--title", "NFS mount hangs on app02")
    code, _, err = run(capsys, "case", "status", "SR 31", "closed", "--reason", "confirmed")
    assert code == 0
    assert "no resolution" in err and "SR 30" in err and "Remounted with the hard" in err


def test_case_search_is_sr_tui_search(capsys):
    run(capsys, "case", "new", "SR 40", "--title", "OA登录失败", "--description", "连接超时")
    code, out, err = run(capsys, "case", "search", "连接", "--json")
    assert code == 0, err
    assert [hit["number"] for hit in json.loads(out)] == ["SR 40"]
