"""SR015 stock-or-wordy-phrase: a substitution list, plus `So,` / `There is` openers."""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import hits, match_case, next_word
from sr_tui.core.lint.wordlists import SUBSTITUTIONS

#: After "revert", what makes it mean "reply" (not "revert the patch").
_REVERT_REPLY = re.compile(r"\s+(?:to\s+(?:me|us)|with)\b|\s*[.,!]|\s*$", re.IGNORECASE)
_THERE_VERBS = frozenset(("is", "are", "was", "were"))
_WS_WORD = re.compile(r"\s+\w+")


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    for s, e, key in hits(doc, "wordy"):
        if not doc.in_subject(s):
            repl, safe = SUBSTITUTIONS[key]
            _emit(ctx, s, e, prose[s:e], repl, safe)
    for s, e, w in hits(doc, "misc"):
        if w == "revert" and _REVERT_REPLY.match(prose, e, e + 12) and prose[e : e + 5] != " back":
            if not doc.in_subject(s):
                _emit(ctx, s, e, prose[s:e], "reply", True)
        elif (
            w == "so"
            and prose[s] == "S"
            and prose[e : e + 1] == ","
            and doc.is_sentence_start(s)
            and not doc.in_subject(s)
        ):
            msg = "Start with the point, not 'So,'."
            ctx.emit("SR015", s, e + 1, msg, Fix("delete", None, False))
        elif (
            w == "there"
            and prose[s] == "T"
            and next_word(prose, e) in _THERE_VERBS
            and doc.is_sentence_start(s)
            and not doc.in_subject(s)
        ):
            nxt = _WS_WORD.match(prose, e)
            end = nxt.end() if nxt else e
            shown = " ".join(prose[s:end].split())
            ctx.emit(
                "SR015",
                s,
                end,
                f"Start with the subject, not '{shown}': 'A fix is available' rather "
                "than 'There is a fix available'.",
                Fix("hint"),
            )


def _emit(ctx, s: int, e: int, matched: str, repl: str | None, safe: bool) -> None:
    shown = " ".join(matched.split())
    if repl is None:
        ctx.emit("SR015", s, e, f"'{shown}' is unclear: say what you need done.", Fix("hint"))
    elif repl == "":
        ctx.emit("SR015", s, e, f"Cut '{shown}': it adds nothing.", Fix("delete", None, safe))
    else:
        repl = match_case(repl, matched)
        ctx.emit("SR015", s, e, f"Use '{repl}' instead of '{shown}'.", Fix("replace", repl, safe))
