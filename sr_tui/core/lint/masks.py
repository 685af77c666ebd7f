"""Masks: what the rules must not read, and the unfilled placeholders.

Masked (filled with `MASK`, newlines kept): quoted history and every other footer
(from `Doc.footer_start` on), `>` lines, command/log blocks, help-desk reply markers,
quoted strings, and placeholders. `Doc.prose` further masks everything that is not
running text (greeting, closing, signature), leaving the subject text, paragraphs,
list items, table rows and any text after the closing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.lint.doc import MASK, Doc, Placeholder
from sr_tui.core.lint.wordlists import STATUS_WORDS

#: Placeholder patterns, each starting with the character it looks for (fast scans).
_PH_BRACKET = re.compile(r"\[([^\[\]\n]{1,200}(?:\n[^\[\]\n]{0,200})?)\](?!\()")
_PH_BRACE = re.compile(r"\{\{[^{}\n]{1,80}\}\}|\{[A-Za-z_][\w .\-]{0,40}\}")
_PH_ANGLE = re.compile(r"<([A-Za-z][A-Za-z0-9 _.\-]{0,40})>")
#: A run of x's is tried once (the look-behind), so a long run stays linear.
_PH_XXX = re.compile(r"[Xx](?<![Xx]{2})[Xx]{2,}+(?![\w/])")
_PH_TODO = re.compile(r"(?:TODO|FIXME|TBD|TBC)(?!\w)")
_PH_UNDERSCORE = re.compile(r"_{3,}+")
_CODE_BRACKET = re.compile(r"[A-Za-z][\w ./\-]*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HTML_TAGS = frozenset(
    "a b i u p br hr li ul ol em div span html body head strong table tr td th img".split()
)
#: Bracketed text that is a reference, not a blank to fill: a ticket tag
#: "[helpdesk.example.org #12345]", "[Ticket #123]", "[JIRA-1234]", "[#12345]",
#: "[Case: 00123456]", a mail-system tag "[EXTERNAL]", a footnote "[1]".
_TICKET_TAG = LazyRe(
    r"[^\[\]\n]*#[ \t]*\d{2,}[^\[\]\n]*|[A-Z][A-Z0-9]{1,9}-\d{1,9}|[\w.\-]+\.[a-z]{2,}[ \t].*\d"
    r"|(?i:(?:ticket|case|sr|incident|request|req|ref|reference|issue|inc|chg|ritm|task|"
    r"problem|change|order)\b[ \t:#\-]*[A-Z]{0,4}[\-]?\d{3,}.*)|\d{1,3}|\d{4,}"
    r"|(?=[A-Z0-9\-]*\d)[A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+",
)
#: Words of a placeholder's name: "[Customer Name]", "[SR Number]", "[Issue Summary]".
_PLACEHOLDER_WORDS = LazyRe(
    r"(?i)\b(?:your|customer|name|number|date|time|timeframe|eta|link|url|item|product|"
    r"version|id|x+|insert|placeholder|subject|title|issue|summary|sr|case|ticket|bug|"
    r"company|team|value|details?|here|tbd|todo|amount|address|email|phone|first|last)\b"
)
#: What a mail client writes in brackets for an image, an attachment or a link.
_EMBED = LazyRe(r"[ \t]*(?i:image|cid|mailto|https?|attachment|inline image|logo|icon|file)\s*:")
_MAIL_TAGS = frozenset(
    "external ext spam secure encrypt encrypted caution warning suspicious phish "
    "bulk marketing list".split()
)

_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}(?:\n[^\"\n]{0,300})?\"|“[^“”\n]{1,300}(?:\n[^“”\n]{0,300})?”"
    r"|‘[^‘’\n]{1,300}’(?!\w)|'(?<![\w'’]')[^'\n]{1,300}'(?![\w'’])|「[^」]{1,300}」"
)


def apply(
    doc: Doc,
    text: str,
    lines: list[tuple[int, int]],
    kinds: list[str],
    extra: tuple[tuple[int, int], ...],
) -> None:
    """Find placeholders and quoted strings and fill `doc.masked` and `doc.prose`."""
    quotes: list[tuple[int, int]] = []
    for i, kind in enumerate(kinds):
        if kind in ("code", "quote", "marker"):
            (doc.code if kind == "code" else quotes).append(lines[i])
    end = doc.body_end
    if doc.footer_start >= 0:
        quotes.append((doc.footer_start, len(text)))
    in_code = range_test(doc.code)
    in_quote = range_test(quotes)
    ranges = quotes + doc.code

    ph = _placeholders(doc, text, end, in_code, in_quote)
    for s, e in extra:
        if s < e and not any(p.start < e and s < p.end for p in ph):
            ph.append(Placeholder(s, e, "span"))
    ph.sort(key=lambda p: p.start)
    doc.placeholders = ph

    masked = _apply(text, ranges + [(p.start, p.end) for p in ph])
    for m in _QUOTED.finditer(masked, 0, end):
        if not in_code(m.start()) and not in_quote(m.start()):
            doc.quoted.append((m.start(), m.end()))
    doc.masked = _apply(masked, doc.quoted) if doc.quoted else masked

    keep: list[tuple[int, int]] = []
    if doc.subject is not None:
        keep.append((doc.subject_text_start, doc.subject.end))
    keep += [(s.start, s.end) for s in doc.paragraphs + doc.items + doc.after_closing]
    keep.sort()
    doc.prose = _keep_only(doc.masked, keep)


def _reference(doc: Doc, text: str, start: int, end: int, inner: str) -> bool:
    """True when `[inner]` is a ticket tag or a mail-system tag, not a blank to fill."""
    if _TICKET_TAG.fullmatch(inner.strip()):
        return True
    if inner.strip() in STATUS_WORDS:
        return True  # "[RESOLVED]", "[UPDATE]": a status tag
    if _EMBED.match(inner):
        return True  # "[image: Acme logo]", "[cid:image001.png@01D9]", "[https://...]"
    if not doc.in_subject(start):
        return False
    if inner.strip().lower() in _MAIL_TAGS:
        return True  # "[EXTERNAL]"
    # a help-desk or list prefix: "[Example Support] Re: ..." (not "[SR Number] Resolved")
    return start == doc.subject_text_start and not _PLACEHOLDER_WORDS.search(inner)


def _line_of(text: str, s: int) -> str:
    lo = max(0, s - 400)
    start = text.rfind("\n", lo, s) + 1 or lo
    stop = text.find("\n", s, s + 400)
    return text[start : stop if stop >= 0 else min(len(text), s + 400)]


def _placeholders(doc: Doc, text: str, end: int, in_code, in_quote) -> list[Placeholder]:
    """Placeholders before `end`, outside quoted history. In command blocks only a
    bracketed name counts (`[log_folder_path]`), not `{}` or `<file>` syntax."""
    found: list[Placeholder] = []
    for m in _PH_BRACKET.finditer(text, 0, end):
        inner = m.group(1)
        if inner[0].isspace() or not _HAS_LETTER.search(inner) or in_quote(m.start()):
            continue
        if in_code(m.start()) and not _CODE_BRACKET.fullmatch(inner):
            continue
        if _reference(doc, text, m.start(), m.end(), inner):
            continue
        found.append(Placeholder(m.start(), m.end(), "bracket"))
    if "___" in text:
        for m in _PH_UNDERSCORE.finditer(text, 0, end):
            s = m.start()
            if _line_of(text, s).strip() == m.group() or in_quote(s):
                continue  # a separator line, not a blank to fill
            found.append(Placeholder(s, m.end(), "underscore"))
    for pat, kind in (
        (_PH_BRACE, "brace"),
        (_PH_ANGLE, "angle"),
        (_PH_XXX, "xxx"),
        (_PH_TODO, "todo"),
    ):
        for m in pat.finditer(text, 0, end):
            s = m.start()
            if in_quote(s) or in_code(s):
                continue
            if kind in ("xxx", "todo") and s and (text[s - 1].isalnum() or text[s - 1] in "_/"):
                continue
            if kind == "angle" and m.group(1).lower() in _HTML_TAGS:
                continue
            found.append(Placeholder(s, m.end(), kind))
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[Placeholder] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue  # inside an earlier one: "[TODO: check]"
        out.append(p)
    return out


def range_test(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A fast `pos in any range` test (ranges must not overlap)."""
    pairs = sorted(ranges)
    starts = [s for s, _ in pairs]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pairs[i][0] <= pos < pairs[i][1]

    return inside


def _fill(chunk: str) -> str:
    if "\n" not in chunk:
        return MASK * len(chunk)
    return "\n".join(MASK * len(p) for p in chunk.split("\n"))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _apply(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with every range filled with MASK (newlines kept)."""
    if not ranges:
        return text
    parts = []
    pos = 0
    for s, e in _merge(ranges):
        parts.append(text[pos:s])
        parts.append(_fill(text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _keep_only(text: str, keep: list[tuple[int, int]]) -> str:
    """`text` with everything outside `keep` filled with MASK."""
    parts = []
    pos = 0
    for s, e in _merge(keep):
        parts.append(_fill(text[pos:s]))
        parts.append(text[s:e])
        pos = e
    parts.append(_fill(text[pos:]))
    return "".join(parts)
