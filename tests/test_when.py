"""A moment as the screens show it, in each language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sr_tui.core.when import short_when

SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("at", "language", "tz", "shown"),
    [
        (datetime(2026, 12, 2, 10, 5, tzinfo=UTC), "en", None, "Wed 02 Dec 10:05"),
        (datetime(2026, 12, 2, 10, 5, tzinfo=UTC), "zh", None, "12月2日 周三 10:05"),
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "zh", SHANGHAI, "12月7日 周一 07:30"),
        (datetime(2026, 12, 6, 23, 30, tzinfo=UTC), "en", SHANGHAI, "Mon 07 Dec 07:30"),
        (datetime(2026, 11, 29, 0, 0, tzinfo=UTC), "zh", UTC, "11月29日 周日 00:00"),
    ],
)
def test_short_when(at, language, tz, shown):
    assert short_when(at, language, tz) == shown
