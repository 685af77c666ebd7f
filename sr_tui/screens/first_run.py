"""The first start: ask for the name and team that sign every email, nothing else.

Enter saves (in either field); Esc closes it for now and it asks again at the next start,
until a name is saved. The other settings are one key away (F4), and said so.
"""

from __future__ import annotations

from dataclasses import replace

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.core.settings_write import save_settings
from sr_tui.i18n import Language, tr
from sr_tui.screens.one_paint import OnePaintScreenMixin
from sr_tui.screens.settings import one_line_validator


class FirstRunScreen(OnePaintScreenMixin, TranslatedBindings, ModalScreen[Settings | None]):
    """Dismisses with the saved `Settings`, or None (asked again next start)."""

    BINDINGS = [
        Binding("enter", "save", "Save", id="save_settings", priority=True),
        Binding("escape", "later", "Later", id="first_run_later"),
        # A modal screen stops the app's own keys: F1 is bound here too.
        Binding("f1", "app.help", "Help", id="help"),
    ]

    name_input = getters.query_one("#your_name", Input)

    def __init__(self, loaded: LoadedSettings, language: Language) -> None:
        super().__init__()
        self.loaded = loaded
        self.language = language

    def compose(self) -> ComposeResult:
        s = self.loaded.settings
        lang = self.language
        validators = [one_line_validator(lang)]
        with Vertical(id="first-run"):
            yield Label(tr("first_run_title", lang), id="first-run-title")
            yield Static(tr("first_run_text", lang), id="first-run-text")
            yield Label(tr("setting_your_name", lang), classes="setting-label")
            yield Input(s.your_name, id="your_name", validators=validators)
            yield Static(tr("setting_your_name_help", lang), classes="setting-help", id="help-name")
            yield Label(tr("setting_your_team", lang), classes="setting-label")
            yield Input(s.your_team, id="your_team", validators=validators)
            yield Static(tr("setting_your_team_help", lang), classes="setting-help")
        yield Footer()

    def on_mount(self) -> None:
        self.name_input.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        name = self.name_input
        team = self.query_one("#your_team", Input)
        for widget in (name, team):
            result = widget.validate(widget.value)
            if result is not None and not result.is_valid:
                widget.focus()
                return
        if not name.value.strip():
            help_widget = self.query_one("#help-name", Static)
            help_widget.update(tr("first_run_need_name", self.language))
            help_widget.add_class("-invalid")
            name.focus()
            return
        settings = replace(
            self.loaded.settings, your_name=name.value.strip(), your_team=team.value.strip()
        )
        try:
            save_settings(settings, self.loaded.path)
        except OSError as exc:
            self.notify(
                tr("settings_save_failed", self.language, reason=exc),
                severity="error",
                markup=False,
            )
            return
        self.dismiss(settings)

    def action_later(self) -> None:
        self.dismiss(None)
