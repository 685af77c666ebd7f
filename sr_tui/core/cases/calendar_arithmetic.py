"""Business time arithmetic: adding working time or working days, measuring between instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sr_tui.core.cases.calendar_days import _WEEK, _ZERO, _utc
from sr_tui.core.cases.calendar_hours import DAY_MINUTES


class CalendarArithmetic:
    """`add`, `add_days` and `between` of `BusinessCalendar` (on its days and ranges)."""

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
