"""`sr-tui assign` and `sr-tui team`: who has which case (受理人), from the command line.

    sr-tui assign NUMBER [NAME] [--note TEXT]   hand a case over (no NAME: take it yourself)
    sr-tui team [--mine] [--all] [--json]       the open cases, by whom they are assigned to

Both work on the store the settings name (the team database, else the local cases.db).
"""

from __future__ import annotations

import argparse
import json
import sys

from sr_tui.cli.common import ExitStatus, UsageError, loaded_settings


def add_parser(subparsers) -> None:
    add_assign(subparsers)
    t = subparsers.add_parser("team", help="the open cases, by assignee (--mine: yours)")
    t.add_argument("--mine", action="store_true", help="only the cases assigned to you")
    t.add_argument("--all", action="store_true", help="closed cases too")
    t.add_argument("--json", action="store_true", help="machine-readable output")
    t.set_defaults(func=cmd_team)


ASSIGN_HELP = "hand a case to a colleague (or take it: no NAME), on its timeline"


def add_assign(subparsers) -> None:
    """`assign NUMBER [NAME] [--note TEXT] [--force]` (also `sr-tui case assign`)."""
    a = subparsers.add_parser("assign", help=ASSIGN_HELP)
    a.add_argument("number", metavar="NUMBER", help="the case number (SR 3-41234567, TS...)")
    a.add_argument("name", metavar="NAME", nargs="?", help="who takes it (default: you)")
    a.add_argument("--note", default="", help="a word for the timeline: why, what is pending")
    a.add_argument("--force", action="store_true", help="a name no case has yet, as typed")
    a.set_defaults(func=cmd_assign)


def _open():
    from sr_tui.core.cases.open_store import open_case_store
    from sr_tui.core.clock import SystemClock

    chosen = loaded_settings().settings
    clock = SystemClock()
    store, problems = open_case_store(chosen, clock)
    for problem in problems:
        print(f"sr-tui: {problem}", file=sys.stderr)
    return chosen, clock, store


def cmd_assign(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.numbering import normalize_number
    from sr_tui.core.cases.team import normalize_name

    chosen, clock, store = _open()
    try:
        number = normalize_number(args.number)
        name = normalize_name(args.name if args.name is not None else chosen.your_name)
        if not name and args.name is None:
            raise UsageError("give NAME, or set your_name (sr-tui config set your_name ...)")
        before = store.get_case(number)
        if before is None:
            raise UsageError(f"there is no case {number} (`sr-tui team --all` lists them)")
        known = _people(store) - {""}
        if name and name not in known and name != chosen.your_name and not args.force:
            import difflib

            close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
            if close:  # most likely a typo: a case given to "Bob Chn" is lost to Bob Chen
                raise UsageError(
                    f"no case is assigned to '{name}' yet; did you mean {', '.join(close)}? "
                    "(--force assigns it to the name as typed)"
                )
        after = store.assign(number, name, by=chosen.your_name, at=clock.now(), notes=args.note)
    finally:
        store.close()
    if after.assignee == before.assignee:
        print(f"{number} is assigned to {after.assignee or 'nobody'} already")
    else:
        was = f" (was {before.assignee})" if before.assignee else ""
        print(f"{number}: assigned to {after.assignee or 'nobody'}{was}")
    return ExitStatus.OK


def _people(store) -> set[str]:
    return {c.assignee for c in store.list_cases(limit=None)}


def cmd_team(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.model import Status

    chosen, _, store = _open()
    try:
        statuses = None if args.all else [s for s in Status if s is not Status.CLOSED]
        assignee = chosen.your_name if args.mine else None
        cases = store.list_cases(statuses=statuses, assignee=assignee, limit=None)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "number": c.number,
                "title": c.title,
                "assignee": c.assignee,
                "status": str(c.status),
                "last_activity_at": c.last_activity_at.isoformat(),
            }
            for c in cases
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return ExitStatus.OK
    by_person: dict[str, list] = {}
    for case in cases:
        by_person.setdefault(case.assignee, []).append(case)
    for person in sorted(by_person, key=lambda p: (p == "", p.lower())):
        mine = " (you)" if person and person == chosen.your_name else ""
        print(f"{person or 'unassigned'}{mine}: {len(by_person[person])}")
        for case in by_person[person]:
            when = case.last_activity_at.astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"  {case.number:<16} {case.status!s:<22} {when}  {case.title}")
    if not cases:
        print("no cases" + (" assigned to you" if args.mine else ""))
    return ExitStatus.OK
