"""Asks before copying an email that still has unfilled placeholders or errors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.i18n import Language, tr


class ConfirmCopyScreen(TranslatedBindings, ModalScreen[bool]):
    """`y`/Enter copies anyway (True); `n`/Esc cancels (False)."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Copy anyway", id="confirm"),
        Binding("n,escape", "answer(False)", "Cancel", id="cancel"),
    ]

    def __init__(self, unfilled: list[str], errors: list[str], language: Language) -> None:
        super().__init__()
        self.unfilled = unfilled
        self.errors = errors
        self.language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(id="confirm"):
            yield Label(tr("confirm_title", lang), id="confirm-title")
            if self.unfilled:
                yield Static(
                    tr("confirm_unfilled", lang, fields=", ".join(self.unfilled)), markup=False
                )
            if self.errors:
                lines = [tr("confirm_errors", lang, n=len(self.errors))]
                lines += [f"  ✖ {e}" for e in self.errors[:8]]
                if len(self.errors) > 8:
                    lines.append(f"  … +{len(self.errors) - 8}")
                yield Static("\n".join(lines), markup=False, classes="errors")
            yield Label(tr("confirm_question", lang), id="confirm-question")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
