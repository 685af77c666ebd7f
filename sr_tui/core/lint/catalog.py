"""The rule catalog: id, name and default severity of every rule (LINT_RULES.md)."""

from __future__ import annotations

from typing import NamedTuple


class RuleInfo(NamedTuple):
    id: str
    name: str
    #: "error" | "warning" | "suggestion" | "off"
    default: str
    #: Severity used when an "off" rule is switched on with `enable`.
    when_on: str


RULES: tuple[RuleInfo, ...] = (
    RuleInfo("SR001", "subject-missing", "error", "error"),
    RuleInfo("SR002", "subject-unclear", "warning", "warning"),
    RuleInfo("SR003", "greeting-format", "error", "error"),
    RuleInfo("SR004", "closing-format", "error", "error"),
    RuleInfo("SR005", "unfilled-placeholder", "error", "error"),
    RuleInfo("SR006", "vague-timeframe", "error", "error"),
    RuleInfo("SR007", "timeframe-incomplete", "suggestion", "suggestion"),
    RuleInfo("SR008", "paragraph-too-long", "warning", "warning"),
    RuleInfo("SR009", "paragraph-multiple-topics", "suggestion", "suggestion"),
    RuleInfo("SR010", "actions-not-in-list", "warning", "warning"),
    RuleInfo("SR011", "sentence-too-long", "warning", "warning"),
    RuleInfo("SR012", "hedging", "warning", "warning"),
    RuleInfo("SR013", "weak-intensifier", "suggestion", "suggestion"),
    RuleInfo("SR014", "condescending-or-blaming", "warning", "warning"),
    RuleInfo("SR015", "stock-or-wordy-phrase", "suggestion", "suggestion"),
    RuleInfo("SR016", "repeated-word", "error", "error"),
    RuleInfo("SR017", "shouting", "warning", "warning"),
    RuleInfo("SR018", "whitespace", "suggestion", "suggestion"),
    RuleInfo("SR019", "passive-voice", "off", "suggestion"),
    RuleInfo("SR020", "chatspeak-informal", "warning", "warning"),
    RuleInfo("SR021", "subject-no-reference", "suggestion", "suggestion"),
)

BY_ID: dict[str, RuleInfo] = {r.id: r for r in RULES}
BY_NAME: dict[str, RuleInfo] = {r.name: r for r in RULES}


def resolve(ref: str) -> RuleInfo | None:
    """A rule by id (`SR006`, `sr006`) or name (`vague-timeframe`)."""
    key = ref.strip()
    return BY_ID.get(key.upper()) or BY_NAME.get(key.lower())
