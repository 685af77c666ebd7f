"""A long list (more than `LONG_LIST` items arriving at once: opened, restored, pasted) is
edited as text, one item per line, instead of a row of widgets per item."""

from __future__ import annotations

from textual.widgets.text_area import Selection

from sr_tui.widgets import list_editor
from sr_tui.widgets.list_editor import LONG_LIST, ItemInput, ItemLines, ListEditor

from .helpers import SIZE, open_template, paste, preview_text, settle
from .test_open_counts import count_calls

MANY = [f"item {n}: the kernel log" for n in range(LONG_LIST + 35)]


async def open_with_items(pilot, items: list[str]) -> ListEditor:
    app = pilot.app
    await open_template(pilot, "A1")
    app.workspace.set_value("items", items)
    await open_template(pilot, "B1")
    await settle(pilot)
    return app.draft.query_one("#f-items", ListEditor)


async def test_a_long_list_opens_as_text_one_item_per_line(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        made = count_calls(monkeypatch, list_editor.ItemInput, "__init__")
        editor = await open_with_items(pilot, MANY)
        assert editor.as_text
        assert made[0] == 0  # no row of widgets per item
        lines = editor.query_one(ItemLines)
        assert lines.text == "\n".join(MANY)
        assert editor.items == MANY
        assert not editor.add_button.display
        assert lines.border_title == "One item per line"
        # Loading the text posted nothing the case did not hold.
        assert app.workspace.values["items"] == MANY
        assert f"- {MANY[-1]}\n" in preview_text(app).plain


async def test_typing_in_a_long_list_edits_the_case_items(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_with_items(pilot, MANY)
        app.draft.form.focus_field("items")
        lines = editor.query_one(ItemLines)
        lines.move_cursor((len(MANY) - 1, len(MANY[-1])))
        await pilot.press("enter", *"one more")
        await settle(pilot)
        assert app.workspace.values["items"] == [*MANY, "one more"]
        assert "- one more\n" in preview_text(app).plain


async def test_a_paste_that_makes_a_list_long_turns_it_into_text(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_with_items(pilot, ["first", "last"])
        assert not editor.as_text
        app.draft.form.focus_field("items")  # the first item, its cursor at the end
        pasted = [f"- pasted {n}" for n in range(LONG_LIST)]
        await paste(pilot, "-ish\n" + "\n".join(pasted))
        assert editor.as_text
        expected = ["first-ish", *(f"pasted {n}" for n in range(LONG_LIST)), "last"]
        assert editor.items == expected
        assert app.workspace.values["items"] == expected
        lines = editor.query_one(ItemLines)
        assert app.focused is lines
        assert lines.cursor_location == (LONG_LIST, len(f"pasted {LONG_LIST - 1}"))
        # A paste into the text loses its bullets too.
        lines.move_cursor((0, 0))
        await paste(pilot, "* zero\n* one\n")
        assert app.workspace.values["items"][:3] == ["zero", "one", "first-ish"]


async def test_a_finding_in_a_long_list_selects_its_text_on_the_item_line(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        items = [*MANY[:3], "", *MANY[3:]]  # an empty line: the email numbers filled items
        editor = await open_with_items(pilot, items)
        app.draft.form.focus_field("items", item=3, at=(5, 7))
        await settle(pilot)
        lines = editor.query_one(ItemLines)
        assert app.focused is lines
        assert lines.selection == Selection((4, 5), (4, 7))
        assert lines.selected_text == MANY[3][5:7]
        app.draft.form.focus_field("items", item=1)
        assert lines.cursor_location == (1, 0)


async def test_a_short_list_after_a_long_one_is_rows_again(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_with_items(pilot, MANY)
        assert editor.as_text
        editor = await open_with_items(pilot, ["a", "b"])
        assert not editor.as_text
        assert editor.add_button.display
        assert [i.value for i in editor.inputs] == ["a", "b"]
        assert all(isinstance(i, ItemInput) and i.display for i in editor.inputs)
        assert not editor.query_one(ItemLines).display
        editor = await open_with_items(pilot, MANY[::-1])
        assert editor.as_text and editor.items == MANY[::-1]


async def test_after_a_paste_of_long_lines_their_beginnings_are_in_view(make):
    """The lines are not wrapped: the cursor left at the end of the last pasted line
    scrolled the text sideways, and every line showed only its (alike) tail. The view
    stays at the left edge; Enter and more keys still add an item after the paste."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_with_items(pilot, [""])
        app.draft.form.focus_field("items")
        long = [
            f"10:{n:02d} app01 kernel: nfs: server filer2 not responding, still trying"
            for n in range(30)
        ]
        await paste(pilot, "\n".join(long))
        lines = editor.query_one(ItemLines)
        assert editor.items == long
        assert lines.cursor_location == (29, len(long[-1]))
        assert lines.scroll_x == 0
        # Pasted into the text itself, the same.
        lines.move_cursor((5, 0))
        await paste(pilot, "\n".join(long[:3]) + "\n")
        assert lines.cursor_location == (8, 0)
        assert lines.scroll_x == 0
        assert editor.items[5:8] == long[:3]
        # Enter at the end of the first paste adds an item after it.
        lines.move_cursor((len(editor.items) - 1, len(editor.items[-1])))
        await pilot.press("enter", *"one more")
        await settle(pilot)
        assert app.workspace.values["items"][-2:] == [long[-1], "one more"]
