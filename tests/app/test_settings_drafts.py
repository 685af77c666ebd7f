"""Settings in the app, remembered case values, recent cases and the Outlook handoff."""

from __future__ import annotations

import email
import email.policy

from sr_tui.core import locations
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.handoff import opener
from sr_tui.core.settings import Settings, load_settings
from sr_tui.core.settings_write import save_settings
from sr_tui.screens.first_run import FirstRunScreen
from sr_tui.screens.settings import SettingsScreen

from .helpers import SIZE, notices


async def test_signature_comes_from_settings(make):
    save_settings(Settings(your_name="Sam Lee", your_team="Linux"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("A3")
        await pilot.pause()
        assert app.draft.email.text.endswith("Best regards,\nSam Lee\nLinux Support")
        assert app.draft.query_one("#f-your_name").value == "Sam Lee"
        # Typing over it changes this case only; the settings file is untouched.
        app.draft.query_one("#f-your_name").value = "Bo"
        await pilot.pause()
        assert app.draft.email.text.endswith("Bo\nLinux Support")
        assert load_settings().settings.your_name == "Sam Lee"


async def test_first_run_asks_for_the_name_and_saves_it(make):
    app = make(ask_for_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert "sign every email" in str(app.screen.query_one("#first-run-text").render())
        await pilot.press(*"Sam Lee", "tab", *"Linux")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FirstRunScreen)
        assert app.draft.signature == {"your_name": "Sam Lee", "your_team": "Linux"}
    assert load_settings().settings == Settings(your_name="Sam Lee", your_team="Linux")
    again = make(ask_for_name=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, FirstRunScreen)


async def test_settings_screen_validates_as_typed(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.action_settings()
        await pilot.pause()
        screen = app.screen
        screen.query_one("#your_name").value = "x" * 201
        await pilot.pause()
        assert "-invalid" in screen.query_one("#help-your_name").classes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)  # not saved
        assert not locations.config_path().exists()


async def test_settings_screen_refuses_to_overwrite_a_broken_file_until_asked(make):
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('your_name = "Sam\n', encoding="utf-8")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("invalid TOML" in n and "not changed" in n for n in notices(app))
        app.action_settings()
        await pilot.pause()
        await pilot.press(*"Sam Lee")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert path.read_text(encoding="utf-8") == 'your_name = "Sam\n'
        assert any("Press ctrl+s again" in n for n in notices(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_settings(path).settings.your_name == "Sam Lee"
    assert path.with_name("config.toml.bak").read_text(encoding="utf-8") == 'your_name = "Sam\n'


async def test_keymap_from_settings_is_applied(make, clipboard_stub):
    save_settings(Settings(keymap={"copy": "ctrl+o"}))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("G5")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "confirm" in type(app.screen).__name__.lower()  # unfilled signature: asks first
        await pilot.press("y")
        await pilot.pause(0.3)
        assert clipboard_stub.copies and clipboard_stub.copies[-1].startswith(
            "Subject: Support Contract"
        )


async def test_chinese_from_settings_and_sr_tui_lang_overrides(make, monkeypatch):
    save_settings(Settings(language="zh"))
    app = make()
    async with app.run_test(size=SIZE):
        assert app.language == "zh"
    monkeypatch.setenv("SR_TUI_LANG", "en")
    app = make()
    async with app.run_test(size=SIZE):
        assert app.language == "en"


async def test_values_are_saved_and_restored_with_a_notice(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("B2")
        await pilot.press(*"SR 3-1234567")
        await pilot.pause(0.6)  # saved within a second
    saved = DraftStore(locations.data_dir()).load_current()
    assert saved.template_id == "B2" and saved.values["sr_number"] == "SR 3-1234567"
    again = make()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.draft.template.id == "B2"
        assert again.draft.query_one("#f-sr_number").value == "SR 3-1234567"
        assert any(
            n.startswith("Restored your B2 draft for SR 3-1234567 from ") for n in notices(again)
        )


async def test_new_case_keeps_the_previous_one_reopenable(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("A1")
        await pilot.press(*"SR 3-1")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.draft.values == {}
        # The case put aside is in the case store (nothing is only cleared).
        recent = app.workspace.recent()
        assert [c.number for c in recent] == ["SR 3-1"]
        await pilot.press("ctrl+p")
        await pilot.press(*"reopen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.draft.values["sr_number"] == "SR 3-1"
        assert app.draft.template.id == "A1"


async def test_recent_and_frequent_templates_head_the_picker(make):
    store = DraftStore(locations.data_dir())
    for template_id in ("E3", "E3", "C1"):
        store.record_use(template_id)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        results = app.screen.query_one("#results")
        first = [results.get_option_at_index(i).id for i in range(3)]
        assert first == ["C1", "E3", "A1"]


async def test_export_eml_writes_a_draft_and_says_where(make, tmp_path):
    save_settings(Settings(your_name="Sam", your_team="Linux", export_dir=str(tmp_path / "out")))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("B1")
        await pilot.press(*"SR 3-42")
        app.draft.query_one("#f-customer_email").value = "alice@example.com"
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        # The email still has unfilled placeholders: F5 asks first, as ctrl+y does.
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        (path,) = (tmp_path / "out").glob("*.eml")
        assert any(str(path) in n for n in notices(app))
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "alice@example.com" and message["X-Unsent"] == "1"
    assert message["Subject"] == "Action Required — Information Needed for SR 3-42"


async def test_open_in_mail_client_uses_the_opener_and_reports(make, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(opener, "system_opener", lambda url: opened.append(url) or True)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("G5")
        await pilot.press("f6")
        await pilot.pause()
        # Unfilled placeholders: F6 asks first, as ctrl+y does.
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause(0.3)
        assert opened and opened[0].startswith("mailto:?subject=Support%20Contract%20Inquiry")
        assert "Opened in your mail client." in notices(app)
        await app.draft.open_template("G1")
        app.draft.set_value("sr_number", "SR " + "9" * 1900)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause(0.3)
        assert len(opened) == 1
        assert any(".eml" in n for n in notices(app))


def test_draft_describe_is_what_the_notice_says():
    assert Draft("B2", {"sr_number": "SR 1"}).describe().startswith("B2 draft for SR 1 from ")


async def test_going_straight_to_work_skips_the_first_run_question_for_now(make):
    app = make(ask_for_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press("ctrl+f", *"not replied", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press(*"SR 3-99")
        await pilot.pause()
        assert app.draft.template.id == "B2"
        assert app.draft.values["sr_number"] == "SR 3-99"
        assert not any(isinstance(s, FirstRunScreen) for s in app.screen_stack)
    again = make(ask_for_name=True)  # still no name: asked again at the next start
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, FirstRunScreen)


async def test_f6_with_a_bad_address_shows_a_notice_and_the_app_keeps_running(make, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(opener, "system_opener", opened.append)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await app.draft.open_template("G5")
        app.draft.query_one("#f-customer_email").value = "not-an-address"
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert any("'not-an-address' is not an email address" in n for n in notices(app))
        assert opened == []
        # Still drafting: the form answers.
        app.draft.query_one("#f-customer_email").value = "alice@example.com"
        await pilot.pause()
        assert app.draft.values["customer_email"] == "alice@example.com"
