"""SR010 actions-not-in-list: the customer's steps buried in a prose paragraph.

`requests.analyse` finds what each sentence asks (see there). A paragraph is flagged
when it holds two or more requests, a request for three or more things, sequenced steps
("First ..., then ..."), or any request in a paragraph of over 100 words. When every
request is conditional ("If ..., please delete them. If ..., please notify us"), the
steps are alternatives and the finding is a suggestion; otherwise a warning. Courtesy
lines ("If you have any questions, please let us know") are not requests.

The fix is a hint: the paragraph rewritten with its steps as the bulleted list they
should be.
"""

from __future__ import annotations

import re
from itertools import pairwise

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules.paragraphs import paragraph_sentences
from sr_tui.core.lint.rules.requests import Request, analyse, spans
from sr_tui.core.lint.splitting import WORD

MSG = "Put the customer's steps in a bulleted list instead of a paragraph."
MSG_SERIES = "Put the {n} things you ask for in a bulleted list instead of a sentence."
MSG_LONG = (
    "This {w}-word paragraph hides a request: put the customer's step in a bulleted list "
    "of its own."
)
MSG_CONDITIONAL = (
    "These alternatives ('If …, please …') are easier to act on as a bulleted list, one "
    "case per bullet."
)
#: Over this many words a paragraph buries any request it holds.
LONG_PARAGRAPH_WORDS = 100
#: Words before a step that only frame it: no lead-in line of their own.
_FRAME = re.compile(
    r"(?i)(?:and |so |also |then |now )?(?:|please|kindly|and|then|also|first|next|now|"
    r"finally|after that|afterwards|(?:can|could|would|will) you(?: also| please)*|you(?:'ll|"
    r" will)?(?: also)? (?:need|have) to|you must|you should)"
)
_LEAD_WORDS = re.compile(
    r"(?:(?:please|kindly|also|then|next|first|finally|after that|and)\b[, ]*)+", re.IGNORECASE
)


def check(ctx) -> None:
    doc = ctx.doc
    masked = doc.masked
    for para in doc.paragraphs:
        sents = paragraph_sentences(doc, para.start, para.end)
        if not sents or (len(sents) == 1 and _one_step_at_most(masked, *sents[0])):
            continue
        reqs: list[list[Request]] = []
        n = plain = 0
        seq = False
        series = 0
        conditional_seen = False
        for s, e in sents:
            found = analyse(masked[s:e])
            rs = found.requests
            if rs and rs[0].conditional:
                conditional_seen = True
            elif conditional_seen:  # later steps belong to the same case
                rs = [r._replace(conditional=True) for r in rs]
            reqs.append(rs)
            n += len(rs)
            plain += sum(not r.conditional for r in rs)
            seq = seq or (found.sequenced and bool(rs))
            series = max([series] + [r.items for r in rs])
        if not n:
            continue
        words = len(WORD.findall(masked, para.start, para.end))
        if plain and (n >= 2 or series >= 3 or words > LONG_PARAGRAPH_WORDS):
            if n >= 2 or seq:
                msg = MSG
            elif series >= 3:
                msg = MSG_SERIES.format(n=series)
            else:
                msg = MSG_LONG.format(w=words)
            severity = None
        elif n >= 2 or series >= 3 or words > LONG_PARAGRAPH_WORDS:
            msg, severity = MSG_CONDITIONAL, "suggestion"
        else:
            continue
        hint = Fix("hint", bulleted(doc.text, masked, sents, reqs))
        ctx.emit("SR010", para.start, para.end, msg, hint, severity=severity)


def _one_step_at_most(masked: str, s: int, e: int) -> bool:
    """True for a short sentence with nothing that joins clauses or lists things: it can
    hold one request at most, which flags nothing (a cheap test that spares most
    one-line paragraphs the analysis)."""
    if e - s >= 200:  # could hold over 100 words
        return False
    chunk = masked[s:e]
    if "," in chunk or ";" in chunk or "&" in chunk:
        return False
    low = chunk.lower()
    return " and " not in low and " then " not in low


def _tidy(piece: str) -> str:
    piece = " ".join(piece.split()).strip(" ,;")
    piece = _LEAD_WORDS.sub("", piece, count=1) if _LEAD_WORDS.match(piece) else piece
    piece = piece.rstrip(" .,;?")
    return piece[:1].upper() + piece[1:]


def _lead(head: str) -> str:
    """The lead-in line for the bullets of one sentence ('' when the head only frames
    the request: "Please", "Could you", "Then")."""
    lead = " ".join(head.split())
    lead = re.sub(r"[, ]*\b(?:please|kindly)\s*$", "", lead, flags=re.IGNORECASE).strip(" ,")
    return "" if _FRAME.fullmatch(lead) else lead + ":"


def _sentence_bullets(sentence: str, masked: str, rs: list[Request]) -> tuple[str, list[str]]:
    """(lead-in line or '', bullets) for one sentence with requests. Token positions come
    from the masked sentence (where the requests were found); the text from `sentence`."""
    if rs[0].conditional:
        return "", [" ".join(sentence.split())]
    where = spans(masked)
    starts = [where[r.index][0] for r in rs]
    head = sentence[: starts[0]]
    if rs[0].how == "series" and len(rs) == 1:
        end = where[rs[0].index][1]
        rest = sentence[end:].strip().rstrip("?.!")
        parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", rest) if p.strip()]
        return sentence[:end].strip() + ":", [_tidy(p) for p in parts]
    if len(rs) == 1:
        lead = _lead(head)
        return "", [_tidy((lead[:-1] + " " if lead else "") + sentence[starts[0] :])]
    pieces = [sentence[a:b] for a, b in pairwise(starts)]
    pieces.append(sentence[starts[-1] :])
    pieces = [re.sub(r"(?:\s*,)?\s*(?:and|then|&|;)?\s*$", "", p) for p in pieces]
    return _lead(head), [_tidy(p) for p in pieces]


def bulleted(
    text: str, masked: str, sents: list[tuple[int, int]], reqs: list[list[Request]]
) -> str:
    """The paragraph as its lead-in, one bullet per step, and what follows the steps."""
    before: list[str] = []
    lines: list[str] = []
    after: list[str] = []
    for (s, e), rs in zip(sents, reqs, strict=True):
        sentence = text[s:e]
        if not rs:
            if not lines:
                before.append(" ".join(sentence.split()))
            else:
                after.append(" ".join(sentence.split()))
            continue
        if after and lines:  # context between two steps belongs to the step above
            lines[-1] += ". " + " ".join(after)
            after.clear()
        lead, bullets = _sentence_bullets(sentence, masked[s:e], rs)
        if lead:
            lines.append(lead)
        lines += ["- " + b for b in bullets if b]
    out = " ".join(before)
    out = (out + "\n" if out else "") + "\n".join(lines)
    if after:
        out += "\n\n" + " ".join(after)
    return out
