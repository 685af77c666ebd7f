"""The compose screen's in-place editing: the email editor, and asking before an edit is lost."""

from __future__ import annotations

from sr_tui.core.templates.render import RenderError
from sr_tui.widgets.email_editor import EmailEditor
from sr_tui.widgets.field_form import FieldForm
from sr_tui.widgets.preview import Preview


class ComposeEditorMixin:
    """The ComposeScreen's editor: F3 turns the preview into it and back; a value change
    that would throw the edit away asks first (the `@on` handlers stay on the screen)."""

    def _ask_to_discard(self, field_id: str) -> None:
        from sr_tui.screens.confirm import discard_question

        self._asking_for = field_id

        def answered(discard: bool | None) -> None:
            self._asking_for = None
            form = self.query_one(FieldForm)
            value = form.value_of(field_id)
            if discard and value is not None:
                self.workspace.discard_edit()
                self.set_value(field_id, value)
                self.refresh_output()
            else:
                # Keep the edit: the field goes back to the value the email was made from.
                self.run_worker(self.show_case(keep_focus=True), exclusive=True, group="form")

        self.app.push_screen(discard_question(self.language), answered)

    def action_edit_email(self) -> None:
        """Turn the preview into an editor holding the email (F3 again: back)."""
        if self.editing:
            self._close_editor()
            return
        if self.template is None:
            return
        try:
            text = self.workspace.outgoing_text()
        except RenderError:
            return
        editor = self.query_one(EmailEditor)
        editor.load(text or "")
        self.query_one(Preview).display = False
        editor.display = True
        self.set_focus(editor)

    def _close_editor(self, focus: bool = True) -> None:
        editor = self.query_one(EmailEditor)
        preview = self.query_one(Preview)
        editor.display = False
        preview.display = True
        self.refresh_output()
        if focus:
            self.set_focus(preview)
