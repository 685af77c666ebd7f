"""The open case's clocks in one line under the compose screen's panels: each open clock's kind, its
due time in the house phrase ("by 15:30 UTC on Friday 4 December"), the business time
left and a badge (overdue / near / ok, in the due list's theme colours). Hidden when
there is no case or no open clock. It only shows what it is given: the compose screen
reads the clocks off the UI thread when the case changes, after a handoff and once a
minute, never per keystroke."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.widgets import Static

from sr_tui.i18n import Language, tr

if TYPE_CHECKING:
    from sr_tui.core.cases.calendar import BusinessCalendar
    from sr_tui.core.cases.sla import Deadline

#: At most this many clocks, nearest first (the line has one row).
SHOWN = 3


def badge_of(clock: Deadline, near_fraction: float) -> str:
    """breached / near / fine, as the due list colours them."""
    if clock.breached or clock.left < timedelta(0):
        return "breached"
    if clock.near(near_fraction):
        return "near"
    return "fine"


def _amount(left: timedelta) -> str:
    minutes = int(abs(left) / timedelta(minutes=1))
    hours, mins = divmod(minutes, 60)
    return f"{hours}h {mins:02d}m" if hours else f"{mins}m"


class CaseClocks(Static):
    DEFAULT_CSS = """
    CaseClocks {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    CaseClocks > .clocks--breached { color: $error; text-style: bold; }
    CaseClocks > .clocks--near { color: $warning; }
    CaseClocks > .clocks--fine { color: $success; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"clocks--breached", "clocks--near", "clocks--fine"}

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        #: (kind, badge) of the clocks shown, for tests and the help.
        self.shown: list[tuple[str, str]] = []
        #: The line painted last: the same line read again (once a minute) is not painted.
        self._line: Text | None = None

    def show(
        self,
        clocks: Sequence[Deadline],
        now: datetime,
        calendar: BusinessCalendar,
        near_fraction: float,
        language: Language,
    ) -> None:
        from sr_tui.core.cases.timeframes_format import format_due
        from sr_tui.core.when import short_when

        running = sorted((c for c in clocks if c.open), key=lambda c: c.due)[:SHOWN]
        self.shown = [(c.kind, badge_of(c, near_fraction)) for c in running]
        # The line's row stays where it was (its size unchanged): no layout of the screen.
        resized = self.display != bool(running)
        self.display = bool(running)
        if not running:
            self._paint(Text(), resized)
            return
        line = Text(tr("clocks_label", language) + " ")
        for i, (clock, (_, badge)) in enumerate(zip(running, self.shown, strict=True)):
            style = self.get_component_rich_style(f"clocks--{badge}")
            if i:
                line.append("  ·  ")
            line.append(tr(f"due_badge_{badge}", language), style=style)
            kind = tr(f"clock_{clock.kind}", language)
            answer = f" ({clock.template_id})" if clock.template_id else ""
            when = (
                tr("clocks_due_by", language, when=short_when(clock.due, language, calendar.tz))
                if language == "zh"
                else format_due(clock.due, now, calendar)  # the house phrase emails use
            )
            line.append(f" {kind}{answer} {when}, ")
            if clock.paused:
                line.append(tr("clocks_paused", language))
            else:
                key = "due_over" if clock.left < timedelta(0) else "due_left"
                line.append(tr(key, language, amount=_amount(clock.left)), style=style)
        self._paint(line, resized)

    def _paint(self, line: Text, resized: bool) -> None:
        if line == self._line and not resized:
            return
        self._line = line
        self.update(line, layout=resized)
