"""The whole email: where its greeting, closing, signature and footer are."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.text.footer import _RULE, footer_start, is_reply_marker
from sr_tui.core.text.greeting import _GREETING_WORD, is_greeting
from sr_tui.core.text.signature import closing_index, signature_start

#: "Jane Doe commented:", "Support replied:": a help-desk author line above a message.
_AUTHOR = LazyRe(
    r"[ \t]*\S.{0,60}\b(?:commented|replied|responded|added a comment|said|writes)[ \t]*:[ \t]*\r?$"
)


def greeting_index(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the greeting line in lines[start:stop], or -1: the first non-blank
    line when it is a greeting, or a greeting under a help-desk preamble (a notice line,
    a rule line "-----", the author and the date) within the first few lines."""
    stop = len(lines) if stop is None else stop
    i = start
    while i < stop and not lines[i].strip():
        i += 1
    if i >= stop:
        return -1
    if is_greeting(lines[i]):
        return i
    for r in range(i, min(stop, i + 8)):
        line = lines[r]
        if len(line) <= 200 and (_RULE.match(line) or _AUTHOR.match(line)):
            for g in range(r + 1, min(stop, r + 8)):
                m = _GREETING_WORD.match(lines[g])
                if m is not None and m.group("strong") and is_greeting(lines[g]):
                    return g
            break
    return -1


def body_start(lines: Sequence[str], start: int = 0) -> int:
    """The first line at or after `start` that is not blank, not a reply marker and not
    a line of decoration only ("—-—-—-—")."""
    i = start
    while i < len(lines):
        line = lines[i]
        if line.strip() and not is_reply_marker(line) and any(c.isalnum() for c in line[:400]):
            break
        i += 1
    return i


class Outline(NamedTuple):
    """Line indexes of an email's parts (see `outline`)."""

    body: int
    greeting: int
    closing: int
    signature: int
    footer: int


_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:", re.IGNORECASE)


def outline(lines: Sequence[str]) -> Outline:
    """Where the parts of an email (or of its body) are, as line indexes.

    - `body`: the first line after a leading "Subject:" line, blank lines and reply
      markers;
    - `greeting`: that line when it is a greeting (or a greeting under a help-desk
      preamble, see `greeting_index`), else -1;
    - `closing`: the last closing line above the footer, else -1;
    - `signature`: the first signature line (== `footer` when there is none);
    - `footer`: the first line of non-body material (len(lines) when none).
    """
    b = body_start(lines)
    if b < len(lines) and _SUBJECT.match(lines[b]):
        b = body_start(lines, b + 1)
    foot = footer_start(lines, b)
    greeting = greeting_index(lines, b, foot)
    first = greeting + 1 if greeting >= 0 else b
    closing = closing_index(lines, first, foot)
    sig = signature_start(lines, first, foot)
    return Outline(b, greeting, closing, sig, foot)
