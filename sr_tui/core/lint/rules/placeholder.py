"""SR005 unfilled-placeholder: `[Customer Name]`, `{{name}}`, `<Agent Name>`, TODO, ____ ..."""

from __future__ import annotations

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import short


def check(ctx) -> None:
    template = ctx.mode == "template"
    text = ctx.doc.text
    for p in ctx.doc.placeholders:
        if template and p.kind != "todo":
            continue
        match = short(text[p.start : p.end])
        if p.kind == "todo":
            msg = f"Resolve '{match}' before sending: it is a note to yourself."
        else:
            msg = f"Fill in the placeholder {match} before sending."
        ctx.emit("SR005", p.start, p.end, msg, Fix("hint"))
