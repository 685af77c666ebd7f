"""Lint findings for the rendered email, worst first; choosing one posts `Chosen`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding

ICONS = {"error": "✖", "warning": "▲", "suggestion": "●"}


class LintPanel(OptionList):
    COMPONENT_CLASSES = {"lint-panel--error", "lint-panel--warning", "lint-panel--suggestion"}
    DEFAULT_CSS = """
    LintPanel .lint-panel--error { color: $text-error; text-style: bold; }
    LintPanel .lint-panel--warning { color: $text-warning; text-style: bold; }
    LintPanel .lint-panel--suggestion { color: $text-accent; }
    /* Keep room for the scrollbar, so option heights do not change when it appears. */
    LintPanel { scrollbar-gutter: stable; }
    """

    class Chosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()
        self.language: Language = "en"
        self.labels: dict[str, str] = {}

    def show(
        self,
        findings: Sequence[Finding],
        language: Language,
        labels: dict[str, str] | None = None,
        *,
        not_checked: str = "",
    ) -> None:
        """Show `findings`; `labels` names the fields they came from (id -> label).
        `not_checked` says why there are none to show (the email cannot be rendered):
        shown instead of "ready to send"."""
        self.labels = labels or {}
        self.findings = tuple(findings)
        self.language = language
        highlighted = self.highlighted
        self.clear_options()
        if not_checked:
            message = tr("lint_render_failed", language, reason=visible(not_checked))
            self.add_option(Option(Text(message, style="bold"), disabled=True))
        elif not self.findings:
            self.add_option(Option(Text(tr("lint_clean", language), style="dim"), disabled=True))
        else:
            self.add_options(
                [Option(self._prompt(f), id=str(i)) for i, f in enumerate(self.findings)]
            )
            if highlighted is not None and highlighted < len(self.findings):
                self.highlighted = highlighted
        errors = sum(1 for f in self.findings if f.severity == "error")
        count = f"{len(self.findings)}" if not errors else f"{len(self.findings)}, ✖ {errors}"
        self.border_title = f"{tr('lint', language)} ({count})"
        self.set_class(errors > 0 or bool(not_checked), "-has-errors")

    def _prompt(self, finding: Finding) -> Text:
        style = self.get_component_rich_style(f"lint-panel--{finding.severity}")
        field_id = getattr(finding, "field", None)
        where = f" · {self.labels.get(field_id, field_id)}" if field_id else ""
        return Text.assemble(
            (f"{ICONS.get(finding.severity, '•')} {finding.rule}", style),
            (visible(f" {finding.line}:{finding.column}{where} "), "dim"),
            visible(finding.message),  # a message may quote the email's text
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self.findings[int(event.option.id)]))
