"""Whether a timeframe fits the sentence around a field, and what to write when it does not."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime, timedelta
from math import ceil

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.calendar_days import CalendarError
from sr_tui.core.cases.timeframes import Timeframe, _duration_text, parse
from sr_tui.core.cases.timeframes_format import (
    calendar_zones,
    format_date,
    format_due,
    suggest_points,
)
from sr_tui.core.cases.timeframes_grammar import read
from sr_tui.core.cases.timeframes_phrase import CLOCK_EXAMPLES, EXAMPLES, Phrase, TimeframeError
from sr_tui.core.cases.timeframes_words import FieldSense, without_marker

DURATION_EXAMPLE = "4 business hours"


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def check_for(
    kind: FieldSense,
    text: str,
    now: datetime | None = None,
    calendar: BusinessCalendar | None = None,
    *,
    zones: Collection[str] = (),
) -> str | None:
    """None when `text` fits a field whose sentence reads "within [X]" (`duration`),
    "by [X]" (`point`) or "as of [X]" (`date`, a calendar date, past allowed); else a
    message saying what to write. With `now` and `calendar` the text is also placed on the
    calendar (weekday and date agree, a point is not already past) and the examples in
    messages are computed from them."""
    if kind not in ("duration", "point", "date"):
        raise ValueError(f"unknown field sense {kind!r}")
    if calendar is not None and now is not None:
        zones = {*zones, *calendar_zones(calendar, now)}
    try:
        ph = read(text, zones)
    except TimeframeError as exc:
        return _fitting(exc.message, kind, now, calendar)
    shown, bare = text.strip(), without_marker(text)
    if kind == "duration":
        if ph.kind == "point":
            return (
                f"'{shown}' after 'within' — write '{_duration_example(ph, now, calendar)}' or "
                "change the sentence"
            )
        if ph.marker:
            return f"the sentence already says 'within' — write '{bare}'"
    elif ph.kind == "duration":
        return (
            f"'{shown}' after '{'by' if kind == 'point' else 'as of'}' — write "
            f"'{_point_example(ph, now, calendar)}' or change the sentence"
        )
    elif ph.marker:
        word = "by" if kind == "point" else "as of"
        return f"the sentence already says '{word}' — write '{bare}'"
    elif kind == "date" and (not ph.has_date or ph.has_time):
        return f"'{shown}': write a date such as '30 June 2024'"
    elif kind == "date" and ph.year is None:
        return f"'{shown}': write the year too, e.g. '{bare} 2024'"
    tf: Timeframe | None = None
    if now is not None and calendar is not None:
        try:
            tf = parse(text, now, calendar)
        except TimeframeError as exc:
            return exc.message
        if kind == "point" and tf.due < now:
            return (
                f"'{shown}' is already past (it is {format_due(now, now, calendar, by=False)}); "
                f"write e.g. '{suggest_points(now, calendar)[0]}'"
            )
    if _CJK.search(text):
        if ph.kind == "duration":
            english = _duration_text(ph.amount, ph.unit)  # type: ignore[arg-type]
        elif tf is not None:
            english = format_date(tf.due.date()) if kind == "date" else tf.text
        else:
            english = "30 June 2024" if kind == "date" else "17:00 on Friday"
        return f"the email is in English — write '{english}'"
    return None


def _fitting(
    message: str, kind: FieldSense, now: datetime | None, cal: BusinessCalendar | None
) -> str:
    """A refusal of `read` with its closing advice (a duration or a time, for any field)
    replaced by what fits the field's sentence: a duration after "within", a day and a
    time after "by" (the first of the points suggested from now), a date after "as of"."""
    for generic in (EXAMPLES, CLOCK_EXAMPLES):
        if message.endswith(generic):
            return message[: -len(generic)] + _advice(kind, now, cal)
    return message


def _advice(kind: FieldSense, now: datetime | None, cal: BusinessCalendar | None) -> str:
    if kind == "duration":
        return f"write a duration such as '{DURATION_EXAMPLE}'"
    if kind == "point":
        points = suggest_points(now, cal) if now is not None and cal is not None else []
        return f"write a day and a time such as '{points[0] if points else '17:00 on Friday'}'"
    today = now.astimezone(cal.tz).date() if now is not None and cal is not None else None
    return f"write a date such as '{format_date(today) if today else '30 June 2024'}'"


def _duration_example(ph: Phrase, now: datetime | None, cal: BusinessCalendar | None) -> str:
    if now is None or cal is None:
        return "2 business days"
    try:
        due = parse(ph.body, now, cal).due
        days, d = 0, now.astimezone(cal.tz).date()
        while days < 400:
            d = cal.next_working_day(d)
            if d > due.date():
                break
            days += 1
        if days:
            return f"{days} business day{'s' if days != 1 else ''}"
        hours = ceil(cal.between(now, due) / timedelta(hours=1))
        if hours > 0:
            return f"{hours} business hour{'s' if hours != 1 else ''}"
    except (TimeframeError, CalendarError):
        pass
    return "2 business days"


def _point_example(ph: Phrase, now: datetime | None, cal: BusinessCalendar | None) -> str:
    if now is None or cal is None:
        return "17:00 on Friday"
    try:
        return format_due(parse(ph.body, now, cal).due, now, cal, by=False)
    except TimeframeError:
        return "17:00 on Friday"
