"""Business time: a time zone, weekly working hours, holidays and make-up workdays (调休).

Every operation takes and returns timezone-aware datetimes; results are in the calendar's
zone. Working hours are wall-clock times in that zone: each local date's intervals are
turned into real instants through `zoneinfo`, so 09:00 stays 09:00 across a DST change and
business time is the real time elapsed inside the intervals (a 00:00-24:00 day is 23 or 25
hours long on a DST change day). Intervals are half-open: 18:00 is not working time when
the day ends at 18:00, but `add` may return it ("at an interval end").

Whole weeks without holidays, workdays or offset changes are skipped arithmetically; every
loop is bounded, and a calendar without working time raises `CalendarError`.

The file format (`calendar.toml`) is read in `calendar_file`; adding and measuring are in
`calendar_arithmetic`, local days as real instants in `calendar_days`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from sr_tui.core import locations
from sr_tui.core.cases.calendar_arithmetic import CalendarArithmetic
from sr_tui.core.cases.calendar_days import (
    _WEEK,
    _ZERO,
    CalendarDays,
    CalendarError,
    _Range,
    _utc,
)
from sr_tui.core.cases.calendar_hours import (
    DAY_MINUTES,
    DEFAULT_DAY,
    DEFAULT_HOURS,
    WEEKDAYS,
    Span,
    Workday,
    normal_hours,
    normalize_spans,
    system_zone,
    zone_name,
)

__all__ = [
    "CALENDAR_ENV",
    "DAY_MINUTES",
    "DEFAULT_DAY",
    "DEFAULT_HOURS",
    "WEEKDAYS",
    "BusinessCalendar",
    "Span",
    "Workday",
    "calendar_path",
    "normalize_spans",
    "system_zone",
    "zone_name",
]


CALENDAR_ENV = "SR_TUI_CALENDAR"


def calendar_path() -> Path:
    """The user's calendar file: `$SR_TUI_CALENDAR`, else `calendar.toml` beside the
    settings file. Read it with `calendar_file.load_calendar`."""
    override = os.environ.get(CALENDAR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return locations.config_path().parent / "calendar.toml"


class BusinessCalendar(CalendarArithmetic, CalendarDays):
    """Business time in one zone.

    - `hours`: weekday (0 = Monday, or "mon") -> intervals; weekdays not given are off.
      Default Monday-Friday 09:00-18:00.
    - `holidays`: dates off (date -> name, or just dates).
    - `workdays`: make-up workdays and dates with their own hours (`Workday`s, date -> name,
      or dates). Without hours a workday gets the normal weekday hours: the schedule most
      Monday-Friday days share (ties: the earliest), so a short Friday does not leak into
      a make-up Saturday.
    A date cannot be both a holiday and a workday. The calendar does not change once made
    (`holidays` and `workdays` are read-only views).
    """

    def __init__(
        self,
        tz: tzinfo | str | None = None,
        hours: Mapping[int | str, Iterable[Span | str | tuple[time, time]]] | None = None,
        holidays: Mapping[date, str] | Iterable[date] = (),
        workdays: Mapping[date, str] | Iterable[Workday | date] = (),
    ) -> None:
        self.tz: tzinfo = ZoneInfo(tz) if isinstance(tz, str) else (tz or system_zone())
        week: list[tuple[Span, ...]] = [() for _ in range(7)]
        for key, spans in (DEFAULT_HOURS if hours is None else hours).items():
            index = WEEKDAYS.index(key.lower()[:3]) if isinstance(key, str) else int(key)
            week[index] = normalize_spans(spans)
        self.week: tuple[tuple[Span, ...], ...] = tuple(week)
        self.holidays: Mapping[date, str] = MappingProxyType(
            dict(holidays if isinstance(holidays, Mapping) else dict.fromkeys(holidays, ""))
        )
        self.normal_hours = normal_hours(self.week)
        own: dict[date, Workday] = {}
        items = workdays.items() if isinstance(workdays, Mapping) else workdays
        for item in items:
            if isinstance(item, Workday):
                wd = item
            elif isinstance(item, tuple):
                wd = Workday(item[0], item[1])
            else:
                wd = Workday(item)
            if wd.hours is not None:
                wd = Workday(wd.date, wd.name, normalize_spans(wd.hours))
            own[wd.date] = wd
        self.workdays: Mapping[date, Workday] = MappingProxyType(own)
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise CalendarError(f"{both[0]} is both a holiday and a workday")
        self._overrides = sorted(set(self.holidays) | set(self.workdays))
        self._worked_workdays = sorted(d for d in self.workdays if self.hours_on(d))
        self._week_total = timedelta(minutes=sum(s.minutes for day in self.week for s in day))
        self._week_days = sum(1 for day in self.week if day)
        self._ranges: dict[date, tuple[_Range, ...]] = {}

    # -- days ---------------------------------------------------------------------------

    def hours_on(self, d: date) -> tuple[Span, ...]:
        """The intervals worked on local date `d` (empty on holidays and days off)."""
        wd = self.workdays.get(d)
        if wd is not None:
            return wd.hours if wd.hours is not None else self.normal_hours
        if d in self.holidays:
            return ()
        return self.week[d.weekday()]

    def is_working_day(self, d: date) -> bool:
        return bool(self._day_ranges(d))

    def next_working_day(self, d: date, n: int = 1) -> date:
        """The n-th working date after `d` (n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        idle = 0
        while True:
            weeks = self._week_days and self._clean_weeks(
                d + timedelta(days=1), (n - 1) // self._week_days, dst=False
            )
            if weeks:
                n -= weeks * self._week_days
                d += weeks * _WEEK
                continue
            d = self._skip_idle(self._step(d, 1), idle, 1)
            if self.is_working_day(d):
                idle = 0
                n -= 1
                if n == 0:
                    return d
            else:
                idle += 1

    def previous_working_day(self, d: date) -> date:
        """The last working date before `d`."""
        idle = 0
        while True:
            d = self._skip_idle(self._step(d, -1), idle, -1)
            if self.is_working_day(d):
                return d
            idle += 1

    # -- instants -----------------------------------------------------------------------

    def is_working(self, t: datetime) -> bool:
        """Inside a working interval (interval ends excluded)."""
        u = _utc(t)
        return any(s <= u < e for s, e in self._day_ranges(self._local_date(u)))

    def next_open(self, t: datetime) -> datetime:
        """`t` when it is working time, else the start of the next working interval."""
        return self.add(t, _ZERO)

    def end_of_day(self, t: datetime) -> datetime:
        """The end of the last working interval on t's local date, or, when that date is not
        worked, on the next working date. It may be earlier than `t` (after closing time)."""
        d = self._local_date(_utc(t))
        if not self.is_working_day(d):
            d = self.next_working_day(d)
        return self._day_ranges(d)[-1][1].astimezone(self.tz)

    def opening(self, d: date) -> datetime | None:
        ranges = self._day_ranges(d)
        return ranges[0][0].astimezone(self.tz) if ranges else None

    def closing(self, d: date) -> datetime | None:
        ranges = self._day_ranges(d)
        return ranges[-1][1].astimezone(self.tz) if ranges else None

    # -- internals ----------------------------------------------------------------------
