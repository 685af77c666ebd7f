"""SR020 chatspeak-informal: FYI, thx, w/, gonna, "Hey guys", emoticons and emoji."""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.phrases import tokenize
from sr_tui.core.lint.rules._util import INDEX, hits, match_case
from sr_tui.core.lint.wordlists import CHATSPEAK, CHATSPEAK_LOWER

MSG = "Write '{match}' out in full for a customer email."
MSG_GREETING = "'{match}' is too casual for a customer: write 'Hi,'."
MSG_EMOJI = "Leave emoji and emoticons out of a customer email."
#: w/, w/o, b/c; the character before is checked in code (not a path or URL).
#: (The first character as a class of its own lets `re` skip to the candidates fast.)
_SLASHED = re.compile(r"[wWbB](?:(?<=[wW])/[oO]|(?<=[bB])/[cC]|(?<=[wW])/)(?=[\s\w])(?!\w*/)")
#: (The leading look-ahead names every emoticon's first character, so a scan fails fast.)
_EMOTICON = re.compile(
    r"(?=[:;^<xX])(?<!\S)(?::-?\)|:-?\(|;-?\)|:-?D|:-?[Pp]|:'\(|\^_\^|<3|[xX]D|:-?/|:-?\|)(?!\S)"
)
_EMOJI_CHARS = (
    "\U0001f300-\U0001faff\U0001f000-\U0001f02f\U0001f0a0-\U0001f0ff\U0001f100-\U0001f1ff"
    "\u2600-\u26ff\u2700-\u2712\u2715\u2719-\u27bf\u2b50\u2b55\u203c\u2049"
)
_EMOJI = re.compile(
    "[" + _EMOJI_CHARS + "](?:[\ufe0f\u200d\U0001f3fb-\U0001f3ff" + _EMOJI_CHARS + "])*"
)
_NEIGHBOURS = ".'’-"
#: The lowest of _EMOJI_CHARS.
LOWEST_EMOJI = "\u203c"


def has_high(text: str) -> bool:
    """Whether a character of `text` is at or above `LOWEST_EMOJI`. (A pattern for
    that range took 4.6 ms to compile, a quarter of the lint engine's import.)"""
    return not text.isascii() and max(text) >= LOWEST_EMOJI


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    found = list(hits(doc, "chat"))
    g = doc.greeting
    if g is not None:  # "Hey guys," is a greeting
        text = doc.masked[g.start : g.end]
        local = INDEX.find(text, tokenize(text))["chat"]
        found += [(s + g.start, e + g.start, k) for s, e, k in local]
    for s, e, key in found:
        _word(ctx, s, e, doc.text[s:e], CHATSPEAK[key])
    for s, e, w in hits(doc, "misc"):
        if w in CHATSPEAK_LOWER and prose[s:e] == w:
            before = prose[s - 1] if s else " "
            after = prose[e] if e < len(prose) else " "
            if before not in _NEIGHBOURS and after not in _NEIGHBOURS:
                _word(ctx, s, e, w, CHATSPEAK_LOWER[w])
    if "/" in prose:
        for m in _SLASHED.finditer(prose):
            if m.start() and (prose[m.start() - 1].isalnum() or prose[m.start() - 1] in "/.:_"):
                continue
            _word(ctx, m.start(), m.end(), m.group(), CHATSPEAK[m.group().lower()])
    if not ctx.cfg.emoji:
        return
    # every emoji is at or above U+203C: no such character, no emoji scan
    high = has_high(prose)
    if ":" in prose or ";" in prose or "^" in prose or "<3" in prose or high:
        for pat in (_EMOTICON, _EMOJI) if high else (_EMOTICON,):
            for m in pat.finditer(prose):
                ctx.emit("SR020", m.start(), m.end(), MSG_EMOJI, Fix("delete", None, False))


def _word(ctx, s: int, e: int, matched: str, repl: str | None) -> None:
    shown = " ".join(matched.split())
    if shown.lower().endswith(" guys"):
        ctx.emit("SR020", s, e, MSG_GREETING.format(match=shown), Fix("replace", repl, True))
    elif repl is None:
        ctx.emit("SR020", s, e, MSG.format(match=shown), Fix("hint"))
    else:
        repl = match_case(repl, matched)
        ctx.emit("SR020", s, e, MSG.format(match=shown), Fix("replace", repl, True))
