"""The open case in time: calendar, SLA clocks, promises, what is due, who it is assigned to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sr_tui.core.errors import SrTuiError
from sr_tui.core.templates.model import is_filled

if TYPE_CHECKING:
    from datetime import datetime

    from sr_tui.core.cases.calendar import BusinessCalendar
    from sr_tui.core.cases.model import Case
    from sr_tui.core.cases.next_steps_table import Step
    from sr_tui.core.cases.queue import DueQueue
    from sr_tui.core.cases.sla_policy import SlaPolicy


class DueMixin:
    """The Workspace's clocks, due list, promise checks, suggestions and assignment."""

    # -- time: the calendar, the clocks, what is due ------------------------------------

    @property
    def calendar(self) -> BusinessCalendar:
        """The business calendar: the settings' `calendar_file` (else `calendar.toml` beside
        the settings), in the settings' `timezone` when the file names none."""
        if self._calendar is None:
            from sr_tui.core.cases.calendar_file import load_calendar

            tz = None
            if self.settings.timezone:
                from zoneinfo import ZoneInfo

                tz = ZoneInfo(self.settings.timezone)
            path = (
                Path(self.settings.calendar_file).expanduser()
                if self.settings.calendar_file
                else None
            )
            self._calendar, problems = load_calendar(path, default_tz=tz)
            self.due_problems += [str(p) for p in problems]
        return self._calendar

    @property
    def policy(self) -> SlaPolicy:
        """The clocks' settings (`[sla]`)."""
        if self._policy is None:
            from sr_tui.core.cases.sla_policy import SlaPolicy

            self._policy, problems = SlaPolicy.from_table(self.settings.sla)
            self.due_problems += problems
        return self._policy

    @property
    def steps(self) -> list[Step]:
        """The move table in effect (a user template dir's next-steps.toml, else ours)."""
        if self._steps is None:
            from sr_tui.core.cases.next_steps_table import load_steps
            from sr_tui.core.templates.catalog import template_dirs

            known = {t.id for t in self.catalog.templates} or None
            self._steps, problems = load_steps(
                template_dirs(self.settings), known_templates=known, policy=self.policy
            )
            self.due_problems += [str(p) for p in problems]
        return self._steps

    @property
    def due(self) -> DueQueue:
        """The due list of the case store (cached on the store's last change)."""
        if self._due is None:
            from sr_tui.core.cases.queue import DueQueue

            self._due = DueQueue(self.cases.store, self.steps, self.policy, self.calendar)
        return self._due

    def promise(self, at: datetime | None = None) -> tuple[datetime | None, str]:
        """The promise the open email makes if it goes out `at` (default now)."""
        template = self.template
        if template is None:
            return None, ""
        from sr_tui.core.cases.promises import promise_of

        return promise_of(template.field_ids, self.values, at or self.clock.now(), self.calendar)

    def timeframe_problems(self) -> dict[str, str]:
        """Field id -> why its timeframe does not fit the sentence around it."""
        template = self.template
        if template is None:
            return {}
        values = self.values
        ids = tuple(
            f.id
            for f in template.fields
            if f.kind in ("timeframe", "date") and is_filled(values.get(f.id))
        )
        if not ids:  # nothing typed to check: neither the grammar nor the calendar is loaded
            return {}
        from sr_tui.core.cases.promises import timeframe_problems

        return timeframe_problems(template.body, ids, values, self.clock.now(), self.calendar)

    def suggestions(self, field_id: str) -> list[str]:
        """Suggestions for a timeframe field computed from now and the calendar (points
        for a "by [ETA]" sentence, durations for "within [Timeframe]"); else the field's
        own suggestions."""
        template = self.template
        f = None
        if template is not None and field_id in template.field_ids:
            f = template.field(field_id)
        if template is None or f is None:
            return []
        from sr_tui.core.cases.timeframes import sentence_kind, suggest_durations, suggest_points

        sense = sentence_kind(template.body, field_id) if f.kind == "timeframe" else None
        if sense == "point":
            return suggest_points(self.clock.now(), self.calendar)
        if sense == "duration":
            return suggest_durations()
        return list(f.suggestions)

    def case_warnings(self, at: datetime | None = None) -> list[str]:
        """What the open case's timeline says against sending this email now (E3 with
        recent activity, E4 without D2, a second A1, B2 with no request): warnings."""
        template = self.template
        if template is None or not self.draft.number:
            return []
        from sr_tui.core.cases.checks import case_warnings

        try:
            entries = self.cases.entries(self.draft.number)
        except SrTuiError:
            return []
        return case_warnings(
            template.id,
            [e for e in entries if at is None or e.at < at],
            at or self.clock.now(),
            inactivity_days=self.policy.inactivity_days,
            tz=self.calendar.tz,
        )

    def clocks(self, number: str | None = None):
        """The SLA clocks of a case (default the open one)."""
        from sr_tui.core.cases.sla import clocks_for

        case = self.cases.get(number or self.draft.number)
        if case is None:
            return []
        entries = self.cases.entries(case.number)
        return clocks_for(case, entries, self.policy, self.calendar, self.clock.now())

    def due_rows(self, horizon: str = "week", assignee: str | None = None):
        """What is due across the open cases (slow the first time: off the UI thread);
        `assignee` keeps one person's ("my cases"), None the team's."""
        return self.due.rows(self.clock.now(), horizon, assignee)  # type: ignore[arg-type]

    # -- the team ------------------------------------------------------------------------

    def assign(self, name: str, note: str = "", number: str | None = None) -> Case:
        """Hand a case (default the open one) to `name` ("" unassigns it), as the engineer
        the settings name, now; the timeline says who handed it to whom. Store errors
        (a conflict, the server down) are raised as they are: the caller keeps what was
        typed and shows them."""
        from sr_tui.core.cases.team import normalize_name

        number = number or self.draft.number
        if not number:
            raise SrTuiError("this draft is not a case yet: fill in something first")
        return self.cases.assign(
            number,
            normalize_name(name),
            by=self.settings.your_name,
            at=self.clock.now(),
            notes=note.strip(),
        )

    def known_assignees(self) -> list[str]:
        """The people cases are assigned to, and this engineer: the names to suggest."""
        people = {c.assignee for c in self.cases.team_cases(limit=None)}
        people.add(self.settings.your_name)
        return sorted((p for p in people if p), key=str.casefold)

    def next_steps(self, number: str | None = None):
        """The moves the table suggests for a case (default the open one)."""
        from sr_tui.core.cases.next_steps import suggest

        case = self.cases.get(number or self.draft.number)
        if case is None:
            return []
        entries = self.cases.entries(case.number)
        return suggest(case, entries, self.steps, self.policy, self.calendar, self.clock.now())
