"""Full-text search over cases: the query language, `SearchQuery` and `SearchHit`, and the
snippet every backend builds the same way. No SQL here: the SQLite store runs a query on
FTS5 (trigram) plus LIKE, the PostgreSQL store on its own index, both from this module.

The query language (the search screen and `sr-tui search` take it)::

    nfs mount            both terms, anywhere in the case (AND); terms may be in
                         different places: the title and a note
    "connection pool"    a phrase: these characters together, as typed
    “OA登录”“权限配置”     Chinese quotes work too (seed 001 writes keywords this way)
    -vpn  -"read only"   cases without this term or phrase
    宕机  OA              fewer than three characters: matched on the text itself
    status:closed        also status:open (not closed), waiting, resolved
                         (awaiting confirmation or closed), a list: status:new,accepted
    area:network  urgency:high  kb:yes (knowledge-base cases)
    since:2026-11-01  until:2026-11-30   the day the case was submitted, both inclusive;
                         a month (2026-11) or a year (2026) works too
    -status:closed       a negated filter: every other value

Keys and values also in Chinese, with a full-width colon if typed so: 状态:已关闭,
领域:网络环境, 紧急:高, 自:2026-11-01, 至:2026-11-30. Values may be labels in either
language ("Waiting on customer", 等待客户). A word with a colon that is no filter
(`error:42`, a URL) is searched as text. Mistyped filter values are `problems`; the
rest of the query still runs.

What every backend keeps (the backend-agnostic tests in tests/cases check it):

1. A hit is a case. Every positive term occurs in at least one of the query's `fields`
   of the case (a case-insensitive substring: ASCII at least, Unicode where the index
   folds it), no negative term occurs in any of them, and every filter holds. With
   `mode="any"` one positive term is enough. A query of filters only lists the cases
   they allow; an empty query finds nothing.
2. Order: `rank` orders the candidates (BM25F over the fields weighted by
   `FIELD_WEIGHTS`: a hit in the title ranks above the same hit in a note), ties and
   filter-only queries newest activity first, then the higher number. A backend may
   hand `rank` only the `RANK_WINDOW` newest matching cases when more match (broad
   terms); it says so in its docstring.
3. Each hit carries the case's summary, the score `rank` gave (higher is better,
   comparable within one result only), the fields the positive terms occur in (best
   first) and one snippet of the best of them: `hits` makes them from the ranked
   candidates, so every backend shows the same.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, Literal

from sr_tui.core.cases.labels import (
    AREA_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    Lang,
)
from sr_tui.core.cases.model import CaseSummary, Status, Urgency

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "FIELD_WEIGHTS",
    "ITEM_SEPARATOR",
    "MIN_INDEXED",
    "RANK_WINDOW",
    "Candidate",
    "QueryProblem",
    "SearchHit",
    "SearchQuery",
    "Snippet",
    "Term",
    "best_snippet",
    "fold",
    "hit_to_json",
    "make_snippet",
    "normalize_area",
    "parse_query",
    "rank",
]

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


# -- parsing -----------------------------------------------------------------------------

_FILTER_KEYS = {
    "status": "status",
    "state": "status",
    "状态": "status",
    "area": "area",
    "category": "area",
    "领域": "area",
    "分类": "area",
    "urgency": "urgency",
    "紧急": "urgency",
    "紧急程度": "urgency",
    "since": "since",
    "from": "since",
    "自": "since",
    "从": "since",
    "until": "until",
    "to": "until",
    "至": "until",
    "到": "until",
    "kb": "kb",
    "knowledge": "kb",
    "知识库": "kb",
}

_OPEN = frozenset(s for s in Status if s is not Status.CLOSED)
_STATUS_ALIASES: dict[str, frozenset[Status]] = {
    "open": _OPEN,
    "未关闭": _OPEN,
    "waiting": frozenset({Status.WAITING_CUSTOMER, Status.WAITING_DEVELOPMENT}),
    "等待": frozenset({Status.WAITING_CUSTOMER, Status.WAITING_DEVELOPMENT}),
    "resolved": frozenset({Status.AWAITING_CONFIRMATION, Status.CLOSED}),
    "已解决": frozenset({Status.AWAITING_CONFIRMATION, Status.CLOSED}),
}

_YES = {"yes", "y", "true", "1", "on", "是"}
_NO = {"no", "n", "false", "0", "off", "否"}

#: Characters that end a token (besides white space); commas end a term but separate a
#: filter's values (status:new,accepted), so they are split after filters are read.
_SEPARATORS = set(";；。！？")
_TERM_SPLIT = re.compile(r"[,，、]+")
_QUOTES = {'"': '"', "“": "”", "「": "」"}
_STRAY_QUOTES = '"“”「」'
_FILTER = re.compile(r"^([^\W\d_][\w]*)[:：](.+)$")


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace("-", "_")


def normalize_area(area: str) -> str:
    """An area as every backend compares it: trimmed, ASCII letters in lower case, each
    space and hyphen an underscore ("Data security" -> data_security); SQL's
    `replace(replace(lower(trim(area)), ' ', '_'), '-', '_')`."""
    return area.strip().translate(_AREA_FOLD)


_AREA_FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, " ": "_", "-": "_"}
)


def _enum_values(enum: Iterable[Any], labels: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """Every way to write each value: the value, with hyphens, its label in each language."""
    out: dict[str, Any] = {}
    for member in enum:
        value = str(member)
        for spelling in (value, value.replace("_", "-")):
            out[_key(spelling)] = member
        for table in labels.values():
            if value in table:
                out[_key(table[value])] = member
    return out


_STATUS_VALUES = _enum_values(Status, STATUS_LABELS)
_URGENCY_VALUES = _enum_values(Urgency, LEVEL_LABELS)
_AREA_VALUES = {_key(label): key for table in AREA_LABELS.values() for key, label in table.items()}


def _split_values(value: str) -> list[str]:
    return [v for v in re.split(r"[,，、]", value) if v.strip()]


def _parse_date(text: str) -> tuple[date, date] | None:
    """(first day, last day) of a day, month or year: 2026-11-01, 2026-11, 2026."""
    text = unicodedata.normalize("NFKC", text).strip().replace("/", "-").replace(".", "-")
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            day = date(*map(int, text.split("-")))
            return day, day
        if re.fullmatch(r"\d{8}", text):
            day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
            return day, day
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = map(int, text.split("-"))
            first = date(year, month, 1)
            after = date(year + month // 12, month % 12 + 1, 1)
            return first, date.fromordinal(after.toordinal() - 1)
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def _start_of(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The text inside the quote opening at `i`, and where scanning goes on."""
    end = text.find(_QUOTES[text[i]], i + 1)
    end = len(text) if end < 0 else end
    return text[i + 1 : end], end + 1


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """(text, negated, quoted) for each token of the query."""
    out: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace() or text[i] in _SEPARATORS:
            i += 1
            continue
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        i += negated
        if text[i] in _QUOTES:
            inner, i = _quoted(text, i)
            out.append((inner, negated, True))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in _SEPARATORS:
            if text[i] in _QUOTES:
                break  # “OA登录”“权限配置”: a quote starts the next term
            i += 1
        token = text[start:i]
        if i < n and text[i] in _QUOTES and token[-1:] in (":", "："):
            inner, i = _quoted(text, i)  # a quoted filter value: area:"data security"
            token += inner
        out.append((token, negated, False))
    return out


