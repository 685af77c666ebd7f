"""Reading what an engineer typed as a timeframe, before any calendar is involved: text ->
`Phrase` (a duration such as "4 business hours" / "2 个工作日", or the parts of a point in
time such as "15:30 NZDT on Thursday 3 December" / "明天下班前"), or a `TimeframeError`
whose message says what to write instead. `timeframes` resolves a phrase on a calendar.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sr_tui.core.cases.timeframes_phrase import (
    CLOCK_EXAMPLES,
    EXAMPLES,
    MAX_TEXT,
    UNIT_LIMITS,
    UNIT_WORDS,
    Phrase,
    TimeframeError,
    Unit,
)
from sr_tui.core.cases.timeframes_point_grammar import _read_point
from sr_tui.core.cases.timeframes_words import EN_NUMBERS, normalize, vague_word, zh_number

_WITHIN = re.compile(r"^(within|in the next|in|inside of|inside)\s+")
_BY = re.compile(r"^(no later than|not later than|by|before|until|till|on|at|due|as of)\s+")
_ZH_WITHIN = re.compile(r"(以内|之内|内)$")

_DURATION = re.compile(
    r"^(?P<num>\d+(?:\.\d+)?|forty-eight|[a-z]+)\s*(?P<unit>"
    r"business\s+hours?|working\s+hours?|work\s+hours?|business\s+hrs?|bh|"
    r"business\s+days?|working\s+days?|work\s*days?|bd|"
    r"hours?|hrs?|h|minutes?|mins?|m|calendar\s+days?|days?|weeks?|wks?|"
    r"个?工作小时|个?工作时|个?工作日|个?工作天|个?小时|个?钟头|分钟|天|个?星期|周)$"
)
_UNITS: tuple[tuple[str, Unit], ...] = (
    ("工作小时", "business_hour"), ("工作时", "business_hour"), ("工作日", "business_day"),
    ("工作天", "business_day"), ("小时", "hour"), ("钟头", "hour"), ("分钟", "minute"),
    ("天", "day"), ("星期", "week"), ("周", "week"), ("bh", "business_hour"),
    ("bd", "business_day"),
)  # fmt: skip


def _unit(word: str) -> Unit:
    for key, unit in _UNITS:
        if key in word and (key not in ("bh", "bd") or word == key):
            return unit
    business = word.startswith(("business", "working", "work"))
    if "hour" in word or "hr" in word:
        return "business_hour" if business else "hour"
    if "day" in word:
        return "business_day" if business else "day"
    if word.startswith(("w",)):
        return "week"
    if word.startswith("h"):
        return "hour"
    return "minute"


def read(text: str, zones: Collection[str] = ()) -> Phrase:
    """`text` as a `Phrase`; `zones` adds the calendar's own abbreviations. Raises only
    `TimeframeError`."""
    if len(text) > MAX_TEXT:
        raise TimeframeError(f"that is too long for a timeframe; {EXAMPLES}", text[:40])
    t = normalize(text)
    if not t:
        raise TimeframeError(f"empty; {EXAMPLES}", text)
    vague = vague_word(re.sub(r"\bnot? later than\b", " ", t))
    if vague in ("morning", "afternoon", "evening", "tonight"):
        raise TimeframeError(
            f"'{text.strip()}': '{vague}' is not a clock time; {CLOCK_EXAMPLES}",
            text,
        )
    if vague:
        raise TimeframeError(
            f"'{text.strip()}' is not a time the customer can hold you to ('{vague}'); {EXAMPLES}",
            text,
        )
    marker, body = "", t
    m = _WITHIN.match(t) or _BY.match(t)
    if m:
        marker, body = m.group(1), t[m.end() :].strip()
    elif _ZH_WITHIN.search(t):
        stripped = _ZH_WITHIN.sub("", t).strip()
        duration = _read_duration(stripped, text)
        if duration is not None:
            return Phrase("duration", stripped, "内", duration[0], duration[1])
    duration = _read_duration(body, text)
    if duration is not None:
        return Phrase("duration", body, marker, duration[0], duration[1])
    return _read_point(body, marker, text, {z.upper() for z in zones})


def _read_duration(body: str, text: str) -> tuple[float, Unit] | None:
    b = body.replace("half an hour", "30 minutes").replace("half hour", "30 minutes")
    b = re.sub(r"^半(个)?小时$", "30分钟", b)
    b = re.sub(r"^([零一二两三四五六七八九十百]+)", lambda m: str(zh_number(m.group(1))), b)
    m = _DURATION.match(b)
    if not m:
        return None
    num = m.group("num")
    if num[0].isdigit():
        amount = float(num)
    elif num in EN_NUMBERS:
        amount = float(EN_NUMBERS[num])
    else:
        return None
    unit = _unit(re.sub(r"\s+", " ", m.group("unit")))
    if amount <= 0:
        raise TimeframeError(f"'{text.strip()}' is no time at all; {EXAMPLES}", text)
    if amount > UNIT_LIMITS[unit]:
        raise TimeframeError(f"'{text.strip()}' is more than ten years away", text)
    if unit in ("business_day", "day", "week") and amount != int(amount):
        smaller = "business hours" if unit == "business_day" else "hours"
        raise TimeframeError(
            f"'{text.strip()}': write whole {UNIT_WORDS[unit]}s, or {smaller}", text
        )
    return amount, unit
