"""The live preview: the email as it will be sent, unfilled placeholders highlighted.

It shows the outgoing layout (flowed by default: each paragraph one line, wrapped here by
the pane as the mail client will wrap it), or the email as the user edited it.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import getters
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.safe_text import visible
from sr_tui.core.templates.model import SUBJECT_PREFIX, Email

Part = Literal["all", "subject", "body"]


class Preview(TranslatedBindings, VerticalScroll, can_focus=True):
    """Shows an `Email` (or an edited text); `s`/`b`/`c` ask for the subject, body or whole
    email to be copied, `e` for the email to be edited in place."""

    COMPONENT_CLASSES = {
        "preview--subject",
        "preview--unfilled",
        "preview--filled",
        "preview--mark",
    }
    DEFAULT_CSS = """
    Preview > Static { width: 1fr; }
    Preview .preview--subject { text-style: bold; }
    Preview .preview--unfilled { background: $warning 35%; text-style: bold; }
    Preview .preview--filled { text-style: underline; }
    Preview .preview--mark { background: $error 40%; text-style: bold; }
    """
    BINDINGS = [
        Binding("s", "copy('subject')", "Copy subject", id="copy_subject"),
        Binding("b", "copy('body')", "Copy body", id="copy_body"),
        Binding("c", "copy('all')", "Copy email", id="copy_email", show=False),
        Binding("e", "edit", "Edit the email", id="edit_in_preview", show=False),
    ]

    class CopyRequested(Message):
        def __init__(self, part: Part) -> None:
            super().__init__()
            self.part = part

    class EditRequested(Message):
        """The user asked to finish the email in place."""

    text_widget = getters.query_one("#preview-text", Static)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.email: Email | None = None
        #: The text shown: the email's, or the edited one.
        self.text = ""
        self.mark: tuple[int, int] | None = None

    def compose(self):
        yield Static(id="preview-text")

    def show(
        self,
        email: Email | None,
        mark: tuple[int, int] | None = None,
        empty: str = "",
        edited: str | None = None,
    ) -> None:
        """Show `email` (its spans styled), or the `edited` text of it, or `empty`."""
        self.email = email
        self.mark = mark
        if edited is not None:
            self.text = edited
            text = self.styled_text(edited, mark)
        elif email is not None:
            self.text = email.text
            text = self.styled(email, mark)
        else:
            self.text = ""
            text = Text(empty, style="dim")
        self.text_widget.update(text)

    def styled(self, email: Email, mark: tuple[int, int] | None = None) -> Text:
        """The email as rich Text: unfilled spans and the marked range styled."""
        # Control characters are shown (␛), never sent to the terminal: same length, so
        # the spans and the lint marks still fall on the right characters.
        text = Text(visible(email.text), no_wrap=False, end="")
        text.stylize(
            self.get_component_rich_style("preview--subject"),
            0,
            len(SUBJECT_PREFIX) + len(email.subject),
        )
        filled = self.get_component_rich_style("preview--filled")
        unfilled = self.get_component_rich_style("preview--unfilled")
        for span in email.spans:
            text.stylize(filled if span.filled else unfilled, span.start, span.end)
        if mark:
            text.stylize(self.get_component_rich_style("preview--mark"), *mark)
        return text

    def styled_text(self, edited: str, mark: tuple[int, int] | None = None) -> Text:
        """An edited email: its subject line bold, the marked range styled."""
        text = Text(edited, no_wrap=False, end="")
        first = edited.split("\n", 1)[0]
        if first.startswith(SUBJECT_PREFIX.rstrip()):
            text.stylize(self.get_component_rich_style("preview--subject"), 0, len(first))
        if mark:
            text.stylize(self.get_component_rich_style("preview--mark"), *mark)
        return text

    def line_of(self, offset: int) -> int:
        """The screen line of the text's `offset`, with the lines wrapped to the pane."""
        static = self.text_widget
        width = static.content_region.width or self.content_region.width or 80
        before = Text(self.text[:offset], end="")
        return max(0, len(before.wrap(self.app.console, width)) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        if not self.text:
            return
        self.scroll_to(y=max(0, self.line_of(offset) - 2), animate=False)

    def action_copy(self, part: Part) -> None:
        self.post_message(self.CopyRequested(part))

    def action_edit(self) -> None:
        self.post_message(self.EditRequested())
