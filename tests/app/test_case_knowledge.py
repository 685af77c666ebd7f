"""The knowledge loop wired into the case screen and the handoffs: closing asks for the
keywords and the resolution (F6, and after an E email closed the case), the record's
knowledge-base box, and similar cases beside a case with their resolution one key away."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, TextArea

from sr_tui.core.clock import FixedClock
from sr_tui.screens.case import CaseScreen
from sr_tui.screens.close_case import CloseCaseScreen
from sr_tui.screens.compose import ComposeScreen
from sr_tui.widgets.similar_cases import SimilarCases

from .helpers import SIZE, notices, open_template, screen_text, set_values, settle
from .knowledge_data import NOW, fill_store
from .test_cases import copy_now

OPEN_NFS = "SR 3-41234615"  # open, nothing resolved like it
OA_FAILS = "SR 3-41234601"  # closed without a resolution; SR 3-41234567 is like it
OA_PAST = "SR 3-41234567"


def app_with_cases(make, **kwargs):
    fill_store()
    return make(clock=FixedClock(NOW), **kwargs)


async def case_screen(pilot, number: str) -> CaseScreen:
    pilot.app.show_case_screen(number)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen) and screen.number == number
    return screen


async def choose_closed_confirmed(pilot) -> None:
    await pilot.press("f6")
    await settle(pilot)
    # Options: new, accepted, in progress, waiting x2, awaiting, closed: 4 reasons.
    await pilot.press(*(["down"] * 6), "enter")
    await settle(pilot)


def fill_close_dialog(screen: CloseCaseScreen, keywords: str, resolution: str) -> None:
    screen.query_one("#close-keywords", Input).value = keywords
    screen.query_one("#close-resolution", TextArea).text = resolution
    screen.query_one("#close-root-cause", Input).value = "stale NFS server address"


# -- closing from the status dialog ------------------------------------------------------


async def test_closing_from_the_status_dialog_asks_for_keywords_and_resolution(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await case_screen(pilot, OPEN_NFS)
        await choose_closed_confirmed(pilot)
        dialog = app.screen
        assert isinstance(dialog, CloseCaseScreen)
        assert app.workspace.cases.get(OPEN_NFS).status.value != "closed"  # not yet
        assert "No similar resolved case." in screen_text(app)
        fill_close_dialog(dialog, "nfs, 挂载", "Pointed fstab at the new NFS server.")
        dialog.query_one("#close-knowledge", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        case = app.workspace.cases.get(OPEN_NFS)
        assert case.status.value == "closed" and case.close_reason.value == "confirmed"
        assert case.keywords == ("nfs", "挂载")
        assert case.resolution == "Pointed fstab at the new NFS server."
        assert case.root_cause == "stale NFS server address" and case.knowledge
        # The record on the screen shows what was archived, and saves without a conflict.
        record = app.screen
        assert record.query_one("#r-keywords", Input).value == "nfs, 挂载"
        assert record.query_one("#r-knowledge", Checkbox).value is True
        assert "Case SR 3-41234615 closed" in " ".join(notices(app))
        record.query_one("#r-company").value = "Example Ltd"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.workspace.cases.get(OPEN_NFS)
        assert saved.company == "Example Ltd" and saved.resolution.startswith("Pointed")


async def test_escape_in_the_close_dialog_leaves_the_case_as_it_was(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await case_screen(pilot, OPEN_NFS)
        before = app.workspace.cases.get(OPEN_NFS)
        await choose_closed_confirmed(pilot)
        assert isinstance(app.screen, CloseCaseScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.workspace.cases.get(OPEN_NFS) == before


async def test_the_record_sets_the_knowledge_base_flag(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        screen = await case_screen(pilot, OA_PAST)
        box = screen.query_one("#r-knowledge", Checkbox)
        assert box.value is True  # as stored
        box.value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.workspace.cases.get(OA_PAST).knowledge is False


# -- closing by email ----------------------------------------------------------------------


async def _close_by_e1(pilot, number: str) -> None:
    await open_template(pilot, "E1")
    await set_values(pilot, {"sr_number": number, "issue_summary": "NFS hangs"})
    await copy_now(pilot)


async def test_an_e1_email_that_closed_the_case_offers_the_close_dialog(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await _close_by_e1(pilot, OPEN_NFS)
        dialog = app.screen
        assert isinstance(dialog, CloseCaseScreen)
        assert app.workspace.cases.get(OPEN_NFS).status.value == "closed"
        assert "SR 3-41234615 is closed" in screen_text(app)
        assert "Esc skips" in screen_text(app)
        fill_close_dialog(dialog, "nfs", "Pointed fstab at the new NFS server.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        case = app.workspace.cases.get(OPEN_NFS)
        assert case.status.value == "closed" and case.close_reason.value == "confirmed"
        assert case.resolution == "Pointed fstab at the new NFS server."
        assert case.keywords == ("nfs",)


async def test_the_close_dialog_after_an_email_can_be_skipped(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await _close_by_e1(pilot, OPEN_NFS)
        assert isinstance(app.screen, CloseCaseScreen)
        closed = app.workspace.cases.get(OPEN_NFS)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.workspace.cases.get(OPEN_NFS) == closed  # closed, nothing added


async def test_an_email_that_does_not_close_the_case_asks_nothing(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        await open_template(pilot, "A2")
        await set_values(pilot, {"sr_number": OPEN_NFS, "issue_summary": "NFS hangs"})
        await copy_now(pilot)
        assert isinstance(app.screen, ComposeScreen)


# -- similar cases and reuse ---------------------------------------------------------------


async def test_similar_cases_beside_a_case_and_reuse_opens_e1(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        screen = await case_screen(pilot, OA_FAILS)
        similar = screen.query_one(SimilarCases)
        assert [s.number for s in similar.similar] == [OA_PAST]
        text = screen_text(app)
        assert "Similar resolved cases" in text and "→ 在后台重新分配角色权限后恢复。" in text
        assert "^b Reuse" in text  # the footer
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.workspace.draft.number == OA_FAILS
        assert app.workspace.template.id == "E1"
        assert app.workspace.values["details"] == "在后台重新分配角色权限后恢复。"
        assert "在后台重新分配角色权限后恢复。" in app.workspace.email().body
        record = app.workspace.cases.get(OA_FAILS)
        assert record.resolution == "在后台重新分配角色权限后恢复。"
        assert record.root_cause == "权限配置错误" and record.keywords == ("OA登录", "权限配置")
        assert f"E1 on {OA_FAILS}" in " ".join(notices(app))


async def test_enter_on_a_similar_case_reuses_it_too(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        screen = await case_screen(pilot, OA_FAILS)
        screen.query_one(SimilarCases).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert app.workspace.template.id == "E1"


async def test_reuse_without_a_similar_case_does_nothing(make):
    app = app_with_cases(make)
    async with app.run_test(size=SIZE) as pilot:
        screen = await case_screen(pilot, OPEN_NFS)
        assert screen.query_one(SimilarCases).similar == []
        assert "^b Reuse" not in screen_text(app)  # out of the footer
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.screen is screen


async def test_similar_cases_in_chinese(make):
    app = app_with_cases(make, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await case_screen(pilot, OA_FAILS)
        text = screen_text(app)
        assert "相似的已解决工单" in text and "^b 复用" in text
