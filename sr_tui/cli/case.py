"""`sr-tui case new|list|show|note|call|replied|log|status|assign|export|import`: the case
store from the command line. Every command that records takes `--at TIME` for what happened
earlier; every command that prints takes `--json`.

This module builds the parser; the commands are in `case_records` (new, list, show),
`case_timeline` (note, call, replied, log), `case_status` (status) and `case_transfer`
(export, import), what they share in `case_shared`.
"""

from __future__ import annotations

from sr_tui.cli import common
from sr_tui.cli.case_records import RECORD_OPTIONS, cmd_list, cmd_new, cmd_show
from sr_tui.cli.case_shared import _at_json
from sr_tui.cli.case_status import cmd_status
from sr_tui.cli.case_timeline import cmd_log, cmd_note
from sr_tui.cli.case_transfer import cmd_export, cmd_import
from sr_tui.core.cases.model import CloseReason, EntryKind, Priority, Scenario, Status, Urgency


def add_parser(sub) -> None:
    p = sub.add_parser("case", help="the case store: new, list, show, note, log, status, ...")
    csub = p.add_subparsers(
        dest="case_command", metavar="ACTION", required=True, parser_class=type(p)
    )

    c = csub.add_parser("new", help="record a new case")
    c.add_argument("number", nargs="?", default="", help="the ticket number (else generated)")
    for name, text in RECORD_OPTIONS:
        c.add_argument(f"--{name}", default="", help=text)
    c.add_argument("--urgency", choices=[u.value for u in Urgency], default="medium")
    c.add_argument("--scenario", choices=[s.value for s in Scenario], default="customer")
    c.add_argument("--priority", choices=[p.value for p in Priority], default="medium")
    _at_json(c, "when it was submitted")
    c.set_defaults(func=cmd_new)

    c = csub.add_parser("list", help="cases, newest activity first")
    c.add_argument("--status", action="append", choices=[s.value for s in Status])
    c.add_argument("--open", action="store_true", help="only cases not closed")
    c.add_argument("--search", default="", help="number, title, requester, company, keywords")
    c.add_argument("--limit", type=int, default=50)
    c.add_argument("--json", action="store_true")
    common.add_whose(c, "only the list")
    c.set_defaults(func=cmd_list)

    c = csub.add_parser("show", help="one case: the record and its timeline")
    c.add_argument("number")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_show)

    for name, kind, text in (
        ("note", EntryKind.NOTE, "a note on the timeline"),
        ("call", EntryKind.CALL, "a phone call (the urgent 15-minute call counts)"),
        ("replied", EntryKind.CUSTOMER_REPLIED, "the customer replied (ends a chase)"),
    ):
        c = csub.add_parser(name, help=text)
        c.add_argument("number")
        c.add_argument("text", nargs="?", default="", help="what was said or done")
        _at_json(c, "when it happened")
        c.set_defaults(func=cmd_note, kind=kind)

    c = csub.add_parser("log", help="record an email sent outside sr-tui")
    c.add_argument("number")
    c.add_argument("template", metavar="TEMPLATE_ID")
    c.add_argument("--set", dest="sets", action="append", default=[], metavar="FIELD=VALUE")
    c.add_argument("--values", metavar="FILE.toml")
    _at_json(c, "when it was sent")
    c.set_defaults(func=cmd_log)

    c = csub.add_parser("status", help="move a case (closed needs --reason); reopen a case")
    c.add_argument("number")
    c.add_argument("status", choices=[s.value for s in Status] + ["reopen"])
    c.add_argument("--reason", choices=[r.value for r in CloseReason])
    c.add_argument("--notes", default="")
    archive = c.add_argument_group("archiving a case (with closed)")
    archive.add_argument(
        "--keywords", default="", help="tags for search, comma-separated (信息归档: OA登录, 宕机)"
    )
    archive.add_argument("--resolution", default="", help="how it was solved")
    archive.add_argument("--root-cause", default="", help="why it happened")
    archive.add_argument(
        "--kb", action="store_true", help="add to the knowledge base (知识沉淀; needs a resolution)"
    )
    _at_json(c, "when it moved")
    c.set_defaults(func=cmd_status)

    from sr_tui.cli.search import add_search_parser

    add_search_parser(csub, "search")

    from sr_tui.cli.team import add_assign

    add_assign(csub)  # the same command as `sr-tui assign`

    c = csub.add_parser("export", help="every case: JSONL (lossless) or the seed's CSV tables")
    c.add_argument("--format", choices=("jsonl", "request-csv", "process-csv"), default="jsonl")
    c.add_argument("--lang", choices=("en", "zh"), default="en", help="CSV headers")
    c.add_argument("--out", metavar="FILE", help="default: standard output")
    c.set_defaults(func=cmd_export)

    c = csub.add_parser("import", help="read a JSONL export back (nothing is added twice)")
    c.add_argument("file", metavar="FILE.jsonl")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_import)
