"""The calendar file: every shape it may take, broken entries reported with their line
and skipped, good ones kept, the file never written; `show` and `check`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sr_tui.core.cases.calendar import Span
from sr_tui.core.cases.calendar_file import (
    CALENDAR_ENV,
    calendar_path,
    check,
    listed_dates,
    load_calendar,
)
from sr_tui.core.cases.calendar_show import show

UTC = ZoneInfo("UTC")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_path_beside_the_settings_and_env_override(tmp_path, monkeypatch):
    monkeypatch.setenv("SR_TUI_CONFIG", str(tmp_path / "conf" / "config.toml"))
    monkeypatch.delenv(CALENDAR_ENV, raising=False)
    assert calendar_path() == tmp_path / "conf" / "calendar.toml"
    monkeypatch.setenv(CALENDAR_ENV, str(tmp_path / "team.toml"))
    assert calendar_path() == tmp_path / "team.toml"


def test_missing_file_is_the_default_calendar(tmp_path):
    cal, problems = load_calendar(tmp_path / "nope.toml", default_tz=UTC)
    assert problems == []
    assert cal.tz is UTC
    assert cal.hours_on(date(2026, 12, 7)) == (Span(540, 1080),)
    assert cal.hours_on(date(2026, 12, 5)) == ()


GOOD = """\
# Our team's calendar
timezone = "Asia/Shanghai"

[hours]
weekdays = ["09:00-12:00", "13:00-18:00"]
fri = "09:00-12:00, 13:00-16:00"
sat = []

[holidays]
2027-02-11 = "春节"
"2027-02-12" = "春节"

[workdays]
2027-02-20 = "春节调休"
2027-12-24 = {name = "half day", hours = ["09:00-13:00"]}
2027-02-21 = {name = "like Friday", like = "fri"}
"""


def test_a_good_file(tmp_path):
    path = write(tmp_path, GOOD)
    before = path.read_bytes()
    cal, problems = load_calendar(path, default_tz=UTC)
    assert problems == []
    assert path.read_bytes() == before
    assert cal.tz == ZoneInfo("Asia/Shanghai")
    assert cal.hours_on(date(2027, 2, 8)) == (Span(540, 720), Span(780, 1080))
    assert cal.hours_on(date(2027, 2, 19)) == (Span(540, 720), Span(780, 960))
    assert cal.hours_on(date(2027, 2, 11)) == ()
    assert cal.holidays[date(2027, 2, 12)] == "春节"
    assert cal.hours_on(date(2027, 2, 20)) == (Span(540, 720), Span(780, 1080))
    assert cal.hours_on(date(2027, 12, 24)) == (Span(540, 780),)
    assert cal.hours_on(date(2027, 2, 21)) == (Span(540, 720), Span(780, 960))
    assert check(path) == []


def test_list_shapes_and_ranges(tmp_path):
    path = write(
        tmp_path,
        """\
holidays = [
    2027-01-01,
    "2027-01-02",
    {date = 2027-02-10, to = 2027-02-16, name = "春节"},
]

[[workdays]]
date = 2027-02-07
name = "调休"
""",
    )
    cal, problems = load_calendar(path, default_tz=UTC)
    assert problems == []
    assert set(cal.holidays) == {date(2027, 1, 1), date(2027, 1, 2)} | {
        date(2027, 2, d) for d in range(10, 17)
    }
    assert cal.holidays[date(2027, 2, 13)] == "春节"
    assert cal.is_working_day(date(2027, 2, 7))
    off, work = listed_dates({"holidays": [{"date": date(2027, 2, 10), "to": date(2027, 2, 11)}]})
    assert off == {date(2027, 2, 10), date(2027, 2, 11)} and work == set()


BROKEN = """\
# line 1
timezone = "Mars/Olympus_Mons"
holiday = []

[hours]
mon = ["09:00-12:00", "13:00-25:00"]
tue = "18:00-09:00"
funday = "09:00-10:00"
wed = 9

[holidays]
2027-02-11 = "春节"
2027-02-31 = "no such day"
2027-02-12 = 12
2027-02-13 = {name = "x", colour = "red"}

