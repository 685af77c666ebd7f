"""Reading the parts of a point in time from typed text: date, weekday, time of day, zone."""

from __future__ import annotations

import re
from collections.abc import Callable

from sr_tui.core.cases.timeframes_phrase import EXAMPLES, Phrase, TimeframeError
from sr_tui.core.cases.timeframes_words import (
    MONTH,
    MONTHS,
    WEEKDAY,
    WEEKDAYS,
    ZH_WEEKDAY,
    is_zone,
    zh_number,
)

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
