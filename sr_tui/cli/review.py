"""`sr-tui review [--month 2026-11] [--format text|json|csv|md] [--lang en|zh] [--out FILE]`:
the monthly review (复盘); the month before this one unless `--month` says.

Business time comes from the business calendar when this sr-tui has one (the JSON's
`business_time` says "calendar"), else it is wall time ("wall")."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError

FORMATS = ("text", "json", "csv", "md")


def add_parser(sub) -> None:
    p = sub.add_parser("review", help="the monthly review: figures, SLA, frequent problems")
    p.add_argument("--month", metavar="YYYY-MM", help="the month (default: last month)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output (default text)")
    p.add_argument("--lang", choices=("en", "zh"), help="language (default: settings)")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    common.add_whose(p, "only the review")
    p.set_defaults(func=cmd_review)


def parse_month(text: str | None, now: datetime) -> tuple[int, int]:
    """`YYYY-MM` as (year, month); None: the month before `now`'s."""
    if text is None:
        return (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise UsageError(f"--month takes YYYY-MM, e.g. 2026-11, not '{text}'")
    return int(found.group(1)), int(found.group(2))


def cmd_review(args: argparse.Namespace) -> int:
    from sr_tui.cli.search import open_store
    from sr_tui.core.cases.review import monthly_review
    from sr_tui.core.cases.review_clocks import business_clock
    from sr_tui.core.cases.review_formats import to_csv, to_json
    from sr_tui.core.cases.review_markdown import to_markdown
    from sr_tui.core.cases.review_text import to_text

    assignee = common.whose(args)
    store, clock = open_store()
    now = clock.now()
    year, month = parse_month(args.month, now)
    business_time, tz, basis = business_clock(now.tzinfo)
    try:
        figures = monthly_review(
            store,
            year,
            month,
            now=now,
            tz=tz,
            business_time=business_time,
            basis=basis,
            assignee=assignee,
        )
    finally:
        store.close()
    lang = args.lang or common.settings().language
    if args.format == "json":
        text = json.dumps(to_json(figures), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = to_csv(figures)
    elif args.format == "md":
        text = to_markdown(figures, lang)
    else:
        text = to_text(figures, lang)
    if not args.out:
        sys.stdout.write(text)
        return ExitStatus.OK
    from sr_tui.core.atomic import atomic_write_text

    path = Path(args.out).expanduser().resolve()
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"The review of {figures.month} was written to {path}", file=sys.stderr)
    return ExitStatus.OK
