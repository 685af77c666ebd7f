"""Text helpers for the schema's messages: lines of keys, suggestions, control characters."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sr_tui.core.safe_text import controls_in


def _text_problem(key: str, value: object) -> str | None:
    """Why a template's text (a title, a label, a list of keywords) cannot be shown as it
    is: control characters, which a terminal would obey."""
    values = value if isinstance(value, list | tuple) else [value]
    found = [c for v in values if isinstance(v, str) for c in controls_in(v)]
    if found:
        return f"{key} holds control characters ({', '.join(dict.fromkeys(found))})"
    return None


_ID_PARTS = re.compile(r"([A-Za-z]+)(\d+)(.*)")


def _id_key(template_id: str) -> tuple[str, int, str]:
    m = _ID_PARTS.fullmatch(template_id)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else (template_id, 0, "")


def _suggest(word: str, options: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _key_line(text: str, key: str) -> int | None:
    m = re.search(rf"(?m)^\s*{re.escape(key)}\s*=", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_of(text: str, needle: str, after: int | None = None) -> int | None:
    start = 0
    if after:
        start = sum(len(line) + 1 for line in text.split("\n")[: after - 1])
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else None
