"""The sr-tui app: wiring, bindings, language, and the one error boundary.

The app holds one `Workspace` (the open case and every write to it) and shows what it
says. Screens post messages up (`ComposeScreen.CaseEdited`, `HandoffRequested`, ...);
the app acts on them: it saves, hands the email off, pushes screens and shows notices.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from time import monotonic

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from sr_tui import notices
from sr_tui.bindings import translate_tree
from sr_tui.commands import SrTuiCommands
from sr_tui.core.atomic import WriteError
from sr_tui.core.clock import Clock
from sr_tui.core.drafts import DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.core.settings import LoadedSettings, Settings, load_settings
from sr_tui.core.settings_write import save_settings
from sr_tui.core.templates.catalog import Catalog, load_user_catalog
from sr_tui.core.templates.model import Layout
from sr_tui.handoffs import Handoffs
from sr_tui.i18n import LANG_ENV, STRINGS, Language, language_from_env, tr
from sr_tui.screens.compose import ComposeScreen
from sr_tui.workspace import Workspace

#: The case is saved this long after the last change (well within a second).
SAVE_DELAY = 0.3
#: A key still on its way after this long no longer holds the next one back.
KEY_IN_FLIGHT_LIMIT = 1.0
DETECT = "detect"


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
            self.call_after_refresh(self._ask_for_name)
        # After the first frame: opening checks the whole file (PRAGMA quick_check).
        self.call_after_refresh(self._open_case_store)
        if self.settings.start_screen == "due":
            self.action_due()

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

    # -- keys, one at a time -------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled one at a time, in the order they came.

        Textual forwards a key to the focused widget and resolves the bindings when the
        key comes back up to the app, against the focus *then*. In a burst (a text
        expander, a fast paste: "F2", Tab, text) the keys after a focus move used to be
        forwarded, or resolved, against the wrong field. A key that arrives while the one
        before is still on its way waits until that one is done.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys or not self._ready_for_key(event):
                self._held_keys.append(event)
                self._send_held_keys_soon()
                return
            await self._send_key(event)
            return
        await super().on_event(event)

    def _ready_for_key(self, event: events.Key) -> bool:
        """No key on its way; for a key that is not text for the focused field (Tab, Enter,
        ctrl+y), the text typed just before taken in and passed up to the screen (else a
        binding would act on the field without it); and the focused widget mounted (a list
        item added by the Enter just before is not yet: Tab from it would start from the
        wrong place)."""
        if self._key_in_flight is not None:
            if monotonic() - self._key_sent_at <= KEY_IN_FLIGHT_LIMIT:
                return False
            self._key_in_flight = None  # lost on the way: go on
        if self._typed_into is not None and not self._takes_text(event):
            if monotonic() - self._key_sent_at <= KEY_IN_FLIGHT_LIMIT:
                if not self._draining:
                    self._draining = True
                    self._typed_into.call_later(self._drain, self._typed_into)
                return False
            self._typed_into, self._draining = None, False
        focused = self.focused
        if focused is None or focused.is_mounted:
            self._waiting_since = None
            return True
        if self._waiting_since is None:
            self._waiting_since = monotonic()
        return monotonic() - self._waiting_since > KEY_IN_FLIGHT_LIMIT  # never mounted

    def _takes_text(self, event: events.Key) -> bool:
        focused = self.focused
        return focused is not None and focused.check_consume_key(event.key, event.character)

    def _drain(self, node) -> None:
        """Runs once `node` has handled what was queued for it: follow what it posted
        (`Changed`) up to the screen, then the text typed is in the case."""
        from textual.screen import Screen

        parent = node._parent
        if isinstance(node, Screen) or parent is None or not node.is_attached:
            self._typed_into, self._draining = None, False
            self.call_later(self._send_held_keys)
        else:
            parent.call_later(self._drain, parent)

    def _send_held_keys_soon(self) -> None:
        if self._key_in_flight is None:  # else `_key_done` sends them
            self.set_timer(0.01, self._send_held_keys)

    async def _send_key(self, event: events.Key) -> None:
        self._key_in_flight, self._key_sent_at = event, monotonic()
        target = self.focused or self.screen
        await super().on_event(event)  # a priority binding, or forwarded to `target`
        if not event.is_forwarded or target.check_consume_key(event.key, event.character):
            # Handled here, or text the field takes itself (it keeps its keys in order):
            # the next text key need not wait, so typing and pasting stay fast.
            if event.is_forwarded:
                self._typed_into = target
            self._key_done(event)
        elif target is not self.screen:
            target.call_later(self._follow_key, event, target)
        # Forwarded to the screen itself: it comes back to the app (`_on_key`).

    def _follow_key(self, event: events.Key, node) -> None:
        """Runs after `node` handled the key: done if a widget stopped it, else follow it
        to the parent (the screen passes every key on to the app)."""
        from textual.screen import Screen

        if self._key_in_flight is not event:
            return
        parent = node._parent
        if event._stop_propagation or parent is None or not node.is_attached:
            self._key_done(event)
        elif not isinstance(parent, Screen):
            parent.call_later(self._follow_key, event, parent)

    def _on_key(self, event: events.Key) -> None:
        # Textual's App._on_key runs after this one and resolves the key's bindings; the
        # next key is sent after it (call_later).
        self._key_done(event)

    def _key_done(self, event: events.Key) -> None:
        if self._key_in_flight is event:
            self._key_in_flight = None
            if self._held_keys:
                self.call_later(self._send_held_keys)

    async def _send_held_keys(self) -> None:
        while self._held_keys:
            if not self._ready_for_key(self._held_keys[0]):
                self._send_held_keys_soon()
                return
            await self._send_key(self._held_keys.popleft())

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

    # -- screens ---------------------------------------------------------------------------

    def action_settings(self) -> None:
        from sr_tui.screens.first_run import FirstRunScreen
        from sr_tui.screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen | FirstRunScreen):
            return
        loaded = load_settings(self.workspace.loaded_settings.path)
        self.push_screen(SettingsScreen(loaded, self.language), self.apply_settings)

    def action_first_run(self) -> None:
        """Ask for the name and team that sign every email (the first start)."""
        from sr_tui.screens.first_run import FirstRunScreen

        loaded = load_settings(self.workspace.loaded_settings.path)
        self.push_screen(FirstRunScreen(loaded, self.language), self.apply_settings)

    def apply_settings(self, settings: Settings | None) -> None:
        if settings is None:
            return
        before = self.workspace.settings
        self.workspace.apply_settings(settings)
        self._apply_keymap(settings)
        self.run_case_worker(self.draft.show_case(keep_focus=True))
        # Only a language chosen in the settings switches the UI: saving a name must not
        # undo a switch made from the palette or SR_TUI_LANG.
        if settings.language != before.language and settings.language != self.language:
            self.language = settings.language
        path = self.workspace.loaded_settings.path
        self.notify(tr("settings_saved", self.language, path=path), markup=False)

    def _apply_keymap(self, settings: Settings) -> None:
        """Apply `[keymap]`; report unknown ids, keys that are not keys and keys already
        taken, and keep the default keys of those bindings (so quit always has one)."""
        if not settings.keymap:
            # Nothing to check (checking imports every screen: a cost at every start).
            self.set_keymap({})
            return
        from sr_tui.keymap import checked_keymap

        keymap, problems = checked_keymap(settings.keymap)
        for problem in problems:
            values = {"id": visible(problem.binding_id), "keys": visible(problem.keys)}
            values |= {"bad": visible(problem.key), "other": problem.other}
            self._warn(tr(f"keymap_{problem.kind}", self.language, **values), 15)
        self.set_keymap(keymap)

    # -- cases -----------------------------------------------------------------------------

    def action_cases(self) -> None:
        from sr_tui.screens.cases import CasesScreen

        if isinstance(self.screen, CasesScreen):
            return
        self._back_to_compose()
        workspace = self.workspace
        screen = CasesScreen(workspace.cases, workspace.clock, self.language, self.case_view)
        self.push_screen(screen)

    def action_this_case(self) -> None:
        self.save_now()
        number = self.workspace.draft.number
        if not number:
            self.notify(tr("no_case_yet", self.language), markup=False)
            return
        self.show_case_screen(number)

    def show_case_screen(self, number: str) -> None:
        from sr_tui.screens.case import CaseScreen

        self._back_to_compose()
        clock = self.workspace.clock
        self.push_screen(CaseScreen(self.workspace.cases, number, clock, self.language))

    def _back_to_compose(self) -> None:
        while len(self.screen_stack) > 2 and self.screen is not self.draft:
            self.pop_screen()

    def on_cases_screen_case_chosen(self, event) -> None:
        self.show_case_screen(event.number)

    def on_case_screen_reuse_requested(self, event) -> None:
        """Reuse on a similar case: E1/E2 on this case with its resolution filled in."""
        from sr_tui.case_reuse import apply_reuse

        try:
            plan = apply_reuse(self.workspace, event.past, event.number)
        except SrTuiError as exc:
            self.notify(exc.user_message, severity="error", markup=False)
            return
        self._back_to_compose()
        self.run_case_worker(self._show_suggestion())
        values = {"template": plan.template_id, "case": event.number, "past": plan.source}
        self.notify(visible(tr("reused", self.language, **values)), markup=False)

    # -- handing a case over ----------------------------------------------------------

    def on_case_screen_assign_requested(self, event) -> None:
        self.action_assign_case(event.number)

    def action_assign_case(self, number: str = "") -> None:
        """The handover dialog for `number` (default: the case screen's, else the open
        case)."""
        from sr_tui.screens.case import CaseScreen

        if not number:
            number = self.screen.number if isinstance(self.screen, CaseScreen) else ""
        if not number:
            self.save_now()
            number = self.workspace.draft.number
        if not number:
            self.notify(tr("no_case_yet", self.language), markup=False)
            return
        self._open_assign(number)

    @work(thread=True, exclusive=True, group="assign", exit_on_error=False)
    def _open_assign(self, number: str) -> None:
        case = self.workspace.cases.get(number)
        if case is None:
            raise SrTuiError(f"there is no case {number} in the case store")
        known = self.workspace.known_assignees()
        self.call_from_thread(self._push_assign, case, known)

    def _push_assign(self, case, known: list[str]) -> None:
        from sr_tui.screens.assign import AssignScreen
        from sr_tui.screens.case import CaseScreen

        screen = self.screen

        def done(assigned) -> None:
            if assigned is None:
                return
            if isinstance(screen, CaseScreen) and screen.number == assigned.number:
                screen.assigned(assigned)
            who = assigned.assignee or tr("assign_nobody", self.language)
            message = tr("assign_done", self.language, case=assigned.number, who=who)
            self.notify(visible(message), markup=False)

        yourself = self.settings.your_name
        self.push_screen(AssignScreen(case, known, yourself, self.language), done)

    def on_assign_screen_submitted(self, event) -> None:
        self._assign(event.dialog, event.number, event.name, event.note)

    @work(thread=True, group="assign", exit_on_error=False)
    def _assign(self, dialog, number: str, name: str, note: str) -> None:
        """Write the handover off the UI thread; the dialog closes once the store has it
        and stays open with what was typed when it does not (a conflict, the server down)."""
        try:
            case = self.workspace.assign(name, note, number=number)
        except SrTuiError as exc:
            message = visible(exc.user_message)
            self.call_from_thread(dialog.failed, message)
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(dialog.dismiss, case)

    def on_view_changed(self, event) -> None:
        """Whose cases the due list, the case list and the review show: kept while the
        app runs (None: mine when your_name is set, else the team's)."""
        self.case_view = event.view

    def on_case_screen_write_requested(self, event) -> None:
        self._back_to_compose()
        if event.number != self.workspace.draft.number:
            self.action_reopen_case(event.number)

    # -- what is due -----------------------------------------------------------------------

    def action_due(self) -> None:
        from sr_tui.screens.due import DueScreen

        if isinstance(self.screen, DueScreen):
            return
        self._back_to_compose()
        workspace = self.workspace
        tz, name = workspace.calendar.tz, self.settings.your_name
        self.push_screen(DueScreen(workspace.due_rows, tz, self.language, name, self.case_view))

    def on_due_screen_suggestion_chosen(self, event) -> None:
        self.open_suggestion(event.number, event.template_id, event.values)

    def open_suggestion(self, number: str, template_id: str, values: dict) -> None:
        """Open the suggested draft: the case reopened, the template on it, the values the
        suggestion knows (B2: B1's items still outstanding) set. The workspace changes at
        once, so any later repaint of the form shows the suggestion."""
        self._back_to_compose()
        try:
            self.workspace.reopen(number)
            self.workspace.open_template(template_id)
            for field_id, value in values.items():
                self.workspace.set_value(field_id, value)
        except SrTuiError as exc:
            self.notify(exc.user_message, severity="error", markup=False)
            return
        self.run_case_worker(self._show_suggestion())

    async def _show_suggestion(self) -> None:
        await self.draft.show_case(focus_first=True)
        self.schedule_save()
        for warning in self.workspace.case_warnings():
            self._warn(warning)

    def action_picker(self) -> None:
        from sr_tui.screens.picker import PickerScreen

        if isinstance(self.screen, PickerScreen):
            return
        from sr_tui.screens.first_run import FirstRunScreen

        screen = self.screen
        if isinstance(screen, FirstRunScreen):
            # Going straight to work skips the first-run question (until the next start).
            screen.dismiss(None)

        def chosen(template_id: str | None) -> None:
            if template_id:
                self.open_template(template_id)

        preferred = self.store.preferred_templates()
        self.push_screen(PickerScreen(self.index, self.language, preferred=preferred), chosen)

    def action_search_cases(self) -> None:
        from sr_tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return
        self._back_to_compose()
        self.push_screen(SearchScreen(self.workspace, self.language))

    def on_search_screen_case_chosen(self, message) -> None:
        """A search hit was chosen: back to the compose screen with that case open."""
        self._back_to_compose()
        self.action_reopen_case(message.number)

    def action_review(self) -> None:
        from sr_tui.screens.review import ReviewScreen

        if isinstance(self.screen, ReviewScreen):
            return
        self._back_to_compose()
        self.push_screen(ReviewScreen(self.workspace, self.language, view=self.case_view))

    def on_review_screen_copy_markdown(self, message) -> None:
        self.handoffs.copy(message.text, "what_review")

    def action_help(self) -> None:
        from sr_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.language))

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

    def action_command_palette(self) -> None:
        """Textual's palette, its prompt in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = tr("palette_placeholder", self.language)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the UI language."""
        for command in super().get_system_commands(screen):
            key = f"sys_{command.title.lower()}"
            callback = command.callback
            if key == "sys_keys":
                callback = self.action_help  # ours: every key of the app, translated
            if key in STRINGS:
                title, help_text = tr(key, self.language).split("|", 1)
                command = SystemCommand(title, help_text, callback, command.discover)
            yield command

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
        catalog = load_user_catalog(loaded.settings, loaded.path)
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
    """Run the app; its return code (non-zero when it stopped on an error)."""
    app = make_app(ask_for_name=True)
    app.run()
    return app.return_code or 0
