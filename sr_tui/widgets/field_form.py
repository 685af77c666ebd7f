"""The form for one template: one labelled field per template field, in the template's order.

Focus moves (Tab, Enter to the next field, a new list item) happen at once, in the order
the keys came: a text expander or a fast paste sends text, Tab, text in one burst, and
the second text must land in the next field. The editors (and what a paste does in each)
are in `field_editors`, a field's label, editor and help in `field_block`.
"""

from __future__ import annotations

import re

from textual import events, on
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection as AreaSelection

from sr_tui.core.templates.model import Field, Template, Value, Values, is_filled
from sr_tui.i18n import Language
from sr_tui.widgets import field_editors
from sr_tui.widgets.field_block import FieldBlock
from sr_tui.widgets.list_editor import ListEditor
from sr_tui.widgets.removal import remove_and_free

_BREAK = re.compile(r"[ \t]*\n[ \t]*")


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


class FieldForm(VerticalScroll):
    """Shows a template's fields; posts `Changed` on every edit."""

    class Changed(Message):
        def __init__(self, field_id: str, value: Value) -> None:
            super().__init__()
            self.field_id = field_id
            self.value = value

    #: Several pasted lines went into a one-line field, joined with spaces (a `FieldInput`
    #: posts it).
    Joined = field_editors.Joined

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.template: Template | None = None
        #: One block per field id, kept across template opens (values belong to the case,
        #: the widgets to the form): remounting them every open is slow, and Textual
        #: 8.2.8 never frees a removed Input.
        self._blocks: dict[str, FieldBlock] = {}
        #: What each editor holds as far as the case knows (the value it was given, or
        #: the last one posted): an editor echoing it (on mount, or when given a value)
        #: posts nothing.
        self._shown: dict[str, Value] = {}
        #: The block whose field has the focus (it shows its help).
        self._focused_block: FieldBlock | None = None

    async def show(
        self,
        template: Template,
        values: Values,
        language: Language,
        typed_over: frozenset[str] = frozenset(),
        history: dict[str, str] | None = None,
    ) -> None:
        """Show `template`'s fields, filled from `values`; the signature fields in
        `typed_over` hold a value typed for this case, not the settings'; `history` notes
        where a value was sent before ("sent in A1, Wed 2 Dec 10:05"). Editors of fields
        shown before are reused; only fields never shown are mounted."""
        self.template = template
        history = history or {}
        wanted: list[FieldBlock] = []
        new: list[FieldBlock] = []
        for f in template.fields:
            value = values.get(f.id)
            typed, sent = f.id in typed_over, history.get(f.id)
            block = self._blocks.get(f.id)
            if block is not None and block.field.kind != f.kind:
                del self._blocks[f.id]  # the same id, another kind of editor: a new one
                await remove_and_free(block)
                block = None
            if block is None:
                block = self._block(f, value, language, typed, sent)
                self._blocks[f.id] = block
                new.append(block)
            else:
                self._update_block(block, f, value, language, typed, sent)
            wanted.append(block)
        if new:
            await self.mount_all(new)
        # Hidden, not restyled: a class change on a block would restyle everything below
        # it (a long list's every row) each time it is shown again.
        keep = set(map(id, wanted))
        for block in self._blocks.values():
            if id(block) not in keep and block.display:
                block.display = False
        for block in wanted:
            if not block.display:
                block.display = True
        self._order(wanted)
        self.scroll_home(animate=False)
        # A real terminal may not repaint a container whose children were all replaced
        # until something else moves (seen in tmux after the picker closed).
        self.refresh(layout=True)

    @property
    def shown_blocks(self) -> list[FieldBlock]:
        """The blocks of the open template's fields, in its order (kept blocks of other
        templates' fields are hidden)."""
        if self.template is None:
            return []
        return [self._blocks[f.id] for f in self.template.fields]

    def _order(self, wanted: list[FieldBlock]) -> None:
        """Put the shown blocks first, in the template's order (moving only if needed)."""
        if list(self.children[: len(wanted)]) == wanted:
            return
        for n, block in enumerate(wanted):
            if self.children[n] is not block:
                self.move_child(block, before=n)

    async def clear(self) -> None:
        """No template open: an empty form (the editors are kept, hidden)."""
        self.template = None
        for block in self._blocks.values():
            block.display = False

    def _block(
        self,
        field: Field,
        value: Value | None,
        language: Language,
        typed: bool = False,
        sent: str | None = None,
    ) -> FieldBlock:
        self._shown[field.id] = field_editors.editor_value(field, value)
        return FieldBlock.new(field, value, language, typed, sent)

    def _update_block(
        self,
        block: FieldBlock,
        field: Field,
        value: Value | None,
        language: Language,
        typed: bool,
        sent: str | None,
    ) -> None:
        """Give a kept block `field`'s texts and the case's value, posting nothing."""
        shown = field_editors.editor_value(field, value)
        self._shown[field.id] = shown
        block.refill(field, shown, language, typed, sent)

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
        widget = self._editor_of(field_id)
        if widget is None:
            return False
        target: Widget = widget
        if isinstance(widget, ListEditor):
            target, at = widget.focus_target(item, at)
        # set_focus, not focus(): focus() waits for the app's queue, behind keys in flight.
        self.screen.set_focus(target, scroll_visible=False)
        self.show_focus()  # now, for the frame being made (the start's first one)
        if at is not None:
            # After the Focus event, which selects the whole value of an input.
            target.call_later(self._select, target, at)
        if widget.parent is not None:
            widget.parent.scroll_visible(animate=False)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.show_focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.show_focus()

    def show_focus(self) -> None:
        """Mark the form (its border) and the focused field's block (its help) with
        `-focus-within`. Not Textual's `:focus-within`: any rule with it made Textual
        restyle every widget of the form at each focus move (B2's 34 at start, a long
        list's every row at each Tab). Only the marked node is restyled, and a block's
        help: no rule below them depends on the class."""
        focused = self.screen.focused
        node, block = focused, None
        while node is not None and node is not self:
            if isinstance(node, FieldBlock):
                block = node
            node = node.parent
        _mark(self, node is self)
        if block is not self._focused_block:
            left = self._focused_block
            if left is not None:
                _mark(left, False, *([left.help] if left.help is not None else []))
            if block is not None:
                _mark(block, True, block.shown_help())
            self._focused_block = block

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
        widget = self._editor_of(field_id)
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

    def _editor_of(self, field_id: str) -> Widget | None:
        """The editor of a field of the open template (kept editors of others are not)."""
        block = self._blocks.get(field_id)
        if block is None or self.template is None or field_id not in self.template.field_ids:
            return None
        return block.editor

    def _field_id(self, widget: Widget) -> str:
        return (widget.id or "").removeprefix("f-")

    def _post(self, field_id: str, value: Value) -> None:
        """Post a change, unless the editor only echoes the value it holds for the case."""
        if self._shown.get(field_id) == value:
            return
        self._shown[field_id] = value
        self.post_message(self.Changed(field_id, value))

    @on(Input.Changed, "FieldInput")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(self._field_id(event.input), event.value)

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._post(self._field_id(event.text_area), event.text_area.text)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = "" if event.value is Select.NULL else str(event.value)
        self._post(self._field_id(event.select), value)

    @on(ListEditor.Changed)
    def _list_changed(self, event: ListEditor.Changed) -> None:
        event.stop()
        self._post(self._field_id(event.editor), event.items)


def _mark(widget: Widget, on: bool, *also: Widget) -> None:
    """Set or clear `-focus-within` on `widget`, restyling it and `also`, not everything
    below it (as a class change does)."""
    if widget.has_class("-focus-within") == on:
        return
    widget.set_class(on, "-focus-within", update=False)
    if widget.is_mounted:
        widget.app.stylesheet.update_nodes([widget, *also], animate=False)
