"""The sr-tui app: wiring, bindings, settings and language. Screens do the work; the
clipboard and the case's drafts have a mixin each (app_clipboard, app_drafts)."""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from sr_tui.app_clipboard import DETECT, ClipboardMixin
from sr_tui.app_drafts import DraftsMixin
from sr_tui.commands import SrTuiCommands
from sr_tui.core import clipboard, locations
from sr_tui.core.catalog import Catalog, load_catalog
from sr_tui.core.drafts import DraftStore
from sr_tui.core.model import Layout
from sr_tui.core.search import ScenarioIndex
from sr_tui.core.settings import LoadedSettings, Settings, load_settings
from sr_tui.i18n import LANG_ENV, STRINGS, Language, language_from_env, tr
from sr_tui.screens.draft import DraftScreen


class SrTuiApp(ClipboardMixin, DraftsMixin, App[None]):
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
