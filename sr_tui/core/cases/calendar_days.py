"""A calendar's local days as real instants: each date's working ranges, the weeks to skip."""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, timedelta

from sr_tui.core.cases.calendar_hours import DAY_MINUTES, last_offset_change, next_offset_change

#: Consecutive days without working time after which a search gives up (about ten years).
MAX_IDLE_DAYS = 3700
_ZERO = timedelta(0)
_WEEK = timedelta(days=7)


class CalendarError(ValueError):
    """The calendar cannot answer: no working time, or a date beyond what it can reach."""


_Range = tuple[datetime, datetime]  # real instants in UTC, [start, end)


def _utc(t: datetime) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{t!r} has no time zone; the calendar needs aware datetimes")
    try:
        return t.astimezone(UTC)
    except OverflowError as exc:
        raise CalendarError("the calendar cannot reach that far") from exc


class CalendarDays:
    """The day and week machinery of `BusinessCalendar`: local dates and times to instants."""

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
