"""`--at TIME` for commands that record what happened earlier: an ISO time ("2026-12-02
10:05", the local zone unless one is given), "now", "yesterday 16:30", or an amount ago
("90 minutes ago", "3 hours ago", "2 days ago"; "3 business days ago" on the business
calendar when it is there)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from sr_tui.cli.common import UsageError

_AGO = re.compile(
    r"(?P<n>\d{1,4})\s*(?P<business>business\s+|working\s+)?"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"yesterday(?:\s+(?P<h>\d{1,2}):(?P<m>\d{2}))?", re.IGNORECASE)
_UNITS = {"min": "minutes", "hou": "hours", "hrs": "hours", "hr": "hours", "day": "days"}

#: `business_days_back(now, n)`: the same clock time n working days earlier (calendar).
BusinessBack = Callable[[datetime, int], datetime]


def parse_at(text: str, now: datetime, business_back: BusinessBack | None = None) -> datetime:
    """The time `text` names, timezone-aware; `UsageError` with the accepted forms."""
    value = text.strip()
    if not value or value.lower() == "now":
        return now
    m = _AGO.fullmatch(value)
    if m:
        n, unit = int(m.group("n")), m.group("unit").lower()
        if m.group("business"):
            if not unit.startswith("day") or business_back is None:
                raise UsageError(f"--at {text!r}: only 'N business days ago' is business time")
            return business_back(now, n)
        if unit.startswith("week"):
            return now - timedelta(weeks=n)
        key = next(v for k, v in _UNITS.items() if unit.startswith(k))
        return now - timedelta(**{key: n})
    m = _YESTERDAY.fullmatch(value)
    if m:
        day = now - timedelta(days=1)
        if m.group("h"):
            day = day.replace(hour=int(m.group("h")), minute=int(m.group("m")), second=0)
        return day
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--at {text!r} is not a time: write '2026-12-02 10:05', 'yesterday 16:30', "
            "'3 hours ago' or '2 business days ago'"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=now.tzinfo).astimezone(now.tzinfo)
    if parsed > now + timedelta(minutes=1):
        raise UsageError(f"--at {text!r} is in the future; --at records what happened earlier")
    return parsed
