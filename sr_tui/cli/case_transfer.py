"""`sr-tui case export` and `import`: every case out as JSONL or CSV, and JSONL back in."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from sr_tui.cli.case_shared import _print, workspace
from sr_tui.cli.common import ExitStatus, UsageError


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
