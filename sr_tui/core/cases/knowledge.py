"""The knowledge base: problems (similar cases grouped), and the frequent-problems
handbook (常见问题手册) in Markdown, which `sr-tui kb export` writes.

Seed 001 step 6: typical problems and their solutions go into the knowledge base (a
case's "add to knowledge base" flag, `Case.knowledge`), and the handbook is updated from
it. `group_problems` is also what the monthly review counts its frequent problems with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo

from sr_tui.core.cases.labels import AREA_LABELS, Lang, label
from sr_tui.core.cases.model import Case
from sr_tui.core.cases.search_parse import normalize_area
from sr_tui.core.cases.search_query import SearchQuery
from sr_tui.core.cases.store import CaseStore

#: Titles at least this alike (trigram overlap) are one problem.
TITLE_LIKENESS = 0.5


@dataclass(frozen=True)
class Problem:
    """Cases of one problem: their area, newest first."""

    area: str  # as the newest case writes it ("" for none)
    cases: tuple[Case, ...]

    @property
    def title(self) -> str:
        return next((c.title for c in self.cases if c.title.strip()), self.cases[0].number)

    @property
    def keywords(self) -> tuple[str, ...]:
        """The cases' keywords, the most used first."""
        return tuple(k for k, _ in keyword_counts(self.cases))

    def _distinct(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for c in self.cases if (t := getattr(c, name).strip())))

    @property
    def symptoms(self) -> str:
        """The newest description."""
        return next((c.description.strip() for c in self.cases if c.description.strip()), "")

    @property
    def root_causes(self) -> tuple[str, ...]:
        return self._distinct("root_cause")

    @property
    def resolutions(self) -> tuple[str, ...]:
        return self._distinct("resolution")


def keyword_counts(cases: Iterable[Case]) -> list[tuple[str, int]]:
    """(keyword, cases with it), the most used first, then alphabetically; keywords
    compared without case, each written as most of the cases write it."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for case in cases:
        for folded, keyword in {k.strip().casefold(): k.strip() for k in case.keywords}.items():
            if folded:
                counts[folded] += 1
                spellings.setdefault(folded, Counter())[keyword] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(min(spellings[k], key=lambda w: (-spellings[k][w], w)), n) for k, n in ordered]


def _trigrams(text: str) -> set[str]:
    folded = "".join(text.casefold().split())
    return {folded[i : i + 3] for i in range(len(folded) - 2)} or ({folded} if folded else set())


def _marks(case: Case) -> list[str]:
    """What makes two cases one problem when they share it: a keyword, a root cause."""
    marks = [f"k:{k.strip().casefold()}" for k in case.keywords if k.strip()]
    if case.root_cause.strip():
        marks.append(f"r:{' '.join(case.root_cause.casefold().split())}")
    return marks


def _alike_titles(titles: Sequence[set[str]]) -> list[tuple[int, int]]:
    """Pairs (i, j) of alike titles, i < j, each distinct title compared once (titles
    repeat: the same problem, typed the same way) and only with titles whose sizes
    allow the likeness (|A ∩ B| / |A ∪ B| >= t needs min/max size >= t)."""
    distinct: dict[frozenset[str], list[int]] = {}
    for i, grams in enumerate(titles):
        if grams:
            distinct.setdefault(frozenset(grams), []).append(i)
    pairs = [(ids[0], j) for ids in distinct.values() for j in ids[1:]]
    keys = sorted(distinct, key=len)
    for x, a in enumerate(keys):
        for b in keys[x + 1 :]:
            if len(a) < TITLE_LIKENESS * len(b):
                break
            if len(a & b) >= TITLE_LIKENESS * len(a | b):
                pairs.append((distinct[a][0], distinct[b][0]))
    return pairs


def _components(members: Sequence[Case]) -> list[list[Case]]:
    """The cases in groups linked by a shared mark or alike titles, in `members` order."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    owner: dict[str, int] = {}
    for i, case in enumerate(members):
        for mark in _marks(case):
            if mark in owner:
                join(owner[mark], i)
            else:
                owner[mark] = i
    for i, j in _alike_titles([_trigrams(c.title) for c in members]):
        join(i, j)
    groups: dict[int, list[Case]] = {}
    for i, case in enumerate(members):
        groups.setdefault(find(i), []).append(case)
    return list(groups.values())


