"""A yes/no question: before sending an email that is not ready, before throwing away an
edit. `y`/Enter answers yes (True); `n`/Esc no (False)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from sr_tui.workspace import Readiness

#: The most error findings listed; the rest are counted.
MAX_ERRORS = 8


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm"),
        Binding("n,escape", "answer(False)", "No", id="cancel"),
    ]

    def __init__(
        self,
        title: str,
        lines: Sequence[str],
        question: str,
        errors: Sequence[str] = (),
        *,
        language: Language = "en",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.errors = list(errors)
        self.question = question
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.title_text, id="confirm-title", markup=False)
            for line in self.lines:
                yield Static(line, markup=False)
            if self.errors:
                lines = [tr("confirm_errors", self.language, n=len(self.errors))]
                lines += [f"  ✖ {e}" for e in self.errors[:MAX_ERRORS]]
                if len(self.errors) > MAX_ERRORS:
                    lines.append(f"  … +{len(self.errors) - MAX_ERRORS}")
                yield Static("\n".join(lines), markup=False, classes="errors")
            yield Label(self.question, id="confirm-question", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def send_question(readiness: Readiness, kind: str, language: Language) -> ConfirmScreen:
    """Before a copy, .eml export or mail-client handoff of an email that is not ready:
    what is wrong, and "… anyway?" in the words of that way out."""
    lines = []
    if readiness.unfilled:
        lines.append(tr("confirm_unfilled", language, fields=", ".join(readiness.unfilled)))
    return ConfirmScreen(
        tr("confirm_title", language),
        lines,
        tr(f"confirm_question_{kind}", language),
        readiness.errors,
        language=language,
    )


def discard_question(language: Language) -> ConfirmScreen:
    """Before a changed value rebuilds an email the user edited in place."""
    return ConfirmScreen(
        tr("discard_title", language),
        [tr("discard_text", language)],
        tr("discard_question", language),
        language=language,
    )
