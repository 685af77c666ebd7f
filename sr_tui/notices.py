"""What the app says after a handoff: the notice text, its severity and how long it stays.

Plain functions of the outcome, so the wording is tested without an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from datetime import datetime

    from sr_tui.core.drafts import Draft
    from sr_tui.core.handoff.clipboard import CopyOutcome
    from sr_tui.core.handoff.mailto import MailtoOutcome

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    message: str
    severity: Severity = "information"
    timeout: float = 5
    #: The notice carries the long advice (given once a session).
    advice: bool = False


def copy_notice(
    outcome: CopyOutcome, what_key: str, language: Language, *, advice: bool = True
) -> Notice:
    """What a copy did, in one line; with `advice` (the first time in a session), also why
    it did not reach the system clipboard and what to do about it."""
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
    message = tr(key, language, what=what, path=outcome.file)
    if not advice:
        return Notice(message, "information" if outcome.method == "terminal" else "warning")
    lines = [message, tr("copy_reason", language, reason=outcome.reason)]
    if outcome.method == "terminal" and outcome.under_tmux:
        lines.append(tr("tmux_hint", language))
    if outcome.method == "terminal" and outcome.file is not None:
        lines.append(tr("copy_advice_once", language, path=outcome.file))
    return Notice("\n".join(lines), "warning", 12, advice=True)


def describe_draft(draft: Draft, now: datetime | None, language: Language) -> str:
    """A saved case for a notice or the palette: `B2 draft for SR 3-1234567 from 10:42`."""
    when = draft.when(now)
    what = draft.template_id or ""
    if draft.sr_number:
        return tr("draft_for_sr", language, id=what, sr=draft.sr_number, when=when).strip()
    return tr("draft_plain", language, id=what, when=when).strip()


def mail_notice(outcome: MailtoOutcome, language: Language) -> Notice:
    if outcome.opened:
        return Notice(tr("mail_opened", language))
    if outcome.pending:
        return Notice(tr("mail_pending", language, reason=outcome.reason), "warning", 12)
    key = "mail_too_long" if outcome.too_long else "mail_failed"
    return Notice(tr(key, language, reason=outcome.reason), "warning", 12)
