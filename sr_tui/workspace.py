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

This module holds the case's values and settings; the rest of the class comes from
mixins, one job each: `workspace_email` (render, lint, readiness), `workspace_saving`
(save, reopen, restore), `workspace_due` (calendar, clocks, due, assignment) and
`workspace_handoffs` (copy, .eml, mailto).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from sr_tui.core.clock import Clock, SystemClock
from sr_tui.core.drafts import Draft, DraftStore
from sr_tui.core.errors import SrTuiError
from sr_tui.core.settings import LoadedSettings, Settings
from sr_tui.core.templates.catalog import Catalog
from sr_tui.core.templates.model import Field, Template, Value, Values
from sr_tui.workspace_due import DueMixin
from sr_tui.workspace_email import EmailMixin, Readiness, email_from_text
from sr_tui.workspace_handoffs import Handoff, HandoffsMixin, Part
from sr_tui.workspace_saving import SavingMixin

if TYPE_CHECKING:
    from sr_tui.core.cases.calendar import BusinessCalendar
    from sr_tui.core.cases.keeper import CaseKeeper
    from sr_tui.core.cases.next_steps_table import Step
    from sr_tui.core.cases.queue import DueQueue
    from sr_tui.core.cases.sla_policy import SlaPolicy
    from sr_tui.core.cases.store import CaseStore
    from sr_tui.core.handoff.clipboard import SystemClipboard, SystemCopy
    from sr_tui.core.lint import Finding, LintConfig
    from sr_tui.core.templates.model import Email

__all__ = [
    "EMAIL_SCOPE",
    "Handoff",
    "Part",
    "Readiness",
    "UnknownTemplate",
    "Workspace",
    "email_from_text",
    "extra_fields",
    "with_extra_fields",
]

#: Joins a field id and a template id in the key of a value typed for one email only.
EMAIL_SCOPE = "@"


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


class Workspace(EmailMixin, SavingMixin, DueMixin, HandoffsMixin):
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
        #: The email and findings came from the last start's snapshot, not made here.
        self._from_snapshot = False
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
