"""`sr-tui render ID`: print a template's email, or hand it off with --copy, --eml, --mailto.

The email comes from the same `Workspace` the app uses: the signature from settings, the
extra fields every template accepts (`customer_email`), the same render and layouts.
"""

from __future__ import annotations

import argparse
import sys

from sr_tui.cli import common
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.core.safe_text import controls_in
from sr_tui.core.templates.model import LAYOUTS, Email, Layout, Values


def add_parser(sub) -> None:
    p = sub.add_parser(
        "render",
        help="render a template to standard output, or hand it to Outlook",
        description="Render a template. With --copy, --eml or --mailto the email is handed "
        "to your mail client instead of printed.",
        epilog="Every template also takes customer_email (--set customer_email=ADDRESS, or "
        "in the --values file): the To of the .eml draft and of the mailto: link. "
        "Several addresses may be separated by commas or semicolons.",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="fill a field (repeat for more; a list field takes one --set per item)",
    )
    p.add_argument("--values", metavar="FILE.toml", help="read field values from a TOML table")
    p.add_argument(
        "--part",
        choices=("all", "subject", "body"),
        default="all",
        help="what to print or --copy (default all: the Subject line, a blank line, the body)",
    )
    p.add_argument(
        "--layout",
        choices=LAYOUTS,
        default=None,
        help="as-written (the default when printing) or flowed (the default for --copy, "
        "--eml and --mailto: the copy_layout setting)",
    )
    p.add_argument(
        "--case",
        metavar="NUMBER",
        help="render with the case's values (creating the case when the number is new); "
        "--set values are stored on it, and --copy, --eml or --mailto log the email on it",
    )
    handoff = p.add_argument_group("getting the email into Outlook")
    handoff.add_argument(
        "--copy",
        action="store_true",
        help="copy the email (--part) to the system clipboard; without one it is saved "
        "to a file and the command says where (exit 1)",
    )
    handoff.add_argument(
        "--eml",
        metavar="PATH",
        help="write an .eml draft that Outlook opens ready to edit and send: PATH is a "
        "file, a directory (a fresh file name, never overwriting), or - for standard output",
    )
    handoff.add_argument(
        "--mailto",
        action="store_true",
        help="open the email in the mail client with a mailto: link and print the link; "
        "an email too long for one (about 1,900 characters) exits 1: use --eml",
    )
    p.set_defaults(func=cmd_render)


def workspace_for(args: argparse.Namespace):
    """A Workspace with the template open and the --values/--set values typed in."""
    from sr_tui.workspace import Workspace

    loaded = common.loaded_settings()
    catalog = common.catalog(loaded)
    template = common.template(catalog, args.id)
    workspace = Workspace(catalog, loaded)
    form = workspace.open_template(template.id)
    typed = common.collect_values(catalog, form, args.values, args.sets)
    if getattr(args, "case", None):
        _open_case(workspace, args.case, form.id, typed)
        return workspace
    for field_id, value in typed.items():
        workspace.set_value(field_id, value)
    return workspace


def _open_case(workspace, number: str, template_id: str, typed: Values) -> None:
    """Put the case's values (and the typed ones, stored on it) in the workspace."""
    from sr_tui.core.cases.model import Case
    from sr_tui.core.drafts import Draft, on_case

    case = workspace.cases.get(number)
    if case is None:
        now = workspace.clock.now()
        case = workspace.cases.store.create_case(
            Case.new(number.strip(), now=now, assignee=workspace.settings.your_name)
        )
        print(f"sr-tui: new case {case.number}", file=sys.stderr)
    draft = Draft(template_id, {}, workspace.clock.now(), case.number)
    workspace.draft = on_case(draft, case, typed)
    workspace.save()


def cmd_render(args: argparse.Namespace) -> int:
    from sr_tui.core.templates.render import RenderError

    workspace = workspace_for(args)
    handing_off = bool(args.copy or args.mailto or args.eml is not None)
    layout = args.layout or (workspace.copy_layout if handing_off else "as-written")
    try:
        email = workspace.email(layout)
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    assert email is not None
    _warn_about_time(workspace, bool(args.case))
    if not handing_off:
        text = email.part(args.part)
        found = controls_in(text)
        if found:
            print(
                f"sr-tui: warning: the email holds control characters ({', '.join(found)}); "
                "they are printed escaped, so the terminal does not act on them",
                file=sys.stderr,
            )
        print(text)  # sys.stdout escapes them (cli.TerminalSafe)
        return ExitStatus.OK
    status = _hand_off(args, workspace, email, layout)
    if args.case and status == ExitStatus.OK:
        case = workspace.record_handoff(_channel(args), email)
        print(f"Logged on case {case.number} ({case.status}).", file=sys.stderr)
    return status


