"""`sr-tui kb export [--out FILE] [--lang en|zh]`: the frequent-problems handbook
(常见问题手册) of the knowledge base, in Markdown: problems by area, each with its
symptoms, root cause, resolution and the cases it came from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("kb", help="the knowledge base: the frequent-problems handbook")
    ksub = p.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    e = ksub.add_parser(
        "export", help="write the frequent-problems handbook (常见问题手册) as Markdown"
    )
    e.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    e.add_argument("--lang", choices=("en", "zh"), help="headings' language (default: settings)")
    e.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from sr_tui.cli.search import open_store
    from sr_tui.core.cases.knowledge import handbook, knowledge_cases

    store, clock = open_store()
    try:
        cases = knowledge_cases(store)
    finally:
        store.close()
    lang = args.lang or common.settings().language
    now = clock.now()
    text = handbook(cases, lang=lang, today=now.date(), tz=now.tzinfo)
    if not args.out:
        sys.stdout.write(text)
        return ExitStatus.OK
    from sr_tui.core.atomic import atomic_write_text

    path = Path(args.out).expanduser().resolve()
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"{len(cases)} knowledge-base cases written to {path}", file=sys.stderr)
    return ExitStatus.OK
