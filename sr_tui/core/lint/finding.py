"""The finding record the linter returns, its fix, and how a fix is applied."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "suggestion"]
FixKind = Literal["replace", "delete", "insert", "hint"]

#: Sort order of severities: worst first.
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "suggestion": 2}
SEVERITIES: tuple[str, ...] = ("error", "warning", "suggestion")


@dataclass(frozen=True, slots=True)
class Fix:
    """How to repair a finding.

    - ``replace``: put ``replacement`` in place of ``text[start:end]``.
    - ``delete``: remove ``text[start:end]`` and one adjacent space (the one after it
      if there is one, else the one before), so no double space is left.
    - ``insert``: insert ``replacement`` at ``start`` (such findings are often empty).
    - ``hint``: nothing to apply; ``replacement``, if set, is example wording.

    Only ``safe`` fixes may be applied with one key; the others need a preview.
    """

    kind: FixKind
    replacement: str | None = None
    safe: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "replacement": self.replacement, "safe": self.safe}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a text. ``match`` is always ``text[start:end]``."""

    rule: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    match: str
    fix: Fix | None = None
    field: str | None = None
    item: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (SEVERITY_RANK[self.severity], self.start, self.end, self.rule)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "match": self.match,
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.field is not None:
            out["field"] = self.field
        if self.item is not None:
            out["item"] = self.item
        return out


def apply_fix(text: str, finding: Finding) -> str:
    """Return ``text`` with ``finding.fix`` applied (unchanged for hints or no fix)."""
    fix = finding.fix
    if fix is None or fix.kind == "hint":
        return text
    start, end = finding.start, finding.end
    if fix.kind == "insert":
        return text[:start] + (fix.replacement or "") + text[start:]
    if fix.kind == "replace":
        return text[:start] + (fix.replacement or "") + text[end:]
    # delete, taking one adjacent space with it
    if end < len(text) and text[end] == " ":
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    return text[:start] + text[end:]
