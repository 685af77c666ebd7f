"""The Due screen (F9): the chase first, Enter opens B2 on the case with B1's items;
start_screen = "due"; a snapshot at 120x36 with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sr_tui.app import SrTuiApp
from sr_tui.core.clock import FixedClock
from sr_tui.core.settings import load_settings
from sr_tui.launch import make_app
from sr_tui.screens.due import DueScreen
from tests.app.helpers import screen_text, settle
from tests.due.helpers import ITEMS, NUMBER, new_case, send

SIZE = (120, 36)
#: Monday 7 December 2026 11:00 UTC: B1 went out on Wednesday, three business days ago.
NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
B1_AT = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)


def _app(catalog, start_screen: str | None = None, language: str = "en") -> SrTuiApp:
    from sr_tui.core import locations

    lines = ['your_name = "Sam Lee"', 'your_team = "Linux"', 'timezone = "UTC"']
    lines.append(f'language = "{language}"')
    if start_screen:
        lines.append(f'start_screen = "{start_screen}"')
    path = locations.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(
        catalog,
        settings=load_settings(),
        system_clipboard=None,
        osc52=False,
        clock=FixedClock(B1_AT),
    )
    ws = app.workspace
    new_case(ws, assignee="Sam Lee")  # the app opens on "my cases"
    send(ws, "B1")
    ws.clock.at = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)  # type: ignore[attr-defined]
    new_case(
        ws, "SR 3-41234580", urgency="high", urgency_reason="orders stopped", assignee="Sam Lee"
    )
    ws.clock.at = NOW  # type: ignore[attr-defined]
    return app


async def test_enter_opens_b2_with_b1s_items(catalog):
    app = _app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        first = app.screen.rows[0].item
        assert (first.case_number, first.template_id) == (NUMBER, "B2")
        assert "B2: no reply since B1 on Wed" in screen_text(app)
        assert first.reason == "B2: no reply since B1 on Wed 2 Dec 10:05"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DueScreen)
        assert app.workspace.template.id == "B2"
        assert app.workspace.draft.number == NUMBER
        assert app.workspace.values["items"] == ITEMS
        body = app.workspace.email().body
        assert "Still outstanding:\n- An sosreport from app01\n" in body


async def test_the_chinese_due_list_says_why_and_when_in_chinese(catalog):
    app = _app(catalog, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        text = screen_text(app)
        assert "B2:自 B1(12月2日 周三 10:05)以来" in text  # the column ends there
        assert "12月4日 周五 10:05   超时" in text  # when B2 was due, the date whole
        assert "A1:受理确认(自 12月7日" in text
        assert "no reply since" not in text and "acknowledge" not in text


async def test_the_app_can_start_on_the_due_screen(catalog):
    app = _app(catalog, start_screen="due")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        assert len(app.screen.rows) >= 2


async def test_opening_a_suggestion_warns_from_the_timeline(catalog):
    app = _app(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_suggestion(NUMBER, "E4", {})
        await settle(pilot)
        assert app.workspace.template.id == "E4"
        messages = [n.message for n in app._notifications]
        assert any("no D2 warning went out before it" in m for m in messages), messages


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_due_screen_snapshot(snap_compare, catalog):
    app = _app(catalog)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        pilot.app.clear_notifications()  # the "draft restored" toast times out unevenly
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
