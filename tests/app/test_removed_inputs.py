"""Removed editors are freed: Textual 8.2.8's `Input` and `TextArea` subscribe a closure
over themselves to their screen's `text_selection_started_signal` and never unsubscribe,
so a removed one lived as long as its screen (`widgets/removal.py`)."""

from __future__ import annotations

import gc

from sr_tui.widgets.list_editor import ItemInput, ListEditor

from .helpers import SIZE, open_template, settle


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


async def test_a_removed_list_item_is_freed(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items", ListEditor)
        for _ in range(20):
            editor.add_item()
            await pilot.pause()
        assert len(editor.inputs) == 21
        before = alive(ItemInput)
        for item in editor.inputs[1:]:
            editor.remove_item(item)
            await pilot.pause()
        await settle(pilot)
        assert len(editor.inputs) == 1
        # Textual's caches may hold the last few rendered; not the twenty removed.
        assert alive(ItemInput) <= before - 15
