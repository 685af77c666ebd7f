"""Segmentation: one kind per line, then the parts of the email.

Line kinds: blank, marker (a help-desk reply marker above the email), quote (`>`),
code (fenced, indented after a `:` line or by 4+ spaces, `$ ` prompts, log lines),
table (rows of an aligned table), bullet, cont (a bullet's continuation), text; then
subject, greeting, closing, signature and after (text below the signature).

What a greeting, bullet, closing, signature and footer line is comes from the shared
email grammar, `sr_tui.core.text`; this module adds what only the linter needs.
"""

from __future__ import annotations

import re

from sr_tui.core import text as grammar
from sr_tui.core.lint.doc import Doc, Segment, rstrip_pos, skip_space
from sr_tui.core.lint.lazy import LazyRe
from sr_tui.core.lint.splitting import WORD

_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_LOGLINE = re.compile(
    r"(?:\$ |# ?(?:sudo|yum|dnf|rpm|tar|ls|cat|grep|systemctl|journalctl|sos)\b|sudo |"
    r"\[\s*+\d++\.\d+\]|\d{4}-\d\d-\d\d[T ]\d\d:\d\d|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d )"
)
#: A gap that aligns table columns: 2+ spaces or a tab between two non-space
#: characters, the first not ending a sentence.
_CELL_GAP = LazyRe(r"[^\s.!?](?: {2,}+|\t++)(?=\S)")
_TABLE_RULE = LazyRe(r"[ \t]*[+|]?(?:[-=+|: \t]{3,}+)[ \t]*\r?$")

