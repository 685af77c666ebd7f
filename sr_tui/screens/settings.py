"""Edit the settings in the app. Validated as typed; saved through the same atomic writer.

ctrl+s or Enter in a field saves, Esc cancels; the screen's own footer says so.
"""

from __future__ import annotations

import os
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Function
from textual.widgets import Button, Footer, Input, Label, Select, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.safe_text import has_controls
from sr_tui.core.settings import COPY_LAYOUTS, LoadedSettings, Settings
from sr_tui.core.settings_write import backup_file, save_settings
from sr_tui.i18n import Language, tr
from sr_tui.widgets.plain_text import SafeInput


def one_line_validator(language: Language) -> Function:
    return Function(
        lambda v: len(v.splitlines()) <= 1 and len(v) <= 200 and not has_controls(v),
        tr("one_line_invalid", language),
    )


def address_validator(language: Language) -> Function:
    from sr_tui.core.handoff.recipients import address_problem

    return Function(lambda v: address_problem(v) is None, tr("address_invalid", language))


class SettingsScreen(TranslatedBindings, ModalScreen[Settings | None]):
    """Dismisses with the saved `Settings`, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save_settings"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        # A modal screen stops the app's own keys: F1 is bound here too.
        Binding("f1", "app.help", "Help", id="help"),
    ]

    def __init__(self, loaded: LoadedSettings, language: Language) -> None:
        super().__init__()
        self.loaded = loaded
        self.language = language
        self.overwrite_confirmed = False

    def compose(self) -> ComposeResult:
        s = self.loaded.settings
        lang = self.language
        one_line = one_line_validator(lang)
        with Vertical(id="settings"):
            yield Label(tr("settings_title", lang), id="settings-title")
            if self.loaded.problems:
                problems = "\n".join(f"  {p}" for p in self.loaded.problems)
                yield Static(
                    tr("settings_broken", lang, problems=problems),
                    id="settings-problems",
                    markup=False,
                )
            with VerticalScroll(id="settings-form"):
                yield from self._row(
                    "your_name",
                    SafeInput(s.your_name, id="your_name", validators=[one_line], compact=True),
                )
                yield from self._row(
                    "your_team",
                    SafeInput(s.your_team, id="your_team", validators=[one_line], compact=True),
                )
                yield from self._row(
                    "your_email",
                    SafeInput(
                        s.your_email,
                        id="your_email",
                        validators=[address_validator(lang)],
                        compact=True,
                    ),
                )
                yield from self._row(
                    "language",
                    Select(
                        [("English", "en"), ("中文", "zh")],
                        value=s.language,
                        allow_blank=False,
                        id="language",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "copy_layout",
                    Select(
                        [(c, c) for c in COPY_LAYOUTS],
                        value=s.copy_layout,
                        allow_blank=False,
                        id="copy_layout",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "template_dirs",
                    SafeInput(
                        os.pathsep.join(s.template_dirs),
                        id="template_dirs",
                        validators=[one_line],
                        compact=True,
                    ),
                )
                yield from self._row(
                    "export_dir",
                    SafeInput(s.export_dir, id="export_dir", validators=[one_line], compact=True),
                )
                yield Static(
                    tr("settings_file_note", lang, path=self.loaded.path),
                    classes="setting-help",
                    markup=False,
                )
            with Horizontal(id="settings-buttons"):
                yield Button(tr("save", lang), id="save", variant="primary", compact=True)
                yield Button(tr("cancel", lang), id="cancel", compact=True)
        yield Footer()

    def _row(self, key: str, widget) -> ComposeResult:
        yield Label(tr(f"setting_{key}", self.language), classes="setting-label")
        yield widget
        yield Static(
            tr(f"setting_{key}_help", self.language, sep=os.pathsep),
            classes="setting-help",
            id=f"help-{key}",
        )

    def on_mount(self) -> None:
        self.query_one("#your_name", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed)
    def _validate(self, event: Input.Changed) -> None:
        help_widget = self.query_one(f"#help-{event.input.id}", Static)
        if event.validation_result and not event.validation_result.is_valid:
            help_widget.update(" ".join(event.validation_result.failure_descriptions))
            help_widget.add_class("-invalid")
        else:
            help_widget.update(tr(f"setting_{event.input.id}_help", self.language, sep=os.pathsep))
            help_widget.remove_class("-invalid")

    def collect(self) -> Settings | None:
        """The settings as typed, or None (with the bad field focused) if any is invalid."""
        for input_widget in self.query(Input):
            result = input_widget.validate(input_widget.value)
            if result is not None and not result.is_valid:
                input_widget.focus()
                return None
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip()  # noqa: E731
        dirs = tuple(p.strip() for p in value("template_dirs").split(os.pathsep) if p.strip())
        return replace(
            self.loaded.settings,
            your_name=value("your_name"),
            your_team=value("your_team"),
            your_email=value("your_email"),
            language=self.query_one("#language", Select).value,
            copy_layout=self.query_one("#copy_layout", Select).value,
            template_dirs=dirs,
            export_dir=value("export_dir"),
        )

    def action_save(self) -> None:
        settings = self.collect()
        if settings is None:
            return
        path = self.loaded.path
        if self.loaded.broken and not self.overwrite_confirmed:
            # Refuse once: the user must choose to replace a file that has problems.
            self.overwrite_confirmed = True
            self.notify(
                tr("settings_confirm_overwrite", self.language, path=path),
                severity="warning",
                timeout=10,
                markup=False,  # a path is not markup
            )
            return
        try:
            if self.loaded.broken and path.is_file():
                backup_file(path)  # a numbered backup: an earlier one is never replaced
            save_settings(settings, path, replace_unparseable=self.loaded.broken)
        except OSError as exc:
            self.notify(
                tr("settings_save_failed", self.language, reason=exc),
                severity="error",
                markup=False,
            )
            return
        self.dismiss(settings)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
