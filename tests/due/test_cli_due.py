"""`sr-tui due --json`, `sr-tui calendar check`, and `case log --at 'N business days ago'`."""

from __future__ import annotations

import json

from sr_tui.cli import main


def test_due_json_after_b1_three_business_days_ago(capsys):
    assert main(["case", "new", "SR 3-41234567", "--title", "NFS hang", "--company", "Acme"]) == 0
    args = ["case", "log", "SR 3-41234567", "B1", "--set", "items=An sosreport from app01"]
    args += ["--set", "issue_summary=NFS hang", "--set", "timeframe=1 business day"]
    assert main([*args, "--at", "3 business days ago"]) == 0
    capsys.readouterr()
    assert main(["due", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    first = rows[0]
    assert (first["case"], first["template"], first["overdue"]) == ("SR 3-41234567", "B2", True)
    assert first["reason"].startswith("B2: no reply since B1 on ")
    assert first["values"] == {"items": ["An sosreport from app01"]}
    assert "T" in first["due"]  # ISO 8601


def test_calendar_check_exits_1_on_problems(capsys, tmp_path, monkeypatch):
    path = tmp_path / "calendar.toml"
    monkeypatch.setenv("SR_TUI_CALENDAR", str(path))
    assert main(["calendar", "check"]) == 0
    path.write_text('timezone = "Mars/Base"\n[holidays]\n2027-02-11 = "春节"\n', encoding="utf-8")
    assert main(["calendar", "check"]) == 1
    assert "Mars/Base" in capsys.readouterr().out
    assert main(["calendar", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(path)


def test_render_warns_on_stderr_and_exits_0(capsys):
    assert main(["render", "A1", "--set", "timeframe=by Friday"]) == 0
    err = capsys.readouterr().err
    assert "timeframe: 'by Friday' after 'within'" in err


def test_due_text_rows_name_the_customer(capsys):
    assert main(["case", "new", "SR 3-7", "--title", "NFS hang", "--company", "Acme Ltd"]) == 0
    args = ["case", "log", "SR 3-7", "B1", "--set", "items=An sosreport"]
    assert main([*args, "--at", "3 business days ago"]) == 0
    capsys.readouterr()
    assert main(["due"]) == 0
    lines = capsys.readouterr().out.splitlines()
    chase = next(line for line in lines if " B2 " in line)
    assert "SR 3-7" in chase and "Acme Ltd" in chase and "B2: no reply since B1 on " in chase
