"""Case numbers: typed ones normalised, generated ones from the format setting."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from sr_tui.core.cases.errors import StoreError
from sr_tui.core.cases.numbering import (
    DEFAULT_FORMAT,
    check_format,
    counter_key,
    first_free,
    format_number,
    normalize_number,
)

from .helpers import a_case


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("SR 3-41234567", "SR 3-41234567"),
        ("  SR   3-41234567\t", "SR 3-41234567"),
        ("SR\u00a03-41234567", "SR 3-41234567"),
        ("SR\u30003-1", "SR 3-1"),
        ("sr 3-1", "sr 3-1"),  # whitespace only: case and punctuation stay
        (" \n ", ""),
    ],
)
def test_only_whitespace_is_normalised(typed, kept):
    assert normalize_number(typed) == kept


def test_the_default_format_is_ts_date_serial():
    assert format_number(DEFAULT_FORMAT, date(2026, 12, 2), 1) == "TS20261202001"
    assert format_number(DEFAULT_FORMAT, date(2026, 12, 2), 1234) == "TS202612021234"


@pytest.mark.parametrize(
    "fmt", ["TS{date:%Y%m%d}", "TS{day}{seq}", "TS{seq", "{seq:q}", "{seq:0s}"]
)
def test_unusable_formats_are_refused_with_a_message(fmt):
    with pytest.raises(StoreError) as caught:
        check_format(fmt)
    assert fmt in caught.value.user_message


def test_counters_are_per_day_unless_the_format_has_no_date():
    day = date(2026, 12, 2)
    assert counter_key(DEFAULT_FORMAT, day) != counter_key(DEFAULT_FORMAT, day + timedelta(days=1))
    assert counter_key("C{seq}", day) == counter_key("C{seq}", day + timedelta(days=1))


def test_first_free_skips_taken_numbers():
    taken = {"TS20261202001", "TS20261202002"}
    assert first_free(DEFAULT_FORMAT, date(2026, 12, 2), 1, taken.__contains__) == (
        "TS20261202003",
        3,
    )


def test_the_day_is_the_clocks_local_day(store_factory, clock):
    # 07:00 in Beijing is 23:00 UTC the day before: the number follows the engineer's day.
    clock.at = datetime(2026, 12, 2, 7, 0, tzinfo=timezone(timedelta(hours=8)))
    store = store_factory()
    assert store.create_case(a_case(clock, "")).number == "TS20261202001"
