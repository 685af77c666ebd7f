"""Similar resolved cases beside an open case, each with its resolution; choosing one
posts `SimilarCases.Reuse(case_number)` (the case screen opens E1/E2 with its resolution
and reference: `core/cases/similar.reuse`).

Give it the cases (`show`), or a function that finds them (`load`), which runs off the
UI thread: `load(lambda: similar_cases(store, case))`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.similar import SimilarCase
from sr_tui.i18n import Language, tr
from sr_tui.widgets.search_results import padded


class SimilarCases(TranslatedBindings, OptionList):
    COMPONENT_CLASSES = {"similar-cases--number", "similar-cases--resolution"}
    DEFAULT_CSS = """
    SimilarCases { height: auto; max-height: 12; }
    SimilarCases > .similar-cases--number { text-style: bold; }
    SimilarCases > .similar-cases--resolution { color: $text-muted; }
    """

    class Reuse(Message):
        """Reuse this past case's resolution on the open case."""

        def __init__(self, case_number: str) -> None:
            super().__init__()
            self.case_number = case_number

    class Found(Message):
        def __init__(self, similar: list[SimilarCase]) -> None:
            super().__init__()
            self.similar = similar

    def __init__(self, language: Language = "en", **kwargs) -> None:
        super().__init__(**kwargs)
        self.language: Language = language
        self.similar: list[SimilarCase] = []

    def on_mount(self) -> None:
        self.border_title = tr("similar_title", self.language)
        if not self.option_count:
            self.show([])

    def load(self, finder: Callable[[], Sequence[SimilarCase]]) -> None:
        """Find the similar cases with `finder`, off the UI thread."""
        self.clear_options()
        self.add_option(Option(Text(tr("similar_loading", self.language), "dim"), disabled=True))
        self._find(finder)

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _find(self, finder: Callable[[], Sequence[SimilarCase]]) -> None:
        self.post_message(self.Found(list(finder())))

    @on(Found)
    def _found(self, event: Found) -> None:
        self.show(event.similar)  # and on up: a dialog may suggest their keywords

    def show(self, similar: Sequence[SimilarCase]) -> None:
        self.similar = list(similar)
        self.clear_options()
        if not similar:
            self.add_option(Option(Text(tr("similar_none", self.language), "dim"), disabled=True))
            return
        style = self.get_component_rich_style
        for item in similar:
            resolution = " ".join(item.case.resolution.split())
            text = Text.assemble(
                (padded(item.number, 16), style("similar-cases--number")),
                item.case.title,
                "\n  → ",
                (resolution, style("similar-cases--resolution")),
            )
            self.add_option(Option(text, id=item.number))
        self.highlighted = 0
        self.border_subtitle = tr("similar_help", self.language)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Reuse(event.option.id))
