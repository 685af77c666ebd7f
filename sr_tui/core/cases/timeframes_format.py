"""Writing due times the way the house style wants them, and suggestion lists computed from
now and the calendar (never fixed dates).

The rule for `format_due` (`zone` defaults to the calendar's):

- "HH:MM ZONE" in 24-hour time, ZONE the abbreviation in effect at that moment ("NZDT",
  "CST"; "UTC+04" for zones without a letter abbreviation);
- then "today" when the due time falls on the same local date as now, "tomorrow" when it
  falls on the next local date and it is 06:00 or later now (in the small hours "tomorrow"
  is read both ways), else "on Thursday 3 December";
- the year is added when the date is in the past or more than 300 days ahead.

    by 17:00 NZDT today / by 10:00 NZDT tomorrow / by 15:30 NZDT on Thursday 3 December
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from sr_tui.core.cases.calendar import BusinessCalendar

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
#: "tomorrow" is used only from this local hour on.
TOMORROW_FROM_HOUR = 6
#: Dates further ahead than this (or in the past) get their year.
YEAR_AFTER_DAYS = 300
DURATION_SUGGESTIONS = (
    "2 business hours",
    "4 business hours",
    "1 business day",
    "2 business days",
    "24 hours",
    "48 hours",
)


def zone_label(t: datetime) -> str:
    """The abbreviation in effect at `t` ("NZDT"), or "UTC+04" where the zone has none."""
    name = t.tzname() or ""
    if name and name[0] not in "+-" and not name[0].isdigit():
        return name
    offset = t.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")


def calendar_zones(calendar: BusinessCalendar, around: datetime) -> dict[str, timedelta]:
    """The abbreviations the calendar's zone uses in the year around `around`, with their
    offsets (Pacific/Auckland: NZST and NZDT)."""
    found: dict[str, timedelta] = {}
    for months in range(-6, 13, 3):
        t = (around + timedelta(days=30.5 * months)).astimezone(calendar.tz)
        found.setdefault(zone_label(t), t.utcoffset() or timedelta(0))
    return found


def day_words(d: date, today: date, *, now_hour: int = 12) -> str:
    """'today', 'tomorrow' or 'on Thursday 3 December' (with the year when needed)."""
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1 and now_hour >= TOMORROW_FROM_HOUR:
        return "tomorrow"
    text = f"on {WEEKDAY_NAMES[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1]}"
    if not 0 <= days <= YEAR_AFTER_DAYS:
        text += f" {d.year}"
    return text


def format_date(d: date) -> str:
    """'30 June 2024'."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def format_due(
    due: datetime,
    now: datetime,
    calendar: BusinessCalendar,
    *,
    zone: tzinfo | None = None,
    by: bool = True,
) -> str:
    """'by 15:30 NZDT on Thursday 3 December' (see the module's rule); without `by` the
    phrase alone, as a "by [ETA]" field takes it."""
    tz = zone or calendar.tz
    local, local_now = due.astimezone(tz), now.astimezone(tz)
    phrase = (
        f"{local:%H:%M} {zone_label(local)} "
        f"{day_words(local.date(), local_now.date(), now_hour=local_now.hour)}"
    )
    return f"by {phrase}" if by else phrase


def suggest_durations() -> list[str]:
    """Durations for a "within [Timeframe]" field."""
    return list(DURATION_SUGGESTIONS)


def _mid_morning(calendar: BusinessCalendar, d: date) -> datetime | None:
    """An hour after the day's opening (10:00 for a 09:00 start), inside its first interval."""
    hours = calendar.hours_on(d)
    opening = calendar.opening(d)
    if not hours or opening is None:
        return None
    return opening + timedelta(minutes=min(60, hours[0].minutes // 2))


def suggest_points(now: datetime, calendar: BusinessCalendar) -> list[str]:
    """Points in time for a "by [ETA]" field, computed from now: the end of today's hours,
    mid-morning and the close of the next working day, the close two working days on and
    at the end of the working week. Only future times, earliest first, no repeats."""
    today = now.astimezone(calendar.tz).date()
    candidates: list[datetime | None] = [calendar.closing(today)]
    following = calendar.next_working_day(today)
    candidates += [_mid_morning(calendar, following), calendar.closing(following)]
    candidates.append(calendar.closing(calendar.next_working_day(today, 2)))
    monday = today - timedelta(days=today.weekday())
    week = [monday + timedelta(days=k) for k in range(7)]
    last = [d for d in week if d >= today and calendar.is_working_day(d)]
    if last:
        candidates.append(calendar.closing(last[-1]))
    seen: list[datetime] = []
    for t in candidates:
        if t is not None and t > now and t not in seen:
            seen.append(t)
    return [format_due(t, now, calendar, by=False) for t in sorted(seen)]
