"""SR003 greeting-format: `Hi,`, `Hi [Customer Name],` or `Hi <Name>,` on its own line."""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.preprocess import GREETING_WORD
from sr_tui.core.lint.wordlists import NOT_NAMES

MSG = "Greeting must be 'Hi,' or 'Hi [Customer Name],'."
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")
_GOOD = re.compile(
    r"Hi(?: (?P<name>\[[^\[\]\n]{1,60}\]|[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,3}))?,"
)
#: The name part of a greeting line, then the punctuation that ends it, then any text.
_PARTS = re.compile(
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s*)?[^,!:;.?]*)(?P<punct>[,!:;.?]?)(?P<tail>.*)",
    re.DOTALL,
)


def valid_name(name: str) -> bool:
    """A customer's name as the house style writes it: 1-4 words, capitalised."""
    if _PLACEHOLDER.fullmatch(name):
        return True
    tokens = name.split()
    if not 1 <= len(tokens) <= 4 or name.lower() in NOT_NAMES:
        return False
    return all(_NAME_TOKEN.fullmatch(t) for t in tokens) and not tokens[0][0].islower()


def split_greeting(line: str) -> tuple[str, str]:
    """(name or '', text that follows the greeting on the same line)."""
    m = GREETING_WORD.match(line)
    rest = (line[m.end() :] if m else line).lstrip(" \t,")
    parts = _PARTS.match(rest)
    assert parts is not None  # the pattern matches any string
    name, tail = parts.group("name").strip(), parts.group("tail").lstrip(" \t!,:;.?").strip()
    if not name or name.lower() in NOT_NAMES:
        return "", tail
    if valid_name(name):
        return name, tail
    words = name.split()
    if len(words) <= 2 and name.islower():
        return name.title(), tail
    return "", rest.strip()


def check(ctx) -> None:
    doc = ctx.doc
    default = "Hi [Customer Name]," if ctx.mode == "template" else "Hi,"
    g = doc.greeting
    if g is None:
        line = doc.first_body_line
        msg = MSG + " There is no greeting."
        if line is None:
            pos = doc.body_end
            ctx.emit("SR003", pos, pos, msg, Fix("insert", f"\n\n{default}", True))
        else:
            ctx.emit("SR003", line.start, line.start, msg, Fix("insert", f"{default}\n\n", True))
        return
    line = doc.text[g.start : g.end]
    good = _GOOD.fullmatch(line)
    if good and (good.group("name") is None or valid_name(good.group("name"))):
        return
    name, tail = split_greeting(line)
    new = f"Hi {name}," if name else default
    msg = f"{MSG} Write '{new}'."
    if tail:
        new += "\n\n" + tail[0].upper() + tail[1:]
        msg += " Start the email's text on a new line."
    ctx.emit("SR003", g.start, g.end, msg, Fix("replace", new, True))
