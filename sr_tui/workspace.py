"""The Workspace: the one service the app and the CLI share (no Textual here, ever).

It owns the open case: the template open, the values typed for the case, the signature
merged from settings, the extra fields every template accepts (`customer_email`), and the
email as the user finished it in place, if they did. It renders and lints the case's
email, says whether it is ready to send (one rule for copy, .eml and mailto), autosaves
it, puts it aside and brings it back, and performs the handoffs, so each one can write the
case's timeline.

What goes out is what the user sees: the outgoing email (`outgoing()`) is the edited text
when there is one, else the template rendered in the copy layout; the preview shows it,
the findings and readiness judge it, and copy, .eml and mailto send it.

The UI shows what the Workspace says and tells it what the user did; it never keeps a
second copy of the values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sr_tui.core.clock import Clock, SystemClock
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.core.templates.catalog import Catalog
from sr_tui.core.templates.model import (
    SUBJECT_PREFIX,
    Email,
    Field,
    Layout,
    Template,
    Value,
    Values,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sr_tui.core.cases.calendar import BusinessCalendar
    from sr_tui.core.cases.keeper import CaseKeeper
    from sr_tui.core.cases.model import Case, CaseSummary
    from sr_tui.core.cases.next_steps_table import Step
    from sr_tui.core.cases.queue import DueQueue
    from sr_tui.core.cases.sla_policy import SlaPolicy
    from sr_tui.core.cases.store import CaseStore
    from sr_tui.core.handoff.clipboard import CopyOutcome, SystemClipboard, SystemCopy
    from sr_tui.core.handoff.mailto import MailtoOutcome
    from sr_tui.core.lint import Finding, LintConfig

Part = Literal["all", "subject", "body"]
#: Joins a field id and a template id in the key of a value typed for one email only.
EMAIL_SCOPE = "@"
Handoff = Literal["copy", "eml", "mailto"]


class UnknownTemplate(SrTuiError):
    """No template has that id."""


def extra_fields() -> tuple[Field, ...]:
    """Fields every template accepts that no template's text uses: the recipient."""
    from sr_tui.core.handoff.recipients import CUSTOMER_EMAIL

    return (CUSTOMER_EMAIL,)


def with_extra_fields(template: Template) -> Template:
    """`template` with the extra fields placed after the customer's name (they describe
    the customer too), or first when it has none."""
    names = template.field_ids
    extra = [f for f in extra_fields() if f.id not in names]
    if not extra:
        return template
    fields = list(template.fields)
    at = names.index("customer_name") + 1 if "customer_name" in names else 0
    fields[at:at] = extra
    return replace(template, fields=tuple(fields))


def email_from_text(template_id: str, text: str, layout: Layout) -> Email:
    """An email the user edited as text (`Subject: ...`, a blank line, the body) as an
    `Email`; without a `Subject:` first line, the subject is empty and all is body."""
    first, _, rest = text.partition("\n")
    label = SUBJECT_PREFIX.rstrip()
    if first[: len(label)].casefold() == label.casefold():
        subject = first[len(label) :].strip()
        body = rest[1:] if rest.startswith("\n") else rest
    else:
        subject, body = "", text
    return Email(template_id, subject, body.rstrip("\n"), (), layout)


@dataclass(frozen=True)
class Readiness:
    """Why an email is not ready to send: unfilled fields (their labels) and errors."""

    unfilled: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.unfilled and not self.errors


