"""Builders for lint tests: wrap a body snippet in a well-formed email."""

from __future__ import annotations

from sr_tui.core.lint import lint

SUBJECT = "NFS hang on app01 — SR 3-31415926"
SIGNATURE = "Best regards,\nSam Lee\nLinux Support"


def email(
    body: str,
    subject: str = SUBJECT,
    greeting: str = "Hi Alice,",
    closing: str = SIGNATURE,
) -> str:
    """A complete house-style email around `body`."""
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{closing}\n"


def rules(text: str, **kw) -> set[str]:
    return {f.rule for f in lint(text, **kw)}


def found(text: str, rule: str, **kw) -> list[str]:
    """The matches of `rule` in `text`."""
    return [f.match for f in lint(text, **kw) if f.rule == rule]
