"""The calendar file the user owns (`calendar.toml` next to the settings file, or
`$SR_TUI_CALENDAR`): read it, check it, show it. Never written here (`holiday_fill` edits
it on request).

    timezone = "Asia/Shanghai"            # optional; default the settings' or the system's
    [hours]                               # optional; days not named keep the default
    weekdays = "09:00-18:00"              # Monday-Friday at once
    mon = ["09:00-12:00", "13:00-18:00"]  # several intervals a day
    fri = "09:00-16:00"
    sat = []                              # off
    [holidays]                            # or holidays = [{date = 2027-02-11, name = "春节"}]
    2027-02-11 = "春节"                   # ranges: {date = 2027-02-11, to = 2027-02-17, name = ...}
    [workdays]                            # make-up workdays (调休), or dates with own hours
    2027-02-20 = "春节调休"                # normal weekday hours
    2027-12-24 = {name = "half day", hours = ["09:00-13:00"]}

Loading never raises: every bad entry becomes a `FileProblem` (file, line where it can be
found, reason) and is skipped; the good ones are kept.
The tables are read in `calendar_entries`; `calendar_show` shows the calendar.
"""

from __future__ import annotations

import difflib
from datetime import date, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sr_tui.core.cases.calendar import (
    CALENDAR_ENV,
    BusinessCalendar,
    Workday,
    calendar_path,
    system_zone,
)
from sr_tui.core.cases.calendar_entries import _entries, _hours, _Reader, _weekday, _workday, _zone
from sr_tui.core.tomlfile import FileProblem, read_toml

MAX_FILE_BYTES = 1024 * 1024
TOP_KEYS = ("timezone", "hours", "holidays", "workdays")
__all__ = ["CALENDAR_ENV", "calendar_path", "check", "listed_dates", "load_calendar"]


def load_calendar(
    path: Path | None = None, *, default_tz: tzinfo | None = None
) -> tuple[BusinessCalendar, list[FileProblem]]:
    """The calendar in `path` (default `calendar_path()`) and the problems found in it.

    A missing file is no problem: the default calendar (Mon-Fri 09:00-18:00 in
    `default_tz`, else the system's zone). Never raises, never writes the file."""
    path = calendar_path() if path is None else path
    tz = default_tz or system_zone()
    if not path.exists() and not path.is_symlink():
        return BusinessCalendar(tz), []
    table, text, problem = read_toml(path, MAX_FILE_BYTES)
    if table is None:
        return BusinessCalendar(tz), [problem] if problem else []
    reader = _Reader(path, text)
    for key in table:
        if key not in TOP_KEYS:
            close = difflib.get_close_matches(key, TOP_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            reader.problem(
                f"unknown key '{key}'{hint}; the keys are {', '.join(TOP_KEYS)}",
                reader.key_line(key),
            )
    tz = _zone(reader, table.get("timezone"), tz)
    hours = _hours(reader, table.get("hours"))
    holidays: dict[date, str] = {}
    for d, name, extra, line in _entries(reader, "holidays", table.get("holidays")):
        for key in extra:
            reader.problem(f"holiday {d}: unknown key '{key}' (date, to, name)", line)
        if d in holidays:
            reader.problem(f"holiday {d} is listed twice; the first is kept", line)
            continue
        holidays[d] = name
    probe = BusinessCalendar(tz, hours, holidays)
    workdays: dict[date, Workday] = {}
    for d, name, extra, line in _entries(reader, "workdays", table.get("workdays")):
        wd = _workday(reader, d, name, extra, line, hours)
        if wd is None:
            continue
        if d in workdays:
            reader.problem(f"workday {d} is listed twice; the first is kept", line)
            continue
        if d in holidays:
            reader.problem(f"{d} is both a holiday and a workday; it is treated as a workday", line)
            del holidays[d]
        elif wd.hours is None and probe.hours_on(d):
            reader.problem(f"workday {d} is already a working day ({_weekday(d)})", line)
        workdays[d] = wd
    calendar = BusinessCalendar(tz, hours, holidays, workdays.values())
    if not any(calendar.week) and not any(calendar.hours_on(d) for d in workdays):
        reader.problem("no working hours at all: every day is off", reader.section("hours"))
    return calendar, sorted(reader.problems, key=lambda p: p.line or 0)


def listed_dates(table: dict[str, Any]) -> tuple[set[date], set[date]]:
    """Every date a parsed calendar table lists as a holiday and as a workday (ranges
    expanded, bad entries left out)."""
    reader = _Reader(Path("calendar.toml"), "")
    off = {d for d, *_ in _entries(reader, "holidays", table.get("holidays"))}
    work = {d for d, *_ in _entries(reader, "workdays", table.get("workdays"))}
    return off, work


def check(path: Path | None = None) -> list[FileProblem]:
    """Every problem in the calendar file (none for a missing file)."""
    return load_calendar(path, default_tz=ZoneInfo("UTC"))[1]
