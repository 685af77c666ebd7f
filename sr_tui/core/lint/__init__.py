"""House-style lint: a small, headless rule engine for support email (LINT_RULES.md).

from sr_tui.core.lint import lint, lint_email
findings = lint(text)              # list[Finding], worst first
findings = lint_email(email)       # same, each with .field / .item
"""

from sr_tui.core.lint.config import LintConfig, load_lint_config
from sr_tui.core.lint.engine import lint, lint_email
from sr_tui.core.lint.finding import Finding, Fix, apply_fix

__all__ = ["Finding", "Fix", "LintConfig", "apply_fix", "lint", "lint_email", "load_lint_config"]
