"""Business time: a time zone, weekly working hours, holidays and make-up workdays (调休).

Every operation takes and returns timezone-aware datetimes; results are in the calendar's
zone. Working hours are wall-clock times in that zone: each local date's intervals are
turned into real instants through `zoneinfo`, so 09:00 stays 09:00 across a DST change and
business time is the real time elapsed inside the intervals (a 00:00-24:00 day is 23 or 25
hours long on a DST change day). Intervals are half-open: 18:00 is not working time when
the day ends at 18:00, but `add` may return it ("at an interval end").

Whole weeks without holidays, workdays or offset changes are skipped arithmetically; every
loop is bounded, and a calendar without working time raises `CalendarError`.

The file format (`calendar.toml`) is read in `calendar_file`.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from sr_tui.core import locations
from sr_tui.core.cases.calendar_hours import (
    DAY_MINUTES,
    DEFAULT_DAY,
    DEFAULT_HOURS,
    WEEKDAYS,
    Span,
    Workday,
    last_offset_change,
    next_offset_change,
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
    "MAX_IDLE_DAYS",
    "WEEKDAYS",
    "BusinessCalendar",
    "CalendarError",
    "Span",
    "Workday",
    "calendar_path",
    "normalize_spans",
    "system_zone",
    "zone_name",
]

#: Consecutive days without working time after which a search gives up (about ten years).
MAX_IDLE_DAYS = 3700
_ZERO = timedelta(0)
_WEEK = timedelta(days=7)


CALENDAR_ENV = "SR_TUI_CALENDAR"


def calendar_path() -> Path:
    """The user's calendar file: `$SR_TUI_CALENDAR`, else `calendar.toml` beside the
    settings file. Read it with `calendar_file.load_calendar`."""
    override = os.environ.get(CALENDAR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return locations.config_path().parent / "calendar.toml"


class CalendarError(ValueError):
    """The calendar cannot answer: no working time, or a date beyond what it can reach."""


_Range = tuple[datetime, datetime]  # real instants in UTC, [start, end)


class BusinessCalendar:
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

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """`start` plus `amount` of business time. The result is inside working time or at
        the end of an interval (adding 0 moves a time outside working hours to the next
        opening). A negative amount counts back; the result is then inside working time or
        at the start of an interval."""
        if amount < _ZERO:
            return self._subtract(_utc(start), -amount).astimezone(self.tz)
        cur = _utc(start)
        remaining = amount
        d = self._local_date(cur)
        first, idle = True, 0
        while True:
            weeks = not first and self._clean_weeks(d, self._weeks_within(remaining))
            if weeks:  # whole weeks from d, each exactly the nominal week
                remaining -= weeks * self._week_total
                d += weeks * _WEEK
                cur = self._instant(d, 0)
                continue
            first = False
            worked = False
            for s, e in self._day_ranges(d):
                if e <= cur:
                    continue
                worked = True
                s = max(s, cur)
                if remaining <= e - s:
                    return (s + remaining).astimezone(self.tz)
                remaining -= e - s
                cur = e
            idle = 0 if worked else idle + 1
            d = self._skip_idle(self._step(d, 1), idle, 1)
            cur = max(cur, self._instant(d, 0))

    def _subtract(self, cur: datetime, amount: timedelta) -> datetime:
        remaining = amount
        d = self._local_date(cur)
        first, idle = True, 0
        while True:
            weeks = not first and self._clean_weeks_before(d, self._weeks_within(remaining))
            if weeks:  # whole weeks ending with d
                remaining -= weeks * self._week_total
                d -= weeks * _WEEK
                cur = self._instant(d, DAY_MINUTES)
                continue
            first = False
            worked = False
            for s, e in reversed(self._day_ranges(d)):
                if s >= cur:
                    continue
                worked = True
                e = min(e, cur)
                if remaining <= e - s:
                    return e - remaining
                remaining -= e - s
                cur = s
            idle = 0 if worked else idle + 1
            d = self._skip_idle(self._step(d, -1), idle, -1)
            cur = min(cur, self._instant(d, DAY_MINUTES))

    def add_days(self, start: datetime, n: int) -> datetime:
        """n business days after `start`: the same local clock time on the n-th working date
        after it. A `start` outside working time first moves to the next opening. When that
        clock time is not working time on the target date, the result moves back to the
        end of the interval before it: into a lunch break -> the morning's end; at or
        before the day's first opening -> the previous working day's close. So with
        Mon-Fri 09:00-18:00, 1 business day from Monday 10:00 is Tuesday 10:00, and from
        Monday 09:00, Sunday or Friday 19:00 it is the close of the next full working day
        (Monday 18:00)."""
        if n < 0:
            raise ValueError("n must not be negative")
        s = self.next_open(start)
        if n == 0:
            return s
        local = s.astimezone(self.tz)
        target = self.next_working_day(local.date(), n)
        naive = datetime.combine(target, local.time())
        cand = naive.replace(tzinfo=self.tz).astimezone(UTC)
        ranges = self._day_ranges(target)
        if cand <= ranges[0][0]:
            before = self.previous_working_day(target)
            return self._day_ranges(before)[-1][1].astimezone(self.tz)
        best = ranges[0][0]
        for rs, re_ in ranges:
            if rs <= cand < re_:
                return cand.astimezone(self.tz)
            if re_ <= cand:
                best = re_
        return best.astimezone(self.tz)

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Business time from `a` to `b`; negative when `b` is before `a`."""
        ua, ub = _utc(a), _utc(b)
        if ub < ua:
            return -self.between(b, a)
        total = _ZERO
        cur = ua
        d = self._local_date(ua)
        first = True
        last = self._local_date(ub)
        while self._instant(d, 0) < ub or first:
            weeks = not first and self._clean_weeks(d, (last - d).days // 7)
            if weeks:  # whole weeks from d, all before b
                total += weeks * self._week_total
                d += weeks * _WEEK
                cur = self._instant(d, 0)
                continue
            first = False
            for s, e in self._day_ranges(d):
                lo, hi = max(s, cur), min(e, ub)
                if hi > lo:
                    total += hi - lo
                    cur = hi
            if d >= date.max - timedelta(days=1):
                break
            d += timedelta(days=1)
        return total

    # -- internals ----------------------------------------------------------------------

    def _instant(self, d: date, minute: int) -> datetime:
        """Local wall time (d, minute) as a UTC instant; minute may be 1440 (24:00). A time in
        a DST gap means the same wall time on the old offset, as PEP 495 fold=0 says."""
        if minute >= DAY_MINUTES:
            if d >= date.max:
                raise CalendarError("the calendar cannot reach beyond the year 9999")
            d, minute = d + timedelta(days=1), minute - DAY_MINUTES
        naive = datetime(d.year, d.month, d.day, minute // 60, minute % 60)
        try:
            return naive.replace(tzinfo=self.tz).astimezone(UTC)
        except OverflowError as exc:
            raise CalendarError("the calendar cannot reach that far") from exc

    def _local_date(self, u: datetime) -> date:
        try:
            return u.astimezone(self.tz).date()
        except OverflowError as exc:
            raise CalendarError("the calendar cannot reach that far") from exc

    def _day_ranges(self, d: date) -> tuple[_Range, ...]:
        cached = self._ranges.get(d)
        if cached is not None:
            return cached
        raw = sorted(
            (s, e)
            for span in self.hours_on(d)
            if (s := self._instant(d, span.start)) < (e := self._instant(d, span.end))
        )
        merged: list[_Range] = []
        for s, e in raw:  # DST gaps can make two wall-clock intervals overlap in real time
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        if len(self._ranges) > 4096:
            self._ranges.clear()
        self._ranges[d] = out = tuple(merged)
        return out

    def _weeks_within(self, amount: timedelta) -> int:
        """How many nominal weeks fit in `amount` with some of it left over."""
        if not self._week_total or amount <= self._week_total:
            return 0
        return (amount - timedelta(microseconds=1)) // self._week_total

    def _clean_weeks(self, d: date, most: int, dst: bool = True) -> int:
        """How many whole weeks from `d` on (at most `most`) hold exactly the nominal week:
        no holiday or workday and (with `dst`) no change of UTC offset in them."""
        most = min(most, (date.max - d).days // 7 - 1)
        if most <= 0:
            return 0
        i = bisect.bisect_left(self._overrides, d)
        if i < len(self._overrides):
            most = min(most, (self._overrides[i] - d).days // 7)
        if dst and most > 0:
            change = next_offset_change(self.tz, d, d + most * _WEEK)
            if change is not None:  # week j holds the change when d+7j < change <= d+7j+7
                most = min(most, ((change - d).days - 1) // 7)
        return max(most, 0)

    def _clean_weeks_before(self, d: date, most: int) -> int:
        """`_clean_weeks` for the weeks ending with day `d`, counting back."""
        most = min(most, (d - date.min).days // 7 - 1)
        if most <= 0:
            return 0
        i = bisect.bisect_right(self._overrides, d)
        if i > 0:
            most = min(most, (d - self._overrides[i - 1]).days // 7)
        if most > 0:
            after = d + timedelta(days=1)
            change = last_offset_change(self.tz, after, after - most * _WEEK)
            if change is not None:
                most = min(most, (after - change).days // 7)
        return max(most, 0)

    def _step(self, d: date, direction: int) -> date:
        try:
            return d + timedelta(days=direction)
        except OverflowError as exc:
            raise CalendarError("the calendar cannot reach beyond the years 1-9999") from exc

    def _skip_idle(self, d: date, idle: int, direction: int) -> date:
        """`d`, or where working time resumes: with weekly hours, give up after
        MAX_IDLE_DAYS days without work; without them, jump to the next (or previous)
        workday that has hours, or give up when there is none."""
        way = "after" if direction > 0 else "before"
        if self._week_total:
            if idle > MAX_IDLE_DAYS:
                raise CalendarError(f"no working time within {MAX_IDLE_DAYS} days {way} {d}")
            return d
        if not self._worked_workdays:
            raise CalendarError("the calendar has no working hours at all")
        days = self._worked_workdays
        if direction > 0:
            i = bisect.bisect_left(days, d)
            if i < len(days):
                return days[i]
        else:
            i = bisect.bisect_right(days, d)
            if i > 0:
                return days[i - 1]
        raise CalendarError(f"the calendar has no working time {way} {d.isoformat()}")


def _utc(t: datetime) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{t!r} has no time zone; the calendar needs aware datetimes")
    try:
        return t.astimezone(UTC)
    except OverflowError as exc:
        raise CalendarError("the calendar cannot reach that far") from exc