class _Builder:
    """Collects the filters of one query as its tokens are read."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.statuses: set[Status] | None = None
        self.urgencies: set[Urgency] | None = None
        self.areas: set[str] | None = None
        self.exclude_areas: set[str] = set()
        self.since: datetime | None = None
        self.until: datetime | None = None
        self.knowledge: bool | None = None
        self.problems: list[QueryProblem] = []

    def problem(self, key: str, value: str, choices: Iterable[str] = ()) -> None:
        self.problems.append(QueryProblem(key, value, tuple(choices)))

    def add(self, key: str, typed_key: str, value: str, negated: bool) -> None:
        getattr(self, f"_{key}")(typed_key, value, negated)

    @staticmethod
    def _allowed(current: set | None, chosen: set, universe: Iterable, negated: bool) -> set:
        """Values of one filter: repeated, they add up (status:new status:accepted); a
        negated one takes its values away (status:open -status:waiting)."""
        if negated:
            allowed = set(universe) - chosen
            return allowed if current is None else current & allowed
        return set(chosen) if current is None else current | chosen

    def _status(self, typed: str, value: str, negated: bool) -> None:
        chosen: set[Status] = set()
        for item in _split_values(value):
            key = _key(item)
            if key in _STATUS_ALIASES:
                chosen |= _STATUS_ALIASES[key]
            elif key in _STATUS_VALUES:
                chosen.add(_STATUS_VALUES[key])
            else:
                self.problem(typed, item, [*(str(s) for s in Status), "open", "waiting"])
        if chosen:
            self.statuses = self._allowed(self.statuses, chosen, Status, negated)

    def _urgency(self, typed: str, value: str, negated: bool) -> None:
        chosen: set[Urgency] = set()
        for item in _split_values(value):
            member = _URGENCY_VALUES.get(_key(item))
            if member is None:
                self.problem(typed, item, [str(u) for u in Urgency])
            else:
                chosen.add(member)
        if chosen:
            self.urgencies = self._allowed(self.urgencies, chosen, Urgency, negated)

    def _area(self, typed: str, value: str, negated: bool) -> None:
        chosen = {_AREA_VALUES.get(_key(v), normalize_area(v)) for v in _split_values(value)}
        if negated:
            self.exclude_areas |= chosen
        else:
            self.areas = chosen if self.areas is None else self.areas | chosen

    def _since(self, typed: str, value: str, negated: bool) -> None:
        span = _parse_date(value)
        if span is None or negated:
            self.problem(typed, value, ["2026-11-01", "2026-11"])
            return
        start = _start_of(span[0], self.tz)
        self.since = start if self.since is None else max(self.since, start)

    def _until(self, typed: str, value: str, negated: bool) -> None:
        span = _parse_date(value)
        if span is None or negated:
            self.problem(typed, value, ["2026-11-30", "2026-11"])
            return
        end = _start_of(date.fromordinal(span[1].toordinal() + 1), self.tz)
        self.until = end if self.until is None else min(self.until, end)

    def _kb(self, typed: str, value: str, negated: bool) -> None:
        key = _key(value)
        if key in _YES or key in _NO:
            self.knowledge = (key in _YES) != negated
        else:
            self.problem(typed, value, ["yes", "no"])


def parse_query(text: str, *, tz: tzinfo = UTC) -> SearchQuery:
    """Read the query language (module docstring). `tz` is the zone whose days `since:`
    and `until:` name (the business calendar's; the local zone in the app and CLI)."""
    builder = _Builder(tz)
    terms: list[Term] = []
    for token, negated, quoted in _tokens(text):
        match = None if quoted else _FILTER.match(token)
        key = _FILTER_KEYS.get(_key(match.group(1))) if match else None
        if match and key:
            builder.add(key, match.group(1), match.group(2), negated)
            continue
        words = [token.strip()] if quoted else _TERM_SPLIT.split(token)
        for word in words:
            word = word if quoted else word.strip(_STRAY_QUOTES)
            if not word or (not quoted and not word.strip("-")):
                continue
            term = Term(word, negated=negated, phrase=quoted)
            if term not in terms:
                terms.append(term)
    b = builder
    return SearchQuery(
        terms=tuple(terms),
        statuses=None if b.statuses is None else frozenset(b.statuses),
        urgencies=None if b.urgencies is None else frozenset(b.urgencies),
        areas=None if b.areas is None else frozenset(b.areas),
        exclude_areas=frozenset(b.exclude_areas),
        since=b.since,
        until=b.until,
        knowledge=b.knowledge,
        text=text,
        problems=tuple(b.problems),
    )


# -- hits and snippets -------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    """A line of a field around the first match, plain text (never markup), with the
    matched text marked by offsets into `text` so the UI can highlight it."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each match wrapped (for plain-text output)."""
        out, at = [], 0
        for start, end in self.spans:
            out += [self.text[at:start], before, self.text[start:end], after]
            at = end
        out.append(self.text[at:])
        return "".join(out)


@dataclass(frozen=True)
class SearchHit:
    case: CaseSummary
    score: float = 0.0
    snippet: Snippet | None = None
    #: The fields a positive term occurs in, best (highest weight) first.
    fields: tuple[str, ...] = ()

    @property
    def number(self) -> str:
        return self.case.number


def fold(text: str) -> str:
    """Lower case, character for character (a character whose lower case is longer, such
    as İ, is kept), so offsets in the folded text are offsets in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _pieces(value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return value.split(ITEM_SEPARATOR)
    return [p for v in value for p in v.split(ITEM_SEPARATOR)]


def _occurrences(folded: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Every occurrence of every needle, merged where they overlap, in order."""
    found: list[tuple[int, int]] = []
    for needle in needles:
        if not needle:
            continue
        at = folded.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = folded.find(needle, at + len(needle))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", ITEM_SEPARATOR: " ", "\f": " "})


def make_snippet(
    field_name: str,
    value: str | Sequence[str],
    terms: Sequence[str],
    width: int = SNIPPET_WIDTH,
    *,
    folded: str | None = None,
) -> Snippet | None:
    """The snippet of `value` (text, or its pieces) around the first occurrence of any of
    `terms` (case-insensitive), every occurrence in it marked; None if none occurs.
    `folded` is `fold(value)` if the caller has it already."""
    text = value if isinstance(value, str) else ITEM_SEPARATOR.join(value)
    folded = fold(text) if folded is None else folded
    needles = [fold(t) for t in terms if t]
    firsts = [at for n in needles if (at := folded.find(n)) >= 0]
    if not firsts:
        return None
    first = min(firsts)
    start = folded.rfind(ITEM_SEPARATOR, 0, first) + 1
    end = folded.find(ITEM_SEPARATOR, first)
    end = len(text) if end < 0 else end
    spans = _occurrences(folded[start:end], needles)
    return _cut(field_name, text[start:end], spans, width)


def _cells(ch: str) -> int:
    """Terminal cells a character takes: two for wide (CJK) characters."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _cut(field_name: str, piece: str, spans: list[tuple[int, int]], width: int) -> Snippet:
    """A window of about `width` terminal cells of `piece` around its first match: a third
    of the room before the match, the rest after; words are not cut where avoidable."""
    line = piece.translate(_BLANKS)
    budget = max(8, width - 2)  # the ellipses
    first_start, first_end = spans[0]
    left, right = _window(line, first_start, first_end, budget)
    if left > 0 and line[left - 1] != " ":  # a cut word at the start: drop it
        space = line.find(" ", left, min(first_start, left + 12))
        if space >= 0:
            left = space + 1
    if right < len(line) and line[right] != " ":  # and at the end
        space = line.rfind(" ", max(first_end, right - 12), right)
        if space >= 0:
            right = space
    while left < right and line[left] == " ":
        left += 1
    while right > left and line[right - 1] == " ":
        right -= 1
    prefix = "…" if line[:left].strip() else ""
    suffix = "…" if line[right:].strip() else ""
    segment = line[left:right]
    runs = [(m.start(), m.end()) for m in _RUNS.finditer(segment)]

    def place(offset: int) -> int:
        """Where `offset` of the segment lands once runs of blanks are one space."""
        removed = 0
        for start, end in runs:
            if offset <= start + 1:
                break
            removed += min(offset, end) - (start + 1)
        return len(prefix) + offset - removed

    marks = tuple(
        (place(max(s, left) - left), place(min(e, right) - left))
        for s, e in spans
        if s < right and e > left
    )
    return Snippet(field_name, prefix + _RUNS.sub(" ", segment) + suffix, marks)


_RUNS = re.compile(" {2,}")


def _window(line: str, start: int, end: int, budget: int) -> tuple[int, int]:
    """[left, right) around line[start:end] within `budget` cells, a third before."""
    if line.isascii():
        room = max(budget, end - start)
        left = max(0, start - max(0, room - (end - start)) // 3)
        right = min(len(line), left + room)
        return max(0, min(left, right - room)), right
    left, right = start, end
    used = sum(_cells(c) for c in line[left:right])
    before = max(0, budget - used) // 3
    while left > 0 and before - _cells(line[left - 1]) >= 0:
        before -= _cells(line[left - 1])
        used += _cells(line[left - 1])
        left -= 1
    while right < len(line) and used + _cells(line[right]) <= budget:
        used += _cells(line[right])
        right += 1
    while left > 0 and used + _cells(line[left - 1]) <= budget:  # the end came first
        used += _cells(line[left - 1])
        left -= 1
    return left, right


def best_snippet(
    texts: Mapping[str, str | Sequence[str]],
    query: SearchQuery,
    width: int = SNIPPET_WIDTH,
    *,
    folded: Mapping[str, str] | None = None,
) -> tuple[Snippet | None, tuple[str, ...]]:
    """(snippet, fields): of the query's fields in `texts` (field -> text or pieces), those
    where a positive term occurs, best first, and the snippet of the best one. `folded`
    holds `fold`ed texts the caller has already."""
    terms = [t.text for t in query.positive]
    needles = [fold(t) for t in terms]
    if not needles:
        return None, ()
    best: Snippet | None = None
    matched: list[str] = []
    for name in _BY_WEIGHT:
        value = texts.get(name) if name in query.fields else None
        if not value:
            continue
        text = value if isinstance(value, str) else ITEM_SEPARATOR.join(value)
        low = folded[name] if folded is not None and name in folded else fold(text)
        if any(n in low for n in needles):
            matched.append(name)
            if best is None:
                best = make_snippet(name, text, terms, width, folded=low)
    return best, tuple(matched)


#: The fields, the heaviest first (in FIELDS order among equals).
_BY_WEIGHT = sorted(FIELDS, key=lambda f: (-FIELD_WEIGHTS[f], FIELDS.index(f)))


# -- ranking -----------------------------------------------------------------------------

#: BM25's term-frequency saturation and length normalisation.
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass
class Candidate:
    """A case a backend found for a query. `key` is the backend's own; `activity` and
    `number` break ties (newest, then highest first). `texts` is its text in the query's
    fields (a field of many pieces joined by ITEM_SEPARATOR); `counted` fills `counts`
    (`counts[t][f]`: how often the t-th positive term occurs in the f-th field, as a
    case-insensitive substring) and `lengths` (`lengths[f]`, in characters) from it."""

    key: Any
    activity: Any
    number: str
    texts: Mapping[str, str] = field(default_factory=dict)
    counts: Sequence[Sequence[int]] = ()
    lengths: Sequence[int] = ()
    folded: dict[str, str] = field(default_factory=dict)
    score: float = 0.0

    def counted(self, query: SearchQuery, needles: Sequence[str] | None = None) -> Candidate:
        """Fill `counts` and `lengths` from `texts`; `needles` are the query's positive
        terms `fold`ed, if the caller has them (once for all candidates)."""
        if needles is None:
            needles = [fold(t.text) for t in query.positive]
        folded = {f: fold(t) for f in query.fields if (t := self.texts.get(f))}
        low = [folded.get(f, "") for f in query.fields]
        self.folded = folded
        self.counts = [[text.count(n) if text else 0 for text in low] for n in needles]
        self.lengths = [len(text) for text in low]
        return self


def rank(query: SearchQuery, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates best first, each with its `score`: BM25F over the query's fields,
    each occurrence of a positive term counted with its field's weight and normalised by
    the field's length against that field's average; inverse document frequency from the
    candidates themselves. Without positive terms: newest activity first. Every backend
    ranks with this, so a query gives the same order on SQLite and PostgreSQL."""
    ordered = sorted(candidates, key=lambda c: (c.activity, c.number), reverse=True)
    terms = len(query.positive)
    if not terms or not ordered:
        return ordered
    n = len(ordered)
    weights = [FIELD_WEIGHTS[f] for f in query.fields]
    average = [sum(column) / n for column in zip(*(c.lengths for c in ordered), strict=True)]
    holding = [sum(1 for c in ordered if any(c.counts[t])) for t in range(terms)]
    idf = [math.log(1 + (n - h + 0.5) / (h + 0.5)) for h in holding]
    for candidate in ordered:
        # Each field's weight over its length normalisation (BM25F).
        scale = [
            w / (1 - BM25_B + BM25_B * length / mean) if mean else w
            for w, length, mean in zip(weights, candidate.lengths, average, strict=True)
        ]
        score = 0.0
        for t, per_field in enumerate(candidate.counts):
            tf = sum(k * c for k, c in zip(scale, per_field, strict=True) if c)
            if tf:
                score += idf[t] * tf * (BM25_K1 + 1) / (tf + BM25_K1)
        candidate.score = score
    ordered.sort(key=lambda c: c.score, reverse=True)  # stable: ties stay newest first
    return ordered


def hits(
    query: SearchQuery, ranked: Sequence[Candidate], summaries: Mapping[Any, CaseSummary]
) -> list[SearchHit]:
    """The hits of ranked candidates (those still with a summary), with their snippets
    from the candidates' `texts`."""
    out = []
    for candidate in ranked:
        summary = summaries.get(candidate.key)
        if summary is None:  # gone meanwhile (another process)
            continue
        snippet, fields = best_snippet(candidate.texts, query, folded=candidate.folded)
        out.append(SearchHit(summary, candidate.score, snippet, fields))
    return out


def field_label(name: str, lang: Lang | str = "en") -> str:
    return FIELD_LABELS.get(lang, FIELD_LABELS["en"]).get(name, name)


def hit_to_json(hit: SearchHit) -> dict[str, Any]:
    """A hit as plain JSON values (`sr-tui search --json`)."""
    from sr_tui.core.cases.codec import encode_time

    case = hit.case
    snippet = hit.snippet
    return {
        "number": case.number,
        "title": case.title,
        "status": str(case.status),
        "close_reason": None if case.close_reason is None else str(case.close_reason),
        "urgency": str(case.urgency),
        "scenario": str(case.scenario),
        "area": case.area,
        "assignee": case.assignee,
        "submitted_at": encode_time(case.submitted_at),
        "last_activity_at": encode_time(case.last_activity_at),
        "score": round(hit.score, 6),
        "fields": list(hit.fields),
        "snippet": None
        if snippet is None
        else {
            "field": snippet.field,
            "text": snippet.text,
            "spans": [list(span) for span in snippet.spans],
        },
    }
