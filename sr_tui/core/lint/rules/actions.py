"""SR010 actions-not-in-list: customer steps buried in a prose paragraph.

A step is a sentence that starts with an imperative ("Restart the service") or asks
for an action ("please upload", "you will need to", "make sure"). Steps under a
condition ("If the issue is resolved, please confirm ...") are alternatives rather
than a sequence, so they count only together with a plain step or a sequencing word.
"""

from __future__ import annotations

import re
from itertools import pairwise

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.phrases import TOKEN
from sr_tui.core.lint.rules.paragraphs import paragraph_sentences
from sr_tui.core.lint.wordlists import ACTION_VERBS

MSG = "Put the customer's steps in a bulleted list instead of a paragraph."
_VERBS = frozenset(ACTION_VERBS)
_LEAD = frozenset("please kindly now also then next first finally and".split())
_SEQ = frozenset("first then next finally".split())
_COND = frozenset("if when once should unless where whenever after before for in".split())
_ASK_AFTER = frozenset(("please", "kindly"))
_YOU_MUST = re.compile(
    r"\byou(?:['’]ll|\s+will)?\s+(?:need\s+to|must|have\s+to)\b|\b(?:make|be)\s+sure\b",
    re.IGNORECASE,
)
_SEQ_LEAD = re.compile(r"(?:first|then|next|after\s+that|finally)\b,?\s*", re.IGNORECASE)


def _imperative(words: list[str]) -> tuple[bool, bool]:
    """(starts with an imperative, starts with a sequencing word)."""
    seq = (bool(words) and words[0] in _SEQ) or words[:2] == ["after", "that"]
    i = 2 if words[:2] == ["after", "that"] else 0
    while i < len(words) and words[i] in _LEAD:
        i += 1
    return i < len(words) and words[i] in _VERBS, seq


def _asks(words: list[str], text: str) -> bool:
    for a, b in pairwise(words):
        if a in _ASK_AFTER and b in _VERBS:
            return True
    return _YOU_MUST.search(text) is not None


#: Words and the clause marks between them.
_PIECES = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;]")
_ASK_WORDS = frozenset(("sure", "must", "need", "have"))
_CLAUSE_BREAK = frozenset((",", ";", "and", "then"))


def classify(text: str, pieces: list[str] | None = None) -> tuple[bool, bool, bool]:
    """(is a step, is conditional, starts with a sequencing word) for one sentence."""
    if pieces is None:
        pieces = _PIECES.findall(text.lower())
    words = [p for p in pieces if p not in (",", ";")]
    if _VERBS.isdisjoint(words) and _ASK_WORDS.isdisjoint(words):
        return False, False, _imperative(words[:2])[1]
    imperative, seq = _imperative(words)
    if imperative:
        return True, False, seq
    comma = text.find(",")
    if words and words[0] in _COND and comma > 0:
        rest = text[comma + 1 :]
        rest_words = [w.lower() for w in TOKEN.findall(rest)]
        if _imperative(rest_words)[0] or _asks(rest_words[:2], rest):
            return True, True, seq
    if _asks(words, text):
        return True, False, seq
    return False, False, seq


def chained(pieces: list[str]) -> bool:
    """One sentence chaining three or more imperatives: "download, install and restart"."""
    count = 0
    at_start = True
    for p in pieces:
        if p in _CLAUSE_BREAK:
            at_start = True
        elif at_start and p != "please":
            count += p in _VERBS
            at_start = False
    return count >= 3


def check(ctx) -> None:
    doc = ctx.doc
    masked = doc.masked
    for para in doc.paragraphs:
        sents = paragraph_sentences(doc, para.start, para.end)
        if not sents:
            continue
        steps = plain = 0
        seq = chain = False
        flags = []
        for s, e in sents:
            text = masked[s:e]
            pieces = _PIECES.findall(text.lower())
            is_step, cond, starts_seq = classify(text, pieces)
            flags.append(is_step)
            if is_step:
                steps += 1
                plain += not cond
                seq = seq or starts_seq
            chain = chain or chained(pieces)
        if plain >= 2 or (seq and steps >= 2) or chain:
            fix = Fix("replace", _bulleted(doc.text, sents, flags), False)
            ctx.emit("SR010", para.start, para.end, MSG, fix)


def _bulleted(text: str, sents: list[tuple[int, int]], flags: list[bool]) -> str:
    """The paragraph as a lead-in followed by one bullet per sentence from the first step."""
    lead, bullets = [], []
    for (s, e), is_step in zip(sents, flags, strict=True):
        sentence = " ".join(text[s:e].split())
        if not bullets and not is_step:
            lead.append(sentence)
            continue
        sentence = _SEQ_LEAD.sub("", sentence, count=1)
        bullets.append("- " + sentence[:1].upper() + sentence[1:])
    head = " ".join(lead)
    return (head + "\n" if head else "") + "\n".join(bullets)
