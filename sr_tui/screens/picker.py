"""The scenario picker: type the situation, get the template. Dismisses with a template id."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.templates.scenario_index import ScenarioIndex
from sr_tui.i18n import Language, tr
from sr_tui.widgets.plain_text import SafeInput

#: Rows shown at most (the empty query too): rendering an option per hit was most of a
#: keystroke's work with 3,000 templates. A last row says how many more match.
MAX_ROWS = 50


class PickerScreen(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(8)", show=False),
        Binding("pageup", "move(-8)", show=False),
    ]

    results = getters.query_one("#results", OptionList)

    def __init__(
        self,
        index: ScenarioIndex,
        language: Language,
        query: str = "",
        preferred: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.index = index
        #: Recent and frequent templates, listed first while the query is empty.
        self.preferred = tuple(preferred)
        self.language = language
        self.initial_query = query

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(tr("picker_title", self.language), id="picker-title")
            yield SafeInput(
                self.initial_query, placeholder=tr("picker_placeholder", self.language), id="query"
            )
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self.update_results(self.initial_query)
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.update_results(event.value)

    def update_results(self, query: str) -> None:
        results = self.results
        hits, total = self.index.top(query, MAX_ROWS, preferred=self.preferred)
        results.clear_options()
        if not hits:
            results.add_option(
                Option(
                    Text(tr("picker_none", self.language, query=query), style="dim"), disabled=True
                )
            )
            return
        options = [Option(self._row(hit.template), id=hit.template.id) for hit in hits]
        if total > MAX_ROWS:
            more = tr("picker_more", self.language, n=total - MAX_ROWS)
            options.append(Option(Text(more, style="dim"), disabled=True))
        results.add_options(options)
        results.highlighted = 0

    @staticmethod
    def _row(template) -> Text:
        return Text.assemble(
            (f"{template.id:<3} ", "bold"),
            (template.scenario, ""),
            (" · ", "dim"),
            (template.scenario_zh, ""),
            "\n    ",
            (f"{template.title} · {template.title_zh}", "dim"),
        )

    def action_move(self, delta: int) -> None:
        results = self.results
        if results.option_count == 0:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + delta))

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        results = self.results
        if results.highlighted is not None:
            option = results.get_option_at_index(results.highlighted)
            if option.id:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
