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

The index is built once per catalog, into flat tables over every text ("part") of every
template: its template, field, weight and size. English matching is looked up per
distinct word of the catalog (bucketed by first letter, since every kind of match shares
it) and cached per query word as part -> score. A keystroke then scores the templates
in one pass over the matched parts, whatever the number of templates that match, and
makes a `Hit` only for the rows the picker shows (`top`). The arithmetic is the one
described above, in the same order, so equal scores stay equal and ties keep catalog
order (`tests/test_scenario_ranking.py` checks it against the scorer before).
"""

from __future__ import annotations

import gc
import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sr_tui.core.templates.model import Template
from sr_tui.core.templates.scenario_words import (
    CJK,
    LATIN,
    STOPWORDS,
    char_pairs,
    content_words,
    fold,
    normalize,
    rarity,
    word_score,
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


def _texts(template: Template) -> tuple[tuple[str, ...], ...]:
    """A template's searched texts by field, in `_WEIGHTS` order."""
    return (
        template.keywords,
        (template.title, template.title_zh),
        (template.scenario, template.scenario_zh),
        (template.when, template.when_zh),
    )


def _read(text: str) -> tuple[str, float, int, tuple[str, ...]]:
    """A text as searched: normalized; its size (content words + Chinese characters / 2:
    a Chinese word is about 2 characters); its number of Chinese characters; its
    distinct words."""
    norm = fold(text)
    cjk_chars = 0 if norm.isascii() else sum(map(len, CJK.findall(norm)))
    words = LATIN.findall(norm)
    content = [w for w in words if w not in STOPWORDS] or words
    return norm, max(1.0, len(content) + cjk_chars / 2), cjk_chars, tuple(dict.fromkeys(words))


#: One query unit's matches: part -> score.
_Matches = dict[int, float]
_SEP = "\x00"  # joins a template's texts of one weight, for the phrase test


