"""What the app says after a handoff: the notice text, its severity and how long it stays.

Plain functions of the outcome, so the wording is tested without an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from sr_tui.core.handoff.clipboard import CopyOutcome
    from sr_tui.core.handoff.mailto import MailtoOutcome

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    message: str
    severity: Severity = "information"
    timeout: float = 5


def copy_notice(outcome: CopyOutcome, what_key: str, language: Language) -> Notice:
    what = tr(what_key, language)
    if outcome.method == "system" and outcome.note:
        # Copied, but the clipboard could not be read back: not a plain success.
        message = tr("copied_unchecked", language, what=what, tool=outcome.tool, note=outcome.note)
        return Notice(message, "warning", 12)
    if outcome.method == "system":
        return Notice(tr("copied_system", language, what=what))
    if outcome.method == "failed":
        return Notice(tr("copy_failed", language, what=what, reason=outcome.reason), "error", 12)
    key = "copied_terminal" if outcome.method == "terminal" else "copied_file"
    if outcome.file is None:  # the clipboard file could not be written either
        key = "copied_terminal_only"
    lines = [
        tr(key, language, what=what, path=outcome.file),
        tr("copy_reason", language, reason=outcome.reason),
    ]
    if outcome.method == "terminal" and outcome.under_tmux:
        lines.append(tr("tmux_hint", language))
    return Notice("\n".join(lines), "warning", 12)


def mail_notice(outcome: MailtoOutcome, language: Language) -> Notice:
    if outcome.opened:
        return Notice(tr("mail_opened", language))
    if outcome.pending:
        return Notice(tr("mail_pending", language, reason=outcome.reason), "warning", 12)
    key = "mail_too_long" if outcome.too_long else "mail_failed"
    return Notice(tr(key, language, reason=outcome.reason), "warning", 12)
