"""The case list: the cases of the store, newest activity first, with a search box and a
status filter; mine or the team's (ctrl+t; the team's have an "Assigned to" column).
Enter opens the case. Queries run off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.cases.model import Status
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr
from sr_tui.views import TOGGLE, View, ViewChanged, assignee_for, default_view, toggled, view_label

if TYPE_CHECKING:
    from sr_tui.core.cases.keeper import CaseKeeper
    from sr_tui.core.cases.model import CaseSummary
    from sr_tui.core.clock import Clock

OPEN = "open"
ALL = "all"


class CasesScreen(TranslatedBindings, Screen[None]):
    #: The table has focus (Enter opens a case); Tab reaches the search box.
    AUTO_FOCUS = "#cases-table"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        TOGGLE,
    ]

    class CaseChosen(Message):
        """The user chose a case to open."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    table = getters.query_one(DataTable)

    def __init__(
        self, cases: CaseKeeper, clock: Clock, language: Language, view: View | None = None
    ) -> None:
        """`view`: whose cases (default: mine when the keeper has an author, else the
        team's)."""
        super().__init__()
        self.cases = cases
        self.clock = clock
        self.language: Language = language
        self.view: View = view or default_view(cases.author)
        self.rows: list[CaseSummary] = []

    def compose(self) -> ComposeResult:
        lang = self.language
        yield Header()
        with Horizontal(id="cases-bar"):
            yield Input(placeholder=tr("cases_search", lang), id="cases-query", compact=True)
            options = [(tr("cases_open", lang), OPEN), (tr("cases_all", lang), ALL)]
            options += [(label(STATUS_LABELS, s.value, lang), s.value) for s in Status]
            yield Select(options, value=OPEN, allow_blank=False, id="cases-status", compact=True)
        yield DataTable(id="cases-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.table.focus()
        self._show_view()
        self.reload()

    @property
    def columns(self) -> tuple[str, ...]:
        team = ("col_assignee",) if self.view == "team" else ()
        return ("col_number", "col_status", "col_title", *team, "col_requester", "col_activity")

    def _show_view(self) -> None:
        whose = view_label(self.view, self.cases.author, self.language)
        self.sub_title = f"{tr('cases_title', self.language)} · {whose}"
        table = self.table
        table.clear(columns=True)
        for key in self.columns:
            table.add_column(tr(key, self.language), key=key)

    def action_toggle_view(self) -> None:
        view = toggled(self.view, self.cases.author)
        if view is None:
            self.notify(tr("view_no_name", self.language), markup=False)
            return
        self.view = view
        self._show_view()
        self.post_message(ViewChanged(view))
        self.reload()

    def reload(self) -> None:
        query = self.query_one("#cases-query", Input).value
        status = self.query_one("#cases-status", Select).value
        self._load(query, str(status), assignee_for(self.view, self.cases.author))

    @work(thread=True, exclusive=True, group="cases")
    def _load(self, query: str, status: str, assignee: str | None) -> None:
        if status == OPEN:
            statuses = [s for s in Status if s is not Status.CLOSED]
        elif status == ALL:
            statuses = None
        else:
            statuses = [Status(status)]
        try:
            rows = self.cases.store.list_cases(
                statuses=statuses, text=query, assignee=assignee, limit=200
            )
        except SrTuiError as exc:
            self.app.call_from_thread(self.notify, exc.user_message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, rows, assignee)

    def _show(self, rows: list[CaseSummary], assignee: str | None = None) -> None:
        if assignee != assignee_for(self.view, self.cases.author):
            return  # rows of the other view, read before the switch
        self.rows = rows
        table = self.table
        table.clear()
        tz = self.clock.now().tzinfo
        team = self.view == "team"
        for row in rows:
            assignee = [Text(visible(row.assignee) or "–", style="" if row.assignee else "dim")]
            table.add_row(
                Text(visible(row.number)),
                Text(label(STATUS_LABELS, row.status.value, self.language)),
                Text(visible(row.title)),
                *(assignee if team else []),
                Text(visible(row.requester or row.company)),
                Text(row.last_activity_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")),
                key=row.number,
            )
        if not rows:
            self.table.border_subtitle = tr("cases_none", self.language)
        else:
            self.table.border_subtitle = tr("cases_count", self.language, n=len(rows))

    @on(Input.Changed, "#cases-query")
    @on(Select.Changed, "#cases-status")
    def _filter_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#cases-query")
    def _query_submitted(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(self.CaseChosen(str(event.row_key.value)))

    def action_back(self) -> None:
        self.dismiss()
