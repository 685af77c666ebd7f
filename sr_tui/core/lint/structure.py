"""Segmentation: the parts of the email, from the kind of each line (`line_kinds`):
subject (`subject_line`), greeting, closing, signature and after (text below the
signature).

What a greeting, bullet, closing, signature and footer line is comes from the shared
email grammar, `sr_tui.core.text`; this module adds what only the linter needs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from sr_tui.core import text as grammar
from sr_tui.core.lint.doc import Doc, Segment, rstrip_pos, skip_space
from sr_tui.core.lint.line_kinds import classify
from sr_tui.core.lint.splitting import WORD
from sr_tui.core.lint.subject_line import SUBJECT_ANY, SUBJECT_BARE, SUBJECT_OK, reads_like_subject

#: Lines above which a scan for candidate lines beats testing each line.
_LONG = 200


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

    _segments(doc, text, spans, lines, kinds, body_start, content_end)
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
    rows: Iterable[int] = range(start, stop)
    if stop - start > _LONG and start < stop:  # one scan finds the lines worth a test
        starts = [s for s, _ in spans]
        found = grammar.MAY_CLOSE.finditer(text, spans[start][0], spans[stop - 1][1])
        rows = [bisect_right(starts, m.start()) - 1 for m in found]
    candidates = [
        i
        for i in rows
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
    lines: list[str],
    kinds: list[str],
    a: int,
    b: int,
) -> None:
    """Paragraph, list-item and table-row segments of lines [a, b)."""
    cur: Segment | None = None
    for i in range(a, b):
        kind = kinds[i]
        if kind == "blank" or kind not in _SEGMENT_KINDS:
            cur = None
            continue
        s = spans[i][0]
        line = lines[i]
        end = s + len(line.rstrip())  # rstrip_pos, without a Python loop
        if kind == "text" and not (cur and cur.kind == "paragraph"):
            cur = Segment("paragraph", s + len(line) - len(line.lstrip(" \t")), end)
            doc.paragraphs.append(cur)
        elif kind in ("text", "cont") and cur is not None:
            cur.end = max(cur.end, end)
        elif kind == "bullet":
            m = grammar.BULLET.match(line)
            cur = Segment("item", s + m.end() if m else s, end)
            doc.items.append(cur)
        elif kind == "cont":
            cur = Segment("paragraph", s + len(line) - len(line.lstrip(" \t")), end)
            doc.paragraphs.append(cur)
        else:  # a table row
            doc.tables.append((s, spans[i][1]))
            row = Segment("item", s + len(line) - len(line.lstrip(" \t")), end)
            if row.end > row.start:
                doc.items.append(row)
            cur = None


#: The line kinds that make segments (the rest end the current one).
_SEGMENT_KINDS = frozenset(("text", "cont", "bullet", "table"))
