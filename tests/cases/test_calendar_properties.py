"""Properties of business time, on calendars chosen to be awkward: DST zones (one with a
30-minute change), lunch breaks, short days, round-the-clock, weekend-only hours,
holidays and make-up workdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core.cases.calendar import BusinessCalendar

HOLIDAYS = {date(2026, 12, 25): "Christmas", date(2026, 12, 28): "Boxing Day (observed)"}
HOLIDAYS |= {date(2027, 2, d): "春节" for d in range(5, 11)}
WORKDAYS = [date(2027, 2, 20), date(2026, 9, 26)]
CALENDARS = [
    BusinessCalendar(ZoneInfo("Pacific/Auckland"), holidays=HOLIDAYS, workdays=WORKDAYS),
    BusinessCalendar(
        ZoneInfo("Europe/London"),
        {d: ["09:00-12:00", "13:00-17:30"] for d in range(5)} | {4: ["09:00-15:00"]},
        holidays=HOLIDAYS,
    ),
    BusinessCalendar(ZoneInfo("Australia/Lord_Howe"), {d: ["00:00-24:00"] for d in range(7)}),
    BusinessCalendar(ZoneInfo("America/St_Johns"), {5: ["01:30-03:30"], 6: ["00:00-24:00"]}),
    BusinessCalendar(
        ZoneInfo("Asia/Shanghai"),
        {d: ["08:30-12:00", "13:30-17:30"] for d in range(5)},
        holidays=HOLIDAYS,
        workdays=WORKDAYS,
    ),
    BusinessCalendar(ZoneInfo("UTC"), {2: ["10:00-10:15"]}),
]

calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(
    min_value=datetime(2025, 6, 1), max_value=datetime(2028, 6, 1), timezones=st.just(UTC)
)
amounts = st.integers(min_value=0, max_value=3000 * 60).map(lambda m: timedelta(minutes=m))
fine_amounts = st.integers(min_value=0, max_value=10**12).map(lambda us: timedelta(microseconds=us))
SETTINGS = settings(max_examples=150, deadline=500)


def _inside_or_end(cal: BusinessCalendar, t: datetime) -> bool:
    return cal.is_working(t) or cal.is_working(t - timedelta(microseconds=1))


@SETTINGS
@given(calendars, instants, st.one_of(amounts, fine_amounts))
def test_adding_then_measuring_gives_the_amount_back(cal, t, amount):
    end = cal.add(t, amount)
    assert cal.between(t, end) == amount
    assert cal.between(cal.next_open(t), end) == amount  # after snapping too
    assert end >= t
    assert end.tzinfo is cal.tz


@SETTINGS
@given(calendars, instants, amounts)
def test_results_are_inside_working_time_or_at_an_interval_end(cal, t, amount):
    end = cal.add(t, amount)
    assert _inside_or_end(cal, end)
    if amount == timedelta(0):
        assert cal.is_working(end)
    opened = cal.next_open(t)
    assert cal.is_working(opened) and cal.between(t, opened) == timedelta(0)


@SETTINGS
@given(calendars, instants, amounts.filter(bool))
def test_subtracting_mirrors_adding(cal, t, amount):
    """(Adding zero snaps forward to the next opening, so zero is left out here.)"""
    start = cal.add(t, -amount)
    assert start < t
    assert cal.between(start, t) == amount
    assert cal.is_working(start)


@SETTINGS
@given(calendars, instants, instants, instants)
def test_between_is_additive_and_antisymmetric(cal, a, b, c):
    assert cal.between(a, b) == -cal.between(b, a)
    assert cal.between(a, b) + cal.between(b, c) == cal.between(a, c)


@SETTINGS
@given(calendars, instants, st.integers(min_value=0, max_value=60))
def test_add_days_lands_in_working_time_and_grows_with_n(cal, t, n):
    due = cal.add_days(t, n)
    assert _inside_or_end(cal, due)
    assert due >= cal.next_open(t) or n == 0
    if n:
        assert cal.add_days(t, n + 1) > due
        assert cal.between(t, due) > timedelta(0)
