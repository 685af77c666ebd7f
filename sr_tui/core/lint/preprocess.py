"""Split an email into its parts and mask what rules must not read.

`build(text)` returns a `Doc` (doc.py): the parts come from `structure.parse` (one kind
per line, then subject, greeting, paragraphs, list items, closing, signature, footer —
using the shared email grammar of `sr_tui.core.text`), the masks from `masks.apply`
(footer and quoted history, `>` lines, command blocks, quoted strings, placeholders).
Offsets are exact: `masked` and `prose` have the same length as `text`.
"""

from __future__ import annotations

from sr_tui.core.lint import line_kinds, masks, structure
from sr_tui.core.lint.doc import MASK, WORD, Doc, Placeholder, Segment

__all__ = ["MASK", "WORD", "Doc", "Placeholder", "Segment", "build"]


def build(text: str, extra_placeholders: tuple[tuple[int, int], ...] = ()) -> Doc:
    """Parse `text` into a `Doc`. `extra_placeholders` are ranges known to be unfilled."""
    doc = Doc(text)
    spans = line_kinds.line_spans(text)
    lines = text.split("\n")
    kinds = structure.parse(doc, text, spans, lines)
    masks.apply(doc, text, spans, kinds, extra_placeholders)
    return doc
