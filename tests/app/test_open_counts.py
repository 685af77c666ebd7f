"""What one template open costs, counted (never timed): renders, lints, `Changed`
messages handled, widgets made, footer recomposes, lint panel rebuilds, picker rows."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from sr_tui.core.templates.scenario_index import ScenarioIndex
from sr_tui.screens.picker import MAX_ROWS, PickerScreen
from sr_tui.widgets import field_block, field_editors, list_editor
from sr_tui.widgets.key_footer import KeyFooter
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.list_editor import LONG_LIST
from sr_tui.widgets.preview import Preview

from .helpers import SIZE, open_template, settle


def count_calls(monkeypatch, owner, name: str) -> list[int]:
    """Count calls of `owner.name` (a class or an instance): a one-item list."""
    calls = [0]
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


async def test_one_open_is_one_render_one_lint_and_no_changed_handled(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        app.workspace.set_value("items", [f"item {n}" for n in range(LONG_LIST)])
        renders = count_calls(monkeypatch, app.draft, "refresh_output")
        shown = count_calls(monkeypatch, Preview, "show")
        lints = count_calls(monkeypatch, app.workspace, "findings")
        changed = count_calls(monkeypatch, app.workspace, "set_value")
        for n, template_id in enumerate(("A2", "B1", "C1", "B1", "A1"), start=1):
            await open_template(pilot, template_id)
            assert renders[0] == n, (template_id, renders[0])
            assert shown[0] == n, (template_id, shown[0])
            # The editors echo the values they were given (on mount, or when reused):
            # none of those echoes reaches the case.
            assert changed[0] == 0, template_id
        # One lint per open: the screen asks for the findings once per refresh.
        assert lints[0] == renders[0]
        assert len(app.draft.query_one("#f-items").inputs) == LONG_LIST


async def test_editors_are_kept_across_opens_so_a_day_of_opens_makes_no_widgets(
    make, catalog, monkeypatch
):
    app = make()
    ids = [t.id for t in catalog.templates]
    async with app.run_test(size=SIZE) as pilot:
        for template_id in ids:
            await open_template(pilot, template_id)
        blocks = len(app.draft.query(field_block.FieldBlock))
        made = count_calls(monkeypatch, field_block.FieldBlock, "__init__")
        inputs = count_calls(monkeypatch, field_editors.FieldInput, "__init__")
        items = count_calls(monkeypatch, list_editor.ItemInput, "__init__")
        for template_id in ids[::-4]:  # a spread of them, in another order
            await open_template(pilot, template_id)
        assert (made[0], inputs[0], items[0]) == (0, 0, 0)
        assert len(app.draft.query(field_block.FieldBlock)) == blocks
        # Only the open template's fields are shown, in its order.
        shown = [b.id for b in app.draft.form.shown_blocks]
        assert shown == [f"block-{f.id}" for f in app.workspace.template.fields]


async def test_showing_a_hidden_field_again_restyles_none_of_its_editors(make, monkeypatch):
    """A block hidden while another template was open is shown again as it was: a long
    list's rows are not restyled (a class change on the block restyled every row below
    it, 200 items' worth of rows on every open of B1)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        app.workspace.set_value("items", [f"item {n}" for n in range(LONG_LIST)])
        await open_template(pilot, "B1")
        await settle(pilot)
        await open_template(pilot, "A1")  # B1's list is hidden now
        await settle(pilot)
        restyled: list = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate: bool = False) -> None:
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counting)
        await open_template(pilot, "B1")
        await settle(pilot)
        rows = app.draft.query_one("#f-items").inputs
        assert len(rows) == LONG_LIST
        assert not set(map(id, rows)) & set(map(id, restyled))
        # Only the open template's blocks are shown, in its order.
        shown = [b.id for b in app.draft.form.shown_blocks]
        assert shown == [f"block-{f.id}" for f in app.workspace.template.fields]


