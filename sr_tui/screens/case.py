"""One case: the record as a form, the timeline (newest first; Enter on an email shows what
was sent), similar resolved cases (found off the UI thread), and the moves: a note, a call,
"customer replied", a status (closing asks for keywords and the resolution), the next
email, or E1/E2 with a similar case's resolution ("reuse")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.cases.model import EntryKind, Status
from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr
from sr_tui.widgets.case_record import CaseRecord
from sr_tui.widgets.similar_cases import SimilarCases
from sr_tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from sr_tui.core.cases.keeper import CaseKeeper
    from sr_tui.core.cases.model import Case
    from sr_tui.core.clock import Clock
    from sr_tui.screens.close_case import CloseCaseResult


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
        Binding(
            "ctrl+b",
            "reuse",
            "Reuse",
            id="reuse_resolution",
            tooltip="E1/E2 with the highlighted similar case's resolution",
        ),
        Binding("ctrl+o", "assign", "Assign", id="assign_case", tooltip="Hand the case over"),
    ]

    class WriteRequested(Message):
        """Open the compose screen on this case."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    class ReuseRequested(Message):
        """Open E1/E2 on this case with the resolution of the similar case `past`."""

        def __init__(self, number: str, past: str) -> None:
            super().__init__()
            self.number = number
            self.past = past

    class AssignRequested(Message):
        """Open the handover dialog for this case (the app knows the team's names)."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    record_form = getters.query_one(CaseRecord)
    timeline = getters.query_one(Timeline)
    similar_cases = getters.query_one(SimilarCases)

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
            with Vertical(id="case-side"):
                timeline = Timeline(id="case-timeline")
                timeline.border_title = tr("case_timeline", self.language)
                yield timeline
                yield SimilarCases(self.language, id="case-similar")
        yield Footer()

    def on_mount(self) -> None:
        if self.case is None:
            self.notify(tr("case_missing", self.language, case=self.number), severity="error")
            self.dismiss()
            return
        self.refresh_case()
        self.similar_cases.load(self._similar_finder(self.case))

    def _similar_finder(self, case: Case):
        from sr_tui.core.cases.similar import similar_cases

        store = self.cases.store
        return lambda: similar_cases(store, case)

    @on(SimilarCases.Found)
    def _similar_found(self) -> None:
        self.refresh_bindings()  # "reuse" shows once there is something to reuse

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reuse":
            return any(w.similar for w in self.query(SimilarCases))
        return True

    def refresh_case(self) -> None:
        case = self.cases.get(self.number)
        if case is None:
            return
        self.case = case
        status = label(STATUS_LABELS, case.status.value, self.language)
        title = f" · {case.title}" if case.title else ""
        self.sub_title = visible(f"{case.number} · {status}{title}")
        tz = self.clock.now().tzinfo
        self.timeline.show(self.cases.entries(case.number), self.language, tz)

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        edited = self.record_form.record()
        try:
            self.cases.update(edited)
        except SrTuiError as exc:  # a newer save by someone else: nothing typed is lost
            self.notify(exc.user_message, severity="error", timeout=15, markup=False)
            return
        self.refresh_case()
        self.record_form.case = self.case
        self.notify(tr("record_saved", self.language, case=self.number), markup=False)

    def action_write(self) -> None:
        self.post_message(self.WriteRequested(self.number))

    def action_reuse(self) -> None:
        """Reuse the highlighted similar case (the most alike, unless another is chosen)."""
        similar = self.similar_cases
        if not similar.similar:
            return
        index = similar.highlighted or 0
        self.post_message(self.ReuseRequested(self.number, similar.similar[index].number))

    @on(SimilarCases.Reuse)
    def _reuse(self, event: SimilarCases.Reuse) -> None:
        event.stop()
        self.post_message(self.ReuseRequested(self.number, event.case_number))

    def action_assign(self) -> None:
        self.post_message(self.AssignRequested(self.number))

    def assigned(self, case: Case) -> None:
        """The case was handed over: the timeline and the record's assignee show it (what
        else was typed in the record stays)."""
        self.refresh_case()
        self.record_form.assigned(case)

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
            if status == Status.CLOSED.value and reason:
                self._ask_to_close(reason)
                return
            try:
                self.cases.set_status(self.number, status, reason)
            except SrTuiError as exc:
                self.notify(exc.user_message, severity="error", markup=False)
                return
            self.refresh_case()

        self.app.push_screen(StatusScreen(self.case, self.language), chosen)

    def _ask_to_close(self, reason: str) -> None:
        """Closing asks for the keywords and the resolution (with similar cases' to start
        from); Esc leaves the case as it was."""
        from sr_tui.screens.close_case import CloseCaseScreen

        typed = self.record_form.record()

        def answered(result: CloseCaseResult | None) -> None:
            if result is None:
                return
            try:
                closed = self.cases.close_case(
                    self.number,
                    reason,
                    keywords=result.keywords,
                    resolution=result.resolution,
                    root_cause=result.root_cause,
                    knowledge=result.knowledge,
                )
            except SrTuiError as exc:
                self.notify(exc.user_message, severity="error", markup=False)
                return
            self.refresh_case()
            self.record_form.show_saved(closed)
            self.notify(tr("case_closed_archived", self.language, case=self.number), markup=False)

        screen = CloseCaseScreen(typed, self.language, self._similar_finder(typed))
        self.app.push_screen(screen, answered)
