"""Starts, counted (never timed): a returning user's first frame shows the saved case
and its email; the lint and the clocks come right after that frame, read off the UI
thread and shown at once; the compose screen is not restyled for its width's class. A
new user's first frame holds the first-run questions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from sr_tui.core import email_snapshot, locations
from sr_tui.core.clock import FixedClock
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.screens.compose import ComposeScreen
from sr_tui.widgets.case_clocks import CaseClocks
from sr_tui.widgets.key_footer import KeyFooter
from sr_tui.widgets.lint_panel import LintPanel
from tests.due.helpers import NUMBER, new_case, send

from .helpers import SIZE, screen_text, settle
from .test_open_counts import count_calls

B1_AT = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)  # Wednesday
NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)  # Monday: the chase is overdue


def _returning(make):
    """The app over a saved draft: B1 sent on a case, its chase overdue."""
    settings = LoadedSettings(
        Settings(your_name="Sam Lee", your_team="Linux", timezone="UTC"),
        locations.config_path(),
    )
    app = make(settings=settings, clock=FixedClock(B1_AT))
    ws = app.workspace
    new_case(ws, assignee="Sam Lee")
    send(ws, "B1")
    ws.clock.at = NOW  # type: ignore[attr-defined]
    ws.save()
    return app


def _at_first_frame(monkeypatch, record) -> None:
    original = ComposeScreen.first_frame_shown

    def first_frame_shown(screen: ComposeScreen) -> None:
        record(screen)
        original(screen)

    monkeypatch.setattr(ComposeScreen, "first_frame_shown", first_frame_shown)


def _with_findings(app):
    """The saved case's email with findings (chatspeak, an undated request), kept."""
    ws = app.workspace
    ws.set_value("items", ["pls upload the sosreport asap"])
    assert ws.findings()
    ws.save()
    return app


def _no_snapshot() -> None:
    """Forget the email and findings the save kept (`email_snapshot`): a start that
    renders and lints."""
    (locations.cache_dir() / email_snapshot.FILE_NAME).unlink()


async def test_the_lint_and_the_clocks_come_after_the_first_frame_at_once(make, monkeypatch):
    app = _returning(make)
    _no_snapshot()
    ws = app.workspace
    clocks = count_calls(monkeypatch, ws, "clocks")
    lints = count_calls(monkeypatch, ws, "findings")
    panels = count_calls(monkeypatch, LintPanel, "show")
    seen: dict[str, object] = {}

    def record(screen: ComposeScreen) -> None:
        seen.update(
            number=ws.draft.number,
            template=ws.template.id if ws.template else None,
            clocks=clocks[0],
            lints=lints[0],
            panels=panels[0],
            workers=len(app.workers),
            clocks_shown=screen.query_one(CaseClocks).display,
            tree_cursor=screen.template_tree.cursor_node.data,
            footer_composed=screen.query_one(KeyFooter).recomposed,
            find_key="Find template" in screen_text(app),
        )

    _at_first_frame(monkeypatch, record)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The first frame: the case and its email, "Checking the email…", the clocks
        # line's row kept for the case, the tree's cursor on its template, the footer's
        # keys; nothing read or linted yet, no thread started.
        assert seen == dict(
            number=NUMBER,
            template="B1",
            clocks=0,
            lints=0,
            panels=1,
            workers=0,
            clocks_shown=True,
            tree_cursor="B1",
            footer_composed=1,  # with the keys of the focused field, once
            find_key=True,
        )
        # Then one read of the clocks and one lint, shown in one go.
        assert clocks[0] == 1
        assert lints[0] == 1
        assert panels[0] == 2
        assert ("chase", "breached") in app.draft.query_one(CaseClocks).shown
        assert "Checking the email" not in screen_text(app)
        assert app.draft.query_one(KeyFooter).recomposed == 1


