"""Filling the calendar file: comments, order and shapes kept, only new dates added, a
second run adds nothing; the `holidays` package (an optional extra) for China's holidays
and working weekends."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sr_tui.core.cases.calendar_file import load_calendar
from sr_tui.core.cases.holiday_fill import FillError, fill, merge

needs_tomlkit = pytest.mark.skipif(
    importlib.util.find_spec("tomlkit") is None, reason="tomlkit is not installed"
)
needs_holidays = pytest.mark.skipif(
    importlib.util.find_spec("holidays") is None,
    reason="the holidays package (pip install 'sr-tui[holidays]') is not installed",
)
UTC = ZoneInfo("UTC")

USER_FILE = """\
# Team calendar - edited by hand, keep my notes!
timezone = "Asia/Shanghai"   # Beijing time

[hours]
weekdays = ["09:00-12:00", "13:00-18:00"]  # lunch at noon

[holidays]
# company days
2026-06-01 = "Team day"  # our own
2026-01-01 = "元旦"

[workdays]
2026-01-04 = "New Year make-up"
"""


@needs_tomlkit
def test_merge_keeps_comments_and_order_and_is_idempotent(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    holidays = {date(2026, 1, 1): "New Year's Day", date(2026, 2, 17): "Spring Festival"}
    workdays = {date(2026, 1, 4): "make-up workday", date(2026, 2, 14): "make-up workday"}
    summary = merge(path, holidays, workdays)
    assert (summary.holidays_added, summary.workdays_added) == (1, 1)
    text = path.read_text(encoding="utf-8")
    # everything the user wrote is still there, in the same order, before the additions
    lines = USER_FILE.splitlines()
    positions = [text.splitlines().index(line) for line in lines if line]
    assert positions == sorted(positions)
    assert '2026-01-01 = "元旦"' in text  # not replaced by the package's name
    assert '2026-02-17 = "Spring Festival"' in text
    assert '2026-02-14 = "make-up workday"' in text
    cal, problems = load_calendar(path, default_tz=UTC)
    assert problems == []
    assert not cal.is_working_day(date(2026, 2, 17))
    assert cal.is_working_day(date(2026, 2, 14))
    # a second run adds nothing and does not touch the file
    again = merge(path, holidays, workdays)
    assert (again.holidays_added, again.workdays_added) == (0, 0)
    assert path.read_text(encoding="utf-8") == text


@needs_tomlkit
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'holidays = [\n    {date = 2026-01-01, name = "x"},  # mine\n]\n',
            ['{date = 2026-01-01, name = "x"},  # mine', '{date = 2026-02-17, name = "New"}'],
        ),
        ("holidays = [2026-01-01]\n", ["2026-01-01,", '{date = 2026-02-17, name = "New"}']),
        (
            '[[holidays]]\ndate = 2026-01-01\nname = "x"\n',
            ["[[holidays]]", "date = 2026-02-17", 'name = "New"'],
        ),
        ("# nothing yet\n", ["# nothing yet", "holidays = [", '{date = 2026-02-17, name = "New"}']),
    ],
)
def test_merge_writes_in_the_shape_the_file_uses(tmp_path, text, expected):
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    added = merge(path, {date(2026, 1, 1): "x", date(2026, 2, 17): "New"}, {}).holidays_added
    assert added == (2 if text.startswith("#") else 1)
    out = path.read_text(encoding="utf-8")
    for piece in expected:
        assert piece in out, out
    cal, problems = load_calendar(path, default_tz=UTC)
    assert problems == [] and set(cal.holidays) == {date(2026, 1, 1), date(2026, 2, 17)}


@needs_tomlkit
def test_merge_creates_a_missing_file_and_skips_clashes(tmp_path):
    path = tmp_path / "sub" / "calendar.toml"
    summary = merge(path, {date(2026, 2, 17): "春节"}, {date(2026, 2, 16): "调休"})
    assert path.read_text(encoding="utf-8").startswith("# sr-tui business calendar")
    assert (summary.holidays_added, summary.workdays_added) == (1, 0)
    assert any("already a working day" in s for s in summary.skipped)  # 16 Feb is a Monday


@needs_tomlkit
def test_a_broken_file_is_left_alone(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text("holidays = [\n", encoding="utf-8")
    with pytest.raises(FillError, match="not changed"):
        merge(path, {date(2026, 2, 17): "春节"}, {})
    assert path.read_text(encoding="utf-8") == "holidays = [\n"


@needs_tomlkit
@needs_holidays
def test_fill_china_with_working_weekends(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    summary = fill(path, "CN", 2026, language="zh_CN")
    # 2026: 22 days off, one (1 January) already in the file; six working weekends, one in it
    assert (summary.holidays_added, summary.workdays_added) == (21, 5)
    assert (summary.country, summary.year) == ("CN", 2026)
    assert "added 21 holidays and 5 make-up workdays for CN 2026" in str(summary)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Team calendar - edited by hand, keep my notes!")
    assert "# lunch at noon" in text and '2026-01-01 = "元旦"' in text
    assert '2026-02-17 = "春节"' in text
    assert '2026-02-28 = "调休上班"' in text
    cal, problems = load_calendar(path, default_tz=UTC)
    assert problems == []
    assert cal.is_working_day(date(2026, 2, 14)) and cal.is_working_day(date(2026, 2, 28))
    assert not cal.is_working_day(date(2026, 10, 1))
    again = fill(path, "CN", 2026, language="zh_CN")
    assert (again.holidays_added, again.workdays_added) == (0, 0)
    assert path.read_text(encoding="utf-8") == text


@needs_tomlkit
@needs_holidays
def test_fill_says_when_the_package_has_no_make_up_days_and_refuses_unknown_countries(
    tmp_path,
):
    path = tmp_path / "calendar.toml"
    summary = fill(path, "nz", 2026)
    assert summary.holidays_added > 5 and summary.workdays_added == 0
    assert summary.notes == ()
    with pytest.raises(FillError, match="no calendar for 'XX'"):
        fill(path, "XX", 2026)


def test_fill_without_the_package_says_how_to_install_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_holidays(name, *args, **kwargs):
        if name == "holidays":
            raise ImportError("No module named 'holidays'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_holidays)
    with pytest.raises(FillError, match=r"pip install 'sr-tui\[holidays\]'"):
        fill(tmp_path / "calendar.toml", "CN", 2026)
    assert not (tmp_path / "calendar.toml").exists()


def test_the_module_imports_neither_package_at_import_time():
    source = Path(__import__("sr_tui.core.cases.holiday_fill").__file__).parent
    text = (source / "core" / "cases" / "holiday_fill.py").read_text(encoding="utf-8")
    top = text.split("\ndef ", 1)[0]
    assert "import holidays" not in top and "import tomlkit" not in top
