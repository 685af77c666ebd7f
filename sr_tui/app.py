"""The sr-tui app: wiring, bindings, clipboard and language. Screens do the work."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from sr_tui.commands import SrTuiCommands
from sr_tui.core import clipboard
from sr_tui.core.catalog import Catalog, load_catalog
from sr_tui.core.model import Layout
from sr_tui.core.search import ScenarioIndex
from sr_tui.i18n import STRINGS, Language, language_from_env, tr
from sr_tui.screens.draft import DraftScreen

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
    ]

    language: reactive[Language] = reactive("en", init=False)

    def __init__(
        self,
        catalog: Catalog,
        *,
        language: Language = "en",
        system_clipboard: clipboard.SystemCopy | str | None = DETECT,
        osc52: bool | None = None,
        copy_layout: Layout = "flowed",
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.index = ScenarioIndex(catalog.templates)
        self.set_reactive(SrTuiApp.language, language)
        self._system_clipboard = system_clipboard
        self._osc52 = osc52
        self.copy_layout: Layout = copy_layout

    def on_mount(self) -> None:
        self.push_screen(DraftScreen(self.catalog, self.language))
        self._translate_bindings()
        if self.catalog.errors:
            self.notify(
                tr("template_errors", self.language, n=len(self.catalog.errors)), severity="warning"
            )

    @property
    def draft(self) -> DraftScreen:
        for screen in self.screen_stack:
            if isinstance(screen, DraftScreen):
                return screen
        raise LookupError("no draft screen")

    # -- actions -------------------------------------------------------------------

    def action_picker(self) -> None:
        from sr_tui.screens.picker import PickerScreen

        if isinstance(self.screen, PickerScreen):
            return

        def chosen(template_id: str | None) -> None:
            if template_id:
                self.open_template(template_id)

        self.push_screen(PickerScreen(self.index, self.language), chosen)

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

    def _translate_bindings(self) -> None:
        """Give every binding with an id in the string table its description in the UI
        language. Bindings are data (STYLE.md §7); Textual keeps them per class, so the
        translated copies replace them on each live node."""
        nodes = [self, *self.screen_stack, *self.screen.walk_children()]
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
            self.notify(tr("copied_system", lang, what=what))
            return
        if outcome.method == "failed":
            self.notify(
                tr("copy_failed", lang, what=what, reason=outcome.reason),
                severity="error",
                timeout=12,
            )
            return
        key = "copied_terminal" if outcome.method == "terminal" else "copied_file"
        lines = [
            tr(key, lang, what=what, path=outcome.file),
            tr("copy_reason", lang, reason=outcome.reason),
        ]
        if outcome.method == "terminal" and outcome.under_tmux:
            lines.append(tr("tmux_hint", lang))
        self.notify("\n".join(lines), severity="warning", timeout=12)


def make_app(catalog: Catalog | None = None, **kwargs) -> SrTuiApp:
    """The one way to build the app: the CLI, the tests and the screenshot script use it."""
    kwargs.setdefault("language", language_from_env())
    return SrTuiApp(catalog if catalog is not None else load_catalog(), **kwargs)


def run_app() -> int:
    make_app().run()
    return 0
