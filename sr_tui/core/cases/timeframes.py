"""Timeframes engineers type, as due times on the business calendar.

A timeframe is a **duration** ("4 business hours", "2 个工作日": the sentence reads
"within [Timeframe]") or a **point** in time ("by 15:30 NZDT on Thursday 3 December",
"明天下班前": the sentence reads "by [ETA]"). `parse` turns text into a `Timeframe` (kind,
due, normalized text) or refuses with a `TimeframeError` that says what to write;
`timeframes_check.check_for` tells whether a text fits the sentence around a field.

What the words mean (from `now`, on the calendar):

- "N business hours" / "N 个工作小时": `calendar.add`; "N business days" / "N 个工作日":
  `calendar.add_days` (the same clock time N working days later, see there).
- "N hours", "N minutes": elapsed time; "N days", "N weeks": the same wall-clock time N
  calendar days later.
- "end of day", "end of business today", "今天下班前": the close of today's hours.
- A date without a time ("tomorrow", "Friday", "3 December", "明天"): the close of that
  day's hours; on a day without hours, 23:59 (with a note).
- A weekday: the first such day after today ("Friday" on a Friday is a week away);
  "this Friday" is the Friday of this Monday-to-Sunday week, "next Friday" (下周五) that of
  the following week. A date without a year: the next such date from today.
- A time without a date ("by 15:30"): its next occurrence (today, or tomorrow when past).
- A zone ("15:30 NZDT", "10:00 UTC", "(NZDT)"): the calendar's own abbreviations mean its
  wall-clock time (with a note when the other one is in effect on that date); others are
  fixed offsets. CST, IST and AST are ambiguous unless they are the calendar's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.calendar_days import CalendarError
from sr_tui.core.cases.timeframes_format import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    calendar_zones,
    format_due,
    suggest_durations,
    suggest_points,
    zone_label,
)
from sr_tui.core.cases.timeframes_grammar import read
from sr_tui.core.cases.timeframes_phrase import UNIT_WORDS, Kind, Phrase, TimeframeError, Unit
from sr_tui.core.cases.timeframes_words import AMBIGUOUS, sentence_kind, without_marker, zone_offset

__all__ = [
    "Phrase",
    "Timeframe",
    "TimeframeError",
    "format_due",
    "parse",
    "read",
    "sentence_kind",
    "suggest_durations",
    "suggest_points",
    "without_marker",
]


WITHIN_MARKERS = ("within", "in", "in the next", "inside", "inside of", "内")
_FIXED_UTC = {"UTC", "GMT", "Z"}


@dataclass(frozen=True)
class Timeframe:
    """A parsed timeframe: what kind, when it is due (in the calendar's zone), and the
    normalized text to write after "within" (duration) or "by" (point)."""

    kind: Kind
    due: datetime
    text: str
    source: str = ""
    notes: tuple[str, ...] = ()

    @property
    def phrase(self) -> str:
        return f"{'within' if self.kind == 'duration' else 'by'} {self.text}"


def parse(text: str, now: datetime, calendar: BusinessCalendar) -> Timeframe:
    """`text` as a due time from `now`. Raises only `TimeframeError`."""
    phrase = read(text, calendar_zones(calendar, now))
    try:
        return _resolve(phrase, text, now, calendar)
    except (CalendarError, OverflowError) as exc:
        raise TimeframeError(f"the calendar cannot place '{text.strip()}': {exc}", text) from exc


def _resolve(ph: Phrase, text: str, now: datetime, cal: BusinessCalendar) -> Timeframe:
    shown = text.strip()
    if ph.kind == "duration":
        if ph.marker and ph.marker not in WITHIN_MARKERS:
            raise TimeframeError(
                f"'{shown}': '{ph.marker}' takes a time such as '17:00 on Friday'; for a "
                f"duration write 'within {without_marker(text)}'",
                text,
            )
        return _duration(ph, text, now, cal)
    if ph.marker in WITHIN_MARKERS:
        raise TimeframeError(
            f"'{shown}': '{ph.marker}' takes a duration such as '2 business days'; for a day "
            f"or a time write 'by {without_marker(text)}'",
            text,
        )
    return _point(ph, text, now, cal)


def _number(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def _duration(ph: Phrase, text: str, now: datetime, cal: BusinessCalendar) -> Timeframe:
    assert ph.unit is not None
    amount, unit = ph.amount, ph.unit
    if unit == "business_hour":
        due = cal.add(now, timedelta(hours=amount))
    elif unit == "business_day":
        due = cal.add_days(now, int(amount))
    elif unit in ("hour", "minute"):
        step = timedelta(hours=amount) if unit == "hour" else timedelta(minutes=amount)
        due = (now.astimezone(UTC) + step).astimezone(cal.tz)
    else:
        days = int(amount) * (7 if unit == "week" else 1)
        local = now.astimezone(cal.tz).replace(tzinfo=None) + timedelta(days=days)
        due = local.replace(tzinfo=cal.tz).astimezone(UTC).astimezone(cal.tz)
    return Timeframe("duration", due, _duration_text(amount, unit), text)


def _duration_text(amount: float, unit: Unit) -> str:
    return f"{_number(amount)} {UNIT_WORDS[unit]}{'' if amount == 1 else 's'}"


def _zone(ph: Phrase, cal: BusinessCalendar, now: datetime) -> tuple[tzinfo, tzinfo | None]:
    """(the zone the text's wall times are in, the zone to write the result in or None
    for the calendar's)."""
    if ph.zone is None:
        return cal.tz, None
    own = calendar_zones(cal, now)
    if ph.zone not in _FIXED_UTC and ph.zone in own:
        return cal.tz, None
    if ph.zone in _FIXED_UTC and set(own.values()) == {timedelta(0)}:  # a UTC calendar
        return cal.tz, None
    if ph.zone in AMBIGUOUS:
        raise TimeframeError(
            f"{ph.zone} can mean {AMBIGUOUS[ph.zone]}; write the offset, e.g. 'UTC+8'", ph.body
        )
    offset = zone_offset(ph.zone)
    if offset is None:  # the grammar only lets known zones through
        raise TimeframeError(f"unknown time zone {ph.zone}", ph.body)
    fixed = timezone(offset, "UTC" if ph.zone in _FIXED_UTC else ph.zone)
    return fixed, fixed


def _calendar_date(ph: Phrase, today: date, text: str) -> date:
    assert ph.month is not None and ph.day is not None
    years = [ph.year] if ph.year is not None else list(range(today.year, today.year + 9))
    for year in years:
        if not 1900 <= year <= 2999:
            raise TimeframeError(f"'{text.strip()}': the year {year} is out of range", text)
        try:
            d = date(year, ph.month, ph.day)
        except ValueError:
            continue
        if ph.year is not None or d >= today:
            return d
    raise TimeframeError(f"'{text.strip()}' is not a date on the calendar", text)


def _weekday_date(today: date, weekday: int, week: str | None) -> date:
    monday = today - timedelta(days=today.weekday())
    if week == "this":
        return monday + timedelta(days=weekday)
    if week == "next":
        return monday + timedelta(days=7 + weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _point(ph: Phrase, text: str, now: datetime, cal: BusinessCalendar) -> Timeframe:
    shown = text.strip()
    zone_tz, render = _zone(ph, cal, now)
    local_now = now.astimezone(zone_tz)
    today = local_now.date()
    days: list[date] = []
    if ph.has_date:
        d = _calendar_date(ph, today, text)
        if ph.weekday is not None and d.weekday() != ph.weekday:
            raise TimeframeError(
                f"'{shown}': {_day(d)} {d.year} is a {WEEKDAY_NAMES[d.weekday()]}, not a "
                f"{WEEKDAY_NAMES[ph.weekday]}",
                text,
            )
        days.append(d)
    elif ph.weekday is not None:
        days.append(_weekday_date(today, ph.weekday, ph.week))
    if ph.relative is not None:
        days.append(today + timedelta(days=ph.relative))
    if ph.next_working_day:
        days.append(cal.next_working_day(today))
    if ph.end_of_week:
        monday = today - timedelta(days=today.weekday())
        left = [
            d for d in (monday + timedelta(days=k) for k in range(7))
            if d >= today and cal.is_working_day(d)
        ]  # fmt: skip
        if not left:
            raise TimeframeError(
                f"'{shown}': no working day is left this week; write a day, e.g. 'Monday'", text
            )
        days.append(left[-1])
    if len(set(days)) > 1:
        raise TimeframeError(f"'{shown}' names two different days", text)
    notes: list[str] = []
    if ph.has_time:
        if ph.end_of_day or ph.end_of_week:
            raise TimeframeError(f"'{shown}' gives both a time and 'end of day'", text)
        assert ph.minute is not None and ph.hour is not None
        d = days[0] if days else today
        due = _wall(d, ph.hour, ph.minute, zone_tz, ph.zone)
        if not days and due < now:
            due = _wall(d + timedelta(days=1), ph.hour, ph.minute, zone_tz, ph.zone)
    else:
        if render is not None:
            raise TimeframeError(
                f"'{shown}': the end of the day is in the calendar's zone; write a time in "
                f"{ph.zone}, e.g. '17:00 {ph.zone} tomorrow'",
                text,
            )
        d = days[0] if days else today
        close = cal.closing(d)
        if close is None:
            due = _wall(d, 23, 59, cal.tz)
            notes.append(f"{WEEKDAY_NAMES[d.weekday()]} {_day(d)} is not a working day")
        else:
            due = close
    due = due.astimezone(cal.tz)
    if ph.zone and render is None and ph.zone != zone_label(due):
        notes.append(f"{ph.zone} is not in use on {due.date()}; it is {zone_label(due)}")
    normalized = format_due(due, now, cal, zone=render, by=False)
    return Timeframe("point", due, normalized, text, tuple(notes))


def _day(d: date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]}"


def _wall(d: date, hour: int, minute: int, tz: tzinfo, abbreviation: str | None = None) -> datetime:
    """Local wall time. A time the clocks pass twice is the one `abbreviation` names (else
    the first); a time in a DST gap becomes the same reading on the new offset."""
    naive = datetime(d.year, d.month, d.day, hour, minute, tzinfo=tz)
    if abbreviation and zone_label(naive) != abbreviation:
        other = naive.replace(fold=1)
        if zone_label(other) == abbreviation:
            naive = other
    return naive.astimezone(UTC).astimezone(tz)