class Workspace:
    """The open case and every write to it. See the module docstring."""

    def __init__(
        self,
        catalog: Catalog,
        settings: LoadedSettings | Settings | None = None,
        store: CaseStore | None = None,
        clock: Clock | None = None,
        *,
        drafts: DraftStore | None = None,
        system_clipboard: SystemClipboard | SystemCopy | Literal["detect"] | None = "detect",
        language: str = "en",
    ) -> None:
        """`store` is the case store; None opens the one the settings name on first use
        (so `sr-tui render` never touches it). `drafts` keeps the open draft's file."""
        from sr_tui.core import locations

        self.catalog = catalog
        if isinstance(settings, LoadedSettings):
            self.loaded_settings = settings
        else:
            self.loaded_settings = LoadedSettings(settings or Settings(), locations.config_path())
        self.clock: Clock = clock or SystemClock()
        self.drafts = drafts if drafts is not None else DraftStore(locations.data_dir(), self.clock)
        self._store = store
        self._cases: CaseKeeper | None = None
        self.language = language
        self._system_clipboard = system_clipboard
        self._no_clipboard_reason = ""
        self.draft = Draft(None, {}, self.clock.now())
        self._lint_config: LintConfig | None = None
        self._email: Email | None = None
        self._rendered: Email | None = None
        self._findings: tuple[Finding, ...] | None = None
        #: Template ids opened since the last save, for the picker's "recent" list.
        self._opened: list[str] = []
        self._calendar: BusinessCalendar | None = None
        self._policy: SlaPolicy | None = None
        self._steps: list[Step] | None = None
        self._due: DueQueue | None = None
        #: Problems of the calendar file, the [sla] table and next-steps.toml, to show once.
        self.due_problems: list[str] = []

    @property
    def cases(self) -> CaseKeeper:
        """The case store's keeper (the store itself opens on first use)."""
        if self._cases is None:
            from sr_tui.core.cases.keeper import CaseKeeper

            store = self._store
            factory = (lambda: (store, [])) if store is not None else self._open_store
            self._cases = CaseKeeper(factory, self.clock, self.settings.your_name)
        return self._cases

    def _open_store(self) -> tuple[CaseStore, list[str]]:
        from sr_tui.core.cases.open_store import open_case_store

        return open_case_store(self.settings, self.clock, self.drafts.directory)

    # -- settings ------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.loaded_settings.settings

    @property
    def signature(self) -> Values:
        return dict(self.settings.signature())

    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect at once: the signature follows them (unless typed over
        in this case) and the lint table is read again."""
        self.loaded_settings = LoadedSettings(settings, self.loaded_settings.path, (), True)
        self._lint_config = None
        if self._cases is not None:
            self._cases.author = settings.your_name
        self._calendar = self._policy = self._steps = self._due = None
        # A signature typed equal to the new settings follows the settings from now on.
        signature = self.signature
        values = {k: v for k, v in self.draft.values.items() if signature.get(k) != v}
        if values != self.draft.values:
            self.draft = replace(self.draft, values=values)
        self._invalidate()

    # -- the case ------------------------------------------------------------------------

    @property
    def template(self) -> Template | None:
        if self.draft.template_id is None:
            return None
        try:
            return self.form_template(self.draft.template_id)
        except UnknownTemplate:
            return None

    def form_template(self, template_id: str) -> Template:
        """The template with the extra fields every template accepts."""
        try:
            return with_extra_fields(self.catalog.get(template_id))
        except KeyError:
            raise UnknownTemplate(f"unknown template '{template_id}'") from None

    @property
    def values(self) -> Values:
        """The signature from settings, overridden by anything typed for this case, and
        the values typed for the open template's email only (`source = "email"`)."""
        own = f"{EMAIL_SCOPE}{self.draft.template_id}"
        shared = {k: v for k, v in self.draft.values.items() if EMAIL_SCOPE not in k}
        scoped = {k.removesuffix(own): v for k, v in self.draft.values.items() if k.endswith(own)}
        return {**self.signature, **shared, **scoped}

    def _key(self, field_id: str) -> str:
        """Where the case keeps a field's value: its id, or `id@TEMPLATE` for a field typed
        for each email (your own words in B1 are not B2's)."""
        template = self.template
        try:
            email_only = template is not None and template.field(field_id).source == "email"
        except KeyError:
            email_only = False
        return f"{field_id}{EMAIL_SCOPE}{template.id}" if email_only else field_id

    def typed_over(self, field_id: str) -> bool:
        """True when the case holds its own value for a field that settings also fill."""
        return field_id in self.draft.values and field_id in self.signature

    def is_signature_field(self, field_id: str) -> bool:
        template = self.template
        try:
            return template is not None and template.field(field_id).source == "settings"
        except KeyError:
            return False

    def open_template(self, template_id: str) -> Template:
        """Open a template on this case; the values typed so far are kept."""
        template = self.form_template(template_id)
        self.draft = replace(self.draft, template_id=template.id)
        self._opened.append(template.id)
        self._invalidate()
        return template

    def would_change(self, field_id: str, value: Value) -> bool:
        """True when `set_value(field_id, value)` would change the case."""
        values = self.draft.values
        if field_id in self.signature and (value == self.signature[field_id] or not value):
            return field_id in values
        if field_id not in self.signature and self.values.get(field_id, "") == value:
            return False
        return values.get(self._key(field_id)) != value

    def edit_at_stake(self, field_id: str, value: Value) -> bool:
        """True when setting this value would throw away the email the user edited (the UI
        asks first)."""
        return self.draft.edited_text is not None and self.would_change(field_id, value)

    def set_value(self, field_id: str, value: Value) -> bool:
        """Record what the user typed; False when nothing changed (an editor echoing the
        value it was given). A signature field set back to the settings value, or emptied,
        follows the settings again. A change throws away the edited email (the email is
        the template's again): ask first (`edit_at_stake`)."""
        if not self.would_change(field_id, value):
            return False
        values = dict(self.draft.values)
        if field_id in self.signature and (value == self.signature[field_id] or not value):
            values.pop(field_id, None)
        else:
            values[self._key(field_id)] = value
        self.draft = replace(self.draft, values=values, edited_text=None, edited_template=None)
        self._invalidate()
        return True

    # -- the email finished in place -------------------------------------------------------

    @property
    def edited_text(self) -> str | None:
        """The open template's email as the user edited it, or None."""
        case = self.draft
        if case.edited_text is None or case.edited_template != case.template_id:
            return None
        return case.edited_text

    def set_edited_text(self, text: str | None) -> bool:
        """Keep the email as the user edited it (None, or the template's own text, drops the
        edit). False when nothing changed."""
        template_id = self.draft.template_id
        if template_id is None:
            return False
        if text is not None:
            rendered = self.rendered()
            if rendered is not None and text == rendered.text:
                text = None
        if text is None and self.edited_text is None:
            return False
        if text == self.edited_text:
            return False
        edited_template = template_id if text is not None else None
        self.draft = replace(self.draft, edited_text=text, edited_template=edited_template)
        self._invalidate()
        return True

    def discard_edit(self) -> bool:
        """Forget the edited email (of whichever template); False when there was none."""
        if self.draft.edited_text is None:
            return False
        self.draft = replace(self.draft, edited_text=None, edited_template=None)
        self._invalidate()
        return True

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
        synced = self.cases.sync(self.draft)
        if synced.number != self.draft.number:
            self.draft = replace(self.draft, number=synced.number)
            self.drafts.save_current(self.draft)

    def value_history(self, language: str = "en") -> dict[str, str]:
        """Field id -> where its value was sent before on this case ("sent in A1, Wed 2
        Dec 10:05"), so a promise is not reused without a look. Empty without a case."""
        if not self.draft.number or not self.cases.is_open:
            return {}
        from sr_tui.core.cases.recording import value_history

        try:
            entries = self.cases.entries(self.draft.number)
        except SrTuiError:
            return {}
        tz = self.clock.now().tzinfo
        out = {}
        for field_id, origin in value_history(self.draft.values, entries).items():
            when = origin.at.astimezone(tz).strftime("%a %d %b %H:%M")
            if language == "zh":
                out[field_id] = f"已于 {when} 在 {origin.template_id} 中发送"
            else:
                out[field_id] = f"sent in {origin.template_id}, {when}"
        return out

    def describe(self, draft: Draft) -> str:
        return draft.describe(self.clock.now())

    def record_handoff(self, channel: str, email: Email) -> Case:
        """Write the email that went out on the case's timeline (creating the case if it
        is new); returns the case as it is now (its status may have moved)."""
        self.save()
        if not self.draft.number:
            self.draft = self.cases.sync(self.draft, create=True)
            self.drafts.save_current(self.draft)
        at = self.clock.now()
        promise, words = self.promise(at)
        _, case = self.cases.record_email(
            self.draft.number,
            template_id=email.template_id,
            subject=email.subject,
            body=email.body,
            channel=channel,
            findings=self.findings(),
            at=at,
            promise=promise,
            promise_text=words,
        )
        return case

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
        from sr_tui.core.cases.promises import timeframe_problems

        ids = tuple(f.id for f in template.fields if f.kind in ("timeframe", "date"))
        return timeframe_problems(template.body, ids, self.values, self.clock.now(), self.calendar)

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

    # -- the email -----------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._email = None
        self._rendered = None
        self._findings = None

    def email(self, layout: Layout = "as-written") -> Email | None:
        """The template's email for the case's values (None with no template open), edit
        or not. Raises RenderError."""
        template = self.template
        if template is None:
            return None
        from sr_tui.core.templates.render import render

        if layout == "as-written":
            if self._email is None:
                self._email = render(template, self.values)
            return self._email
        return render(template, self.values, layout=layout)

    def rendered(self) -> Email | None:
        """The template's email in the copy layout: what goes out unless the user edited
        it. Raises RenderError."""
        if self._rendered is None:
            self._rendered = self.email(self.copy_layout)
        return self._rendered

    def outgoing(self) -> Email | None:
        """The email as it will be sent: the edited text if there is one, else the template
        rendered in the copy layout (None with no template open). Raises RenderError."""
        edited = self.edited_text
        if edited is not None and self.draft.template_id is not None:
            return email_from_text(self.draft.template_id, edited, self.copy_layout)
        return self.rendered()

    def outgoing_text(self) -> str | None:
        """The outgoing email as one text, exactly as shown and linted."""
        edited = self.edited_text
        if edited is not None:
            return edited
        email = self.rendered()
        return email.text if email is not None else None

    def lint_config(self) -> LintConfig:
        if self._lint_config is None:
            from sr_tui.core.lint import LintConfig

            self._lint_config, _ = LintConfig.from_table(self.settings.lint)
        return self._lint_config

    def findings(self) -> tuple[Finding, ...]:
        """The findings on the outgoing email (offsets into `outgoing_text()`); those on
        the template's email point at the field they came from."""
        if self._findings is None:
            from sr_tui.core.lint import lint, lint_email

            edited = self.edited_text
            if edited is not None:
                self._findings = tuple(lint(edited, self.lint_config()))
            else:
                email = self.rendered()
                self._findings = (
                    () if email is None else tuple(lint_email(email, self.lint_config()))
                )
        return self._findings

    def label(self, field_id: str) -> str:
        template = self.template
        try:
            f = template.field(field_id) if template else None
        except KeyError:
            f = None
        if f is None:
            return field_id
        return f.label_zh if self.language == "zh" else f.label

    def readiness(self) -> Readiness:
        """One rule for every way out: no unfilled placeholder, no error finding (the
        placeholder rule SR005 is the unfilled list itself). An edited email is judged
        as edited: the placeholders left in its text are the unfilled ones."""
        email = self.outgoing()
        if email is None:
            return Readiness()
        unfilled: list[str] = []
        if self.edited_text is not None:
            names = [self._placeholder_label(f.match) for f in self.findings() if f.rule == "SR005"]
        else:
            names = [self.label(span.field) for span in email.unfilled]
        for label in names:
            if label not in unfilled:
                unfilled.append(label)
        errors = tuple(
            f"{f.rule} {f.message}"
            for f in self.findings()
            if f.severity == "error" and f.rule != "SR005"
        )
        return Readiness(tuple(unfilled), errors)

    def _placeholder_label(self, placeholder: str) -> str:
        """The label of the field whose placeholder this is (`[Timeframe]` -> Timeframe)."""
        wanted = " ".join(placeholder.split())
        template = self.template
        for f in template.fields if template else ():
            if any(" ".join(p.split()) == wanted for p in f.placeholder_items()):
                return self.label(f.id)
        return wanted

    # -- handoffs ------------------------------------------------------------------------

    @property
    def copy_layout(self) -> Layout:
        return self.settings.copy_layout

    def _outgoing(self) -> Email:
        email = self.outgoing()
        if email is None:
            raise SrTuiError("open a template first")
        return email

    def system_clipboard(self) -> SystemClipboard | SystemCopy | None:
        """The system clipboard, detected on first use; when there is none, the reason is
        kept for the copy notice."""
        if self._system_clipboard == "detect":
            from sr_tui.core.handoff import clipboard_tools
            from sr_tui.core.handoff.clipboard import detect_system_clipboard

            self._system_clipboard = detect_system_clipboard()
            self._no_clipboard_reason = clipboard_tools.last_detection_problem
        return self._system_clipboard  # type: ignore[return-value]

    def copy(
        self,
        part: Part = "all",
        *,
        terminal: Callable[[str], None] | None = None,
        record: bool = True,
    ) -> CopyOutcome:
        """Copy the outgoing email (or its subject or body) exactly as shown and, when the
        email or its body was copied, write it on the case's timeline (`record`). Slow
        (tools, read back): call it off the UI thread."""
        email = self._outgoing()
        outcome = self.copy_text(self.outgoing_part(part), terminal=terminal)
        if record and part != "subject" and outcome.method != "failed":
            self.record_handoff("copy", email)
        return outcome

    def outgoing_part(self, part: Part = "all") -> str:
        """The text a copy takes: the whole outgoing email exactly as shown, or its subject
        or body."""
        email = self._outgoing()
        if part == "all":
            return self.outgoing_text() or email.text
        return email.part(part)

    def copy_text(self, text: str, *, terminal: Callable[[str], None] | None = None):
        from sr_tui.core.handoff.clipboard import copy_text

        system = self.system_clipboard()
        reason = self._no_clipboard_reason
        return copy_text(text, system=system, terminal=terminal, no_system_reason=reason)

    def export_eml(self, target: Path | None = None, *, record: bool = True) -> Path:
        """Write the .eml draft into `target` (a folder; default the `export_dir` setting,
        else Downloads, else the data dir) under a fresh name; return the path."""
        from sr_tui.core.handoff.eml import default_export_dir, export_eml

        email = self._outgoing()
        folder = target if target is not None else default_export_dir(self.settings.export_dir)
        try:
            path = export_eml(
                email, folder, self.values, layout=self.copy_layout, date=self.clock.now()
            )
        except OSError as exc:
            from sr_tui.core.atomic import WriteError

            if isinstance(exc, WriteError):  # it names the file and what is in the way
                raise SrTuiError(f"the .eml draft was not written: {exc}") from None
            reason = exc.strerror or exc
            raise SrTuiError(f"cannot write the .eml draft in {folder}: {reason}") from None
        if record:
            self.record_handoff("eml", email)
        return path

    def open_mail(
        self, opener: Callable[[str], object] | None = None, *, record: bool = True
    ) -> MailtoOutcome:
        """Open the email in the mail client through a mailto: link (slow: off the UI
        thread). A bad `customer_email` raises HandoffError."""
        from sr_tui.core.handoff.mailto import open_in_mail_client
        from sr_tui.core.handoff.recipients import recipients

        email = self._outgoing()
        recipients(self.values)
        outcome = open_in_mail_client(email, self.values, layout=self.copy_layout, opener=opener)
        if record and outcome.opened:
            self.record_handoff("mailto", email)
        return outcome
