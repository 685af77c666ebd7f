"""Saving the open case, starting a new one, reopening and restoring cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sr_tui.core.drafts import Draft
from sr_tui.core.errors import SrTuiError

if TYPE_CHECKING:
    from sr_tui.core.cases.model import Case, CaseSummary


class SavingMixin:
    """The Workspace's case store side: save, new case, reopen, restore, problems."""

    def new_case(self) -> Draft:
        """Start an empty case on the same template; the open one stays in the case
        store (nothing is only cleared) and can be reopened. Returns the case left."""
        old = self.draft
        self.save()
        left = self.draft
        self.draft = Draft(old.template_id, {}, self.clock.now())
        self._invalidate()
        self.save()
        return left

    def recent(self, limit: int = 10) -> list[CaseSummary]:
        """Other cases, worked on last first (the palette's "Reopen case")."""
        return self.cases.recent(limit, exclude=self.draft.number)

    def reopen(self, number: str) -> Draft:
        """Open a case of the store (the open one is saved and stays there); its last
        template comes back with its values."""
        case = self.cases.get(number)
        if case is None:
            raise SrTuiError(f"there is no case {number} in the case store")
        self.save()
        template_id = self._last_template(case.number) or self.draft.template_id
        from sr_tui.core.cases.recording import values_of

        draft = Draft(template_id, {}, self.clock.now(), case.number)
        self.draft = draft.with_record_values(values_of(case))
        self._invalidate()
        self.save()
        return self.draft

    def _last_template(self, number: str) -> str | None:
        for entry in reversed(self.cases.entries(number)):
            if entry.email is not None:
                return entry.email.template_id
        return None

    def restore(self) -> Draft | None:
        """At start: bring back the draft saved last time (None when there is none)."""
        draft = self.drafts.load_current()
        if draft is None:
            return None
        self.draft = self._typed_only(draft)
        self._invalidate()
        self.show_from_snapshot()
        return draft

    def _typed_only(self, draft: Draft) -> Draft:
        """The draft with only typed values: a signature value equal to the settings
        follows the settings, and a draft of the old format (which saved the signature the
        form echoed) keeps no signature at all."""
        signature = self.signature
        signature_ids = {"your_name", "your_team"} | set(signature)
        values = {
            k: v
            for k, v in draft.values.items()
            if not (k in signature_ids and (not draft.typed_only or signature.get(k) == v))
        }
        return replace(draft, values=values, typed_only=True)

    @property
    def missing_template(self) -> str | None:
        """The id of the case's template when there is no such template any more (a
        draft restored after its template or its folder went away); its values are kept."""
        template_id = self.draft.template_id
        if template_id is None:
            return None
        try:
            self.catalog.get(template_id)
        except KeyError:
            return template_id
        return None

    def problems(self) -> list[str]:
        """Problems met reading the saved files and the case store, to show once."""
        problems = list(self.drafts.problems)
        self.drafts.problems = []
        if self._cases is not None:  # no keeper yet, no problems (and no import at start)
            problems += self.cases.problems
            self.cases.problems = []
        return problems

    def report_problems_to(self, report: Callable[[str], None]) -> None:
        """From now on, pass every problem the draft files meet (a corrupt recent-cases or
        usage file set aside while the app runs) to `report` as it happens."""
        for problem in self.problems():
            report(problem)
        self.drafts.on_problem = report

    @property
    def record(self) -> Case | None:
        """The open draft's case, as stored (None before it holds anything)."""
        return self.cases.get(self.draft.number) if self.draft.number else None

    def save(self) -> None:
        """Save the open draft now (the app debounces calls to this): the draft file
        first (it never fails for a database), then the values on the case record."""
        self.draft = replace(self.draft, saved_at=self.clock.now())
        self.drafts.save_current(self.draft)
        for template_id in self._opened:
            self.drafts.record_use(template_id)
        self._opened = []
        self.keep_snapshot()
        synced = self.cases.sync(self.draft)
        if synced.number != self.draft.number:
            self.draft = replace(self.draft, number=synced.number)
            self.drafts.save_current(self.draft)

    def value_history(self, language: str = "en") -> dict[str, str]:
        """Field id -> where its value was sent before on this case ("sent in A1, Wed 2
        Dec 10:05"), so a promise is not reused without a look. Empty without a case."""
        if not self.draft.number or self._cases is None or not self._cases.is_open:
            return {}  # not opened yet (the keeper is not even built before it opens)
        from sr_tui.core.cases.recording import value_history
        from sr_tui.core.when import short_when

        try:
            entries = self.cases.entries(self.draft.number)
        except SrTuiError:
            return {}
        tz = self.clock.now().tzinfo
        out = {}
        for field_id, origin in value_history(self.draft.values, entries).items():
            when = short_when(origin.at, language, tz)
            if language == "zh":
                out[field_id] = f"已于 {when} 在 {origin.template_id} 中发送"
            else:
                out[field_id] = f"sent in {origin.template_id}, {when}"
        return out

    def describe(self, draft: Draft) -> str:
        return draft.describe(self.clock.now())
