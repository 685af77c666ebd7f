"""`sr-tui calendar path|show|check|fill COUNTRY YEAR`: the business calendar file the
clocks count in (working hours, holidays, make-up workdays)."""

from __future__ import annotations

import sys
from pathlib import Path

from sr_tui.cli.common import ExitStatus, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("calendar", help="the business calendar: path, show, check, fill")
    csub = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    c = csub.add_parser("path", help="where the calendar file is")
    c.set_defaults(func=cmd_path)
    c = csub.add_parser("show", help="the zone, the weekly hours and the coming days off")
    c.add_argument("--days", type=int, default=365, help="how far ahead to list (default 365)")
    c.set_defaults(func=cmd_show)
    c = csub.add_parser("check", help="problems in the calendar file (exit 1 when any)")
    c.set_defaults(func=cmd_check)
    c = csub.add_parser("fill", help="add a country's public holidays (needs sr-tui[holidays])")
    c.add_argument("country", metavar="COUNTRY", help="ISO code, e.g. CN, NZ, US")
    c.add_argument("year", metavar="YEAR", type=int)
    c.add_argument("--subdiv", help="a region, e.g. AUK for Auckland")
    c.add_argument("--language", help="holiday names in this language, e.g. zh_CN")
    c.set_defaults(func=cmd_fill)


def _path() -> Path:
    from sr_tui.cli.common import settings
    from sr_tui.core.cases.calendar import calendar_path

    configured = settings().calendar_file
    return Path(configured).expanduser() if configured else calendar_path()


def _default_tz():
    from sr_tui.cli.common import settings

    zone = settings().timezone
    if not zone:
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(zone)


def cmd_path(args) -> int:
    print(_path())
    return ExitStatus.OK


def cmd_show(args) -> int:
    from sr_tui.core.cases.calendar_file import load_calendar
    from sr_tui.core.cases.calendar_show import show
    from sr_tui.core.clock import SystemClock

    path = _path()
    calendar, problems = load_calendar(path, default_tz=_default_tz())
    for problem in problems:
        print(f"sr-tui: {problem}", file=sys.stderr)
    today = SystemClock().now().astimezone(calendar.tz).date()
    where = path if path.exists() else f"{path} (not there: the default calendar)"
    print(f"Calendar: {where}")
    print(show(calendar, today, days_ahead=args.days))
    return ExitStatus.OK


def cmd_check(args) -> int:
    from sr_tui.core.cases.calendar_file import check

    path = _path()
    problems = check(path)
    for problem in problems:
        print(problem)
    if not path.exists():
        print(f"{path}: no calendar file; the default calendar (Mon-Fri 09:00-18:00) is used")
    n = len(problems)
    print(f"{n} problem{'s' if n != 1 else ''}" if n else "calendar: all good")
    return ExitStatus.PROBLEMS if problems else ExitStatus.OK


def cmd_fill(args) -> int:
    from sr_tui.core.cases.holiday_fill import FillError, fill

    path = _path()
    try:
        summary = fill(path, args.country, args.year, subdiv=args.subdiv, language=args.language)
    except FillError as exc:
        raise UsageError(str(exc)) from None
    print(summary)
    return ExitStatus.OK
