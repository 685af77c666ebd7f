"""SR004 closing-format: one `Best regards,` line, just above the signature.

What a closing and a signature are comes from the shared email grammar
(`sr_tui.core.text`). A closing the house does not use ("Warmly,", "Your Acme Support
Team,") is replaced in place; a missing one is inserted above the signature block, and
never below a `-- ` footer, a disclaimer or quoted history (those are not body).
"""

from __future__ import annotations

from sr_tui.core import text as grammar
from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import short

GOOD = grammar.HOUSE_CLOSING
MSG = "Close with 'Best regards,' on its own line."


def check(ctx) -> None:
    doc = ctx.doc
    text = doc.text
    c = doc.closing
    if c is None:
        if doc.signature is not None:
            pos = doc.signature.start
            # a signature right under the last sentence gets a blank line above the closing
            prev_start = text.rfind("\n", 0, max(0, pos - 1)) + 1
            prefix = "\n" if pos > 0 and text[prev_start : pos - 1].strip() else ""
            fix = Fix("insert", prefix + GOOD + "\n", True)
        else:
            pos = doc.body_end
            while pos > 0 and text[pos - 1].isspace():
                pos -= 1
            fix = Fix("insert", "\n\n" + GOOD, True)
        ctx.emit("SR004", pos, pos, MSG + " There is no closing.", fix)
    else:
        line = text[c.start : c.end]
        if line != GOOD:
            name = grammar.closing_name(line)
            new = GOOD + ("\n" + name if name else "")
            if grammar.is_house_closing(line):
                msg = f"{MSG} Replace '{short(line)}'."
            else:
                msg = f"{MSG} '{short(line)}' is not a house closing: replace it."
            ctx.emit("SR004", c.start, c.end, msg, Fix("replace", new, True))
    for extra in doc.extra_closings:
        ctx.emit(
            "SR004",
            extra.start,
            extra.end,
            f"Use one closing: remove '{short(text[extra.start : extra.end])}'.",
            Fix("delete", None, False),
        )
    for seg in doc.after_closing:
        ctx.emit(
            "SR004",
            seg.start,
            seg.end,
            "Move this above the closing: only the signature follows 'Best regards,'.",
            Fix("hint"),
            severity="warning",
        )