class ScenarioIndex:
    """Built once per catalog; `search` is cheap enough to run on every keystroke."""

    def __init__(self, templates: Sequence[Template]) -> None:
        self.templates = tuple(templates)
        collecting = gc.isenabled()
        gc.disable()  # some 100,000 objects, all kept: nothing for the collector to find
        try:
            self._build()
        finally:
            if collecting:
                gc.enable()

    def _build(self) -> None:
        self._ids = tuple(t.id.casefold() for t in self.templates)
        # Per part: its template, field, weight, size and text; per template: its parts.
        doc: list[int] = []
        field: list[int] = []
        weight: list[float] = []
        size: list[float] = []
        texts: list[str] = []
        #: Per template, its first part (its parts are contiguous), and its Chinese ones.
        self._first: list[int] = []
        self._cjk_parts: list[tuple[int, ...]] = []
        #: Per template, its texts of each weight joined, heaviest first: the phrase test.
        self._joined: list[tuple[tuple[float, str], ...]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        weights = tuple(_WEIGHTS.values())
        seen: dict[str, tuple[str, float, int, tuple[str, ...]]] = {}  # keywords repeat
        for d, template in enumerate(self.templates):
            self._first.append(len(texts))
            cjk = []
            by_weight: dict[float, list[str]] = {}
            for f, group in enumerate(_texts(template)):
                for text in group:
                    g = len(texts)
                    read = seen.get(text)
                    if read is None:
                        read = seen[text] = _read(text)
                    norm, part_size, cjk_chars, words = read
                    doc.append(d)
                    field.append(f)
                    weight.append(weights[f])
                    size.append(part_size)
                    texts.append(norm)
                    by_weight.setdefault(weights[f], []).append(norm)
                    if cjk_chars:
                        cjk.append(g)
                    for word in words:
                        self._postings[word].append(g)
            self._cjk_parts.append(tuple(cjk))
            self._joined.append(
                tuple((w, _SEP.join(by_weight[w])) for w in sorted(by_weight, reverse=True))
            )
        self._first.append(len(texts))
        self._doc, self._field, self._weight, self._size, self._texts = (
            doc,
            field,
            weight,
            size,
            texts,
        )
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self._postings:
            self._by_initial[word[0]].append(word)
        #: Query unit -> its matches and the number of templates they are in.
        self._cache: dict[str, tuple[_Matches, int]] = {}
        #: Every Chinese text, in order; a character or pair -> the texts holding it and
        #: the number of templates they are in (found the first time it is asked for).
        self._cjk_texts = [g for parts in self._cjk_parts for g in parts]
        self._cjk_found: dict[str, tuple[list[int], int]] = {}
        self._by_doc_id: dict[str, list[int]] = defaultdict(list)
        for d, tid in enumerate(self._ids):
            self._by_doc_id[tid].append(d)

    def search(
        self, query: str, limit: int | None = None, preferred: Sequence[str] = ()
    ) -> list[Hit]:
        """Templates ranked best first. An empty query lists them all: the `preferred`
        ids first (recent and frequent templates), then the rest in catalog order."""
        ranked = self._ranked(query, preferred)
        ranked.sort(key=_score_of, reverse=True)  # stable: ties keep catalog order
        if limit:
            ranked = ranked[:limit]
        return [Hit(self.templates[d], score) for d, score in ranked]

    def top(self, query: str, count: int, preferred: Sequence[str] = ()) -> tuple[list[Hit], int]:
        """The first `count` hits of `search` and how many there are in all: a `Hit` is
        made only for those shown."""
        ranked = self._ranked(query, preferred)
        best = heapq.nlargest(count, ranked, key=_score_of)  # = sorted(...)[:count]
        return [Hit(self.templates[d], score) for d, score in best], len(ranked)

    def _ranked(self, query: str, preferred: Sequence[str]) -> list[tuple[int, float]]:
        """(template, score) of every hit, in catalog order."""
        raw = normalize(query)
        q = raw.strip()
        if not q:
            rank = {tid: i for i, tid in enumerate(preferred)}
            first = sorted(
                range(len(self.templates)),
                key=lambda d: rank.get(self.templates[d].id, len(rank)),
            )
            # Scores all 0: the order above is kept by the stable sorts that follow.
            return [(d, 0.0) for d in first]
        squashed = q.replace(" ", "")
        tokens = content_words(q)
        # Only the word still being typed (last, no space after it) matches as a prefix:
        # "no response" must not find "not", but "respo" should find "response".
        open_last = bool(tokens) and raw.endswith(tokens[-1])
        # Each query unit: its weight, its matches, and the id it would name on its own.
        units: list[tuple[float, _Matches, str]] = []
        for i, t in enumerate(tokens):
            matches, found_in = self._token_matches(t, open_=open_last and i == len(tokens) - 1)
            units.append((rarity(found_in, len(self.templates)), matches, t))
        units += [(max(1.0, len(r) / 2), self._run_matches(r)[0], "") for r in CJK.findall(q)]
        # Only a template some unit matches (or that a unit or the query names) can score.
        scores = self._scores(units)
        for d in self._by_doc_id.get(squashed, ()):
            scores.setdefault(d, 0.0)
        ranked = []
        for d in sorted(scores):
            score = 1000.0 if squashed == self._ids[d] else scores[d]
            if score > 0 and len(q) >= 4 and squashed != self._ids[d]:
                score += self._phrase(d, q) * _PHRASE
            if score > 0:
                ranked.append((d, score))
        return ranked

    def _phrase(self, d: int, q: str) -> float:
        """The heaviest weight of a text of the template holding the whole query."""
        if _SEP in q:  # then one text at a time
            parts = range(self._first[d], self._first[d + 1])
            return max((self._weight[g] for g in parts if q in self._texts[g]), default=0.0)
        for w, joined in self._joined[d]:
            if q in joined:
                return w
        return 0.0

    def _scores(self, units: list[tuple[float, _Matches, str]]) -> dict[int, float]:
        """Each matched template's score before the phrase bonus: per unit, its best
        weighted match (or its id); scaled by the share of units matched; plus per field
        the best share of one text that the query covers."""
        doc, weight_of, size_of, field_of = self._doc, self._weight, self._size, self._field
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        covered: dict[int, float] = {}  # part -> weighted amount of the query it matches
        wanted = 0.0
        for weight, matches, token in units:
            wanted += weight
            best: dict[int, float] = {d: _ID_TOKEN for d in self._by_doc_id.get(token, ())}
            for g, s in matches.items():
                d = doc[g]
                x = weight_of[g] * s
                if x > best.get(d, 0.0):
                    best[d] = x
                covered[g] = covered.get(g, 0.0) + weight * s
            for d, b in best.items():
                scores[d] = scores.get(d, 0.0) + b * weight
                matched[d] = matched.get(d, 0) + 1
        units_count = len(units)
        for d, n in matched.items():
            if n < units_count:  # every word should count; partial matches rank lower
                scores[d] *= n / units_count
        # Closeness: per field, the best share of one text that the query covers.
        closest: dict[int, list[float]] = {}
        for g, amount in covered.items():
            share = amount / max(wanted, size_of[g])
            row = closest.get(doc[g])
            if row is None:
                row = closest[doc[g]] = [0.0, 0.0, 0.0, 0.0]
            if share > row[field_of[g]]:
                row[field_of[g]] = share
        # Spelled out, not sum() over a generator: this runs for every matched template.
        w0, w1, w2, w3 = _WEIGHTS.values()
        for d, (c0, c1, c2, c3) in closest.items():
            scores[d] += _COVERAGE * (w0 * c0 + w1 * c1 + w2 * c2 + w3 * c3)
        return scores

    def _token_matches(self, token: str, *, open_: bool) -> tuple[_Matches, int]:
        key = ("p:" if open_ else "w:") + token
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        best: _Matches = {}
        for word in self._by_initial.get(token[0], ()):
            s = word_score(token, word, open_=open_)
            if s:
                for g in self._postings[word]:
                    if s > best.get(g, 0.0):
                        best[g] = s
        return self._remember(key, best)

    def _run_matches(self, run: str) -> tuple[_Matches, int]:
        """Each Chinese text's score for the run: 1 when the run is in it; else up to 0.8
        from the run's character pairs (each weighted by its rarity) and, weaker, its
        single characters (a one-character word such as 催 or 慢 is common in Chinese).
        Made from the texts holding its pairs and characters (`_texts_with`), never
        testing a text that holds none of them; the sums are made in the order the
        scorer before made them (`tests/fixtures/scenario_index_before.py`): the same
        floats."""
        key = "c:" + run
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        chars = frozenset(run)
        total = len(self.templates)
        pairs = {p: rarity(self._texts_with(p)[1], total) for p in char_pairs(run)}
        weights = sum(pairs.values())
        pair_sum: dict[int, float] = {}
        pair_hits: dict[int, int] = {}
        for p, w in pairs.items():
            for g in self._texts_with(p)[0]:
                pair_sum[g] = pair_sum.get(g, 0) + w
                pair_hits[g] = pair_hits.get(g, 0) + 1
        char_hits: dict[int, int] = {}
        for c in chars:
            for g in self._texts_with(c)[0]:
                char_hits[g] = char_hits.get(g, 0) + 1
        texts, all_pairs, n_chars = self._texts, len(pairs), len(chars)
        best: _Matches = {}
        for g in sorted(char_hits):  # a text with none of the run's characters scores 0
            if pair_hits.get(g) == all_pairs and run in texts[g]:
                best[g] = 1.0
            else:
                pair_share = pair_sum.get(g, 0) / weights
                best[g] = 0.6 * pair_share + 0.2 * (char_hits[g] / n_chars)
        return self._remember(key, best)

    def _texts_with(self, piece: str) -> tuple[list[int], int]:
        """The Chinese texts holding `piece` (a character, or a pair: looked for among
        the texts holding its first character) and how many templates they are in."""
        found = self._cjk_found.get(piece)
        if found is None:
            within = self._cjk_texts if len(piece) == 1 else self._texts_with(piece[0])[0]
            texts = self._texts
            holding = [g for g in within if piece in texts[g]]
            found = self._cjk_found[piece] = holding, len({self._doc[g] for g in holding})
        return found

    def _remember(self, key: str, best: _Matches) -> tuple[_Matches, int]:
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        found = self._cache[key] = best, len({self._doc[g] for g in best})
        return found


def _score_of(ranked: tuple[int, float]) -> float:
    return ranked[1]
