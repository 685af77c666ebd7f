"""The compose screen's in-place editing: the email editor, and asking before an edit is lost."""

from __future__ import annotations

from sr_tui.core.errors import RenderError


class ComposeEditorMixin:
    """The ComposeScreen's editor: F3 turns the preview into it and back; a value change
    that would throw the edit away asks first (the `@on` handlers stay on the screen)."""

    def _ask_to_discard(self, field_id: str) -> None:
        from sr_tui.screens.confirm import discard_question

        self._asking_for = field_id

        def answered(discard: bool | None) -> None:
            self._asking_for = None
            form = self.form
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
        editor = self.email_editor
        editor.load(text or "")
        self.preview.display = False
        editor.display = True
        self.set_focus(editor)

    def _close_editor(self, focus: bool = True) -> None:
        editor = self.email_editor
        preview = self.preview
        editor.display = False
        preview.display = True
        self.refresh_output()
        if focus:
            self.set_focus(preview)
