"""SR011 sentence-too-long."""

from __future__ import annotations

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.splitting import WORD


def check(ctx) -> None:
    limit = ctx.cfg.sentence_max_words
    masked = ctx.doc.masked
    for s, e in ctx.doc.sentences:
        if e - s <= limit * 2:
            continue  # too short to hold more words than the limit
        n = len(WORD.findall(masked, s, e))
        if n > limit:
            ctx.emit(
                "SR011",
                s,
                e,
                f"This sentence has {n} words — aim for {limit} or fewer. Split it at "
                "'and', 'but', 'which', 'because' or 'so that'.",
                Fix("hint"),
            )
