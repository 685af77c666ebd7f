"""Rank templates for the scenario picker from what a support engineer types.

Queries are short and mixed: an id (`B2`), English words (`not replied`, `close
inactive`), or Chinese (`客户未回复`). Each template is searched over its id, titles,
scenario lines, when-to-use text and keywords, in both languages, with weights: an id or
keyword hit counts more than a word somewhere in the when-to-use text. English words
match whole or by a shared stem ("inactive" ~ "inactivity"); the word still being typed
(the last one, no space after it) also matches as a prefix ("escalat"), but a finished
"no" does not match "not". Chinese matches by substring, else by character pairs and,
more weakly, single characters, since it has no spaces between words.

A template's score has two parts. The first sums, for each query word, its best weighted
match anywhere in the template. The second rewards how *closely* one text matches the
query: in each field, the share of that text the query covers, so a keyword that is
exactly the query ("performance") beats a longer one that merely contains it
("performance logs"), and a title that holds all the query words ("Close after no
response") beats one that holds only some.

A word found in most templates ("customer", Chinese 客户) says little about which one is
meant: each query word counts less the more templates it is found in, so "customer wants
to talk to a manager" is decided by "manager", not by "customer".

The index is built once per catalog. English matching is looked up per distinct word of
the catalog (bucketed by first letter, since every kind of match shares it) and cached
per query word, so a keystroke re-scores only what changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sr_tui.core.templates.model import Template

_LATIN = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_STOPWORDS = frozenset(
    "a an the to of for is are was has have had my i me we our on in at with and or it this "
    "that be been please".split()
)

# How much a hit in each part of a template counts.
_WEIGHTS = {"keywords": 3.0, "title": 3.0, "scenario": 2.5, "when": 1.0}
_ID_TOKEN = 20.0  # a query word that is the template's id ("b2 reminder")
_PHRASE = 1.5  # the whole query appears verbatim in a part
_COVERAGE = 1.0  # per field: share of one text the query covers
_CACHE_MAX = 512


@dataclass(frozen=True)
class Hit:
    template: Template
    score: float


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class _Part:
    field: int  # index into _WEIGHTS
    weight: float
    text: str
    size: float  # content words + Chinese characters / 2 (a Chinese word is ~2 characters)
    cjk: bool


@dataclass(frozen=True)
class _Doc:
    template: Template
    id: str
    parts: tuple[_Part, ...]
    cjk_parts: tuple[int, ...]


def _content_words(text: str) -> list[str]:
    words = _LATIN.findall(text)
    return [w for w in words if w not in _STOPWORDS] or words


def _doc(template: Template) -> _Doc:
    sources = (
        template.keywords,
        (template.title, template.title_zh),
        (template.scenario, template.scenario_zh),
        (template.when, template.when_zh),
    )
    parts = []
    for field, (name, texts) in enumerate(zip(_WEIGHTS, sources, strict=True)):
        for text in texts:
            norm = normalize(text)
            cjk_chars = sum(len(run) for run in _CJK.findall(norm))
            size = max(1.0, len(_content_words(norm)) + cjk_chars / 2)
            parts.append(_Part(field, _WEIGHTS[name], norm, size, cjk_chars > 0))
    cjk_parts = tuple(i for i, p in enumerate(parts) if p.cjk)
    return _Doc(template, template.id.casefold(), tuple(parts), cjk_parts)


def _word_score(token: str, word: str, *, open_: bool) -> float:
    """1 for the same word, 0.8 when an open token is its prefix, 0.6 for a shared stem."""
    if word == token:
        return 1.0
    if open_ and len(token) >= 2 and word.startswith(token):
        return 0.8
    if len(token) >= 4 and len(word) >= 4:
        stem = _common_prefix(token, word)
        if stem >= 5 or (stem >= 4 and stem >= min(len(token), len(word)) - 2):
            return 0.6
    return 0.0


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _pairs(run: str) -> frozenset[str]:
    return frozenset(run[i : i + 2] for i in range(len(run) - 1)) or frozenset((run,))


def _rarity(found_in: int, total: int) -> float:
    """How much a query word counts, from the share of templates it is found in: 1 up to
    a third of them, down to 0.3 for a word found in every one."""
    share = found_in / total if total else 0.0
    if share <= 1 / 3:
        return 1.0
    return 1.0 - 0.7 * (share - 1 / 3) / (2 / 3)


def _cjk_score(run: str, pairs: dict[str, float], chars: frozenset[str], text: str) -> float:
    """1 when the run is in the text; else up to 0.8 from its character pairs (each
    weighted by its rarity) and, weaker, its single characters (a one-character word such
    as 催 or 慢 is common in Chinese)."""
    if run in text:
        return 1.0
    pair_share = sum(w for p, w in pairs.items() if p in text) / sum(pairs.values())
    char_share = sum(1 for c in chars if c in text) / len(chars)
    return 0.6 * pair_share + 0.2 * char_share


# One query unit's matches: doc -> ((part, score), ...).
_Matches = dict[int, tuple[tuple[int, float], ...]]


class ScenarioIndex:
    """Built once per catalog; `search` is cheap enough to run on every keystroke."""

    def __init__(self, templates: Sequence[Template]) -> None:
        self.templates = tuple(templates)
        self._docs = tuple(_doc(t) for t in self.templates)
        # word -> [(doc, part)], and the catalog's words by first letter.
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for d, doc in enumerate(self._docs):
            for p, part in enumerate(doc.parts):
                for word in set(_LATIN.findall(part.text)):
                    self._postings[word].append((d, p))
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self._postings:
            self._by_initial[word[0]].append(word)
        self._cache: dict[str, _Matches] = {}
        self._by_doc_id: dict[str, list[int]] = defaultdict(list)
        for d, doc in enumerate(self._docs):
            self._by_doc_id[doc.id].append(d)

    def search(
        self, query: str, limit: int | None = None, preferred: Sequence[str] = ()
    ) -> list[Hit]:
        """Templates ranked best first. An empty query lists them all: the `preferred`
        ids first (recent and frequent templates), then the rest in catalog order."""
        raw = normalize(query)
        q = raw.strip()
        if not q:
            rank = {tid: i for i, tid in enumerate(preferred)}
            ordered = sorted(self.templates, key=lambda t: rank.get(t.id, len(rank)))
            hits = [Hit(t, 0.0) for t in ordered]
            return hits[:limit] if limit else hits
        squashed = q.replace(" ", "")
        tokens = _content_words(q)
        # Only the word still being typed (last, no space after it) matches as a prefix:
        # "no response" must not find "not", but "respo" should find "response".
        open_last = bool(tokens) and raw.endswith(tokens[-1])
        # Each query unit: its weight, its matches, and the id it would name on its own.
        units: list[tuple[float, _Matches, str]] = []
        for i, t in enumerate(tokens):
            matches = self._token_matches(t, open_=open_last and i == len(tokens) - 1)
            units.append((_rarity(len(matches), len(self._docs)), matches, t))
        units += [(max(1.0, len(r) / 2), self._run_matches(r), "") for r in _CJK.findall(q)]
        # Only a document some unit matches (or named by the query) can score: with a big
        # library most documents are never looked at.
        candidates: set[int] = set()
        for _, matches, _ in units:
            candidates.update(matches)
        for name in (squashed, *tokens):
            candidates.update(self._by_doc_id.get(name, ()))
        hits = []
        for d in sorted(candidates):
            doc = self._docs[d]
            score = 1000.0 if squashed == doc.id else self._score(d, doc, q, units)
            if score > 0:
                hits.append(Hit(doc.template, score))
        hits.sort(key=lambda h: -h.score)  # stable: ties keep catalog order
        return hits[:limit] if limit else hits

    def _token_matches(self, token: str, *, open_: bool) -> _Matches:
        key = ("p:" if open_ else "w:") + token
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        best: dict[tuple[int, int], float] = {}
        for word in self._by_initial.get(token[0], ()):
            s = _word_score(token, word, open_=open_)
            if s:
                for at in self._postings[word]:
                    if s > best.get(at, 0.0):
                        best[at] = s
        return self._remember(key, best)

    def _run_matches(self, run: str) -> _Matches:
        key = "c:" + run
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        chars = frozenset(run)
        pairs = {
            p: _rarity(
                sum(1 for d in self._docs if any(p in d.parts[i].text for i in d.cjk_parts)),
                len(self._docs),
            )
            for p in _pairs(run)
        }
        best: dict[tuple[int, int], float] = {}
        for d, doc in enumerate(self._docs):
            for p in doc.cjk_parts:
                s = _cjk_score(run, pairs, chars, doc.parts[p].text)
                if s:
                    best[d, p] = s
        return self._remember(key, best)

    def _remember(self, key: str, best: dict[tuple[int, int], float]) -> _Matches:
        by_doc: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for (d, p), s in best.items():
            by_doc[d].append((p, s))
        matches = {d: tuple(found) for d, found in by_doc.items()}
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[key] = matches
        return matches

    @staticmethod
    def _score(d: int, doc: _Doc, q: str, units: list[tuple[float, _Matches, str]]) -> float:
        parts = doc.parts
        score = 0.0
        matched = 0
        wanted = 0.0  # total weight of the query's units
        covered: dict[int, float] = {}  # part -> weighted amount of the query it matches
        for weight, matches, token in units:
            wanted += weight
            best = _ID_TOKEN if token == doc.id else 0.0
            for p, s in matches.get(d, ()):
                best = max(best, parts[p].weight * s)
                covered[p] = covered.get(p, 0.0) + weight * s
            if best:
                matched += 1
                score += best * weight
        if not score:
            return 0.0
        if matched < len(units):
            score *= matched / len(units)  # every word should count; partial matches rank lower
        # Closeness: per field, the best share of one text that the query covers.
        closest = [0.0] * len(_WEIGHTS)
        for p, amount in covered.items():
            part = parts[p]
            share = amount / max(wanted, part.size)
            if share > closest[part.field]:
                closest[part.field] = share
        score += _COVERAGE * sum(w * c for w, c in zip(_WEIGHTS.values(), closest, strict=True))
        if len(q) >= 4:  # the whole query as a phrase in one part
            score += max((p.weight for p in parts if q in p.text), default=0.0) * _PHRASE
        return score
