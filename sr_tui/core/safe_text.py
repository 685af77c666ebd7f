"""Text from templates, values and files made safe for where it goes.

A value may hold anything a customer's mail or a paste can hold: ESC and the rest of the
C0 and C1 control characters (which a terminal obeys: an OSC sequence retitles the
window, a CSI sequence moves the cursor), the line separators `str.splitlines` knows
(VT, FF, FS, GS, RS, NEL, U+2028, U+2029) and the bidirectional overrides that reorder
what is shown. Three treatments, one per destination:

- `visible(text)`: for the app's screen. Each such character becomes one visible
  character (ESC -> `␛`, CR -> `␍`, NEL/U+2028/U+2029 -> `⏎`, other C1 and bidi
  controls -> `⍰`), so offsets into the text (spans, lint findings, the cursor) stay right.
- `escape_controls(text)`: for a terminal the CLI writes to: `\\u001b`, `\\u2028` ...
  (the JSON escape, so a control character inside a JSON string stays the same string).
- `one_line(text)`: for a mail header: line separators and tabs become spaces, other
  controls are dropped.

`\\n` and `\\t` are kept by the first two: they are layout, not control.
"""

from __future__ import annotations

import re

#: Every character the treatments change: C0 but \t and \n, DEL, C1, the Unicode line and
#: paragraph separators, the bidi embeddings, overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: What `one_line` turns into a space: the line breaks `str.splitlines` knows, and tabs.
_LINE_BREAKS = "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HEADER_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

LINE_SEPARATOR_PICTURE = "\u23ce"  # ⏎
OTHER_PICTURE = "\u2370"  # ⍰


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (the Control Pictures block)
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in "\x85\u2028\u2029":
        return LINE_SEPARATOR_PICTURE
    return OTHER_PICTURE


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}"


def has_controls(text: str) -> bool:
    return CONTROL.search(text) is not None


def controls_in(text: str) -> list[str]:
    """The control characters in `text`, each once, in order, escaped (`\\u001b`)."""
    seen: dict[str, None] = {}
    for m in CONTROL.finditer(text):
        seen.setdefault(_escape(m.group()), None)
    return list(seen)


def visible(text: str) -> str:
    """`text` with each control character replaced by one visible character (same length)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: _picture(m.group()), text)


def escape_controls(text: str) -> str:
    """`text` with each control character written as its JSON escape (`\\u001b`)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: _escape(m.group()), text)


def one_line(text: str) -> str:
    """`text` fit for a mail header: line breaks and tabs become spaces, other control
    characters are dropped. The result has no C0 or C1 character at all."""
    out = text
    for char in _LINE_BREAKS:
        if char in out:
            out = out.replace(char, " ")
    return _HEADER_UNSAFE.sub("", out)
