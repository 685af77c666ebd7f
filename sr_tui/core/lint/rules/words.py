"""SR012 hedging and SR013 weak-intensifier."""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import attached_to_timeframe, hits, next_word, prev_word
from sr_tui.core.lint.wordlists import DETERMINERS, FILLER_HEDGES

MSG_HEDGE = "'{match}' sounds unsure — state what you know and what happens next."
MSG_WEAK = "'{match}' adds little; cut it or be specific."

_LITERAL_APPEARS = frozenset(
    "in on at under as when twice once only here there after before during".split()
)
_SUPER_NOUNS = frozenset("user users admin block blocks class cluster node nodes set".split())
_HIGHLY_TECH = frozenset("available availability scalable configurable concurrent parallel".split())
_MUCH_APPRECIATED = re.compile(r"\s+much\s+appreciated", re.IGNORECASE)
_THANK_YOU = re.compile(r"thank(?:s|\s+you)\s+$", re.IGNORECASE)


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    if ctx.on("SR012"):
        for s, e, key in hits(doc, "hedge"):
            if doc.in_subject(s) or _hedge_ok(prose, key, s, e):
                continue
            fix = Fix("delete", None, False) if key in FILLER_HEDGES else Fix("hint")
            ctx.emit("SR012", s, e, MSG_HEDGE.format(match=" ".join(prose[s:e].split())), fix)
    if ctx.on("SR013"):
        for s, e, key in hits(doc, "weak"):
            if key.startswith("so "):
                e = s + 2  # "so sorry": report "so"
            if doc.in_subject(s) or _weak_ok(prose, key, s, e):
                continue
            ctx.emit("SR013", s, e, MSG_WEAK.format(match=prose[s:e]), Fix("delete", None, False))


def _hedge_ok(prose: str, key: str, s: int, e: int) -> bool:
    if key in ("kind of", "sort of") and prev_word(prose, s) in DETERMINERS:
        return True  # "what kind of device": a noun
    if key == "it appears" and next_word(prose, e) in _LITERAL_APPEARS:
        return True  # "it appears in the log"
    return attached_to_timeframe(prose, e)  # "probably within 2 business days"


def _weak_ok(prose: str, key: str, s: int, e: int) -> bool:
    nxt = next_word(prose, e)
    if key == "very":
        if nxt == "well" or _MUCH_APPRECIATED.match(prose, e, e + 25):
            return True
        if nxt == "much" and _THANK_YOU.search(prose, max(0, s - 12), s):
            return True
    elif key == "pretty" and (not nxt or prev_word(prose, s) in DETERMINERS):
        return True  # "a pretty interface"
    elif key == "super" and nxt in _SUPER_NOUNS:
        return True  # "super user"
    elif key == "highly" and nxt in _HIGHLY_TECH:
        return True  # "highly available"
    return attached_to_timeframe(prose, e)
