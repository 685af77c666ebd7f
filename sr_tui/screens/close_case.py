"""Closing a case asks for what the archive needs (seed 001 step 6): keywords, the
resolution and the root cause, with the resolutions of similar cases to start from, and
whether the case goes into the knowledge base. Dismisses with a `CloseCaseResult`, or
None when cancelled; the caller writes it on the case and closes it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.model import Case
from sr_tui.core.cases.similar import SimilarCase, merged_keywords, split_keywords
from sr_tui.i18n import Language, tr
from sr_tui.widgets.similar_cases import SimilarCases


@dataclass(frozen=True)
class CloseCaseResult:
    keywords: tuple[str, ...]
    resolution: str
    root_cause: str
    knowledge: bool


class CloseCaseScreen(TranslatedBindings, ModalScreen[CloseCaseResult | None]):
    CSS_PATH = "close_case.tcss"
    BINDINGS = [
        Binding("ctrl+s", "confirm", "Close case", id="close_case_confirm", priority=True),
        Binding("ctrl+t", "add_suggested", "Add suggested keywords", id="add_suggested"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    keywords_input = getters.query_one("#close-keywords", Input)
    suggested_line = getters.query_one("#close-suggested", Static)
    resolution_area = getters.query_one("#close-resolution", TextArea)
    root_cause_input = getters.query_one("#close-root-cause", Input)
    knowledge_box = getters.query_one("#close-knowledge", Checkbox)
    similar_cases = getters.query_one(SimilarCases)
    problem_line = getters.query_one("#close-problem", Static)

    def __init__(
        self,
        case: Case,
        language: Language,
        find_similar: Callable[[], Sequence[SimilarCase]] | None = None,
        *,
        closed_already: bool = False,
    ) -> None:
        """`find_similar` finds similar resolved cases (run off the UI thread), e.g.
        `lambda: similar_cases(store, case)`. `closed_already`: an email closed the case
        and the dialog only archives it (Esc skips; the case stays closed)."""
        super().__init__()
        self.case = case
        self.language: Language = language
        self.find_similar = find_similar
        self.closed_already = closed_already
        self.suggested: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        lang, case = self.language, self.case
        with VerticalScroll(id="close-case"):
            title = "close_title_closed" if self.closed_already else "close_title"
            yield Label(tr(title, lang, case=case.number), id="close-title", markup=False)
            yield Label(tr("close_keywords", lang), classes="close-label")
            yield Input(
                ", ".join(case.keywords),
                placeholder=tr("close_keywords_help", lang),
                id="close-keywords",
            )
            yield Static(id="close-suggested", markup=False)
            yield Label(tr("close_resolution", lang), classes="close-label")
            yield TextArea(case.resolution, id="close-resolution", soft_wrap=True)
            yield Label(tr("close_root_cause", lang), classes="close-label")
            yield Input(case.root_cause, id="close-root-cause")
            yield Checkbox(tr("close_knowledge", lang), case.knowledge, id="close-knowledge")
            yield SimilarCases(lang, id="close-similar")
            yield Static(id="close-problem", markup=False)
            help_text = "close_case_help_closed" if self.closed_already else "close_case_help"
            yield Static(tr(help_text, lang), id="close-help", markup=False)

    def on_mount(self) -> None:
        self.suggested_line.display = False
        (self.resolution_area if self.case.keywords else self.keywords_input).focus()
        if self.find_similar is not None:
            self.similar_cases.load(self.find_similar)

    @on(SimilarCases.Found)
    def _found(self, event: SimilarCases.Found) -> None:
        mine = split_keywords(self.keywords_input.value)
        more = [k for s in event.similar for k in s.case.keywords]
        self.suggested = merged_keywords(mine, more)[len(mine) :][:8]
        self._suggest()

    def _suggest(self) -> None:
        line = self.suggested_line
        line.display = bool(self.suggested)
        if self.suggested:
            line.update(tr("close_suggested", self.language, keywords=" · ".join(self.suggested)))

    @on(SimilarCases.Reuse)
    def _reuse(self, event: SimilarCases.Reuse) -> None:
        """Start from a similar case's resolution (and its root cause, if none is given)."""
        event.stop()
        similar = self.similar_cases.similar
        past = next((s.case for s in similar if s.number == event.case_number), None)
        if past is None:
            return
        self.resolution_area.text = past.resolution
        root = self.root_cause_input
        if not root.value.strip():
            root.value = past.root_cause
        keywords = self.keywords_input
        keywords.value = ", ".join(merged_keywords(split_keywords(keywords.value), past.keywords))
        self.resolution_area.focus()

    def action_add_suggested(self) -> None:
        keywords = self.keywords_input
        keywords.value = ", ".join(merged_keywords(split_keywords(keywords.value), self.suggested))
        self.suggested = ()
        self._suggest()

    def result(self) -> CloseCaseResult:
        return CloseCaseResult(
            keywords=split_keywords(self.keywords_input.value),
            resolution=self.resolution_area.text.strip(),
            root_cause=self.root_cause_input.value.strip(),
            knowledge=self.knowledge_box.value,
        )

    def action_confirm(self) -> None:
        result = self.result()
        if not result.resolution:
            self.problem_line.update(tr("close_needs_resolution", self.language))
            self.resolution_area.focus()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
