"""Text and JSON renderings of findings (the `sr-tui lint` output contract)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sr_tui.core.lint.finding import Finding

JSON_VERSION = 1


def format_text(findings: Iterable[Finding], filename: str) -> str:
    """One line per finding: `FILE:LINE:COL: severity SR006 message`."""
    return "".join(
        f"{filename}:{f.line}:{f.column}: {f.severity} {f.rule} {' '.join(f.message.split())}\n"
        for f in findings
    )


def format_json(findings: Iterable[Finding]) -> str:
    """`{"version": 1, "findings": [...]}` with one object per finding."""
    doc = {"version": JSON_VERSION, "findings": [f.to_dict() for f in findings]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def exit_code(findings: Iterable[Finding], strict: bool = False) -> int:
    """1 when an error is present (with `strict`, a warning too), else 0."""
    bad = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in bad for f in findings) else 0
