"""SVG snapshots of the main states of the app at 120x36 (pytest-textual-snapshot).

Regenerate after an intended UI change, then look at every changed SVG before keeping it:

    pytest tests/app/test_snapshots.py --snapshot-update

Deterministic by construction: a fixed clock, no clock in the header, config and data in tmp dirs (the
autouse fixture in tests/conftest.py), no system clipboard, steady (non-blinking) cursors.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from sr_tui.app import SrTuiApp
from sr_tui.core.clock import FixedClock
from sr_tui.launch import make_app

SIZE = (120, 36)
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    """The business calendar in UTC wherever the suite runs: the compose screen's clocks
    line shows due times in the calendar's zone."""
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def app_factory(catalog):
    def factory(language: str = "en") -> SrTuiApp:
        return make_app(
            catalog, language=language, system_clipboard=None, osc52=False, clock=FixedClock(NOW)
        )

    return factory


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` key by key, as a user would (ASCII only)."""
    await pilot.press(*text)


async def open_template(pilot: Pilot, template_id: str) -> None:
    """Open a template the way the picker does, and wait until its form is shown."""
    app = pilot.app
    assert isinstance(app, SrTuiApp)
    app.open_template(template_id)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.draft.template is not None and app.draft.template.id == template_id


async def fill(pilot: Pilot, field_id: str, text: str) -> None:
    """Focus a field's editor and type into it."""
    pilot.app.draft.query_one(f"#f-{field_id}").focus()
    await pilot.pause()
    await type_text(pilot, text)


async def settle(pilot: Pilot) -> None:
    """Wait for pending work, and stop cursors blinking so the frame is stable. The
    autosave the last keys scheduled (0.3 s after them, on the wall clock) runs now: the
    frame is what the user sees once typing stops, not a race with that timer."""
    app = pilot.app
    assert isinstance(app, SrTuiApp)
    app.flush_save()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()  # the clocks the save asked for
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
    await pilot.pause()


def test_main_screen_a1_half_filled(snap_compare, app_factory):
    """A1 with customer name, SR number and issue typed; timeframe, support URL and
    signature still show the seed's bracket placeholders (highlighted in the preview)."""

    async def run_before(pilot: Pilot) -> None:
        await open_template(pilot, "A1")
        await fill(pilot, "customer_name", "Alice")
        await fill(pilot, "sr_number", "SR-2024-0815")
        await fill(pilot, "issue_summary", "intermittent VPN disconnects")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_scenario_picker_not_replied(snap_compare, app_factory):
    """ctrl+f opens the picker; "not replied" ranks the customer-not-replied templates first."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await type_text(pilot, "not replied")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_lint_panel_with_findings(snap_compare, app_factory):
    """A2 with a vague current status: the lint panel lists "soon" and "ASAP"."""

    async def run_before(pilot: Pilot) -> None:
        await open_template(pilot, "A2")
        await fill(pilot, "sr_number", "SR-2024-0815")
        await fill(pilot, "issue_summary", "slow database backups")
        await fill(pilot, "current_status", "we will have a fix soon and will send it ASAP")
        await settle(pilot)
        findings = pilot.app.draft.findings
        assert any("soon" in f.match for f in findings), findings
        assert any("ASAP" in f.match for f in findings), findings

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_chinese_ui_with_template(snap_compare, app_factory):
    """language="zh": tree, panel titles, labels, footer in Chinese; the email stays English."""

    async def run_before(pilot: Pilot) -> None:
        await open_template(pilot, "B2")
        await settle(pilot)

    assert snap_compare(app_factory("zh"), terminal_size=SIZE, run_before=run_before)


def test_settings_screen(snap_compare, app_factory, monkeypatch, tmp_path_factory):
    """The settings screen (F4) with a name typed; the file path shown is a fixed one."""
    monkeypatch.setenv("SR_TUI_CONFIG", "/tmp/sr-tui-snapshot/config.toml")

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("f4")
        await pilot.pause()
        await type_text(pilot, "Sam Lee")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def _seed_cases(app: SrTuiApp) -> None:
    """Three cases with a few moves, at fixed times (the app's FixedClock)."""
    from sr_tui.core.cases.model import Case

    cases = app.workspace.cases
    clock = app.workspace.clock
    for number, title, requester in (
        ("SR 3-41234567", "NFS mounts hang after reboot", "Alice Chen"),
        ("SR 3-41234580", "OA登录失败", "王芳"),
        ("TS20261202001", "Printer queue stuck", "Bo Li"),
    ):
        cases.store.create_case(Case.new(number, now=clock.now(), title=title, requester=requester))
        clock.advance(minutes=7)
    cases.record_email(
        "SR 3-41234567",
        template_id="A1",
        subject="Support Case SR 3-41234567 Received",
        body="Hi Alice,\n\nThank you for contacting us regarding NFS mounts hang after reboot.",
        channel="copy",
    )
    clock.advance(minutes=30)
    cases.record_email(
        "SR 3-41234567",
        template_id="B1",
        subject="Action Required — Information Needed for SR 3-41234567",
        body="Hi Alice,\n\n- An sosreport\n- The output of nfsstat -m",
        channel="eml",
    )
    cases.note("SR 3-41234567", text="Customer on leave until Friday")
    cases.set_status("SR 3-41234580", "closed", "confirmed")


def test_case_list(snap_compare, app_factory):
    """F7: the open cases, newest activity first."""

    async def run_before(pilot: Pilot) -> None:
        _seed_cases(pilot.app)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_case_screen(snap_compare, app_factory):
    """The case screen of SR 3-41234567: the record and its timeline, newest first."""

    async def run_before(pilot: Pilot) -> None:
        _seed_cases(pilot.app)
        pilot.app.show_case_screen("SR 3-41234567")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_first_run_screen(snap_compare, monkeypatch):
    """The first start: name and team only, visible inputs, its own keys in the footer."""
    monkeypatch.setenv("SR_TUI_CONFIG", "/tmp/sr-tui-snapshot/first-run.toml")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await type_text(pilot, "Sam Lee")
        await settle(pilot)

    app = make_app(system_clipboard=None, osc52=False, ask_for_name=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_email_finished_in_place(snap_compare, app_factory):
    """B1 with your own words, then F3: the preview is an editor holding the email, and
    the lint panel follows what is typed there ("ASAP")."""

    async def run_before(pilot: Pilot) -> None:
        await open_template(pilot, "B1")
        await fill(pilot, "sr_number", "SR-2024-0815")
        pilot.app.draft.query_one("#f-details").load_text("The mounts hang at 09:14 NZDT.")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        editor = pilot.app.draft.query_one("#editor")
        row = editor.text.split("\n").index("The mounts hang at 09:14 NZDT.")
        editor.move_cursor((row, len("The mounts hang at 09:14 NZDT.")))
        await type_text(pilot, " Fix ASAP.")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_long_list_as_lines(snap_compare, app_factory):
    """B1 with 40 items on the case: the list is one text area, one item per line (its
    frame says so), its lines not wrapped; the preview lists every item."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, SrTuiApp)
        await open_template(pilot, "A1")
        app.workspace.set_value(
            "items", [f"The output of 'journalctl -b -{n}' from app01" for n in range(40)]
        )
        await open_template(pilot, "B1")
        app.draft.form.focus_field("items", item=2)
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)
