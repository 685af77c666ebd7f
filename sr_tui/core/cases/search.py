"""Full-text search ranking: BM25F over the fields, the hits every backend returns.

No SQL here: the SQLite store runs a query on FTS5 (trigram) plus LIKE, the PostgreSQL
store on its own index; the query language is in `search_parse`, its values in
`search_query`, the snippet in `search_snippets`.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sr_tui.core.cases.model import CaseSummary
from sr_tui.core.cases.search_query import FIELD_WEIGHTS, SearchQuery
from sr_tui.core.cases.search_snippets import Snippet, best_snippet, fold

__all__ = ["Candidate", "SearchHit", "hit_to_json", "rank"]


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
