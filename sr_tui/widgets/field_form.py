"""The form for one template: one labelled input per field, in the template's order."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.templates.model import Field, Template, Value, Values
from sr_tui.core.templates.render import is_filled
from sr_tui.i18n import Language, tr
from sr_tui.widgets.list_editor import ListEditor
from sr_tui.widgets.plain_text import SafeTextArea, ShowsControls, no_markup


class FieldInput(TranslatedBindings, ShowsControls, Input):
    """A one-line field; F2 cycles through the field's suggestions."""

    BINDINGS = [Binding("f2", "next_suggestion", "Next suggestion", id="next_suggestion")]

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


class FieldForm(VerticalScroll):
    """Shows a template's fields; posts `Changed` on every edit."""

    class Changed(Message):
        def __init__(self, field_id: str, value: Value) -> None:
            super().__init__()
            self.field_id = field_id
            self.value = value

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.template: Template | None = None

    async def show(
        self,
        template: Template,
        values: Values,
        language: Language,
        history: dict[str, str] | None = None,
    ) -> None:
        """Replace the form with `template`'s fields, filled from `values`; `history`
        notes where a value was sent before ("sent in A1, Wed 2 Dec 10:05")."""
        self.template = template
        history = history or {}
        await self.remove_children()
        await self.mount_all(
            [self._block(f, values.get(f.id), language, history.get(f.id)) for f in template.fields]
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
        self, field: Field, value: Value | None, language: Language, sent: str | None = None
    ) -> Widget:
        label = field.label_zh if language == "zh" else field.label
        notes = [sent] if sent else []
        if field.optional:
            notes.append(tr("optional", language))
        if field.source == "settings":
            notes.append(tr("from_settings", language))
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
                id=widget_id,
            )
        text = ", ".join(value) if isinstance(value, list) else (value or "")
        if field.kind == "multiline":
            area = SafeTextArea(text, id=widget_id, soft_wrap=True, show_line_numbers=False)
            area.placeholder = field.placeholder_items()[0]
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

    def focus_field(self, field_id: str, item: int | None = None) -> bool:
        """Focus a field's editor; for a list, its `item`-th item as rendered (the
        renderer numbers only the filled items, skipping empty ones)."""
        matches = self.query(f"#f-{field_id}")
        if not matches:
            return False
        widget = matches.first()
        if isinstance(widget, ListEditor):
            inputs = widget.inputs
            pool = [i for i in inputs if is_filled(i.value)] or inputs
            target = pool[min(item or 0, len(pool) - 1)] if pool else widget
            target.focus()
        else:
            widget.focus()
        widget.parent.scroll_visible(animate=False)
        return True

    def field_id_of(self, widget: Widget | None) -> str | None:
        """The id of the field whose editor is or holds `widget`; None if not in this form."""
        node = widget
        while node is not None and node is not self:
            if isinstance(node, Widget) and (node.id or "").startswith("f-"):
                return self._field_id(node)
            node = node.parent
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

    @on(Input.Submitted, "FieldInput")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

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
