"""The promise an email makes: its timeframe / ETA field values as a due time from when it
went out ("within 4 business hours" -> 14:05; D2's "[X] business days" -> the date it
announces). Stored on the email entry (`EmailDetail.promise`, `promise_text`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.timeframes import TimeframeError, parse, sentence_kind
from sr_tui.core.cases.timeframes_check import check_for

#: The fields whose value is a promise, in the order they are looked for.
PROMISE_FIELDS = ("timeframe", "eta", "next_update", "response_days")
#: Fields whose value is a bare number of business days (D2: "within [X] business days").
DAY_COUNT_FIELDS = ("response_days",)


def promise_text(field_id: str, value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if text and field_id in DAY_COUNT_FIELDS and text.isdigit():
        return f"{text} business day{'s' if text != '1' else ''}"
    return text


def promise_of(
    field_ids: tuple[str, ...],
    values: Mapping[str, object],
    at: datetime,
    calendar: BusinessCalendar,
) -> tuple[datetime | None, str]:
    """(due, words) of the first promise field the template has and the values fill;
    (None, "") when there is none or it does not parse."""
    for field_id in PROMISE_FIELDS:
        if field_id not in field_ids:
            continue
        text = promise_text(field_id, values.get(field_id))
        if not text:
            continue
        try:
            tf = parse(text, at, calendar)
        except TimeframeError:
            continue
        return tf.due, tf.text if tf.kind == "duration" else text
    return None, ""


def timeframe_problems(
    body: str,
    field_ids: tuple[str, ...],
    values: Mapping[str, object],
    now: datetime,
    calendar: BusinessCalendar,
) -> dict[str, str]:
    """Field id -> what is wrong with its value for the sentence around it ("'by Friday'
    after 'within' — write '2 business days' or change the sentence")."""
    out: dict[str, str] = {}
    for field_id in field_ids:
        if field_id in DAY_COUNT_FIELDS:
            continue
        value = values.get(field_id)
        if not isinstance(value, str) or not value.strip():
            continue
        sense = sentence_kind(body, field_id)
        if sense is None:
            continue
        message = check_for(sense, value, now, calendar)
        if message:
            out[field_id] = message
    return out
