"""What the compose screen shows: the case's form, its outgoing email and findings, its clocks."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from sr_tui.core.errors import RenderError, SrTuiError
from sr_tui.core.safe_text import visible
from sr_tui.core.templates.model import Value
from sr_tui.i18n import tr
from sr_tui.widgets.field_form import value_offset

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding

#: An email longer than this (characters) is shown again only when the keys pause for
#: `BIG_EMAIL_DELAY` seconds: a 50 KB body cost hundreds of ms per keystroke.
BIG_EMAIL = 20_000
BIG_EMAIL_DELAY = 0.15


class ComposeOutputMixin:
    """The ComposeScreen's showing side: the form, preview, lint panel and clocks line
    (its message handlers stay on the screen: `@on` needs the screen's class)."""

    # -- showing the case -------------------------------------------------------------------

    async def show_case(self, keep_focus: bool = False, focus_first: bool = False) -> None:
        """Show the workspace's case: the form of its template with its values, then the
        email and findings. `keep_focus` gives focus back to the field that had it."""
        template = self.template
        form = self.form
        self.refresh_clocks()
        if self.editing:
            self._close_editor(focus=False)
        if template is None:
            await form.clear()
            self.refresh_title()
            self._shown_template = None
            self.refresh_output()
            return
        field_id = form.field_id_of(self.focused) if keep_focus else None
        typed = frozenset(f.id for f in template.fields if self.workspace.typed_over(f.id))
        history = self.workspace.value_history(self.language)
        await form.show(template, self.workspace.values, self.language, typed, history)
        self.template_tree.select_template(template.id)
        self.refresh_title()
        self.refresh_output()
        if self._shown_template != template.id:
            self.preview.scroll_home(animate=False)
            self._shown_template = template.id
        if field_id:
            form.focus_field(field_id)
        elif focus_first:
            form.focus_first_empty(self.workspace.values)

    # -- after the first frame ------------------------------------------------------------

    def first_frame_shown(self) -> None:
        """The app's first frame is on the terminal (Textual's `Ready`): what it did not
        need starts now. Textual ran callbacks "after refresh" while the app still batched
        its first updates, so the lint and the clocks' thread used to delay that frame."""
        self._frame_shown = True
        self._start_after_frame()

    def _start_after_frame(self) -> None:
        """Once the case is shown and the first frame is on the terminal: import the lint
        engine and read the clocks off the UI thread, then show both at once (one layout);
        when the findings came with the first frame (`email_snapshot`), the clocks first."""
        if not (self._starting and self._mounted and self._frame_shown):
            return
        self._starting = False
        number = self.workspace.draft.number
        self._clocks_for = number
        if self.template is None and not number:
            return  # nothing to lint, no clocks (a new user's start)
        self._clocks_worker(partial(self._prepare_after_frame, number))

    def _prepare_after_frame(self, number: str | None) -> None:
        read = self._clocks_of(number) if number else None
        if self.workspace.known_findings is not None:
            # The findings are on screen already (the last save's snapshot): the clocks
            # need not wait for the imports below.
            if read is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show_clocks, number, *read)
            read = None
        if self.template is not None:
            self.workspace.prepare_lint()
        if get_current_worker().is_cancelled:
            read = None  # a newer read shows the clocks
        self.app.call_from_thread(self._after_frame_ready, number, read)

    def _after_frame_ready(self, number: str | None, read) -> None:
        self._first_lint()
        if number and read is not None:
            self._show_clocks(number, *read)

    def refresh_title(self) -> None:
        """The header's second line: the case's number (once it has one), the template."""
        template = self.template
        parts = [self.workspace.draft.number] if self.workspace.draft.number else []
        if template is not None:
            title = template.title_zh if self.language == "zh" else template.title
            parts.append(f"{template.id} · {title}")
        self.sub_title = visible(" · ".join(parts))
        if self.workspace.draft.number != self._clocks_for:  # the first save made the case
            self.refresh_clocks()

    # -- the open case's clocks -------------------------------------------------------------

    def refresh_clocks(self) -> None:
        """Read the open case's clocks off the UI thread and show them (hidden when the
        draft is no case yet). Called when the case changes, after a handoff, on coming
        back to this screen and once a minute; never per keystroke."""
        if not self.is_mounted or self._starting:
            return  # read after the first frame (`first_frame_shown`)
        number = self.workspace.draft.number
        self._clocks_for = number
        if not number:
            self.clocks.display = False
            return
        self._clocks_worker(partial(self._read_clocks, number))

    def _clocks_worker(self, work) -> None:
        """Run `work` off the UI thread; a newer read of the clocks replaces it."""
        self.run_worker(work, thread=True, exclusive=True, group="clocks", exit_on_error=False)

    def _clocks_of(self, number: str):
        """(clocks, calendar, near fraction) of case `number`, or None when the store is
        down (the app says so once; the line keeps what it had)."""
        workspace = self.workspace
        try:
            return workspace.clocks(number), workspace.calendar, workspace.policy.near_fraction
        except SrTuiError:
            return None

    def _read_clocks(self, number: str) -> None:
        read = self._clocks_of(number)
        if read is not None:
            self.app.call_from_thread(self._show_clocks, number, *read)

    def _show_clocks(self, number: str, clocks, calendar, near: float) -> None:
        if number != self.workspace.draft.number:
            return  # another case was opened meanwhile
        now = self.workspace.clock.now()
        self.clocks.show(clocks, now, calendar, near, self.language)

    def refresh_output(self, mark: tuple[int, int] | None = None) -> None:
        """Show the workspace's outgoing email and its findings."""
        preview = self.preview
        panel = self.lint_panel
        self._title_preview()
        if self.template is None:
            preview.show(None, empty=tr("no_template", self.language))
            panel.show((), self.language, empty=tr("lint_no_template", self.language))
            return
        try:
            email = self.workspace.rendered()
            edited = self.workspace.edited_text
            ws = self.workspace
            findings = ws.known_findings if self._lint_after_frame else ws.findings()
            self.render_problem = ""
        except RenderError as exc:
            # Keep the last good preview; say what is wrong once; never "ready to send".
            panel.show((), self.language, not_checked=str(exc))
            if str(exc) != self.render_problem:
                self.render_problem = str(exc)
                reason = visible(str(exc))
                self.notify(
                    tr("render_error", self.language, reason=reason), severity="error", markup=False
                )
            return
        if not self.editing:
            preview.show(email, mark, edited=edited)
        if findings is None:  # `first_frame_shown` lints it
            panel.show((), self.language, empty=tr("lint_checking", self.language))
            return
        self._show_findings(findings)
        # No refresh_bindings() here: it recomposes the footer, which was about half the
        # work of every keystroke. Which keys are live depends only on the template.

    def _show_findings(self, findings: tuple[Finding, ...]) -> None:
        labels = {f.id: self.workspace.label(f.id) for f in self.template.fields}
        self.lint_panel.show(findings, self.language, labels)

    def set_value(self, field_id: str, value: Value) -> None:
        if self.workspace.set_value(field_id, value):
            if len(self.preview.text) > BIG_EMAIL:
                # A big email (a long paste): render, lint and show it once the keys
                # pause, so typing in it stays quick.
                if self._output_timer is not None:
                    self._output_timer.stop()
                self._output_timer = self.set_timer(BIG_EMAIL_DELAY, self._refresh_later)
            else:
                self.refresh_output()
            self.post_message(self.CaseEdited(field_id))

    def _refresh_later(self) -> None:
        self._output_timer = None
        self.refresh_output()

    def _value_range(self, finding: Finding) -> tuple[int, int] | None:
        """Where the finding's text sits in its field's value (for the cursor)."""
        email = self.workspace.rendered()
        if email is None:
            return None
        span = next(
            (
                s
                for s in email.spans
                if s.field == finding.field
                and s.item == finding.item
                and s.start <= finding.start <= s.end
            ),
            None,
        )
        if span is None or not span.filled:
            return None
        value = self.workspace.values.get(span.field)
        if isinstance(value, list):
            filled = [v for v in value if v.strip()]
            value = filled[span.item] if span.item is not None and span.item < len(filled) else ""
        if not isinstance(value, str):
            return None
        shown = email.text[span.start : span.end]
        start = value_offset(value, shown, finding.start - span.start)
        end = value_offset(value, shown, min(finding.end, span.end) - span.start)
        return start, max(start, end)
