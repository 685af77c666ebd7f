"""F1 help, built from the bindings that are live where the user pressed F1."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from sr_tui.bindings import TranslatedBindings
from sr_tui.i18n import Language, tr


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="close_help")]

    def __init__(self, bindings: dict[str, ActiveBinding], language: Language) -> None:
        super().__init__()
        self.bindings = bindings
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(tr("help_title", self.language), id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label(tr("help_footer", self.language), id="help-footer")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        lang = self.language
        table.add_columns(tr("help_key", lang), tr("help_action", lang), tr("help_where", lang))
        rows: list[tuple[int, str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.bindings.items():
            binding = active.binding
            if not binding.description or (binding.action, key) in seen:
                continue
            seen.add((binding.action, key))
            rank, place = self._place(active.node)
            rows.append((rank, self.app.get_key_display(binding), binding.description, place))
        # The app's and the screen's keys first: editing keys of a field come last.
        for _, key, description, place in sorted(rows, key=lambda row: row[0]):
            table.add_row(key, description, place)
        table.focus()

    def _place(self, node: object) -> tuple[int, str]:
        from textual.app import App
        from textual.screen import Screen

        if isinstance(node, App):
            return 0, tr("help_where_app", self.language)
        if isinstance(node, Screen):
            return 1, tr("help_where_screen", self.language)
        return 2, tr("help_where_widget", self.language)
