"""User and template text shown as plain text: never markup, never terminal controls.

- `no_markup(text)`: text for a place that parses Textual markup (a palette hit's help, a
  label built with markup): every `[` escaped, so `[/]`, `[P1]` or `[@click=app.quit]`
  show as written. (`textual.markup.escape` leaves `[P1]` and `[SR Number]` alone, and
  the markup parser then swallows them.)
- `SafeInput`, `ShowsControls`, `SafeTextArea`: a pasted value may hold ESC and the rest
  (an OSC sequence in it would retitle the terminal). The value keeps them (nothing typed
  is lost), but they are drawn as visible symbols, one cell each (`␛`, `␍`, `⏎`, `⍰`:
  `core.safe_text.visible`), so the cursor stays where the value says it is.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

from sr_tui.core.safe_text import visible


def no_markup(text: str) -> str:
    """`text` for a place that parses markup, shown exactly as written (controls shown
    as symbols too)."""
    return visible(text).replace("[", "\\[")


class ShowsControls:
    """Mixin for `Input` subclasses (before `Input` in the bases)."""

    @property
    def _value(self) -> Text:  # Textual 8.2.8's Input draws its value from this
        text = Text(visible(self.value), no_wrap=True, overflow="ignore", end="")  # type: ignore[attr-defined]
        highlighter = self.highlighter  # type: ignore[attr-defined]
        return highlighter(text) if highlighter is not None else text


class SafeInput(ShowsControls, Input):
    """An `Input` that shows control characters (see the module docstring)."""


class SafeTextArea(TextArea):
    """A `TextArea` that shows control characters (see the module docstring)."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = visible(self.document.get_line(line_index))
        if shown != line.plain:
            line = Text(shown, end="", no_wrap=True)
        return line