def _warn_about_time(workspace, on_case: bool) -> None:
    """Timeframes that do not fit their sentence, and (with --case) what the case's
    timeline says against this email: warnings on stderr, never a failure."""
    for field_id, message in workspace.timeframe_problems().items():
        print(f"sr-tui: warning: {field_id}: {message}", file=sys.stderr)
    if on_case:
        for warning in workspace.case_warnings():
            print(f"sr-tui: warning: case {workspace.draft.number}: {warning}", file=sys.stderr)


def _channel(args: argparse.Namespace) -> str:
    return "eml" if args.eml is not None else "copy" if args.copy else "mailto"


def _hand_off(args: argparse.Namespace, workspace, email: Email, layout: Layout) -> int:
    """--eml, then --copy, then --mailto (the same helpers as the app); the exit status is
    the worst of them."""
    values = workspace.values
    from sr_tui.core.handoff import mailto
    from sr_tui.core.handoff.recipients import HandoffError, recipients

    try:
        recipients(values)  # a bad address stops everything before anything is done
    except HandoffError as exc:
        raise UsageError(str(exc)) from None
    status = ExitStatus.OK
    if args.eml is not None:
        status = max(status, _render_eml(args.eml, email, values, layout))
    if args.copy:
        status = max(status, _render_copy(workspace, email.part(args.part)))
    if args.mailto:
        outcome = mailto.open_in_mail_client(email, values, layout=layout)
        if outcome.too_long:
            print(f"sr-tui: {outcome.reason} (--eml PATH)", file=sys.stderr)
            status = max(status, ExitStatus.PROBLEMS)
        elif outcome.opened:
            print(outcome.url)
            print("Opened in the mail client.", file=sys.stderr)
        elif outcome.pending:
            print(outcome.url)
            print(f"sr-tui: {outcome.reason}", file=sys.stderr)
            status = max(status, ExitStatus.PROBLEMS)
        else:
            print(outcome.url)
            print(f"sr-tui: could not open the mail client: {outcome.reason}", file=sys.stderr)
            status = max(status, ExitStatus.PROBLEMS)
    return status


def _render_eml(target: str, email, values: Values, layout) -> int:
    import os
    from pathlib import Path

    from sr_tui.core.handoff import eml
    from sr_tui.core.handoff.recipients import HandoffError

    if target == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(eml.eml_bytes(email, values, layout=layout))
        sys.stdout.buffer.flush()
        return ExitStatus.OK
    path = Path(target).expanduser()
    try:
        if path.is_dir() or target.endswith(("/", os.sep)):
            written = eml.export_eml(email, path, values, layout=layout)
        else:
            if not path.parent.is_dir():
                raise UsageError(f"cannot write {path.resolve()}: its directory does not exist")
            written = eml.write_eml(email, path, values, layout=layout)
    except (OSError, HandoffError) as exc:
        from sr_tui.core.atomic import WriteError

        if isinstance(exc, WriteError):  # it names the file and what is in the way
            print(f"sr-tui: error: the .eml draft was not written: {exc}", file=sys.stderr)
            return ExitStatus.PROBLEMS
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"sr-tui: error: cannot write the .eml draft to {path}: {reason}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    print(written)
    return ExitStatus.OK


def _render_copy(workspace, text: str) -> int:
    outcome = workspace.copy_text(text)
    if outcome.method == "system" and outcome.note:
        # Copied, but the clipboard could not be read back: not a plain success.
        print(f"Copied with {outcome.tool}, but not checked: {outcome.note}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    if outcome.method == "system":
        print("Copied to the clipboard.", file=sys.stderr)
        return ExitStatus.OK
    if outcome.method == "file":
        print(f"No clipboard: saved to {outcome.file} ({outcome.reason})", file=sys.stderr)
    else:
        print(f"sr-tui: error: could not copy: {outcome.reason}", file=sys.stderr)
    return ExitStatus.PROBLEMS
