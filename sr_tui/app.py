"""The sr-tui app: wiring, bindings, clipboard and language. Screens do the work."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from sr_tui.commands import SrTuiCommands
from sr_tui.core import clipboard, locations
from sr_tui.core.catalog import Catalog, load_catalog
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.model import Email, Layout, Values
from sr_tui.core.search import ScenarioIndex
from sr_tui.core.settings import LoadedSettings, Settings, load_settings
from sr_tui.i18n import LANG_ENV, STRINGS, Language, language_from_env, tr
from sr_tui.screens.draft import DraftScreen

DETECT = "detect"
#: Drafts are written this long after the last change (well within a second).
SAVE_DELAY = 0.3


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

    def __init__(
        self,
        catalog: Catalog,
        *,
        language: Language = "en",
        system_clipboard: clipboard.SystemCopy | str | None = DETECT,
        osc52: bool | None = None,
        copy_layout: Layout | None = None,
        settings: LoadedSettings | None = None,
        store: DraftStore | None = None,
        ask_for_name: bool = False,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.index = ScenarioIndex(catalog.templates)
        self.set_reactive(SrTuiApp.language, language)
        self._system_clipboard = system_clipboard
        self._osc52 = osc52
        self.loaded_settings = settings or LoadedSettings(Settings(), locations.config_path())
        self.settings = self.loaded_settings.settings
        self.copy_layout: Layout = copy_layout or self.settings.copy_layout
        self.store = store or DraftStore(locations.data_dir())
        self.ask_for_name = ask_for_name
        self._save_timer = None
        self._opened: str | None = None

    def on_mount(self) -> None:
        self._draft_screen = DraftScreen(
            self.catalog, self.language, self.settings.signature(), self.settings.lint
        )
        self.push_screen(self._draft_screen)
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        self._translate_bindings()
        for problem in self.loaded_settings.problems:
            self.notify(
                tr("settings_problems", self.language, problem=problem),
                severity="warning",
                timeout=15,
                markup=False,
            )
        if self.catalog.errors:
            self.notify(
                tr("template_errors", self.language, n=len(self.catalog.errors)), severity="warning"
            )
        self.call_after_refresh(self._restore_draft)

    async def _restore_draft(self) -> None:
        draft = self.store.load_current()
        for problem in self.store.problems:
            self.notify(
                tr("draft_problem", self.language, problem=problem),
                severity="warning",
                markup=False,
            )
        if draft is not None and (draft.has_content or draft.template_id):
            await self.draft.restore(draft.template_id, draft.values)
            if draft.has_content:
                self.notify(
                    tr("draft_restored", self.language, draft=draft.describe()), markup=False
                )
        if (
            self.ask_for_name
            and not self.settings.your_name
            and not self.loaded_settings.broken
            and not self.store.flag("asked_for_name")
        ):
            self.action_settings(first_run=True)
            with contextlib.suppress(OSError):  # asking again next time is the only cost
                self.store.set_flag("asked_for_name")

    # -- drafts ----------------------------------------------------------------------

    def draft_changed(self, opened: str | None = None) -> None:
        """Something in the case changed: save the draft shortly (debounced)."""
        if opened:
            self._opened = opened
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft)

    def save_draft(self) -> None:
        self._save_timer = None
        screen = self.draft
        template_id = screen.template.id if screen.template else None
        try:
            self.store.save_current(Draft(template_id, dict(screen.values)))
            if self._opened:
                self.store.record_use(self._opened)
        except OSError as exc:
            self.notify(
                tr("draft_problem", self.language, problem=exc), severity="error", markup=False
            )
        self._opened = None

    def archive_case(self) -> None:
        screen = self.draft
        try:
            self.store.archive_current(
                Draft(screen.template.id if screen.template else None, dict(screen.values))
            )
        except OSError as exc:
            self.notify(
                tr("draft_problem", self.language, problem=exc), severity="error", markup=False
            )

    def action_reopen_case(self, index: int) -> None:
        self.run_worker(self.reopen_case(index), exclusive=True, group="form")

    async def reopen_case(self, index: int) -> None:
        self.archive_case()
        draft = self.store.take_recent(index)
        await self.draft.restore(draft.template_id, draft.values)
        self.save_draft()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_draft()

    # -- mail client -----------------------------------------------------------------

    @work(thread=True, group="mail")
    def open_mail(self, email: Email, values: Values) -> None:
        """Open the email through a mailto: link (off the UI thread: openers can be slow)."""
        from sr_tui.core.handoff import open_in_mail_client

        outcome = open_in_mail_client(email, values, layout=self.copy_layout)
        if outcome.opened:
            self.call_from_thread(self.notify, tr("mail_opened", self.language))
        else:
            key = "mail_too_long" if outcome.too_long else "mail_failed"
            self.call_from_thread(
                self.notify,
                tr(key, self.language, reason=outcome.reason),
                severity="warning",
                timeout=12,
                markup=False,
            )

    # -- settings --------------------------------------------------------------------

    def action_settings(self, first_run: bool = False) -> None:
        from sr_tui.screens.settings import SettingsScreen

        if isinstance(self.screen, SettingsScreen):
            return
        loaded = load_settings(self.loaded_settings.path)
        self.push_screen(SettingsScreen(loaded, self.language, first_run), self.apply_settings)

    def apply_settings(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.loaded_settings = LoadedSettings(settings, self.loaded_settings.path, (), True)
        self.settings = settings
        self.copy_layout = settings.copy_layout
        self.set_keymap(dict(settings.keymap))
        self.draft.set_signature(settings.signature())
        if settings.language != self.language:
            self.language = settings.language
        self.notify(
            tr("settings_saved", self.language, path=self.loaded_settings.path), markup=False
        )

    @property
    def draft(self) -> DraftScreen:
        """The main screen (kept after the screens close, so a last save still works)."""
        return self._draft_screen

    # -- actions -------------------------------------------------------------------

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

    def open_template(self, template_id: str) -> None:
        self.run_worker(self.draft.open_template(template_id), exclusive=True, group="form")

    def run_draft_action(self, action: str, *args: object) -> None:
        getattr(self.draft, f"action_{action}")(*args)

    def action_help(self) -> None:
        from sr_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings, self.language))

    def action_toggle_language(self) -> None:
        self.language = "zh" if self.language == "en" else "en"

    def action_toggle_lint(self) -> None:
        panel = self.draft.query_one("#lint")
        panel.display = not panel.display

    def watch_language(self, language: Language) -> None:
        self._translate_bindings()
        self.draft.set_language(language)
        self.notify(tr("language_switched", language))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Widgets mounted after a switch (a template's fields, modal screens) are
        # translated when focus reaches them, before the footer or F1 shows their keys.
        self._translate_bindings()

    def _translate_bindings(self) -> None:
        """Give every binding with an id in the string table its description in the UI
        language. Bindings are data (STYLE.md §7); Textual keeps them per class, so the
        translated copies replace them on each live node."""
        nodes = [self, *self.screen_stack]
        for screen in self.screen_stack:
            nodes.extend(screen.walk_children())
        for node in nodes:
            for key, bindings in node._bindings.key_to_bindings.items():
                node._bindings.key_to_bindings[key] = [
                    replace(b, description=tr(b.id, self.language)) if b.id in STRINGS else b
                    for b in bindings
                ]
        self.refresh_bindings()

    # -- clipboard -------------------------------------------------------------------

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy in the app, including the inputs' own ctrl+c, goes through here."""
        self.copy_text(text, "what_selection")

    def copy_text(self, text: str, what: str) -> None:
        self._clipboard = text
        self._copy_worker(text, what)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, text: str, what: str) -> None:
        if self._system_clipboard == DETECT:
            self._system_clipboard = clipboard.detect_system_clipboard()
        use_osc52 = self._osc52 if self._osc52 is not None else not self.is_headless
        outcome = clipboard.copy_text(
            text,
            system=self._system_clipboard,  # type: ignore[arg-type]
            terminal=(lambda t: self.call_from_thread(self._write_osc52, t)) if use_osc52 else None,
        )
        self.call_from_thread(self._announce_copy, outcome, what)

    def _write_osc52(self, text: str) -> None:
        super().copy_to_clipboard(text)

    def _announce_copy(self, outcome: clipboard.CopyOutcome, what_key: str) -> None:
        lang = self.language
        what = tr(what_key, lang)
        if outcome.method == "system":
            self.notify(tr("copied_system", lang, what=what), markup=False)
            return
        if outcome.method == "failed":
            self.notify(
                tr("copy_failed", lang, what=what, reason=outcome.reason),
                severity="error",
                timeout=12,
                markup=False,  # reasons and paths are not markup: "[/tmp/x]" would crash
            )
            return
        key = "copied_terminal" if outcome.method == "terminal" else "copied_file"
        lines = [
            tr(key, lang, what=what, path=outcome.file),
            tr("copy_reason", lang, reason=outcome.reason),
        ]
        if outcome.method == "terminal" and outcome.under_tmux:
            lines.append(tr("tmux_hint", lang))
        self.notify("\n".join(lines), severity="warning", timeout=12, markup=False)


def make_app(catalog: Catalog | None = None, **kwargs) -> SrTuiApp:
    """The one way to build the app: the CLI, the tests and the screenshot script use it.

    Settings come from the settings file; `SR_TUI_LANG` overrides its language. Templates
    are the built-ins plus settings `template_dirs` and `SR_TUI_TEMPLATES`.
    """
    import os
    from pathlib import Path

    from sr_tui.core.catalog import user_dirs_from_env

    loaded = kwargs.setdefault("settings", load_settings())
    env_language = os.environ.get(LANG_ENV, "").strip()
    kwargs.setdefault("language", language_from_env() if env_language else loaded.settings.language)
    if catalog is None:
        dirs = [Path(d).expanduser() for d in loaded.settings.template_dirs] + user_dirs_from_env()
        catalog = load_catalog(dirs)
    return SrTuiApp(catalog, **kwargs)


def run_app() -> int:
    make_app(ask_for_name=True).run()
    return 0
