"""A moment as the screens show it, in the screen's language: "Wed 02 Dec 13:31" in
English, "12月2日 周三 13:31" in Chinese (strftime's names are the C locale's English)."""

from __future__ import annotations

from datetime import datetime, tzinfo

ZH_WEEKDAYS = "一二三四五六日"


def short_when(at: datetime, language: str = "en", tz: tzinfo | None = None) -> str:
    """`at` in zone `tz` (default its own) as day, date and time to the minute."""
    local = at.astimezone(tz) if tz is not None else at
    if language == "zh":
        return f"{local.month}月{local.day}日 周{ZH_WEEKDAYS[local.weekday()]} {local:%H:%M}"
    return local.strftime("%a %d %b %H:%M")
