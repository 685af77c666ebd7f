"""Timeframes: what engineers type (English and Chinese, every suggestion in templates/),
what it is due at, how it is written back, and the refusals with their messages."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.timeframes import (
    TimeframeError,
    format_due,
    parse,
    sentence_kind,
    suggest_durations,
    suggest_points,
)
from sr_tui.core.cases.timeframes_check import check_for

NZ = ZoneInfo("Pacific/Auckland")
SHANGHAI = ZoneInfo("Asia/Shanghai")
CAL = BusinessCalendar(NZ, holidays={date(2026, 12, 25): "Christmas Day"})
#: Wednesday 2 December 2026, 10:30 NZDT.
NOW = datetime(2026, 12, 2, 10, 30, tzinfo=NZ)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def nz(*args: int) -> datetime:
    return datetime(*args, tzinfo=NZ)


@pytest.mark.parametrize(
    ("text", "kind", "due", "normalized"),
    [
        ("4 business hours", "duration", nz(2026, 12, 2, 14, 30), "4 business hours"),
        ("1 business day", "duration", nz(2026, 12, 3, 10, 30), "1 business day"),
        ("2 business days", "duration", nz(2026, 12, 4, 10, 30), "2 business days"),
        ("24 hours", "duration", nz(2026, 12, 3, 10, 30), "24 hours"),
        ("48 hours", "duration", nz(2026, 12, 4, 10, 30), "48 hours"),
        ("30 minutes", "duration", nz(2026, 12, 2, 11, 0), "30 minutes"),
        ("within 2 business days", "duration", nz(2026, 12, 4, 10, 30), "2 business days"),
        ("in 90 minutes", "duration", nz(2026, 12, 2, 12, 0), "90 minutes"),
        ("one business day", "duration", nz(2026, 12, 3, 10, 30), "1 business day"),
        ("an hour", "duration", nz(2026, 12, 2, 11, 30), "1 hour"),
        ("half an hour", "duration", nz(2026, 12, 2, 11, 0), "30 minutes"),
        ("1.5 business hours", "duration", nz(2026, 12, 2, 12, 0), "1.5 business hours"),
        ("8 business hours", "duration", nz(2026, 12, 3, 9, 30), "8 business hours"),
        ("3 days", "duration", nz(2026, 12, 5, 10, 30), "3 days"),
        ("1 week", "duration", nz(2026, 12, 9, 10, 30), "1 week"),
        ("4h", "duration", nz(2026, 12, 2, 14, 30), "4 hours"),
        ("16 Business Hours", "duration", nz(2026, 12, 3, 17, 30), "16 business hours"),
        ("end of day", "point", nz(2026, 12, 2, 18), "18:00 NZDT today"),
        ("end of business today", "point", nz(2026, 12, 2, 18), "18:00 NZDT today"),
        ("EOD", "point", nz(2026, 12, 2, 18), "18:00 NZDT today"),
        ("close of business tomorrow", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("tomorrow", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("tomorrow 10:00", "point", nz(2026, 12, 3, 10), "10:00 NZDT tomorrow"),
        ("10am tomorrow", "point", nz(2026, 12, 3, 10), "10:00 NZDT tomorrow"),
        (
            "by 15:30 NZDT on Thursday 3 December",
            "point",
            nz(2026, 12, 3, 15, 30),
            "15:30 NZDT tomorrow",
        ),
        ("15:30 on Thursday 3 December", "point", nz(2026, 12, 3, 15, 30), "15:30 NZDT tomorrow"),
        ("Friday", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("by Friday", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("no later than Fri", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("Wednesday", "point", nz(2026, 12, 9, 18), "18:00 NZDT on Wednesday 9 December"),
        ("this Friday", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("next Friday", "point", nz(2026, 12, 11, 18), "18:00 NZDT on Friday 11 December"),
        ("next Monday", "point", nz(2026, 12, 7, 18), "18:00 NZDT on Monday 7 December"),
        ("3 December", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("December 7th", "point", nz(2026, 12, 7, 18), "18:00 NZDT on Monday 7 December"),
        ("1 December", "point", nz(2027, 12, 1, 18), "18:00 NZDT on Wednesday 1 December 2027"),
        ("2026-12-03 15:30", "point", nz(2026, 12, 3, 15, 30), "15:30 NZDT tomorrow"),
        ("2026-12-08", "point", nz(2026, 12, 8, 18), "18:00 NZDT on Tuesday 8 December"),
        ("by 09:00", "point", nz(2026, 12, 3, 9), "09:00 NZDT tomorrow"),
        ("by 5 pm", "point", nz(2026, 12, 2, 17), "17:00 NZDT today"),
        ("noon Monday", "point", nz(2026, 12, 7, 12), "12:00 NZDT on Monday 7 December"),
        # a zone's own dates: it is still Tuesday 1 December in UTC
        ("10:00 UTC tomorrow", "point", nz(2026, 12, 2, 23), "10:00 UTC tomorrow"),
        ("17:00 UTC+8 on Friday", "point", nz(2026, 12, 4, 22), "17:00 UTC+8 on Friday 4 December"),
        ("next business day", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("end of week", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        # Christmas Day is a holiday: no hours, so the end of the day, with a note
        ("25 December", "point", nz(2026, 12, 25, 23, 59), "23:59 NZDT on Friday 25 December"),
        # Chinese
        ("2 个工作日", "duration", nz(2026, 12, 4, 10, 30), "2 business days"),
        ("1 个工作日", "duration", nz(2026, 12, 3, 10, 30), "1 business day"),
        ("两个工作日内", "duration", nz(2026, 12, 4, 10, 30), "2 business days"),
        ("4 小时", "duration", nz(2026, 12, 2, 14, 30), "4 hours"),
        ("3 个工作小时", "duration", nz(2026, 12, 2, 13, 30), "3 business hours"),
        ("4 个工作小时", "duration", nz(2026, 12, 2, 14, 30), "4 business hours"),
        ("４个工作小时", "duration", nz(2026, 12, 2, 14, 30), "4 business hours"),
        ("半小时", "duration", nz(2026, 12, 2, 11, 0), "30 minutes"),
        ("30分钟", "duration", nz(2026, 12, 2, 11, 0), "30 minutes"),
        ("今天下班前", "point", nz(2026, 12, 2, 18), "18:00 NZDT today"),
        ("下班前", "point", nz(2026, 12, 2, 18), "18:00 NZDT today"),
        ("明天", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("明天上午10点", "point", nz(2026, 12, 3, 10), "10:00 NZDT tomorrow"),
        ("明天下午3点半", "point", nz(2026, 12, 3, 15, 30), "15:30 NZDT tomorrow"),
        ("后天", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("周五前", "point", nz(2026, 12, 4, 18), "18:00 NZDT on Friday 4 December"),
        ("下周一", "point", nz(2026, 12, 7, 18), "18:00 NZDT on Monday 7 December"),
        ("下周一 10:00", "point", nz(2026, 12, 7, 10), "10:00 NZDT on Monday 7 December"),
        ("星期四下班前", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        ("12月3日", "point", nz(2026, 12, 3, 18), "18:00 NZDT tomorrow"),
        (
            "2026年12月8日 15:30",
            "point",
            nz(2026, 12, 8, 15, 30),
            "15:30 NZDT on Tuesday 8 December",
        ),
        ("十二月八日", "point", nz(2026, 12, 8, 18), "18:00 NZDT on Tuesday 8 December"),
    ],
)
def test_parse(text: str, kind: str, due: datetime, normalized: str):
    tf = parse(text, NOW, CAL)
    assert (tf.kind, tf.due, tf.text) == (kind, due, normalized)
    assert tf.due.tzinfo is NZ
    assert tf.source == text
    assert tf.phrase == f"{'within' if kind == 'duration' else 'by'} {normalized}"


def test_notes():
    assert parse("25 December", NOW, CAL).notes == ("Friday 25 December is not a working day",)
    winter = parse("17:00 NZDT on 15 June", NOW, CAL)  # NZ is on NZST in June
    assert winter.due == nz(2027, 6, 15, 17)
    assert winter.notes == ("NZDT is not in use on 2027-06-15; it is NZST",)
    assert parse("17:00 NZDT on Friday", NOW, CAL).notes == ()


def test_the_calendar_zone_abbreviation_picks_the_hour_the_clocks_pass_twice():
    # NZ 5 April 2026: 03:00 NZDT -> 02:00 NZST, so 02:30 happens twice
    cal = BusinessCalendar(NZ, {6: ["00:00-24:00"]})
    now = nz(2026, 4, 1, 12)
    first = parse("02:30 NZDT on 5 April", now, cal).due
    second = parse("02:30 NZST on 5 April", now, cal).due
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert format_due(first, now, cal) == "by 02:30 NZDT on Sunday 5 April"
    assert format_due(second, now, cal) == "by 02:30 NZST on Sunday 5 April"


def test_a_calendar_in_utc_takes_utc_as_its_own():
    cal = BusinessCalendar(ZoneInfo("UTC"))
    now = datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("UTC"))
    assert parse("end of day (UTC)", now, cal).text == "18:00 UTC today"
    assert parse("10:00 GMT tomorrow", now, cal).due == datetime(2026, 12, 3, 10, tzinfo=UTC)


def test_a_calendar_in_china():
    cal = BusinessCalendar(SHANGHAI, {d: ["09:00-12:00", "13:00-18:00"] for d in range(5)})
    now = datetime(2026, 12, 2, 11, tzinfo=SHANGHAI)
    tf = parse("3 个工作小时", now, cal)
    assert tf.due == datetime(2026, 12, 2, 15, tzinfo=SHANGHAI)
    assert parse("明天下班前", now, cal).text == "18:00 CST tomorrow"
    assert parse("10:00 CST on Friday", now, cal).due == datetime(2026, 12, 4, 10, tzinfo=SHANGHAI)


REFUSALS = [
    ("soon", "'soon' is not a time the customer can hold you to ('soon'); write a duration"),
    ("ASAP", "'ASAP' is not a time the customer can hold you to ('asap')"),
    ("shortly", "'shortly' is not a time the customer can hold you to"),
    ("in a while", "'in a while' is not a time the customer can hold you to ('in a while')"),
    ("as soon as possible", "'as soon as possible' is not a time the customer can hold you to"),
    ("a few days", "'a few days' is not a time the customer can hold you to ('a few')"),
    ("尽快", "'尽快' is not a time the customer can hold you to ('尽快')"),
    ("稍后", "'稍后' is not a time"),
    ("tomorrow morning", "'tomorrow morning': 'morning' is not a clock time; write e.g."),
    ("", "empty; write a duration such as '4 business hours' or a time such as '17:00 today'"),
    ("blue", "cannot read 'blue' in 'blue'"),
    ("3", "cannot read '3' in '3'"),
    ("12/03", "'12/03' can be read two ways (day/month or month/day); write '3 December'"),
    ("10:00 CST", "CST can mean China (UTC+8) or US Central (UTC-6); write the offset"),
    ("Thursday 4 December", "'Thursday 4 December': 4 December 2026 is a Friday, not a Thursday"),
    ("31 February", "'31 February' is not a date on the calendar"),
    ("25:00 tomorrow", "'25:00' is not a time of day"),
    ("1.5 business days", "'1.5 business days': write whole business days, or business hours"),
    ("0 hours", "'0 hours' is no time at all"),
    ("99999 business days", "'99999 business days' is more than ten years away"),
    ("by 2 business days", "'by 2 business days': 'by' takes a time such as '17:00 on Friday';"),
    ("within Friday", "'within Friday': 'within' takes a duration such as '2 business days'; "),
    ("Friday Monday", "'Friday Monday' names two weekdays"),
    ("tomorrow Friday", "'tomorrow Friday' names two different days"),
    ("17:00 end of day", "'17:00 end of day' gives both a time and 'end of day'"),
    ("end of day (UTC)", "'end of day (UTC)': the end of the day is in the calendar's zone"),
    ("10:00 (Mars)", "cannot read '(mars)' as a time zone"),
    ("x" * 300, "that is too long for a timeframe"),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS)
def test_refusals(text: str, message: str):
    with pytest.raises(TimeframeError) as caught:
        parse(text, NOW, CAL)
    assert caught.value.message.startswith(message), caught.value.message
    assert str(caught.value) == caught.value.message


def test_within_friday_suggests_by():
    with pytest.raises(TimeframeError, match="write 'by Friday'"):
        parse("within Friday", NOW, CAL)


# -- fitting the sentence -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("duration", "2 business days", None),
        ("duration", "2 个工作日", "the email is in English — write '2 business days'"),
        (
            "duration",
            "by Friday",
            "'by Friday' after 'within' — write '2 business days' or change the sentence",
        ),
        ("duration", "within 2 days", "the sentence already says 'within' — write '2 days'"),
        ("duration", "soon", "'soon' is not a time the customer can hold you to"),
        ("point", "17:00 NZDT on Friday 4 December", None),
        ("point", "Friday", None),
        ("point", "by Friday", "the sentence already says 'by' — write 'Friday'"),
        (
            "point",
            "2 business days",
            "'2 business days' after 'by' — write '17:00 on Friday' or change the sentence",
        ),
        ("point", "明天", "the email is in English — write "),
        ("date", "30 June 2024", None),
        ("date", "tomorrow 10:00", "'tomorrow 10:00': write a date such as '30 June 2024'"),
        ("date", "as of 30 June 2024", "the sentence already says 'as of' — write '30 June 2024'"),
        ("date", "30 June", "'30 June': write the year too, e.g. '30 June 2024'"),
    ],
)
def test_check_for_without_a_calendar(kind, text, message):
    found = check_for(kind, text)
    if message is None:
        assert found is None
    else:
        assert found is not None and found.startswith(message), found


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("duration", "4 business hours", None),
        ("duration", "by Friday", "'by Friday' after 'within' — write '2 business days' or"),
        (
            "duration",
            "by 16:00 today",
            "'by 16:00 today' after 'within' — write '6 business hours'",
        ),
        (
            "point",
            "2 business days",
            "'2 business days' after 'by' — write '10:30 NZDT on Friday 4 December' or change",
        ),
        ("point", "明天", "the email is in English — write '18:00 NZDT tomorrow'"),
        ("point", "09:00 today", "'09:00 today' is already past (it is 10:30 NZDT today); write"),
        ("point", "Thursday 4 December", "'Thursday 4 December': 4 December 2026 is a Friday"),
        ("point", "17:00 NZDT today", None),
        ("date", "2024年6月30日", "the email is in English — write '30 June 2024'"),
    ],
)
def test_check_for_on_the_calendar(kind, text, message):
    found = check_for(kind, text, NOW, CAL)
    if message is None:
        assert found is None
    else:
        assert found is not None and found.startswith(message), found


def test_check_for_knows_its_kinds():
    with pytest.raises(ValueError):
        check_for("sometime", "2 days")  # type: ignore[arg-type]


def test_sentence_kind():
    assert sentence_kind("update you\n  within {{ timeframe }}.", "timeframe") == "duration"
    assert sentence_kind("the next update by {{ eta }}.", "eta") == "point"
    assert sentence_kind("support as of {{ eos_date }}.", "eos_date") == "date"
    assert sentence_kind("Case {{ sr_number }}", "sr_number") is None
    assert sentence_kind("within {{ x }} and by {{ x }}", "x") is None


# -- every suggestion and example in templates/ ----------------------------------------


def _timeframe_fields() -> list[tuple[str, str, str, str]]:
    """(template id, field id, sense from its sentence, value) for every suggestion and
    example of every timeframe/date field, read from the TOML files themselves."""
    shared = tomllib.loads((TEMPLATES / "fields.toml").read_text(encoding="utf-8"))
    found = []
    for path in sorted(TEMPLATES.glob("*.toml")):
        if path.name in ("fields.toml", "categories.toml", "next-steps.toml"):
            continue
        template = tomllib.loads(path.read_text(encoding="utf-8"))
        if "body" not in template:
            continue
        for field_id in template.get("fields", []):
            spec = {**shared.get(field_id, {}), **template.get("field", {}).get(field_id, {})}
            if spec.get("kind") not in ("timeframe", "date"):
                continue
            sense = sentence_kind(template["body"], field_id)
            assert sense is not None, (path.name, field_id)
            values = [*spec.get("suggestions", []), spec.get("example", "")]
            found += [(template["id"], field_id, sense, v) for v in values if v]
    return found


TEMPLATE_VALUES = _timeframe_fields()
#: Monday 10 March 2025 09:00 NZDT: the week of A2's "Friday 14 March" suggestion.
TEMPLATE_NOW = nz(2025, 3, 10, 9)


def test_the_templates_have_timeframe_suggestions():
    ids = {(t, f) for t, f, _, _ in TEMPLATE_VALUES}
    assert {("A1", "timeframe"), ("A2", "eta"), ("G4", "eos_date")} <= ids
    assert {v for _, f, _, v in TEMPLATE_VALUES if f == "timeframe"} >= {"48 hours"}


@pytest.mark.parametrize(("template", "field", "sense", "value"), TEMPLATE_VALUES)
def test_every_template_suggestion_parses_for_its_field(template, field, sense, value):
    assert check_for(sense, value, TEMPLATE_NOW, CAL) is None
    tf = parse(value, TEMPLATE_NOW, CAL)
    assert tf.kind == ("duration" if sense == "duration" else "point")


def test_template_suggestions_resolve_where_expected():
    due = {v: parse(v, TEMPLATE_NOW, CAL).due for _, _, _, v in TEMPLATE_VALUES}
    assert due["5 pm NZDT today"] == nz(2025, 3, 10, 17)
    assert due["Friday 14 March, 10:00 UTC"] == nz(2025, 3, 14, 23)
    assert due["end of day tomorrow (NZDT)"] == nz(2025, 3, 11, 18)
    assert due["12:00 NZDT on Monday"] == nz(2025, 3, 17, 12)
    assert due["4 business hours"] == nz(2025, 3, 10, 13)


# -- writing due times ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "now", "text"),
    [
        (nz(2026, 12, 2, 17), NOW, "by 17:00 NZDT today"),
        (nz(2026, 12, 3, 10), NOW, "by 10:00 NZDT tomorrow"),
        (nz(2026, 12, 3, 15, 30), nz(2026, 12, 2, 2), "by 15:30 NZDT on Thursday 3 December"),
        (nz(2026, 12, 3, 15, 30), nz(2026, 12, 1, 9), "by 15:30 NZDT on Thursday 3 December"),
        (nz(2027, 6, 15, 9), NOW, "by 09:00 NZST on Tuesday 15 June"),
        (nz(2027, 10, 1, 9), NOW, "by 09:00 NZDT on Friday 1 October 2027"),
        (nz(2026, 11, 30, 9), NOW, "by 09:00 NZDT on Monday 30 November 2026"),
    ],
)
def test_format_due(due, now, text):
    assert format_due(due, now, CAL) == text
    assert format_due(due, now, CAL, by=False) == text[3:]
    assert parse(text, now, CAL).due == due


def test_format_due_in_a_zone_without_letters_and_in_another_zone():
    dubai = BusinessCalendar(ZoneInfo("Asia/Dubai"))
    now = datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Dubai"))
    assert format_due(now + timedelta(hours=3), now, dubai) == "by 12:00 UTC+04 today"
    assert parse("12:00 UTC+04 today", now, dubai).due == now + timedelta(hours=3)
    utc = ZoneInfo("UTC")  # still Tuesday 1 December there
    assert format_due(nz(2026, 12, 2, 23), NOW, CAL, zone=utc) == "by 10:00 UTC tomorrow"


def test_suggestions_are_computed_from_now():
    assert suggest_points(NOW, CAL) == [
        "18:00 NZDT today",
        "10:00 NZDT tomorrow",
        "18:00 NZDT tomorrow",
        "18:00 NZDT on Friday 4 December",
    ]
    # Thursday 24 December after hours, Christmas on Friday: the next working day is Monday
    late = nz(2026, 12, 24, 19)
    assert suggest_points(late, CAL) == [
        "10:00 NZDT on Monday 28 December",
        "18:00 NZDT on Monday 28 December",
        "18:00 NZDT on Tuesday 29 December",
    ]
    for text in suggest_points(late, CAL):
        assert check_for("point", text, late, CAL) is None
    assert suggest_durations() == [
        "2 business hours",
        "4 business hours",
        "1 business day",
        "2 business days",
        "24 hours",
        "48 hours",
    ]
    for text in suggest_durations():
        assert check_for("duration", text, NOW, CAL) is None


@pytest.mark.parametrize(
    ("kind", "text", "advice"),
    [
        # A refusal names only what fits the sentence around the field.
        ("duration", "soon", "write a duration such as '4 business hours'"),
        ("duration", "ASAP", "write a duration such as '4 business hours'"),
        ("duration", "this afternoon", "write a duration such as '4 business hours'"),
        ("duration", "", "write a duration such as '4 business hours'"),
        ("point", "soon", "write a day and a time such as '18:00 NZDT today'"),
        ("point", "尽快", "write a day and a time such as '18:00 NZDT today'"),
        ("point", "this afternoon", "write a day and a time such as '18:00 NZDT today'"),
        ("date", "soon", "write a date such as '2 December 2026'"),
    ],
)
def test_a_refusal_suggests_only_what_fits_the_field(kind, text, advice):
    found = check_for(kind, text, NOW, CAL)
    assert found is not None and found.endswith(advice), found
    wrong = "17:00 today" if kind == "duration" else "business hours"
    assert wrong not in found, found


@pytest.mark.parametrize(
    ("kind", "advice"),
    [
        ("duration", "write a duration such as '4 business hours'"),
        ("point", "write a day and a time such as '17:00 on Friday'"),
        ("date", "write a date such as '30 June 2024'"),
    ],
)
def test_a_refusal_without_a_calendar_fits_the_field_too(kind, advice):
    found = check_for(kind, "soon")
    assert found is not None and found.endswith(advice), found
    assert found.startswith("'soon' is not a time the customer can hold you to"), found
