"""Fill the user's calendar file with a country's public holidays and make-up workdays
(China's 调休 weekends) from the `holidays` package, an optional extra:

    pip install 'sr-tui[holidays]'      # then: sr-tui calendar fill CN 2027

The file is edited in place with `tomlkit`: comments, order and layout stay; only dates
not already in the file are added, in the shape the file already uses (a table of
`date = "name"`, a list of `{date, name}` tables, or `[[holidays]]` tables), so a second
run adds nothing. A file that is not valid TOML is left alone.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sr_tui.core.atomic import atomic_write_text
from sr_tui.core.cases.calendar_file import listed_dates, load_calendar
from sr_tui.core.tomlfile import read_toml

INSTALL_HINT = "pip install 'sr-tui[holidays]'"
HEADER = (
    "# sr-tui business calendar: time zone, working hours, holidays, make-up workdays.\n"
    "# `sr-tui calendar show` prints it; `sr-tui calendar check` lists its problems.\n"
)


class FillError(ValueError):
    """The fill cannot run: the package is missing, the country is unknown, the file is
    broken. The file is untouched."""


@dataclass(frozen=True)
class FillSummary:
    path: Path
    holidays_added: int
    workdays_added: int
    skipped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    country: str = ""
    year: int | None = None

    def __str__(self) -> str:
        source = f" for {self.country} {self.year}" if self.country else ""
        lines = [
            f"{self.path}: added {self.holidays_added} holiday"
            f"{'s' if self.holidays_added != 1 else ''} and {self.workdays_added} make-up "
            f"workday{'s' if self.workdays_added != 1 else ''}{source}"
        ]
        lines += [f"  skipped: {s}" for s in self.skipped]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def fetch(
    country: str, year: int, *, subdiv: str | None = None, language: str | None = None
) -> tuple[dict[date, str], dict[date, str], list[str]]:
    """(holidays, make-up workdays, notes) dated in `year`, from the `holidays` package.

    Make-up workdays come from the package's `weekend_workdays` (China has them); one that
    belongs to next year's holiday but falls in `year` is included."""
    try:
        import holidays as holidays_pkg
    except ImportError as exc:
        raise FillError(f"filling needs the holidays package: {INSTALL_HINT}") from exc
    code = country.strip().upper()
    try:
        this = holidays_pkg.country_holidays(code, subdiv=subdiv, years=year, language=language)
        following = holidays_pkg.country_holidays(
            code, subdiv=subdiv, years=year + 1, language=language
        )
    except NotImplementedError as exc:
        raise FillError(f"the holidays package has no calendar for {country!r}: {exc}") from exc
    days_off = {d: str(name) for d, name in sorted(this.items()) if d.year == year}
    weekend = set(getattr(this, "weekend_workdays", ())) | set(
        getattr(following, "weekend_workdays", ())
    )
    chinese = (language or "").startswith("zh") or any(
        "\u4e00" <= c <= "\u9fff" for name in days_off.values() for c in name
    )
    label = "调休上班" if chinese else "make-up workday"
    workdays = {d: label for d in sorted(weekend) if d.year == year}
    notes: list[str] = []
    if code in ("CN", "CHN") and not workdays:
        notes.append(
            f"the holidays package knows no make-up workdays for {year} yet (China publishes "
            "them late in the year before); holidays marked 'observed' are estimates"
        )
    return days_off, workdays, notes


def fill(
    path: Path,
    country: str,
    year: int,
    *,
    subdiv: str | None = None,
    language: str | None = None,
) -> FillSummary:
    """Add `country`'s holidays and make-up workdays of `year` to the calendar file."""
    days_off, workdays, notes = fetch(country, year, subdiv=subdiv, language=language)
    merged = merge(path, days_off, workdays)
    return replace(merged, notes=tuple(notes), country=country.strip().upper(), year=year)


def merge(path: Path, holidays: Mapping[date, str], workdays: Mapping[date, str]) -> FillSummary:
    """Add the dates not already in the file (as holiday or workday) to it, keeping its
    comments, order and shapes. Workdays that the file's week already works are skipped."""
    try:
        import tomlkit
    except ImportError as exc:
        raise FillError(f"editing the calendar needs tomlkit: {INSTALL_HINT}") from exc
    text = ""
    if path.exists():
        table, text, problem = read_toml(path)
        if table is None:
            raise FillError(f"{problem}; fix the file first, it was not changed")
    else:
        table = {}
    listed_off, listed_work = listed_dates(table)
    listed = listed_off | listed_work
    calendar, _ = load_calendar(path)  # the default week when there is no file yet
    skipped: list[str] = []
    new_off = {d: n for d, n in sorted(holidays.items()) if d not in listed}
    for d in [d for d in new_off if d in workdays]:
        skipped.append(f"{d} is both a holiday and a workday in the source; kept as a holiday")
    new_work: dict[date, str] = {}
    for d, name in sorted(workdays.items()):
        if d in listed or d in new_off:
            continue
        if calendar.hours_on(d):
            skipped.append(f"workday {d}: already a working day in this calendar")
            continue
        new_work[d] = name
    if not new_off and not new_work:
        return FillSummary(path, 0, 0, tuple(skipped))
    doc = tomlkit.parse(text) if text.strip() else tomlkit.parse(HEADER)
    _append(tomlkit, doc, "holidays", new_off)
    _append(tomlkit, doc, "workdays", new_work)
    out = tomlkit.dumps(doc)
    try:
        tomllib.loads(out)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - tomlkit writes valid TOML
        raise FillError(f"the edited file would not be valid TOML ({exc}); not written") from exc
    atomic_write_text(path, out)
    return FillSummary(path, len(new_off), len(new_work), tuple(skipped))


def _append(tomlkit: Any, doc: Any, key: str, entries: Mapping[date, str]) -> None:
    if not entries:
        return
    existing = doc.get(key)
    if existing is None:
        array = tomlkit.array()
        array.multiline(True)
        for d, name in entries.items():
            array.append(_inline(tomlkit, d, name))
        doc[key] = array
    elif isinstance(existing, tomlkit.items.AoT):  # [[holidays]] tables
        for d, name in entries.items():
            t = tomlkit.table()
            t["date"] = d
            t["name"] = name
            existing.append(t)
    elif isinstance(existing, Mapping):  # [holidays] 2027-02-11 = "name"
        for d, name in entries.items():
            existing[d.isoformat()] = name
    elif isinstance(existing, list):  # holidays = [ {date = ..., name = ...}, ... ]
        if "\n" not in existing.as_string():  # one line: no comments inside to keep
            existing.multiline(True)
        for d, name in entries.items():
            existing.append(_inline(tomlkit, d, name))
    else:
        raise FillError(f"'{key}' in the calendar is not a list or a table; fix it first")


def _inline(tomlkit: Any, d: date, name: str) -> Any:
    t = tomlkit.inline_table()
    t["date"] = d
    t["name"] = name
    return t
