"""The open case's clocks on the compose screen (issue 14): kind, due time in the house
phrase, business time left and a badge; nothing without a case; read again when the case
changes, after a handoff, on coming back from the case screen and once a minute, and
never per keystroke."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sr_tui.core import locations
from sr_tui.core.clock import FixedClock
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.screens import compose
from sr_tui.screens.confirm import ConfirmScreen
from sr_tui.widgets.case_clocks import CaseClocks
from tests.due.helpers import NUMBER, new_case, send

from .helpers import SIZE, screen_text, settle

B1_AT = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)  # Wednesday
NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)  # Monday: three business days later
FRESH = "SR 3-300"


def _app(make, language: str = "en"):
    settings = LoadedSettings(
        Settings(your_name="Sam Lee", your_team="Linux", timezone="UTC", language=language),
        locations.config_path(),
    )
    app = make(settings=settings, clock=FixedClock(B1_AT))
    ws = app.workspace
    new_case(ws, assignee="Sam Lee")
    send(ws, "B1")
    ws.clock.at = NOW  # type: ignore[attr-defined]
    new_case(ws, FRESH, assignee="Sam Lee")  # submitted now: to acknowledge
    ws.new_case()  # the app starts on an empty draft, no case
    return app


def _line(app) -> CaseClocks:
    return app.draft.query_one(CaseClocks)


async def _open(pilot, number: str) -> None:
    pilot.app.action_reopen_case(number)
    await settle(pilot)
    await settle(pilot)  # the clocks are read after the case is shown


async def test_no_case_no_clocks_then_the_open_cases_clocks(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not _line(app).display
        assert "Clocks:" not in screen_text(app)
        await _open(pilot, NUMBER)
        assert _line(app).display
        assert ("chase", "breached") in _line(app).shown
        text = screen_text(app)
        assert "● overdue chase (B2) by 10:05 UTC on Friday 4 December 2026, 9h 55m over" in text
        await _open(pilot, FRESH)
        assert _line(app).shown[0] == ("acknowledge", "fine")
        assert "● ok acknowledge (A1) by 13:00 UTC today, 2h 00m left" in screen_text(app)


async def test_a_handoff_moves_the_clocks(make, clipboard_stub):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, FRESH)
        assert ("acknowledge", "fine") in _line(app).shown
        app.open_template("A1")
        await settle(pilot)
        for field, value in {"customer_name": "Wang", "issue_summary": "NFS hang"}.items():
            app.workspace.set_value(field, value)
        app.workspace.set_value("timeframe", "4 business hours")
        app.workspace.set_value("support_url", "https://x")
        await pilot.press("ctrl+y")  # copy: A1 goes on the timeline
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # fields left for the customer's details
            await pilot.press("y")
            await settle(pilot)
        await settle(pilot)
        assert clipboard_stub.copies
        kinds = [kind for kind, _ in _line(app).shown]
        assert "acknowledge" not in kinds  # met by the A1
        assert "promise" in kinds  # and A1 promised an update within 4 business hours


async def test_back_from_the_case_screen_a_reply_ends_the_chase(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, NUMBER)
        assert ("chase", "breached") in _line(app).shown
        await pilot.press("f8")  # this case
        await settle(pilot)
        await pilot.press("f5")  # the customer replied
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await settle(pilot)
        assert "chase" not in [kind for kind, _ in _line(app).shown]


async def test_the_clocks_count_down_once_a_minute(make, monkeypatch):
    monkeypatch.setattr(compose, "CLOCKS_EVERY", 0.05)
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, FRESH)
        assert "2h 00m left" in screen_text(app)
        app.workspace.clock.advance(hours=3)  # type: ignore[attr-defined]
        for _ in range(100):  # until the timer has read them again
            await pilot.pause(0.05)
            if ("acknowledge", "breached") in _line(app).shown:
                break
        assert ("acknowledge", "breached") in _line(app).shown
        assert "● overdue acknowledge (A1)" in screen_text(app)


async def test_typing_reads_no_clocks(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, NUMBER)
        app.open_template("B2")
        await settle(pilot)
        read = []
        real = app.workspace.clocks
        app.workspace.clocks = lambda *a, **k: read.append(a) or real(*a, **k)
        app.draft.query_one("#f-customer_name").focus()
        await pilot.press(*"Wang Bo")
        await pilot.pause(0.6)  # past the autosave
        await settle(pilot)
        assert app.workspace.values["customer_name"].endswith("Wang Bo")
        assert read == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_compose_clocks_snapshot(snap_compare, make):
    app = _app(make)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await _open(pilot, NUMBER)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_chinese_clocks_line_reads_its_times_in_chinese(make):
    app = _app(make, language="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, FRESH)
        text = screen_text(app)
        assert "受理确认 (A1) 截止 12月7日 周一 13:00" in text  # 2 business hours from 11:00
        assert " today" not in text and "by " not in text


async def test_reading_the_same_clocks_again_paints_nothing(make, monkeypatch):
    """The line is read once a minute (and after each handoff): the same line again is no
    repaint; a minute later, with the time left changed, it is."""
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, FRESH)
        line = _line(app)
        painted: list[str] = []
        update = line.update

        def counting(content="", *, layout: bool = True) -> None:
            painted.append(str(content))
            update(content, layout=layout)

        monkeypatch.setattr(line, "update", counting)
        app.draft.refresh_clocks()
        await settle(pilot)
        assert painted == []
        app.workspace.clock.at = NOW.replace(minute=1)  # type: ignore[attr-defined]
        app.draft.refresh_clocks()
        await settle(pilot)
        assert len(painted) == 1 and "1h 59m left" in painted[0]
