"""The app's clipboard and mail-client wiring: every copy path ends here.

The chain itself (system clipboard, OSC 52 + file, file) is the headless
`sr_tui.core.clipboard`; this mixin runs it off the UI thread and tells the user which
way the text went.
"""

from __future__ import annotations

from textual import work

from sr_tui.core import clipboard
from sr_tui.core.model import Email, Values
from sr_tui.i18n import tr

DETECT = "detect"


class ClipboardMixin:
    """For `SrTuiApp`: needs `_system_clipboard`, `_osc52`, `copy_layout`, `language`."""

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy in the app, including the inputs' own ctrl+c, goes through here."""
        self.copy_text(text, "what_selection")

    def copy_text(self, text: str, what: str) -> None:
        self._clipboard = text
        self._copy_worker(text, what)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, text: str, what: str) -> None:
        if self._system_clipboard == DETECT:
            self._system_clipboard = clipboard.detect_system_clipboard()
        use_osc52 = self._osc52 if self._osc52 is not None else not self.is_headless
        outcome = clipboard.copy_text(
            text,
            system=self._system_clipboard,  # type: ignore[arg-type]
            terminal=(lambda t: self.call_from_thread(self._write_osc52, t)) if use_osc52 else None,
        )
        self.call_from_thread(self._announce_copy, outcome, what)

    def _write_osc52(self, text: str) -> None:
        super().copy_to_clipboard(text)

    def _announce_copy(self, outcome: clipboard.CopyOutcome, what_key: str) -> None:
        lang = self.language
        what = tr(what_key, lang)
        if outcome.method == "system":
            self.notify(tr("copied_system", lang, what=what), markup=False)
            return
        if outcome.method == "failed":
            self.notify(
                tr("copy_failed", lang, what=what, reason=outcome.reason),
                severity="error",
                timeout=12,
                markup=False,  # reasons and paths are not markup: "[/tmp/x]" would crash
            )
            return
        key = "copied_terminal" if outcome.method == "terminal" else "copied_file"
        lines = [
            tr(key, lang, what=what, path=outcome.file),
            tr("copy_reason", lang, reason=outcome.reason),
        ]
        if outcome.method == "terminal" and outcome.under_tmux:
            lines.append(tr("tmux_hint", lang))
        self.notify("\n".join(lines), severity="warning", timeout=12, markup=False)

    @work(thread=True, group="mail")
    def open_mail(self, email: Email, values: Values) -> None:
        """Open the email through a mailto: link (off the UI thread: openers can be slow)."""
        from sr_tui.core.handoff import open_in_mail_client

        outcome = open_in_mail_client(email, values, layout=self.copy_layout)
        if outcome.opened:
            self.call_from_thread(self.notify, tr("mail_opened", self.language))
        else:
            key = "mail_too_long" if outcome.too_long else "mail_failed"
            self.call_from_thread(
                self.notify,
                tr(key, self.language, reason=outcome.reason),
                severity="warning",
                timeout=12,
                markup=False,
            )