SUBJECT_OK = re.compile(r"Subject:(?= |$|\r)")
SUBJECT_ANY = re.compile(
    r"[ \t]*(?:subject|subj|sub)(?:[ \t]*[:：]|[ \t]+[\-–—]|[\-–—](?=[ \t]))[ \t]*",
    re.IGNORECASE,
)
SUBJECT_BARE = re.compile(r"[ \t]*(?:re|fwd?|aw|sv|wg)[ \t]*(?:\[\d+\])?[ \t]*:", re.IGNORECASE)
_SENTENCE_OPENERS = frozenset(
    """i we you it this they he she there please thank thanks sorry hope just as if when
    unfortunately following per i'm we're we've i've we'll i'll you're you'll it's
    that's here dear hi hello hey""".split()
)
_LAST_FUNCTION_WORDS = frozenset(
    """the a an and or to of for with your our their in on at by from that is are be was
    were will this as but so if we i you my its has have""".split()
)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text`, without the line break."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end))
        pos = end + 1
    return out


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _table_row(line: str) -> bool:
    if line.count("|") >= 2:
        return True
    return ("  " in line or "\t" in line) and _CELL_GAP.search(line) is not None


def classify(lines: list[str], first: int, stop: int) -> list[str]:
    """One kind per line of lines[:stop]; lines before `first` are blank or marker."""
    kinds: list[str] = ["blank" if not line.strip() else "marker" for line in lines[:first]]
    in_fence = False
    prev = "blank"
    prev_nb = "blank"
    prev_colon = False
    prev_sentence_end = True
    for i in range(first, stop):
        line = lines[i]
        stripped = line.strip()
        if in_fence:
            kind = "code"
            if _FENCE.match(line):
                in_fence = False
        elif _FENCE.match(line):
            kind, in_fence = "code", True
        elif not stripped:
            kind = "blank"
        elif stripped.startswith(">"):
            kind = "quote"
        elif line[0] in " \t":
            indent = _indent(line)
            if len(stripped) <= 90 and grammar.is_closing(line):
                kind = "text"  # an indented "Thank you," is still the closing
            elif (prev_colon and (prev != "blank" or prev_nb == "code")) or (
                prev_nb == "code" and (prev == "code" or indent >= 2)
            ):
                kind = "code"
            elif grammar.is_bullet(line):
                kind = "bullet"
            elif prev in ("bullet", "cont"):
                kind = "cont"
            elif indent >= 4 or _LOGLINE.match(stripped):
                kind = "code"
            else:
                kind = "text"
        elif _LOGLINE.match(line):
            kind = "code"
        elif grammar.is_bullet(line):
            kind = "bullet"
        elif prev in ("bullet", "cont") and stripped[0].islower() and not prev_sentence_end:
            kind = "cont"
        else:
            kind = "text"
        kinds.append(kind)
        prev = kind
        if kind != "blank":
            prev_nb = kind
            prev_colon = stripped.endswith((":", "："))
            prev_sentence_end = stripped.endswith((".", "!", "?", ":"))
    _tables(lines, kinds, first, stop)
    return kinds


def _tables(lines: list[str], kinds: list[str], first: int, stop: int) -> None:
    """Mark runs of 2+ aligned rows (text lines with column gaps, or `|` cells) as table."""
    i = first
    while i < stop:
        if kinds[i] != "text" or not _table_row(lines[i]):
            i += 1
            continue
        j = i
        while j < stop and (
            (kinds[j] == "text" and _table_row(lines[j]))
            or (kinds[j] in ("text", "code") and _TABLE_RULE.match(lines[j]))
        ):
            j += 1
        rows = sum(1 for k in range(i, j) if kinds[k] == "text" and _table_row(lines[k]))
        if rows >= 2:
            for k in range(i, j):
                kinds[k] = "table"
        i = max(j, i + 1)


def reads_like_subject(lines: list[str], i: int) -> bool:
    """True when line `i` can be taken as a subject written without `Subject:`: a short
    line on its own (a blank line or the greeting below it) that reads like a title,
    not like a sentence or half of one."""
    line = lines[i].strip()
    if not 3 <= len(line) <= 100 or line.endswith((".", ",", ";", ":", "?", "-", "—")):
        return False
    words = line.split()
    if len(words) > 12 or not (line[0].isupper() or line[0].isdigit() or line[0] in "[(#"):
        return False
    if i + 1 < len(lines) and lines[i + 1].strip() and not grammar.is_greeting(lines[i + 1]):
        return False  # the first line of a wrapped paragraph
    if (
        grammar.is_greeting(line)
        or grammar.is_closing(line)
        or grammar.is_bullet(line)
        or grammar.is_reply_marker(line)
        or grammar.is_history_marker(line)
        or grammar.is_signature_separator(line)
    ):
        return False
    first = words[0].lower().strip("\"'“”‘’,").replace("’", "'")
    last = words[-1].lower().strip("\"'“”‘’!")
    if first in _SENTENCE_OPENERS or last in _LAST_FUNCTION_WORDS:
        return False
    return any(len(w) >= 3 for w in WORD.findall(line)) and "@" not in words[0]


def _prose_block(text: str) -> bool:
    words = WORD.findall(text)
    if len(words) < 8 or not re.search(r"[.!?](?:\s|$)", text):
        return False
    return not grammar.is_disclaimer(text)


def parse(doc: Doc, text: str, spans: list[tuple[int, int]], lines: list[str]) -> list[str]:
    """Fill in the parts of `doc`; return the kind of every line."""
    n = len(lines)
    first = grammar.body_start(lines)
    foot = grammar.footer_start(lines, first) if first < n else n
    if foot < n:
        doc.footer_start = doc.body_end = spans[foot][0]
    else:
        doc.body_end = len(text)
    kinds = classify(lines, first, foot)
    doc.markers = [spans[i] for i in range(first) if kinds[i] == "marker"]

    # subject
    body_first = first
    if first < foot:
        s, e = spans[first]
        m_ok = SUBJECT_OK.match(text, s, e)
        m_any = SUBJECT_ANY.match(text, s, e)
        if m_ok:
            doc.subject_kind, doc.subject_text_start = "ok", skip_space(text, m_ok.end(), e)
        elif m_any:
            doc.subject_kind, doc.subject_text_start = "variant", m_any.end()
        elif kinds[first] == "text" and (
            SUBJECT_BARE.match(text, s, e) or reads_like_subject(lines, first)
        ):
            doc.subject_kind, doc.subject_text_start = "bare", skip_space(text, s, e)
        else:
            doc.subject_kind = "none"
        if doc.subject_kind != "none":
            end = e - 1 if e > s and text[e - 1] == "\r" else e
            doc.subject = Segment("subject", s, end)
            doc.subject_text_start = min(doc.subject_text_start, end)
            kinds[first] = "subject"
            body_first = first + 1

    # greeting: the first body line (reply markers under the subject are skipped)
    g = body_first
    while g < foot and (kinds[g] == "blank" or grammar.is_reply_marker(lines[g])):
        if kinds[g] != "blank":
            kinds[g] = "marker"
            doc.markers.append(spans[g])
        g += 1
    body_start = g
    if g < foot:
        s, e = spans[g]
        doc.first_body_line = Segment("line", s, rstrip_pos(text, s, e))
        gi = grammar.greeting_index(lines, g, foot)
        if gi > g and all(k in ("text", "blank", "code") for k in kinds[g:gi]):
            # a help-desk preamble above the greeting: not the writer's text
            for i in range(g, gi):
                if kinds[i] != "blank":
                    kinds[i] = "marker"
                    doc.markers.append(spans[i])
            g = gi
        s, e = spans[g]
        if kinds[g] in ("text", "code") and grammar.is_greeting(lines[g]):
            doc.greeting = Segment("greeting", skip_space(text, s, e), rstrip_pos(text, s, e))
            kinds[g] = "greeting"
            body_start = g + 1

    closing_idx = _closing(doc, text, spans, lines, kinds, body_start, foot)
    blocks = _blocks(kinds, closing_idx + 1 if closing_idx >= 0 else body_start, foot)
    content_end = foot
    if closing_idx >= 0:
        content_end = closing_idx
        _after_closing(doc, text, spans, kinds, blocks)
    else:
        sig = grammar.signature_start(lines, body_start, foot)
        if sig < foot and all(kinds[i] in ("text", "blank", "code") for i in range(sig, foot)):
            content_end = sig
            last = foot - 1
            while not lines[last].strip():
                last -= 1
            doc.signature = Segment("signature", spans[sig][0], rstrip_pos(text, *spans[last]))
            _mark(kinds, sig, foot, "signature")

    _segments(doc, text, spans, kinds, body_start, content_end)
    return kinds


def _closing(
    doc: Doc,
    text: str,
    spans: list[tuple[int, int]],
    lines: list[str],
    kinds: list[str],
    start: int,
    stop: int,
) -> int:
    """Find the closing (the last closing line) and the closings right above it."""
    candidates = [
        i
        for i in range(start, stop)
        if kinds[i] == "text" and len(lines[i]) <= 90 and grammar.is_closing(lines[i])
    ]
    if not candidates:
        return -1
    idx = candidates[-1]
    s, e = spans[idx]
    doc.closing = Segment("closing", skip_space(text, s, e), rstrip_pos(text, s, e))
    for i in candidates:
        kinds[i] = "closing"
    j = idx - 1
    while j >= start and kinds[j] in ("blank", "closing"):
        if kinds[j] == "closing":
            s, e = spans[j]
            doc.extra_closings.insert(
                0, Segment("closing", skip_space(text, s, e), rstrip_pos(text, s, e))
            )
        j -= 1
    return idx


def _after_closing(
    doc: Doc,
    text: str,
    spans: list[tuple[int, int]],
    kinds: list[str],
    blocks: list[tuple[int, int]],
) -> None:
    """The blocks below the closing: the signature, then any P.S. or prose (after)."""
    sig_done = False
    for bs, be in blocks:
        seg = Segment("block", spans[bs][0], rstrip_pos(text, *spans[be - 1]))
        block_text = text[seg.start : seg.end]
        is_ps = re.match(r"\s*P\.?\s?P?\.?\s?S\b", block_text) is not None
        if is_ps or (sig_done and _prose_block(block_text)):
            seg.kind = "after"
            doc.after_closing.append(seg)
            _mark(kinds, bs, be, "after")
        else:
            _mark(kinds, bs, be, "signature")
            if doc.signature is None:
                doc.signature = Segment("signature", seg.start, seg.end)
            else:
                doc.signature.end = seg.end
        sig_done = True


def _mark(kinds: list[str], a: int, b: int, kind: str) -> None:
    for i in range(a, b):
        if kinds[i] != "blank":
            kinds[i] = kind


def _blocks(kinds: list[str], a: int, b: int) -> list[tuple[int, int]]:
    """Runs of non-blank lines in [a, b), as [start, end) line indexes."""
    out = []
    i = a
    while i < b:
        if kinds[i] == "blank":
            i += 1
            continue
        j = i
        while j < b and kinds[j] != "blank":
            j += 1
        out.append((i, j))
        i = j
    return out


def _segments(
    doc: Doc,
    text: str,
    spans: list[tuple[int, int]],
    kinds: list[str],
    a: int,
    b: int,
) -> None:
    """Paragraph, list-item and table-row segments of lines [a, b)."""
    cur: Segment | None = None
    for i in range(a, b):
        kind = kinds[i]
        s, e = spans[i]
        if kind == "text" and not (cur and cur.kind == "paragraph"):
            cur = Segment("paragraph", skip_space(text, s, e), rstrip_pos(text, s, e))
            doc.paragraphs.append(cur)
        elif kind in ("text", "cont") and cur is not None:
            cur.end = max(cur.end, rstrip_pos(text, s, e))
        elif kind == "bullet":
            m = grammar.BULLET.match(text, s, e)
            start = m.end() if m else s
            cur = Segment("item", start, rstrip_pos(text, s, e))
            doc.items.append(cur)
        elif kind == "cont":
            cur = Segment("paragraph", skip_space(text, s, e), rstrip_pos(text, s, e))
            doc.paragraphs.append(cur)
        elif kind == "table":
            doc.tables.append((s, e))
            row = Segment("item", skip_space(text, s, e), rstrip_pos(text, s, e))
            if row.end > row.start:
                doc.items.append(row)
            cur = None
        else:
            cur = None
