"""The due rows of many items placed at once give what placing each alone gives (the
business time left of every row from one measurement against now, not one each)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core.cases.calendar import BusinessCalendar
from sr_tui.core.cases.queue import Due, end_of, place, place_all
from sr_tui.core.cases.sla_policy import SlaPolicy

NOW = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)
CALENDAR = BusinessCalendar(tz=UTC)
POLICY = SlaPolicy()


def due(at: datetime, n: int = 0) -> Due:
    return Due(f"SR {n}", "", "", "B2", "chase", at, timedelta(hours=9))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=-60 * 24 * 40, max_value=60 * 24 * 40), max_size=40),
    st.integers(min_value=-60 * 24 * 7, max_value=60 * 24 * 7),
    st.sampled_from(["today", "week", "all"]),
)
def test_placing_all_at_once_is_placing_each(offsets, shift, horizon):
    now = NOW + timedelta(minutes=shift)
    items = sorted(
        (due(NOW + timedelta(minutes=m), n) for n, m in enumerate(offsets)),
        key=lambda i: (i.due, i.case_number),
    )
    limit = end_of(horizon, now, CALENDAR)
    expected = [place(i, now, CALENDAR, POLICY) for i in items if limit is None or i.due < limit]
    assert place_all(items, now, CALENDAR, POLICY, limit) == expected
