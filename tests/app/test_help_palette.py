"""F1 help from the live bindings, the command palette, the footer and quitting."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable

from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.help import HelpScreen
from sr_tui.widgets.template_tree import TemplateTree

from .helpers import SIZE, notices, open_template, paste, screen_text, set_values, settle


def help_rows(app) -> list[tuple[str, str, str]]:
    table = app.screen.query_one(DataTable)
    return [tuple(table.get_row_at(i)) for i in range(table.row_count)]


async def palette_entries(pilot, query: str = "") -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    if query:
        await paste(pilot, query)
    await settle(pilot)  # commands are gathered in a worker
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_f1_lists_the_live_bindings(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Nothing to copy yet: copying is not listed.
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "Copy email" not in {action for _, action, _ in help_rows(app)}
        await pilot.press("escape")
        await open_template(pilot, "A1")
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {(key, action) for key, action, _where in help_rows(app)}
        for row in [
            ("^y", "Copy email"),
            ("^n", "New case"),
            ("^f", "Find template"),
            ("f1", "Help"),
            ("^q", "Quit"),
            ("^p", "Commands"),
        ]:
            assert row in rows, row
        # Keys of the focused field are there too (ours only, not Textual's editing keys).
        assert ("⏎", "Next field") in rows
        assert ("^c", "Copy selected text") not in rows
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.focused is app.draft.query_one("#f-sr_number")
        # The footer shows the main keys.
        bar = screen_text(app).splitlines()[-1]
        for shown in (
            "^y Copy email",
            "^n New case",
            "^q Quit",
            "f1 Help",
            "^f Find template",
            "^p Commands",
        ):
            assert shown in bar, bar


async def test_f1_follows_focus(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        app.draft.query_one("#f-timeframe").focus()
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)
        rows = {(key, action) for key, action, _ in help_rows(app)}
        assert ("f2", "Next suggestion") in rows
        await pilot.press("f1")  # F1 again closes it
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)

        app.draft.query_one("#preview").focus()
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)
        rows = {(key, action) for key, action, _ in help_rows(app)}
        assert {("s", "Copy subject"), ("b", "Copy body")} <= rows


async def test_palette_offers_the_apps_commands(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = await palette_entries(pilot)
        for name in (
            "Find template by situation",
            "New case",
            "Copy email",
            "Copy subject",
            "Copy body",
            "Switch language (English / 中文)",
            "Toggle lint panel",
        ):
            assert any(e.startswith(name) for e in entries), (name, entries)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        # The first one opens the scenario picker.
        await palette_entries(pilot, "find template")
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PickerScreen"


async def test_palette_opens_a_template(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = await palette_entries(pilot, "open B4")
        assert entries[0].startswith("Open B4 Request an sosreport"), entries[:3]
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.template.id == "B4"
        assert app.focused is app.draft.query_one("#f-sr_number")
        assert app.draft.query_one(TemplateTree).cursor_node.data == "B4"


async def test_palette_new_case_clears_the_values(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 9"})
        entries = await palette_entries(pilot, "new case")
        assert entries[0].startswith("New case")
        await pilot.press("enter")
        await settle(pilot)
        assert app.draft.query_one("#f-sr_number").value == ""
        assert "[SR Number]" in app.draft.email.subject
        assert "New case: all values cleared." in notices(app)


async def test_ctrl_q_quits(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_quits_from_a_modal(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
