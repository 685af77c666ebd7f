"""Handing a case over on the case screen (ctrl+o): a name suggested from the team's,
"did you mean" for a near miss, a word for the timeline; a store error is a notice and
the dialog keeps what was typed. Also on the team database (PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sr_tui.core import locations
from sr_tui.core.cases.errors import ConflictError
from sr_tui.core.cases.model import Case
from sr_tui.core.clock import FixedClock
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.screens.assign import AssignScreen
from sr_tui.screens.case import CaseScreen

from .helpers import SIZE, notices, screen_text, settle

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
NUMBER = "SR 3-41234567"


def _app(make, database_url: str = "", language: str = "en"):
    settings = LoadedSettings(
        Settings(your_name="Ann Lee", timezone="UTC", database_url=database_url, language=language),
        locations.config_path(),
    )
    app = make(settings=settings, clock=FixedClock(NOW))
    store = app.workspace.cases.store
    store.create_case(Case.new(NUMBER, now=NOW, title="NFS hang", assignee="Ann Lee"))
    store.create_case(Case.new("SR 3-2", now=NOW, title="VPN down", assignee="Bob Chen"))
    return app


async def _open_dialog(pilot) -> AssignScreen:
    app = pilot.app
    app.show_case_screen(NUMBER)
    await settle(pilot)
    assert isinstance(app.screen, CaseScreen)
    await pilot.press("ctrl+o")
    await settle(pilot)
    assert isinstance(app.screen, AssignScreen)
    return app.screen


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def _hand_over_to_bob(pilot) -> None:
    dialog = await _open_dialog(pilot)
    assert "Known: Ann Lee, Bob Chen" in screen_text(pilot.app)
    await _type(pilot, "Bo")
    await pilot.press("right")  # takes the suggestion
    assert dialog.typed_name == "Bob Chen"
    await pilot.press("enter")  # on to the note
    await _type(pilot, "back from leave")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_assign_hands_the_case_over_and_the_timeline_shows_it(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _hand_over_to_bob(pilot)
        assert isinstance(app.screen, CaseScreen)
        case = app.workspace.cases.get(NUMBER)
        assert case.assignee == "Bob Chen"
        text = screen_text(app)
        assert "✎ assigned to Bob Chen — from Ann Lee; back from" in text  # then it wraps
        assert f"{NUMBER} is assigned to Bob Chen." in notices(app)
        assert app.screen.query_one("#r-assignee").value == "Bob Chen"
        await pilot.press("ctrl+s")  # saving the record keeps the handover
        await settle(pilot)
        assert app.workspace.cases.get(NUMBER).assignee == "Bob Chen"


async def test_the_chinese_timeline_says_who_has_the_case_in_chinese(make):
    app = _app(make, language="zh")
    app.workspace.assign("Bob Chen", "back from leave", number=NUMBER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_case_screen(NUMBER)
        await settle(pilot)
        text = screen_text(app)
        assert "✎ 转交给 Bob Chen — from Ann Lee; back from" in text
        assert "assigned to" not in text


async def test_a_near_miss_asks_did_you_mean_then_takes_it_as_typed(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_dialog(pilot)
        await _type(pilot, "Bob Chn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        assert "did you mean Bob Chen?" in screen_text(app)
        assert app.workspace.cases.get(NUMBER).assignee == "Ann Lee"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.workspace.cases.get(NUMBER).assignee == "Bob Chn"


async def test_a_store_error_is_a_notice_and_nothing_typed_is_lost(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await _open_dialog(pilot)
        store = app.workspace.cases.store

        def conflict(number, *args, **kwargs):
            raise ConflictError(number, 1, 2, "Bob Chen", NOW)

        real = store.assign
        store.assign = conflict
        await _type(pilot, "Bob Chen")
        await pilot.press("tab")
        await _type(pilot, "over to you")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # still open, with everything typed
        assert (dialog.typed_name, dialog.typed_note) == ("Bob Chen", "over to you")
        assert any("Bob Chen changed this case" in n for n in notices(app)), notices(app)
        store.assign = real  # the retry goes through
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.workspace.cases.get(NUMBER).assignee == "Bob Chen"


async def test_the_palette_assigns_the_open_case(make):
    app = _app(make)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.workspace.reopen(NUMBER)
        await pilot.press("ctrl+p")
        await _type(pilot, "assign this")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        assert app.screen.case.number == NUMBER


async def test_assign_on_the_team_database(make, tmp_path):
    from cases import pg

    url = pg.schema_url(tmp_path)
    try:
        app = _app(make, database_url=url)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await _hand_over_to_bob(pilot)
            assert "assigned to Bob Chen — from Ann Lee; back from" in screen_text(app)
        from sr_tui.core.cases.postgres_store import PostgresCaseStore

        with PostgresCaseStore(url, FixedClock(NOW)) as store:
            case = store.get_case(NUMBER)
            entries = store.entries(NUMBER)
        assert case.assignee == "Bob Chen"
        assert entries[-1].author == "Ann Lee" and entries[-1].action == "assigned to Bob Chen"
    finally:
        pg.drop_schemas()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_assign_dialog_snapshot(snap_compare, make):
    app = _app(make)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await _open_dialog(pilot)
        await _type(pilot, "Bob Chn")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
