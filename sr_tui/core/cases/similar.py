"""Similar past cases, and what reusing one lends the open case.

`similar_cases(store, case)` finds resolved and closed cases whose title, keywords or
description share words with this one's (the store's search in mode "any", so it works
on every backend), each with its resolution. `reuse(past)` says what "reuse" fills in:
the template (E2 when the past case names a reference document, else E1), the E1/E2
values (`reuse_values`), and the record fields to suggest: resolution, root cause and
keywords.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sr_tui.core.cases.model import Case, Status
from sr_tui.core.cases.search_query import SearchQuery, Term
from sr_tui.core.cases.search_snippets import Snippet
from sr_tui.core.cases.store import CaseStore

#: What counts as resolved for reuse: resolved awaiting confirmation, or closed.
RESOLVED = frozenset({Status.AWAITING_CONFIRMATION, Status.CLOSED})

#: Where a past case must resemble this one: the problem, not what was done about it.
SIMILAR_FIELDS = ("title", "keywords", "description")

#: A hit scoring under this share of the best one is noise (one common word shared).
MIN_SHARE = 0.25

_STOPWORDS = frozenset(
    """a an and are as at be been but by can cannot could did does doesn't don't for from
    had has have how in into is isn't it its no not of on or our since so that the their
    them then there these they this those to too up was we were what when where which
    while who will with won't would you your after again all also any because before
    both each few more most other over same some such than very just only own once
    here why during under until further off out about against between through""".split()
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+/-]*[A-Za-z0-9+]|[A-Za-z0-9]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class SimilarCase:
    """A resolved case like the open one, with the text that made it similar."""

    case: Case
    score: float
    snippet: Snippet | None = None
    fields: tuple[str, ...] = ()

    @property
    def number(self) -> str:
        return self.case.number


def _words(text: str, most: int) -> list[str]:
    """Up to `most` distinctive pieces of `text`: English words of three letters or more
    that are no stop words, acronyms (OA, DB), and Chinese as overlapping three-character
    pieces (a two-character run as it is): what the trigram index compares best."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if (len(word) >= 3 and word.lower() not in _STOPWORDS) or (
            len(word) == 2 and word.isupper()
        ):
            out.append(word)
    for match in _HAN.finditer(text):
        run = match.group()
        if len(run) <= 3:
            out.append(run)
        else:
            out += [run[i : i + 3] for i in range(len(run) - 2)]
    seen: dict[str, str] = {}
    for word in out:
        seen.setdefault(word.casefold(), word)
    return list(seen.values())[:most]


def similarity_terms(case: Case) -> tuple[Term, ...]:
    """The terms a similar case is looked for by: the keywords, the title's words, and
    the description's first distinctive ones."""
    terms: dict[str, Term] = {}
    for keyword in case.keywords:
        if keyword.strip():
            terms.setdefault(keyword.strip().casefold(), Term(keyword.strip(), phrase=True))
    for word in [*_words(case.title, 16), *_words(case.description, 12)]:
        terms.setdefault(word.casefold(), Term(word))
    return tuple(terms.values())[:32]


def similar_cases(store: CaseStore, case: Case, limit: int = 5) -> list[SimilarCase]:
    """Resolved or closed cases (not this one) that have a resolution and whose title,
    keywords or description share words with this case's, the most alike first."""
    terms = similarity_terms(case)
    if not terms or limit <= 0:
        return []
    query = SearchQuery(terms=terms, statuses=RESOLVED, fields=SIMILAR_FIELDS, mode="any")
    found = [h for h in store.search(query, limit=max(20, limit * 4)) if h.number != case.number]
    if not found:
        return []
    floor = found[0].score * MIN_SHARE
    out: list[SimilarCase] = []
    for hit in found:
        if hit.score < floor:
            break
        past = store.get_case(hit.number)
        if past is None or not past.resolution.strip():
            continue
        out.append(SimilarCase(past, hit.score, hit.snippet, hit.fields))
        if len(out) == limit:
            break
    return out


# -- reuse -------------------------------------------------------------------------------

#: A document a resolution names: a link, a vendor "Doc ID", a KB article number.
_REFERENCE = re.compile(
    r"https?://[^\s)>\]]+|\bDoc(?:ument)?\s*ID[:\s]*[\w.-]+|\bKBA?\s?\d{4,}\b", re.IGNORECASE
)


def reference_of(case: Case) -> str:
    """The reference document of a case: the one its E2 named (`reference_doc`), else
    the first link, Doc ID or KB number in its resolution."""
    value = case.values.get("reference_doc", "")
    if isinstance(value, str) and value.strip():
        return value.strip()
    found = _REFERENCE.search(case.resolution)
    return found.group().rstrip(".,;") if found else ""


def reuse_values(case: Case) -> dict[str, str]:
    """The E1/E2 field values a past case lends the open one: only what describes the
    solution (E2's `reference_doc`). The customer's name, the case number and the issue
    summary are the open case's own and never come from another case."""
    reference = reference_of(case)
    return {"reference_doc": reference} if reference else {}


@dataclass(frozen=True)
class Reuse:
    """What reusing a past case fills in on the open one."""

    source: str  # the past case's number
    template_id: str  # E2 with a reference document, else E1
    values: dict[str, str]  # template field values (fill only the empty ones)
    resolution: str
    root_cause: str
    keywords: tuple[str, ...]


def reuse(case: Case) -> Reuse:
    values = reuse_values(case)
    return Reuse(
        source=case.number,
        template_id="E2" if values else "E1",
        values=values,
        resolution=case.resolution.strip(),
        root_cause=case.root_cause.strip(),
        keywords=tuple(k for k in case.keywords if k.strip()),
    )


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords as typed: separated by commas (also ， and 、) or semicolons; each once
    (compared without case), blanks dropped."""
    words = [w.strip() for w in re.split(r"[,，、;；]", text)]
    return merged_keywords((), [w for w in words if w])


def merged_keywords(mine: Sequence[str], more: Sequence[str]) -> tuple[str, ...]:
    """`mine` then those of `more` it lacks (compared without case)."""
    seen = {k.casefold() for k in mine}
    out = list(mine)
    for keyword in more:
        if keyword.strip() and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            out.append(keyword.strip())
    return tuple(out)