async def test_a_kept_snapshot_is_the_first_frame_and_is_checked_after_it(make, monkeypatch):
    """The save kept the email and its findings (`email_snapshot`): the first frame shows
    both without rendering or linting (no Jinja2, no lint engine before it); after the
    frame the email is rendered and linted once to check them, and nothing is shown
    again when they hold."""
    import sr_tui.core.lint as lint_package
    from sr_tui.core.templates import render as render_module

    app = _with_findings(_returning(make))
    renders = count_calls(monkeypatch, render_module, "render")
    lints = count_calls(monkeypatch, lint_package, "lint_email")
    panels = count_calls(monkeypatch, LintPanel, "show")
    prepared = count_calls(monkeypatch, app.workspace, "prepare_lint")
    clocks_at: list[int] = []  # how many imports had run when the clocks were shown
    show_clocks = CaseClocks.show

    def clocks_shown(self, *args) -> None:
        clocks_at.append(prepared[0])
        show_clocks(self, *args)

    monkeypatch.setattr(CaseClocks, "show", clocks_shown)
    seen: dict[str, object] = {}

    def record(screen: ComposeScreen) -> None:
        seen.update(
            renders=renders[0],
            lints=lints[0],
            panels=panels[0],
            checking="Checking the email" in screen_text(app),
            findings=len(screen.query_one(LintPanel).findings),
        )

    _at_first_frame(monkeypatch, record)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == dict(renders=0, lints=0, panels=1, checking=False, findings=seen["findings"])
        assert seen["findings"] > 0  # B1's own findings, on screen in the first frame
        assert renders[0] == 1 and lints[0] == 1  # checked once after the frame
        assert panels[0] == 2 and len(app.draft.query_one(LintPanel).findings) == seen["findings"]
        # The clocks did not wait for Jinja2 and the lint engine to be imported.
        assert clocks_at == [0] and prepared[0] == 1


async def test_a_snapshot_that_no_longer_holds_is_replaced_after_the_first_frame(make, monkeypatch):
    """What the key cannot see (another Jinja2, say) is caught by the check after the
    first frame: the email and findings made then are shown."""
    app = _with_findings(_returning(make))
    path = locations.cache_dir() / email_snapshot.FILE_NAME
    kept = path.read_text("utf-8")
    assert '"message": "' in kept
    path.write_text(kept.replace('"message": "', '"message": "STALE '), "utf-8")  # same key
    seen: list[list[str]] = []

    def record(screen: ComposeScreen) -> None:
        seen.append([f.message for f in screen.query_one(LintPanel).findings])

    _at_first_frame(monkeypatch, record)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen[0] and all(m.startswith("STALE ") for m in seen[0])
        now = [f.message for f in app.draft.query_one(LintPanel).findings]
        assert now and not any("STALE" in m for m in now)


