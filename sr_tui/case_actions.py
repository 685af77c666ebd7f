"""The app's case actions: the case list, one case, reuse, handover and what is due."""

from __future__ import annotations

from textual import work

from sr_tui.core.errors import SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.i18n import tr


class CaseActionsMixin:
    """The app's handlers for the case screens, the handover dialog and the due list."""

    # -- cases -----------------------------------------------------------------------------

    def action_cases(self) -> None:
        from sr_tui.screens.cases import CasesScreen

        if isinstance(self.screen, CasesScreen):
            return
        self._back_to_compose()
        workspace = self.workspace
        screen = CasesScreen(workspace.cases, workspace.clock, self.language, self.case_view)
        self.push_screen(screen)

    def action_this_case(self) -> None:
        self.save_now()
        number = self.workspace.draft.number
        if not number:
            self.notify(tr("no_case_yet", self.language), markup=False)
            return
        self.show_case_screen(number)

    def show_case_screen(self, number: str) -> None:
        from sr_tui.screens.case import CaseScreen

        self._back_to_compose()
        clock = self.workspace.clock
        self.push_screen(CaseScreen(self.workspace.cases, number, clock, self.language))

    def _back_to_compose(self) -> None:
        while len(self.screen_stack) > 2 and self.screen is not self.draft:
            self.pop_screen()

    def on_cases_screen_case_chosen(self, event) -> None:
        self.show_case_screen(event.number)

    def on_case_screen_reuse_requested(self, event) -> None:
        """Reuse on a similar case: E1/E2 on this case with its resolution filled in."""
        from sr_tui.case_reuse import apply_reuse

        try:
            plan = apply_reuse(self.workspace, event.past, event.number)
        except SrTuiError as exc:
            self.notify(exc.user_message, severity="error", markup=False)
            return
        self._back_to_compose()
        self.run_case_worker(self._show_suggestion())
        values = {"template": plan.template_id, "case": event.number, "past": plan.source}
        self.notify(visible(tr("reused", self.language, **values)), markup=False)

    # -- handing a case over ----------------------------------------------------------

    def on_case_screen_assign_requested(self, event) -> None:
        self.action_assign_case(event.number)

    def action_assign_case(self, number: str = "") -> None:
        """The handover dialog for `number` (default: the case screen's, else the open
        case)."""
        from sr_tui.screens.case import CaseScreen

        if not number:
            number = self.screen.number if isinstance(self.screen, CaseScreen) else ""
        if not number:
            self.save_now()
            number = self.workspace.draft.number
        if not number:
            self.notify(tr("no_case_yet", self.language), markup=False)
            return
        self._open_assign(number)

    @work(thread=True, exclusive=True, group="assign", exit_on_error=False)
    def _open_assign(self, number: str) -> None:
        case = self.workspace.cases.get(number)
        if case is None:
            raise SrTuiError(f"there is no case {number} in the case store")
        known = self.workspace.known_assignees()
        self.call_from_thread(self._push_assign, case, known)

    def _push_assign(self, case, known: list[str]) -> None:
        from sr_tui.screens.assign import AssignScreen
        from sr_tui.screens.case import CaseScreen

        screen = self.screen

        def done(assigned) -> None:
            if assigned is None:
                return
            if isinstance(screen, CaseScreen) and screen.number == assigned.number:
                screen.assigned(assigned)
            who = assigned.assignee or tr("assign_nobody", self.language)
            message = tr("assign_done", self.language, case=assigned.number, who=who)
            self.notify(visible(message), markup=False)

        yourself = self.settings.your_name
        self.push_screen(AssignScreen(case, known, yourself, self.language), done)

    def on_assign_screen_submitted(self, event) -> None:
        self._assign(event.dialog, event.number, event.name, event.note)

    @work(thread=True, group="assign", exit_on_error=False)
    def _assign(self, dialog, number: str, name: str, note: str) -> None:
        """Write the handover off the UI thread; the dialog closes once the store has it
        and stays open with what was typed when it does not (a conflict, the server down)."""
        try:
            case = self.workspace.assign(name, note, number=number)
        except SrTuiError as exc:
            message = visible(exc.user_message)
            self.call_from_thread(dialog.failed, message)
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(dialog.dismiss, case)

    def on_view_changed(self, event) -> None:
        """Whose cases the due list, the case list and the review show: kept while the
        app runs (None: mine when your_name is set, else the team's)."""
        self.case_view = event.view

    def on_case_screen_write_requested(self, event) -> None:
        self._back_to_compose()
        if event.number != self.workspace.draft.number:
            self.action_reopen_case(event.number)

    # -- what is due -----------------------------------------------------------------------

    def action_due(self) -> None:
        from sr_tui.screens.due import DueScreen

        if isinstance(self.screen, DueScreen):
            return
        self._back_to_compose()
        workspace = self.workspace
        tz, name = workspace.calendar.tz, self.settings.your_name
        self.push_screen(DueScreen(workspace.due_rows, tz, self.language, name, self.case_view))

    def on_due_screen_suggestion_chosen(self, event) -> None:
        self.open_suggestion(event.number, event.template_id, event.values)

    def open_suggestion(self, number: str, template_id: str, values: dict) -> None:
        """Open the suggested draft: the case reopened, the template on it, the values the
        suggestion knows (B2: B1's items still outstanding) set. The workspace changes at
        once, so any later repaint of the form shows the suggestion."""
        self._back_to_compose()
        try:
            self.workspace.reopen(number)
            self.workspace.open_template(template_id)
            for field_id, value in values.items():
                self.workspace.set_value(field_id, value)
        except SrTuiError as exc:
            self.notify(exc.user_message, severity="error", markup=False)
            return
        self.run_case_worker(self._show_suggestion())

    async def _show_suggestion(self) -> None:
        await self.draft.show_case(focus_first=True)
        self.schedule_save()
        for warning in self.workspace.case_warnings():
            self._warn(warning)
