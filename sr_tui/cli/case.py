"""`sr-tui case new|list|show|note|call|replied|log|status|assign|export|import`: the case
store from the command line. Every command that records takes `--at TIME` for what happened
earlier; every command that prints takes `--json`."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.cli.when import parse_at
from sr_tui.core.cases.model import CloseReason, EntryKind, Priority, Scenario, Status, Urgency

RECORD_OPTIONS = (
    ("title", "the subject of the request (请求主题)"),
    ("requester", "who asked: employee id and name, or the contact (请求人)"),
    ("company", "the customer's company (客户名称)"),
    ("contact", "phone, IM or email (联系方式)"),
    ("urgency-reason", "why it is urgent (needed for high urgency)"),
    ("area", "technical area: software, hardware, network, data_security, ..."),
    ("description", "symptoms, when, impact, steps already tried (问题描述)"),
    ("assignee", "who owns it (受理人; default: your name)"),
)


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


def cmd_new(args) -> int:
    from sr_tui.core.cases.codec import case_to_json
    from sr_tui.core.cases.model import Case

    ws = workspace()
    at = at_of(args, ws)
    if args.urgency == "high" and not args.urgency_reason:
        raise UsageError("a high-urgency case needs --urgency-reason (why it is urgent)")
    fields = {
        name.replace("-", "_"): getattr(args, name.replace("-", "_")) for name, _ in RECORD_OPTIONS
    }
    fields["assignee"] = fields["assignee"] or ws.settings.your_name
    case = Case.new(
        args.number.strip(),
        now=at,
        urgency=args.urgency,
        scenario=args.scenario,
        priority=args.priority,
        **fields,
    )
    case = ws.cases.store.create_case(case)
    _print(case_to_json(case), args.json, case.number)
    return ExitStatus.OK


def cmd_list(args) -> int:
    from sr_tui.core.cases.labels import STATUS_LABELS, label

    assignee = common.whose(args)
    ws = workspace()
    statuses = [Status(s) for s in args.status] if args.status else None
    if args.open:
        statuses = [s for s in (statuses or list(Status)) if s is not Status.CLOSED]
    rows = ws.cases.store.list_cases(
        statuses=statuses, text=args.search, limit=args.limit, assignee=assignee
    )
    if args.json:
        print(json.dumps([_summary_json(r) for r in rows], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    for r in rows:
        when = r.last_activity_at.astimezone().strftime("%Y-%m-%d %H:%M")
        status = label(STATUS_LABELS, r.status, ws.language)
        who = "" if assignee is not None else f"  ({r.assignee or 'unassigned'})"
        print(f"{r.number:<16} {status:<30} {when}  {r.title}{who}")
    return ExitStatus.OK


def _summary_json(summary) -> dict:
    from dataclasses import asdict

    data = asdict(summary)
    for key, value in data.items():
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
    return data


def cmd_show(args) -> int:
    from sr_tui.core.cases.codec import case_to_json, entry_to_json
    from sr_tui.core.cases.export import describe

    ws = workspace()
    case = _case(ws, args.number)
    entries = ws.cases.entries(case.number)
    if args.json:
        data = {"case": case_to_json(case), "entries": [entry_to_json(e) for e in entries]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return ExitStatus.OK
    print(f"{case.number}  {case.title}")
    print(f"Status:    {case.status}" + (f" ({case.close_reason})" if case.close_reason else ""))
    for name in ("requester", "company", "contact", "assignee", "area", "urgency"):
        if getattr(case, name):
            print(f"{name.capitalize() + ':':<10} {getattr(case, name)}")
    print(f"Submitted: {case.submitted_at.astimezone():%Y-%m-%d %H:%M}")
    print("\nTimeline:")
    for entry in entries:
        notes = f" — {entry.notes}" if entry.notes else ""
        print(f"  {entry.at.astimezone():%Y-%m-%d %H:%M}  {describe(entry)}{notes}")
    return ExitStatus.OK


def cmd_note(args) -> int:
    from sr_tui.core.cases.codec import entry_to_json

    ws = workspace()
    case = _case(ws, args.number)
    if args.kind is EntryKind.NOTE and not args.text.strip():
        raise UsageError("a note needs its text: sr-tui case note NUMBER 'what happened'")
    entry = ws.cases.note(case.number, args.kind, text=args.text, at=at_of(args, ws))
    _print(entry_to_json(entry), args.json, f"{args.kind} logged on {case.number}")
    return ExitStatus.OK


def cmd_log(args) -> int:
    """Render the template with the case's values (and --set on top, stored on the case)
    and write it on the timeline as an email sent from elsewhere."""
    from sr_tui.core.cases.codec import entry_to_json
    from sr_tui.core.drafts import Draft, on_case

    loaded = common.loaded_settings()
    catalog = common.catalog(loaded)
    from sr_tui.workspace import Workspace

    ws = Workspace(catalog, loaded)
    case = _case(ws, args.number)
    at = at_of(args, ws)
    form = ws.form_template(common.template(catalog, args.template).id)
    typed = common.collect_values(catalog, form, args.values, args.sets)
    ws.draft = on_case(Draft(form.id, {}, at, case.number), case, typed)
    ws.save()
    email = ws.email(ws.copy_layout)
    for warning in ws.case_warnings(at):
        print(f"sr-tui: warning: {case.number}: {warning}", file=sys.stderr)
    promise, words = ws.promise(at)
    entry, case = ws.cases.record_email(
        case.number,
        template_id=email.template_id,
        subject=email.subject,
        body=email.body,
        channel="logged",
        findings=ws.findings(),
        at=at,
        promise=promise,
        promise_text=words,
    )
    _print(entry_to_json(entry), args.json, f"{form.id} logged on {case.number} ({case.status})")
    return ExitStatus.OK


def cmd_status(args) -> int:
    from sr_tui.core.cases.codec import case_to_json

    ws = workspace()
    case = _case(ws, args.number)
    status = args.status
    if status == "reopen":
        if case.status is not Status.CLOSED:
            raise UsageError(f"{case.number} is not closed ({case.status})")
        status = Status.IN_PROGRESS.value
    archive = args.keywords.strip() or args.resolution.strip() or args.root_cause.strip()
    if status != "closed" and (archive or args.kb):
        raise UsageError(
            "--keywords, --resolution, --root-cause and --kb archive a case: use them with closed"
        )
    if status == "closed" and not args.reason:
        raise UsageError("closing needs --reason: " + ", ".join(r.value for r in CloseReason))
    if args.kb and not (args.resolution.strip() or case.resolution):
        raise UsageError("--kb needs --resolution: the knowledge base keeps how it was solved")
    at = at_of(args, ws)
    if status == "closed":
        from sr_tui.core.cases.similar import split_keywords

        case = ws.cases.close_case(
            case.number,
            args.reason,
            keywords=split_keywords(args.keywords),
            resolution=args.resolution,
            root_cause=args.root_cause,
            knowledge=True if args.kb else None,
            at=at,
            notes=args.notes,
        )
        if not case.resolution:
            _no_resolution(ws, case)
    else:
        case = ws.cases.set_status(case.number, status, args.reason, at=at, notes=args.notes)
    _print(case_to_json(case), args.json, f"{case.number}: {case.status}")
    return ExitStatus.OK


def _no_resolution(ws, case) -> None:
    """Say on stderr that the case was archived without a resolution, with the
    resolutions of similar past cases to start from (`--resolution` adds one)."""
    from sr_tui.core.cases.similar import similar_cases

    print(
        f"sr-tui: {case.number} is closed with no resolution: search and the knowledge base "
        "will not know how it was solved (close it again with --resolution TEXT)",
        file=sys.stderr,
    )
    for past in similar_cases(ws.cases.store, case, limit=3):
        first = past.case.resolution.strip().splitlines()[0]
        print(f"  similar: {past.case.number} ({past.case.title}): {first}", file=sys.stderr)


def cmd_export(args) -> int:
    ws = workspace()
    with contextlib.ExitStack() as stack:
        out = sys.stdout
        if args.out:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8", newline=""))
        n = _write_export(ws.cases.store, args, out)
    print(f"{n} row{'s' if n != 1 else ''} written", file=sys.stderr)
    return ExitStatus.OK


def _write_export(store, args, out) -> int:
    from sr_tui.core.cases import export

    if args.format == "jsonl":
        return export.export_jsonl(store, out)
    if args.format == "request-csv":
        return export.write_request_csv(export.cases(store), out, args.lang)
    entries = (e for _case, es in export.records(store) for e in es)
    return export.write_process_csv(entries, out, args.lang)


def cmd_import(args) -> int:
    from sr_tui.core.cases import export

    ws = workspace()
    path = Path(args.file).expanduser()
    try:
        with path.open(encoding="utf-8") as handle:
            result = export.import_jsonl(ws.cases.store, handle, str(path))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    summary = {
        "cases_added": list(result.cases_added),
        "cases_kept": list(result.cases_kept),
        "entries_added": result.entries_added,
        "entries_kept": result.entries_kept,
    }
    text = (
        f"{len(result.cases_added)} cases and {result.entries_added} entries added; "
        f"{len(result.cases_kept)} cases and {result.entries_kept} entries were there already"
    )
    _print(summary, args.json, text)
    return ExitStatus.OK
