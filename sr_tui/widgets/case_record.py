"""The case record as a form: the seed's request-record fields (技术支持请求登记表) with
their help, in English or Chinese. `record()` gives back the case with what was typed."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from sr_tui.core.cases.labels import (
    FIELD_HELP,
    FIELD_LABELS,
    LEVEL_LABELS,
    SCENARIO_LABELS,
    label,
)
from sr_tui.core.cases.model import Case, Priority, Scenario, Urgency
from sr_tui.core.cases.similar import split_keywords
from sr_tui.i18n import Language

TEXT_FIELDS = ("title", "requester", "company", "contact", "area", "assignee")
CHOICES = {
    "urgency": (Urgency, LEVEL_LABELS),
    "scenario": (Scenario, SCENARIO_LABELS),
    "priority": (Priority, LEVEL_LABELS),
}
LONG_FIELDS = ("description", "resolution", "root_cause")
ORDER = (
    "title",
    "requester",
    "company",
    "contact",
    "urgency",
    "urgency_reason",
    "scenario",
    "area",
    "priority",
    "description",
    "assignee",
    "keywords",
    "resolution",
    "root_cause",
    "knowledge",
)
#: What closing a case writes on the record (the close dialog's fields).
ARCHIVE_FIELDS = ("keywords", "resolution", "root_cause", "knowledge")


class CaseRecord(VerticalScroll):
    def __init__(self, case: Case, language: Language, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.language: Language = language

    def compose(self) -> ComposeResult:
        for name in ORDER:
            with Vertical(classes="field", id=f"record-{name}"):
                if name != "knowledge":  # a checkbox names itself
                    yield Label(
                        label(FIELD_LABELS, name, self.language),
                        classes="field-label",
                        markup=False,
                    )
                yield self._editor(name)
                yield Static(
                    label(FIELD_HELP, name, self.language), classes="field-help", markup=False
                )

    def _editor(self, name: str):
        value = getattr(self.case, name)
        widget_id = f"r-{name}"
        if name in CHOICES:
            enum, labels = CHOICES[name]
            options = [(label(labels, m.value, self.language), m.value) for m in enum]
            return Select(options, value=value.value, allow_blank=False, id=widget_id, compact=True)
        if name in LONG_FIELDS:
            area = TextArea(value, id=widget_id, soft_wrap=True, show_line_numbers=False)
            area.styles.height = 5
            return area
        if name == "keywords":
            return Input(", ".join(value), id=widget_id, compact=True)
        if name == "knowledge":
            text = label(FIELD_LABELS, name, self.language)
            return Checkbox(text, value, id=widget_id, compact=True)
        return Input(str(value), id=widget_id, compact=True)

    def show_saved(self, case: Case, names: tuple[str, ...] = ARCHIVE_FIELDS) -> None:
        """Take `case` as saved (its version, so the next save is no conflict) and show
        its `names` fields; the other fields keep what was typed."""
        self.case = case
        for name in names:
            widget = self.query_one(f"#r-{name}")
            value = getattr(case, name)
            if isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Checkbox):
                widget.value = value
            elif name == "keywords":
                widget.value = ", ".join(value)
            else:
                widget.value = str(value)

    def record(self) -> Case:
        """The case with the form's values."""
        changes: dict[str, object] = {}
        for name in ORDER:
            widget = self.query_one(f"#r-{name}")
            if isinstance(widget, Select):
                changes[name] = str(widget.value)
            elif isinstance(widget, TextArea):
                changes[name] = widget.text
            elif isinstance(widget, Checkbox):
                changes[name] = widget.value
            elif name == "keywords":
                changes[name] = split_keywords(widget.value)
            else:
                changes[name] = widget.value.strip()
        return replace(self.case, **changes)

    def assigned(self, case: Case) -> None:
        """`case` was handed over: its assignee shown, the other edits in the form kept."""
        self.case = case  # `record()` lays the form's values over it
        self.query_one("#r-assignee", Input).value = case.assignee
