"""Line kinds: one kind per line of the body, before the email's parts are found.

blank, marker (a help-desk reply marker above the email), quote (`>`), code (fenced,
indented after a `:` line or by 4+ spaces, `$ ` prompts, log lines), table (rows of an
aligned table), bullet, cont (a bullet's continuation), text.
"""

from __future__ import annotations

import re

from sr_tui.core import text as grammar
from sr_tui.core.lazy_re import LazyRe

_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_LOGLINE = re.compile(
    r"(?:\$ |# ?(?:sudo|yum|dnf|rpm|tar|ls|cat|grep|systemctl|journalctl|sos)\b|sudo |"
    r"\[\s*+\d++\.\d+\]|\d{4}-\d\d-\d\d[T ]\d\d:\d\d|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d )"
)
#: The characters a log line can start with, besides a digit.
_LOG_FIRST = frozenset("$#s[JFMASOND")
#: A gap that aligns table columns: 2+ spaces or a tab between two non-space
#: characters, the first not ending a sentence.
_CELL_GAP = LazyRe(r"[^\s.!?](?: {2,}+|\t++)(?=\S)")
_TABLE_RULE = LazyRe(r"[ \t]*[+|]?(?:[-=+|: \t]{3,}+)[ \t]*\r?$")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text`, without the line break."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end))
        pos = end + 1
    return out


def _may_log(line: str) -> bool:
    """A cheap test before `_LOGLINE`: every match starts with one of _LOG_FIRST or a
    digit (`\\d` is any Unicode decimal digit, as `str.isdecimal`)."""
    return line[0] in _LOG_FIRST or line[0].isdecimal()


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _table_row(line: str) -> bool:
    if line.count("|") >= 2:
        return True
    return ("  " in line or "\t" in line) and _CELL_GAP.search(line) is not None


def classify(lines: list[str], first: int, stop: int) -> list[str]:
    """One kind per line of lines[:stop]; lines before `first` are blank or marker."""
    kinds: list[str] = ["blank" if not line.strip() else "marker" for line in lines[:first]]
    in_fence = False
    prev = "blank"
    prev_nb = "blank"
    prev_colon = False
    prev_sentence_end = True
    for i in range(first, stop):
        line = lines[i]
        stripped = line.strip()
        fence = ("```" in line or "~~~" in line) and _FENCE.match(line) is not None
        if in_fence:
            kind = "code"
            if fence:
                in_fence = False
        elif fence:
            kind, in_fence = "code", True
        elif not stripped:
            kind = "blank"
        elif stripped.startswith(">"):
            kind = "quote"
        elif line[0] in " \t":
            indent = _indent(line)
            if len(stripped) <= 90 and grammar.is_closing(line):
                kind = "text"  # an indented "Thank you," is still the closing
            elif (prev_colon and (prev != "blank" or prev_nb == "code")) or (
                prev_nb == "code" and (prev == "code" or indent >= 2)
            ):
                kind = "code"
            elif grammar.is_bullet(line):
                kind = "bullet"
            elif prev in ("bullet", "cont"):
                kind = "cont"
            elif indent >= 4 or (_may_log(stripped) and _LOGLINE.match(stripped)):
                kind = "code"
            else:
                kind = "text"
        elif _may_log(line) and _LOGLINE.match(line):
            kind = "code"
        elif grammar.is_bullet(line):
            kind = "bullet"
        elif prev in ("bullet", "cont") and stripped[0].islower() and not prev_sentence_end:
            kind = "cont"
        else:
            kind = "text"
        kinds.append(kind)
        prev = kind
        if kind != "blank":
            prev_nb = kind
            prev_colon = stripped.endswith((":", "："))
            prev_sentence_end = stripped.endswith((".", "!", "?", ":"))
    _tables(lines, kinds, first, stop)
    return kinds


def _tables(lines: list[str], kinds: list[str], first: int, stop: int) -> None:
    """Mark runs of 2+ aligned rows (text lines with column gaps, or `|` cells) as table."""
    i = first
    while i < stop:
        if kinds[i] != "text" or not _table_row(lines[i]):
            i += 1
            continue
        j = i
        while j < stop and (
            (kinds[j] == "text" and _table_row(lines[j]))
            or (kinds[j] in ("text", "code") and _TABLE_RULE.match(lines[j]))
        ):
            j += 1
        rows = sum(1 for k in range(i, j) if kinds[k] == "text" and _table_row(lines[k]))
        if rows >= 2:
            for k in range(i, j):
                kinds[k] = "table"
        i = max(j, i + 1)
