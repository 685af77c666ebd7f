"""The business calendar shown as text (`sr-tui calendar show`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sr_tui.core.cases.calendar import WEEKDAYS, BusinessCalendar, Span, zone_name
from sr_tui.core.cases.calendar_entries import _weekday


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
