"""SR014 condescending-or-blaming: simply, just (+ verb), obviously, "as I said" ..."""

from __future__ import annotations

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import hits, next_word, prev_word
from sr_tui.core.lint.wordlists import ACTION_VERBS

MSG = "'{match}' can read as condescending or blaming to a customer."
_VERBS = frozenset(ACTION_VERBS) | {"need", "needs", "have", "follow", "do", "use", "read"}
_JUST_SUBJECTS = frozenset("i we they he she it has have had was were i've we've".split())
_CLEARLY_BEFORE = frozenset(
    """shows show states state says say indicates indicate explains explained stated
    mentioned is was are were not the this that you your documented written said""".split()
)
_EXPECTATION = frozenset("received got gotten been seen access an a".split())
_REMOVABLE = frozenset({"simply", "obviously", "just"})
#: "just reply and I'll reopen it": "just" here means "all you need to do", an offer.
_JUST_OFFER = frozenset(
    "reply respond answer let ask call contact email message write ring drop say tell get "
    "reach give text".split()
)


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    found: list[tuple[int, int, str]] = []
    for s, e, key in hits(doc, "tone"):
        if key == "you should have" and next_word(prose, e) in _EXPECTATION:
            continue  # "you should have received an email": an expectation
        found.append((s, e, key))
    for s, e, w in hits(doc, "misc"):
        if w == "just":
            # "just restart it" (not "we just released 2.4": "just" = recently / only)
            nxt = next_word(prose, e)
            if nxt in _JUST_OFFER:
                continue
            if nxt in _VERBS and prev_word(prose, s) not in _JUST_SUBJECTS:
                found.append((s, e, w))
        elif w == "clearly":
            # "clearly shows" (not "clearly labelled" or "track each issue clearly")
            if next_word(prose, e) in _CLEARLY_BEFORE or (
                prose[e : e + 1] == "," and doc.is_sentence_start(s)
            ):
                found.append((s, e, w))
        elif w == "easy" and prose[s] == "e":  # "Easy Connect" is a product name
            found.append((s, e, w))
    for s, e, key in sorted(found):
        if doc.in_subject(s):
            continue
        if key in _REMOVABLE:
            fix = Fix("delete", None, not doc.is_sentence_start(s))
        else:
            fix = Fix("hint")
        ctx.emit("SR014", s, e, MSG.format(match=" ".join(prose[s:e].split())), fix)
