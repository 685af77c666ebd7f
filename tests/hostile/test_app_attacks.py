"""Issue 11 in the app: hostile titles, values, templates and files, as a user meets them
(Pilot tests, built like tests/app). Each asserts what is on the screen or in the notices,
and that nothing was lost."""

from __future__ import annotations

import email.policy
import json
import os
from email.parser import BytesParser

from app.helpers import SIZE, notices, open_template, paste, preview_text, screen_text, settle
from textual.command import CommandList, CommandPalette

from sr_tui.core import locations
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.settings import load_settings
from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.settings import SettingsScreen
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.template_tree import TemplateTree

from .conftest import Home, template_text

MARKUP_TITLES = {
    "Z1": '"Close [/] now"',
    "Z2": '"[@click=app.quit]Quit[/] me"',
    "Z3": '"Priority [P1] [b]bold"',
}


def with_markup_titles(home: Home) -> None:
    for template_id, title in MARKUP_TITLES.items():
        home.template(
            f"{template_id.lower()}.toml",
            template_text(template_id, title=title, scenario=title),
        )


def tree_labels(app) -> list[str]:
    tree = app.draft.query_one(TemplateTree)
    return [str(leaf.label) for branch in tree.root.children for leaf in branch.children]


async def palette_entries(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await paste(pilot, query)
    await settle(pilot)
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


def lint_text(app) -> str:
    panel = app.draft.query_one(LintPanel)
    return "\n".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))


# -- 3. markup in names ------------------------------------------------------------------


async def test_titles_with_markup_start_the_app_and_show_as_written(home, make):
    with_markup_titles(home)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = tree_labels(app)
        assert "Z1 Close [/] now" in labels
        assert "Z2 [@click=app.quit]Quit[/] me" in labels  # text, not a live action
        assert "Z3 Priority [P1] [b]bold" in labels
        assert "Z1 Close [/] now" in screen_text(app)
        entries = await palette_entries(pilot, "Open Z")
        assert any("Close [/] now" in e for e in entries), entries
        assert any("[@click=app.quit]Quit[/] me" in e for e in entries), entries
        assert any("Priority [P1] [b]bold" in e for e in entries), entries
        await pilot.press("escape")
        await open_template(pilot, "Z2")
        assert app.draft.sub_title == "Z2 · [@click=app.quit]Quit[/] me"
        assert app.is_running


async def test_an_sr_number_with_markup_keeps_the_palette_full(home, make):
    store = DraftStore(locations.data_dir())
    store.archive_current(Draft("B2", {"sr_number": "[P1] 3-1 [/]"}))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = await palette_entries(pilot, "Reopen")
        # The case (imported from the old JSON file) is listed with its number as plain text.
        assert any("Reopen case: [P1] 3-1 [/]" in e for e in entries), entries
        await pilot.press("escape")
        entries = await palette_entries(pilot, "copy")
        assert len(entries) >= 3


# -- 2. terminal escapes -----------------------------------------------------------------


async def test_control_characters_are_shown_never_sent_to_the_terminal(home, make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        app.draft.query_one("#f-sr_number").focus()
        await paste(pilot, "SR 1\x1b]2;pwned\x07\x9b2J")
        await settle(pilot)
        assert app.workspace.draft.values["sr_number"] == "SR 1\x1b]2;pwned\x07\x9b2J"  # kept
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
        assert "SR 1␛]2;pwned␇⍰2J" in preview_text(app).plain
        assert shown.count("SR 1␛]2;pwned␇⍰2J") >= 2  # the form's input and the preview


# -- 4. templates without bounds in the app ----------------------------------------------

LOOP_OVER_VALUE = "{% for a in sr_number %}{% for b in sr_number %}{{ b }}{% endfor %}{% endfor %}"


async def test_a_paste_into_a_template_without_bounds_does_not_freeze_the_app(home, make):
    home.template("z1.toml", template_text(body=LOOP_OVER_VALUE))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "Z1")
        app.draft.query_one("#f-sr_number").focus()
        await paste(pilot, "x" * 50_000)  # 2.5 billion steps: stopped at 100,000
        await settle(pilot)
        assert any("Cannot render" in n and "loop steps" in n for n in notices(app))
        assert "Not checked" in lint_text(app) and "ready to send" not in lint_text(app)
        await pilot.press("f1")  # still answering keys
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_draft_naming_a_recursive_template_does_not_crash_the_start(home, make):
    home.template(
        "z1.toml",
        template_text(body="{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}"),
    )
    DraftStore(locations.data_dir()).save_current(Draft("Z1", {"sr_number": "SR 1"}))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen) and app.draft.template.id == "Z1"
        assert any("nests too deeply" in n for n in notices(app))
        assert "Not checked" in lint_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


# -- 6. F5 with line separators in a value -----------------------------------------------


