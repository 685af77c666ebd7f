"""A note for the case's timeline: type it, ctrl+s keeps it, Esc drops it."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from sr_tui.bindings import TranslatedBindings
from sr_tui.i18n import Language, tr


class NoteScreen(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep note", id="keep_note"),
        Binding("escape", "drop", "Cancel", id="cancel"),
    ]

    note_area = getters.query_one(TextArea)

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language: Language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="note"):
            yield Label(tr("note_title", self.language), id="note-title")
            yield TextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(tr("note_hint", self.language), classes="field-help")

    def on_mount(self) -> None:
        self.note_area.focus()

    def action_keep(self) -> None:
        self.dismiss(self.note_area.text)

    def action_drop(self) -> None:
        self.dismiss(None)
