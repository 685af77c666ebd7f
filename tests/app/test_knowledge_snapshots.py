"""SVG snapshots of the case search and the monthly review at 120x36 (English, and the
review in Chinese). Regenerate after an intended change and look at every SVG:

    pytest tests/app/test_knowledge_snapshots.py --snapshot-update

The store is `knowledge_data`'s; the clock is fixed and the review's business time is
wall time in UTC, so the pictures do not depend on the machine or its calendar file.
"""

from __future__ import annotations

from datetime import UTC

import pytest
from textual.pilot import Pilot

from sr_tui.core.cases.review_clocks import wall_time
from sr_tui.core.clock import FixedClock
from sr_tui.launch import make_app
from sr_tui.screens.close_case import CloseCaseScreen
from sr_tui.screens.review import ReviewScreen

from .helpers import paste
from .knowledge_data import NOW, fill_store
from .test_snapshots import SIZE, settle


@pytest.fixture
def app_factory(catalog):
    fill_store()

    def factory(language: str = "en"):
        return make_app(
            catalog, language=language, system_clipboard=None, osc52=False, clock=FixedClock(NOW)
        )

    return factory


def test_search_screen(snap_compare, app_factory):
    """ctrl+g and "sosreport -printer": the cases whose emails asked for one."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("ctrl+g")
        await settle(pilot)
        await paste(pilot, "sosreport -printer")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def _review(language: str):
    async def run_before(pilot: Pilot) -> None:
        screen = ReviewScreen(pilot.app.workspace, language, business=(wall_time, UTC, "wall"))
        pilot.app.push_screen(screen)
        await settle(pilot)
        await pilot.pause()

    return run_before


def test_review_screen(snap_compare, app_factory):
    """November 2026: figures, SLA clocks, groups, problems, keywords, templates."""
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=_review("en"))


def test_review_screen_in_chinese(snap_compare, app_factory):
    assert snap_compare(app_factory("zh"), terminal_size=SIZE, run_before=_review("zh"))


def test_close_case_dialog(snap_compare, app_factory):
    """Closing SR 3-41234601: keywords, resolution, root cause, similar cases' resolutions."""

    async def run_before(pilot: Pilot) -> None:
        from sr_tui.core.cases.similar import similar_cases

        app = pilot.app
        case = app.workspace.cases.get("SR 3-41234601")
        store = app.workspace.cases.store
        app.push_screen(CloseCaseScreen(case, "en", lambda: similar_cases(store, case)))
        await settle(pilot)
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_case_screen_with_similar_cases(snap_compare, app_factory):
    """SR 3-41234601 (OA login fails): SR 3-41234567's resolution beside it, ctrl+o reuses."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.show_case_screen("SR 3-41234601")
        await settle(pilot)
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_close_dialog_from_the_case_screen(snap_compare, app_factory):
    """F6 and "Closed: confirmed" on SR 3-41234622: the dialog asks before it closes."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.show_case_screen("SR 3-41234622")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press(*(["down"] * 6), "enter")
        await settle(pilot)
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)
