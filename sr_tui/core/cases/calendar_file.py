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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sr_tui.core.cases.calendar import (
    CALENDAR_ENV,
    DEFAULT_HOURS,
    WEEKDAYS,
    BusinessCalendar,
    Span,
    Workday,
    calendar_path,
    normalize_spans,
    system_zone,
    zone_name,
)
from sr_tui.core.tomlfile import FileProblem, read_toml

MAX_FILE_BYTES = 1024 * 1024
MAX_RANGE_DAYS = 366
TOP_KEYS = ("timezone", "hours", "holidays", "workdays")
__all__ = ["CALENDAR_ENV", "calendar_path", "check", "listed_dates", "load_calendar", "show"]
_DAY_NAMES = {name: i for i, name in enumerate(WEEKDAYS)} | {
    full: i
    for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_OFF_WORDS = {"", "off", "closed", "none"}


class _Reader:
    """Collects problems and finds the line an entry sits on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[FileProblem] = []

    def section(self, key: str) -> int:
        pattern = re.compile(rf"^\s*(\[\[?\s*{re.escape(key)}\s*\]\]?|{re.escape(key)}\s*=)")
        for i, line in enumerate(self.lines, 1):
            if pattern.match(line):
                return i
        return 0

    def find(self, needle: str, after: int = 0) -> int | None:
        for i in range(max(after - 1, 0), len(self.lines)):
            if needle in self.lines[i]:
                return i + 1
        return None

    def date_line(self, iso: str, after: int = 0) -> int | None:
        """The line of an entry for this date: `D = ...`, `date = D`, or D in a list."""
        d = re.escape(iso)
        pattern = re.compile(
            rf"^\s*[\"']?{d}[\"']?\s*=|date\s*=\s*[\"']?{d}|(^|[\[,])\s*[\"']?{d}[\"']?\s*($|[\],#])"
        )
        for i in range(max(after - 1, 0), len(self.lines)):
            if pattern.search(self.lines[i]):
                return i + 1
        return self.find(iso, after)

    def key_line(self, key: str, after: int = 0) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|[{{,]\s*{re.escape(key)}\s*=")
        for i in range(max(after - 1, 0), len(self.lines)):
            if pattern.search(self.lines[i]):
                return i + 1
        return None

    def problem(self, message: str, line: int | None) -> None:
        self.problems.append(FileProblem(self.path, message, line))


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


def _zone(reader: _Reader, value: Any, default: tzinfo) -> tzinfo:
    if value is None:
        return default
    line = reader.key_line("timezone")
    if not isinstance(value, str):
        reader.problem('timezone must be a zone name such as "Asia/Shanghai"', line)
        return default
    if value.strip().lower() in ("", "local", "system"):
        return default
    try:
        return ZoneInfo(value.strip())
    except Exception:  # ZoneInfoNotFoundError, ValueError, IsADirectoryError, ...
        reader.problem(
            f'unknown time zone {value!r}; write an IANA name such as "Asia/Shanghai" or '
            f'"Pacific/Auckland" (using {zone_name(default)})',
            line,
        )
        return default


def _spans(reader: _Reader, value: Any, what: str, line: int | None) -> tuple[Span, ...] | None:
    """Intervals from a list of strings or one string ('09:00-12:00, 13:00-18:00');
    None when nothing usable was given."""
    if isinstance(value, str):
        items: list[Any] = [] if value.strip().lower() in _OFF_WORDS else value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        reader.problem(f'{what}: write intervals like ["09:00-12:00", "13:00-18:00"]', line)
        return None
    spans: list[Span] = []
    for item in items:
        if not isinstance(item, str):
            reader.problem(f'{what}: {item!r} is not an interval like "09:00-18:00"', line)
            continue
        try:
            spans.append(Span.parse(item))
        except ValueError as exc:
            reader.problem(f"{what}: {exc}", reader.find(item.strip(), line or 0) or line)
    merged = normalize_spans(spans)
    if len(merged) < len(spans):
        reader.problem(f"{what}: intervals overlap; they are merged", line)
    if items and not spans:
        return None
    return merged


def _hours(reader: _Reader, value: Any) -> dict[int, tuple[Span, ...]]:
    hours = dict(DEFAULT_HOURS)
    if value is None:
        return hours
    start = reader.section("hours")
    if not isinstance(value, dict):
        reader.problem('hours must be a table: [hours] mon = ["09:00-18:00"]', start or None)
        return hours
    ordered = sorted(value.items(), key=lambda kv: kv[0] != "weekdays")  # weekdays first
    for key, spans in ordered:
        line = reader.key_line(key, start)
        name = key.strip().lower()
        days = range(5) if name == "weekdays" else [_DAY_NAMES[name]] if name in _DAY_NAMES else []
        if not days:
            reader.problem(f"hours: unknown day '{key}'; use mon ... sun or weekdays", line)
            continue
        parsed = _spans(reader, spans, f"hours.{key}", line)
        if parsed is not None:
            for d in days:
                hours[d] = parsed
    return {d: s for d, s in hours.items() if s}


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _entries(
    reader: _Reader, section: str, value: Any
) -> Iterator[tuple[date, str, dict[str, Any], int | None]]:
    """(date, name, other keys, line) for each date of a holidays/workdays section, in
    any of its shapes: a table of date = name, a list of dates, a list of tables."""
    if value is None:
        return
    start = reader.section(section)
    if isinstance(value, dict):
        items: list[tuple[Any, Any]] = list(value.items())
    elif isinstance(value, list):
        items = [(None, v) for v in value]
    else:
        reader.problem(f"{section} must be a list or a table of dates", start or None)
        return
    what = section[:-1]
    for key, item in items:
        raw = key if key is not None else item
        extra: dict[str, Any] = {}
        name: Any = ""
        if isinstance(item, dict):
            extra = dict(item)
            if key is None:
                raw = extra.pop("date", None)
            name = extra.pop("name", "")
        elif key is not None:
            name = item
        needle = raw.isoformat() if isinstance(raw, date) else str(raw)
        line = reader.date_line(needle, start) if raw is not None else None
        d = _as_date(raw)
        if isinstance(raw, datetime):
            reader.problem(f"{what}: {raw.isoformat()} has a time; write the date alone", line)
            continue
        if d is None:
            shown = "no date" if raw is None else repr(raw) if not isinstance(raw, date) else raw
            reader.problem(f"{what}: {shown} is not a date like 2027-02-11", line or start or None)
            continue
        if not isinstance(name, str):
            reader.problem(f"{what} {d}: the name must be text", line)
            name = ""
        until = extra.pop("to", None)
        if until is None:
            yield d, name.strip(), extra, line
            continue
        end = _as_date(until)
        if end is None or not 0 <= (end - d).days <= MAX_RANGE_DAYS:
            reader.problem(f"{what} {d}: 'to' must be a date on or after it, within a year", line)
            continue
        for k in range((end - d).days + 1):
            yield d + timedelta(days=k), name.strip(), extra, line


def _workday(
    reader: _Reader,
    d: date,
    name: str,
    extra: dict[str, Any],
    line: int | None,
    hours: dict[int, tuple[Span, ...]],
) -> Workday | None:
    spans: tuple[Span, ...] | None = None
    if "hours" in extra:
        spans = _spans(reader, extra.pop("hours"), f"workday {d}", line)
        if spans is None:
            return None
        if not spans:
            reader.problem(f"workday {d} has no hours; a day off belongs in holidays", line)
            return None
    if "like" in extra:
        like = extra.pop("like")
        day = _DAY_NAMES.get(like.strip().lower()) if isinstance(like, str) else None
        if day is None:
            reader.problem(f"workday {d}: like = {like!r} is not a day (mon ... sun)", line)
            return None
        elif spans is None:
            spans = hours.get(day, ())
            if not spans:
                reader.problem(f"workday {d}: like = {like!r}, but that day is off", line)
                return None
    for key in extra:
        reader.problem(f"workday {d}: unknown key '{key}' (date, to, name, hours, like)", line)
    return Workday(d, name, spans)


def _weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()].capitalize()


def _spans_text(spans: tuple[Span, ...]) -> str:
    return ", ".join(str(s) for s in spans) if spans else "off"


def show(calendar: BusinessCalendar, today: date, *, days_ahead: int = 365, limit: int = 30) -> str:
    """The calendar as text: zone, the week's hours, the holidays and workdays ahead."""
    noon = datetime(today.year, today.month, today.day, 12, tzinfo=calendar.tz)
    offset = noon.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    lines = [
        f"Time zone: {zone_name(calendar.tz)} ({noon.tzname()}, "
        f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d} today)"
    ]
    total = sum(s.minutes for day in calendar.week for s in day)
    lines.append(f"Working hours ({_duration(total)} a week):")
    for i, day in enumerate(calendar.week):
        lines.append(f"  {WEEKDAYS[i].capitalize()}  {_spans_text(day)}")
    end = today + timedelta(days=days_ahead)
    ahead = sorted(d for d in calendar.holidays if today <= d <= end)
    lines.append(f"Holidays in the next {days_ahead} days:" if ahead else "Holidays: none ahead")
    for d in ahead[:limit]:
        lines.append(f"  {_weekday(d)} {d.isoformat()}  {calendar.holidays[d]}".rstrip())
    if len(ahead) > limit:
        lines.append(f"  ... and {len(ahead) - limit} more")
    work = sorted(d for d in calendar.workdays if today <= d <= end)
    lines.append("Workdays (make-up and special hours):" if work else "Workdays: none ahead")
    for d in work[:limit]:
        name = f"{calendar.workdays[d].name}  " if calendar.workdays[d].name else ""
        hours = _spans_text(calendar.hours_on(d))
        lines.append(f"  {_weekday(d)} {d.isoformat()}  {name}({hours})")
    if len(work) > limit:
        lines.append(f"  ... and {len(work) - limit} more")
    return "\n".join(lines) + "\n"


def _duration(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}h" if not m else f"{h}h{m:02d}"
