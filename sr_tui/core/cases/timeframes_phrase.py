"""What reading a timeframe gives: a `Phrase` (its kind, units, parts) or a `TimeframeError`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
