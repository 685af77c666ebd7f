"""SR016 repeated-word: "the the", also across a line break."""

from __future__ import annotations

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import prev_words, words
from sr_tui.core.lint.wordlists import REPEAT_OK


def _gap_ok(gap: str) -> bool:
    """Only spaces, tabs and at most one line break between the two words."""
    return gap.count("\n") <= 1 and (gap.isspace() and bool(gap))


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    toks = words(doc)
    i, n = 1, len(toks)
    while i < n:
        s0, e0, w = toks[i - 1]
        if toks[i][2] != w or not _gap_ok(prose[e0 : toks[i][0]]) or not w[0].isalpha():
            i += 1
            continue
        j = i
        while j + 1 < n and toks[j + 1][2] == w and _gap_ok(prose[toks[j][1] : toks[j + 1][0]]):
            j += 1
        ok = w in REPEAT_OK or (
            w == "is" and any(p in ("what", "it") for p in prev_words(prose, s0, 3))
        )
        if not ok and not any(c.isdigit() for c in w):
            start, end = toks[i][0], toks[j][1]
            ctx.emit(
                "SR016", start, end, f"'{prose[s0:e0]}' is repeated.", Fix("delete", None, True)
            )
        i = j + 1
