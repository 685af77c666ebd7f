"""The main screen: the template tree, the form, and values that belong to the case."""

from __future__ import annotations

from textual.widgets import Input, Label, TextArea

from sr_tui.core.templates.catalog import load_catalog
from sr_tui.widgets.field_editors import FieldArea, FieldInput
from sr_tui.widgets.list_editor import ItemInput, ListEditor
from sr_tui.widgets.template_tree import TemplateTree

from .helpers import SIZE, open_template, preview_text, set_values, settle


def field_widget(app, field_id: str):
    return app.draft.query_one(f"#f-{field_id}")


# -- the tree ----------------------------------------------------------------------------


async def test_tree_lists_every_template_and_enter_on_a_leaf_opens_it(make, catalog):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.draft.query_one(TemplateTree)
        branches = tree.root.children
        assert str(branches[0].label) == "A Case lifecycle"
        assert [str(b.label)[0] for b in branches] == list("ABCDEFGH")
        leaves = [str(leaf.label) for b in branches for leaf in b.children]
        assert leaves == [f"{t.id} {t.title}" for t in catalog.templates]
        assert len(leaves) == 31
        assert "A1 New case received" in leaves
        assert all(b.is_expanded for b in branches)
        assert all(not leaf.children for b in branches for leaf in b.children)

        assert isinstance(app.focused, TemplateTree)
        assert app.draft.template is None
        # Enter on a category only folds it; it opens nothing.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.draft.template is None
        assert not branches[0].is_expanded
        await pilot.press("enter", "down")  # unfold, then the first leaf
        assert str(tree.cursor_node.label) == "A1 New case received"
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.template is not None and app.draft.template.id == "A1"
        # The greeting name is optional, so the SR number is the first field to fill.
        assert app.focused is field_widget(app, "sr_number")
        assert preview_text(app).plain.startswith("Subject: Support Case [SR Number] Received")
        assert app.draft.sub_title == "A1 · New case received"


async def test_clicking_a_leaf_opens_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.draft.query_one(TemplateTree)
        b1 = next(leaf for b in tree.root.children for leaf in b.children if leaf.data == "B1")
        await pilot.click(TemplateTree, offset=(4, b1.line - tree.scroll_offset.y + 1))
        await settle(pilot)
        assert app.draft.template is not None and app.draft.template.id == "B1"
        assert tree.cursor_node.data == "B1"


# -- layout ------------------------------------------------------------------------------