def group_problems(cases: Iterable[Case]) -> list[Problem]:
    """Cases of one area that share a keyword, a root cause, or a title alike enough are
    one problem (and so are cases alike through another). The most cases first; equal
    counts: the newest last activity first."""
    by_area: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: (c.last_activity_at, c.number), reverse=True):
        by_area.setdefault(normalize_area(case.area), []).append(case)
    problems = [
        Problem(group[0].area.strip(), tuple(group))
        for members in by_area.values()
        for group in _components(members)
    ]
    problems.sort(key=lambda p: (-len(p.cases), -p.cases[0].last_activity_at.timestamp()))
    return problems


def knowledge_cases(store: CaseStore, limit: int = 100_000) -> list[Case]:
    """The cases flagged for the knowledge base, newest activity first."""
    found = store.search(SearchQuery(knowledge=True), limit=limit)
    return [case for hit in found if (case := store.get_case(hit.number)) is not None]


# -- the handbook ------------------------------------------------------------------------

_WORDS = {
    "en": {
        "title": "Frequent problems handbook",
        "intro": "{n} problems from {m} knowledge-base cases, by technical area. Updated {day}.",
        "none": "No case is in the knowledge base yet: close a case with "
        '"add to knowledge base" ticked.',
        "no_area": "Other",
        "keywords": "Keywords",
        "symptoms": "Symptoms",
        "root_cause": "Root cause",
        "resolution": "Resolution",
        "cases": "Cases",
        "unknown": "not recorded",
    },
    "zh": {
        "title": "常见问题手册",
        "intro": "共 {n} 个问题,来自知识库中的 {m} 个工单,按技术领域分类。更新于 {day}。",
        "none": "知识库中还没有工单:关闭工单时勾选“录入知识库”。",
        "no_area": "其他",
        "keywords": "关键词",
        "symptoms": "故障现象",
        "root_cause": "根本原因",
        "resolution": "解决方案",
        "cases": "相关工单",
        "unknown": "未记录",
    },
}


def _md(text: str) -> str:
    """Text as one Markdown paragraph: lines joined, nothing read as markup."""
    flat = " ".join(text.split())
    for ch in "\\`*_[]<>#|":
        flat = flat.replace(ch, "\\" + ch)
    return flat


def handbook(
    cases: Sequence[Case], *, lang: Lang = "en", today: date, tz: tzinfo | None = None
) -> str:
    """The frequent-problems handbook of `cases` (the knowledge base) in Markdown:
    problems grouped by area, each with its symptoms, root cause, resolution and the
    cases it came from. Dates in `tz` (default UTC)."""
    words = _WORDS["zh" if lang == "zh" else "en"]
    problems = group_problems(cases)
    out = [f"# {words['title']}", ""]
    if not problems:
        return "\n".join([*out, words["none"], ""])
    intro = words["intro"].format(n=len(problems), m=len(cases), day=today.isoformat())
    out += [intro, ""]
    areas: dict[str, list[Problem]] = {}
    for problem in problems:
        areas.setdefault(normalize_area(problem.area), []).append(problem)
    order = sorted(areas, key=lambda a: (a == "", -sum(len(p.cases) for p in areas[a]), a))
    for area in order:
        name = areas[area][0].area
        heading = label(AREA_LABELS, area, lang) if area else words["no_area"]
        if area and heading == area:  # a user's own area: as they write it
            heading = name
        out += [f"## {_md(heading)}", ""]
        for problem in areas[area]:
            out += _problem(problem, words, tz)
    return "\n".join(out).rstrip() + "\n"


def _problem(problem: Problem, words: dict[str, str], tz: tzinfo | None) -> list[str]:
    out = [f"### {_md(problem.title)}", ""]
    if problem.keywords:
        out += [f"*{words['keywords']}:* {' · '.join(_md(k) for k in problem.keywords)}", ""]
    out += [f"**{words['symptoms']}.** {_md(problem.symptoms) or words['unknown']}", ""]
    out += _list(words["root_cause"], problem.root_causes, words)
    out += _list(words["resolution"], problem.resolutions, words)
    refs = ", ".join(
        f"{_md(c.number)} ({c.submitted_at.astimezone(tz or UTC).date().isoformat()})"
        for c in problem.cases
    )
    out += [f"**{words['cases']}.** {refs}", ""]
    return out


def _list(title: str, items: Sequence[str], words: dict[str, str]) -> list[str]:
    if len(items) <= 1:
        return [f"**{title}.** {_md(items[0]) if items else words['unknown']}", ""]
    return [f"**{title}.**", "", *(f"- {_md(item)}" for item in items), ""]
