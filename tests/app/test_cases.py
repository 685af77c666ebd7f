"""The case list and the case screen: what a user sees after emails went out on a case."""

from __future__ import annotations

import re

from sr_tui.screens.case import CaseScreen
from sr_tui.screens.cases import CasesScreen
from sr_tui.screens.close_case import CloseCaseScreen
from sr_tui.screens.compose import ComposeScreen

from .helpers import SIZE, notices, open_template, paste, screen_text, set_values, settle


async def copy_now(pilot) -> None:
    await pilot.press("ctrl+y")
    await settle(pilot)
    if type(pilot.app.screen).__name__ == "ConfirmScreen":
        await pilot.press("y")
        await settle(pilot)
    await pilot.pause(0.2)
    await settle(pilot)


async def test_copies_on_a_case_are_on_its_timeline(make, clipboard_stub):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 3-77", "issue_summary": "NFS hangs"})
        await copy_now(pilot)
        await open_template(pilot, "B1")
        await copy_now(pilot)
        assert len(clipboard_stub.copies) == 2
        assert "Case SR 3-77 is now: Waiting on customer." in notices(app)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        text = screen_text(app)
        assert "SR 3-77 · Waiting on customer · NFS hangs" in text
        assert "Email B1 (copied): Action Required" in text
        assert "Email A1 (copied): Support Case SR 3-77 Received" in text
        # Newest first; Enter on an email shows the text that was sent.
        assert text.index("Email B1") < text.index("Email A1")
        timeline = app.screen.query_one("#timeline-list")
        timeline.focus()
        assert timeline.highlighted == 0  # the newest entry: B1's status move
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Subject: Action Required — Information Needed for SR 3-77" in screen_text(app)


async def test_a_case_put_aside_is_in_the_list_and_reopens(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B2")
        await set_values(pilot, {"sr_number": "SR 3-88"})
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.draft.values == {}
        await pilot.press("f7")
        await settle(pilot)
        await pilot.pause(0.2)
        assert isinstance(app.screen, CasesScreen)
        assert "SR 3-88" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.number == "SR 3-88"
        await pilot.press("f8")  # write the next email on this case
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.draft.values["sr_number"] == "SR 3-88"
        assert app.workspace.draft.number == "SR 3-88"


async def test_note_call_and_customer_replied(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "B1")
        await set_values(pilot, {"sr_number": "SR 3-99"})
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"Called Alice")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        text = screen_text(app)
        assert "Note — Called Alice" in text and "Customer replied" in text
        kinds = [e.kind.value for e in app.workspace.cases.entries("SR 3-99")]
        assert kinds == ["note", "customer_replied"]


async def test_status_key_closes_and_reopens(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "E1")
        await set_values(pilot, {"sr_number": "SR 4-1"})
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        # Options: new, accepted, in progress, waiting x2, awaiting, closed: 4 reasons.
        await pilot.press(*(["down"] * 6), "enter")
        await settle(pilot)
        # Closing asks for the keywords and the resolution first (test_case_knowledge).
        assert isinstance(app.screen, CloseCaseScreen)
        await paste(pilot, "httpd")  # the keywords have the focus
        await pilot.press("tab")
        await paste(pilot, "Restarted the service.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        case = app.workspace.cases.get("SR 4-1")
        assert case.status.value == "closed" and case.close_reason.value == "confirmed"
        assert case.resolution == "Restarted the service." and case.keywords == ("httpd",)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # in progress
        await settle(pilot)
        assert app.workspace.cases.get("SR 4-1").status.value == "in_progress"


async def test_record_edits_are_saved(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 5-1"})
        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one("#r-company").value = "Example Ltd"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.workspace.cases.get("SR 5-1").company == "Example Ltd"
        assert "Case SR 5-1 saved." in notices(app)


async def test_the_case_screen_in_chinese(make):
    app = make(language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 6-1", "issue_summary": "OA登录失败"})
        await copy_now(pilot)
        await pilot.press("f8")
        await settle(pilot)
        text = screen_text(app)
        assert "请求登记" in text and "处理记录" in text and "请求主题" in text
        assert "SR 6-1 · 已受理 · OA登录失败" in text
        assert "邮件 A1" in text and "写下一封邮件" in text
        assert re.search(r"\d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d  ✉", text)


async def test_a_value_sent_before_says_when_in_chinese(make):
    app = make(language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 7-2", "timeframe": "4 business hours"})
        await copy_now(pilot)
        await open_template(pilot, "C1")
        label = str(app.draft.query_one("#block-timeframe").query_one(".field-label").content)
        assert re.search(
            r"已于 \d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d 在 A1 中发送", label
        )


async def test_a_value_sent_before_is_marked_with_when(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 7-1", "timeframe": "4 business hours"})
        await copy_now(pilot)
        await open_template(pilot, "C1")
        label = str(app.draft.query_one("#block-timeframe").query_one(".field-label").content)
        assert "sent in A1, " in label
        sr_label = str(app.draft.query_one("#block-sr_number").query_one(".field-label").content)
        assert "sent in A1" in sr_label
        # A value typed now, never sent, is not marked.
        customer = str(
            app.draft.query_one("#block-customer_name").query_one(".field-label").content
        )
        assert "sent in" not in customer


async def test_a_corrupt_case_store_is_set_aside_and_drafting_goes_on(make):
    from sr_tui.core import locations

    data = locations.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    (data / "cases.db").write_bytes(b"this is not a database" * 100)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        messages = " ".join(notices(app))
        assert str(data / "cases.db") in messages and "moved to" in messages
        aside = [p for p in data.iterdir() if p.name.startswith("cases.db.corrupt")]
        assert aside and aside[0].read_bytes().startswith(b"this is not a database")
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 8-1"})
        await pilot.pause(0.5)
        await settle(pilot)
        assert app.workspace.cases.get("SR 8-1") is not None  # a fresh store took over
