"""The parts of a working week: intervals (`Span`), make-up workdays (`Workday`), the
default hours; and of its zone: the machine's zone, the dates its UTC offset changes.
`calendar.BusinessCalendar` puts them together.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—~]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class Span:
    """One working interval of a day, in minutes after local midnight: [start, end)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= DAY_MINUTES:
            raise ValueError(f"{self} is not an interval within one day")

    @classmethod
    def parse(cls, text: str) -> Span:
        """'09:00-12:30' (end may be 24:00). A ValueError says what is wrong."""
        m = _SPAN.match(text)
        if not m:
            raise ValueError(f"{text!r} is not an interval like '09:00-18:00'")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
            raise ValueError(f"{text!r} has a time that does not exist")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise ValueError(
                f"{text!r} ends before it starts; split a night shift over two days "
                "('22:00-24:00' and '00:00-06:00')"
            )
        return cls(start, end)

    @classmethod
    def of(cls, value: Span | str | tuple[time, time]) -> Span:
        if isinstance(value, Span):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        start, end = value
        end_minutes = end.hour * 60 + end.minute
        return cls(start.hour * 60 + start.minute, end_minutes or DAY_MINUTES)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def normalize_spans(spans: Iterable[Span | str | tuple[time, time]]) -> tuple[Span, ...]:
    """Sorted, with overlapping or touching intervals merged."""
    out: list[Span] = []
    for span in sorted(Span.of(s) for s in spans):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


DEFAULT_DAY = (Span(9 * 60, 18 * 60),)
#: Monday to Friday 09:00-18:00.
DEFAULT_HOURS: dict[int, tuple[Span, ...]] = {d: DEFAULT_DAY for d in range(5)}


@dataclass(frozen=True)
class Workday:
    """A date that is worked although the week says it is not (调休), or a date with its
    own hours. `hours` None means "the normal weekday hours" (see `BusinessCalendar`)."""

    date: date
    name: str = ""
    hours: tuple[Span, ...] | None = None


def system_zone() -> tzinfo:
    """The machine's zone as a `ZoneInfo`: $TZ, /etc/localtime (its link or its data),
    /etc/timezone; UTC when nothing says."""
    tz_env = os.environ.get("TZ", "").strip().lstrip(":")
    if tz_env:
        try:
            return ZoneInfo(tz_env)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        return ZoneInfo(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        return ZoneInfo("UTC")


def zone_name(tz: tzinfo) -> str:
    return getattr(tz, "key", None) or str(tz)


def normal_hours(week: tuple[tuple[Span, ...], ...]) -> tuple[Span, ...]:
    """The hours a make-up workday gets: the schedule most of Monday-Friday share
    (ties: the earliest weekday); any worked day's when Monday-Friday are off."""
    counts = Counter(day for day in week[:5] if day)
    if not counts:
        counts = Counter(day for day in week if day)
    if not counts:
        return DEFAULT_DAY
    best = max(counts.values())
    return next(day for day in week if day and counts[day] == best)


@lru_cache(maxsize=1024)
def offset_changes(tz: tzinfo, year: int) -> tuple[date, ...]:
    """The dates c of `year` (2 January to 1 January of the next) whose midnight has another
    UTC offset than the midnight before: the offset changed on day c-1. Midnights are
    sampled a week apart and the weeks that differ day by day (no zone changes its offset
    and back within a week)."""
    if isinstance(tz, timezone) or not 1 <= year < 9999:
        return ()

    def offset(d: date) -> timedelta | None:
        return datetime(d.year, d.month, d.day, tzinfo=tz).utcoffset()

    found: list[date] = []
    end = date(year + 1, 1, 1)
    week_start = date(year, 1, 1)
    before = offset(week_start)
    while week_start < end:
        week_end = min(week_start + timedelta(days=7), end)
        after = offset(week_end)
        if after != before:
            d, prev = week_start, before
            while d < week_end:
                d += timedelta(days=1)
                now_offset = offset(d)
                if now_offset != prev:
                    found.append(d)
                prev = now_offset
        week_start, before = week_end, after
    return tuple(found)


def next_offset_change(tz: tzinfo, d: date, horizon: date) -> date | None:
    """The first offset change date (see `offset_changes`) after `d`, up to `horizon`."""
    for year in range(d.year, horizon.year + 1):
        changes = offset_changes(tz, year)
        i = bisect.bisect_right(changes, d)
        if i < len(changes):
            return changes[i] if changes[i] <= horizon else None
    return None


def last_offset_change(tz: tzinfo, d: date, horizon: date) -> date | None:
    """The last offset change date on or before `d`, back to `horizon`."""
    for year in range(d.year, max(horizon.year - 2, 0), -1):
        changes = offset_changes(tz, year)
        i = bisect.bisect_right(changes, d)
        if i > 0:
            return changes[i - 1] if changes[i - 1] >= horizon else None
    return None
