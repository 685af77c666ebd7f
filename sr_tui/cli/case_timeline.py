"""`sr-tui case note`, `call`, `replied` and `log`: entries on a case's timeline."""

from __future__ import annotations

import sys

from sr_tui.cli import common
from sr_tui.cli.case_shared import _case, _print, at_of, workspace
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.core.cases.model import EntryKind


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
