"""Reading the tables of `calendar.toml`: the zone, the hours, holiday and workday entries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sr_tui.core.cases.calendar import (
    DEFAULT_HOURS,
    WEEKDAYS,
    Span,
    Workday,
    normalize_spans,
    zone_name,
)
from sr_tui.core.tomlfile import FileProblem

MAX_RANGE_DAYS = 366


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
