"""Edit a list field (B1's items) as one input per item: add, edit, remove, paste lines.

A long list (more than `LONG_LIST` items when it is opened, restored or pasted) is edited
as text instead, one item per line: Textual lays out every row of widgets, so a 200-item
list as rows opened four times slower than a one-item one, and 200 inputs with a remove
button each are no way to read a list.
"""

from __future__ import annotations

import re

from textual import events, getters, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, TextArea

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.templates.model import is_filled
from sr_tui.i18n import Language, tr
from sr_tui.widgets.plain_text import SafeTextArea, ShowsControls
from sr_tui.widgets.removal import remove_and_free

#: More items than this, arriving at once, and the list is edited as text (see above).
LONG_LIST = 25

#: A bullet a pasted line may start with ("- ", "* ", "• ", "1. "); the email adds its own.
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


def pasted_items(text: str) -> list[str]:
    """The items in pasted text: one per non-blank line, without a leading bullet."""
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


class ItemInput(TranslatedBindings, ShowsControls, Input):
    """One item. Enter adds an item after it; Backspace in an empty item removes it; pasted
    lines become items of their own."""

    BINDINGS = [
        # Priority: the new item takes the keys typed right after Enter (see FieldForm).
        Binding("enter", "add_after", "Add item", id="add_item", show=False, priority=True),
        Binding("backspace", "delete_left", "Remove an empty item", id="remove_item", show=False),
    ]

    def __init__(self, *args, editor: ListEditor | None = None, **kwargs) -> None:
        # No select-all on focus: after Backspace removes an empty item, focus moves to
        # the previous one, and a second Backspace must delete one character, not all.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        #: Known from the start: an item added a moment ago may take keys (Enter, a
        #: paste) before it is mounted, when it has no parent yet.
        self._editor = editor
        self.row: Horizontal | None = None
        #: The value the editor last knew: an Input echoing it (on mount) posts nothing.
        self.shown = self.value

    def action_add_after(self) -> None:
        editor = self.editor
        if editor:
            editor.add_items([""], after=self)

    def action_delete_left(self) -> None:
        editor = self.editor
        if not self.value and editor and len(editor.inputs) > 1:
            editor.remove_item(self)
            return
        super().action_delete_left()

    def _on_paste(self, event: events.Paste) -> None:
        items = pasted_items(event.text)
        editor = self.editor
        if len(items) <= 1 or editor is None:
            return  # one line: Input's own handler (it runs after this one) pastes it
        # Input's own handler would keep only the first line: not this time.
        event.prevent_default()
        event.stop()
        first, *rest = items
        if self.selection.is_empty:
            self.insert_text_at_cursor(first)
        else:
            self.replace(first, *self.selection)
        editor.add_items(rest, after=self)

    @property
    def editor(self) -> ListEditor | None:
        if self._editor is not None:
            return self._editor
        for node in self.ancestors:
            if isinstance(node, ListEditor):
                return node
        return None


class ItemLines(SafeTextArea):
    """A long list as text, one item per line (Enter starts the next item). Pasted lines
    lose their bullets, as they do in the rows."""

    def __init__(self, items: list[str], title: str) -> None:
        text = "\n".join(items)
        # Not wrapped: a screen line is an item (a wrapped item read as two), and
        # wrapping 200 lines cost a long list's open a quarter of its time.
        super().__init__(text, soft_wrap=False, show_line_numbers=False, classes="item-lines")
        self.border_title = title
        #: The text the editor last knew: loading it (or its echo) posts no change.
        self.shown = text

    async def _on_paste(self, event: events.Paste) -> None:
        items = pasted_items(event.text)
        if len(items) <= 1:
            return  # one line: TextArea's own handler (it runs after this one) pastes it
        event.prevent_default()
        ending = "\n" if event.text.endswith(("\n", "\r")) else ""  # whole lines stay so
        result = self.replace("\n".join(items) + ending, *self.selection)
        self.cursor_after_paste(result.end_location)

    def cursor_after_paste(self, location: tuple[int, int]) -> None:
        """The cursor at the end of what was pasted (Enter then adds the next item), the
        text scrolled to its left edge: lines are not wrapped, and a cursor at the end of
        a long line scrolled every line sideways to its (alike) tail. The next key
        brings the cursor into view."""
        self.move_cursor(location)
        # After the refresh: the text area scrolls to its cursor as it lays the text out.
        self.call_after_refresh(self.scroll_to, x=0, animate=False)

    def show_items(self, items: list[str]) -> None:
        text = "\n".join(items)
        if self.text != text:
            self.shown = text
            self.load_text(text)


