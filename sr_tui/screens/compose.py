"""The compose screen: template tree, form, live preview and lint panel for the open case.

It is given the app's `Workspace` (attributes down) and shows what it says: edits in the
form go to the Workspace and the preview and lint panel show its email and findings.
What the app must act on (save, hand off, start a new case) is posted up as a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.safe_text import visible
from sr_tui.core.templates.model import Email, Template, Value, Values
from sr_tui.core.templates.render import RenderError
from sr_tui.i18n import Language, tr
from sr_tui.widgets.field_form import FieldForm
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.preview import Part, Preview
from sr_tui.widgets.template_tree import TemplateTree

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding
    from sr_tui.workspace import Workspace


class ComposeScreen(TranslatedBindings, Screen[None]):
    """Writes the open case's email; see the module docstring."""

    BINDINGS = [
        Binding("ctrl+y", "handoff('copy')", "Copy email", id="copy", tooltip="Subject and body"),
        Binding("ctrl+n", "new_case", "New case", id="new_case", tooltip="Put this case aside"),
        Binding(
            "f5", "handoff('eml')", "Export .eml", id="export_eml", show=False, tooltip="Outlook"
        ),
        Binding(
            "f6", "handoff('mailto')", "Mail client", id="open_mail", show=False, tooltip="mailto:"
        ),
    ]

    class CaseEdited(Message):
        """A value of the case changed (the app saves it shortly)."""

        def __init__(self, field_id: str | None = None, opened: str | None = None) -> None:
            super().__init__()
            self.field_id = field_id
            self.opened = opened

    class HandoffRequested(Message):
        """The user asked to send the email out: `kind` is copy, eml or mailto."""

        def __init__(self, kind: str, part: Part = "all") -> None:
            super().__init__()
            self.kind = kind
            self.part = part

    class NewCaseRequested(Message):
        """The user asked for a new case (the open one is put aside)."""

    def __init__(self, workspace: Workspace, language: Language) -> None:
        super().__init__()
        self.workspace = workspace
        self.language: Language = language
        self.render_problem = ""

    # -- what the workspace says ----------------------------------------------------------

    @property
    def template(self) -> Template | None:
        return self.workspace.template

    @property
    def values(self) -> Values:
        """What the user typed for this case (the signature from settings sits below)."""
        return self.workspace.draft.values

    @property
    def signature(self) -> Values:
        return self.workspace.signature

    @property
    def email(self) -> Email | None:
        try:
            return self.workspace.email()
        except RenderError:
            return None

    @property
    def findings(self) -> tuple[Finding, ...]:
        try:
            return self.workspace.findings()
        except RenderError:
            return ()

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield TemplateTree(self.workspace.catalog, self.language, id="tree")
            yield FieldForm(id="form")
            with Vertical(id="right"):
                yield Preview(id="preview")
                yield LintPanel(id="lint")
        yield Footer()

    async def on_mount(self) -> None:
        self._set_titles()
        await self.show_case(focus_first=True)

    def set_language(self, language: Language) -> None:
        self.language = language
        self.query_one(TemplateTree).set_language(language)
        self._set_titles()
        self.run_worker(self.show_case(keep_focus=True), exclusive=True, group="form")

    def _set_titles(self) -> None:
        self.query_one(TemplateTree).border_title = tr("templates", self.language)
        self.query_one(FieldForm).border_title = tr("form", self.language)
        self.query_one(Preview).border_title = tr("preview", self.language)

    def toggle_lint(self) -> None:
        panel = self.query_one(LintPanel)
        panel.display = not panel.display

    # -- showing the case -------------------------------------------------------------------

    async def show_case(self, keep_focus: bool = False, focus_first: bool = False) -> None:
        """Show the workspace's case: the form of its template with its values, then the
        email and findings. `keep_focus` gives focus back to the field that had it."""
        template = self.template
        form = self.query_one(FieldForm)
        if template is None:
            await form.clear()
            self.refresh_title()
            self.refresh_output()
            return
        field_id = form.field_id_of(self.focused) if keep_focus else None
        history = self.workspace.value_history(self.language)
        await form.show(template, self.workspace.values, self.language, history)
        self.query_one(TemplateTree).select_template(template.id)
        self.refresh_title()
        self.refresh_output()
        if field_id:
            form.focus_field(field_id)
        elif focus_first:
            form.focus_first_empty(self.workspace.values)

    def refresh_title(self) -> None:
        """The header's second line: the case's number (once it has one), the template."""
        template = self.template
        parts = [self.workspace.draft.number] if self.workspace.draft.number else []
        if template is not None:
            title = template.title_zh if self.language == "zh" else template.title
            parts.append(f"{template.id} · {title}")
        self.sub_title = visible(" · ".join(parts))

    async def open_template(self, template_id: str) -> None:
        """Open a template on the case and focus its first empty field."""
        self.workspace.open_template(template_id)
        await self.show_case(focus_first=True)
        self.post_message(self.CaseEdited(opened=template_id))

    def refresh_output(self, mark: tuple[int, int] | None = None) -> None:
        """Show the workspace's email and findings."""
        preview = self.query_one(Preview)
        panel = self.query_one(LintPanel)
        if self.template is None:
            preview.show(None, empty=tr("no_template", self.language))
            panel.show((), self.language)
            return
        try:
            email = self.workspace.email()
            findings = self.workspace.findings()
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
        preview.show(email, mark)
        labels = {f.id: self.workspace.label(f.id) for f in self.template.fields}
        panel.show(findings, self.language, labels)
        # No refresh_bindings() here: it recomposes the footer, which was about half the
        # work of every keystroke. Which keys are live depends only on the template.

    # -- the user's edits -------------------------------------------------------------------

    @on(TemplateTree.Chosen)
    async def _tree_chosen(self, event: TemplateTree.Chosen) -> None:
        await self.open_template(event.template_id)

    @on(FieldForm.Changed)
    def _field_changed(self, event: FieldForm.Changed) -> None:
        self.set_value(event.field_id, event.value)

    def set_value(self, field_id: str, value: Value) -> None:
        if self.workspace.set_value(field_id, value):
            self.refresh_output()
            self.post_message(self.CaseEdited(field_id))

    @on(LintPanel.Chosen)
    def _finding_chosen(self, event: LintPanel.Chosen) -> None:
        finding = event.finding
        field_id = getattr(finding, "field", None)
        if field_id and self.template and field_id in self.template.field_ids:
            self.query_one(FieldForm).focus_field(field_id, getattr(finding, "item", None))
            return
        self.refresh_output(mark=(finding.start, max(finding.end, finding.start + 1)))
        self.query_one(Preview).scroll_to_offset(finding.start)

    @on(Preview.CopyRequested)
    def _preview_copy(self, event: Preview.CopyRequested) -> None:
        self.post_message(self.HandoffRequested("copy", event.part))

    # -- actions ------------------------------------------------------------------------

    def action_handoff(self, kind: str, part: Part = "all") -> None:
        if self.template is not None:
            self.post_message(self.HandoffRequested(kind, part))

    def action_copy(self, part: Part = "all") -> None:
        self.action_handoff("copy", part)

    def action_new_case(self) -> None:
        self.post_message(self.NewCaseRequested())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("handoff", "copy"):
            # With problems, sending still works: the app asks first.
            return self.template is not None
        return True
