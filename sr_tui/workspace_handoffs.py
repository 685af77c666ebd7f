"""The open case's handoffs (copy, .eml, mailto), each written on the case's timeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sr_tui.core.errors import SrTuiError

if TYPE_CHECKING:
    from sr_tui.core.cases.model import Case
    from sr_tui.core.handoff.clipboard import CopyOutcome, SystemClipboard, SystemCopy
    from sr_tui.core.handoff.mailto import MailtoOutcome
    from sr_tui.core.templates.model import Email, Layout

Part = Literal["all", "subject", "body"]
Handoff = Literal["copy", "eml", "mailto"]


class HandoffsMixin:
    """The Workspace's ways out: copy, .eml draft, mailto link, and their timeline entry."""

    def record_handoff(self, channel: str, email: Email) -> Case:
        """Write the email that went out on the case's timeline (creating the case if it
        is new); returns the case as it is now (its status may have moved)."""
        self.save()
        if not self.draft.number:
            self.draft = self.cases.sync(self.draft, create=True)
            self.drafts.save_current(self.draft)
        at = self.clock.now()
        promise, words = self.promise(at)
        _, case = self.cases.record_email(
            self.draft.number,
            template_id=email.template_id,
            subject=email.subject,
            body=email.body,
            channel=channel,
            findings=self.findings(),
            at=at,
            promise=promise,
            promise_text=words,
        )
        return case

    # -- handoffs ------------------------------------------------------------------------

    @property
    def copy_layout(self) -> Layout:
        return self.settings.copy_layout

    def _outgoing(self) -> Email:
        email = self.outgoing()
        if email is None:
            raise SrTuiError("open a template first")
        return email

    def system_clipboard(self) -> SystemClipboard | SystemCopy | None:
        """The system clipboard, detected on first use; when there is none, the reason is
        kept for the copy notice."""
        if self._system_clipboard == "detect":
            from sr_tui.core.handoff import clipboard_tools
            from sr_tui.core.handoff.clipboard import detect_system_clipboard

            self._system_clipboard = detect_system_clipboard()
            self._no_clipboard_reason = clipboard_tools.last_detection_problem
        return self._system_clipboard  # type: ignore[return-value]

    def copy(
        self,
        part: Part = "all",
        *,
        terminal: Callable[[str], None] | None = None,
        record: bool = True,
    ) -> CopyOutcome:
        """Copy the outgoing email (or its subject or body) exactly as shown and, when the
        email or its body was copied, write it on the case's timeline (`record`). Slow
        (tools, read back): call it off the UI thread."""
        email = self._outgoing()
        outcome = self.copy_text(self.outgoing_part(part), terminal=terminal)
        if record and part != "subject" and outcome.method != "failed":
            self.record_handoff("copy", email)
        return outcome

    def outgoing_part(self, part: Part = "all") -> str:
        """The text a copy takes: the whole outgoing email exactly as shown, or its subject
        or body."""
        email = self._outgoing()
        if part == "all":
            return self.outgoing_text() or email.text
        return email.part(part)

    def copy_text(self, text: str, *, terminal: Callable[[str], None] | None = None):
        from sr_tui.core.handoff.clipboard import copy_text

        system = self.system_clipboard()
        reason = self._no_clipboard_reason
        return copy_text(text, system=system, terminal=terminal, no_system_reason=reason)

    def export_eml(self, target: Path | None = None, *, record: bool = True) -> Path:
        """Write the .eml draft into `target` (a folder; default the `export_dir` setting,
        else Downloads, else the data dir) under a fresh name; return the path."""
        from sr_tui.core.handoff.eml import default_export_dir, export_eml

        email = self._outgoing()
        folder = target if target is not None else default_export_dir(self.settings.export_dir)
        try:
            path = export_eml(
                email, folder, self.values, layout=self.copy_layout, date=self.clock.now()
            )
        except OSError as exc:
            from sr_tui.core.atomic import WriteError

            if isinstance(exc, WriteError):  # it names the file and what is in the way
                raise SrTuiError(f"the .eml draft was not written: {exc}") from None
            reason = exc.strerror or exc
            raise SrTuiError(f"cannot write the .eml draft in {folder}: {reason}") from None
        if record:
            self.record_handoff("eml", email)
        return path

    def open_mail(
        self, opener: Callable[[str], object] | None = None, *, record: bool = True
    ) -> MailtoOutcome:
        """Open the email in the mail client through a mailto: link (slow: off the UI
        thread). A bad `customer_email` raises HandoffError."""
        from sr_tui.core.handoff.mailto import open_in_mail_client
        from sr_tui.core.handoff.recipients import recipients

        email = self._outgoing()
        recipients(self.values)
        outcome = open_in_mail_client(email, self.values, layout=self.copy_layout, opener=opener)
        if record and outcome.opened:
            self.record_handoff("mailto", email)
        return outcome
