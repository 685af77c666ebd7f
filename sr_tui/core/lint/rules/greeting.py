"""SR003 greeting-format: `Hi,`, `Hi [Customer Name],` or `Hi <Name>,` on its own line.

What the greeting line holds (word, name, role, blank, placeholder) comes from the
shared email grammar (`sr_tui.core.text.split_greeting`); this rule decides what the
house style wants. A greeting "name" that is a role ("Hi Cloud User,", "Dear Valued
Customer,") or a blank ("Dear __________.") becomes `Hi,`.
"""

from __future__ import annotations

import re

from sr_tui.core import text as grammar
from sr_tui.core.lint.finding import Fix

MSG = "Greeting must be 'Hi,' or 'Hi [Customer Name],'."
_GOOD = re.compile(r"Hi(?: (?P<name>[^,\n]{1,80}))?,")
#: Kinds of greeting name the house style writes after "Hi ".
_NAME_KINDS = frozenset(("name", "placeholder"))


def _is_good(line: str) -> bool:
    m = _GOOD.fullmatch(line)
    if m is None:
        return False
    name = m.group("name")
    return name is None or (name == name.strip() and grammar.greeting_kind(name) in _NAME_KINDS)


def _name(g: grammar.Greeting) -> str:
    """The name to keep in the rewritten greeting, or ''."""
    if g.kind in _NAME_KINDS:
        return g.name
    words = g.name.split()
    if g.kind == "other" and 1 <= len(words) <= 2 and g.name.islower() and g.name.isalpha():
        return g.name.title()  # "hi alice," -> "Hi Alice,"
    return ""


def check(ctx) -> None:
    doc = ctx.doc
    default = "Hi [Customer Name]," if ctx.mode == "template" else "Hi,"
    g = doc.greeting
    if g is None:
        line = doc.first_body_line
        msg = MSG + " There is no greeting."
        if line is None:
            pos = doc.body_end
            while pos > 0 and doc.text[pos - 1].isspace():
                pos -= 1
            ctx.emit("SR003", pos, pos, msg, Fix("insert", f"\n\n{default}", True))
        else:
            # a greeting further down (below a help-desk preamble) would be a second one
            safe = not _greeting_below(doc)
            fix = Fix("insert", f"{default}\n\n", safe)
            ctx.emit("SR003", line.start, line.start, msg, fix)
        return
    line = doc.text[g.start : g.end]
    if _is_good(line):
        return
    parts = grammar.split_greeting(line)
    name = _name(parts)
    new = f"Hi {name}," if name else default
    msg = f"{MSG} Write '{new}'."
    if parts.kind == "role":
        msg += f" '{parts.name}' is a role, not a name."
    safe = True
    tail = parts.tail
    if parts.kind == "other" and not name and parts.name:
        tail = (parts.name + parts.punct + " " + tail).strip()
    if tail:
        tail = tail[0].upper() + tail[1:]
        new += "\n\n" + tail
        msg += " Start the email's text on a new line."
        safe = _tail_is_safe(ctx, g.end, tail)
    ctx.emit("SR003", g.start, g.end, msg, Fix("replace", new, safe))


_GREETING_LINE = re.compile(r"[ \t]*(?:hi|hello|hey|dear)\b[^\n]{0,40}[,!:][ \t]*\r?$", re.I)


def _greeting_below(doc) -> bool:
    """True when a line of the body (after its first) reads like a greeting."""
    text = doc.text
    start = doc.first_body_line.end if doc.first_body_line else 0
    end = min(doc.body_end, start + 5000)
    return any(
        _GREETING_LINE.match(line) and grammar.is_greeting(line)
        for line in text[start:end].split("\n")
        if len(line) <= 60
    )


def _tail_is_safe(ctx, line_end: int, tail: str) -> bool:
    """Moving the text after the greeting into a paragraph of its own is safe when that
    paragraph has no error or warning of its own and nothing joins it from below."""
    text = ctx.doc.text
    nxt = text.find("\n", line_end)
    if nxt >= 0:
        stop = text.find("\n", nxt + 1)
        if text[nxt + 1 : stop if stop >= 0 else len(text)].strip():
            return False  # the next line would join the new paragraph
    if len(tail) > 2000:
        return False
    from sr_tui.core.lint.engine import run  # the engine imports the rules

    probe = f"Subject: Update on case 1234567\n\nHi,\n\n{tail}\n\nBest regards,\nSam Lee\n"
    start = probe.index(tail)
    end = start + len(tail)
    return not any(
        f.severity in ("error", "warning") and start <= f.start < end
        for f in run(probe, ctx.cfg, ctx.mode)
    )
