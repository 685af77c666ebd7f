"""`sr-tui case new`, `list` and `show`: recording a case and reading cases back."""

from __future__ import annotations

import json

from sr_tui.cli import common
from sr_tui.cli.case_shared import _case, _print, at_of, workspace
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.core.cases.model import Status

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
