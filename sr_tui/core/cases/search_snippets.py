"""The snippet of a search hit: the best field's text cut around the terms (every backend)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sr_tui.core.cases.search_query import (
    FIELD_WEIGHTS,
    FIELDS,
    ITEM_SEPARATOR,
    SNIPPET_WIDTH,
    SearchQuery,
)


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
