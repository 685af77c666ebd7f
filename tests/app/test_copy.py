"""Copying: what lands in the clipboard, in which layout, by which means, and what the
notice says. Every copy goes through one helper, including the inputs' own ctrl+c."""

from __future__ import annotations

import base64
import functools

from textual.widgets import Static

from sr_tui.core.handoff import clipboard
from sr_tui.core.templates.render import render
from sr_tui.screens.compose import ComposeScreen
from sr_tui.screens.confirm import ConfirmScreen

from .helpers import SIZE, fill, notices, open_template, paste, set_values, settle

B2_VALUES = {"sr_number": "SR 3-31415926", "your_name": "Sam Lee", "your_team": "Linux"}


async def ready_b2(pilot) -> dict:
    """B2 with every required field filled: no unfilled placeholder, no error finding."""
    await open_template(pilot, "B2")
    await set_values(pilot, B2_VALUES)
    draft = pilot.app.draft
    assert not draft.email.unfilled
    assert not [f for f in draft.findings if f.severity == "error"]
    return dict(draft.values)


def flowed(app, values: dict, part: str = "all") -> str:
    return render(app.catalog.get("B2"), values, layout="flowed").part(part)


# -- the whole email, the subject, the body ---------------------------------------------------


async def test_ctrl_y_copies_subject_blank_line_and_flowed_body(
    make, clipboard_stub, clipboard_file
):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        # Before a template is open there is nothing to copy.
        await pilot.pause()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert clipboard_stub.copies == []
        assert isinstance(app.screen, ComposeScreen)

        values = await ready_b2(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)  # nothing to confirm
        expected = flowed(app, values)
        assert clipboard_stub.copies == [expected]
        assert app.clipboard == expected
        assert expected.startswith(
            "Subject: Follow-Up — Information Still Needed for SR 3-31415926\n\nHi,\n\n"
        )
        # Flowed: the template's hard-wrapped paragraph is one line for Outlook to wrap.
        assert (
            "Please upload the requested data at your earliest convenience. This information "
            "is required for us to proceed with the investigation.\n" in expected
        )
        assert expected.endswith("Best regards,\nSam Lee\nLinux Support")
        # The preview shows what was copied: the flowed email, wrapped by the pane.
        assert app.draft.query_one("#preview").text == expected
        assert notices(app) == ["Email copied to the clipboard."]
        assert not clipboard_file.exists()


