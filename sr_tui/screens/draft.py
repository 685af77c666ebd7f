"""The main screen: template tree, form, live preview and lint panel for one case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from sr_tui.core.catalog import Catalog
from sr_tui.core.model import Email, Field, Template, Value, Values
from sr_tui.core.render import RenderError, render
from sr_tui.i18n import Language, tr
from sr_tui.widgets.field_form import FieldForm
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.preview import Part, Preview
from sr_tui.widgets.template_tree import TemplateTree

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding


def extra_fields() -> tuple[Field, ...]:
    """Form fields no template's text uses: the recipient, for .eml and mailto."""
    from sr_tui.core.handoff import CUSTOMER_EMAIL

    return (CUSTOMER_EMAIL,)


class DraftScreen(Screen[None]):
    """Holds the case's values; asks the core for the email and its findings."""

    BINDINGS = [
        Binding("ctrl+y", "copy('all')", "Copy email", id="copy", tooltip="Copy subject and body"),
        Binding("ctrl+n", "new_case", "New case", id="new_case", tooltip="Clear every value"),
        Binding(
            "f5", "export_eml", "Export .eml", id="export_eml", show=False, tooltip="Outlook draft"
        ),
        Binding(
            "f6", "open_mail", "Mail client", id="open_mail", show=False, tooltip="mailto: link"
        ),
    ]

    template: reactive[Template | None] = reactive(None, init=False, bindings=True)

    def __init__(
        self,
        catalog: Catalog,
        language: Language,
        signature: Values | None = None,
        lint_table: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.language: Language = language
        #: What the user typed for this case. The signature from settings sits below it.
        self.values: Values = {}
        self.signature: Values = dict(signature or {})
        #: The `[lint]` settings table; the linter (and its import) waits for the first email.
        self.lint_table = dict(lint_table or {})
        self._lint_config = None
        self.email: Email | None = None
        self.findings: tuple[Finding, ...] = ()
        self.render_problem = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield TemplateTree(self.catalog, self.language, id="tree")
            yield FieldForm(id="form")
            with Vertical(id="right"):
                yield Preview(id="preview")
                yield LintPanel(id="lint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_language(self.language)
        self.refresh_output()

    # -- language --------------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        self.query_one(TemplateTree).set_language(language)
        self.query_one(TemplateTree).border_title = tr("templates", language)
        self.query_one(FieldForm).border_title = tr("form", language)
        self.query_one(Preview).border_title = tr("preview", language)
        if self.template:
            self.query_one(TemplateTree).select_template(self.template.id)
            self.run_worker(self._reshow_form(), exclusive=True, group="form")
        self.refresh_output()

    async def _reshow_form(self) -> None:
        if self.template:
            form = self.query_one(FieldForm)
            # Rebuilding the form removes the focused editor: give focus back to its field.
            field_id = form.field_id_of(self.focused)
            await form.show(self.template, self.effective_values(), self.language, extra_fields())
            if field_id:
                form.focus_field(field_id)

    # -- opening templates ------------------------------------------------------------

    async def open_template(self, template_id: str) -> None:
        """Show `template_id`'s form with the case's values and focus its first empty field."""
        template = self.catalog.get(template_id)
        self.template = template
        form = self.query_one(FieldForm)
        await form.show(template, self.effective_values(), self.language, extra_fields())
        self.query_one(TemplateTree).select_template(template.id)
        title = template.title_zh if self.language == "zh" else template.title
        self.sub_title = f"{template.id} · {title}"
        self.refresh_output()
        form.focus_first_empty(self.effective_values())
        self.app.draft_changed(opened=template.id)

    @on(TemplateTree.Chosen)
    async def _tree_chosen(self, event: TemplateTree.Chosen) -> None:
        await self.open_template(event.template_id)

    # -- values -> email -> findings ------------------------------------------------

    @on(FieldForm.Changed)
    def _field_changed(self, event: FieldForm.Changed) -> None:
        self.set_value(event.field_id, event.value)

    def set_value(self, field_id: str, value: Value) -> None:
        self.values[field_id] = value
        self.refresh_output()
        self.app.draft_changed()

    def effective_values(self) -> Values:
        """The signature from settings, overridden by anything typed for this case."""
        return {**self.signature, **self.values}

    def set_signature(self, signature: Values) -> None:
        self.signature = dict(signature)
        if self.template:
            self.run_worker(self._reshow_form(), exclusive=True, group="form")
        self.refresh_output()

    def refresh_output(self, mark: tuple[int, int] | None = None) -> None:
        """Render and lint the current template with the values; show both."""
        preview = self.query_one(Preview)
        panel = self.query_one(LintPanel)
        if self.template is None:
            self.email, self.findings = None, ()
            preview.show(None, empty=tr("no_template", self.language))
            panel.show((), self.language)
            return
        try:
            self.email = render(self.template, self.effective_values())
            self.render_problem = ""
        except RenderError as exc:
            # Keep the last good preview; say what is wrong once.
            if str(exc) != self.render_problem:
                self.render_problem = str(exc)
                self.notify(
                    tr("render_error", self.language, reason=exc), severity="error", markup=False
                )
            return
        self.findings = tuple(self._lint(self.email))
        preview.show(self.email, mark)
        labels = {
            f.id: f.label_zh if self.language == "zh" else f.label for f in self.template.fields
        }
        panel.show(self.findings, self.language, labels)
        # No refresh_bindings() here: it recomposes the footer, which was about half the
        # work of every keystroke. Which keys are live depends only on `template`
        # (check_action), and that reactive refreshes the bindings itself.

    def _lint(self, email: Email) -> list[Finding]:
        from sr_tui.core.lint import LintConfig, lint_email

        if self._lint_config is None:
            self._lint_config, _ = LintConfig.from_table(self.lint_table)
        return lint_email(email, self._lint_config)

    @on(LintPanel.Chosen)
    def _finding_chosen(self, event: LintPanel.Chosen) -> None:
        finding = event.finding
        field_id = getattr(finding, "field", None)
        if field_id and self.template and field_id in self.template.field_ids:
            self.query_one(FieldForm).focus_field(field_id, getattr(finding, "item", None))
            return
        self.refresh_output(mark=(finding.start, max(finding.end, finding.start + 1)))
        self.query_one(Preview).scroll_to_offset(finding.start)

    # -- actions -----------------------------------------------------------------------

    def action_new_case(self) -> None:
        self.app.archive_case()  # the previous case stays reopenable from the palette
        self.values = {}
        if self.template:
            self.run_worker(self.open_template(self.template.id), exclusive=True, group="form")
        else:
            self.refresh_output()
        self.app.draft_changed()
        self.notify(tr("new_case_done", self.language))

    async def restore(self, template_id: str | None, values: Values) -> None:
        """Bring back a saved case: its values, and its template if it still exists."""
        self.values = dict(values)
        try:
            template = self.catalog.get(template_id) if template_id else None
        except KeyError:
            template = None
        if template is None:
            self.refresh_output()
            return
        await self.open_template(template.id)

    def action_export_eml(self) -> None:
        if self.template is None:
            return
        from sr_tui.core.handoff import HandoffError, default_export_dir, export_eml

        values = self.effective_values()
        try:
            path = export_eml(
                render(self.template, values),
                default_export_dir(self.app.settings.export_dir),
                values,
                layout=self.app.copy_layout,
            )
        except (OSError, HandoffError, RenderError) as exc:
            self.notify(
                tr("export_failed", self.language, reason=exc), severity="error", markup=False
            )
            return
        self.notify(tr("exported", self.language, path=path), markup=False, timeout=10)

    def action_open_mail(self) -> None:
        if self.template is None:
            return
        self.app.open_mail(render(self.template, self.effective_values()), self.effective_values())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export_eml", "open_mail"):
            return self.template is not None
        if action == "copy":
            # With problems, copying still works: it asks first (see action_copy).
            return self.template is not None
        return True

    def problems(self) -> tuple[list[str], list[str]]:
        """Unfilled field labels and error messages that make the email not ready."""
        if self.email is None or self.template is None:
            return [], []
        unfilled: list[str] = []
        for span in self.email.unfilled:
            field = self.template.field(span.field)
            label = field.label_zh if self.language == "zh" else field.label
            if label not in unfilled:
                unfilled.append(label)
        errors = [
            f"{f.rule} {f.message}"
            for f in self.findings
            if f.severity == "error" and f.rule != "SR005"
        ]
        return unfilled, errors

    @on(Preview.CopyRequested)
    def _preview_copy(self, event: Preview.CopyRequested) -> None:
        self.action_copy(event.part)

    def action_copy(self, part: Part = "all") -> None:
        if self.template is None:
            return
        unfilled, errors = self.problems()
        if unfilled or errors:
            from sr_tui.screens.confirm_copy import ConfirmCopyScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._copy(part)

            self.app.push_screen(ConfirmCopyScreen(unfilled, errors, self.language), answered)
            return
        self._copy(part)

    def _copy(self, part: Part) -> None:
        assert self.template is not None
        try:
            email = render(self.template, self.effective_values(), layout=self.app.copy_layout)
        except RenderError as exc:
            self.notify(
                tr("render_error", self.language, reason=exc), severity="error", markup=False
            )
            return
        what = {"all": "what_email", "subject": "what_subject", "body": "what_body"}[part]
        self.app.copy_text(email.part(part), what)
