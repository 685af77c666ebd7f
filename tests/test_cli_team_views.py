"""The team's commands under `sr-tui case` and the "my cases" / "team" views of the case
list, the due queue and the monthly review (issue 16), on the local case store."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from sr_tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


#: The 10th of last month: the cases are last month's (the review's month) and overdue.
DAY = (date.today().replace(day=1) - timedelta(days=1)).replace(day=10)
MONTH = DAY.strftime("%Y-%m")


@pytest.fixture
def team(capsys):
    """Three cases: SR 3-1 and SR 3-3 are Ann's (the engineer running the commands), SR 3-2
    is Bob's."""
    assert run(capsys, "config", "set", "your_name", "Ann Lee")[0] == 0
    for number, title, who in (
        ("SR 3-1", "NFS hang on app01", "Ann Lee"),
        ("SR 3-2", "OA login fails", "Bob Chen"),
        ("SR 3-3", "Disk full on db02", "Ann Lee"),
    ):
        argv = ["case", "new", number, "--title", title, "--assignee", who, "--at", f"{DAY} 10:00"]
        assert run(capsys, *argv)[0] == 0


def test_case_assign_hands_a_case_over(capsys, team):
    code, out, err = run(capsys, "case", "assign", "SR 3-1", "Bob Chen", "--note", "Ann is away")
    assert (code, out) == (0, "SR 3-1: assigned to Bob Chen (was Ann Lee)\n"), err
    code, _, err = run(capsys, "case", "assign", "SR 3-3", "Bob Chn")
    assert code == 2 and "did you mean Bob Chen?" in err
    code, out, _ = run(capsys, "case", "assign", "SR 3-2")  # no NAME: take it yourself
    assert (code, out) == (0, "SR 3-2: assigned to Ann Lee (was Bob Chen)\n")
    code, out, _ = run(capsys, "case", "show", "SR 3-1", "--json")
    shown = json.loads(out)
    assert shown["case"]["assignee"] == "Bob Chen"
    assert shown["entries"][-1]["action"] == "assigned to Bob Chen"
    assert run(capsys, "case", "assign", "SR 404", "Bob Chen")[0] == 2


def test_case_list_of_my_cases_and_of_someone(capsys, team):
    code, out, _ = run(capsys, "case", "list", "--mine", "--json")
    assert code == 0 and sorted(r["number"] for r in json.loads(out)) == ["SR 3-1", "SR 3-3"]
    code, out, _ = run(capsys, "case", "list", "--assignee", "Bob  Chen")
    assert code == 0 and out.split()[:2] == ["SR", "3-2"] and len(out.splitlines()) == 1
    code, out, _ = run(capsys, "case", "list")  # the team's
    assert len(out.splitlines()) == 3 and "Bob Chen" in out and "Ann Lee" in out
    assert run(capsys, "case", "list", "--mine", "--assignee", "Bob Chen")[0] == 2


def test_due_of_my_cases_and_of_the_team(capsys, team):
    code, out, _ = run(capsys, "due", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["case"] for r in rows} == {"SR 3-1", "SR 3-2", "SR 3-3"}
    assert {r["case"]: r["assignee"] for r in rows}["SR 3-2"] == "Bob Chen"
    code, out, _ = run(capsys, "due", "--mine", "--json")
    assert code == 0 and {r["case"] for r in json.loads(out)} == {"SR 3-1", "SR 3-3"}
    code, out, _ = run(capsys, "due", "--assignee", "Bob Chen")
    assert code == 0 and "SR 3-2" in out and "SR 3-1" not in out
    code, out, _ = run(capsys, "due")  # the team's rows say whose case each is
    bob = [line for line in out.splitlines() if "SR 3-2" in line]
    assert bob and all("Bob Chen" in line for line in bob)


def test_review_of_my_cases_and_of_the_team(capsys, team):
    month = MONTH
    code, out, _ = run(capsys, "review", "--month", month, "--format", "json")
    assert code == 0 and json.loads(out)["opened"] == 3 and json.loads(out)["assignee"] is None
    code, out, _ = run(capsys, "review", "--month", month, "--format", "json", "--mine")
    data = json.loads(out)
    assert (data["opened"], data["assignee"]) == (2, "Ann Lee")
    assert list(data["by_assignee"]) == ["Ann Lee"]
    code, out, _ = run(capsys, "review", "--month", month, "--assignee", "Bob Chen")
    assert code == 0 and out.splitlines()[0].endswith("Bob Chen's cases")


def test_my_views_need_your_name(capsys):
    for argv in (("case", "list", "--mine"), ("due", "--mine"), ("review", "--mine")):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "your_name" in err, argv
