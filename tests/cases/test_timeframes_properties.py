"""Properties of the timeframe parser: any text gives a Timeframe or a TimeframeError and
nothing else, within a deadline; what `format_due` writes parses back to the same time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.timeframes import TimeframeError, format_due, parse
from sr_tui.core.cases.timeframes_check import check_for

CALENDARS = [
    BusinessCalendar(ZoneInfo("Pacific/Auckland"), holidays=[date(2026, 12, 25)]),
    BusinessCalendar(
        ZoneInfo("Asia/Shanghai"),
        {d: ["09:00-12:00", "13:00-18:00"] for d in range(5)},
        workdays=[date(2027, 2, 20)],
    ),
    BusinessCalendar(ZoneInfo("Europe/London"), {d: ["00:00-24:00"] for d in range(7)}),
]
WORDS = [
    "by", "within", "in", "on", "at", "next", "this", "end", "of", "day", "business", "hours",
    "hour", "days", "minutes", "weeks", "today", "tomorrow", "Friday", "Mon", "December",
    "3", "15:30", "5", "pm", "am", "NZDT", "UTC", "UTC+8", "CST", "2026-12-03", "(NZDT)",
    ",", "个", "工作日", "工作小时", "小时", "明天", "下班前", "下周一", "12月3日", "点", "半",
    "两", "十", "内", "前", "soon", "尽快", "1.5", "0", "99999", "/", "-", "24:00",
]  # fmt: skip

calendars = st.sampled_from(CALENDARS)
nows = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2029, 1, 1), timezones=st.just(UTC)
)
any_text = st.text(max_size=80)
word_soup = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
SETTINGS = settings(max_examples=200, deadline=400)


def _parse_or_refuse(text: str, now: datetime, cal: BusinessCalendar) -> None:
    try:
        tf = parse(text, now, cal)
    except TimeframeError as exc:
        assert exc.message
        return
    assert tf.kind in ("duration", "point")
    assert tf.due.tzinfo is cal.tz
    assert tf.text
    if tf.kind == "duration":
        assert tf.due > now


@SETTINGS
@given(any_text, nows, calendars)
def test_any_text_parses_or_is_refused(text, now, cal):
    _parse_or_refuse(text, now, cal)


@SETTINGS
@given(word_soup, nows, calendars)
def test_word_soup_parses_or_is_refused(text, now, cal):
    _parse_or_refuse(text, now, cal)
    for kind in ("duration", "point", "date"):
        message = check_for(kind, text, now, cal)
        assert message is None or isinstance(message, str)


@SETTINGS
@given(
    nows,
    calendars,
    st.integers(min_value=-400 * 24 * 60, max_value=600 * 24 * 60),
    st.booleans(),
)
# The hour London's clocks pass twice (BST ends 31 October 2027): "01:00 BST" is the first.
@example(datetime(2027, 10, 30, 23, 34, tzinfo=UTC), CALENDARS[2], 26, False)
def test_what_format_due_writes_parses_back(now, cal, minutes, with_by):
    """The same moment back. Compared in UTC: Python's `==` calls two aware times of
    different zones unequal whenever one is a wall time the clocks pass twice (PEP 495),
    even when both name the same instant, as 01:00 BST and 00:00 UTC do."""
    due = (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    text = format_due(due, now, cal, by=with_by)
    assert parse(text, now, cal).due.astimezone(UTC) == due, text


@SETTINGS
@given(nows, calendars)
def test_normalized_text_parses_back(now, cal):
    for text in ("4 business hours", "2 business days", "tomorrow", "next Monday", "明天下班前"):
        tf = parse(text, now, cal)
        assert parse(tf.text, now, cal).due == tf.due
