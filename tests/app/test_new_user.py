"""What a new user hit (issue 10): the trust bugs, each as the user met it.

Each test drives the app the way the user did (keys, the palette, the settings screen,
a restart) and checks what they see or what lands in a file.
"""

from __future__ import annotations

import email
import email.policy
import json

from textual import events
from textual.keys import _character_to_key
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from sr_tui.core import locations
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.handoff import opener
from sr_tui.core.settings import Settings, load_settings
from sr_tui.core.settings_write import save_settings
from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.help import HelpScreen
from sr_tui.screens.settings import SettingsScreen
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.list_editor import ListEditor
from sr_tui.widgets.template_tree import TemplateTree

from .helpers import SIZE, open_template, paste, preview_text, screen_text, set_values, settle


async def palette(pilot, query: str) -> list[str]:
    """Open the palette, type `query` key by key, and return the entries offered."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await settle(pilot)
    await pilot.pause(0.3)  # the palette adds results in batches
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def burst(pilot, *parts: str) -> None:
    """Send keys as one burst, with no wait between them, as a terminal does for a text
    expander or a fast paste without bracketed paste (Pilot's `press` waits for the app
    to be idle after every key, which hides what a burst does). Each part is text (sent
    character by character; tab and newline as Tab and Enter) or `key:NAME` ("key:f2")."""
    app = pilot.app
    for part in parts:
        if part.startswith("key:"):
            keys = [(part.removeprefix("key:"), None)]
        else:
            keys = [
                (
                    {"\t": "tab", "\n": "enter"}.get(c)
                    or (c if c.isalnum() else _character_to_key(c)),
                    c if c not in "\t\n" else None,
                )
                for c in part
            ]
        for key, char in keys:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)
    await settle(pilot)
    await pilot.pause(0.2)
    await settle(pilot)


def confirm_text(app) -> str:
    """What the question on screen says (a modal over the compose screen)."""
    assert isinstance(app.screen, ModalScreen), type(app.screen)
    return "\n".join(str(w.render()) for w in app.screen.query("Label, Static"))


def lint_rows(app) -> list[str]:
    panel = app.draft.query_one(LintPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


def form_value(app, field_id: str):
    return app.draft.query_one(f"#f-{field_id}").value


# -- 1. reopen from the palette ------------------------------------------------------------


async def test_palette_reopen_brings_back_the_case_put_aside(make):
    """Why the old Pilot test could not fail: it ran with no name in the settings and
    reopened while the new case was empty, so nothing was put aside first. A real user
    has a name (the signature made every case "have content") and types in the new case:
    the open case was put aside at the top of the list, then "reopened" in place of the
    one asked for, so nothing seemed to happen. Here: a name, and typing in the new case."""
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await pilot.press(*"SR 3-1")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert form_value(app, "sr_number") == ""
        await pilot.press(*"SR 3-2")
        await settle(pilot)
        entries = await palette(pilot, "reopen")
        assert entries[0].startswith("Reopen case: SR 3-1"), entries
        assert not any("SR 3-2" in e for e in entries), entries  # the open one is not offered
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.values == {"sr_number": "SR 3-1"}
        assert form_value(app, "sr_number") == "SR 3-1"
        assert "Subject: Support Case SR 3-1 Received" in preview_text(app).plain
        # The case that was open is the one offered now.
        assert [c.number for c in app.workspace.recent()] == ["SR 3-2"]


# -- 2. ctrl+n says how to get the case back -----------------------------------------------


async def test_new_case_says_how_to_reopen_the_one_put_aside(make):
    app = make()
    shown = app._test_notices
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 9"})
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "New case: all values cleared." in shown
        assert any("ctrl+p → Reopen case brings it back" in n for n in shown), shown
        # An empty case is not put aside, so nothing is promised.
        shown.clear()
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not any("Reopen case" in n for n in shown), shown


# -- 3. a name changed in the settings reaches the open case ---------------------------------


async def test_a_name_changed_in_settings_reaches_the_open_case_and_stays_after_restart(make):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A3")
        await set_values(pilot, {"sr_number": "SR 5"})
        assert app.draft.email.body.endswith("Sam Lee\nLinux Support")
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        name = app.screen.query_one("#your_name", Input)
        name.value = ""
        name.focus()
        await pilot.press(*"Bo Chen", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.email.body.endswith("Bo Chen\nLinux Support")
        assert form_value(app, "your_name") == "Bo Chen"
        label = str(app.draft.query_one("#block-your_name .field-label").render())
        assert label == "Your name (from settings)"
        await pilot.pause(0.5)  # saved
    assert "your_name" not in DraftStore(locations.data_dir()).load_current().values
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.draft.template.id == "A3"
        assert again.draft.email.body.endswith("Bo Chen\nLinux Support")


async def test_a_draft_saved_by_the_old_version_does_not_pin_the_old_name(make):
    """The old version saved the signature the form echoed; after the upgrade that old
    name hid every name set in F4, even after a restart."""
    save_settings(Settings(your_name="Bo Chen", your_team="Linux"))
    path = locations.data_dir() / "draft.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    old = {"sr_number": "SR 5", "your_name": "Sam Lee", "your_team": "Linux"}
    path.write_text(json.dumps({"template_id": "A3", "values": old}), encoding="utf-8")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.draft.values == {"sr_number": "SR 5"}
        assert app.draft.email.body.endswith("Bo Chen\nLinux Support")


async def test_a_name_typed_for_one_case_says_so(make):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A3")
        await set_values(pilot, {"your_name": "Sam L."})
        await open_template(pilot, "B2")
        label = str(app.draft.query_one("#block-your_name .field-label").render())
        assert label == "Your name (typed for this case)"


# -- 4. every way out asks the same question, in its own words -------------------------------


async def test_every_way_out_asks_before_sending_an_email_that_is_not_ready(
    make, clipboard_stub, monkeypatch, tmp_path
):
    save_settings(Settings(export_dir=str(tmp_path / "out")))
    opened: list[str] = []
    monkeypatch.setattr(opener, "system_opener", lambda url: opened.append(url) or True)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "G5")
        for key, words in [
            ("ctrl+y", "Copy it anyway? y / Enter = copy, n / Esc = cancel"),
            ("f5", "Export the .eml draft anyway? y / Enter = export, n / Esc = cancel"),
            ("f6", "Open it in the mail client anyway? y / Enter = open, n / Esc = cancel"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            shown = confirm_text(app)
            assert "This email is not ready to send" in shown, key
            assert "Unfilled: Your name, Your team" in shown, key
            assert words in shown, key
            await pilot.press("n")
            await settle(pilot)
        assert clipboard_stub.copies == [] and opened == []
        assert not (tmp_path / "out").exists()


# -- 5. the palette's language switch is saved; saving settings keeps it ----------------------


async def test_the_language_switch_is_saved_and_saving_settings_keeps_it(make):
    save_settings(Settings(your_name="Sam"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "language")
        await pilot.press("enter")
        await settle(pilot)
        assert app.language == "zh"
        assert load_settings().settings == Settings(your_name="Sam", language="zh")
        # Saving the settings (a new team) does not flip the interface back.
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#your_team", Input).value = "Linux"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.language == "zh"
        assert load_settings().settings.language == "zh"
    again = make()
    async with again.run_test(size=SIZE):
        assert again.language == "zh"


async def test_saving_settings_keeps_the_language_from_sr_tui_lang(make, monkeypatch):
    monkeypatch.setenv("SR_TUI_LANG", "zh")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert app.language == "zh"
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#your_name", Input).value = "Sam"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.language == "zh"


# -- 6. keys sent in one burst land where they were meant ------------------------------------


async def test_text_tab_text_in_one_burst_fills_two_fields(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        assert app.focused is app.draft.query_one("#f-sr_number")
        await burst(pilot, "SR 3-1\tthe NFS hang")
        assert form_value(app, "sr_number") == "SR 3-1"
        assert form_value(app, "issue_summary") == "the NFS hang"
        assert app.draft.values["issue_summary"] == "the NFS hang"
        # A key bound in one field (F2: next suggestion) and Tab right after it: the key
        # is resolved in the field it was meant for, not in the next one.
        await burst(pilot, "\t\t", "key:f2", "\thttps://support.example.com")
        assert form_value(app, "timeframe") == "4 business hours"
        assert form_value(app, "support_url") == "https://support.example.com"
        # Enter moves on as Tab does, and a new list item takes what follows Enter.
        await open_template(pilot, "B1")
        await burst(pilot, "logs\ncore dump\nconsole")
        assert app.draft.query_one("#f-items", ListEditor).items == [
            "logs",
            "core dump",
            "console",
        ]


# -- 7. the preview is what gets copied ----------------------------------------------------


async def test_the_preview_shows_the_layout_that_is_sent_and_starts_at_the_top(
    make, clipboard_stub
):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 3-1"})
        preview = app.draft.query_one("#preview")
        # Flowed: "Your case,\n[SR Number]" is one line, wrapped by the pane, not twice.
        assert "Your case, SR 3-1, has been assigned to me." in preview.text
        assert preview.text == app.workspace.outgoing_text()
        lines = [line.strip("│ ") for line in screen_text(app).splitlines()]
        assert not any(line.endswith("Your") for line in lines), lines
        # Scrolled down in one template, the next one opens at its top.
        preview.scroll_end(animate=False)
        await settle(pilot)
        assert preview.scroll_y > 0
        await open_template(pilot, "D3")
        assert preview.scroll_y == 0


# -- 8. the first start asks for name and team only -------------------------------------------


async def test_first_start_asks_name_and_team_and_enter_saves(make):
    from sr_tui.screens.first_run import FirstRunScreen

    app = make(ask_for_name=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert [i.id for i in app.screen.query(Input)] == ["your_name", "your_team"]
        bar = screen_text(app).splitlines()[-1]
        assert "Save" in bar and "esc" in bar and "New case" not in bar, bar
        # The inputs can be seen: a border, not a shade on a shade.
        assert app.screen.query_one("#your_name").styles.border_top[0] != ""
        await pilot.press(*"Sam Lee", "tab", *"Linux", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.signature == {"your_name": "Sam Lee", "your_team": "Linux"}
    assert load_settings().settings == Settings(your_name="Sam Lee", your_team="Linux")
    again = make(ask_for_name=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ComposeScreen)


async def test_first_start_esc_asks_again_next_time_and_f1_helps(make):
    from sr_tui.screens.first_run import FirstRunScreen

    app = make(ask_for_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # no name yet: it says what is missing, saves nothing
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert "Type your name" in str(app.screen.query_one("#help-name", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
    assert not locations.config_path().exists()
    again = make(ask_for_name=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, FirstRunScreen)


async def test_the_settings_screen_says_how_to_save_and_enter_saves(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        bar = screen_text(app).splitlines()[-1]
        assert "^s Save" in bar and "esc Cancel" in bar, bar
        await pilot.press(*"Sam Lee", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
    assert load_settings().settings.your_name == "Sam Lee"


# -- 9. the lint panel goes to the flagged text ----------------------------------------------


async def test_enter_in_the_lint_panel_goes_to_the_flagged_text(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        summary = "the NFS hang that we will look at soon, on the app01 server in Auckland"
        await set_values(pilot, {"sr_number": "SR 1", "issue_summary": summary})
        panel = app.draft.query_one(LintPanel)
        panel.focus()
        await settle(pilot)
        rows = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert "'soon'" in rows[0], rows  # errors first; SR005 of unfilled ones after
        await pilot.press("enter")  # no Down first
        await settle(pilot)
        field = app.draft.query_one("#f-issue_summary", Input)
        assert app.focused is field
        start = summary.index("soon")
        assert (field.selection.start, field.selection.end) == (start, start + 4)
        assert field.selected_text == "soon"


async def test_choosing_a_finding_in_your_own_words_selects_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        text = "The logs from app01 end at 09:14.\nI will have the answer soon."
        await set_values(pilot, {"sr_number": "SR 1"})
        app.draft.query_one("#f-details").load_text(text)
        await settle(pilot)
        finding = next(f for f in app.draft.findings if f.match == "soon")
        assert finding.field == "details"
        app.draft.post_message(LintPanel.Chosen(finding))
        await settle(pilot)
        area = app.draft.query_one("#f-details")
        assert app.focused is area
        assert area.selected_text == "soon"


# -- 10. F1 lists every key of ours, and only ours ----------------------------------------------


async def help_rows(pilot) -> list[tuple[str, str, str]]:
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    table = pilot.app.screen.query_one(DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_f1_lists_the_keys_of_every_pane_and_no_textual_internals(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        rows = await help_rows(pilot)
        keys = {(key, action) for key, action, _ in rows}
        for row in [
            ("s", "Copy subject"),
            ("b", "Copy body"),
            ("e", "Edit the email in place"),
            ("f2", "Next suggestion"),
            ("⏎", "Add an item after this one"),
            ("⌫", "Remove an empty item"),
            ("⏎", "Go to the flagged text"),
            ("f3", "Edit email"),
            ("^y", "Copy email"),
            ("f5", "Export .eml"),
            ("f6", "Mail client"),
        ]:
            assert any(k.startswith(row[0]) and a == row[1] for k, a in keys), (row, keys)
        where = {action: place for _, action, place in rows}
        assert where["Copy subject"] == "in the preview"
        assert where["Add an item after this one"] == "in a list item"
        assert where["Go to the flagged text"] == "in the lint panel"
        shown = " ".join(" ".join(row) for row in rows)
        for internal in ("super+c", "Scroll Left", "Copy selected text", "Focus Next"):
            assert internal not in shown, internal


async def test_f1_in_chinese_is_all_chinese(make):
    app = make(language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        rows = await help_rows(pilot)
        for _, action, place in rows:
            assert not any(c.isascii() and c.isalpha() for c in action.replace(".eml", "")), action
            assert not any(c.isascii() and c.isalpha() for c in place), place
        assert ("s", "复制主题", "预览中") in rows


# -- 11. the Chinese interface says everything in Chinese ------------------------------------------


async def test_the_chinese_interface_leaks_no_english(make):
    DraftStore(locations.data_dir()).save_current(Draft("B2", {"sr_number": "SR 3-1"}))
    app = make(language="zh")
    shown = app._test_notices
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [restored] = [n for n in shown if n.startswith("已恢复")]
        assert "draft" not in restored and "from" not in restored, restored
        assert "B2 草稿" in restored and "SR 3-1" in restored
        assert app.title == "sr-tui 支持邮件"
        # The list's own words: the remove button, an item past the template's three.
        await open_template(pilot, "B1")
        editor = app.draft.query_one("#f-items", ListEditor)
        editor.add_items(["a", "b", "c"])
        await settle(pilot)
        assert [i.placeholder for i in editor.inputs][3] == "[条目 4]"
        assert str(editor.query(".remove").first().tooltip) == "删除空条目"
        # The palette's built-in entries.
        entries = await palette(pilot, "")
        for english in ("Keys", "Quit", "Theme", "Screenshot"):
            assert not any(e.startswith(english) for e in entries), (english, entries)
        assert any(e.startswith("退出") for e in entries), entries
        assert app.screen.query_one("CommandInput").placeholder == "搜索命令…"
        await pilot.press("escape")
        await settle(pilot)
        # The settings screen's check of what is typed.
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#your_name", Input).value = "x" * 201
        await settle(pilot)
        assert str(app.screen.query_one("#help-your_name").render()) == "只能一行,最多 200 个字符。"


# -- 12. no template, no verdict ----------------------------------------------------------------


async def test_with_no_template_the_lint_panel_claims_nothing(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.draft.query_one(LintPanel)
        assert str(panel.get_option_at_index(0).prompt) == "No template open."
        assert "ready to send" not in screen_text(app)


# -- 17. the tree shows whole titles on a wide terminal -------------------------------------------


async def test_tree_titles_are_whole_at_200_columns(make, catalog):
    app = make()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        tree = app.draft.query_one(TemplateTree)
        text = screen_text(app)
        for t in catalog.templates[:20]:  # the ones on screen without scrolling
            assert f"{t.id} {t.title}" in text, t.id
        assert tree.region.width < 60  # the form and the preview keep their room
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert tree.region.width == 36


# -- your own words, the email finished in place, pasting lines ------------------------------------


async def test_your_own_words_appear_in_the_email_and_are_linted(make):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        await set_values(pilot, {"sr_number": "SR 3-1", "issue_summary": "the NFS hang"})
        area = app.draft.query_one("#f-details")
        area.focus()
        await pilot.pause()
        await pilot.press(*"The mounts hang at 09:14.", "enter", "enter", *"We will fix it ASAP.")
        await settle(pilot)
        text = app.draft.query_one("#preview").text
        assert "- [Item 3]\n\nThe mounts hang at 09:14.\n\nWe will fix it ASAP.\n\nOnce" in text
        asap = [f for f in app.draft.findings if f.match == "ASAP"]
        assert asap and asap[0].field == "details"
        rows = lint_rows(app)
        assert any("Your own words" in r and "ASAP" in r for r in rows), rows


async def test_the_email_is_finished_in_place_linted_live_and_copied_as_edited(
    make, clipboard_stub, tmp_path
):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux", export_dir=str(tmp_path)))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 3-1"})
        await pilot.press("f3")
        await settle(pilot)
        editor = app.draft.query_one("#editor")
        assert app.focused is editor and editor.display
        assert not app.draft.query_one("#preview").display
        assert editor.text == app.workspace.outgoing_text()
        # Type a sentence of one's own at the end of "let me know." — lint follows live.
        row = editor.text.split("\n").index(
            "If you need help with the upload process, let me know."
        )
        editor.move_cursor((row, len(editor.document.get_line(row))))
        await pilot.press(*" I will chase it ASAP")
        await settle(pilot)
        assert "let me know. I will chase it ASAP" in editor.text
        assert any(f.match == "ASAP" for f in app.draft.findings)
        assert any("ASAP" in r for r in lint_rows(app)), lint_rows(app)
        # Choosing the finding selects it in the editor.
        app.draft.query_one(LintPanel).focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is editor and editor.selected_text == "ASAP"
        await pilot.press(*"by Friday 5 pm NZDT", "escape")
        await settle(pilot)
        preview = app.draft.query_one("#preview")
        assert preview.display and "I will chase it by Friday 5 pm NZDT" in preview.text
        assert preview.border_title == "Preview · edited by you"
        # Every way out sends what the user sees.
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert clipboard_stub.copies == [preview.text]
        await pilot.press("f5")
        await settle(pilot)
        [eml] = tmp_path.glob("*.eml")
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        plain = message.get_body(("plain",)).get_content()
        assert "let me know. I will chase it by Friday 5 pm NZDT" in plain
        await pilot.pause(0.5)  # saved with the draft
    saved = DraftStore(locations.data_dir()).load_current()
    assert saved.edited_text == clipboard_stub.copies[0]
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.draft.query_one("#preview").text == clipboard_stub.copies[0]


async def test_changing_a_value_asks_before_throwing_the_edit_away(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 3-1"})
        edited = app.workspace.outgoing_text() + "\nP.S. Back on Monday."
        app.workspace.set_edited_text(edited)
        app.draft.refresh_output()
        app.draft.query_one("#f-sr_number").focus()
        await pilot.pause()
        await pilot.press("end", "2")
        await settle(pilot)
        assert "Throw away your edit of the email?" in confirm_text(app)
        await pilot.press("n")  # keep the edit: the field goes back
        await settle(pilot)
        assert form_value(app, "sr_number") == "SR 3-1"
        assert app.workspace.edited_text == edited
        await pilot.press("end", "2")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert form_value(app, "sr_number") == "SR 3-12"
        assert app.workspace.edited_text is None
        assert "SR 3-12" in app.draft.query_one("#preview").text
        assert "P.S." not in app.draft.query_one("#preview").text


async def test_pasted_lines_are_never_dropped(make):
    app = make()
    shown = app._test_notices
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        # Into a list field: an item each (bullets and blank lines dropped).
        editor = app.draft.query_one("#f-items", ListEditor)
        editor.inputs[0].focus()
        await paste(pilot, "- An sosreport from app01\n\n- The output of nfsstat -m\n* dmesg\n")
        await settle(pilot)
        assert editor.items == ["An sosreport from app01", "The output of nfsstat -m", "dmesg"]
        assert app.draft.values["items"] == editor.items
        # Into a one-line field: joined with spaces, and a notice says so.
        app.draft.query_one("#f-issue_summary").focus()
        await paste(pilot, "the NFS hang\non app01\nafter the reboot")
        assert form_value(app, "issue_summary") == "the NFS hang on app01 after the reboot"
        assert any("3 pasted lines were joined with spaces" in n for n in shown), shown
        # Into a multi-line field: the lines stay.
        app.draft.query_one("#f-details").focus()
        await paste(pilot, "First line.\nSecond line.")
        assert app.workspace.values["details"] == "First line.\nSecond line."
        assert "First line.\nSecond line." in app.draft.query_one("#preview").text


async def test_a_key_bound_after_typed_text_in_one_burst_sees_the_text(make, clipboard_stub):
    """Seen in tmux: "Sam Lee", Tab, "Linux", Enter typed in one burst on the first start
    saved the name without the team (Enter, a binding, ran before the team field had
    taken the text sent to it just before); ctrl+y right after typing copied without it."""
    from sr_tui.screens.first_run import FirstRunScreen

    app = make(ask_for_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await burst(pilot, "Sam Lee\tLinux\n")
        assert not isinstance(app.screen, FirstRunScreen)
        assert load_settings().settings.your_team == "Linux"
        await open_template(pilot, "D1")
        assert app.focused is app.draft.query_one("#f-sr_number")
        await burst(pilot, "SR 3-9", "key:ctrl+y")
        await pilot.pause(0.3)
        await settle(pilot)
        assert clipboard_stub.copies and "SR 3-9" in clipboard_stub.copies[-1]