async def test_what_waits_for_the_first_frame_starts_once_it_is_painted(make, monkeypatch):
    """Textual's `Ready` comes from the first layout, made while the app's first updates
    are batched; the frame is painted at a later refresh. The lint engine's import and
    the clocks' read (a thread that holds the GIL) start after that paint."""
    app = _returning(make)
    paints: list[int] = []
    original = Screen._compositor_refresh

    def compositor_refresh(self) -> None:
        if self is app.screen and not app._batch_count:  # what reaches the terminal
            paints.append(1)
        original(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", compositor_refresh)
    started: list[tuple[int, int]] = []
    _at_first_frame(monkeypatch, lambda screen: started.append((len(paints), len(app.workers))))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert started and started[0][0] >= 1, started  # painted before anything started
        assert started[0][1] == 0  # and no thread ran beside the paint


async def test_the_compose_screen_is_styled_for_its_width_before_it_mounts(make, monkeypatch):
    app = _returning(make)
    restyles: list[int] = []
    original = Stylesheet.update_nodes

    def update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        if app.draft in nodes:  # the whole screen, every widget of the restored case
            restyles.append(len(nodes))
        return original(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", update_nodes)
    seen: list[int] = []
    _at_first_frame(monkeypatch, lambda screen: seen.append(len(restyles)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.draft.has_class("-normal")
        # Textual restyled a resumed screen once (no longer its first resume: see below);
        # the width's class (Textual sets it on the first Resize) was a second time over
        # every widget before the first frame.
        assert seen == [0]


async def test_the_clocks_are_painted_in_the_row_kept_for_them(make, monkeypatch):
    """The clocks arrive after the first frame: only their line is painted, the panels
    are not laid out again (that was a layout and repaint of the whole screen)."""
    app = _returning(make)
    layouts: list[bool] = []
    original = CaseClocks.update

    def update(self, content="", *, layout=True):
        layouts.append(layout)
        original(self, content, layout=layout)

    monkeypatch.setattr(CaseClocks, "update", update)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.draft.query_one(CaseClocks).shown
        assert layouts == [False]
        # A new case without clocks hides the line: then the panels take its row.
        app.workspace.new_case()
        app.draft.refresh_clocks()
        await settle(pilot)
        assert not app.draft.query_one(CaseClocks).display


async def test_the_first_run_questions_are_in_the_first_frame(make, monkeypatch):
    """A new user's first frame asks for the name: the questions are pushed before it is
    painted (after it, the main screen was painted alone first, then again under them)."""
    app = make(ask_for_name=True)
    seen: list[str] = []
    _at_first_frame(monkeypatch, lambda screen: seen.append(type(screen.app.screen).__name__))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert seen == ["FirstRunScreen"]


async def test_collection_paused_at_launch_resumes_at_the_first_frame(make, monkeypatch):
    """`launch_app` pauses the collector (`start_gc`); the app resumes it, freezing what
    the start made, when its first frame is painted — before the lint and the clocks —
    and nothing on the way (the catalog, the draft) turned it on again."""
    import gc

    from sr_tui import start_gc

    app = _returning(make)
    original = start_gc.resume
    resumed: list[bool] = []  # whether it was still paused at each resume

    def resume() -> None:
        resumed.append(start_gc.paused() and not gc.isenabled())
        original()

    monkeypatch.setattr(start_gc, "resume", resume)
    at_frame: list[bool] = []
    _at_first_frame(monkeypatch, lambda screen: at_frame.append(gc.isenabled()))
    frozen = gc.get_freeze_count()
    start_gc.pause()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert resumed[:1] == [True] and at_frame == [True]
            assert gc.get_freeze_count() > frozen
    finally:
        original()
        gc.unfreeze()
        gc.enable()


def _computed_styles(screen: Screen) -> dict:
    """Every widget's styles as its rules set them, its component classes' too."""
    return {
        widget: (
            widget.styles.css,
            {name: widget.get_component_styles(name).css for name in widget.COMPONENT_CLASSES},
        )
        for widget in screen.walk_children(with_self=True)
    }


@pytest.mark.parametrize("user", ["returning", "fresh", "first run"])
async def test_the_first_resume_leaves_no_widget_styled_otherwise_than_a_restyle_would(make, user):
    """The compose screen skips Textual's restyle of the whole screen on its first resume
    (its widgets were styled as they mounted): a restyle then changes nothing."""
    app = _returning(make) if user == "returning" else make(ask_for_name=user == "first run")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if user == "first run":
            assert app.screen is not app.draft  # the questions, over the compose screen
            await pilot.press("escape")
            await settle(pilot)
        screen = app.draft
        shown = _computed_styles(screen)
        assert len(shown) > 20
        app.update_styles(screen)  # what the skipped restyle would have done
        assert _computed_styles(screen) == shown


@pytest.mark.parametrize("user", ["returning", "fresh", "first run"])
async def test_the_first_frame_is_rendered_once(make, monkeypatch, user):
    """Textual 8.2.8 painted the first layout while the app's first updates were batched
    (that frame is dropped), then the regions the next layout moved, then the whole
    screen again for the repaint the screen's resume asked for: three renders of the
    screen on top, two written to the terminal. Now one (`OnePaintScreenMixin`)."""
    from textual._compositor import Compositor

    app = _returning(make) if user == "returning" else make(ask_for_name=user == "first run")
    renders: dict[str, list[tuple[bool, bool]]] = {}  # (while batched, whole) per render
    original = Compositor.render_update

    def render_update(self, full=False, screen_stack=None, simplify=False):
        screen = next(s for s in app.screen_stack if s._compositor is self)
        whole = full or self.size.region in self._dirty_regions
        renders.setdefault(type(screen).__name__, []).append((bool(app._batch_count), whole))
        return original(self, full, screen_stack, simplify)

    monkeypatch.setattr(Compositor, "render_update", render_update)
    at_frame: list[dict] = []
    _at_first_frame(
        monkeypatch, lambda screen: at_frame.append({k: list(v) for k, v in renders.items()})
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        top = "FirstRunScreen" if user == "first run" else "ComposeScreen"
        assert at_frame[0][top] == [(False, True)]  # one render, whole, not batched
