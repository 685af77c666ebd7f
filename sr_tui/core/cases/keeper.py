"""The case store as the Workspace uses it: opened on first use, a draft's values kept on
its case record, and every move written on the timeline (emails, notes, calls, replies,
status). One object, so the app and the CLI record the same way."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from sr_tui.core.cases.errors import ConflictError, DuplicateCaseError, NotFoundError, StoreError
from sr_tui.core.cases.model import (
    Case,
    CaseSummary,
    Channel,
    CloseReason,
    Entry,
    EntryKind,
    FieldValues,
    Stage,
    Status,
)
from sr_tui.core.cases.moves import stage_for_status, suggested_status
from sr_tui.core.cases.numbering import normalize_number
from sr_tui.core.cases.recording import email_entry, record_fields
from sr_tui.core.cases.store import CaseStore
from sr_tui.core.clock import Clock
from sr_tui.core.drafts import Draft

StoreFactory = Callable[[], tuple[CaseStore, list[str]]]


class CaseKeeper:
    """Owns the case store connection for a Workspace. `author` names the engineer."""

    def __init__(self, factory: StoreFactory, clock: Clock, author: str = "") -> None:
        self._factory = factory
        self._store: CaseStore | None = None
        self._lock = threading.Lock()
        self.clock = clock
        self.author = author
        #: Problems met opening the store, for the UI to show once.
        self.problems: list[str] = []
        #: Each case's (version, values) as this keeper last saved or read them in `sync`:
        #: what tells a colleague's save from ours (optimistic locking of the values).
        self._seen: dict[str, tuple[int, FieldValues]] = {}

    # -- the store -------------------------------------------------------------------------

    @property
    def store(self) -> CaseStore:
        """The store, opened on first use (raises `StoreError` if it cannot be)."""
        with self._lock:
            if self._store is None:
                self._store, problems = self._factory()
                self.problems.extend(problems)
            return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # -- the draft's case ----------------------------------------------------------------

    def sync(self, draft: Draft, *, create: bool = False) -> Draft:
        """Keep the draft's values on its case record, creating the case when the draft
        first holds something; returns the draft with its case number. The number is the
        ticket number typed (`sr_number`), else a generated one, which a typed number
        later replaces. `create` makes the case even for an empty draft (an email of it
        went out)."""
        if not draft.has_content and not draft.number and not create:
            return draft
        store = self.store
        typed = normalize_number(draft.sr_number)
        case = store.get_case(draft.number) if draft.number else None
        if case is None and typed:
            case = store.get_case(typed)
        fields = record_fields(draft.values)
        values = draft.record_values()
        if case is None:
            now = self.clock.now()
            new = Case.new(typed, now=now, values=values, assignee=self.author, **fields)
            try:
                case = store.create_case(new)
            except DuplicateCaseError:  # another process made it a moment ago
                case = store.get_case(typed)
                assert case is not None
            else:
                self._saw(case)
            return replace(draft, number=case.number)
        if typed and case.number != typed and store.get_case(typed) is None:
            old = case.number
            case = store.renumber_case(case.number, typed, case.version)
            if old in self._seen:
                self._seen[case.number] = self._seen.pop(old)
        self._check_theirs(case, draft)
        wanted = replace(case, values=values, **fields)
        if wanted != case:
            case = store.update_case(wanted, case.version)
        self._saw(case)
        return replace(draft, number=case.number) if draft.number != case.number else draft

    def _saw(self, case: Case) -> None:
        self._seen[case.number] = (case.version, dict(case.values))

    def _check_theirs(self, case: Case, draft: Draft) -> None:
        """A `ConflictError` if someone else saved other values on the case since this
        keeper last saw it and the draft differs from them: nothing is written (the
        draft keeps everything typed) until `merge` takes their values in."""
        seen = self._seen.get(case.number)
        if seen is None or case.values == seen[1] or case.values == draft.record_values():
            return
        raise ConflictError(case.number, seen[0], case.version, case.updated_by, case.updated_at)

    def merge(self, draft: Draft) -> Draft:
        """The draft with what others saved on its case taken in (the "reload" after a
        conflict): their values for the fields the draft left as they were, the draft's
        own for the fields it changed, so nothing typed is lost. Show it; the next `sync`
        writes it. Without a record of what this keeper saw, the draft's values win."""
        case = self.get(draft.number)
        if case is None:
            return draft
        _, seen = self._seen.get(case.number, (case.version, case.values))
        merged = dict(case.values)
        ours = draft.record_values()
        for key in set(ours) | set(seen):
            if ours.get(key) != seen.get(key):  # changed in this draft
                if key in ours:
                    merged[key] = ours[key]
                else:
                    merged.pop(key, None)
        self._saw(case)
        return draft.with_record_values(merged)

    def get(self, number: str) -> Case | None:
        return self.store.get_case(number) if number else None

    # -- the team ------------------------------------------------------------------------

    def assign(
        self,
        number: str,
        assignee: str,
        *,
        by: str | None = None,
        at: datetime | None = None,
        notes: str = "",
    ) -> Case:
        """Hand the case to `assignee` ("" unassigns it), as this engineer unless `by`
        says otherwise; the timeline says who handed it to whom."""
        return self.store.assign(
            number,
            assignee,
            by=self.author if by is None else by,
            at=at or self.clock.now(),
            notes=notes,
        )

    def my_cases(self, **filters: object) -> list[CaseSummary]:
        """The cases assigned to this engineer (`list_cases` filters apply)."""
        return self.store.list_cases(assignee=self.author, **filters)  # type: ignore[arg-type]

    def team_cases(self, **filters: object) -> list[CaseSummary]:
        """Every case of the team, whoever has it."""
        return self.store.list_cases(**filters)  # type: ignore[arg-type]

    def recent(self, limit: int = 10, exclude: str = "") -> list[CaseSummary]:
        """The cases worked on last, newest activity first (not `exclude`)."""
        found = self.store.list_cases(limit=limit + 1)
        return [c for c in found if c.number != exclude][:limit]

    def entries(self, number: str) -> list[Entry]:
        return self.store.entries(number) if number else []

    # -- the timeline --------------------------------------------------------------------

    def record_email(
        self,
        number: str,
        *,
        template_id: str,
        subject: str,
        body: str,
        channel: Channel | str,
        findings: Iterable[object] = (),
        at: datetime | None = None,
        promise: datetime | None = None,
        promise_text: str = "",
    ) -> tuple[Entry, Case]:
        """Write the email on the timeline and move the case where the email says (A1 →
        accepted, B1 → waiting on the customer, E* → closed with its reason)."""
        at = at or self.clock.now()
        entry = email_entry(
            number,
            template_id=template_id,
            subject=subject,
            body=body,
            channel=channel,
            at=at,
            author=self.author,
            findings=findings,
            promise=promise,
            promise_text=promise_text,
        )
        entry = self.store.append_entry(entry)
        move = suggested_status(template_id)
        case = self.store.get_case(number)
        if case is None:
            raise StoreError(f"case {number} is not in the case store")
        if move is not None and (case.status, case.close_reason) != move:
            status, reason = move
            case = self.store.set_status(number, status, reason=reason, at=at)
        return entry, case

    def note(
        self,
        number: str,
        kind: EntryKind | str = EntryKind.NOTE,
        *,
        text: str = "",
        action: str = "",
        at: datetime | None = None,
        stage: Stage | str | None = None,
    ) -> Entry:
        """A note, a call or "customer replied" on the timeline."""
        case = self.store.get_case(number)
        if case is None:
            raise StoreError(f"no case {number} in the case store")
        entry = Entry.new(
            case.number,
            kind,
            at=at or self.clock.now(),
            stage=stage or stage_for_status(case.status),
            author=self.author,
            action=action,
            notes=text,
        )
        return self.store.append_entry(entry)

    def set_status(
        self,
        number: str,
        status: Status | str,
        reason: CloseReason | str | None = None,
        *,
        at: datetime | None = None,
        notes: str = "",
    ) -> Case:
        reason = CloseReason(reason) if reason else None
        return self.store.set_status(
            number, Status(status), reason=reason, at=at or self.clock.now(), notes=notes
        )

    def close_case(
        self,
        number: str,
        reason: CloseReason | str,
        *,
        keywords: Iterable[str] = (),
        resolution: str = "",
        root_cause: str = "",
        knowledge: bool | None = None,
        at: datetime | None = None,
        notes: str = "",
    ) -> Case:
        """Close the case with what the archive needs (seed 001 step 6): `keywords` added
        to the record's own (each once, compared without case), `resolution` and
        `root_cause` where given (else the record's stay), `knowledge` the knowledge-base
        flag (None: as it is). The record is saved first, then the status moves to closed
        with `reason`, so search, similar cases and the handbook have it at once."""
        if not reason:
            raise ValueError("closing needs a reason: " + ", ".join(r.value for r in CloseReason))
        reason = CloseReason(reason)
        case = self.store.get_case(number)
        if case is None:
            raise NotFoundError(f"there is no case {number} in the case store")
        from sr_tui.core.cases.similar import merged_keywords

        wanted = replace(
            case,
            keywords=merged_keywords(case.keywords, [k.strip() for k in keywords]),
            resolution=resolution.strip() or case.resolution,
            root_cause=root_cause.strip() or case.root_cause,
            knowledge=case.knowledge if knowledge is None else knowledge,
        )
        if wanted != case:
            self.update(wanted)
        return self.set_status(case.number, Status.CLOSED, reason, at=at, notes=notes)

    def update(self, case: Case) -> Case:
        """Save the record's fields as edited (optimistic: a newer save is a conflict; the
        caller keeps `case`, with what was typed, to merge and save again)."""
        saved = self.store.update_case(case, case.version)
        self._saw(saved)
        return saved