[workdays]
2027-02-20 = "春节调休"
2027-02-22 = "a Monday"
2027-02-11 = "clash"
2027-12-25 = {name = "odd", hours = ["x"]}
2027-12-26 = {name = "none", hours = []}
2027-12-27 = {like = "someday"}
"""


def test_broken_entries_are_reported_with_lines_and_skipped(tmp_path):
    path = write(tmp_path, BROKEN)
    before = path.read_bytes()
    cal, problems = load_calendar(path, default_tz=UTC)
    assert path.read_bytes() == before  # never rewritten
    found = [(p.line, p.message) for p in problems]
    expected_lines = {
        2: "unknown time zone 'Mars/Olympus_Mons'",
        3: "unknown key 'holiday' (did you mean 'holidays'?)",
        6: "hours.mon: '13:00-25:00' has a time that does not exist",
        7: "hours.tue: '18:00-09:00' ends before it starts",
        8: "hours: unknown day 'funday'",
        9: "hours.wed: write intervals like",
        13: "holiday: '2027-02-31' is not a date",
        14: "holiday 2027-02-12: the name must be text",
        15: "holiday 2027-02-13: unknown key 'colour'",
        19: "workday 2027-02-22 is already a working day (Mon)",
        20: "2027-02-11 is both a holiday and a workday; it is treated as a workday",
        21: "workday 2027-12-25: 'x' is not an interval",
        22: "workday 2027-12-26 has no hours; a day off belongs in holidays",
        23: "workday 2027-12-27: like = 'someday' is not a day",
    }
    for line, start in expected_lines.items():
        assert any(ln == line and msg.startswith(start) for ln, msg in found), (line, found)
    assert len(problems) == len(expected_lines)
    assert all(p.path == path for p in problems)
    assert str(problems[0]).startswith(f"{path}:2: unknown time zone")
    # the good parts are kept
    assert cal.tz is UTC
    assert cal.hours_on(date(2027, 2, 15)) == (Span(540, 720),)  # Monday's good interval
    assert cal.hours_on(date(2027, 2, 16)) == (Span(540, 1080),)  # Tuesday keeps the default
    assert cal.hours_on(date(2027, 2, 17)) == (Span(540, 1080),)  # so does Wednesday
    assert cal.holidays[date(2027, 2, 12)] == ""
    assert date(2027, 2, 13) in cal.holidays
    assert date(2027, 2, 11) not in cal.holidays and cal.is_working_day(date(2027, 2, 11))
    assert cal.is_working_day(date(2027, 2, 20))
    assert not cal.is_working_day(date(2027, 12, 25))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("timezone = \n", "invalid TOML"),
        ("hours = 3\n", "hours must be a table"),
        ("holidays = 3\n", "holidays must be a list or a table"),
        ("[hours]\nmon = []\ntue = []\nwed = []\nthu = []\nfri = []\n", "no working hours at all"),
        ('holidays = [{name = "x"}]\n', "holiday: no date"),
        (
            "holidays = [2027-02-11T10:00:00]\n",
            "holiday: 2027-02-11T10:00:00 has a time; write the date alone",
        ),
        ("holidays = [{date = 2027-02-11, to = 2027-01-01}]\n", "holiday 2027-02-11: 'to'"),
        ("holidays = [2027-02-11, 2027-02-11]\n", "holiday 2027-02-11 is listed twice"),
        ('[hours]\nmon = ["09:00-13:00", "12:00-18:00"]\n', "hours.mon: intervals overlap"),
    ],
)
def test_problems(tmp_path, text, start):
    problems = check(write(tmp_path, text))
    assert problems and problems[0].message.startswith(start), problems
    assert problems[0].line is not None


def test_a_directory_or_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "calendar.toml").mkdir()
    cal, problems = load_calendar(tmp_path / "calendar.toml", default_tz=UTC)
    assert problems and "directory" in problems[0].message
    assert cal.is_working_day(date(2026, 12, 7))


def test_show(tmp_path):
    cal, _ = load_calendar(write(tmp_path, GOOD), default_tz=UTC)
    text = show(cal, date(2027, 1, 1))
    assert text.splitlines()[:3] == [
        "Time zone: Asia/Shanghai (CST, UTC+08:00 today)",
        "Working hours (38h a week):",
        "  Mon  09:00-12:00, 13:00-18:00",
    ]
    assert "  Fri  09:00-12:00, 13:00-16:00" in text
    assert "  Sat  off" in text
    assert "  Thu 2027-02-11  春节" in text
    assert "  Sat 2027-02-20  春节调休  (09:00-12:00, 13:00-18:00)" in text
    assert "  Fri 2027-12-24  half day  (09:00-13:00)" in text
    later = show(cal, date(2028, 1, 1))
    assert "Holidays: none ahead" in later and "Workdays: none ahead" in later