async def test_layout_shows_every_panel_from_80x24_to_160x50(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_template(pilot, "B1")
        for size in [(80, 24), (120, 36), (160, 50)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            screen = app.screen.region
            assert screen.size == size
            for selector in ("#tree", "#form", "#preview", "#lint"):
                region = app.draft.query_one(selector).region
                assert region.width >= 20 and region.height >= 5, (size, selector, region)
                assert screen.contains_region(region), (size, selector, region)
            footer = app.draft.query_one("Footer").region
            assert footer.height == 1 and footer.y == size[1] - 1
            # The field being typed in is on screen and wide enough to read.
            focused = app.focused
            assert isinstance(focused, Input)
            assert focused.region.width >= 15, size
            assert app.draft.query_one("#form").region.contains_region(focused.region)
            # The preview's text is wrapped to its width, not cut off.
            assert (
                app.draft.query_one("#preview-text").region.width
                <= app.draft.query_one("#preview").region.width
            )


# -- the form ----------------------------------------------------------------------------


async def test_form_has_one_labelled_input_per_field_and_shows_help_on_focus(make, catalog):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        template = catalog.get("A1")
        blocks = app.draft.form.shown_blocks
        # The template's fields in its order, with the case's recipient (for exports,
        # no template's text uses it) right after the customer's name.
        ids = [f.id for f in template.fields]
        ids.insert(1, "customer_email")
        assert [b.id for b in blocks] == [f"block-{i}" for i in ids]
        blocks = [b for b in blocks if b.id != "block-customer_email"]
        for block, field in zip(blocks, template.fields, strict=True):
            label = str(block.query_one(Label).render())
            assert label.startswith(field.label), (label, field.label)
            editor = block.query_one(f"#f-{field.id}")
            # Your own words take paragraphs; every other field of A1 is one line.
            assert isinstance(editor, FieldArea if field.id == "details" else FieldInput)
        customer = str(app.draft.query_one("#block-customer_name").query_one(Label).render())
        assert customer == "Customer name (optional)"
        assert str(app.draft.query_one("#block-your_name").query_one(Label).render()) == (
            "Your name (from settings)"
        )

        # Help is shown for the focused field only (made the first time it has the focus).
        def shown_help(block_id: str) -> str | None:
            found = app.draft.query_one(f"#{block_id}").query(".field-help")
            shown = [str(h.render()) for h in found if h.region.height > 0]
            return shown[0] if shown else None

        assert "SR 3-1234567" in shown_help("block-sr_number")
        assert shown_help("block-issue_summary") is None
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is field_widget(app, "issue_summary")
        assert shown_help("block-sr_number") is None
        summary_help = template.field("issue_summary").help.split(",")[0]
        assert summary_help in shown_help("block-issue_summary")
        await pilot.press("shift+tab")
        await pilot.pause()
        assert "SR 3-1234567" in shown_help("block-sr_number")  # shown again, made once
        assert len(app.draft.query_one("#block-sr_number").query(".field-help")) == 1
        await pilot.press("tab")
        # Enter moves on to the next field: your own words, after the opening paragraph.
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is field_widget(app, "details")


async def test_timeframe_offers_its_suggestions_and_f2_cycles_them(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        timeframe = field_widget(app, "timeframe")
        timeframe.focus()
        await pilot.pause()
        shown = str(app.draft.query_one("#block-timeframe").query_one(".field-help").render())
        assert "4 business hours" in shown and "1 business day" in shown and "F2" in shown
        # Typing the start offers the rest; → accepts it.
        await pilot.press("1")
        await pilot.pause()
        assert timeframe._suggestion == "1 business day"
        await pilot.press("right")
        await pilot.pause()
        assert timeframe.value == "1 business day"
        # F2 cycles: from "1 business day" to the next one, from scratch to the first.
        await pilot.press("f2")
        assert timeframe.value == "2 business days"
        await pilot.press("ctrl+u", "f2")
        assert timeframe.value == "4 business hours"
        await pilot.press("f2")
        await pilot.pause()
        assert timeframe.value == "1 business day"
        # The preview shows the email as it is sent: flowed, wrapped by the pane.
        assert "initial update within 1 business day." in preview_text(app).plain
        # F2 is a key only where there are suggestions.
        assert app.screen.active_bindings["f2"].binding.description == "Next suggestion"
        field_widget(app, "sr_number").focus()
        await pilot.pause()
        assert "f2" not in app.screen.active_bindings
        await pilot.press("f2")
        assert field_widget(app, "sr_number").value == ""


async def test_list_editor_adds_edits_and_removes_items(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items", ListEditor)
        assert [i.placeholder for i in editor.inputs] == ["[Item 1]"]
        assert "- [Item 1]\n- [Item 2]\n- [Item 3]\n" in preview_text(app).plain

        # Enter adds an item after the current one and moves to it.
        editor.inputs[0].focus()
        await pilot.press("a", "enter")
        await pilot.pause()
        assert len(editor.inputs) == 2
        assert app.focused is editor.inputs[1]
        assert editor.inputs[1].placeholder == "[Item 2]"
        await pilot.press("b")
        await pilot.pause()
        assert editor.items == ["a", "b"]
        assert "I need the following:\n- a\n- b\n\n" in preview_text(app).plain

        # The "+ Add item" button appends an empty item and focuses it.
        await pilot.click("#add-item")
        await pilot.pause()
        assert len(editor.inputs) == 3
        assert app.focused is editor.inputs[2]
        assert editor.inputs[2].placeholder == "[Item 3]"
        await pilot.press("c", "d")
        await pilot.pause()
        assert "- a\n- b\n- cd\n" in preview_text(app).plain

        # Edit the middle item.
        editor.inputs[1].focus()
        await pilot.press("end", "backspace", "x")
        await pilot.pause()
        assert editor.items == ["a", "x", "cd"]
        assert "- a\n- x\n- cd\n" in preview_text(app).plain

        # ✕ removes an item.
        await pilot.click(editor.query(".item-row")[0].query_one(".remove"))
        await pilot.pause()
        assert editor.items == ["x", "cd"]
        assert "I need the following:\n- x\n- cd\n\n" in preview_text(app).plain
        assert app.draft.values["items"] == ["x", "cd"]
        assert [i.placeholder for i in editor.inputs] == ["[Item 1]", "[Item 2]"]

        # Backspace in an empty item removes it and moves to the one before...
        editor.inputs[-1].focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(editor.inputs) == 3
        await pilot.press("backspace")
        await pilot.pause()
        assert editor.items == ["x", "cd"]
        assert app.focused is editor.inputs[1]
        # ...but Backspace in an item with text deletes a character.
        await pilot.press("backspace")
        await pilot.pause()
        assert editor.items == ["x", "c"]
        assert "I need the following:\n- x\n- c\n\n" in preview_text(app).plain

        # The items are the case's: they come back when B1 is opened again.
        await open_template(pilot, "A1")
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items", ListEditor)
        assert editor.items == ["x", "c"]
        assert all(isinstance(i, ItemInput) for i in editor.inputs)
        assert "I need the following:\n- x\n- c\n\n" in preview_text(app).plain


MULTILINE_TEMPLATE = """\
id = "Z1"
category = "H"
title = "Custom with notes"
title_zh = "自定义"
when = "Testing a multiline field."
when_zh = "测试"
scenario = "A custom template with notes"
scenario_zh = "自定义模板"
keywords = ["custom"]
fields = ["sr_number", "notes"]
subject = "Notes for {{ sr_number }}"
body = '''
Hi,

{{ notes }}

Regards
'''

[field.notes]
label = "Notes"
label_zh = "备注"
help = "Free text over several lines."
kind = "multiline"
placeholder = "[Notes]"
"""


async def test_multiline_field_is_a_text_area_and_keeps_line_breaks(make, tmp_path):
    (tmp_path / "Z1-custom.toml").write_text(MULTILINE_TEMPLATE, encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert not catalog.errors, [str(e) for e in catalog.errors]
    app = make(catalog=catalog)
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "Z1")
        assert isinstance(field_widget(app, "sr_number"), FieldInput)
        notes = field_widget(app, "notes")
        assert isinstance(notes, TextArea)
        notes.focus()
        await pilot.press("a", "b", "enter", "c", "d")
        await pilot.pause()
        assert app.draft.values["notes"] == "ab\ncd"
        assert "Hi,\n\nab\ncd\n\nRegards" in preview_text(app).plain


# -- focus after opening -------------------------------------------------------------------


async def test_focus_goes_to_the_first_empty_required_field(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        assert app.focused is field_widget(app, "sr_number")
        await pilot.press("1")
        await open_template(pilot, "A2")
        assert app.focused is field_widget(app, "issue_summary")
        await set_values(pilot, {"issue_summary": "the NFS hang"})
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items", ListEditor)
        assert app.focused is editor.inputs[0]


# -- values belong to the case ---------------------------------------------------------------


async def test_values_carry_over_to_the_next_template(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await pilot.press(*"SR 7")
        await set_values(pilot, {"customer_name": "Alice"})
        await open_template(pilot, "B2")
        assert app.draft.template.id == "B2"
        assert field_widget(app, "sr_number").value == "SR 7"
        assert field_widget(app, "customer_name").value == "Alice"
        text = preview_text(app).plain
        assert text.startswith("Subject: Follow-Up — Information Still Needed for SR 7\n")
        assert "\n\nHi Alice,\n" in text
        assert "regarding SR 7." in text
        # Focus skips what is already filled.
        assert app.focused is not field_widget(app, "sr_number")


async def test_new_case_clears_every_value(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await pilot.press(*"SR 7")
        await set_values(pilot, {"issue_summary": "the NFS hang"})
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert app.draft.template.id == "A1"
        assert not any(app.draft.values.values())
        assert field_widget(app, "sr_number").value == ""
        assert field_widget(app, "issue_summary").value == ""
        text = preview_text(app).plain
        assert "[SR Number]" in text and "SR 7" not in text
        assert "[Issue Summary]" in text
        assert app.focused is field_widget(app, "sr_number")
        assert any("New case" in n.message for n in app._notifications)
        # The cleared values stay cleared in the next template too.
        await open_template(pilot, "B2")
        assert field_widget(app, "sr_number").value == ""
