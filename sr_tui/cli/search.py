"""`sr-tui search QUERY [--json] [--limit N]`: full-text search over the case store.

The query language is `sr_tui.core.cases.search`'s: terms (any length, English or
Chinese), "phrases", -exclusions, status:, area:, urgency:, since:, until:, kb:.
A mistyped filter is a usage error (exit 2) naming what it takes. `--json` and
`--limit` may come after the query too; a query that starts with an exclusion follows
`--` (`sr-tui search -- -vpn nfs`), as argparse would take it for an option.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError

if TYPE_CHECKING:
    from sr_tui.core.cases.search import SearchHit
    from sr_tui.core.cases.store import CaseStore
    from sr_tui.core.clock import Clock

_REVERSE, _RESET = "\x1b[7m", "\x1b[0m"


def add_parser(sub) -> None:
    add_search_parser(sub, "search")


def add_search_parser(sub, name: str) -> None:
    """The search command as `name` under `sub` (`sr-tui search`, `sr-tui case search`)."""
    p = sub.add_parser(
        name,
        help="search the cases: titles, descriptions, emails, notes, resolutions, keywords",
        description="Search the case store. Terms of any length in English or Chinese; "
        '"a phrase", -exclude, and the filters status:closed, area:network, urgency:high, '
        "since:2026-11-01, until:2026-11-30, kb:yes.",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=50, help="at most this many cases (50)")
    p.add_argument(
        "query",
        nargs=argparse.REMAINDER,
        metavar="QUERY",
        help="what to look for (after -- if it starts with -term)",
    )
    p.set_defaults(func=cmd_search)


def _options_after(args: argparse.Namespace) -> list[str]:
    """The query's words, with --json and --limit N taken out wherever they came."""
    words = list(args.query)
    if words[:1] == ["--"]:
        words = words[1:]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--json":
            args.json = True
        elif word == "--limit" or word.startswith("--limit="):
            value = word.partition("=")[2] if "=" in word else None
            if value is None:
                i += 1
                value = words[i] if i < len(words) else ""
            try:
                args.limit = int(value)
            except ValueError:
                raise UsageError(f"--limit takes a number, not '{value}'") from None
        else:
            out.append(word)
        i += 1
    return out


def open_store(clock: Clock | None = None) -> tuple[CaseStore, Clock]:
    """The case store the settings name (as the app opens it), and the clock; problems
    met opening it go to stderr."""
    from sr_tui.core.cases.open_store import open_case_store
    from sr_tui.core.clock import SystemClock

    clock = clock or SystemClock()
    store, problems = open_case_store(common.settings(), clock)
    for problem in problems:
        print(f"sr-tui: case store: {problem}", file=sys.stderr)
    return store, clock


def cmd_search(args: argparse.Namespace) -> int:
    from sr_tui.core.cases.search import hit_to_json
    from sr_tui.core.cases.search_parse import parse_query

    words = _options_after(args)
    if not words:
        raise UsageError("give something to search for, e.g. `sr-tui search OA 权限`")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    store, clock = open_store()
    try:
        query = parse_query(" ".join(words), tz=clock.now().tzinfo)
        if query.problems:
            raise UsageError("; ".join(p.message() for p in query.problems))
        hits = store.search(query, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([hit_to_json(h) for h in hits], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    if not hits:
        print("No case matches.", file=sys.stderr)
        return ExitStatus.OK
    marks = sys.stdout.isatty()
    for hit in hits:
        print(describe(hit, marks, clock.now().tzinfo))
    return ExitStatus.OK


def describe(hit: SearchHit, marks: bool = False, tz=None) -> str:
    """A hit in two lines: number, status, last activity and title; the snippet."""
    from sr_tui.core.cases.labels import STATUS_LABELS, label
    from sr_tui.core.cases.search_query import field_label

    case = hit.case
    when = case.last_activity_at.astimezone(tz).strftime("%Y-%m-%d")
    line = f"{case.number}  {label(STATUS_LABELS, str(case.status))}  {when}  {case.title}"
    snippet = hit.snippet
    if snippet is None:
        return line
    text = snippet.marked(_REVERSE, _RESET) if marks else snippet.text
    return f"{line}\n    {field_label(snippet.field)}: {text}"
