"""House-style lint: a small, headless rule engine for support email (LINT_RULES.md).

from sr_tui.core.lint import lint, lint_email
findings = lint(text)              # list[Finding], worst first
findings = lint_email(email)       # same, each with .field / .item

The names are loaded on first use: `sr_tui.core.lint.finding` (the record a restored
case's findings are read back into) does not import the engine and its rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sr_tui.core.lint.config import LintConfig, load_lint_config
    from sr_tui.core.lint.engine import lint, lint_email
    from sr_tui.core.lint.finding import Finding, Fix, apply_fix

__all__ = ["Finding", "Fix", "LintConfig", "apply_fix", "lint", "lint_email", "load_lint_config"]

_HOMES = {
    "LintConfig": "config",
    "load_lint_config": "config",
    "lint": "engine",
    "lint_email": "engine",
    "Finding": "finding",
    "Fix": "finding",
    "apply_fix": "finding",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
