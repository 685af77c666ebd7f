"""The `flowed` layout: each paragraph and each bullet on one line, so the mail client wraps it.

The templates are hard-wrapped at about 72 columns (`as-written`). Pasted into Outlook
those breaks would stay, so for the clipboard and .eml the body is re-flowed:

- lines of a prose paragraph are joined with a space;
- a bullet (`- `) and its indented continuation lines become one line;
- a line ending in `:` ends its line (lead-ins such as `Next steps:` or `To generate:`),
  so an indented command after it stays on its own line;
- an indented line that is not a bullet's continuation (a command) stays as it is;
- the closing (`Best regards,`) and the signature below it keep their lines;
- a line break the user typed inside a value (a multi-line field such as your own words)
  is kept: flowing undoes the template's hard wrapping, not the user's lines.

Joins are edits of the text, so field spans are moved with them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sr_tui.core import text
from sr_tui.core.templates.model import Email, Layout, Span

_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_indented(line: str) -> bool:
    return line[:1] in (" ", "\t")


def flow_edits(body: str) -> list[tuple[int, int]]:
    """The (start, end) ranges of `body` — a line break and the spaces around it — to
    replace by one space."""
    lines = body.split("\n")
    edits: list[tuple[int, int]] = []
    offset = 0
    # The closing, the signature under it and any footer keep their lines: the shared
    # email grammar (core/text/) says where they start, as the linter sees them.
    parts = text.outline(lines)
    keep_from = min(i for i in (parts.closing, parts.signature, parts.footer) if i >= 0)
    in_bullet = bool(lines) and text.is_bullet(lines[0])
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        line_end = offset + len(line)
        offset = line_end + 1
        if i + 1 >= keep_from or text.is_closing(nxt) or text.is_closing(line):
            break
        join = (
            not _is_blank(line)
            and not _is_blank(nxt)
            and not line.rstrip().endswith(":")
            and not text.is_bullet(nxt)
            and (in_bullet or not _is_indented(line))
            and (in_bullet == _is_indented(nxt))
        )
        if join:
            m = _BREAK.match(body, line_end - (len(line) - len(line.rstrip(" \t"))))
            if m:
                edits.append((m.start(), m.end()))
        else:
            in_bullet = text.is_bullet(nxt)
    return edits


def _mover(edits: list[tuple[int, int]], base: int):
    """Map an offset in the old text to the new one, given edits (relative to `base`)
    that each become a single space."""

    def move(pos: int) -> int:
        shift = 0
        for start, end in edits:
            start += base
            end += base
            if pos >= end:
                shift += (end - start) - 1
            elif pos > start:
                return pos - shift - (pos - start) + 1
            else:
                break
        return pos - shift

    return move


def flow(email: Email) -> Email:
    """`email` in the flowed layout, with its spans moved to match."""
    base = email.body_offset
    typed = [(s.start - base, s.end - base) for s in email.spans if s.filled and s.end > base]
    edits = [
        (start, end)
        for start, end in flow_edits(email.body)
        if not any(a <= start and end <= b for a, b in typed)
    ]
    pieces: list[str] = []
    last = 0
    for start, end in edits:
        pieces.append(email.body[last:start])
        pieces.append(" ")
        last = end
    pieces.append(email.body[last:])
    body = "".join(pieces)
    move = _mover(edits, base)
    spans = tuple(
        s
        if s.end <= email.body_offset
        else Span(s.field, move(s.start), move(s.end), s.filled, s.item)
        for s in email.spans
    )
    return replace(email, body=body, spans=spans, layout="flowed")


def as_layout(email: Email, layout: Layout) -> Email:
    """`email` in `layout`: flowed when asked and not flowed already, else as it is."""
    return flow(email) if layout == "flowed" and email.layout != "flowed" else email
