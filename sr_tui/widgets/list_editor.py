"""Edit a list field (B1's items) as one input per item: add, edit, remove."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input

from sr_tui.bindings import TranslatedBindings
from sr_tui.widgets.plain_text import ShowsControls


class ItemInput(TranslatedBindings, ShowsControls, Input):
    """One item. Enter adds an item after it; Backspace in an empty item removes it."""

    BINDINGS = [
        Binding("enter", "add_after", "Add item", id="add_item", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        # No select-all on focus: after Backspace removes an empty item, focus moves to
        # the previous one, and a second Backspace must delete one character, not all.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def action_add_after(self) -> None:
        editor = self.editor
        if editor:
            editor.call_later(editor.add_item, after=self)

    def action_delete_left(self) -> None:
        editor = self.editor
        if not self.value and editor and len(editor.inputs) > 1:
            # Run in the editor: it awaits the removal of this very input.
            editor.call_later(editor.remove_item, self)
            return
        super().action_delete_left()

    @property
    def editor(self) -> ListEditor | None:
        for node in self.ancestors:
            if isinstance(node, ListEditor):
                return node
        return None


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

    def __init__(
        self, items: list[str], placeholders: tuple[str, ...], add_label: str, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._initial = items or [""]
        self.placeholders = placeholders
        self.add_label = add_label

    def compose(self):
        for value in self._initial:
            yield self._row(ItemInput(value=value, classes="item", compact=True))
        yield Button(self.add_label, id="add-item", compact=True)

    def _row(self, item: ItemInput) -> Horizontal:
        return Horizontal(
            item,
            Button("✕", classes="remove", compact=True, tooltip="Remove item"),
            classes="item-row",
        )

    @property
    def inputs(self) -> list[ItemInput]:
        return list(self.query(ItemInput))

    @property
    def items(self) -> list[str]:
        return [i.value for i in self.inputs]

    def _renumber(self) -> None:
        for n, item in enumerate(self.inputs):
            item.placeholder = (
                self.placeholders[n] if n < len(self.placeholders) else f"[Item {n + 1}]"
            )

    def on_mount(self) -> None:
        self._renumber()

    async def add_item(self, after: ItemInput | None = None) -> None:
        # The new input is kept by reference: a row's children are not queryable until mounted.
        item = ItemInput(value="", classes="item", compact=True)
        row = self._row(item)
        if after is not None and after.parent is not None:
            await self.mount(row, after=after.parent)
        else:
            await self.mount(row, before=self.query_one("#add-item"))
        self._after_change(item)

    async def remove_item(self, item: ItemInput) -> None:
        inputs = self.inputs
        if item not in inputs:  # already being removed (a repeated key or click)
            return
        index = inputs.index(item)
        if len(inputs) == 1:
            item.value = ""
            return
        neighbour = inputs[index - 1] if index > 0 else inputs[1]
        # Await the removal, so the items posted below no longer include this one.
        await item.parent.remove()
        self._after_change(neighbour)

    def _after_change(self, focus: ItemInput) -> None:
        self._renumber()
        focus.focus()
        self.post_message(self.Changed(self, self.items))

    @on(Input.Changed, ".item")
    def _item_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.items))

    @on(Input.Submitted, ".item")
    def _swallow_submit(self, event: Input.Submitted) -> None:
        event.stop()

    @on(Button.Pressed, ".remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.remove_item(event.button.parent.query_one(ItemInput))

    @on(Button.Pressed, "#add-item")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_item()
