"""What every `sr-tui case` command shares: the workspace, `--at`, the case, printing."""

from __future__ import annotations

import argparse
import json
import sys

from sr_tui.cli import common
from sr_tui.cli.common import UsageError
from sr_tui.cli.when import parse_at


def _at_json(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--at", metavar="TIME", default="now", help=f"{what} (default now)")
    parser.add_argument("--json", action="store_true")


def workspace():
    """A Workspace on the case store the settings name (its problems to stderr)."""
    from sr_tui.workspace import Workspace

    loaded = common.loaded_settings()
    from sr_tui.core.templates.catalog import Catalog

    ws = Workspace(Catalog((), ()), loaded)
    ws.cases.store  # noqa: B018  (open it now: its problems belong before the output)
    for problem in ws.cases.problems:
        print(f"sr-tui: case store: {problem}", file=sys.stderr)
    ws.cases.problems = []
    return ws


def at_of(args, ws):
    return parse_at(args.at, ws.clock.now(), business_back(ws))


def business_back(ws):
    """'N business days ago' on the business calendar (the settings' calendar file): the
    same clock time on the n-th working day before today."""

    def back(now, n):
        from datetime import datetime

        calendar = ws.calendar
        local = now.astimezone(calendar.tz)
        day = local.date()
        for _ in range(n):
            day = calendar.previous_working_day(day)
        return datetime.combine(day, local.time(), tzinfo=calendar.tz)

    return back


def _case(ws, number: str):
    case = ws.cases.get(number)
    if case is None:
        raise UsageError(f"there is no case {number} (`sr-tui case list` shows them)")
    return case


def _print(data, as_json: bool, text: str) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)
