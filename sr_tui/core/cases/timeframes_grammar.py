"""Reading what an engineer typed as a timeframe, before any calendar is involved: text ->
`Phrase` (a duration such as "4 business hours" / "2 个工作日", or the parts of a point in
time such as "15:30 NZDT on Thursday 3 December" / "明天下班前"), or a `TimeframeError`
whose message says what to write instead. `timeframes` resolves a phrase on a calendar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Literal

from sr_tui.core.cases.timeframes_words import (
    EN_NUMBERS,
    MONTH,
    MONTHS,
    WEEKDAY,
    WEEKDAYS,
    ZH_WEEKDAY,
    is_zone,
    normalize,
    vague_word,
    zh_number,
)

MAX_TEXT = 200

Kind = Literal["duration", "point"]
Unit = Literal["business_hour", "business_day", "hour", "minute", "day", "week"]
UNIT_WORDS: dict[Unit, str] = {
    "business_hour": "business hour",
    "business_day": "business day",
    "hour": "hour",
    "minute": "minute",
    "day": "day",
    "week": "week",
}
#: The most of each unit a promise may name (about ten years).
UNIT_LIMITS: dict[Unit, float] = {
    "business_hour": 25_000,
    "business_day": 2_600,
    "hour": 87_840,
    "minute": 5_270_400,
    "day": 3_660,
    "week": 520,
}
EXAMPLES = "write a duration such as '4 business hours' or a time such as '17:00 today'"
#: What a part of the day ("this afternoon") is refused with.
CLOCK_EXAMPLES = "write e.g. '10:00 tomorrow' or '17:00 today'"


class TimeframeError(ValueError):
    """A refusal: the text is not a concrete timeframe. `message` says what to write."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text


@dataclass(frozen=True)
class Phrase:
    """What the text says, syntactically. For a point, every part is optional."""

    kind: Kind
    body: str  # the text without its leading "within"/"by"
    marker: str = ""  # "within", "in", "by", "before", "on", ... as typed (lower case)
    amount: float = 0.0
    unit: Unit | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    week: Literal["this", "next"] | None = None
    relative: int | None = None  # 0 today, 1 tomorrow, 2 the day after
    hour: int | None = None
    minute: int | None = None
    end_of_day: bool = False
    end_of_week: bool = False
    next_working_day: bool = False
    zone: str | None = None  # as written, upper case: "NZDT", "UTC+8"
    parts: tuple[str, ...] = field(default=(), compare=False)

    @property
    def has_date(self) -> bool:
        return self.month is not None

    @property
    def has_time(self) -> bool:
        return self.hour is not None


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


_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)"
    r"(?:(?:\s+|t)(?P<h>\d{1,2}):(?P<mi>\d{2}))?"
)
_ZH_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年)?\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_DAY_MONTH = re.compile(
    rf"(?<![\d:])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<y>\d{{4}})(?!\d))?"
)
_MONTH_DAY = re.compile(
    rf"\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y>\d{{4}})(?!\d))?"
)
_SLASH = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)")
_TIME_12 = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])"
)
_TIME_24 = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?![\d:])")
_TIME_ZH = re.compile(
    r"(?P<ap>上午|早上|中午|下午|晚上)?\s*(?P<h>\d{1,2})\s*[点時时](?:\s*(?P<mi>\d{1,2})\s*分?|(?P<half>半))?"
)
_NOON = re.compile(r"\b(noon|midday)\b|中午十二点|中午")
_MIDNIGHT = re.compile(r"\bmidnight\b|午夜")
_PAREN = re.compile(r"\(([^()]*)\)")
_EOD = re.compile(
    r"\b(?:end of (?:the )?(?:business )?day|end of (?:the )?business(?: day)?|close of "
    r"business|cob|eod|eob|end of today)\b|下班之前|下班以前|下班前|下班|收工前|今天结束前"
)
_EOW = re.compile(r"\b(?:end of (?:the |this )?week|eow)\b|本周内|这周内|本周结束前|周末前")
_NEXT_WORKING = re.compile(r"\b(?:the )?next (?:business|working) day\b|下一?个工作日")
_RELATIVE = re.compile(r"\b(?:the day after tomorrow|tomorrow|today)\b|今天|今日|明天|明日|后天")
_EN_WEEKDAY = re.compile(rf"\b(?:(?P<w>next|this|coming)\s+)?{WEEKDAY}")
_ZH_WD = re.compile(rf"(?P<w>下|本|这)?(?:个)?(?:周|星期|礼拜)(?P<wd>[{ZH_WEEKDAY}1-7])")
_FILLER = re.compile(
    r"\b(?:no later than|not later than|by|before|on|at|the|of|until|till|latest|due)\b"
    r"|[,,、]|之前|以前|前|在|截至|截止|以内|之内|内"
)
_TOKEN = re.compile(r"[a-z]+(?:[+-]\d{1,2}(?::?\d{2})?)?|\S")


class _Point:
    """Mutable parts while reading a point."""

    def __init__(self, text: str, zones: set[str]) -> None:
        self.text = text
        self.zones = zones
        self.values: dict[str, object] = {}
        self.parts: list[str] = []

    def set(self, key: str, value: object, part: str) -> None:
        if key in self.values and self.values[key] != value:
            raise TimeframeError(f"'{self.text.strip()}' names two {key}s", self.text)
        self.values[key] = value
        self.parts.append(part)

    def zone(self, token: str) -> None:
        self.set("time zone", token.upper().replace("GMT+", "UTC+").replace("GMT-", "UTC-"), token)


def _year(y: str | None) -> int | None:
    return int(y) if y else None


