"""The open case's email: rendered, edited in place, linted, and judged ready to send."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sr_tui.core.templates.model import SUBJECT_PREFIX, Email, Layout

if TYPE_CHECKING:
    from sr_tui.core.lint import Finding, LintConfig


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


class EmailMixin:
    """The Workspace's email: render, outgoing text, lint findings, readiness."""

    def _invalidate(self) -> None:
        self._email = None
        self._rendered = None
        self._findings = None
        self._from_snapshot = False

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

    def prepare_lint(self) -> None:
        """Import Jinja2 and the lint engine, read the lint settings (the app does it off
        the UI thread after its first frame; the first render and lint then only run)."""
        from sr_tui.core.lint import lint, lint_email  # noqa: F401
        from sr_tui.core.templates.render import prepare

        prepare()
        self.lint_config()

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

    @property
    def known_findings(self) -> tuple[Finding, ...] | None:
        """The findings if they are known without linting (None: `findings()` would lint)."""
        return self._findings

    # -- the email as last shown, kept for the next start (`email_snapshot`) -------------

    def _snapshot_key(self) -> str | None:
        template = self.template
        if template is None:
            return None
        from sr_tui.core.email_snapshot import snapshot_key

        lint_table = self.settings.lint
        return snapshot_key(template, self.values, self.copy_layout, self.edited_text, lint_table)

    def show_from_snapshot(self) -> bool:
        """At start: take the email and findings kept when the case was last saved, if
        they are what rendering and linting would make now (their key matches). True
        when taken; `recheck_snapshot` makes them again once the first frame is shown."""
        from sr_tui.core import email_snapshot

        key = self._snapshot_key()
        snapshot = None if key is None else email_snapshot.load(key, self.edited_text)
        if snapshot is None:
            return False
        self._rendered = snapshot.email
        if snapshot.email.layout == "as-written":
            self._email = snapshot.email
        self._findings = snapshot.findings
        self._from_snapshot = True
        return True

    def keep_snapshot(self) -> None:
        """Keep the email and findings made for the case as it is (with its save)."""
        if self._rendered is None or self._findings is None or self._from_snapshot:
            return  # nothing made yet, or what is kept already
        key = self._snapshot_key()
        if key is not None:
            from sr_tui.core import email_snapshot

            email_snapshot.save(key, email_snapshot.Snapshot(self._rendered, self._findings))

    def recheck_snapshot(self) -> bool:
        """Render and lint again what was taken from the snapshot; True when the result
        differs (or fails to render) and the case must be shown again."""
        if not self._from_snapshot:
            return False
        from sr_tui.core.templates.render import RenderError

        kept = (self._rendered, self._findings)
        self._invalidate()
        try:
            return (self.rendered(), self.findings()) != kept
        except RenderError:
            return True

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
