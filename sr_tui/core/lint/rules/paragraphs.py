"""SR008 paragraph-too-long and SR009 paragraph-multiple-topics."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import hits
from sr_tui.core.lint.rules.subject import REF
from sr_tui.core.lint.splitting import WORD, most_words


def paragraph_sentences(doc, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences starting in [start, end) (shared by SR008/SR009 and SR010 through
    `doc.cache`: callers must not change the list)."""
    cache = doc.cache.setdefault("paragraph_sentences", {})
    out = cache.get((start, end))
    if out is None:
        sents = doc.sentences
        starts = doc._sentence_starts
        out = cache[start, end] = sents[bisect_left(starts, start) : bisect_left(starts, end)]
    return out


def check(ctx) -> None:
    doc, cfg = ctx.doc, ctx.cfg
    masked = doc.masked
    shifts = {s: (s, e) for s, e, _ in hits(doc, "shift")} if ctx.on("SR009") else {}
    for para in doc.paragraphs:
        sents = paragraph_sentences(doc, para.start, para.end)
        if ctx.on("SR008"):
            _too_long(ctx, para, sents, masked, cfg)
        if ctx.on("SR009") and len(sents) >= 2:
            _topics(ctx, sents, masked, shifts)


def _too_long(ctx, para, sents, masked: str, cfg) -> None:
    # No word crosses a sentence boundary (a sentence ends at punctuation and a space),
    # so the paragraph's count is the sum of its sentences': the per-sentence counts are
    # needed only to say where to split a paragraph that is too long.
    n = len(sents)
    if n <= cfg.paragraph_max_sentences:
        if most_words(para.end - para.start) <= cfg.paragraph_max_words:
            return
        if len(WORD.findall(masked, para.start, para.end)) <= cfg.paragraph_max_words:
            return
    counts = [len(WORD.findall(masked, s, e)) for s, e in sents]
    w = sum(counts)
    if n <= cfg.paragraph_max_sentences and w <= cfg.paragraph_max_words:
        return
    k, total = 0, 0
    for i, c in enumerate(counts):
        total += c
        if i >= cfg.paragraph_max_sentences or total > cfg.paragraph_max_words:
            break
        k = i + 1
    k = max(k, 1)
    ctx.emit(
        "SR008",
        para.start,
        para.end,
        f"Keep paragraphs short: this one has {n} sentences / {w} words. "
        f"Split it after sentence {k}.",
        Fix("hint"),
    )


def _topics(ctx, sents, masked: str, shifts: dict[int, tuple[int, int]]) -> None:
    text = ctx.doc.text
    for prev, (s, _) in pairwise(sents):
        if s in shifts:
            a, b = shifts[s]
            ctx.emit(
                "SR009",
                prev[1],
                b,
                f"One topic per paragraph — start a new paragraph at '{text[a:b]}'.",
                Fix("replace", "\n\n" + text[a:b], True),
            )
            return
    refs: dict[str, str] = {}
    for s, e in sents:
        for m in REF.finditer(masked, s, e):
            key = re.sub(r"\D", "", m.group(1))
            if refs and key not in refs:
                first = next(iter(refs.values()))
                ctx.emit(
                    "SR009",
                    m.start(),
                    m.end(),
                    f"One topic per paragraph — {first} and {m.group()} are different cases: "
                    "give each its own paragraph.",
                    Fix("hint"),
                )
                return
            refs.setdefault(key, m.group())
