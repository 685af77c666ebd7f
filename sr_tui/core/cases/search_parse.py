"""The search query language: `parse_query` turns what was typed into a `SearchQuery`.

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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from sr_tui.core.cases.labels import AREA_LABELS, LEVEL_LABELS, STATUS_LABELS
from sr_tui.core.cases.model import Status, Urgency
from sr_tui.core.cases.search_query import QueryProblem, SearchQuery, Term

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
