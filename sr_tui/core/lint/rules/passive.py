"""SR019 passive-voice (off by default): be-verb + participle with no agent.

With `passive_focus`, only agentless commitments: "will be reviewed", "has been escalated".
"""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import LazyRe

MSG = "'{match}' hides who will act — name the team: 'Our billing team will review…'."
_IRREGULAR = (
    "done made sent given taken seen known shown written built found kept left lost paid held "
    "told sold brought bought caught taught thought run set put cut shut read begun broken "
    "chosen driven fallen forgotten frozen gotten hidden spoken stolen thrown understood "
    "withdrawn undone overridden rebuilt rewritten"
).split()
_PARTICIPLE = r"(?:[a-z]{2,}ed|" + "|".join(_IRREGULAR) + r")"
_ALL = LazyRe(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?(" + _PARTICIPLE + r")\b"
    r"(?!(?:\s+[\w'’]+){0,3}\s+by\b)",
    re.IGNORECASE,
)
_FOCUS = LazyRe(
    r"\b(?:(?:will|shall|['’]ll|won['’]t)\s+be|(?:has|have)\s+been)\s+(?:[a-z]+ly\s+)?("
    + _PARTICIPLE
    + r")\b(?!(?:\s+[\w'’]+){0,3}\s+by\b)",
    re.IGNORECASE,
)
#: Participles that are usually adjectives ("I am interested").
_ADJECTIVES = frozenset(
    """interested concerned pleased satisfied tired worried surprised excited disappointed
    based located supposed used related involved limited advised aware dedicated
    experienced qualified""".split()
)


def check(ctx) -> None:
    doc = ctx.doc
    pattern = _FOCUS if ctx.cfg.passive_focus else _ALL
    for m in pattern.finditer(doc.prose):
        if m.group(1).lower() in _ADJECTIVES or doc.in_subject(m.start()):
            continue
        ctx.emit(
            "SR019", m.start(), m.end(), MSG.format(match=" ".join(m.group().split())), Fix("hint")
        )
