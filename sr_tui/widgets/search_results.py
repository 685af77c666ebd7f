"""A list of search hits: each case in two lines, its snippet with the match highlighted
(the hit's spans, styled with the theme; the data holds no markup)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.cases.search import SearchHit
from sr_tui.core.cases.search_query import field_label
from sr_tui.core.cases.search_snippets import Snippet


def padded(text: str, cells: int) -> str:
    """`text` in exactly `cells` terminal cells (Chinese takes two each): padded, or cut
    with an ellipsis."""
    if cell_len(text) <= cells:
        return text + " " * (cells - cell_len(text))
    out, used = [], 0
    for ch in text:
        width = cell_len(ch)
        if used + width > cells - 2:  # the ellipsis and a space
            break
        out.append(ch)
        used += width
    return "".join(out) + "…" + " " * (cells - used - 1)


class SearchResults(OptionList):
    """Hits as options whose ids are the case numbers."""

    COMPONENT_CLASSES = {
        "search-results--match",
        "search-results--number",
        "search-results--meta",
        "search-results--field",
    }
    DEFAULT_CSS = """
    SearchResults > .search-results--match { background: $accent 40%; text-style: bold; }
    SearchResults > .search-results--number { text-style: bold; }
    SearchResults > .search-results--meta { color: $text-muted; }
    SearchResults > .search-results--field { color: $text-muted; }
    """

    def show(
        self,
        hits: Sequence[SearchHit],
        language: str,
        tz: tzinfo | None = None,
        empty: str = "",
    ) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        if not hits:
            if empty:
                self.add_option(Option(Text(empty, style="dim"), disabled=True))
            return
        self.add_options([Option(self.row(hit, language, tz), id=hit.number) for hit in hits])
        ids = [hit.number for hit in hits]
        self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def row(self, hit: SearchHit, language: str, tz: tzinfo | None) -> Text:
        """Number, status, last activity and title; then the snippet, unless the match
        is in the number or the title, which are marked where they stand."""
        case = hit.case
        style = self.get_component_rich_style
        when = case.last_activity_at.astimezone(tz).strftime("%Y-%m-%d")
        status = label(STATUS_LABELS, str(case.status), language)
        number = Text(padded(case.number, 18), style("search-results--number"))
        title = Text(case.title)
        snippet = hit.snippet
        inline = snippet is not None and snippet.field in ("number", "title")
        if inline and snippet.text == (case.number if snippet.field == "number" else case.title):
            marked = number if snippet.field == "number" else title
            for start, end in snippet.spans:
                marked.stylize(style("search-results--match"), start, end)
            snippet = None
        text = Text.assemble(
            number,
            (padded(status, 22), style("search-results--meta")),
            (when + "  ", style("search-results--meta")),
            title,
        )
        if snippet is not None:
            text.append("\n    ")
            text.append_text(self.snippet(snippet, language))
        return text

    def snippet(self, snippet: Snippet, language: str) -> Text:
        style = self.get_component_rich_style
        text = Text(f"{field_label(snippet.field, language)}: ", style("search-results--field"))
        body = Text(snippet.text)
        for start, end in snippet.spans:
            body.stylize(style("search-results--match"), start, end)
        return text + body
