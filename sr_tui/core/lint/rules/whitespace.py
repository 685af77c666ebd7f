"""SR018 whitespace: double spaces, trailing spaces, tabs, space before punctuation,
missing space after a sentence, runs of blank lines.

Reads `masked`, so command blocks, quoted history, footers and quoted strings are
skipped; the column gaps of aligned tables are left alone. Every pattern matches a whole
run of spaces once: after its first character a look-behind stops it from starting
inside a run, and a possessive quantifier from backtracking into one, so even 16,000
spaces scan in linear time (the first character stays a plain class, which keeps the
regex engine's fast scan for it).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.wordlists import ACTION_VERBS

#: A new sentence that starts with one of these could be a new step (SR010): adding the
#: missing space is then not safe to apply blindly.
_STEP_STARTS = frozenset(ACTION_VERBS)
_NEXT_WORD = re.compile(r"[A-Za-z]+")

_DOUBLE = re.compile(r"[ \u00a0](?<![ \u00a0]{2})[ \u00a0]++(?=\S)")
_TRAILING = re.compile(r"[ \t](?<![ \t]{2})[ \t]*+(?=\r?\n|$)")
_TAB = re.compile(r"\t(?<![ \t]{2})[ \t]*+(?=\S)|[ ](?<![ \t]{2})[ ]*+\t[ \t]*+(?=\S)")
_BEFORE_PUNCT = re.compile(r"[ \t](?<![ \t]{2})[ \t]*+(?=[,.;:?!](?:\s|$))")
_NO_SPACE = re.compile(r"[.!?](?=[A-Z][a-z])")
_BLANKS = re.compile(r"\n(?:[ \t]*+\r?\n){2,}+")
_URLISH = re.compile(r"/|@|www|:\S")
_SPACE = re.compile(r"\s")


def _after_text(text: str, pos: int) -> bool:
    return pos > 0 and not text[pos - 1].isspace()


def check(ctx) -> None:
    doc = ctx.doc
    text, masked, end = doc.text, doc.masked, doc.body_end
    emit = ctx.emit
    tables = doc.tables
    starts = [a for a, _ in tables]

    def in_table(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and tables[i][0] <= pos < tables[i][1]

    for m in _DOUBLE.finditer(masked, 0, end):
        if _after_text(masked, m.start()) and not in_table(m.start()):
            emit("SR018", m.start(), m.end(), "Use one space.", Fix("replace", " ", True))
    for m in _TRAILING.finditer(masked, 0, end):
        if not _after_text(masked, m.start()):
            continue
        line_start = text.rfind("\n", max(0, m.start() - 4), m.start()) + 1
        if text[line_start : m.end()] == "-- ":
            continue  # the signature delimiter keeps its space
        emit("SR018", m.start(), m.end(), "Remove the trailing spaces.", Fix("delete", None, True))
    if "\t" in masked:
        for m in _TAB.finditer(masked, 0, end):
            if _after_text(masked, m.start()) and not in_table(m.start()):
                emit(
                    "SR018",
                    m.start(),
                    m.end(),
                    "Use a space, not a tab.",
                    Fix("replace", " ", True),
                )
    for m in _BEFORE_PUNCT.finditer(masked, 0, end):
        s = m.start()
        if s > 0 and (masked[s - 1].isalnum()):
            p = masked[m.end()]
            emit("SR018", s, m.end(), f"Remove the space before '{p}'.", Fix("delete", None, True))
    for m in _NO_SPACE.finditer(masked, 0, end):
        s = m.start()
        if s < 2 or not (masked[s - 1].islower() and masked[s - 2].islower()):
            continue
        ws = max(masked.rfind(" ", max(0, s - 200), s), masked.rfind("\n", max(0, s - 200), s))
        nxt = _SPACE.search(masked, m.end(), m.end() + 200)
        token = masked[ws + 1 : nxt.start() if nxt else m.end() + 200]
        if _URLISH.search(token) or token.count(".") > 1:
            continue  # a URL, an address or a dotted name
        p = m.group()
        word = _NEXT_WORD.match(masked, m.end())
        safe = word is None or word.group().lower() not in _STEP_STARTS
        emit("SR018", s, m.end(), f"Add a space after '{p}'.", Fix("replace", p + " ", safe))
    for m in _BLANKS.finditer(masked, 0, end):
        emit(
            "SR018",
            m.start(),
            m.end(),
            "Use one blank line between paragraphs.",
            Fix("replace", "\n\n", True),
        )
