"""Move a case: choose its status; closing also asks why (confirmed, no response, ...).
A closed case is reopened by choosing any other status."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.labels import CLOSE_REASON_LABELS, STATUS_LABELS, label
from sr_tui.core.cases.model import Case, CloseReason, Status
from sr_tui.i18n import Language, tr


class StatusScreen(TranslatedBindings, ModalScreen[tuple[str, str | None] | None]):
    """Dismisses with (status, close reason or None), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, case: Case, language: Language) -> None:
        super().__init__()
        self.case = case
        self.language: Language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        options = []
        for status in Status:
            if status is Status.CLOSED:
                for reason in CloseReason:
                    text = (
                        f"{label(STATUS_LABELS, status.value, lang)}: "
                        f"{label(CLOSE_REASON_LABELS, reason.value, lang)}"
                    )
                    options.append(Option(text, id=f"{status.value}:{reason.value}"))
            else:
                options.append(Option(label(STATUS_LABELS, status.value, lang), id=status.value))
        with Vertical(id="status"):
            current = label(STATUS_LABELS, self.case.status.value, lang)
            yield Label(
                tr("status_title", lang, case=self.case.number, status=current),
                id="status-title",
                markup=False,
            )
            yield OptionList(*options, id="status-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        status, _, reason = (event.option.id or "").partition(":")
        self.dismiss((status, reason or None))

    def action_cancel(self) -> None:
        self.dismiss(None)