async def test_copy_layout_as_written_copies_the_templates_own_lines(make, clipboard_stub):
    app = make(copy_layout="as-written")
    async with app.run_test(size=SIZE) as pilot:
        values = await ready_b2(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert clipboard_stub.copies == [render(app.catalog.get("B2"), values).text]
        assert "This\ninformation is required" in clipboard_stub.copies[0]


async def palette_command(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await paste(pilot, command)
    await settle(pilot)  # the palette searches in a worker
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_copies_subject_body_or_email(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        values = await ready_b2(pilot)
        for command, part, what in [
            ("copy subject", "subject", "Subject"),
            ("copy body", "body", "Body"),
            ("copy email", "all", "Email"),
        ]:
            clipboard_stub.copies.clear()
            app.clear_notifications()
            await palette_command(pilot, command)
            assert clipboard_stub.copies == [flowed(app, values, part)], command
            assert notices(app) == [f"{what} copied to the clipboard."]


async def test_preview_keys_copy_subject_body_or_email(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        values = await ready_b2(pilot)
        app.draft.query_one("#preview").focus()
        await pilot.pause()
        for key, part in [("s", "subject"), ("b", "body"), ("c", "all")]:
            clipboard_stub.copies.clear()
            await pilot.press(key)
            await settle(pilot)
            assert clipboard_stub.copies == [flowed(app, values, part)], key
        await pilot.press("s")
        await settle(pilot)
        assert clipboard_stub.copies[-1] == "Follow-Up — Information Still Needed for SR 3-31415926"
        await pilot.press("b")
        await settle(pilot)
        assert clipboard_stub.copies[-1].startswith("Hi,\n\nI am following up")


# -- asking first --------------------------------------------------------------------------


def confirm_text(app) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_unfilled_placeholders_ask_first_and_no_cancels(make, clipboard_stub, clipboard_file):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        for answer in ("n", "escape"):
            await pilot.press("ctrl+y")
            await settle(pilot)
            shown = confirm_text(app)
            assert "This email is not ready to send" in shown
            assert (
                "Unfilled: SR number, Issue summary, Timeframe, Support contact URL, "
                "Your name, Your team" in shown
            )
            assert "Customer name" not in shown  # optional: not a problem
            await pilot.press(answer)
            await settle(pilot)
            assert isinstance(app.screen, ComposeScreen), answer
            assert clipboard_stub.copies == []
            assert app.clipboard == ""
            assert not clipboard_file.exists()
            assert notices(app) == []


async def test_unfilled_placeholders_yes_copies_anyway(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 9"})
        for answer in ("y", "enter"):
            clipboard_stub.copies.clear()
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert "Unfilled: Your name, Your team" in confirm_text(app)
            await pilot.press(answer)
            await settle(pilot)
            assert isinstance(app.screen, ComposeScreen), answer
            assert clipboard_stub.copies == [flowed(app, app.draft.values)], answer
            assert clipboard_stub.copies[0].endswith("[Your Name]\n[Your Team] Support")


async def test_error_findings_ask_first_and_are_listed(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await ready_b2(pilot)
        await open_template(pilot, "A1")
        await set_values(
            pilot,
            {
                "issue_summary": "the NFS hang",
                "timeframe": "soon",
                "support_url": "https://support.example.com/contact-us",
            },
        )
        assert not app.draft.email.unfilled
        await pilot.press("ctrl+y")
        await settle(pilot)
        shown = confirm_text(app)
        assert "Unfilled" not in shown
        assert "1 error finding(s):" in shown
        assert "✖ SR006 'soon' is not a specific timeframe" in shown
        await pilot.press("n")
        await settle(pilot)
        assert clipboard_stub.copies == []
        # Fix it, and ctrl+y copies straight away.
        await set_values(pilot, {"timeframe": "4 business hours"})
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert len(clipboard_stub.copies) == 1
        assert "within 4 business hours." in clipboard_stub.copies[0]


async def test_palette_copy_also_asks_first(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await palette_command(pilot, "copy subject")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert clipboard_stub.copies == ["Follow-Up — Information Still Needed for [SR Number]"]


# -- the clipboard chain -----------------------------------------------------------------------


async def test_failing_system_clipboard_falls_back_to_the_file(
    make, clipboard_stub, clipboard_file
):
    clipboard_stub.mode = "raise"
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        values = await ready_b2(pilot)
        expected = flowed(app, values)
        for error, shown in [
            (None, "the system clipboard failed: [Errno 2] No such file or directory: 'xclip'"),
            # Text that looks like markup is shown as it is (it used to crash the app).
            (RuntimeError("xclip: cannot read [/tmp/x.log] [/]"), "cannot read [/tmp/x.log] [/]"),
        ]:
            if error is not None:
                clipboard_stub.error = error
            clipboard_file.unlink(missing_ok=True)
            await pilot.press("ctrl+y")
            await settle(pilot)
            assert clipboard_file.read_text(encoding="utf-8") == expected
            assert app.clipboard == expected
            notice = notices(app)[-1]
            assert notice.startswith(f"Email saved to {clipboard_file}: no clipboard is available.")
            assert shown in notice
            # The toast on screen says the same.
            toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
            assert any(shown in toast for toast in toasts), toasts
        assert app.return_code is None and app._exception is None


async def test_hanging_system_clipboard_times_out_and_falls_back(
    make, clipboard_stub, clipboard_file, monkeypatch
):
    clipboard_stub.mode = "hang"
    monkeypatch.setattr(clipboard, "copy_text", functools.partial(clipboard.copy_text, timeout=0.3))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        values = await ready_b2(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        # The UI stays responsive while the tool hangs.
        assert isinstance(app.screen, ComposeScreen)
        await settle(pilot)
        assert clipboard_file.read_text(encoding="utf-8") == flowed(app, values)
        [notice] = notices(app)
        assert f"saved to {clipboard_file}" in notice
        assert "did not answer within 0.3 s" in notice


async def test_no_clipboard_at_all_writes_the_file_and_says_so(make, clipboard_file):
    app = make(system_clipboard=None)
    async with app.run_test(size=SIZE) as pilot:
        values = await ready_b2(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert clipboard_file.read_text(encoding="utf-8") == flowed(app, values)
        assert app.clipboard == flowed(app, values)
        [notice] = notices(app)
        assert notice.startswith(f"Email saved to {clipboard_file}: no clipboard is available.")
        assert "no system clipboard tool was found" in notice
        assert "OSC 52" not in notice

        # An input's own ctrl+c goes through the same helper.
        app.clear_notifications()
        await fill(pilot, "sr_number", "SR 3-27182818")
        sr = app.draft.query_one("#f-sr_number")
        await pilot.press("shift+home")  # select the whole value
        assert sr.selected_text == "SR 3-27182818"
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert app.clipboard == "SR 3-27182818"
        assert clipboard_file.read_text(encoding="utf-8") == "SR 3-27182818"
        [notice] = notices(app)
        assert notice.startswith(f"Selection saved to {clipboard_file}")


async def test_osc52_sends_to_the_terminal_and_saves_the_file(make, clipboard_file, monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    app = make(system_clipboard=None, osc52=True)
    async with app.run_test(size=SIZE) as pilot:
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        values = await ready_b2(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        expected = flowed(app, values)
        # Textual's own copy_to_clipboard wrote the OSC 52 escape sequence.
        osc52 = [w for w in written if w.startswith("\x1b]52;c;")]
        assert len(osc52) == 1
        payload = osc52[0].removeprefix("\x1b]52;c;").rstrip("\a").removesuffix("\x1b\\")
        assert base64.b64decode(payload).decode("utf-8") == expected
        assert clipboard_file.read_text(encoding="utf-8") == expected
        [notice] = notices(app)
        # Copied, not "sent": nothing went to the customer.
        assert notice.startswith("Email copied through the terminal (OSC 52).")
        assert "sent" not in notice
        assert f"also saved to {clipboard_file}" in notice  # the advice, the first time
        assert "tmux" not in notice

        # The next copy says it in one line: the advice is given once a session.
        app.clear_notifications()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert notices(app) == ["Email copied through the terminal (OSC 52)."]
        assert len([w for w in written if w.startswith("\x1b]52;c;")]) == 2

        # Under tmux the notice says how to let OSC 52 through.
        monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
        app.clear_notifications()
        await pilot.press("ctrl+y")
        await settle(pilot)
        [notice] = notices(app)
        assert "set -s set-clipboard on" in notice


async def test_input_ctrl_c_uses_the_system_clipboard_when_there_is_one(
    make, clipboard_stub, clipboard_file
):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await fill(pilot, "sr_number", "SR 3-31415926")
        await pilot.press("shift+home", "ctrl+c")
        await settle(pilot)
        assert clipboard_stub.copies == ["SR 3-31415926"]
        assert notices(app) == ["Selection copied to the clipboard."]
        assert not clipboard_file.exists()
