"""Lint options: the `[lint]` table of the settings file.

Example::

    [lint]
    disable = ["SR013"]              # ids or names
    enable = ["passive-voice"]       # rules that are off by default
    sentence_max_words = 25
    accept = ["as soon as they are available"]
    acronyms = ["RHEL", "OCI"]

    [lint.severity]
    SR006 = "warning"                # error | warning | suggestion | off

`accept` and `acronyms` may also sit in a `[lint.vocab]` table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any

from sr_tui.core.lint.catalog import BY_ID, resolve

LEVELS = ("error", "warning", "suggestion", "off")


@dataclass(frozen=True)
class LintConfig:
    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    #: (rule id, level) pairs; level "off" disables the rule.
    severity: tuple[tuple[str, str], ...] = ()
    sentence_max_words: int = 25
    paragraph_max_sentences: int = 4
    paragraph_max_words: int = 70
    subject_max_chars: int = 70
    #: Extra phrases inside which word-list findings are dropped.
    accept: tuple[str, ...] = ()
    #: Extra acronyms that are never shouting.
    acronyms: tuple[str, ...] = ()
    #: SR020 also flags emoji and emoticons.
    emoji: bool = True
    #: SR007 also flags a weekday without a date ("by Friday").
    require_dates: bool = False
    #: SR019 only flags agentless commitments ("will be reviewed").
    passive_focus: bool = False

    def level(self, rule_id: str) -> str:
        """The level a rule runs at: its default, `enable`, `severity`, then `disable`."""
        if rule_id in self.disable:
            return "off"
        for rid, lvl in self.severity:
            if rid == rule_id:
                return lvl
        info = BY_ID[rule_id]
        if rule_id in self.enable:
            return info.when_on
        return info.default

    @classmethod
    def from_table(cls, table: Any) -> tuple[LintConfig, list[str]]:
        """Build a config from a `[lint]` table; bad entries are reported and skipped."""
        return _from_table(table)


_INTS = (
    "sentence_max_words",
    "paragraph_max_sentences",
    "paragraph_max_words",
    "subject_max_chars",
)
_BOOLS = ("emoji", "require_dates", "passive_focus")
_KNOWN = {f.name for f in fields(LintConfig)} | {"vocab"}


def _str_list(value: Any, key: str, problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"lint.{key}: expected a list of strings")
        return []
    return value


def _rule_ids(value: Any, key: str, problems: list[str]) -> frozenset[str]:
    out = set()
    for ref in _str_list(value, key, problems):
        info = resolve(ref)
        if info is None:
            problems.append(f"lint.{key}: unknown rule {ref!r}")
        else:
            out.add(info.id)
    return frozenset(out)


def _severity(value: Any, problems: list[str]) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        problems.append("lint.severity: expected a table of rule = level")
        return ()
    out = []
    for ref, lvl in value.items():
        info = resolve(str(ref))
        if info is None:
            problems.append(f"lint.severity: unknown rule {ref!r}")
        elif not isinstance(lvl, str) or lvl.lower() not in LEVELS:
            problems.append(f"lint.severity.{ref}: expected one of {', '.join(LEVELS)}")
        else:
            out.append((info.id, lvl.lower()))
    return tuple(out)


def _from_table(table: Any) -> tuple[LintConfig, list[str]]:
    problems: list[str] = []
    if not isinstance(table, dict):
        return LintConfig(), ["lint: expected a table"]
    kw: dict[str, Any] = {}
    vocab = table.get("vocab", {})
    if not isinstance(vocab, dict):
        problems.append("lint.vocab: expected a table")
        vocab = {}
    for key in sorted(set(table) - _KNOWN):
        problems.append(f"lint.{key}: unknown key")
    for key in sorted(set(vocab) - {"accept", "acronyms"}):
        problems.append(f"lint.vocab.{key}: unknown key")
    for key in ("disable", "enable"):
        if key in table:
            kw[key] = _rule_ids(table[key], key, problems)
    if "severity" in table:
        kw["severity"] = _severity(table["severity"], problems)
    for key in _INTS:
        if key in table:
            v = table[key]
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                problems.append(f"lint.{key}: expected a positive integer")
            else:
                kw[key] = v
    for key in _BOOLS:
        if key in table:
            if isinstance(table[key], bool):
                kw[key] = table[key]
            else:
                problems.append(f"lint.{key}: expected true or false")
    for key in ("accept", "acronyms"):
        items: list[str] = []
        for src, name in ((table, key), (vocab, f"vocab.{key}")):
            if key in src:
                items += _str_list(src[key], name, problems)
        if items:
            kw[key] = tuple(s for s in (i.strip() for i in items) if s)
    return LintConfig(**kw), problems


def load_lint_config(path: str | os.PathLike[str] | None = None) -> tuple[LintConfig, list[str]]:
    """The `[lint]` table of the settings file (default: where `load_settings` finds it),
    as a config and its problems ("PATH: reason"). The settings module is the one reader
    of that file; nothing is raised and a broken file means defaults."""
    from pathlib import Path

    from sr_tui.core.settings import load_settings

    loaded = load_settings(Path(path) if path is not None else None)
    if loaded.unreadable:
        problem = loaded.problems[0]
        where = f" (line {problem.line})" if problem.line else ""
        return LintConfig(), [f"{problem.path}: {problem.message}{where}"]
    cfg, problems = LintConfig.from_table(loaded.settings.lint)
    return cfg, [f"{loaded.path}: {p}" for p in problems]
