"""Hand a case over (受理人): who takes it, suggested from the names cases are assigned
to, and a word for the timeline. ctrl+s asks the app to assign it (posts `Submitted`);
the dialog stays open until the store has it, so a conflict or a server that is down
loses nothing typed. A name close to a known one ("Bob Chn") asks "did you mean" once."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.model import Case
from sr_tui.core.cases.team import did_you_mean, normalize_name
from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr


class AssignScreen(TranslatedBindings, ModalScreen[Case | None]):
    """Dismisses with the case as assigned, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Assign", id="assign_submit"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    class Submitted(Message):
        """Assign case `number` to `name` with `note` (the app writes it and dismisses
        this dialog, or says why it could not)."""

        def __init__(self, dialog: AssignScreen, number: str, name: str, note: str) -> None:
            super().__init__()
            self.dialog = dialog
            self.number = number
            self.name = name
            self.note = note

    name_input = getters.query_one("#assign-name", Input)
    note_input = getters.query_one("#assign-note", Input)
    hint_line = getters.query_one("#assign-hint", Static)

    def __init__(self, case: Case, known: list[str], yourself: str, language: Language) -> None:
        super().__init__()
        self.case = case
        self.known = known
        self.yourself = yourself
        self.language: Language = language
        #: The name the "did you mean" hint was shown for: submitted again, it is meant.
        self._warned_for: str | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        lang = self.language
        who = self.case.assignee or tr("assign_nobody", lang)
        with Vertical(id="assign"):
            yield Label(
                visible(tr("assign_title", lang, case=self.case.number, who=who)),
                id="assign-title",
                markup=False,
            )
            placeholder = tr("assign_name_placeholder", lang, you=self.yourself or "?")
            yield Input(
                placeholder=visible(placeholder),
                suggester=SuggestFromList(self.known, case_sensitive=False),
                id="assign-name",
                compact=True,
            )
            known = ", ".join(self.known) or tr("assign_nobody", lang)
            yield Static(
                visible(tr("assign_known", lang, names=known)), id="assign-hint", markup=False
            )
            yield Input(
                placeholder=tr("assign_note_placeholder", lang), id="assign-note", compact=True
            )
            yield Label(tr("assign_help", lang), id="assign-help")

    def on_mount(self) -> None:
        self.name_input.focus()

    @property
    def typed_name(self) -> str:
        typed = normalize_name(self.name_input.value)
        return typed or normalize_name(self.yourself)

    @property
    def typed_note(self) -> str:
        return self.note_input.value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "assign-name":
            self.note_input.focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        if self.busy:
            return
        lang = self.language
        name = self.typed_name
        hint = self.hint_line
        if not name:
            hint.update(tr("assign_need_name", lang))
            return
        close = did_you_mean(name, self.known, self.yourself)
        if close and self._warned_for != name:
            self._warned_for = name
            hint.update(visible(tr("assign_did_you_mean", lang, name=name, close=", ".join(close))))
            hint.add_class("-warning")
            return
        self.busy = True
        hint.update(tr("assign_saving", lang, name=visible(name)))
        self.post_message(self.Submitted(self, self.case.number, name, self.typed_note))

    def failed(self, problem: str) -> None:
        """The store did not take it: say why, keep everything typed, allow a retry."""
        self.busy = False
        hint = self.hint_line
        hint.update(visible(problem))
        hint.add_class("-warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
