"""Bullets: a list marker at the start of a line."""

from __future__ import annotations

import re

#: A list marker at the start of a line (indent up to 6), then the item's first character.
BULLET = re.compile(
    r"[ \t]{0,6}(?:[-*•◦‣▪–·●○■►➤✓✔+]|\d{1,2}[.)]|[a-z][.)]|[A-Z]\)|\((?:\d{1,2}|[a-z])\))"
    r"[ \t]+(?=\S)"
)


def is_bullet(line: str) -> bool:
    """True when `line` starts with a list marker followed by text."""
    return BULLET.match(line) is not None


def bullet_text(line: str) -> str | None:
    """The item's text without its marker, or None when `line` is not a bullet."""
    m = BULLET.match(line)
    return line[m.end() :].rstrip() if m else None
