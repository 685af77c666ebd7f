"""Sentences: where the sentences of a paragraph or list item begin and end."""

from __future__ import annotations

import re

#: A word of running text: letters/digits with inner apostrophes, dots and hyphens.
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def most_words(length: int) -> int:
    """The most WORDs a text of `length` characters can hold: each is a character or
    more and two are always a character apart (a cheap bound before counting)."""
    return (length + 1) // 2


#: Sentence-ending punctuation (a whole run of it, at most a few closing quotes or
#: brackets), then a space or the end. The look-behind after the first character makes
#: a run be tried once, not once per character, so the scan stays linear on "......x".
_SENT_END = re.compile(r"[.!?。！？](?<![.!?。！？]{2})[.!?。！？]*+[\"'”’)\]]{0,3}+(?=\s|$)")
_ABBREV = frozenset(
    "e.g i.e etc mr mrs ms dr vs approx no nos inc ltd jr st fig a.m p.m u.s cf ca "
    "al dept est min max ref ver vol".split()
)


def split_sentences(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in `masked[start:end]`: ends at . ! ? followed by a space, unless
    the next word starts in lower case or the word before is an abbreviation."""
    out = []
    s = start
    for m in _SENT_END.finditer(masked, start, end):
        e = m.end()
        group = m.group()
        if group.startswith(".") and len(group.rstrip("\"'”’)]")) == 1:
            nxt = _skip_ws(masked, e, end)
            if nxt < end and masked[nxt].islower():
                continue
            lo = max(s, m.start() - 40)
            w = max(masked.rfind(" ", lo, m.start()), masked.rfind("\n", lo, m.start()))
            prev = masked[max(w, lo - 1) + 1 : m.start()]
            if prev.lower().lstrip("(") in _ABBREV:
                continue
        _add_sentence(masked, s, e, out)
        s = e
    _add_sentence(masked, s, end, out)
    return out


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _add_sentence(masked: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    s = _skip_ws(masked, s, e)
    while e > s and masked[e - 1].isspace():
        e -= 1
    if e > s and WORD.search(masked, s, e):
        out.append((s, e))
