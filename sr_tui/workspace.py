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
from dataclasses import dataclass, field, replace
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
from sr_tui.core.templates.render import is_filled

if TYPE_CHECKING:
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
class Case:
    """What the open case is: the template open and the values typed for it.

    `values` holds only what the user typed; the signature comes from settings and is
    merged below it (`Workspace.values`), so a name changed in settings reaches the case
    unless the user typed over it here. `edited_text` is the whole email as the user
    finished it in place, for the template `edited_template`; it is kept until a value
    changes.
    """

    template_id: str | None = None
    values: Values = field(default_factory=dict)
    edited_text: str | None = None
    edited_template: str | None = None

    @property
    def has_content(self) -> bool:
        return any(is_filled(v) for v in self.values.values()) or bool(self.edited_text)

    @property
    def sr_number(self) -> str:
        value = self.values.get("sr_number", "")
        return value.strip() if isinstance(value, str) else ""


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
        store: DraftStore | None = None,
        clock: Clock | None = None,
        *,
        system_clipboard: SystemClipboard | SystemCopy | Literal["detect"] | None = "detect",
        language: str = "en",
    ) -> None:
        from sr_tui.core import locations

        self.catalog = catalog
        if isinstance(settings, LoadedSettings):
            self.loaded_settings = settings
        else:
            self.loaded_settings = LoadedSettings(settings or Settings(), locations.config_path())
        self.store = store if store is not None else DraftStore(locations.data_dir())
        self.clock: Clock = clock or SystemClock()
        self.language = language
        self._system_clipboard = system_clipboard
        self._no_clipboard_reason = ""
        self.case = Case()
        self._lint_config: LintConfig | None = None
        self._email: Email | None = None
        self._rendered: Email | None = None
        self._findings: tuple[Finding, ...] | None = None
        #: Template ids opened since the last save, for the picker's "recent" list.
        self._opened: list[str] = []

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
        # A signature typed equal to the new settings follows the settings from now on.
        signature = self.signature
        values = {k: v for k, v in self.case.values.items() if signature.get(k) != v}
        if values != self.case.values:
            self.case = replace(self.case, values=values)
        self._invalidate()

    # -- the case ------------------------------------------------------------------------

    @property
    def template(self) -> Template | None:
        if self.case.template_id is None:
            return None
        try:
            return self.form_template(self.case.template_id)
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
        own = f"{EMAIL_SCOPE}{self.case.template_id}"
        shared = {k: v for k, v in self.case.values.items() if EMAIL_SCOPE not in k}
        scoped = {k.removesuffix(own): v for k, v in self.case.values.items() if k.endswith(own)}
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
        return field_id in self.case.values and field_id in self.signature

    def is_signature_field(self, field_id: str) -> bool:
        template = self.template
        try:
            return template is not None and template.field(field_id).source == "settings"
        except KeyError:
            return False

    def open_template(self, template_id: str) -> Template:
        """Open a template on this case; the values typed so far are kept."""
        template = self.form_template(template_id)
        self.case = replace(self.case, template_id=template.id)
        self._opened.append(template.id)
        self._invalidate()
        return template

    def would_change(self, field_id: str, value: Value) -> bool:
        """True when `set_value(field_id, value)` would change the case."""
        values = self.case.values
        if field_id in self.signature and (value == self.signature[field_id] or not value):
            return field_id in values
        if field_id not in self.signature and self.values.get(field_id, "") == value:
            return False
        return values.get(self._key(field_id)) != value

    def edit_at_stake(self, field_id: str, value: Value) -> bool:
        """True when setting this value would throw away the email the user edited (the UI
        asks first)."""
        return self.case.edited_text is not None and self.would_change(field_id, value)

    def set_value(self, field_id: str, value: Value) -> bool:
        """Record what the user typed; False when nothing changed (an editor echoing the
        value it was given). A signature field set back to the settings value, or emptied,
        follows the settings again. A change throws away the edited email (the email is
        the template's again): ask first (`edit_at_stake`)."""
        if not self.would_change(field_id, value):
            return False
        values = dict(self.case.values)
        if field_id in self.signature and (value == self.signature[field_id] or not value):
            values.pop(field_id, None)
        else:
            values[self._key(field_id)] = value
        self.case = replace(self.case, values=values, edited_text=None, edited_template=None)
        self._invalidate()
        return True

    # -- the email finished in place -------------------------------------------------------

    @property
    def edited_text(self) -> str | None:
        """The open template's email as the user edited it, or None."""
        case = self.case
        if case.edited_text is None or case.edited_template != case.template_id:
            return None
        return case.edited_text

    def set_edited_text(self, text: str | None) -> bool:
        """Keep the email as the user edited it (None, or the template's own text, drops the
        edit). False when nothing changed."""
        template_id = self.case.template_id
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
        self.case = replace(self.case, edited_text=text, edited_template=edited_template)
        self._invalidate()
        return True

    def discard_edit(self) -> bool:
        """Forget the edited email (of whichever template); False when there was none."""
        if self.case.edited_text is None:
            return False
        self.case = replace(self.case, edited_text=None, edited_template=None)
        self._invalidate()
        return True

    def new_case(self) -> Case:
        """Put the open case aside (reopenable) and start an empty one on the same
        template; returns the case put aside."""
        old = self.case
        self.put_aside()
        self.case = Case(template_id=old.template_id)
        self._invalidate()
        self.save()
        return old

    def put_aside(self) -> None:
        if self.case.has_content:
            self.store.archive_current(self._draft())

    def recent(self) -> list[Draft]:
        return self.store.recent()

    def reopen(self, index: int) -> Case:
        """Bring back a case put aside (the open one is put aside in its place)."""
        recent = self.store.recent()
        if not 0 <= index < len(recent):
            raise SrTuiError("that case is no longer in the list of recent cases")
        draft = self.store.take_recent(index)
        self.put_aside()
        self.case = self._case_of(draft)
        self._invalidate()
        self.save()
        return self.case

    def restore(self) -> Draft | None:
        """At start: bring back the draft saved last time (None when there is none)."""
        draft = self.store.load_current()
        if draft is None:
            return None
        self.case = self._case_of(draft)
        self._invalidate()
        return draft

    def _case_of(self, draft: Draft) -> Case:
        """The case a saved draft holds. Only typed values come back: a signature value
        equal to the settings follows the settings, and a draft of the old format (which
        saved the signature the form echoed) keeps no signature at all."""
        signature = self.signature
        signature_ids = {"your_name", "your_team"} | set(signature)
        values = {
            k: v
            for k, v in draft.values.items()
            if not (k in signature_ids and (not draft.typed_only or signature.get(k) == v))
        }
        return Case(draft.template_id, values, draft.edited_text, draft.edited_template)

    def problems(self) -> list[str]:
        """Problems met reading the saved files, for the UI to show once."""
        problems, self.store.problems = list(self.store.problems), []
        return problems

    def save(self) -> None:
        """Save the open case now (the app debounces calls to this)."""
        self.store.save_current(self._draft())
        for template_id in self._opened:
            self.store.record_use(template_id)
        self._opened = []

    def _draft(self) -> Draft:
        case = self.case
        return Draft(
            case.template_id,
            dict(case.values),
            self.clock.now(),
            case.edited_text,
            case.edited_template if case.edited_text is not None else None,
        )

    def describe(self, draft: Draft) -> str:
        return draft.describe(self.clock.now())

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
        if edited is not None and self.case.template_id is not None:
            return email_from_text(self.case.template_id, edited, self.copy_layout)
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
        self, part: Part = "all", *, terminal: Callable[[str], None] | None = None
    ) -> CopyOutcome:
        """Copy the outgoing email (or its subject or body). Slow (tools, read back): call
        it off the UI thread."""
        return self.copy_text(self.outgoing_part(part), terminal=terminal)

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

    def export_eml(self, target: Path | None = None) -> Path:
        """Write the .eml draft into `target` (a folder; default the `export_dir` setting,
        else Downloads, else the data dir) under a fresh name; return the path."""
        from sr_tui.core.handoff.eml import default_export_dir, export_eml

        email = self._outgoing()
        folder = target if target is not None else default_export_dir(self.settings.export_dir)
        try:
            return export_eml(
                email, folder, self.values, layout=self.copy_layout, date=self.clock.now()
            )
        except OSError as exc:
            reason = exc.strerror or exc
            raise SrTuiError(f"cannot write the .eml draft in {folder}: {reason}") from None

    def open_mail(self, opener: Callable[[str], object] | None = None) -> MailtoOutcome:
        """Open the email in the mail client through a mailto: link (slow: off the UI
        thread). A bad `customer_email` raises HandoffError."""
        from sr_tui.core.handoff.mailto import open_in_mail_client
        from sr_tui.core.handoff.recipients import recipients

        email = self._outgoing()
        recipients(self.values)
        return open_in_mail_client(email, self.values, layout=self.copy_layout, opener=opener)
