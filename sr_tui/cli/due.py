"""`sr-tui due [--today|--week] [--mine|--assignee NAME] [--json]`: what is due across the
open cases (CASES.md §6): overdue, due today, due this week, each with the case, what to
write and why; the team's rows also say whose case it is."""

from __future__ import annotations

import json
import sys
from datetime import timedelta

from sr_tui.cli.common import ExitStatus, add_whose, whose


def add_parser(sub) -> None:
    p = sub.add_parser("due", help="what is due: overdue, today, this week")
    span = p.add_mutually_exclusive_group()
    span.add_argument("--today", action="store_true", help="only overdue and due today")
    span.add_argument("--week", action="store_true", help="overdue, today and this week (default)")
    p.add_argument("--json", action="store_true", help="rows as JSON")
    add_whose(p, "only what is due")
    p.set_defaults(func=cmd_due)


def left_text(left: timedelta) -> str:
    """'3h 20m left' / '1h 05m over' in business time."""
    minutes = int(abs(left) / timedelta(minutes=1))
    hours, mins = divmod(minutes, 60)
    amount = f"{hours}h {mins:02d}m" if hours else f"{mins}m"
    return f"{amount} {'over' if left < timedelta(0) else 'left'}"


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` characters (an ellipsis where it is cut)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_due(args) -> int:
    from sr_tui.cli.case_shared import workspace

    assignee = whose(args)
    ws = workspace()
    rows = ws.due.rows(ws.clock.now(), "today" if args.today else "week", assignee=assignee)
    for problem in ws.due_problems:
        print(f"sr-tui: warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    if not rows:
        print("Nothing is due.")
        return ExitStatus.OK
    tz = ws.calendar.tz
    for r in rows:
        i = r.item
        when = i.due.astimezone(tz).strftime("%a %d %b %H:%M")
        who = "" if assignee is not None else f"  ({i.assignee or 'unassigned'})"
        print(
            f"{r.bucket:<8} {i.case_number:<16} {_cut(i.customer, 20):<20} "
            f"{(i.template_id or 'call'):<5} {when}  {left_text(r.left):<14} {i.reason}{who}"
        )
    return ExitStatus.OK
