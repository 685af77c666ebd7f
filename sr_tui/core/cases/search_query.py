"""A parsed search query: the searched fields, `Term`, `QueryProblem`, `SearchQuery`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal

from sr_tui.core.cases.labels import Lang
from sr_tui.core.cases.model import Status, Urgency

#: Terms of at least this many characters go through the full-text index (trigrams);
#: shorter ones (most Chinese words: 宕机, 连接, 权限) are matched on the text itself.
MIN_INDEXED = 3

#: The searchable text of a case, in the order the index holds it.
FIELDS = (
    "number",
    "title",
    "keywords",
    "description",
    "resolution",
    "root_cause",
    "email_subject",  # the subjects of the emails sent
    "email_body",  # their bodies, as sent
    "notes",  # the action and notes of every timeline entry (notes, calls, status moves)
)

#: Relevance weight of a hit in each field: the record's own words over the timeline's.
FIELD_WEIGHTS: Mapping[str, float] = {
    "number": 10.0,
    "title": 10.0,
    "keywords": 8.0,
    "resolution": 4.0,
    "root_cause": 4.0,
    "description": 3.0,
    "email_subject": 2.0,
    "email_body": 1.0,
    "notes": 1.0,
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "number": "Number",
        "title": "Subject",
        "keywords": "Keywords",
        "description": "Description",
        "resolution": "Resolution",
        "root_cause": "Root cause",
        "email_subject": "Email subject",
        "email_body": "Email",
        "notes": "Note",
    },
    "zh": {
        "number": "编号",
        "title": "请求主题",
        "keywords": "关键词",
        "description": "问题描述",
        "resolution": "解决方案",
        "root_cause": "根本原因",
        "email_subject": "邮件主题",
        "email_body": "邮件",
        "notes": "备注",
    },
}

#: Between the pieces of a field that holds many (keywords, the emails of a case): a
#: phrase never matches across it, and a snippet never shows two pieces.
ITEM_SEPARATOR = "\x1e"

#: The most cases a backend ranks by relevance when more match (see the module docstring).
RANK_WINDOW = 100

#: A snippet's length in characters, ellipses included.
SNIPPET_WIDTH = 96

Mode = Literal["all", "any"]


# -- the query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One search term: a word or a quoted phrase, as typed (trimmed)."""

    text: str
    negated: bool = False
    phrase: bool = False  # typed in quotes

    @property
    def short(self) -> bool:
        """Too short for the trigram index: matched with LIKE on the text."""
        return len(self.text) < MIN_INDEXED

    def __str__(self) -> str:
        body = f'"{self.text}"' if self.phrase or " " in self.text else self.text
        return f"-{body}" if self.negated else body


@dataclass(frozen=True)
class QueryProblem:
    """A filter value the query language does not know; the filter is left out."""

    key: str
    value: str
    choices: tuple[str, ...] = ()

    def message(self, lang: Lang | str = "en") -> str:
        choices = ", ".join(self.choices)
        if lang == "zh":
            text = f"{self.key}:{self.value} 无法识别"
            return f"{text}(可用:{choices})" if choices else text
        text = f"{self.key}:{self.value} is not understood"
        return f"{text} (try: {choices})" if choices else text

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class SearchQuery:
    """What to look for. Build one with `parse_query(text)` (or `SearchQuery.parse`), or
    directly in code. None in a filter means "any"."""

    terms: tuple[Term, ...] = ()
    statuses: frozenset[Status] | None = None
    urgencies: frozenset[Urgency] | None = None
    #: Areas as `normalize_area` gives them.
    areas: frozenset[str] | None = None
    exclude_areas: frozenset[str] = frozenset()
    #: Submitted at or after `since`, and before `until` (exclusive), both aware.
    since: datetime | None = None
    until: datetime | None = None
    knowledge: bool | None = None
    #: Where the terms are looked for (a subset of FIELDS).
    fields: tuple[str, ...] = FIELDS
    #: "all": every positive term must occur; "any": one is enough (similar cases).
    mode: Mode = "all"
    text: str = ""  # as typed
    problems: tuple[QueryProblem, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        unknown = [f for f in self.fields if f not in FIELDS]
        if unknown or not self.fields:
            raise ValueError(f"unknown search fields: {unknown or 'none given'}")
        if self.mode not in ("all", "any"):
            raise ValueError(f"mode must be 'all' or 'any', not {self.mode!r}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")

    @classmethod
    def parse(cls, text: str, *, tz: tzinfo = UTC) -> SearchQuery:
        from sr_tui.core.cases.search_parse import parse_query

        return parse_query(text, tz=tz)

    @classmethod
    def of(cls, *terms: str, **filters: Any) -> SearchQuery:
        """A query of these terms (each one a phrase, none negated) and filters."""
        made = tuple(Term(t.strip(), phrase=" " in t.strip()) for t in terms if t.strip())
        return cls(terms=made, **filters)

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def has_filters(self) -> bool:
        return (
            self.statuses is not None
            or self.urgencies is not None
            or self.areas is not None
            or bool(self.exclude_areas)
            or self.since is not None
            or self.until is not None
            or self.knowledge is not None
        )

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no term and no filter (finds nothing)."""
        return not self.terms and not self.has_filters


def field_label(name: str, lang: Lang | str = "en") -> str:
    return FIELD_LABELS.get(lang, FIELD_LABELS["en"]).get(name, name)
