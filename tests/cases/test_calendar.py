"""BusinessCalendar: table tests across weekends, holidays, make-up workdays, DST changes,
lunch breaks and business hours starting mid-interval."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sr_tui.core.cases.calendar import BusinessCalendar, Span, Workday
from sr_tui.core.cases.calendar_days import CalendarError

NZ = ZoneInfo("Pacific/Auckland")
LONDON = ZoneInfo("Europe/London")
SHANGHAI = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)
LUNCH = {d: ["09:00-12:00", "13:00-18:00"] for d in range(5)}
ALL_DAY = {d: ["00:00-24:00"] for d in range(7)}


def at(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz)


def same(a: datetime, b: datetime) -> bool:
    """The same instant and the same wall-clock reading."""
    return a == b and a.replace(tzinfo=None) == b.astimezone(a.tzinfo).replace(tzinfo=None)


# -- China 2026, Spring Festival: 2026-02-14 (Sat) and 2026-02-28 (Sat) are worked --------

CN_2026 = BusinessCalendar(
    SHANGHAI,
    holidays={date(2026, 2, d): "春节" for d in (16, 17, 18, 19, 20, 23)},
    workdays={date(2026, 2, 14): "春节调休", date(2026, 2, 28): "春节调休"},
)


@pytest.mark.parametrize(
    ("cal", "start", "amount", "expected"),
    [
        # mid-interval start, into the next morning
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 7, 16, 45), 2 * H, at(NZ, 2026, 12, 8, 9, 45)),
        # exactly to the end of the day: the interval end, not the next opening
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 7, 16), 2 * H, at(NZ, 2026, 12, 7, 18)),
        # across a weekend
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 4, 17), 2 * H, at(NZ, 2026, 12, 7, 10)),
        # starting on a Saturday: counted from Monday's opening
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 5, 11), 1 * H, at(NZ, 2026, 12, 7, 10)),
        # before opening
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 7, 6), 3 * H, at(NZ, 2026, 12, 7, 12)),
        # lunch break: 11:00 + 2h = 14:00; up to the break is its start
        (BusinessCalendar(NZ, LUNCH), at(NZ, 2026, 12, 7, 11), 2 * H, at(NZ, 2026, 12, 7, 14)),
        (BusinessCalendar(NZ, LUNCH), at(NZ, 2026, 12, 7, 11), 1 * H, at(NZ, 2026, 12, 7, 12)),
        (BusinessCalendar(NZ, LUNCH), at(NZ, 2026, 12, 7, 12, 30), H, at(NZ, 2026, 12, 7, 14)),
        # a short Friday
        (
            BusinessCalendar(NZ, {**LUNCH, 4: ["09:00-16:00"]}),
            at(NZ, 2026, 12, 4, 15),
            2 * H,
            at(NZ, 2026, 12, 7, 10),
        ),
        # a holiday (Christmas on a Friday)
        (
            BusinessCalendar(NZ, holidays={date(2026, 12, 25): "Christmas Day"}),
            at(NZ, 2026, 12, 24, 17),
            2 * H,
            at(NZ, 2026, 12, 28, 10),
        ),
        # make-up workday: Friday before the holiday -> the worked Saturday
        (CN_2026, at(SHANGHAI, 2026, 2, 13, 17), 2 * H, at(SHANGHAI, 2026, 2, 14, 10)),
        # ... and from it over the Spring Festival week to Tuesday 24 February
        (CN_2026, at(SHANGHAI, 2026, 2, 14, 17), 2 * H, at(SHANGHAI, 2026, 2, 24, 10)),
        # NZ DST starts Sunday 27 Sep 2026 (02:00 -> 03:00): Friday NZST -> Monday NZDT
        (BusinessCalendar(NZ), at(NZ, 2026, 9, 25, 17), 2 * H, at(NZ, 2026, 9, 28, 10)),
        # NZ DST ends Sunday 5 Apr 2026 (03:00 -> 02:00)
        (BusinessCalendar(NZ), at(NZ, 2026, 4, 3, 17), 2 * H, at(NZ, 2026, 4, 6, 10)),
        # London: BST starts 29 Mar 2026, ends 25 Oct 2026
        (
            BusinessCalendar(LONDON),
            at(LONDON, 2026, 3, 27, 17),
            2 * H,
            at(LONDON, 2026, 3, 30, 10),
        ),
        (
            BusinessCalendar(LONDON),
            at(LONDON, 2026, 10, 23, 17),
            2 * H,
            at(LONDON, 2026, 10, 26, 10),
        ),
        # round the clock: a DST change day is 23 (or 25) hours long
        (BusinessCalendar(NZ, ALL_DAY), at(NZ, 2026, 9, 26, 12), 24 * H, at(NZ, 2026, 9, 27, 13)),
        (BusinessCalendar(NZ, ALL_DAY), at(NZ, 2026, 4, 4, 12), 24 * H, at(NZ, 2026, 4, 5, 11)),
        (
            BusinessCalendar(LONDON, ALL_DAY),
            at(LONDON, 2026, 3, 28, 12),
            24 * H,
            at(LONDON, 2026, 3, 29, 13),
        ),
        (
            BusinessCalendar(LONDON, ALL_DAY),
            at(LONDON, 2026, 10, 24, 12),
            24 * H,
            at(LONDON, 2026, 10, 25, 11),
        ),
    ],
)
def test_add(cal: BusinessCalendar, start: datetime, amount: timedelta, expected: datetime):
    result = cal.add(start, amount)
    assert same(result, expected), result
    assert cal.between(start, result) == amount
    assert cal.add(result, -amount) <= start or not cal.is_working(start)


def test_interval_edges_and_is_working():
    cal = BusinessCalendar(NZ, LUNCH)
    assert cal.is_working(at(NZ, 2026, 12, 7, 9))
    assert not cal.is_working(at(NZ, 2026, 12, 7, 12))  # intervals are half-open
    assert cal.is_working(at(NZ, 2026, 12, 7, 13))
    assert not cal.is_working(at(NZ, 2026, 12, 7, 18))
    assert not cal.is_working(at(NZ, 2026, 12, 5, 10))  # Saturday
    # the same instant written in another zone
    assert cal.is_working(at(NZ, 2026, 12, 7, 10).astimezone(UTC))


def test_dst_hours_inside_the_change():
    """Working hours spanning the change count the real time elapsed."""
    night = {6: ["01:00-04:00"]}  # Sundays
    assert BusinessCalendar(NZ, night).between(
        at(NZ, 2026, 9, 27, 0), at(NZ, 2026, 9, 27, 6)
    ) == timedelta(hours=2)
    assert BusinessCalendar(NZ, night).between(
        at(NZ, 2026, 4, 5, 0), at(NZ, 2026, 4, 5, 6)
    ) == timedelta(hours=4)
    assert BusinessCalendar(LONDON, {6: ["00:00-03:00"]}).between(
        at(LONDON, 2026, 3, 29, 0), at(LONDON, 2026, 3, 29, 4)
    ) == timedelta(hours=2)
    assert BusinessCalendar(LONDON, {6: ["00:00-03:00"]}).between(
        at(LONDON, 2026, 10, 25, 0), at(LONDON, 2026, 10, 25, 4)
    ) == timedelta(hours=4)


@pytest.mark.parametrize(
    ("cal", "start", "n", "expected"),
    [
        # the same clock time the next working day
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 7, 10), 1, at(NZ, 2026, 12, 8, 10)),
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 4, 17, 30), 1, at(NZ, 2026, 12, 7, 17, 30)),
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 2, 10), 2, at(NZ, 2026, 12, 4, 10)),
        # from the opening, a weekend or after hours: the close of the next full day
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 7, 9), 1, at(NZ, 2026, 12, 7, 18)),
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 6, 11), 1, at(NZ, 2026, 12, 7, 18)),
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 4, 19), 1, at(NZ, 2026, 12, 7, 18)),
        (BusinessCalendar(NZ), at(NZ, 2026, 12, 4, 19), 2, at(NZ, 2026, 12, 8, 18)),
        # target time in the lunch break -> the morning's end
        (
            BusinessCalendar(
                NZ, {0: ["09:00-12:00", "13:00-18:00"], 1: ["09:00-11:00", "14:00-18:00"]}
            ),
            at(NZ, 2026, 12, 7, 11, 30),
            1,
            at(NZ, 2026, 12, 8, 11),
        ),
        # target time after a short Friday's close -> that close
        (
            BusinessCalendar(NZ, {**LUNCH, 4: ["09:00-16:00"]}),
            at(NZ, 2026, 12, 3, 17),
            1,
            at(NZ, 2026, 12, 4, 16),
        ),
        # 09:30 stays 09:30 across DST changes (NZ and London, both directions)
        (BusinessCalendar(NZ), at(NZ, 2026, 9, 25, 9, 30), 1, at(NZ, 2026, 9, 28, 9, 30)),
        (BusinessCalendar(NZ), at(NZ, 2026, 4, 3, 9, 30), 1, at(NZ, 2026, 4, 6, 9, 30)),
        (
            BusinessCalendar(LONDON),
            at(LONDON, 2026, 3, 27, 9, 30),
            1,
            at(LONDON, 2026, 3, 30, 9, 30),
        ),
        (
            BusinessCalendar(LONDON),
            at(LONDON, 2026, 10, 23, 9, 30),
            1,
            at(LONDON, 2026, 10, 26, 9, 30),
        ),
        # make-up workday and holidays
        (CN_2026, at(SHANGHAI, 2026, 2, 13, 17), 1, at(SHANGHAI, 2026, 2, 14, 17)),
        (CN_2026, at(SHANGHAI, 2026, 2, 13, 17), 2, at(SHANGHAI, 2026, 2, 24, 17)),
        (CN_2026, at(SHANGHAI, 2026, 2, 13, 10), 0, at(SHANGHAI, 2026, 2, 13, 10)),
    ],
)
def test_add_days(cal: BusinessCalendar, start: datetime, n: int, expected: datetime):
    assert same(cal.add_days(start, n), expected), cal.add_days(start, n)


def test_between_is_signed_and_counts_only_working_time():
    cal = BusinessCalendar(NZ, LUNCH)
    a, b = at(NZ, 2026, 12, 7, 11, 30), at(NZ, 2026, 12, 7, 13, 30)
    assert cal.between(a, b) == H
    assert cal.between(b, a) == -H
    assert cal.between(a, a) == timedelta(0)
    # a week: 8 hours a day, five days
    assert cal.between(at(NZ, 2026, 12, 7, 0), at(NZ, 2026, 12, 14, 0)) == 40 * H
    # over a year without holidays: whole weeks skipped, the same total as day by day
    start, end = at(NZ, 2026, 1, 5, 0), at(NZ, 2027, 1, 4, 0)
    assert cal.between(start, end) == 52 * 40 * H


def test_next_open_and_end_of_day():
    cal = BusinessCalendar(NZ, LUNCH, holidays=[date(2026, 12, 25)])
    assert cal.next_open(at(NZ, 2026, 12, 7, 12, 15)) == at(NZ, 2026, 12, 7, 13)
    assert cal.next_open(at(NZ, 2026, 12, 7, 10)) == at(NZ, 2026, 12, 7, 10)
    assert cal.next_open(at(NZ, 2026, 12, 24, 18)) == at(NZ, 2026, 12, 28, 9)
    assert cal.end_of_day(at(NZ, 2026, 12, 7, 8)) == at(NZ, 2026, 12, 7, 18)
    assert cal.end_of_day(at(NZ, 2026, 12, 7, 20)) == at(NZ, 2026, 12, 7, 18)  # may be past
    assert cal.end_of_day(at(NZ, 2026, 12, 25, 10)) == at(NZ, 2026, 12, 28, 18)


def test_subtract():
    cal = BusinessCalendar(NZ, LUNCH)
    assert cal.add(at(NZ, 2026, 12, 7, 10), -2 * H) == at(NZ, 2026, 12, 4, 17)
    assert cal.add(at(NZ, 2026, 12, 7, 14), -2 * H) == at(NZ, 2026, 12, 7, 11)


def test_results_are_in_the_calendar_zone():
    cal = BusinessCalendar(NZ)
    result = cal.add(datetime(2026, 12, 6, 22, tzinfo=UTC), H)  # Monday 11:00 NZDT
    assert result.tzinfo is NZ
    assert result == at(NZ, 2026, 12, 7, 12)


def test_long_amounts_are_fast_and_exact():
    """Ten years of business time: whole weeks are skipped (this would take seconds minute
    by minute), and the amount measures back exactly."""
    cal = BusinessCalendar(NZ, LUNCH, holidays={date(2030, 1, 1): "New Year"})
    start = at(NZ, 2026, 12, 3, 16)
    amount = 10 * 52 * 40 * H
    end = cal.add(start, amount)
    assert end.year == 2036
    assert cal.between(start, end) == amount
    assert cal.add(end, -amount) == start


def test_no_working_time_raises():
    empty = BusinessCalendar(NZ, {})
    t = at(NZ, 2026, 12, 7, 10)
    for call in (
        lambda: empty.add(t, H),
        lambda: empty.next_open(t),
        lambda: empty.add_days(t, 1),
        lambda: empty.end_of_day(t),
        lambda: empty.add(t, -H),
    ):
        with pytest.raises(CalendarError, match="no working hours"):
            call()
    assert empty.between(t, t + 100 * H) == timedelta(0)
    # only workdays: they are found directly, and after the last one there is nothing
    only = BusinessCalendar(NZ, {}, workdays=[date(2027, 3, 6)])
    assert only.add(t, H) == at(NZ, 2027, 3, 6, 10)
    with pytest.raises(CalendarError, match="no working time after"):
        only.add(t, 10 * H)
    # a year of holidays on top of a normal week is not "no working time"
    long_break = BusinessCalendar(
        NZ, holidays=[date(2027, 1, 1) + timedelta(days=k) for k in range(400)]
    )
    assert long_break.add(at(NZ, 2026, 12, 31, 17), 2 * H).date() == date(2028, 2, 7)


def test_spans_and_workdays():
    assert Span.parse("09:00-12:30") == Span(540, 750)
    assert Span.parse("00:00-24:00").minutes == 24 * 60
    assert Span.of((time(9), time(0))) == Span(540, 1440)
    for bad in ("9-18", "18:00-09:00", "09:00-24:30", "25:00-26:00"):
        with pytest.raises(ValueError):
            Span.parse(bad)
    cal = BusinessCalendar(
        NZ,
        {0: ["09:00-17:00"], 1: ["09:00-17:00"], 2: ["09:00-17:00"], 4: ["09:00-12:00"]},
        workdays=[
            Workday(date(2026, 12, 12)),
            Workday(date(2026, 12, 24), "half day", (Span.parse("09:00-13:00"),)),
        ],
    )
    # the normal weekday hours are the most common ones, not the short Friday's
    assert cal.hours_on(date(2026, 12, 12)) == (Span(540, 1020),)
    assert cal.hours_on(date(2026, 12, 24)) == (Span(540, 780),)
    assert cal.hours_on(date(2026, 12, 10)) == ()  # Thursday is off in this week
    with pytest.raises(CalendarError, match="both a holiday and a workday"):
        BusinessCalendar(NZ, holidays=[date(2026, 12, 12)], workdays=[date(2026, 12, 12)])


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="no time zone"):
        BusinessCalendar(NZ).add(datetime(2026, 12, 7, 10), H)


def test_working_day_helpers():
    assert CN_2026.next_working_day(date(2026, 2, 13)) == date(2026, 2, 14)
    assert CN_2026.next_working_day(date(2026, 2, 14)) == date(2026, 2, 24)
    assert CN_2026.next_working_day(date(2026, 1, 5), 20) == date(2026, 2, 2)
    assert CN_2026.previous_working_day(date(2026, 2, 24)) == date(2026, 2, 14)
    assert CN_2026.opening(date(2026, 2, 14)) == at(SHANGHAI, 2026, 2, 14, 9)
    assert CN_2026.closing(date(2026, 2, 17)) is None


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "Africa/Casablanca", "Australia/Lord_Howe"])
def test_week_skipping_agrees_with_counting_day_by_day(zone):
    """Against a plain day-by-day sum, over years of DST changes (Casablanca suspends its
    summer time for Ramadan; Lord Howe moves by 30 minutes), with hours across the changes."""
    cal = BusinessCalendar(ZoneInfo(zone), {d: ["01:00-04:00", "09:00-17:00"] for d in range(7)})
    a, b = datetime(2012, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC)
    reference = timedelta(0)
    d = a.astimezone(cal.tz).date()
    while datetime(d.year, d.month, d.day, tzinfo=cal.tz) < b:
        for span in cal.hours_on(d):
            s = datetime.combine(d, time(span.start // 60, span.start % 60), cal.tz)
            e = datetime.combine(d, time(span.end // 60, span.end % 60), cal.tz)
            lo, hi = max(s.astimezone(UTC), a), min(e.astimezone(UTC), b)
            if hi > lo:
                reference += hi - lo
        d += timedelta(days=1)
    assert cal.between(a, b) == reference
    assert cal.between(a, cal.add(a, reference)) == reference
