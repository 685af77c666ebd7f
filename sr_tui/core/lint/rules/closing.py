"""SR004 closing-format: one `Best regards,` line, just above the signature."""

from __future__ import annotations

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.preprocess import CLOSING
from sr_tui.core.lint.rules._util import short

GOOD = "Best regards,"
MSG = "Close with 'Best regards,' on its own line."


def check(ctx) -> None:
    doc = ctx.doc
    text = doc.text
    c = doc.closing
    if c is None:
        if doc.signature is not None:
            pos = doc.signature.start
            fix = Fix("insert", GOOD + "\n", True)
        else:
            pos = doc.body_end
            while pos > 0 and text[pos - 1].isspace():
                pos -= 1
            fix = Fix("insert", "\n\n" + GOOD, True)
        ctx.emit("SR004", pos, pos, MSG + " There is no closing.", fix)
    else:
        line = text[c.start : c.end]
        if line != GOOD:
            m = CLOSING.match(line)
            name = (m.group("name") or "").strip() if m else ""
            new = GOOD + ("\n" + name if name else "")
            ctx.emit(
                "SR004",
                c.start,
                c.end,
                f"{MSG} Replace '{short(line)}'.",
                Fix("replace", new, True),
            )
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
