"""Lint findings for the outgoing email, worst first; choosing one posts `Chosen`.

The first finding is highlighted as soon as there is one, so Enter goes to it without
pressing Down first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sr_tui.bindings import TranslatedBindings
from sr_tui.core.safe_text import visible
from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding

ICONS = {"error": "✖", "warning": "▲", "suggestion": "●"}


class LintPanel(TranslatedBindings, OptionList):
    COMPONENT_CLASSES = {"lint-panel--error", "lint-panel--warning", "lint-panel--suggestion"}
    DEFAULT_CSS = """
    LintPanel .lint-panel--error { color: $text-error; text-style: bold; }
    LintPanel .lint-panel--warning { color: $text-warning; text-style: bold; }
    LintPanel .lint-panel--suggestion { color: $text-accent; }
    /* Keep room for the scrollbar, so option heights do not change when it appears. */
    LintPanel { scrollbar-gutter: stable; }
    """

    BINDINGS = [Binding("enter", "select", "Go to the flagged text", id="go_to_finding")]

    class Chosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()
        self.language: Language = "en"
        self.labels: dict[str, str] = {}
        #: What the options show now: `show` with the same arguments does nothing (a
        #: keystroke in a long email need not rebuild every option).
        self._shown: tuple | None = None
        #: How many times the options were rebuilt (tests count them).
        self.rebuilt = 0

    def show(
        self,
        findings: Sequence[Finding],
        language: Language,
        labels: dict[str, str] | None = None,
        empty: str | None = None,
        *,
        not_checked: str = "",
    ) -> None:
        """Show `findings`; `labels` names the fields they came from (id -> label);
        `empty` is what to say when there are none (default: ready to send).
        `not_checked` says why there are none to show (the email cannot be rendered):
        shown instead."""
        findings = tuple(findings)
        key = (findings, language, dict(labels or {}), empty, not_checked)
        if key == self._shown:
            return
        self._shown = key
        self.rebuilt += 1
        self.labels = labels or {}
        self.findings = tuple(findings)
        self.language = language
        highlighted = self.highlighted
        self.clear_options()
        if not_checked:
            message = tr("lint_render_failed", language, reason=visible(not_checked))
            self.add_option(Option(Text(message, style="bold"), disabled=True))
        elif not self.findings:
            message = empty if empty is not None else tr("lint_clean", language)
            self.add_option(Option(Text(message, style="dim"), disabled=True))
        else:
            self.add_options(
                [Option(self._prompt(f), id=str(i)) for i, f in enumerate(self.findings)]
            )
            keep = highlighted is not None and highlighted < len(self.findings)
            wanted = highlighted if keep else 0
            if self.highlighted != wanted:
                self.highlighted = wanted
        errors = sum(1 for f in self.findings if f.severity == "error")
        count = f"{len(self.findings)}" if not errors else f"{len(self.findings)}, ✖ {errors}"
        self.border_title = (
            f"{tr('lint', language)} ({count})" if empty is None else tr("lint", language)
        )
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