def _read_point(body: str, marker: str, text: str, zones: set[str]) -> Phrase:
    p = _Point(text, zones)
    s = body

    def take(pattern: re.Pattern[str], handle: Callable[[re.Match[str]], None]) -> None:
        """Hand every match to `handle` and cut it out of the text."""
        nonlocal s
        while m := pattern.search(s):
            handle(m)
            s = s[: m.start()] + " " + s[m.end() :]

    def paren(m: re.Match[str]) -> None:
        inner = m.group(1).strip()
        if not is_zone(inner, zones):
            raise TimeframeError(f"cannot read '({inner})' as a time zone; write e.g. (NZDT)", text)
        p.zone(inner)

    def iso(m: re.Match[str]) -> None:
        p.set("date", (int(m["y"]), int(m["m"]), int(m["d"])), m[0])
        if m["h"]:
            _time(p, int(m["h"]), int(m["mi"]), m[0])

    take(_PAREN, paren)
    take(_SLASH, lambda m: _refuse_slash(m[0], text))
    take(_EOD, lambda m: p.set("end of day", True, m[0]))
    take(_EOW, lambda m: p.set("end of week", True, m[0]))
    take(_NEXT_WORKING, lambda m: p.set("next working day", True, m[0]))
    take(_ZH_WD, lambda m: _weekday(p, m["wd"], _ZH_WEEK.get(m["w"] or ""), m[0]))
    s = re.sub(r"[零一二两三四五六七八九十]+", lambda m: str(zh_number(m[0])), s)
    take(_ISO, iso)
    take(_ZH_DATE, lambda m: p.set("date", (_year(m["y"]), int(m["m"]), int(m["d"])), m[0]))
    take(_TIME_12, lambda m: _time_en(p, m))
    take(_TIME_24, lambda m: _time_en(p, m))
    take(_TIME_ZH, lambda m: _time_zh(p, m))
    take(_NOON, lambda m: _time(p, 12, 0, m[0]))
    take(_MIDNIGHT, lambda m: _time(p, 23, 59, m[0]))
    take(_DAY_MONTH, lambda m: _day_month(p, m))
    take(_MONTH_DAY, lambda m: _day_month(p, m))
    take(_RELATIVE, lambda m: p.set("day", _RELATIVE_DAYS[m[0]], m[0]))
    take(_EN_WEEKDAY, lambda m: _weekday(p, m["wd"], _EN_WEEK.get(m["w"] or ""), m[0]))
    s = _FILLER.sub(" ", s)
    for token in _TOKEN.findall(s):
        if is_zone(token, zones):
            p.zone(token)
        else:
            raise TimeframeError(f"cannot read '{token}' in '{text.strip()}'; {EXAMPLES}", text)
    v = p.values
    if not v or set(v) == {"time zone"}:
        raise TimeframeError(f"cannot read '{text.strip()}' as a time; {EXAMPLES}", text)
    date_parts = v.get("date")
    year, month, day = date_parts if isinstance(date_parts, tuple) else (None, None, None)
    time_parts = v.get("time")
    hour, minute = time_parts if isinstance(time_parts, tuple) else (None, None)
    wd = v.get("weekday")
    weekday, week = wd if isinstance(wd, tuple) else (None, None)
    return Phrase(
        "point",
        body,
        marker,
        year=year,
        month=month,
        day=day,
        weekday=weekday,
        week=week,
        relative=v.get("day"),  # type: ignore[arg-type]
        hour=hour,
        minute=minute,
        end_of_day=bool(v.get("end of day")),
        end_of_week=bool(v.get("end of week")),
        next_working_day=bool(v.get("next working day")),
        zone=v.get("time zone"),  # type: ignore[arg-type]
        parts=tuple(p.parts),
    )


_ZH_WEEK = {"下": "next", "本": "this", "这": "this"}
_EN_WEEK = {"next": "next", "this": "this"}
_RELATIVE_DAYS = {
    "today": 0, "tomorrow": 1, "the day after tomorrow": 2, "今天": 0, "今日": 0, "明天": 1,
    "明日": 1, "后天": 2,
}  # fmt: skip


def _day_month(p: _Point, m: re.Match[str]) -> None:
    p.set("date", (_year(m["y"]), MONTHS[m["mon"][:3]], int(m["d"])), m[0])


def _refuse_slash(found: str, text: str) -> None:
    raise TimeframeError(
        f"'{found}' can be read two ways (day/month or month/day); write '3 December' or "
        "'2026-12-03'",
        text,
    )


def _weekday(p: _Point, word: str, week: str | None, part: str) -> None:
    if word in ZH_WEEKDAY or word.isdigit():
        index = (
            6
            if word in "日天7"
            else ("一二三四五六".index(word) if not word.isdigit() else int(word) - 1)
        )
    else:
        index = WEEKDAYS.index(word[:3])
    p.set("weekday", (index, week), part)


def _time(p: _Point, hour: int, minute: int, part: str) -> None:
    if hour > 23 or minute > 59:
        raise TimeframeError(f"'{part.strip()}' is not a time of day", p.text)
    p.set("time", (hour, minute), part)


def _time_en(p: _Point, m: re.Match[str]) -> None:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    ap = (m.groupdict().get("ap") or "").replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            raise TimeframeError(f"'{m.group(0).strip()}' is not a time of day", p.text)
        hour = hour % 12 + (12 if ap == "pm" else 0)
    _time(p, hour, minute, m.group(0))


def _time_zh(p: _Point, m: re.Match[str]) -> None:
    hour, minute = int(m["h"]), 30 if m["half"] else int(m["mi"] or 0)
    if (m["ap"] in ("下午", "晚上") and hour < 12) or (m["ap"] == "中午" and hour <= 3):
        hour += 12
    _time(p, hour, minute, m.group(0))