async def test_moving_focus_between_fields_with_the_same_keys_keeps_the_footer(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await settle(pilot)
        recomposed = count_calls(monkeypatch, Footer, "recompose")
        # customer_name -> customer_email -> sr_number: no suggestions on any of them, so
        # the footer's keys stay the same.
        app.draft.query_one("#f-customer_name").focus()
        await settle(pilot)
        for _ in range(2):
            await pilot.press("tab")
            await settle(pilot)
        assert app.focused.id == "f-sr_number"
        assert recomposed[0] == 0


async def test_the_footer_keys_are_not_restyled_as_they_mount(make, monkeypatch):
    """A recomposed footer's keys come as compact as the footer: binding them to it
    changes no class, so Textual restyles none of them once more as they mount (the
    screens look the same: the snapshots)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await settle(pilot)
        restyled: list = []
        update_styles = app.update_styles

        def counting(node, animate: bool = True) -> None:
            restyled.append(node)
            update_styles(node, animate=animate)

        monkeypatch.setattr(app, "update_styles", counting)
        footer = app.draft.query_one(KeyFooter)
        before = footer.recomposed
        app.draft.form.focus_field("timeframe")  # F2 for its suggestions: other keys
        await settle(pilot)
        assert footer.recomposed == before + 1
        # The palette's key is not bound to the footer (Textual keeps it compact).
        keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
        assert keys and not [node for node in restyled if node in keys]
        assert not any(key.has_class("-compact") for key in keys)


async def test_lint_panel_is_not_rebuilt_when_the_findings_did_not_change(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        panel = app.draft.query_one(LintPanel)
        cleared = count_calls(monkeypatch, panel, "clear_options")
        app.draft.refresh_output()
        app.draft.refresh_output()
        assert cleared[0] == 0
        app.workspace.set_value("sr_number", "SR 3-1234567")
        app.draft.refresh_output()
        assert cleared[0] == 1


async def test_picker_shows_the_best_50_and_says_how_many_more(make, catalog):
    many = [
        replace(t, id=f"{t.id}X{n}") for n in range(4) for t in catalog.templates
    ]  # 124 templates
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        picker = PickerScreen(ScenarioIndex(many), "en")
        await app.push_screen(picker)
        await settle(pilot)
        results = picker.query_one("#results", OptionList)
        assert results.option_count == MAX_ROWS + 1
        last = results.get_option_at_index(MAX_ROWS)
        assert last.disabled and f"{len(many) - MAX_ROWS} more" in str(last.prompt)
        picker.update_results("customer")
        hits = ScenarioIndex(many).search("customer")
        assert len(hits) > MAX_ROWS
        assert results.option_count == MAX_ROWS + 1
        first = [results.get_option_at_index(i).id for i in range(MAX_ROWS)]
        assert first == [h.template.id for h in hits[:MAX_ROWS]]


async def test_keys_in_a_big_email_are_shown_once_they_pause(make, monkeypatch):
    from sr_tui.screens import compose

    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A2")
        big = "We are analysing the logs you uploaded. " * 1000  # 40 KB
        app.draft.set_value("current_status", big)
        await settle(pilot)
        assert len(app.draft.query_one(Preview).text) > compose.BIG_EMAIL
        renders = count_calls(monkeypatch, app.draft, "refresh_output")
        for n in range(1, 6):
            app.draft.set_value("current_status", big + "x" * n)
        assert renders[0] == 0
        await pilot.pause(compose.BIG_EMAIL_DELAY * 3)
        await settle(pilot)
        assert renders[0] == 1
        assert app.draft.query_one(Preview).text.count("x" * 5) == 1
        # A short email is shown at every key.
        app.draft.set_value("current_status", "analysing the logs")
        await pilot.pause(compose.BIG_EMAIL_DELAY * 3)
        await settle(pilot)
        renders[0] = 0
        app.draft.set_value("current_status", "analysing the logs!")
        assert renders[0] == 1


async def test_a_long_list_shown_again_reuses_its_rows(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        app.workspace.set_value("items", [f"item {n}" for n in range(LONG_LIST)])
        await open_template(pilot, "A1")
        await open_template(pilot, "B1")
        made = count_calls(monkeypatch, list_editor.ItemInput, "__init__")
        for items in (3, LONG_LIST, 10, LONG_LIST):
            app.workspace.set_value("items", [f"thing {n}" for n in range(items)])
            await open_template(pilot, "A1")
            await open_template(pilot, "B1")
            editor = app.draft.query_one("#f-items")
            assert editor.items == [f"thing {n}" for n in range(items)]
            shown = [i.value for i in editor.query(list_editor.ItemInput) if i.row.display]
            assert shown == editor.items
        assert made[0] == 0
