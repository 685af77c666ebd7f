"""The words of timeframes: time zone abbreviations, numbers, months and weekdays in
English and Chinese, the vague words the house style refuses, and how a template sentence
says which kind of timeframe a field takes ("within [X]" or "by [X]")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import timedelta
from typing import Literal

FieldSense = Literal["duration", "point", "date"]


# -- time zones ---------------------------------------------------------------------------

#: Abbreviation -> UTC offset in minutes, for the names support engineers write.
ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "MSK": 180, "GST": 240, "PKT": 300, "NPT": 345, "ICT": 420,
    "WIB": 420, "SGT": 480, "HKT": 480, "AWST": 480, "JST": 540, "KST": 540, "ACST": 570,
    "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780, "HST": -600,
    "AKST": -540, "AKDT": -480, "PST": -480, "PDT": -420, "MST": -420, "MDT": -360,
    "CDT": -300, "EST": -300, "EDT": -240, "ADT": -180, "NST": -210, "NDT": -150,
    "BRT": -180, "ART": -180,
}  # fmt: skip
#: Abbreviations that name more than one zone: accepted only as the calendar's own.
AMBIGUOUS: dict[str, str] = {
    "CST": "China (UTC+8) or US Central (UTC-6)",
    "IST": "India (UTC+5:30), Ireland (UTC+1) or Israel (UTC+2)",
    "AST": "Atlantic (UTC-4) or Arabia (UTC+3)",
}
_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$")


def zone_offset(token: str) -> timedelta | None:
    """The fixed offset a zone token names ("NZDT", "UTC+8", "GMT-05:30"), else None."""
    token = token.upper()
    if token in ZONES:
        return timedelta(minutes=ZONES[token])
    m = _UTC_OFFSET.match(token)
    if m and int(m.group(2)) <= 14 and int(m.group(3) or 0) < 60:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return timedelta(minutes=minutes if m.group(1) == "+" else -minutes)
    return None


def is_zone(token: str, extra: Collection[str]) -> bool:
    upper = token.upper()
    return upper in extra or upper in AMBIGUOUS or zone_offset(upper) is not None


# -- words ----------------------------------------------------------------------------

EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-eight": 48,
}  # fmt: skip
ZH_DIGITS = {
    "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9,
}  # fmt: skip
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES_RE = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
MONTH = rf"(?P<mon>{MONTH_NAMES_RE}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY = (
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)(?![a-z])\.?"
)
ZH_WEEKDAY = "一二三四五六日天"

VAGUE_EN = (
    "as soon as possible", "asap", "soon", "shortly", "in a while", "a while", "later",
    "at some point", "in due course", "promptly", "quickly", "eventually", "when possible",
    "whenever", "tbd", "tba", "tbc", "a few", "few", "couple", "several", "some time",
    "sometime", "morning", "afternoon", "evening", "tonight", "earliest", "immediately",
    "right away", "next few",
)  # fmt: skip
VAGUE_ZH = (
    "尽快", "尽早", "马上", "立刻", "立即", "稍后", "很快", "随后", "一会", "晚些", "近期",
    "近日", "改天", "有空", "几天", "几个", "待定", "回头",
)  # fmt: skip
_VAGUE_EN_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(v) for v in VAGUE_EN) + r")(?![a-z])")


def zh_number(text: str) -> int | None:
    """一 -> 1, 十五 -> 15, 二十四 -> 24, 一百 -> 100; None when it is not one."""
    if not text or any(c not in ZH_DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + ZH_DIGITS[c]
    return total + current


def normalize(text: str) -> str:
    """NFKC (full-width digits and colons), lower case, one space, no end punctuation."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"[\u2013\u2014~]", "-", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = t.strip("\"'“”‘’「」『』")
    return re.sub(r"[.。!!;;]+$", "", t).strip()


def vague_word(text: str) -> str | None:
    """The vague word in `text` ("soon", "尽快"), if any."""
    m = _VAGUE_EN_RE.search(text)
    if m:
        return m.group(1)
    return next((v for v in VAGUE_ZH if v in text), None)


_MARKER = re.compile(
    r"^(?:within|in the next|in|inside of|inside|no later than|not later than|by|before|until|"
    r"till|on|at|due|as of)\s+",
    re.IGNORECASE,
)


def without_marker(text: str) -> str:
    """`text` as typed, without a leading "within"/"by" (or a trailing 内)."""
    t = text.strip()
    m = _MARKER.match(t)
    return t[m.end() :].strip() if m else re.sub(r"(以内|之内|内)$", "", t).strip()


_SENSES: tuple[tuple[str, FieldSense], ...] = (
    ("in the next", "duration"), ("within", "duration"), ("in", "duration"),
    ("no later than", "point"), ("by", "point"), ("before", "point"), ("until", "point"),
    ("as of", "date"), ("since", "date"), ("on", "date"),
)  # fmt: skip


def sentence_kind(body: str, field_id: str) -> FieldSense | None:
    """What the template's sentence wants in `field_id`: "within {{ x }}" -> duration,
    "by {{ x }}" -> point, "as of {{ x }}" / "on {{ x }}" -> date; None when it does not
    say (or says different things in different places)."""
    found: set[FieldSense] = set()
    for m in re.finditer(r"\{\{-?\s*" + re.escape(field_id) + r"\b[^}]*\}\}", body):
        sense = sense_before(body[max(0, m.start() - 40) : m.start()])
        if sense is not None:
            found.add(sense)
    return found.pop() if len(found) == 1 else None


def sense_before(text: str) -> FieldSense | None:
    """What a value written right after `text` must be: "… within " -> duration, "… by "
    -> point, "… as of " -> date; None when `text` does not end with such a word."""
    before = re.sub(r"\s+", " ", text[-40:]).lower().rstrip()
    for words, sense in _SENSES:
        if re.search(rf"(?:^|[^a-z]){re.escape(words)}$", before):
            return sense
    return None
