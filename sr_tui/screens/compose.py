"""The compose screen: template tree, form, live preview and lint panel for the open case.

It is given the app's `Workspace` (attributes down) and shows what it says: edits in the
form go to the Workspace and the preview and lint panel show its outgoing email and
findings. F3 (or `e` in the preview) turns the preview into an editor holding the email,
to finish it in place; the Workspace keeps that edit until a value changes, and this
screen asks before a change throws it away. What the app must act on (save, hand off,
start a new case) is posted up as a message.

What it shows is in `compose_output`, the in-place editor in `compose_editor` (mixins of
plain methods: the `@on` handlers stay here, Textual collects them from this class).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.errors import RenderError
from sr_tui.core.templates.model import Email, Template, Values
from sr_tui.i18n import Language, tr
from sr_tui.screens.compose_editor import ComposeEditorMixin
from sr_tui.screens.compose_output import BIG_EMAIL, BIG_EMAIL_DELAY, ComposeOutputMixin
from sr_tui.screens.one_paint import OnePaintScreenMixin
from sr_tui.widgets.case_clocks import CaseClocks
from sr_tui.widgets.email_editor import EmailEditor
from sr_tui.widgets.field_form import FieldForm
from sr_tui.widgets.key_footer import KeyFooter
from sr_tui.widgets.lint_panel import LintPanel
from sr_tui.widgets.preview import Part, Preview
from sr_tui.widgets.template_tree import TemplateTree

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding
    from sr_tui.workspace import Workspace


#: The clocks line is read again this often (seconds), so "left" counts down.
CLOCKS_EVERY = 60.0

__all__ = ["BIG_EMAIL", "BIG_EMAIL_DELAY", "CLOCKS_EVERY", "ComposeScreen"]


class ComposeScreen(
    OnePaintScreenMixin, ComposeOutputMixin, ComposeEditorMixin, TranslatedBindings, Screen[None]
):
    """Writes the open case's email; see the module docstring."""

    BINDINGS = [
        # Priority: a multi-line field's own ctrl+y (redo) and F6 (select line) must not
        # swallow the ways out of the email.
        Binding(
            "ctrl+y",
            "handoff('copy')",
            "Copy email",
            id="copy",
            tooltip="Subject and body",
            priority=True,
        ),
        Binding("ctrl+n", "new_case", "New case", id="new_case", tooltip="Put this case aside"),
        Binding("f3", "edit_email", "Edit email", id="edit_email", tooltip="Finish it in place"),
        Binding(
            "f5",
            "handoff('eml')",
            "Export .eml",
            id="export_eml",
            show=False,
            tooltip="Outlook",
            priority=True,
        ),
        Binding(
            "f6",
            "handoff('mailto')",
            "Mail client",
            id="open_mail",
            show=False,
            tooltip="mailto:",
            priority=True,
        ),
        # Focus moves as the key arrives, so keys sent in one burst after a Tab (a text
        # expander, a fast paste) land in the next field, not in this one.
        Binding("tab", "focus_move(1)", show=False, priority=True),
        Binding("shift+tab", "focus_move(-1)", show=False, priority=True),
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

    class Notice(Message):
        """Something to tell the user in a notice (the app shows it)."""

        def __init__(self, message: str, severity: str = "information") -> None:
            super().__init__()
            self.message = message
            self.severity = severity

    # The screen's parts (the mixins use them too).
    template_tree = getters.query_one(TemplateTree)
    form = getters.query_one(FieldForm)
    preview = getters.query_one(Preview)
    email_editor = getters.query_one(EmailEditor)
    lint_panel = getters.query_one(LintPanel)
    clocks = getters.query_one(CaseClocks)
    footer = getters.query_one(KeyFooter)

    def __init__(self, workspace: Workspace, language: Language) -> None:
        super().__init__()
        self.workspace = workspace
        self.language: Language = language
        self.render_problem = ""
        #: The field whose change waits for the answer to "throw away the edit?".
        self._asking_for: str | None = None
        self._shown_template: str | None = None
        #: The case whose clocks the clocks line shows (or is reading).
        self._clocks_for: str | None = None
        #: While the screen mounts: the findings are shown after the first frame.
        self._lint_after_frame = False
        #: Until the first frame is on the terminal: no clocks are read (see
        #: `first_frame_shown`); `_mounted` once on_mount has shown the case.
        self._starting = True
        self._frame_shown = self._mounted = False
        self._resumed = False
        self._output_timer = None

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
        """The email as it will be sent (the edit, if there is one)."""
        try:
            return self.workspace.outgoing()
        except RenderError:
            return None

    @property
    def findings(self) -> tuple[Finding, ...]:
        try:
            return self.workspace.findings()
        except RenderError:
            return ()

    @property
    def editing(self) -> bool:
        return self.email_editor.display

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield TemplateTree(self.workspace.catalog, self.language, id="tree")
            yield FieldForm(id="form")
            with Vertical(id="right"):
                yield Preview(id="preview")
                yield EmailEditor(id="editor")
                yield LintPanel(id="lint")
        yield CaseClocks(id="clocks")
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.email_editor.display = False
        # A case's clocks line keeps its row from the first frame: when the clocks are
        # read (after that frame) only the line is painted, not every panel laid out again.
        self.clocks.display = bool(self.workspace.draft.number)
        self._set_titles()
        # The first frame shows the case and its email (and its findings, when the last
        # start's snapshot of them is still good); the lint engine is imported and run and
        # the clocks are read after it (a returning user's start waited for them).
        self._lint_after_frame = True
        await self.show_case(focus_first=True)
        self._lint_after_frame = False
        await self.footer.show_keys_now()  # the keys of that focus
        self._mounted = True
        self._start_after_frame()
        self.set_interval(CLOCKS_EVERY, self.refresh_clocks)

    def _first_lint(self, waited: bool = False) -> None:
        if not waited and self.app.screen is not self:
            # A screen pushed at start (the first-run questions) paints first.
            self.call_after_refresh(self._first_lint, True)
            return
        if self.template is not None and not self.editing:
            if self.workspace.recheck_snapshot():
                self.refresh_output()  # the snapshot shown was not what it makes now
                return
            try:
                findings = self.workspace.findings()
            except RenderError:
                return  # refresh_output said so
            self._show_findings(findings)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Its first time on top: every widget was styled as it mounted, a moment ago.
            # Textual restyles a resumed screen whole (60-odd widgets of a restored case,
            # 40-60 ms before the first frame on a slow host); later resumes need it
            # (the suspended screen's class, a theme changed meanwhile).
            self._resumed = True
            event.refresh_styles = False
        self.refresh_clocks()  # back from the case screen: a call or a reply moves them

    def set_language(self, language: Language) -> None:
        self.language = language
        self.template_tree.set_language(language)
        self._set_titles()
        self.run_worker(self.show_case(keep_focus=True), exclusive=True, group="form")

    def _set_titles(self) -> None:
        self.template_tree.border_title = tr("templates", self.language)
        self.form.border_title = tr("form", self.language)
        self.email_editor.border_title = tr("editor", self.language)
        self._title_preview()

    def _title_preview(self) -> None:
        edited = self.workspace.edited_text is not None
        title = tr("preview_edited" if edited else "preview", self.language)
        preview = self.preview
        if preview.border_title != title:  # setting it, even unchanged, costs a repaint
            preview.border_title = title

    def toggle_lint(self) -> None:
        panel = self.lint_panel
        panel.display = not panel.display

    async def open_template(self, template_id: str) -> None:
        """Open a template on the case and focus its first empty field."""
        self.workspace.open_template(template_id)
        await self.show_case(focus_first=True)
        self.post_message(self.CaseEdited(opened=template_id))

    # -- the user's edits -------------------------------------------------------------------

    @on(TemplateTree.Chosen)
    async def _tree_chosen(self, event: TemplateTree.Chosen) -> None:
        await self.open_template(event.template_id)

    @on(FieldForm.Changed)
    def _field_changed(self, event: FieldForm.Changed) -> None:
        if self._asking_for is not None:
            return  # the answer decides (it reads the field as it is then)
        if self.workspace.edit_at_stake(event.field_id, event.value):
            self._ask_to_discard(event.field_id)
            return
        self.set_value(event.field_id, event.value)

    @on(FieldForm.Joined)
    def _lines_joined(self, event: FieldForm.Joined) -> None:
        label = self.workspace.label(event.field_id)
        self.post_message(
            self.Notice(tr("paste_joined", self.language, n=event.lines, field=label))
        )

    @on(LintPanel.Chosen)
    def _finding_chosen(self, event: LintPanel.Chosen) -> None:
        finding = event.finding
        if self.editing:
            editor = self.email_editor
            editor.select_range(finding.start, max(finding.end, finding.start))
            self.set_focus(editor)
            return
        field_id = getattr(finding, "field", None)
        if field_id and self.template and field_id in self.template.field_ids:
            at = self._value_range(finding)
            self.form.focus_field(field_id, getattr(finding, "item", None), at)
            return
        self.refresh_output(mark=(finding.start, max(finding.end, finding.start + 1)))
        self.preview.scroll_to_offset(finding.start)

    @on(Preview.CopyRequested)
    def _preview_copy(self, event: Preview.CopyRequested) -> None:
        self.post_message(self.HandoffRequested("copy", event.part))

    # -- the email finished in place ------------------------------------------------------

    @on(Preview.EditRequested)
    def _preview_edit(self) -> None:
        self.action_edit_email()

    @on(EmailEditor.Edited)
    def _email_edited(self, event: EmailEditor.Edited) -> None:
        try:
            changed = self.workspace.set_edited_text(event.text)
            findings = self.workspace.findings()
        except RenderError:
            return
        self._title_preview()
        self._show_findings(findings)
        if changed:
            self.post_message(self.CaseEdited())

    @on(EmailEditor.Done)
    def _editor_done(self) -> None:
        self._close_editor()

    # -- actions ------------------------------------------------------------------------

    def action_focus_move(self, direction: int) -> None:
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_handoff(self, kind: str, part: Part = "all") -> None:
        if self.template is not None:
            self.post_message(self.HandoffRequested(kind, part))

    def action_copy(self, part: Part = "all") -> None:
        self.action_handoff("copy", part)

    def action_new_case(self) -> None:
        self.post_message(self.NewCaseRequested())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("handoff", "copy", "edit_email"):
            # With problems, sending still works: the app asks first.
            return self.template is not None
        return True
