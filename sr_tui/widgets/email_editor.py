"""Finish the email in place: the preview turned into an editor holding the email's text.

Every change is posted (`Edited`) so the lint panel follows as you type; Esc or F3 goes
back to the preview (`Done`), keeping the edit.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from sr_tui.bindings import TranslatedBindings


class EmailEditor(TranslatedBindings, TextArea):
    BINDINGS = [
        Binding("escape,f3", "done", "Back to the preview", id="edit_done"),
    ]

    class Edited(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Done(Message):
        """The user is done editing (the edit is kept)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", soft_wrap=True, show_line_numbers=False, **kwargs)

    def load(self, text: str) -> None:
        """Hold `text`, the cursor at the top (no `Edited` for it)."""
        with self.prevent(TextArea.Changed):
            self.load_text(text)
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def select_range(self, start: int, end: int) -> None:
        """Select `text[start:end]` (a lint finding) and bring it into view."""
        size = len(self.text)
        document = self.document
        self.selection = Selection(
            document.get_location_from_index(min(start, size)),
            document.get_location_from_index(min(end, size)),
        )
        self.scroll_cursor_visible(center=True)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self.text))

    def action_done(self) -> None:
        self.post_message(self.Done())
