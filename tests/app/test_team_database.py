"""The app on a team database that is down: it says so, drafting goes on, the draft file
keeps every value, and the case record catches up once the server is back. A server of
the test's own (tests/cases/pg_server.py) is stopped and started."""

from __future__ import annotations

import pytest

from sr_tui.core import locations
from sr_tui.core.cases.postgres_store import PostgresCaseStore
from sr_tui.core.drafts import DraftStore
from sr_tui.core.settings import LoadedSettings, Settings

from .helpers import SIZE, notices, open_template, preview_text, set_values, settle

SECRET = "app-s3cret"


@pytest.fixture
def server():
    from cases.pg_server import TinyServer

    tiny = TinyServer()
    yield tiny
    tiny.remove()


async def test_the_server_down_at_start_then_back(make, server):
    server.stop()
    url = server.url(SECRET)
    settings = LoadedSettings(
        Settings(your_name="Ann Lee", database_url=url), locations.config_path()
    )
    app = make(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        shown = [n for n in notices(app) if n.startswith("Case store:")]
        assert shown and "is not reachable" in shown[0]
        assert "Drafting goes on; the draft is saved to its file." in shown[0]
        assert "postgresql://postgres:***@" in shown[0]
        assert all(SECRET not in n for n in notices(app))

        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 3-77", "customer_name": "Wang"})
        await pilot.pause(0.6)  # the autosave: the draft file, then the case store
        assert "SR 3-77" in preview_text(app).plain  # drafting went on
        saved = DraftStore(locations.data_dir()).load_current()
        assert saved.values["sr_number"] == "SR 3-77"
        assert all(SECRET not in n for n in notices(app))

        server.start()
        await set_values(pilot, {"customer_name": "Wang Bo"})
        await pilot.pause(0.6)
        await settle(pilot)
    with PostgresCaseStore(url, app.workspace.clock) as store:
        case = store.get_case("SR 3-77")
    assert case is not None and case.values["customer_name"] == "Wang Bo"
    assert case.assignee == "Ann Lee" and case.updated_by == "Ann Lee"


async def test_the_server_stopped_with_a_case_open_then_restarted(make, server):
    """Issue 16's fault test: the server goes away while the app has a case open: a clear
    notice (the password masked), drafting goes on into the draft file, and after the
    restart the next save reaches the team database without restarting the app."""
    url = server.url(SECRET)
    settings = LoadedSettings(
        Settings(your_name="Ann Lee", database_url=url), locations.config_path()
    )
    app = make(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert not [n for n in notices(app) if "not reachable" in n]
        await open_template(pilot, "A1")
        await set_values(pilot, {"sr_number": "SR 3-88", "customer_name": "Wang"})
        await pilot.pause(0.6)
        await settle(pilot)
        with PostgresCaseStore(url, app.workspace.clock) as store:
            assert store.get_case("SR 3-88").values["customer_name"] == "Wang"

        server.stop()
        await set_values(pilot, {"customer_name": "Wang Bo"})
        await pilot.pause(0.6)
        await settle(pilot)
        down = [n for n in notices(app) if "not reachable" in n]
        assert down and "postgresql://postgres:***@" in down[0]
        assert "Wang Bo" in preview_text(app).plain  # drafting went on
        assert DraftStore(locations.data_dir()).load_current().values["customer_name"] == (
            "Wang Bo"
        )
        assert all(SECRET not in n for n in notices(app))

        server.start()
        await set_values(pilot, {"customer_name": "Wang Bo Jr"})
        await pilot.pause(0.6)
        await settle(pilot)
        assert all(SECRET not in n for n in notices(app))
    with PostgresCaseStore(url, app.workspace.clock) as store:
        case = store.get_case("SR 3-88")
    assert case is not None and case.values["customer_name"] == "Wang Bo Jr"
