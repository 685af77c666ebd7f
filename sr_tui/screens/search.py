"""Search the case store: type, see the cases with their matching lines, open one.

Every keystroke searches again off the UI thread (an exclusive worker; results that
arrive for an older query are dropped) and the results come back as a message. Enter
posts `SearchScreen.CaseChosen(number)`, which the app handles by reopening the case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static
from textual.worker import get_current_worker

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.search import SearchHit
from sr_tui.core.cases.search_parse import parse_query
from sr_tui.core.errors import SrTuiError
from sr_tui.i18n import Language, tr
from sr_tui.widgets.search_results import SearchResults

if TYPE_CHECKING:
    from sr_tui.workspace import Workspace

#: Hits shown at most (the search ranks the best first).
LIMIT = 50


class SearchScreen(TranslatedBindings, Screen[None]):
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(8)", show=False),
        Binding("pageup", "move(-8)", show=False),
    ]

    class CaseChosen(Message):
        """The user chose a hit: the app reopens the case."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    class Results(Message):
        """Hits for `query` arrived from the worker (or the problem that stopped it)."""

        def __init__(self, query: str, hits: list[SearchHit], problem: str = "") -> None:
            super().__init__()
            self.query = query
            self.hits = hits
            self.problem = problem

    query_input = getters.query_one("#search-query", Input)
    results = getters.query_one(SearchResults)

    def __init__(self, workspace: Workspace, language: Language, query: str = "") -> None:
        super().__init__()
        self.workspace = workspace
        self.language: Language = language
        self.initial_query = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(id="search"):
            yield Label(tr("search_title", lang), id="search-title")
            yield Input(
                self.initial_query, placeholder=tr("search_placeholder", lang), id="search-query"
            )
            yield Static(tr("search_empty", lang), id="search-status", markup=False)
            yield SearchResults(id="search-results")
            yield Static(tr("search_help", lang), id="search-help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_input.focus()
        if self.initial_query:
            self.search(self.initial_query)

    @property
    def query_text(self) -> str:
        return self.query_input.value

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, text: str) -> None:
        """Run the query on the case store (off the UI thread) and post what it found."""
        query = parse_query(text, tz=self.workspace.clock.now().tzinfo)
        problem = "; ".join(p.message(self.language) for p in query.problems)
        try:
            hits = self.workspace.cases.store.search(query, limit=LIMIT)
        except SrTuiError as exc:
            hits, problem = [], tr("search_store_problem", self.language, problem=exc.user_message)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(text, hits, problem))

    @on(Results)
    def _results(self, event: Results) -> None:
        if event.query != self.query_text:  # the user typed on meanwhile
            return
        self.hits = event.hits
        lang = self.language
        status = self.query_one("#search-status", Static)
        if not event.query.strip():
            status.update(tr("search_empty", lang))
        elif event.problem and not event.hits:
            status.update(event.problem)
        else:
            count = len(event.hits)
            if count >= LIMIT:
                line = tr("search_count_more", lang, n=count)
            elif count:
                line = tr("search_count", lang, n=count) if count > 1 else tr("search_one", lang)
            else:
                line = tr("search_none", lang)
            status.update(f"{line}  {event.problem}".strip())
        results = self.results
        results.show(event.hits, lang, self.workspace.clock.now().tzinfo)

    def action_move(self, delta: int) -> None:
        results = self.results
        if results.option_count == 0:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + delta))

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        results = self.results
        if results.highlighted is not None:
            option = results.get_option_at_index(results.highlighted)
            if option.id:
                self.post_message(self.CaseChosen(option.id))

    @on(SearchResults.OptionSelected, "#search-results")
    def _chosen(self, event: SearchResults.OptionSelected) -> None:
        if event.option.id:
            self.post_message(self.CaseChosen(event.option.id))

    def action_back(self) -> None:
        self.dismiss(None)
