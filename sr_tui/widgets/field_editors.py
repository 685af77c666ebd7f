"""The editor of one field, by kind: a one-line `FieldInput`, a multi-line `FieldArea`,
a `Select` for a choice, a `ListEditor` for a list; making one for a value, and giving a
kept one another field's value (posting nothing the case does not already hold).

Pasted lines are never dropped: a one-line field joins them with spaces and says so
(`FieldForm.Joined`), a list field makes an item of each, a multi-line field keeps them.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.templates.model import Field, Value
from sr_tui.i18n import Language, tr
from sr_tui.widgets.list_editor import ListEditor
from sr_tui.widgets.plain_text import SafeTextArea, ShowsControls


def one_line(text: str) -> str:
    """Pasted lines as one line: the line breaks (and the spaces around them) become one
    space; blank lines are dropped."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class Joined(Message, namespace="field_form"):
    """Several pasted lines went into a one-line field, joined with spaces. Posted by a
    `FieldInput`; known as `FieldForm.Joined` (the namespace keeps its handler name)."""

    def __init__(self, field_id: str, lines: int) -> None:
        super().__init__()
        self.field_id = field_id
        self.lines = lines


class FieldInput(TranslatedBindings, ShowsControls, Input):
    """A one-line field; F2 cycles through the field's suggestions, Enter goes to the next
    field. Pasted lines are joined with spaces (`FieldForm.Joined` says so)."""

    BINDINGS = [
        Binding("f2", "next_suggestion", "Next suggestion", id="next_suggestion"),
        # A priority binding runs as the key arrives, so the keys after it go to the next
        # field (a normal one would run after keys already sent on to this field).
        Binding("enter", "next_field", "Next field", id="next_field", show=False, priority=True),
    ]

    def __init__(self, field: Field, value: str, **kwargs) -> None:
        suggester = (
            SuggestFromList(field.suggestions, case_sensitive=False) if field.suggestions else None
        )
        super().__init__(value=value, suggester=suggester, **kwargs)
        self.field = field

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_suggestion":
            return bool(self.field.suggestions)
        return True

    def action_next_suggestion(self) -> None:
        options = self.field.suggestions
        if not options:
            return
        index = options.index(self.value) + 1 if self.value in options else 0
        self.value = options[index % len(options)]
        self.cursor_position = len(self.value)

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" not in event.text.strip("\r\n"):
            return  # one line: Input's own handler (it runs after this one) pastes it
        # Input's own handler would keep only the first line: not this time.
        event.prevent_default()
        event.stop()
        joined = one_line(event.text)
        if self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *self.selection)
        self.post_message(Joined(self.field.id, len(event.text.splitlines())))


class FieldArea(SafeTextArea):
    """A multi-line field. ctrl+y, F5 and F6 stay the screen's (copy, export, mail)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, **kwargs)


def editor_value(field: Field, value: Value | None) -> Value:
    """What the field's editor holds for `value` (as it would post it)."""
    if field.kind == "list":
        items = list(value) if isinstance(value, list) else ([value] if value else [])
        return items or [""]
    text = ", ".join(value) if isinstance(value, list) else (value or "")
    if field.kind == "choice" and text not in field.choices:
        return ""
    return text


def _suggester(field: Field) -> SuggestFromList | None:
    if not field.suggestions:
        return None
    return SuggestFromList(field.suggestions, case_sensitive=False)


def _area_placeholder(field: Field, language: Language) -> str:
    if field.optional and language == "zh":
        # Never part of the email (empty, an optional field adds nothing): a hint
        # in the interface language.
        return field.help_zh.split("。")[0] or field.label_zh
    return field.placeholder_items()[0]


def new_editor(field: Field, value: Value | None, language: Language) -> Widget:
    """A new editor for `field`, holding `value` (its id: `f-` and the field's id)."""
    widget_id = f"f-{field.id}"
    if field.kind == "list":
        items = list(value) if isinstance(value, list) else ([value] if value else [])
        return ListEditor(
            items,
            field.placeholder_items(),
            tr("add_item_button", language),
            language=language,
            id=widget_id,
        )
    text = ", ".join(value) if isinstance(value, list) else (value or "")
    if field.kind == "multiline":
        area = FieldArea(text, id=widget_id)
        area.placeholder = _area_placeholder(field, language)
        return area
    if field.kind == "choice":
        return Select(
            [(c, c) for c in field.choices],
            value=text if text in field.choices else Select.NULL,
            prompt=field.placeholder_items()[0],
            id=widget_id,
            compact=True,
        )
    placeholder = " ".join(field.placeholder_items()[0].split())
    return FieldInput(field, text, placeholder=placeholder, id=widget_id, compact=True)


def refill_editor(
    editor: Widget, old: Field, field: Field, shown: Value, language: Language
) -> None:
    """Give a kept editor (made for `old`, a field of the same kind) `field`'s settings
    and `shown`, what it holds for the case (see `editor_value`); unchanged parts are
    left alone."""
    if isinstance(editor, ListEditor):
        editor.language = language
        editor.set_placeholders(field.placeholder_items(), tr("add_item_button", language))
        editor.set_items(list(shown))
    elif isinstance(editor, FieldArea):
        editor.placeholder = _area_placeholder(field, language)
        if editor.text != shown:
            editor.load_text(str(shown))
    elif isinstance(editor, Select):
        if old.choices != field.choices:
            editor.set_options([(c, c) for c in field.choices])
        selected = shown if shown in field.choices else Select.NULL
        if editor.value != selected:
            editor.value = selected
    elif isinstance(editor, FieldInput):
        if old != field:
            editor.field = field
            editor.placeholder = " ".join(field.placeholder_items()[0].split())
            editor.suggester = _suggester(field)
        if editor.value != shown:
            editor.value = str(shown)
            editor.cursor_position = len(editor.value)
