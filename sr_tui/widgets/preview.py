"""The live preview: subject line, then body, unfilled placeholders highlighted."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.safe_text import visible
from sr_tui.core.templates.model import SUBJECT_PREFIX, Email

Part = Literal["all", "subject", "body"]


class Preview(TranslatedBindings, VerticalScroll, can_focus=True):
    """Shows an `Email`; `s`/`b`/`c` ask for the subject, body or whole email to be copied."""

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
    ]

    class CopyRequested(Message):
        def __init__(self, part: Part) -> None:
            super().__init__()
            self.part = part

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.email: Email | None = None
        self.mark: tuple[int, int] | None = None

    def compose(self):
        yield Static(id="preview-text")

    def show(
        self, email: Email | None, mark: tuple[int, int] | None = None, empty: str = ""
    ) -> None:
        self.email = email
        self.mark = mark
        text = self.styled(email, mark) if email else Text(empty, style="dim")
        self.query_one("#preview-text", Static).update(text)

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

    def scroll_to_offset(self, offset: int) -> None:
        if self.email is None:
            return
        line = self.email.text.count("\n", 0, offset)
        self.scroll_to(y=max(0, line - 2), animate=False)

    def action_copy(self, part: Part) -> None:
        self.post_message(self.CopyRequested(part))
