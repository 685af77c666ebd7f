"""A case's timeline, newest first: one line per entry; Enter on an email shows the text
that was sent below the list (and Enter again hides it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sr_tui.core.cases.export import describe
from sr_tui.core.cases.model import Entry
from sr_tui.core.when import short_when
from sr_tui.i18n import Language, tr

ICONS = {
    "email": "✉",
    "note": "✎",
    "call": "☎",
    "customer_replied": "↩",
    "status": "→",
    "attachment": "📎",
}


def entry_line(entry: Entry, language: Language, tz: tzinfo | None) -> Text:
    when = short_when(entry.at, language, tz)
    text = Text.assemble((f"{when}  ", "dim"), f"{ICONS.get(entry.kind.value, '•')} ")
    text.append(describe(entry, language))
    if entry.notes:
        text.append(f" — {entry.notes}", style="italic")
    if entry.author:
        text.append(f"  ({entry.author})", style="dim")
    return text


class Timeline(Vertical):
    """Shows `entries` (any order given; shown newest first)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self.expanded: str | None = None
        self.language: Language = "en"
        self.tz: tzinfo | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(id="timeline-list")
        with VerticalScroll(id="timeline-detail"):
            yield Static(id="timeline-text", markup=False)

    def show(self, entries: Sequence[Entry], language: Language, tz: tzinfo | None) -> None:
        order = {e.id: i for i, e in enumerate(entries)}  # equal times: as written
        self.entries = sorted(entries, key=lambda e: (e.at, order[e.id]), reverse=True)
        self.language, self.tz = language, tz
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.entries:
            options.add_option(
                Option(Text(tr("timeline_empty", language), style="dim"), disabled=True)
            )
        for entry in self.entries:
            options.add_option(Option(entry_line(entry, language, tz), id=entry.id))
        if self.entries:
            options.highlighted = 0  # Enter works at once, without a Down first
        self._show_detail(None)

    @on(OptionList.OptionSelected, "#timeline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry_id = event.option.id
        self._show_detail(None if entry_id == self.expanded else entry_id)

    def _show_detail(self, entry_id: str | None) -> None:
        self.expanded = entry_id
        detail = self.query_one("#timeline-detail")
        entry = next((e for e in self.entries if e.id == entry_id), None)
        if entry is None or entry.email is None:
            detail.display = False
            return
        email = entry.email
        self.query_one("#timeline-text", Static).update(f"Subject: {email.subject}\n\n{email.body}")
        detail.display = True
