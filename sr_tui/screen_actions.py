"""The app's actions that open the other screens (settings, picker, search, review, help)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand

from sr_tui.core.safe_text import visible
from sr_tui.core.settings import Settings, load_settings
from sr_tui.i18n import STRINGS, tr


class ScreenActionsMixin:
    """The app's actions for the settings (and applying them), picker, search, review, help
    and palette."""

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
