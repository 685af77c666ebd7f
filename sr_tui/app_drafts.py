"""The app's case memory: restore the draft at start, save it after every change,
put cases aside and bring them back. Storage is the headless `sr_tui.core.drafts`."""

from __future__ import annotations

import contextlib

from sr_tui.core.drafts import Draft
from sr_tui.i18n import tr

#: Drafts are written this long after the last change (well within a second).
SAVE_DELAY = 0.3


class DraftsMixin:
    """For `SrTuiApp`: needs `store`, `draft`, `settings`, `loaded_settings`, `language`."""

    _save_timer = None
    _opened: str | None = None

    async def _restore_draft(self) -> None:
        draft = self.store.load_current()
        for problem in self.store.problems:
            self.notify(
                tr("draft_problem", self.language, problem=problem),
                severity="warning",
                markup=False,
            )
        if draft is not None and (draft.has_content or draft.template_id):
            await self.draft.restore(draft.template_id, draft.values)
            if draft.has_content:
                self.notify(
                    tr("draft_restored", self.language, draft=draft.describe()), markup=False
                )
        if (
            self.ask_for_name
            and not self.settings.your_name
            and not self.loaded_settings.broken
            and not self.store.flag("asked_for_name")
        ):
            self.action_settings(first_run=True)
            with contextlib.suppress(OSError):  # asking again next time is the only cost
                self.store.set_flag("asked_for_name")

    def draft_changed(self, opened: str | None = None) -> None:
        """Something in the case changed: save the draft shortly (debounced)."""
        if opened:
            self._opened = opened
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft)

    def save_draft(self) -> None:
        self._save_timer = None
        screen = self.draft
        template_id = screen.template.id if screen.template else None
        try:
            self.store.save_current(Draft(template_id, dict(screen.values)))
            if self._opened:
                self.store.record_use(self._opened)
        except OSError as exc:
            self.notify(
                tr("draft_problem", self.language, problem=exc), severity="error", markup=False
            )
        self._opened = None

    def archive_case(self) -> None:
        screen = self.draft
        try:
            self.store.archive_current(
                Draft(screen.template.id if screen.template else None, dict(screen.values))
            )
        except OSError as exc:
            self.notify(
                tr("draft_problem", self.language, problem=exc), severity="error", markup=False
            )

    def action_reopen_case(self, index: int) -> None:
        self.run_worker(self.reopen_case(index), exclusive=True, group="form")

    async def reopen_case(self, index: int) -> None:
        self.archive_case()
        draft = self.store.take_recent(index)
        await self.draft.restore(draft.template_id, draft.values)
        self.save_draft()

    def on_unmount(self) -> None:
        if self._save_timer is not None:
            self.save_draft()
