"""The sr-tui app: wiring, bindings, language, and the one error boundary.

The app holds one `Workspace` (the open case and every write to it) and shows what it
says. Screens post messages up (`ComposeScreen.CaseEdited`, `HandoffRequested`, ...);
the app acts on them: it saves, hands the email off, pushes screens and shows notices.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from sr_tui import notices
from sr_tui.bindings import translate_tree
from sr_tui.commands import SrTuiCommands
from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.clock import Clock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.settings import LoadedSettings, Settings, load_settings
from sr_tui.core.templates.catalog import Catalog, load_catalog, template_dirs
from sr_tui.core.templates.model import Layout
from sr_tui.i18n import LANG_ENV, Language, language_from_env, tr
from sr_tui.screens.compose import ComposeScreen
from sr_tui.workspace import Workspace

#: The case is saved this long after the last change (well within a second).
SAVE_DELAY = 0.3
DETECT = "detect"


def status_label(status: str, language: Language) -> str:
    return label(STATUS_LABELS, str(status), language)


class SrTuiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "sr-tui"
    COMMANDS = App.COMMANDS | {SrTuiCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (150, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help", tooltip="Keys that work here"),
        Binding("ctrl+f", "picker", "Find template", id="picker", priority=True),
        Binding("f4", "settings", "Settings", id="settings", show=False),
        Binding("f3", "search_cases", "Search cases", id="search_cases", show=False),
        Binding("f8", "review", "Monthly review", id="review", show=False),
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
        self._osc52 = osc52
        self.ask_for_name = False
        self._save_timer = None
        self._store_problem = ""
        self._writer_screen = ComposeScreen(workspace, self.language)
        self._index = None

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
        # The saved case is restored before the first paint: the first frame shows it.
        draft = self.workspace.restore()
        self.push_screen(self._writer_screen)
        self._apply_keymap(self.settings)
        translate_tree(self, self.language)
        for problem in self.workspace.loaded_settings.problems:
            self._warn(tr("settings_problems", self.language, problem=problem), 15)
        if self.catalog.errors:
            self._warn(tr("template_errors", self.language, n=len(self.catalog.errors)))
        self._show_problems()
        if draft is not None and draft.has_content:
            description = self.workspace.describe(draft)
            self.notify(tr("draft_restored", self.language, draft=description), markup=False)
        if self.ask_for_name:
            self.call_after_refresh(self._ask_for_name)
        self._open_case_store()

    @work(thread=True, group="store", exit_on_error=False)
    def _open_case_store(self) -> None:
        """Open the case store off the UI thread, after the first frame."""
        try:
            self.workspace.cases.store  # noqa: B018  (opening is the point)
        except SrTuiError as exc:
            self._store_problem = exc.user_message
            message = tr("store_problem", self.language, problem=exc.user_message)
            self.call_from_thread(self._warn, message, 15)
        self.call_from_thread(self._show_problems)

    def _ask_for_name(self) -> None:
        if (
            not self.settings.your_name
            and not self.workspace.loaded_settings.broken
            and not self.store.flag("asked_for_name")
        ):
            self.action_settings(first_run=True)
            with contextlib.suppress(OSError):  # asking again next time is the only cost
                self.store.set_flag("asked_for_name")

    def _warn(self, message: str, timeout: float = 10) -> None:
        self.notify(message, severity="warning", timeout=timeout, markup=False)

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
        self.notify(message, severity="error", timeout=12, markup=False)

    def run_case_worker(self, work_item, group: str = "form") -> None:
        self.run_worker(work_item, exclusive=True, group=group, exit_on_error=False)

    # -- the case --------------------------------------------------------------------------

    @on(ComposeScreen.CaseEdited)
    def _case_edited(self, event: ComposeScreen.CaseEdited) -> None:
        self.schedule_save()

    def schedule_save(self) -> None:
        """Save the case shortly (debounced)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        self._save_timer = None
        try:
            self.workspace.save()
        except OSError as exc:
            problem = f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
            self.notify(
                tr("draft_problem", self.language, problem=problem), severity="error", markup=False
            )
        except SrTuiError as exc:  # the case store: the draft file is saved all the same
            if exc.user_message != self._store_problem:
                self._store_problem = exc.user_message
                message = tr("store_problem", self.language, problem=exc.user_message)
                self.notify(message, severity="error", timeout=15, markup=False)
        else:
            self._store_problem = ""
        self._show_problems()

    def _show_problems(self) -> None:
        self.draft.refresh_title()
        for problem in self.workspace.problems():
            self._warn(tr("draft_problem", self.language, problem=problem))

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
        self.notify(tr("case_reopened", self.language, case=draft.number), markup=False)

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
        self.request_handoff(event.kind, event.part)

    def request_handoff(self, kind: str, part: str = "all") -> None:
        """One readiness gate for every way out: ask first when the email is not ready."""
        if self.workspace.template is None:
            return
        readiness = self.workspace.readiness()
        if readiness.ready:
            self._hand_off(kind, part)
            return
        from sr_tui.screens.confirm_copy import ConfirmCopyScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._hand_off(kind, part)

        screen = ConfirmCopyScreen(list(readiness.unfilled), list(readiness.errors), self.language)
        self.push_screen(screen, answered)

    def _hand_off(self, kind: str, part: str) -> None:
        email = self.workspace.email(self.workspace.copy_layout)
        if kind == "copy":
            self._clipboard = email.part(part)
            what = {"all": "what_email", "subject": "what_subject", "body": "what_body"}[part]
            self._copy_worker(self._clipboard, what, email if part != "subject" else None)
        elif kind == "eml":
            before = self._status()
            path = self.workspace.export_eml()
            self.notify(tr("exported", self.language, path=path), markup=False, timeout=10)
            self._logged(before)
        elif kind == "mailto":
            self._mail_worker(email)

    def _record(self, channel: str, email) -> None:
        """On the UI thread: write the email that went out on the case's timeline."""
        before = self._status()
        try:
            self.workspace.record_handoff(channel, email)
        except SrTuiError as exc:
            message = tr("not_logged", self.language, problem=exc.user_message)
            self.notify(message, severity="error", timeout=15, markup=False)
            return
        self._logged(before)

    def _status(self) -> str | None:
        try:
            record = self.workspace.record
        except SrTuiError:
            return None
        return str(record.status) if record is not None else None

    def _logged(self, before: str | None) -> None:
        """Say so when the email moved the case (B1: waiting on the customer)."""
        record = self.workspace.record
        if record is not None and str(record.status) not in (before, "new"):
            status = status_label(record.status, self.language)
            message = tr("case_moved", self.language, case=record.number, status=status)
            self.notify(message, markup=False)
        self.draft.refresh_title()

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy in the app, including the inputs' own ctrl+c, goes through here."""
        self._clipboard = text
        self._copy_worker(text, "what_selection")

    @work(thread=True, exclusive=True, group="clipboard", exit_on_error=False)
    def _copy_worker(self, text: str, what: str, email=None) -> None:
        use_osc52 = self._osc52 if self._osc52 is not None else not self.is_headless
        terminal = (lambda t: self.call_from_thread(self._write_osc52, t)) if use_osc52 else None
        outcome = self.workspace.copy_text(text, terminal=terminal)
        self.call_from_thread(self._show, notices.copy_notice(outcome, what, self.language))
        if email is not None and outcome.method != "failed":
            self.call_from_thread(self._record, "copy", email)

    def _write_osc52(self, text: str) -> None:
        super().copy_to_clipboard(text)

    @work(thread=True, group="mail", exit_on_error=False)
    def _mail_worker(self, email) -> None:
        outcome = self.workspace.open_mail(record=False)
        self.call_from_thread(self._show, notices.mail_notice(outcome, self.language))
        if outcome.opened:
            self.call_from_thread(self._record, "mailto", email)

    def _show(self, notice: notices.Notice) -> None:
        self.notify(notice.message, severity=notice.severity, timeout=notice.timeout, markup=False)

    # -- screens ---------------------------------------------------------------------------

    def action_settings(self, first_run: bool = False) -> None:
        from sr_tui.screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen):
            return
        loaded = load_settings(self.workspace.loaded_settings.path)
        self.push_screen(SettingsScreen(loaded, self.language, first_run), self.apply_settings)

    def apply_settings(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.workspace.apply_settings(settings)
        self._apply_keymap(settings)
        self.run_case_worker(self.draft.show_case(keep_focus=True))
        if settings.language != self.language:
            self.language = settings.language
        path = self.workspace.loaded_settings.path
        self.notify(tr("settings_saved", self.language, path=path), markup=False)

    def _apply_keymap(self, settings: Settings) -> None:
        from sr_tui.keymap import known_binding_ids

        keymap = dict(settings.keymap)
        unknown = sorted(set(keymap) - known_binding_ids())
        for binding_id in unknown:
            self._warn(tr("keymap_unknown", self.language, id=binding_id), 15)
            del keymap[binding_id]
        self.set_keymap(keymap)

    def action_picker(self) -> None:
        from sr_tui.screens.picker import PickerScreen

        if isinstance(self.screen, PickerScreen):
            return
        screen = self.screen
        if getattr(screen, "first_run", False):
            # Going straight to work skips the first-run question; it is not asked again.
            screen.dismiss(None)

        def chosen(template_id: str | None) -> None:
            if template_id:
                self.open_template(template_id)

        preferred = self.store.preferred_templates()
        self.push_screen(PickerScreen(self.index, self.language, preferred=preferred), chosen)

    def action_search_cases(self) -> None:
        from sr_tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.workspace, self.language))

    def on_search_screen_case_chosen(self, message) -> None:
        """A search hit was chosen: back from the search, with that case open."""
        from sr_tui.screens.review import ReviewScreen
        from sr_tui.screens.search import SearchScreen

        while isinstance(self.screen, SearchScreen | ReviewScreen):
            self.pop_screen()
        self.action_reopen_case(message.number)

    def action_review(self) -> None:
        from sr_tui.screens.review import ReviewScreen

        if not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(self.workspace, self.language))

    def on_review_screen_copy_markdown(self, message) -> None:
        self._copy_worker(message.text, "what_review")

    def action_help(self) -> None:
        from sr_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings, self.language))

    def action_toggle_language(self) -> None:
        self.language = "zh" if self.language == "en" else "en"

    def action_toggle_lint(self) -> None:
        self.draft.toggle_lint()

    def watch_language(self, language: Language) -> None:
        self.workspace.language = language
        translate_tree(self, language)
        for screen in self.screen_stack:
            translate_tree(screen, language)
        self.refresh_bindings()
        self.draft.set_language(language)
        self.notify(tr("language_switched", language))

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_now()


