"""The plain data the core passes around: templates, fields, categories, rendered emails."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

FIELD_KINDS = ("text", "multiline", "list", "choice", "date", "timeframe", "url")
FieldKind = Literal["text", "multiline", "list", "choice", "date", "timeframe", "url"]
Layout = Literal["as-written", "flowed"]
LAYOUTS: tuple[Layout, ...] = ("as-written", "flowed")

#: A field's value: a string, or a list of strings for `list` fields.
Value = str | list[str]
Values = dict[str, Value]
#: The longest value the renderer takes (a longer one is refused, a restored one cut).
MAX_VALUE_CHARS = 100_000


def is_filled(value: object) -> bool:
    """A value with some text in it (a list: in one of its items at least)."""
    if isinstance(value, list | tuple):
        return any(is_filled(v) for v in value)
    return isinstance(value, str) and value.strip() != ""


@dataclass(frozen=True)
class Field:
    """One fillable slot of a template, as declared in fields.toml or in the template."""

    id: str
    label: str
    label_zh: str
    help: str
    kind: FieldKind = "text"
    #: Text shown while unfilled: the seed's bracket text. A list field has one per item.
    placeholder: str | tuple[str, ...] = ""
    help_zh: str = ""
    suggestions: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    example: str | tuple[str, ...] = ""
    #: An optional field renders as nothing while unfilled (e.g. the customer's name).
    optional: bool = False
    #: Where the value comes from: "case" (typed once per case, shared by its emails),
    #: "email" (typed for one template's email only, such as your own words) or "settings".
    source: Literal["case", "email", "settings"] = "case"

    def placeholder_items(self) -> tuple[str, ...]:
        if isinstance(self.placeholder, tuple):
            return self.placeholder
        return (self.placeholder,)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    title_zh: str


@dataclass(frozen=True)
class Template:
    id: str
    category: str
    title: str
    title_zh: str
    when: str
    when_zh: str
    scenario: str
    scenario_zh: str
    keywords: tuple[str, ...]
    fields: tuple[Field, ...]
    subject: str
    body: str
    path: Path | None = None

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    def field(self, field_id: str) -> Field:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


@dataclass(frozen=True)
class Span:
    """Where one field's text sits in `Email.text`.

    `start`/`end` are offsets into `Email.text` (the `Subject: ...` line, a blank line,
    then the body). `filled` is False while the span shows the field's placeholder.
    `item` is the index inside a list field, else None.
    """

    field: str
    start: int
    end: int
    filled: bool
    item: int | None = None


SUBJECT_PREFIX = "Subject: "
#: The largest subject or body a template may have.
MAX_TEMPLATE_CHARS = 100_000


@dataclass(frozen=True)
class Email:
    template_id: str
    subject: str
    body: str
    spans: tuple[Span, ...] = field(default=())
    layout: Layout = "as-written"

    @property
    def text(self) -> str:
        """The whole email: `Subject: ...`, a blank line, the body."""
        return f"{SUBJECT_PREFIX}{self.subject}\n\n{self.body}"

    @property
    def body_offset(self) -> int:
        """Where the body starts in `text`."""
        return len(SUBJECT_PREFIX) + len(self.subject) + 2

    def part(self, which: Literal["all", "subject", "body"]) -> str:
        if which == "subject":
            return self.subject
        if which == "body":
            return self.body
        return self.text

    @property
    def unfilled(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if not s.filled)

    def field_at(self, offset: int) -> Span | None:
        """The span that covers `offset` in `text`, if any."""
        for s in self.spans:
            if s.start <= offset < s.end or (s.start == s.end == offset):
                return s
        return None
