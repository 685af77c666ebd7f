"""`sr-tui case status`: moving a case, closing it with its archive, reopening it."""

from __future__ import annotations

import sys

from sr_tui.cli.case_shared import _case, _print, at_of, workspace
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.core.cases.model import CloseReason, Status


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
