"""The app's side of sending an email: the one readiness question for every way out, the
clipboard and mail-client work off the UI thread, the notices, and the timeline entry
each one writes (through the Workspace). The App holds one `Handoffs`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sr_tui import notices
from sr_tui.core.cases.labels import STATUS_LABELS, label
from sr_tui.core.errors import SrTuiError
from sr_tui.i18n import tr

if TYPE_CHECKING:
    from sr_tui.app import SrTuiApp
    from sr_tui.core.cases.model import Case
    from sr_tui.core.templates.model import Email

WHAT = {"all": "what_email", "subject": "what_subject", "body": "what_body"}


class Handoffs:
    def __init__(self, app: SrTuiApp, osc52: bool | None = None) -> None:
        self.app = app
        self.osc52 = osc52
        #: The copy notice's long advice (why not the system clipboard, what to do) is given
        #: once a session for each way and reason.
        self._advice_given: set[tuple[str, str, bool]] = set()

    @property
    def workspace(self):
        return self.app.workspace

    @property
    def language(self):
        return self.app.language

    def request(self, kind: str, part: str = "all") -> None:
        """One readiness gate for every way out: ask first when the email is not ready.
        Run as a worker, so that a failure (a template that cannot render, a bad address)
        is a notice from the app's one error boundary, never a crash."""
        self.app.run_worker(self._request(kind, part), group="handoff", exit_on_error=False)

    async def _request(self, kind: str, part: str) -> None:
        if self.workspace.template is None:
            return
        readiness = self.workspace.readiness()
        if readiness.ready:
            self._hand_off(kind, part)
            return
        from sr_tui.screens.confirm import send_question

        def answered(yes: bool | None) -> None:
            if yes:
                self._hand_off(kind, part)

        self.app.push_screen(send_question(readiness, kind, self.language), answered)

    def _hand_off(self, kind: str, part: str) -> None:
        """Send what the user sees: the email as edited in place, else as rendered."""
        email = self.workspace.outgoing()
        if email is None:
            return
        if kind == "copy":
            text = self.workspace.outgoing_part(part)  # type: ignore[arg-type]
            self.copy(text, WHAT[part], email if part != "subject" else None)
        elif kind == "eml":
            before = self._status()
            path = self.workspace.export_eml()
            self.app.notify(tr("exported", self.language, path=path), markup=False, timeout=10)
            self._logged(before)
        elif kind == "mailto":
            self.app.run_worker(
                lambda: self._mail(email), thread=True, group="mail", exit_on_error=False
            )

    # -- the clipboard -------------------------------------------------------------------

    def copy(self, text: str, what: str, email: Email | None = None) -> None:
        """Copy `text` off the UI thread; an email copied is logged on its case."""
        self.app._clipboard = text
        self.app.run_worker(
            lambda: self._copy(text, what, email),
            thread=True,
            exclusive=True,
            group="clipboard",
            exit_on_error=False,
        )

    def _copy(self, text: str, what: str, email: Email | None) -> None:
        app = self.app
        use_osc52 = self.osc52 if self.osc52 is not None else not app.is_headless
        terminal = (lambda t: app.call_from_thread(app.write_osc52, t)) if use_osc52 else None
        outcome = self.workspace.copy_text(text, terminal=terminal)
        app.call_from_thread(self._show_copied, outcome, what)
        if email is not None and outcome.method != "failed":
            app.call_from_thread(self._record, "copy", email)

    def _mail(self, email: Email) -> None:
        outcome = self.workspace.open_mail(record=False)
        self.app.call_from_thread(self._show, notices.mail_notice(outcome, self.language))
        if outcome.opened:
            self.app.call_from_thread(self._record, "mailto", email)

    def _show_copied(self, outcome, what: str) -> None:
        key = (outcome.method, outcome.reason, outcome.under_tmux)
        notice = notices.copy_notice(
            outcome, what, self.language, advice=key not in self._advice_given
        )
        if notice.advice:
            self._advice_given.add(key)
        self._show(notice)

    def _show(self, notice: notices.Notice) -> None:
        self.app.notify(
            notice.message, severity=notice.severity, timeout=notice.timeout, markup=False
        )

    # -- the timeline --------------------------------------------------------------------

    def _record(self, channel: str, email: Email) -> None:
        """On the UI thread: write the email that went out on the case's timeline."""
        before = self._status()
        try:
            self.workspace.record_handoff(channel, email)
        except SrTuiError as exc:
            message = tr("not_logged", self.language, problem=exc.user_message)
            self.app.notify(message, severity="error", timeout=15, markup=False)
            return
        self._logged(before)

    def _status(self) -> str | None:
        try:
            record = self.workspace.record
        except SrTuiError:
            return None
        return str(record.status) if record is not None else None

    def _logged(self, before: str | None) -> None:
        """Say so when the email moved the case (B1: waiting on the customer); when it
        closed the case (E1-E4), offer to archive it with keywords and the resolution."""
        record = self.workspace.record
        if record is not None and str(record.status) not in (before, "new"):
            status = label(STATUS_LABELS, str(record.status), self.language)
            message = tr("case_moved", self.language, case=record.number, status=status)
            self.app.notify(message, markup=False)
            from sr_tui.core.cases.model import Status  # loaded with the record

            if record.status is Status.CLOSED:
                self._offer_archive(record)
        self.app.draft.refresh_title()
        self.app.draft.refresh_clocks()  # the email may have met a clock or made a promise

    def _offer_archive(self, record: Case) -> None:
        """The close dialog on a case an email just closed (Esc skips it: it stays closed)."""
        from sr_tui.core.cases.similar import similar_cases
        from sr_tui.screens.close_case import CloseCaseResult, CloseCaseScreen

        cases, language = self.workspace.cases, self.language

        def answered(result: CloseCaseResult | None) -> None:
            if result is None or record.close_reason is None:
                return
            try:
                cases.close_case(
                    record.number,
                    record.close_reason,
                    keywords=result.keywords,
                    resolution=result.resolution,
                    root_cause=result.root_cause,
                    knowledge=result.knowledge,
                )
            except SrTuiError as exc:
                self.app.notify(exc.user_message, severity="error", timeout=15, markup=False)
                return
            self.app.notify(tr("case_archived", language, case=record.number), markup=False)

        store = cases.store
        screen = CloseCaseScreen(
            record, language, lambda: similar_cases(store, record), closed_already=True
        )
        self.app.push_screen(screen, answered)