class ListEditor(Vertical):
    """Posts `Changed` with the items (empty ones included while being edited)."""

    DEFAULT_CSS = """
    ListEditor { height: auto; }
    ListEditor .item-row { height: auto; }
    ListEditor .item-row Input { width: 1fr; }
    ListEditor .item-row Button { width: 5; min-width: 5; }
    ListEditor #add-item { width: auto; margin: 0 0 0 1; }
    """

    class Changed(Message):
        def __init__(self, editor: ListEditor, items: list[str]) -> None:
            super().__init__()
            self.editor = editor
            self.items = items

        @property
        def control(self) -> ListEditor:
            return self.editor

    add_button = getters.query_one("#add-item", Button)

    def __init__(
        self,
        items: list[str],
        placeholders: tuple[str, ...],
        add_label: str,
        language: Language = "en",
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._initial = items or [""]
        self.placeholders = placeholders
        self.add_label = add_label
        self.language: Language = language
        #: The items in order, mounted or not yet (a query finds only mounted ones).
        self._items: list[ItemInput] = []
        #: Rows of items no longer shown, hidden after the last shown one (`set_items`).
        self._spare: list[ItemInput] = []
        #: A long list's text (made the first time a list is that long).
        self._lines: ItemLines | None = None

    def compose(self):
        if len(self._initial) > LONG_LIST:
            self._lines = self._new_lines(self._initial)
            yield self._lines
        else:
            for value in self._initial:
                item = self._item(value)
                self._items.append(item)
                yield item.row
        button = Button(self.add_label, id="add-item", compact=True)
        if self._lines is not None:
            button.display = False  # a long list's lines take Enter for a new item
        yield button

    def _new_lines(self, items: list[str]) -> ItemLines:
        return ItemLines(items, tr("list_as_lines", self.language))

    @property
    def as_text(self) -> bool:
        """The list is edited as text, one item per line (a long list)."""
        return self._lines is not None and self._lines.display

    def _item(self, value: str) -> ItemInput:
        item = ItemInput(value=value, classes="item", compact=True, editor=self)
        item.row = Horizontal(
            item,
            Button("✕", classes="remove", compact=True, tooltip=tr("remove_item", self.language)),
            classes="item-row",
        )
        return item

    @property
    def inputs(self) -> list[ItemInput]:
        return list(self._items)

    @property
    def items(self) -> list[str]:
        if self.as_text:
            return self._lines.text.split("\n")  # type: ignore[union-attr]
        return [i.value for i in self.inputs]

    def placeholder(self, n: int) -> str:
        """The n-th item's placeholder (from 0): the template's, then `[Item n]`."""
        if n < len(self.placeholders):
            return self.placeholders[n]
        return f"[{tr('item_placeholder', self.language, n=n + 1)}]"

    def _renumber(self) -> None:
        for n, item in enumerate(self._items):
            placeholder = self.placeholder(n)
            if item.placeholder != placeholder:
                item.placeholder = placeholder

    def on_mount(self) -> None:
        self._renumber()

    def set_placeholders(self, placeholders: tuple[str, ...], add_label: str) -> None:
        """Another template's placeholders (and the add button in the UI language)."""
        if placeholders != self.placeholders:
            self.placeholders = placeholders
            self._renumber()
        if add_label != self.add_label:
            self.add_label = add_label
            self.add_button.label = add_label
        if self._lines is not None:
            self._lines.border_title = tr("list_as_lines", self.language)

    def set_items(self, values: list[str]) -> None:
        """Show `values` (the case's items), reusing the item inputs there are, posting
        nothing: only the rows missing are mounted, in one go; a long list as text."""
        values = values or [""]
        if len(values) > LONG_LIST:
            self._show_as_text(values)
            return
        if self.as_text:
            self._lines.display = False  # type: ignore[union-attr]
            self.add_button.display = True
        self._hide_rows_from(len(values))
        while len(self._items) < len(values) and self._spare:
            item = self._spare.pop(0)
            if item.row is not None:
                item.row.display = True
            self._items.append(item)
        for item, value in zip(self._items, values, strict=False):
            if item.value != value:
                item.shown = value
                item.value = value
        extra = [self._item(v) for v in values[len(self._items) :]]
        if extra:
            self._items.extend(extra)
            self.mount_all([i.row for i in extra], before=self.add_button)
        self._renumber()

    def _hide_rows_from(self, n: int) -> None:
        """Hide the rows from the n-th on, kept for the next longer list (showing a row
        again is cheaper than mounting one); hidden rows come back before new ones."""
        for item in self._items[n:]:
            if item.row is not None:
                item.row.display = False
        self._spare[:0] = self._items[n:]
        del self._items[n:]

    def _show_as_text(self, values: list[str]) -> ItemLines:
        self._hide_rows_from(0)
        if self._lines is None:
            self._lines = self._new_lines(values)
            self.mount(self._lines, before=self.add_button)
        else:
            self._lines.display = True
            self._lines.show_items(values)
        self.add_button.display = False
        return self._lines

    def focus_target(
        self, item: int | None, at: tuple[int, int] | None = None
    ) -> tuple[Widget, tuple[int, int] | None]:
        """What edits the `item`-th item as the email numbers them (only filled items
        count) and `at` (a range of that item's value) as a range of what it holds: the
        item's input, or a long list's text (its cursor put on the item's line)."""
        lines = self._lines
        if lines is None or not self.as_text:
            inputs = self.inputs
            pool = [i for i in inputs if is_filled(i.value)] or inputs
            return (pool[min(item or 0, len(pool) - 1)] if pool else self), at
        if item is None:
            return lines, at
        texts = lines.text.split("\n")
        filled = [n for n, text in enumerate(texts) if is_filled(text)] or [0]
        line = filled[min(item, len(filled) - 1)]
        if at is None:
            lines.move_cursor((line, 0))
            return lines, None
        start = sum(len(text) + 1 for text in texts[:line])
        return lines, (start + at[0], start + at[1])

    def add_items(self, values: list[str], after: ItemInput | None = None) -> None:
        """Add items (after `after`, else at the end) and focus the last one added, at once:
        keys typed right after land in it."""
        if not values:
            return
        at = self._items.index(after) + 1 if after in self._items else len(self._items)
        if len(values) > 1 and len(self._items) + len(values) > LONG_LIST:
            # A paste that makes the list long: the whole list as text from now on.
            items = self.items
            items[at:at] = values
            lines = self._show_as_text(items)
            lines.cursor_after_paste((at + len(values) - 1, len(values[-1])))
            self.screen.set_focus(lines)
            self.post_message(self.Changed(self, self.items))
            return
        anchor = after.row if after is not None and after in self._items else None
        if anchor is None and self._items and self._spare:
            anchor = self._items[-1].row  # before the hidden rows: they keep their order
        new: list[ItemInput] = []
        for value in values:
            item = self._item(value)
            if anchor is not None:
                self.mount(item.row, after=anchor)
            else:
                self.mount(item.row, before=self.add_button)
            anchor = item.row
            new.append(item)
        self._items[at:at] = new
        self._after_change(new[-1])

    def add_item(self, after: ItemInput | None = None) -> None:
        self.add_items([""], after=after)

    def remove_item(self, item: ItemInput) -> None:
        if item not in self._items:  # already removed (a repeated key or click)
            return
        index = self._items.index(item)
        if len(self._items) == 1:
            item.value = ""
            return
        neighbour = self._items[index - 1] if index > 0 else self._items[1]
        self._items.remove(item)
        if item.row is not None:
            remove_and_free(item.row)
        self._after_change(neighbour)

    def _after_change(self, focus: ItemInput) -> None:
        """After items were added or removed: number them, focus `focus` at once (keys
        typed next go to it), post the items."""
        self._renumber()
        self.screen.set_focus(focus)
        self.post_message(self.Changed(self, self.items))

    @on(Input.Changed, ".item")
    def _item_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post_unless_echo(event.input, event.value)  # each item echoes on mount

    @on(TextArea.Changed, ".item-lines")
    def _lines_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._post_unless_echo(event.text_area, event.text_area.text)  # and on load

    def _post_unless_echo(self, editor: Widget, value: str) -> None:
        """Post the items, unless `editor` (an item or the lines) only echoes the value
        it was given (`shown`)."""
        if isinstance(editor, ItemInput | ItemLines):
            if editor.shown == value:
                return
            editor.shown = value
        self.post_message(self.Changed(self, self.items))

    @on(Input.Submitted, ".item")
    def _swallow_submit(self, event: Input.Submitted) -> None:
        event.stop()

    @on(Button.Pressed, ".remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        item = next((i for i in self._items if i.row is row), None)
        if item is not None:
            self.remove_item(item)

    @on(Button.Pressed, "#add-item")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_item()
