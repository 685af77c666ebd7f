"""The form for one template: one labelled input per field, in the template's order.

Focus moves (Tab, Enter to the next field, a new list item) happen at once, in the order
the keys came: a text expander or a fast paste sends text, Tab, text in one burst, and
the second text must land in the next field. Pasted lines are never dropped: a one-line
field joins them with spaces and says so (`FieldForm.Joined`), a list field makes an item
of each, a multi-line field keeps them.
"""

from __future__ import annotations

import re

from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection as AreaSelection

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.templates.model import Field, Template, Value, Values
from sr_tui.core.templates.render import is_filled
from sr_tui.i18n import Language, tr
from sr_tui.widgets.list_editor import ListEditor
from sr_tui.widgets.plain_text import SafeTextArea, ShowsControls, no_markup

_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def one_line(text: str) -> str:
    """Pasted lines as one line: the line breaks (and the spaces around them) become one
    space; blank lines are dropped."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def value_offset(value: str, shown: str, at: int) -> int:
    """The offset in `value` of offset `at` in `shown`, the value as the email shows it in
    the flowed layout (a line break and the spaces around it became one space)."""
    i = j = 0
    while j < at and i < len(value):
        m = _BREAK.match(value, i)
        if m is not None and "\n" in m.group() and shown[j : j + 1] == " ":
            i = m.end()
        else:
            i += 1
        j += 1
    return min(i, len(value))


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
        self.post_message(FieldForm.Joined(self.field.id, len(event.text.splitlines())))


class FieldArea(SafeTextArea):
    """A multi-line field. ctrl+y, F5 and F6 stay the screen's (copy, export, mail)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, soft_wrap=True, show_line_numbers=False, **kwargs)


class FieldForm(VerticalScroll):
    """Shows a template's fields; posts `Changed` on every edit."""

    class Changed(Message):
        def __init__(self, field_id: str, value: Value) -> None:
            super().__init__()
            self.field_id = field_id
            self.value = value

    class Joined(Message):
        """Several pasted lines went into a one-line field, joined with spaces."""

        def __init__(self, field_id: str, lines: int) -> None:
            super().__init__()
            self.field_id = field_id
            self.lines = lines

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.template: Template | None = None

    async def show(
        self,
        template: Template,
        values: Values,
        language: Language,
        typed_over: frozenset[str] = frozenset(),
        history: dict[str, str] | None = None,
    ) -> None:
        """Replace the form with `template`'s fields, filled from `values`; the signature
        fields in `typed_over` hold a value typed for this case, not the settings';
        `history` notes where a value was sent before ("sent in A1, Wed 2 Dec 10:05")."""
        self.template = template
        history = history or {}
        await self.remove_children()
        await self.mount_all(
            [
                self._block(f, values.get(f.id), language, f.id in typed_over, history.get(f.id))
                for f in template.fields
            ]
        )
        self.scroll_home(animate=False)
        # A real terminal may not repaint a container whose children were all replaced
        # until something else moves (seen in tmux after the picker closed).
        self.refresh(layout=True)

    async def clear(self) -> None:
        """No template open: an empty form."""
        self.template = None
        await self.remove_children()

    def _block(
        self,
        field: Field,
        value: Value | None,
        language: Language,
        typed: bool = False,
        sent: str | None = None,
    ) -> Widget:
        label = field.label_zh if language == "zh" else field.label
        notes = [sent] if sent else []
        if field.optional:
            notes.append(tr("optional", language))
        if field.source == "settings":
            notes.append(tr("typed_for_case" if typed else "from_settings", language))
        if field.source == "email":
            notes.append(tr("this_email_only", language))
        title = no_markup(label) + (f" [dim]({', '.join(notes)})[/dim]" if notes else "")
        help_text = no_markup((field.help_zh or field.help) if language == "zh" else field.help)
        if field.suggestions:
            help_text += "\n" + no_markup(" · ".join(field.suggestions)) + "   [dim](F2)[/dim]"
        return Vertical(
            Label(title, classes="field-label", markup=True),
            self._editor(field, value, language),
            Static(help_text, classes="field-help", markup=True),
            classes="field",
            id=f"block-{field.id}",
        )

    def _editor(self, field: Field, value: Value | None, language: Language) -> Widget:
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
            area.placeholder = field.placeholder_items()[0]
            if field.optional and language == "zh":
                # Never part of the email (empty, an optional field adds nothing): a hint
                # in the interface language.
                area.placeholder = field.help_zh.split("。")[0] or field.label_zh
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

    # -- focus -----------------------------------------------------------------------

    def focus_field(
        self,
        field_id: str,
        item: int | None = None,
        at: tuple[int, int] | None = None,
    ) -> bool:
        """Focus a field's editor at once; for a list, its `item`-th item as rendered (the
        renderer numbers only the filled items, skipping empty ones). `at` selects that
        range of the value (the flagged text of a lint finding)."""
        matches = self.query(f"#f-{field_id}")
        if not matches:
            return False
        widget = matches.first()
        target: Widget = widget
        if isinstance(widget, ListEditor):
            inputs = widget.inputs
            pool = [i for i in inputs if is_filled(i.value)] or inputs
            target = pool[min(item or 0, len(pool) - 1)] if pool else widget
        # set_focus, not focus(): focus() waits for the app's queue, behind keys in flight.
        self.screen.set_focus(target, scroll_visible=False)
        if at is not None:
            # After the Focus event, which selects the whole value of an input.
            target.call_later(self._select, target, at)
        if widget.parent is not None:
            widget.parent.scroll_visible(animate=False)
        return True

    @staticmethod
    def _select(widget: Widget, at: tuple[int, int]) -> None:
        start, end = at
        if isinstance(widget, Input):
            size = len(widget.value)
            widget.selection = InputSelection(min(start, size), min(end, size))
        elif isinstance(widget, TextArea):
            document = widget.document
            size = len(widget.text)
            widget.selection = AreaSelection(
                document.get_location_from_index(min(start, size)),
                document.get_location_from_index(min(end, size)),
            )
            widget.scroll_cursor_visible()

    def field_id_of(self, widget: Widget | None) -> str | None:
        """The id of the field whose editor is or holds `widget`; None if not in this form."""
        node = widget
        while node is not None and node is not self:
            if isinstance(node, Widget) and (node.id or "").startswith("f-"):
                return self._field_id(node)
            node = node.parent
        return None

    def value_of(self, field_id: str) -> Value | None:
        """What the field's editor holds now (None if the form has no such field)."""
        matches = self.query(f"#f-{field_id}")
        if not matches:
            return None
        widget = matches.first()
        if isinstance(widget, ListEditor):
            return widget.items
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        if isinstance(widget, Input):
            return widget.value
        return None

    def focus_first_empty(self, values: Values) -> None:
        """Focus the first empty required field (the greeting name is optional), else
        the first empty field, else the first field."""
        if self.template is None or not self.template.fields:
            return
        fields = self.template.fields
        empty = [f for f in fields if not is_filled(values.get(f.id))]
        target = next((f for f in empty if not f.optional), empty[0] if empty else fields[0])
        self.focus_field(target.id)

    # -- changes ---------------------------------------------------------------------

    def _field_id(self, widget: Widget) -> str:
        return (widget.id or "").removeprefix("f-")

    @on(Input.Changed, "FieldInput")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self._field_id(event.input), event.value))

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self._field_id(event.text_area), event.text_area.text))

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        self.post_message(self.Changed(self._field_id(event.select), value))

    @on(ListEditor.Changed)
    def _list_changed(self, event: ListEditor.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self._field_id(event.editor), event.items))
