"""What is due (F9): overdue, due today and this week across the open cases, each row the
case, the customer, what to write and why, when, the business time left and a badge.
Enter opens the suggested draft on that case with every known value filled. The rows are
computed off the UI thread (the queue caches them on the store's last change)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.core.when import short_when
from sr_tui.i18n import Language, tr
from sr_tui.views import TOGGLE, View, ViewChanged, assignee_for, default_view, toggled, view_label

if TYPE_CHECKING:
    from datetime import tzinfo

    from sr_tui.core.cases.queue import DueRow

COLUMNS = ("due_col_badge", "due_col_case", "due_col_customer", "due_col_write", "due_col_when")
COLUMNS += ("due_col_left", "due_col_why")
#: Fixed widths, so the table never reflows as rows arrive (the reason takes the rest).
WIDTHS = (9, 14, 10, 5, 16, 13, 80)
#: The team's view also says whose each case is, after the customer.
TEAM_COLUMNS = (*COLUMNS[:3], "col_assignee", *COLUMNS[3:])
TEAM_WIDTHS = (*WIDTHS[:3], 12, *WIDTHS[3:])


def columns_for(view: View, language: Language = "en") -> tuple[tuple[str, int], ...]:
    """(label key, width) of each column of `view`'s table. A Chinese date
    ("12月4日 周五 10:05") is three cells wider than an English one."""
    keys, widths = (TEAM_COLUMNS, TEAM_WIDTHS) if view == "team" else (COLUMNS, WIDTHS)
    wider = 3 if language == "zh" else 0
    return tuple(
        (k, w + wider if k == "due_col_when" else w) for k, w in zip(keys, widths, strict=True)
    )


def left_text(left: timedelta, language: Language) -> str:
    minutes = int(abs(left) / timedelta(minutes=1))
    hours, mins = divmod(minutes, 60)
    amount = f"{hours}h {mins:02d}m" if hours else f"{mins}m"
    return tr("due_over" if left < timedelta(0) else "due_left", language, amount=amount)


class DueScreen(TranslatedBindings, Screen[None]):
    AUTO_FOCUS = "#due-table"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "reload", "Refresh", id="due_refresh"),
        TOGGLE,
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"due--breached", "due--near", "due--fine"}

    class SuggestionChosen(Message):
        """Open `template_id` on case `number` with `values` filled."""

        def __init__(self, number: str, template_id: str, values: dict) -> None:
            super().__init__()
            self.number = number
            self.template_id = template_id
            self.values = values

    table = getters.query_one(DataTable)
    summary_line = getters.query_one("#due-summary", Static)

    def __init__(
        self,
        load: Callable[..., list[DueRow]],
        tz: tzinfo,
        language: Language,
        your_name: str = "",
        view: View | None = None,
    ) -> None:
        """`load(assignee=...)` computes the rows (`Workspace.due_rows`); `view` is whose
        (default: mine when `your_name` is set, else the team's)."""
        super().__init__()
        self._load_rows = load
        self.tz = tz
        self.language: Language = language
        self.your_name = your_name
        self.view: View = view or default_view(your_name)
        self.rows: list[DueRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(tr("due_loading", self.language), id="due-summary")
        yield DataTable(id="due-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = tr("due_title", self.language)
        table = self.table
        self._set_columns(table)
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        self._load(assignee_for(self.view, self.your_name))

    def action_toggle_view(self) -> None:
        view = toggled(self.view, self.your_name)
        if view is None:
            self.notify(tr("view_no_name", self.language), markup=False)
            return
        self.view = view
        self.summary_line.update(tr("due_loading", self.language))
        self.post_message(ViewChanged(view))
        self.action_reload()

    @work(thread=True, exclusive=True, group="due")
    def _load(self, assignee: str | None) -> None:
        try:
            rows = self._load_rows(assignee=assignee)
        except SrTuiError as exc:
            self.app.call_from_thread(self.notify, exc.user_message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, rows)

    def _set_columns(self, table: DataTable) -> None:
        """The columns of the current view (the team's adds whose each case is)."""
        wanted = columns_for(self.view, self.language)
        if tuple(str(k.value) for k in table.columns) == tuple(k for k, _ in wanted):
            return
        table.clear(columns=True)
        for key, width in wanted:
            table.add_column(tr(key, self.language), key=key, width=width)

    def _show(self, rows: list[DueRow]) -> None:
        self.rows = rows
        table = self.table
        table.clear()
        self._set_columns(table)
        lang = self.language
        team = self.view == "team"
        for i, row in enumerate(rows):
            item = row.item
            style = self.get_component_rich_style(f"due--{row.badge}")
            badge = Text(tr(f"due_badge_{row.badge}", lang), style=style)
            when = short_when(item.due, lang, self.tz)
            cells = [
                badge,
                Text(visible(item.case_number)),
                Text(visible(item.customer or item.title)),
            ]
            if team:
                cells.append(
                    Text(visible(item.assignee) or "–", style="" if item.assignee else "dim")
                )
            cells += [
                Text(item.template_id or tr("due_call", lang)),
                Text(when),
                Text(left_text(row.left, lang), style=style),
                Text(visible(item.reason_in(lang))),
            ]
            table.add_row(*cells, key=str(i))
        counts = {b: sum(r.bucket == b for r in rows) for b in ("overdue", "today", "week")}
        none = "due_none_mine" if self.view == "mine" else "due_none"
        text = tr("due_summary", lang, **counts) if rows else tr(none, lang)
        whose = view_label(self.view, self.your_name, lang)
        self.summary_line.update(f"{whose} · {text}")

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        row = self.rows[int(event.row_key.value)]
        if row.item.template_id is None:
            self.notify(tr("due_phone", self.language, case=row.item.case_number), markup=False)
            return
        item = row.item
        self.post_message(self.SuggestionChosen(item.case_number, item.template_id, item.values))

    def action_back(self) -> None:
        self.dismiss()
