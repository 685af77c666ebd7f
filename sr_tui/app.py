"""The sr-tui app: wiring, bindings, language, and the one error boundary.

The app holds one `Workspace` (the open case and every write to it) and shows what it
says. Screens post messages up (`ComposeScreen.CaseEdited`, `HandoffRequested`, ...);
the app acts on them: it saves, hands the email off, pushes screens and shows notices.
Key ordering is in `key_order`, the case screens' handlers in `case_actions`, the other
screens' actions in `screen_actions`; `launch` builds and runs the app.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from sr_tui import notices, start_gc
from sr_tui.bindings import translate_tree
from sr_tui.case_actions import CaseActionsMixin
from sr_tui.commands import SrTuiCommands
from sr_tui.core.atomic import WriteError
from sr_tui.core.drafts import DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.core.settings import Settings, load_settings
from sr_tui.core.settings_write import save_settings
from sr_tui.core.templates.catalog import Catalog
from sr_tui.handoffs import Handoffs
from sr_tui.i18n import Language, tr
from sr_tui.key_order import KeyOrderMixin
from sr_tui.screen_actions import ScreenActionsMixin
from sr_tui.screens.compose import ComposeScreen
from sr_tui.workspace import Workspace

#: The case is saved this long after the last change (well within a second).
SAVE_DELAY = 0.3


class SrTuiApp(KeyOrderMixin, CaseActionsMixin, ScreenActionsMixin, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "sr-tui"
    COMMANDS = App.COMMANDS | {SrTuiCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help", tooltip="Keys that work here"),
        Binding("ctrl+f", "picker", "Find template", id="picker", priority=True),
        Binding("f4", "settings", "Settings", id="settings", show=False),
        Binding("f7", "cases", "Cases", id="cases", tooltip="Every case, newest first"),
        Binding("f8", "this_case", "This case", id="this_case", tooltip="Record and timeline"),
        Binding("f9", "due", "Due", id="due", tooltip="What is due: overdue, today, this week"),
        # Free on every screen (Textual's inputs leave ctrl+g and ctrl+r alone).
        Binding("ctrl+g", "search_cases", "Search cases", id="search_cases", show=False),
        Binding("ctrl+r", "review", "Monthly review", id="review", show=False),
        # Textual's own palette binding has no id, so its "palette" could not be translated.
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="palette",
            show=False,
            priority=True,
            tooltip="Open the command palette",
        ),
    ]

    language: reactive[Language] = reactive("en", init=False)

    def __init__(self, workspace: Workspace, *, osc52: bool | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.set_reactive(SrTuiApp.language, workspace.language)
        self.ask_for_name = False
        self._save_timer = None
        self._case_store_problem = ""
        self._save_problem = ""
        #: The key being handled, and the keys that arrived meanwhile (see `on_event`).
        self._key_in_flight: events.Key | None = None
        self._key_sent_at = 0.0
        self._held_keys: deque[events.Key] = deque()
        #: The field sent text last (until what it posted reached the screen).
        self._typed_into = None
        self._draining = False
        self._waiting_since: float | None = None
        self._writer_screen = ComposeScreen(workspace, self.language)
        self.handoffs = Handoffs(self, osc52)
        self._index = None
        #: Whose cases the due list, the case list and the review show (see `views.py`).
        self.case_view = None

    # -- what tests and the palette read ------------------------------------------------

    @property
    def draft(self) -> ComposeScreen:
        """The compose screen (kept after the screens close, so a last save still works)."""
        return self._writer_screen

    @property
    def catalog(self) -> Catalog:
        return self.workspace.catalog

    @property
    def store(self) -> DraftStore:
        return self.workspace.drafts

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def index(self):
        """The picker's scenario index, built when the picker first opens."""
        if self._index is None:
            from sr_tui.core.templates.scenario_index import ScenarioIndex

            self._index = ScenarioIndex(self.catalog.templates)
        return self._index

    # -- start -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = tr("app_title", self.language)
        # The saved case is restored before the first paint: the first frame shows it.
        draft = self.workspace.restore()
        self._set_breakpoint(self._writer_screen)
        self.push_screen(self._writer_screen)
        self._apply_keymap(self.settings)
        translate_tree(self, self.language)
        for problem in self.workspace.loaded_settings.problems:
            self._warn(tr("settings_problems", self.language, problem=problem), 15)
        for problem in self.catalog.folder_problems:
            self._warn(tr("template_folder_problem", self.language, problem=problem), 15)
        if self.catalog.file_problems:
            self._warn(tr("template_errors", self.language, n=len(self.catalog.file_problems)))
        # Problems met now and later (a file set aside while the app runs) become notices.
        self.workspace.report_problems_to(self._store_problem)
        self._show_problems()
        if draft is not None and (draft.has_content or draft.template_id):
            gone = self.workspace.missing_template
            if gone is not None:
                self._warn(tr("draft_template_gone", self.language, id=visible(gone)), 20)
            elif draft.has_content:
                description = visible(self.describe(draft))
                self.notify(tr("draft_restored", self.language, draft=description), markup=False)
        if self.ask_for_name:
            self._ask_for_name()
        if self.settings.start_screen == "due":
            self.action_due()

    def on_ready(self) -> None:
        """Textual's `Ready`: the first frame is laid out, not always painted. Textual
        8.2.8 posts it from a layout made while the app's first updates are batched; the
        frame is painted at the next refresh, and a thread started before that (the lint
        engine's import) held the GIL against it."""
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        start_gc.resume()
        self.draft.first_frame_shown()
        # Opening the store checks the whole file (PRAGMA quick_check).
        self._open_case_store()

    def _on_resize(self, event: events.Resize) -> None:
        """A size the app already has changes nothing. Textual 8.2.8 keeps such a Resize
        (the terminal driver reports the size once more just after the first frame) and
        sends it to every screen when the app is next idle: a layout and a repaint of
        the whole screen, each screen, with nothing moved."""
        if self._size is not None and event.size == self._size:
            event.prevent_default()  # App._on_resize would keep it as pending

    def _set_breakpoint(self, screen) -> None:
        """The width's class (-narrow, -normal, -wide) on `screen` before it mounts, as
        Textual gives it on the first Resize: set then, it restyled every widget of a
        restored case once more before the first frame."""
        for width, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if self.size.width >= width:
                screen.add_class(name, update=False)
                return

    @work(thread=True, group="store", exit_on_error=False)
    def _open_case_store(self) -> None:
        """Open the case store off the UI thread, after the first frame."""
        try:
            self.workspace.cases.store  # noqa: B018  (opening is the point)
        except SrTuiError as exc:
            self._case_store_problem = exc.user_message
            message = tr("store_problem", self.language, problem=exc.user_message)
            self.call_from_thread(self._warn, message, 15)
        self.call_from_thread(self._show_problems)

    def _ask_for_name(self) -> None:
        if not self.settings.your_name and not self.workspace.loaded_settings.broken:
            # Until a name is saved: Esc (or going straight to work) asks again next start.
            self.action_first_run()

    def describe(self, draft) -> str:
        """A saved case in the UI language: `B2 draft for SR 3-1234567 from 10:42`."""
        return notices.describe_draft(draft, self.workspace.clock.now(), self.language)

    def _warn(self, message: str, timeout: float = 10) -> None:
        self.notify(message, severity="warning", timeout=timeout, markup=False)

    def _store_problem(self, problem: str) -> None:
        """A problem the draft store met (from any thread): a notice."""
        message = tr("draft_problem", self.language, problem=visible(problem))
        try:
            self.call_from_thread(self._warn, message)
        except RuntimeError:  # already on the app's thread (or not running)
            self._warn(message)

    # -- the one error boundary ------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed shows a notice; the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, SrTuiError):
            message = error.user_message
        else:
            detail = f"{type(error).__name__}: {error}"
            message = tr("unexpected_error", self.language, error=detail)
        self.notify(visible(message), severity="error", timeout=12, markup=False)

    def run_case_worker(self, work_item, group: str = "form") -> None:
        self.run_worker(work_item, exclusive=True, group=group, exit_on_error=False)

    # -- the case --------------------------------------------------------------------------

    @on(ComposeScreen.CaseEdited)
    def _case_edited(self, event: ComposeScreen.CaseEdited) -> None:
        self.schedule_save()

    @on(ComposeScreen.Notice)
    def _screen_notice(self, event: ComposeScreen.Notice) -> None:
        self.notify(event.message, severity=event.severity, markup=False)  # type: ignore[arg-type]

    def schedule_save(self) -> None:
        """Save the case shortly (debounced)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def flush_save(self) -> None:
        """Run the save the last changes scheduled now, if one is pending (the screenshot
        script and the snapshot tests: the frame once typing stops, not a race with it)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self.save_now()

    def save_now(self) -> None:
        self._save_timer = None
        try:
            self.workspace.save()
        except OSError as exc:
            # WriteError names the real file and what is wrong with its folder.
            problem = str(exc) if isinstance(exc, WriteError) else f"{exc.filename}: {exc.strerror}"
            if problem != self._save_problem:  # once, not after every keystroke
                self._save_problem = problem
                message = tr("draft_save_failed", self.language, problem=problem)
                self.notify(message, severity="error", timeout=15, markup=False)
        except SrTuiError as exc:  # the case store: the draft file is saved all the same
            if exc.user_message != self._case_store_problem:
                self._case_store_problem = exc.user_message
                message = tr("store_problem", self.language, problem=exc.user_message)
                self.notify(visible(message), severity="error", timeout=15, markup=False)
        else:
            self._save_problem = ""
            self._case_store_problem = ""
        self._show_problems()

    def _show_problems(self) -> None:
        self.draft.refresh_title()
        for problem in self.workspace.problems():
            self._warn(tr("draft_problem", self.language, problem=visible(problem)))

    def open_template(self, template_id: str) -> None:
        self.run_case_worker(self.draft.open_template(template_id))

    @on(ComposeScreen.NewCaseRequested)
    def action_new_case(self) -> None:
        self.run_case_worker(self._new_case())

    async def _new_case(self) -> None:
        old = self.workspace.new_case()
        await self.draft.show_case(focus_first=True)
        self.notify(tr("new_case_done", self.language), markup=False)
        if old.has_content:
            self.notify(tr("new_case_reopen_hint", self.language), markup=False, timeout=10)

    def action_reopen_case(self, number: str) -> None:
        self.run_case_worker(self._reopen(number))

    async def _reopen(self, number: str) -> None:
        draft = self.workspace.reopen(number)
        await self.draft.show_case(focus_first=True)
        self.notify(tr("case_reopened", self.language, case=visible(draft.number)), markup=False)

    def recent_cases(self):
        """Other cases to reopen (none while the case store cannot be opened)."""
        try:
            return self.workspace.recent()
        except SrTuiError:
            return []

    def run_draft_action(self, action: str, *args: object) -> None:
        getattr(self.draft, f"action_{action}")(*args)

    # -- handoffs --------------------------------------------------------------------------

    @on(ComposeScreen.HandoffRequested)
    def _handoff_requested(self, event: ComposeScreen.HandoffRequested) -> None:
        self.handoffs.request(event.kind, event.part)

    def request_handoff(self, kind: str, part: str = "all") -> None:
        self.handoffs.request(kind, part)

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy in the app, including the inputs' own ctrl+c, goes through here."""
        self.handoffs.copy(text, "what_selection")

    def write_osc52(self, text: str) -> None:
        """The terminal's clipboard (OSC 52), Textual's own way."""
        super().copy_to_clipboard(text)

    # -- the language -------------------------------------------------------------------

    def action_toggle_language(self) -> None:
        """Switch the interface language and keep the choice in the settings file."""
        language: Language = "zh" if self.language == "en" else "en"
        self.language = language
        loaded = load_settings(self.workspace.loaded_settings.path)
        if loaded.broken:  # never write over a file with problems
            self._warn(tr("language_not_saved", language, path=loaded.path))
            return
        settings = replace(loaded.settings, language=language)
        try:
            save_settings(settings, loaded.path)
        except OSError as exc:
            self._warn(tr("settings_save_failed", language, reason=exc))
            return
        self.workspace.apply_settings(replace(self.workspace.settings, language=language))

    def action_toggle_lint(self) -> None:
        self.draft.toggle_lint()

    def watch_language(self, language: Language) -> None:
        self.workspace.language = language
        self.title = tr("app_title", language)
        translate_tree(self, language)
        for screen in self.screen_stack:
            translate_tree(screen, language)
        self.refresh_bindings()
        self.draft.set_language(language)
        self.notify(tr("language_switched", language))

    def on_unmount(self) -> None:
        self.flush_save()
