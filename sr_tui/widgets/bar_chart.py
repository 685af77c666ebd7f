"""Horizontal bars with labels: a panel of the monthly review (by area, SLA met rates,
templates used). Block characters in the theme's colours; no charting library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from sr_tui.core.cases.review_text import bar
from sr_tui.widgets.search_results import padded


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    text: str = ""  # shown after the bar (the value as people read it)
    note: str = ""  # dimmed, after the text (the breaches)


class BarChart(Static):
    """Rows of `label  ████▌  text  note`, the bars scaled to `most` (default: the
    largest value)."""

    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--rest", "bar-chart--note"}
    DEFAULT_CSS = """
    BarChart { height: auto; }
    BarChart > .bar-chart--bar { color: $primary; }
    BarChart > .bar-chart--rest { color: $primary 20%; }
    BarChart > .bar-chart--note { color: $text-muted; }
    """

    def __init__(self, *, label_cells: int = 22, bar_cells: int = 20, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label_cells = label_cells
        self.bar_cells = bar_cells

    def plot(self, rows: Sequence[Row], most: float | None = None, empty: str = "") -> None:
        if not rows:
            self.update(Text(empty, style="dim"))
            return
        top = most if most is not None else max((r.value for r in rows), default=0)
        style = self.get_component_rich_style
        lines = []
        for row in rows:
            drawn = bar(round(row.value * 1000), round(top * 1000), self.bar_cells)
            rest = "░" * max(0, self.bar_cells - len(drawn)) if most is not None else ""
            line = Text.assemble(
                padded(row.label, self.label_cells),
                (drawn, style("bar-chart--bar")),
                (rest, style("bar-chart--rest")),
                " " * (self.bar_cells - len(drawn) - len(rest) + 1),
                row.text,
            )
            if row.note:
                line.append(f"  {row.note}", style("bar-chart--note"))
            lines.append(line)
        self.update(Text("\n").join(lines))
