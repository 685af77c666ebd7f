"""Case numbers: the one the user types, or one made from the `case_number` format setting.

A typed number is kept as typed, whitespace normalised (`SR  3-41234567 ` becomes
`SR 3-41234567`). A generated one is `TS{date:%Y%m%d}{seq:03d}` by default
(TS20261202001): the serial counts per day (per format, if the format has no date).
Backends allocate the serial inside their write transaction from a counters table, so
two processes never hand out one number twice; this module holds the backend-free part.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date

from sr_tui.core.cases.errors import StoreError

DEFAULT_FORMAT = "TS{date:%Y%m%d}{seq:03d}"
_ALLOWED = {"date", "seq"}


def normalize_number(text: str) -> str:
    """Collapse runs of whitespace (any kind, full-width too) to one space; trim the ends;
    drop control characters (a number is shown in headers, lists and terminals)."""
    return " ".join("".join(ch for ch in text if ch.isspace() or ch.isprintable()).split())


def check_format(fmt: str) -> str:
    """`fmt` if it is a usable number format, else a `StoreError` saying what is wrong."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError as exc:
        raise StoreError(f"case_number format {fmt!r} cannot be read: {exc}") from exc
    unknown = names - _ALLOWED
    if unknown:
        raise StoreError(
            f"case_number format {fmt!r} uses {', '.join(sorted(unknown))}; "
            "it may use only {date} and {seq}"
        )
    if "seq" not in names:
        raise StoreError(f"case_number format {fmt!r} needs {{seq}}, or every number is the same")
    try:
        sample = format_number(fmt, date(2026, 12, 2), 1)
    except (ValueError, TypeError) as exc:
        raise StoreError(f"case_number format {fmt!r} cannot be used: {exc}") from exc
    if not normalize_number(sample):
        raise StoreError(f"case_number format {fmt!r} makes empty numbers")
    return fmt


def format_number(fmt: str, day: date, seq: int) -> str:
    return normalize_number(fmt.format(date=day, seq=seq))


def counter_key(fmt: str, day: date) -> str:
    """The counter a generated number draws from: one per day and format."""
    uses_date = any(name == "date" for _, name, _, _ in string.Formatter().parse(fmt))
    return f"case_number|{fmt}|{day.isoformat()}" if uses_date else f"case_number|{fmt}"


def first_free(
    fmt: str, day: date, start: int, exists: Callable[[str], bool], attempts: int = 10_000
) -> tuple[str, int]:
    """The first number from serial `start` on that no case has yet (a user may have typed
    a generated-looking number, or the counter may be behind an import): (number, serial)."""
    for seq in range(start, start + attempts):
        number = format_number(fmt, day, seq)
        if not exists(number):
            return number, seq
    raise StoreError(f"no free case number for {day} after {attempts} tries with {fmt!r}")
