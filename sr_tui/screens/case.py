"""One case: the record as a form, the timeline (newest first; Enter on an email shows what
was sent), and the moves: a note, a call, "customer replied", a status, the next email."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.cases.model import EntryKind
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr
from sr_tui.widgets.case_record import CaseRecord
from sr_tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from sr_tui.core.cases.keeper import CaseKeeper
    from sr_tui.core.cases.model import Case
    from sr_tui.core.clock import Clock


class CaseScreen(TranslatedBindings, Screen[None]):
    AUTO_FOCUS = "#timeline-list"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+s", "save", "Save record", id="save_record"),
        Binding("f8", "write", "Write next email", id="write_email"),
        Binding("f2", "note", "Note", id="add_note"),
        Binding("f3", "log('call')", "Call", id="log_call"),
        Binding("f5", "log('customer_replied')", "Customer replied", id="customer_replied"),
        Binding("f6", "status", "Status", id="set_status"),
        Binding("ctrl+o", "assign", "Assign", id="assign_case", tooltip="Hand the case over"),
    ]

    class WriteRequested(Message):
        """Open the compose screen on this case."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    class AssignRequested(Message):
        """Open the handover dialog for this case (the app knows the team's names)."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    def __init__(self, cases: CaseKeeper, number: str, clock: Clock, language: Language) -> None:
        super().__init__()
        self.cases = cases
        self.number = number
        self.clock = clock
        self.language: Language = language
        self.case: Case | None = cases.get(number)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.case is None:
            return
        with Horizontal(id="case-main"):
            record = CaseRecord(self.case, self.language, id="case-record")
            record.border_title = tr("case_record", self.language)
            yield record
            timeline = Timeline(id="case-timeline")
            timeline.border_title = tr("case_timeline", self.language)
            yield timeline
        yield Footer()

    def on_mount(self) -> None:
        if self.case is None:
            self.notify(tr("case_missing", self.language, case=self.number), severity="error")
            self.dismiss()
            return
        self.refresh_case()

    def refresh_case(self) -> None:
        case = self.cases.get(self.number)
        if case is None:
            return
        self.case = case
        status = label(STATUS_LABELS, case.status.value, self.language)
        title = f" · {case.title}" if case.title else ""
        self.sub_title = visible(f"{case.number} · {status}{title}")
        tz = self.clock.now().tzinfo
        self.query_one(Timeline).show(self.cases.entries(case.number), self.language, tz)

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        edited = self.query_one(CaseRecord).record()
        try:
            self.cases.update(edited)
        except SrTuiError as exc:  # a newer save by someone else: nothing typed is lost
            self.notify(exc.user_message, severity="error", timeout=15, markup=False)
            return
        self.refresh_case()
        self.query_one(CaseRecord).case = self.case
        self.notify(tr("record_saved", self.language, case=self.number), markup=False)

    def action_write(self) -> None:
        self.post_message(self.WriteRequested(self.number))

    def action_assign(self) -> None:
        self.post_message(self.AssignRequested(self.number))

    def assigned(self, case: Case) -> None:
        """The case was handed over: the timeline and the record's assignee show it (what
        else was typed in the record stays)."""
        self.refresh_case()
        self.query_one(CaseRecord).assigned(case)

    def action_log(self, kind: str) -> None:
        self._append(EntryKind(kind), "")

    def action_note(self) -> None:
        from sr_tui.screens.note import NoteScreen

        def written(text: str | None) -> None:
            if text and text.strip():
                self._append(EntryKind.NOTE, text.strip())

        self.app.push_screen(NoteScreen(self.language), written)

    def _append(self, kind: EntryKind, text: str) -> None:
        try:
            self.cases.note(self.number, kind, text=text)
        except SrTuiError as exc:
            self.notify(exc.user_message, severity="error", markup=False)
            return
        self.refresh_case()
        self.notify(tr(f"logged_{kind.value}", self.language), markup=False)

    def action_status(self) -> None:
        from sr_tui.screens.status import StatusScreen

        assert self.case is not None

        def chosen(answer: tuple[str, str | None] | None) -> None:
            if answer is None:
                return
            status, reason = answer
            try:
                self.cases.set_status(self.number, status, reason)
            except SrTuiError as exc:
                self.notify(exc.user_message, severity="error", markup=False)
                return
            self.refresh_case()

        self.app.push_screen(StatusScreen(self.case, self.language), chosen)