def make_app(
    catalog: Catalog | None = None,
    *,
    settings: LoadedSettings | None = None,
    store: DraftStore | None = None,
    clock: Clock | None = None,
    language: Language | None = None,
    system_clipboard=DETECT,
    osc52: bool | None = None,
    ask_for_name: bool = False,
    copy_layout: Layout | None = None,
) -> SrTuiApp:
    """The one way to build the app: the CLI, the tests and the screenshot script use it.

    Settings come from the settings file; `SR_TUI_LANG` overrides its language. Templates
    are the built-ins plus settings `template_dirs` and `SR_TUI_TEMPLATES`.
    """
    import os

    loaded = settings or load_settings()
    if copy_layout is not None:
        loaded = replace(loaded, settings=replace(loaded.settings, copy_layout=copy_layout))
    if language is None:
        env_language = os.environ.get(LANG_ENV, "").strip()
        language = language_from_env() if env_language else loaded.settings.language
    if catalog is None:
        catalog = load_catalog(template_dirs(loaded.settings))
    workspace = Workspace(
        catalog,
        loaded,
        store,
        clock,
        system_clipboard=system_clipboard,
        language=language,
    )
    app = SrTuiApp(workspace, osc52=osc52)
    app.ask_for_name = ask_for_name
    return app


def run_app() -> int:
    make_app(ask_for_name=True).run()
    return 0
