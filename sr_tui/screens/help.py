"""F1 help, built from the bindings themselves, so it cannot drift from the code.

It lists the keys that are live where the user pressed F1 (the app's, the screen's, the
focused widget's) and, on the compose screen, the keys of its other places too (the
preview, a field, a list item, the lint panel, the email editor), each with where it
works. Only sr-tui's own bindings are listed (they have an id, hence a translation);
Textual's internals ("super+c", "Scroll Left") are not.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from sr_tui.bindings import TranslatedBindings
from sr_tui.i18n import STRINGS, Language, tr


def places() -> list[tuple[str, type]]:
    """The compose screen's places and their widget classes, in the order listed."""
    from sr_tui.widgets.email_editor import EmailEditor
    from sr_tui.widgets.field_editors import FieldInput
    from sr_tui.widgets.lint_panel import LintPanel
    from sr_tui.widgets.list_editor import ItemInput
    from sr_tui.widgets.preview import Preview

    return [
        ("help_where_field", FieldInput),
        ("help_where_item", ItemInput),
        ("help_where_preview", Preview),
        ("help_where_editor", EmailEditor),
        ("help_where_lint", LintPanel),
    ]


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="close_help")]

    def __init__(self, screen: Screen, language: Language) -> None:
        super().__init__()
        self.for_screen = screen
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(tr("help_title", self.language), id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label(tr("help_footer", self.language), id="help-footer")

    def rows(self) -> list[tuple[str, str, str]]:
        """(keys, what they do, where) for every key listed."""
        lang = self.language
        out: list[tuple[int, str, str, str]] = []
        seen: set[tuple[str, str]] = set()

        def add(rank: int, binding: Binding, where: str, key: str | None = None) -> None:
            if not binding.id or binding.id not in STRINGS:
                return  # not ours: a Textual internal
            keys = key if key is not None else self._keys(binding)
            description = tr(binding.id, lang)
            if (keys, description) in seen:
                return
            seen.add((keys, description))
            out.append((rank, keys, description, where))

        for active in self.for_screen.active_bindings.values():
            rank, where = self._place(active.node)
            add(rank, active.binding, where, self.app.get_key_display(active.binding))
        from sr_tui.screens.compose import ComposeScreen

        if isinstance(self.for_screen, ComposeScreen):
            for n, (where_id, cls) in enumerate(places()):
                for binding in cls.BINDINGS:
                    if isinstance(binding, Binding):
                        add(3 + n, binding, tr(where_id, lang))
        # The app's and the screen's keys first; the places' keys after.
        return [
            (key, description, where)
            for _, key, description, where in sorted(out, key=lambda r: r[0])
        ]

    def _keys(self, binding: Binding) -> str:
        """The keys of a binding as the footer shows them (the [keymap] applied)."""
        keys = self.app._keymap.get(binding.id or "", binding.key)
        shown = [self.app.get_key_display(replace(binding, key=k.strip())) for k in keys.split(",")]
        return " / ".join(shown)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        lang = self.language
        table.add_columns(tr("help_key", lang), tr("help_action", lang), tr("help_where", lang))
        for row in self.rows():
            table.add_row(*row)
        table.focus()

    def _place(self, node: DOMNode) -> tuple[int, str]:
        from textual.app import App

        if isinstance(node, App):
            return 0, tr("help_where_app", self.language)
        if isinstance(node, Screen):
            return 1, tr("help_where_screen", self.language)
        return 2, tr("help_where_widget", self.language)
