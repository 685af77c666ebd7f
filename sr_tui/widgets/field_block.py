"""One field of the form: its label line, its editor and its help text, kept while the
form lives and given another template's field of the same kind when one is opened."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from sr_tui.core.templates.model import Field, Value
from sr_tui.i18n import Language, tr
from sr_tui.widgets.field_editors import new_editor, refill_editor
from sr_tui.widgets.plain_text import no_markup


def field_texts(field: Field, language: Language, typed: bool, sent: str | None) -> tuple[str, str]:
    """A field's label line and help text, as markup. `typed`: a signature field holds a
    value typed for this case; `sent`: where its value was sent before."""
    label = field.label_zh if language == "zh" else field.label
    notes = [sent] if sent else []
    if field.optional:
        notes.append(tr("optional", language))
    if field.source == "settings":
        notes.append(tr("typed_for_case" if typed else "from_settings", language))
    if field.source == "email":
        notes.append(tr("this_email_only", language))
    title = no_markup(label) + (f" [dim]({', '.join(notes)})[/dim]" if notes else "")
    help_text = no_markup((field.help_zh or field.help) if language == "zh" else field.help)
    if field.suggestions:
        help_text += "\n" + no_markup(" · ".join(field.suggestions)) + "   [dim](F2)[/dim]"
    return title, help_text


class FieldBlock(Vertical):
    """One field: its label, its editor, its help; kept while the form lives.

    The help shows only while the field has the focus, so it is made the first time it
    does (`shown_help`): a form's other blocks are two widgets, not three, in the first
    frame (Textual mounts a widget in some 4 ms on a slow host)."""

    def __init__(self, field: Field, title: str, editor: Widget, help_text: str) -> None:
        self.label = Label(title, classes="field-label", markup=True)
        super().__init__(self.label, editor, classes="field", id=f"block-{field.id}")
        self.help: Static | None = None
        self.field = field
        self.editor = editor
        self.title = title
        self.help_text = help_text

    def shown_help(self) -> Static:
        """The help, made and mounted below the editor the first time it is shown."""
        if self.help is None:
            self.help = Static(self.help_text, classes="field-help", markup=True)
            self.mount(self.help)
        return self.help

    @classmethod
    def new(
        cls,
        field: Field,
        value: Value | None,
        language: Language,
        typed: bool = False,
        sent: str | None = None,
    ) -> FieldBlock:
        """A block for `field` with a new editor holding `value`."""
        title, help_text = field_texts(field, language, typed, sent)
        return cls(field, title, new_editor(field, value, language), help_text)

    def refill(
        self, field: Field, shown: Value, language: Language, typed: bool, sent: str | None
    ) -> None:
        """Show `field` (of the same kind as the block's) and `shown`, what its editor
        holds for the case, posting nothing; only what differs is updated."""
        title, help_text = field_texts(field, language, typed, sent)
        if self.title != title:
            self.title = title
            self.label.update(title)
        if self.help_text != help_text:
            self.help_text = help_text
            if self.help is not None:
                self.help.update(help_text)
        old, self.field = self.field, field
        refill_editor(self.editor, old, field, shown, language)