async def test_f5_with_line_separators_in_values_writes_a_clean_draft(home, make, tmp_path):
    out = tmp_path / "out"
    home.write_config(f'export_dir = "{out}"\nyour_name = "Sam"\nyour_team = "Linux"\n')
    app = make(settings=load_settings())
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        for field_id, value in {
            "sr_number": "SR\x0b1\u2028=?utf-8?q?=0D=0ABcc=3A_e=40x.com?=",
            "timeframe": "2 hours\x85",
            "customer_name": "Alice\x1c",
        }.items():
            app.draft.query_one(f"#f-{field_id}").value = value
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        if not (out.exists() and list(out.iterdir())):
            await pilot.press("y")  # the readiness question, if any
            await settle(pilot)
        assert app.is_running
        (path,) = list(out.iterdir())
        msg = BytesParser(policy=email.policy.default).parsebytes(path.read_bytes())
        assert sorted(msg.keys()) == sorted(
            ["Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type"]
        )
        assert msg["Subject"] == "Support Case SR 1 =?utf-8?q?=0D=0ABcc=3A_e=40x.com?= Received"


# -- 10. the second ctrl+s on a broken config keeps every backup ------------------------


async def test_every_backup_of_a_broken_config_is_kept(home, make):
    broken = 'your_name = "Sam\n# my notes\n'
    for attempt in (1, 2):
        home.write_config(broken.replace("Sam", f"Sam{attempt}"), 0o644)
        app = make(settings=load_settings())
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.action_settings()
            await settle(pilot)
            assert isinstance(app.screen, SettingsScreen)
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert load_settings(home.config).exists
    first = home.config.with_name("config.toml.bak")
    second = home.config.with_name("config.toml.bak.2")
    assert first.read_text(encoding="utf-8") == broken.replace("Sam", "Sam1")
    assert second.read_text(encoding="utf-8") == broken.replace("Sam", "Sam2")
    assert oct(first.stat().st_mode & 0o777) == oct(0o644)


# -- 11. keymap --------------------------------------------------------------------------


async def test_an_invalid_key_and_a_duplicate_are_reported_and_quit_still_works(home, make):
    home.write_config('[keymap]\nquit = "ctrl+banana+++"\ncopy = "ctrl+q"\n')
    app = make(settings=load_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = "\n".join(notices(app))
        assert "'ctrl+banana+++' is not a key; the default key of 'quit' is kept" in said
        assert "ctrl+q is already the key of 'quit'; the default key of 'copy' is kept" in said
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running and app.return_code == 0


# -- 12. a store file broken while the app runs ------------------------------------------


async def test_a_usage_file_broken_after_start_is_reported(home, make):
    # Recent cases now live in the case store (recent-cases.json is imported once); the
    # usage file is still read while the app runs.
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        app.draft.query_one("#f-sr_number").value = "SR 3-1"
        await settle(pilot)
        store = app.workspace.drafts
        store.usage_path.parent.mkdir(parents=True, exist_ok=True)
        store.usage_path.write_text("{broken", encoding="utf-8")
        await open_template(pilot, "B1")
        await pilot.pause(0.5)
        await settle(pilot)
        assert any("usage.json could not be read" in n for n in notices(app))
        kept = [p.name for p in store.directory.iterdir() if "usage-unreadable" in p.name]
        assert kept


# -- 14. a draft of a template that is gone ----------------------------------------------


async def test_a_draft_of_a_template_that_is_gone_says_so_and_keeps_the_values(home, make):
    DraftStore(locations.data_dir()).save_current(Draft("Z9", {"sr_number": "SR 3-77"}))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = "\n".join(notices(app))
        assert "template Z9, which no longer exists" in said and "Restored" not in said
        await open_template(pilot, "B2")
        assert "SR 3-77" in preview_text(app).plain


# -- 15. a draft too large to restore ----------------------------------------------------


async def test_a_50_mb_draft_is_refused_and_kept(home, make):
    home.data.mkdir()
    big = json.dumps({"template_id": "B2", "values": {"sr_number": "x" * 50_000_000}})
    (home.data / "draft.json").write_text(big, encoding="utf-8")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = "\n".join(notices(app))
        assert "draft.json was not read (is larger than" in said and "Restored" not in said
        kept = [p for p in home.data.iterdir() if p.name.startswith("draft-unreadable-")]
        assert len(kept) == 1 and kept[0].stat().st_size == len(big)
        await open_template(pilot, "B2")
        app.draft.query_one("#f-sr_number").focus()
        await paste(pilot, "y" * 100_001)  # one more than a value may be
        await settle(pilot)
        assert "Not checked" in lint_text(app) and "ready to send" not in lint_text(app)


# -- 16. the data dir is a file ----------------------------------------------------------


async def test_a_data_dir_that_is_a_file_is_named_with_what_to_do(home, make):
    home.data.write_text("not a folder")
    app = make(system_clipboard=None, osc52=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        app.draft.query_one("#f-sr_number").value = "SR 1"
        await pilot.pause(0.6)  # the autosave
        await settle(pilot)
        said = "\n".join(notices(app))
        assert f"{home.data} is a file, not a folder" in said and "SR_TUI_DATA" in said
        assert "Errno" not in said
        app.copy_to_clipboard("hello")
        await settle(pilot)
        said = "\n".join(notices(app))
        assert "None" not in said and "could not be saved to a file" in said
    assert home.data.read_text() == "not a folder"
    assert os.path.isfile(home.data)
