"""Signatures: the name, team and contact lines under the closing."""

from __future__ import annotations

from collections.abc import Sequence

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.text.closing import is_closing
from sr_tui.core.text.names import _NOT_SIGNATURE_WORDS, _is_name, _team_like

_CONTACT = LazyRe(
    r"(?i)(?:\b(?:tel|phone|mobile|mob|cell|fax|e-?mail|web|website|skype|teams|direct|"
    r"office|ext|whatsapp|linkedin)\b\.?[ \t]*[:.]|^[ \t]*[TMEFWPD][ \t]*[:.][ \t]|"
    r"[\w.+-]@[\w-]+\.\w|https?://|www\.|\+?\(?\d[\d ().\-]{6,}\d)"
)


def is_signature_line(line: str) -> bool:
    """True when `line` can be part of a signature: a name ("Sam Lee", "王波",
    "[Your Name]"), a title, team or company ("Linux Support", "Acme Ltd."), or a
    contact line (an e-mail address, a URL, a phone number, "Tel: ...")."""
    s = line.strip()
    if not s or len(s) > 120:
        return False
    if _is_name(s) or _team_like(s):
        return True
    if _CONTACT.search(s):
        words = s.split()
        return len(words) <= 12 and not ({w.lower() for w in words} & _NOT_SIGNATURE_WORDS)
    return False


def closing_index(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the last closing line in lines[start:stop], or -1."""
    stop = len(lines) if stop is None else stop
    for i in range(stop - 1, start - 1, -1):
        line = lines[i]
        if len(line) <= 90 and line.strip() and is_closing(line):
            return i
    return -1


def signature_start(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the first signature line in lines[start:stop] (`stop` when none).

    With a closing, the signature is what follows it: the first non-blank line after the
    last closing. Without one, it is the run of signature lines ending the last block
    when that run starts with a name or a team line and follows a finished sentence or
    a blank line (and is not the whole email).
    """
    stop = len(lines) if stop is None else stop
    c = closing_index(lines, start, stop)
    if c >= 0:
        i = c + 1
        while i < stop and not lines[i].strip():
            i += 1
        return i
    last = stop - 1
    while last >= start and not lines[last].strip():
        last -= 1
    if last < start:
        return stop
    i = last
    while i >= start and lines[i].strip() and last - i < 6 and is_signature_line(lines[i]):
        i -= 1
    top = i + 1
    if top > last or i < start:
        return stop  # no signature line, or nothing but a signature
    if lines[i].strip():
        prev = lines[i].rstrip()
        if not prev.endswith((".", "!", "?", ":", ")")):
            return stop  # a wrapped sentence, not a signature under it
    if not (_is_name(lines[top]) or _team_like(lines[top])):
        return stop  # a signature starts with a name or a team
    # there must be body text above it
    if not any(lines[j].strip() for j in range(start, top)):
        return stop
    return top
