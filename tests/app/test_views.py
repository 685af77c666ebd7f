""" "My cases" and the team's: the due list (F9), the case list (F7) and the review
(ctrl+r) start on mine when your_name is set (else the team's), say which, and ctrl+t
switches; the choice carries to the next screen. Also on the team database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sr_tui.core import locations
from sr_tui.core.clock import FixedClock
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.screens.cases import CasesScreen
from sr_tui.screens.due import DueScreen
from sr_tui.screens.review import ReviewScreen
from tests.due.helpers import new_case, send

from .helpers import SIZE, notices, screen_text, settle

B1_AT = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)
NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
ANNS, BOBS = "SR 3-100", "SR 3-200"


def _app(make, your_name: str = "Ann Lee", database_url: str = ""):
    settings = LoadedSettings(
        Settings(your_name=your_name, timezone="UTC", database_url=database_url),
        locations.config_path(),
    )
    app = make(settings=settings, clock=FixedClock(B1_AT))
    ws = app.workspace
    new_case(ws, ANNS, assignee="Ann Lee")
    send(ws, "B1", number=ANNS)
    new_case(ws, BOBS, assignee="Bob Chen")
    send(ws, "B1", number=BOBS)
    ws.clock.at = NOW  # type: ignore[attr-defined]
    return app


def _due_cases(app) -> set[str]:
    return {r.item.case_number for r in app.screen.rows}


async def _due_views(pilot) -> None:
    app = pilot.app
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(app.screen, DueScreen)
    assert _due_cases(app) == {ANNS}
    assert "My cases (Ann Lee) · 1 overdue" in screen_text(app)
    await pilot.press("ctrl+t")
    await settle(pilot)
    assert _due_cases(app) == {ANNS, BOBS}
    assert "Team: every case · 2 overdue" in screen_text(app)


async def test_the_due_list_starts_on_mine_and_switches_to_the_team(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _due_views(pilot)
        await pilot.press("f7")  # the next screen opens on the team's too
        await settle(pilot)
        assert isinstance(app.screen, CasesScreen)
        assert {r.number for r in app.screen.rows} == {ANNS, BOBS}


def _header_labels(screen) -> list[str]:
    from textual.widgets import DataTable

    return [str(c.label) for c in screen.query_one(DataTable).columns.values()]


async def test_the_team_due_list_says_whose_each_case_is(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert "Assigned to" not in _header_labels(app.screen)  # mine: all Ann's
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert _header_labels(app.screen)[3] == "Assigned to"
        text = screen_text(app)
        rows = [line for line in text.splitlines() if ANNS in line or BOBS in line]
        assert any(ANNS in line and "Ann Lee" in line for line in rows)
        assert any(BOBS in line and "Bob Chen" in line for line in rows)
        await pilot.press("ctrl+t")  # and back: the column goes
        await settle(pilot)
        assert "Assigned to" not in _header_labels(app.screen)


async def test_the_case_list_mine_then_the_team_with_whom(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CasesScreen)
        assert [r.number for r in screen.rows] == [ANNS]
        assert "Cases · My cases (Ann Lee)" in screen_text(app)
        assert "Assigned to" not in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert {r.number for r in screen.rows} == {ANNS, BOBS}
        text = screen_text(app)
        assert "Cases · Team: every case" in text
        assert "Assigned to" in text
        assert any(BOBS in line and "Bob Chen" in line for line in text.splitlines())


async def test_the_review_heading_says_whose(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await pilot.press("right")  # December, when the cases came in
        await settle(pilot)
        assert "Monthly review 2026-12 · My cases (Ann Lee)" in screen_text(app)
        assert [c for c in screen.review.opened] == [ANNS]
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "Monthly review 2026-12 · Team: every case" in screen_text(app)
        assert sorted(screen.review.opened) == [ANNS, BOBS]


async def test_without_a_name_the_team_is_shown_and_mine_asks_for_it(make):
    app = _app(make, your_name="")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert _due_cases(app) == {ANNS, BOBS}
        assert "Team: every case" in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert any("needs your name" in n for n in notices(app))
        assert _due_cases(app) == {ANNS, BOBS}


async def test_the_views_on_the_team_database(make, tmp_path):
    from cases import pg

    url = pg.schema_url(tmp_path)
    try:
        app = _app(make, database_url=url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _due_views(pilot)
    finally:
        pg.drop_schemas()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_team_case_list_snapshot(snap_compare, make):
    app = _app(make)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
