"""Split an email into its parts and mask what rules must not read.

The result, `Doc`, keeps offsets exact: `masked` and `prose` have the same length as
`text`, with masked characters replaced by `MASK` (newlines are kept, so lines and
offsets do not move). Masked: quoted history (`>` lines, and everything from
`On ... wrote:` or an Outlook header block on), command/log blocks (fenced, indented
after a `:` line or by 4+ spaces, `$ ` prompts, log lines), quoted strings, and
placeholders. `prose` further masks everything that is not running text (greeting,
closing, signature), leaving the subject text, paragraphs, list items and any text
after the closing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

MASK = "\x00"

_BULLET = re.compile(r"[ \t]{0,6}(?:[-*•◦‣▪–]|\d{1,2}[.)]|[a-zA-Z][.)])[ \t]+(?=\S)")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_LOGLINE = re.compile(
    r"(?:\$ |# ?(?:sudo|yum|dnf|rpm|tar|ls|cat|grep|systemctl|journalctl|sos)\b|sudo |"
    r"\[\s*\d+\.\d+\]|\d{4}-\d\d-\d\d[T ]\d\d:\d\d|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d )"
)
_HISTORY = re.compile(
    r"[ \t]*(?:On\b.{0,300}\bwrote:|.{0,200}写道[:：]|-{2,}\s*Original Message\s*-{2,}"
    r"|-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)[ \t]*\r?$",
    re.IGNORECASE,
)
_ON_START = re.compile(r"[ \t]*On\s.{0,300}$")
_WROTE_END = re.compile(r".{0,200}\bwrote:[ \t]*\r?$")
_HEADER_FROM = re.compile(r"[ \t]*(?:_{10,}[ \t]*\r?$|From: \S)")
_HEADER_NEXT = re.compile(r"[ \t]*(?:Sent|Date|To|Cc|Subject): ")

SUBJECT_OK = re.compile(r"Subject:(?= |$|\r)")
SUBJECT_ANY = re.compile(r"[ \t]*(?:subject|subj|sub)[ \t]*(?:[:：\-–—])[ \t]*", re.IGNORECASE)
SUBJECT_BARE = re.compile(r"[ \t]*(?:re|fwd?|aw|sv|wg)[ \t]*:", re.IGNORECASE)

GREETING_WORD = re.compile(
    r"[ \t]*(?:hi|hello|hey|heya|hiya|howdy|dear|greetings|hallo|yo|"
    r"good[ \t]+(?:morning|afternoon|evening|day)|morning|afternoon|evening|"
    r"to[ \t]+whom[ \t]+it[ \t]+may[ \t]+concern)\b",
    re.IGNORECASE,
)
_NAME_ONLY = re.compile(r"[ \t]*[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3}[ \t]*,[ \t]*\r?$")

CLOSING = re.compile(
    r"[ \t]*(?P<word>(?:(?:best|kind|kindest|warm|warmest|warmly|many|with[ \t]+(?:best|kind|"
    r"warm|warmest|kindest)|best[ \t]+and[ \t]+warm)[ \t]+regards|regards|rgds|best|"
    r"best[ \t]+wishes|all[ \t]+the[ \t]+best|thanks|thanks[ \t]+again|thanks[ \t]+and[ \t]+"
    r"(?:best[ \t]+)?regards|thanks[ \t]+(?:so|very)[ \t]+much|thanks[ \t]+a[ \t]+lot|many[ \t]+"
    r"thanks|thank[ \t]+you|thank[ \t]+you[ \t]+(?:again|very[ \t]+much|so[ \t]+much)|cheers|"
    r"sincerely|yours[ \t]+(?:sincerely|truly|faithfully)|respectfully|br|take[ \t]+care|"
    r"talk[ \t]+soon))[ \t]*(?P<punct>[,.!]?)(?:[ \t]*(?P<name>(?<=,)[ \t]*[A-Z][^\n]{0,40}))?"
    r"[ \t]*\r?$",
    re.IGNORECASE,
)

#: Placeholder patterns, each starting with the character it looks for (fast scans).
_PH_BRACKET = re.compile(r"\[([^\[\]\n]{1,200}(?:\n[^\[\]\n]{0,200})?)\](?!\()")
_PH_BRACE = re.compile(r"\{\{[^{}\n]{1,80}\}\}|\{[A-Za-z_][\w .\-]{0,40}\}")
_PH_ANGLE = re.compile(r"<([A-Za-z][A-Za-z0-9 _.\-]{0,40})>")
_PH_XXX = re.compile(r"[Xx]{3,}(?![\w/])")
_PH_TODO = re.compile(r"(?:TODO|FIXME|TBD|TBC)(?!\w)")
_PH_UNDERSCORE = re.compile(r"_{3,}(?!_)")
_CODE_BRACKET = re.compile(r"[A-Za-z][\w ./\-]*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_HTML_TAGS = frozenset(
    "a b i u p br hr li ul ol em div span html body head strong table tr td th img".split()
)

_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}(?:\n[^\"\n]{0,300})?\"|“[^“”\n]{1,300}(?:\n[^“”\n]{0,300})?”"
    r"|‘[^‘’\n]{1,300}’(?!\w)|'(?<![\w'’]')[^'\n]{1,300}'(?![\w'’])|「[^」]{1,300}」"
)

_SENT_END = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s|$)")
_ABBREV = frozenset(
    "e.g i.e etc mr mrs ms dr vs approx no nos inc ltd jr st fig a.m p.m u.s cf ca "
    "al dept est min max ref ver vol".split()
)
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


class Segment:
    """A part of the email: `text[start:end]` (a plain class: cheap to import)."""

    __slots__ = ("end", "kind", "start")

    def __init__(self, kind: str, start: int, end: int) -> None:
        self.kind, self.start, self.end = kind, start, end

    def __repr__(self) -> str:
        return f"Segment({self.kind!r}, {self.start}, {self.end})"


class Placeholder:
    """An unfilled placeholder. `kind`: bracket, brace, angle, xxx, todo, underscore,
    or span (an unfilled field span given by the caller)."""

    __slots__ = ("end", "kind", "start")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start, self.end, self.kind = start, end, kind

    def __repr__(self) -> str:
        return f"Placeholder({self.start}, {self.end}, {self.kind!r})"


class Doc:
    """A parsed email: its parts, its masks, and sentence/line look-ups for the rules."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = ""
        self.prose = ""
        #: The subject line (None when the first line is body text).
        self.subject: Segment | None = None
        #: "ok" | "variant" (wrong prefix) | "bare" (no prefix) | "none" | "empty"
        self.subject_kind = "empty"
        #: Where the subject's text starts (after the prefix).
        self.subject_text_start = 0
        #: The first body line, whatever it is.
        self.first_body_line: Segment | None = None
        self.greeting: Segment | None = None
        self.closing: Segment | None = None
        self.extra_closings: list[Segment] = []
        self.signature: Segment | None = None
        self.after_closing: list[Segment] = []
        self.paragraphs: list[Segment] = []
        self.items: list[Segment] = []
        self.placeholders: list[Placeholder] = []
        self.code: list[tuple[int, int]] = []
        self.quoted: list[tuple[int, int]] = []
        self.history_start = -1
        #: The end of the body: the start of quoted history, or the end of the text.
        self.body_end = 0
        #: Per-text results that several rules share (words, phrase hits).
        self.cache: dict[str, Any] = {}
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []
        self._line_starts: list[int] | None = None

    # --- queries used by the rules ---------------------------------------------------

    @property
    def subject_text(self) -> tuple[int, int] | None:
        if self.subject is None:
            return None
        return (self.subject_text_start, self.subject.end)

    def in_subject(self, pos: int) -> bool:
        return self.subject is not None and self.subject.start <= pos <= self.subject.end

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentences of paragraphs, list items and text after the closing, in order."""
        if self._sentences is None:
            out: list[tuple[int, int]] = []
            segs = sorted(self.paragraphs + self.items + self.after_closing, key=_start)
            for seg in segs:
                out += split_sentences(self.masked, seg.start, seg.end)
            self._sentences = out
            self._sentence_starts = [s for s, _ in out]
        return self._sentences

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence containing `pos` (the subject counts as one)."""
        st = self.subject_text
        if st is not None and st[0] <= pos <= st[1]:
            return st
        sents = self.sentences
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and sents[i][0] <= pos <= sents[i][1]:
            return sents[i]
        return (pos, pos)

    def is_sentence_start(self, pos: int) -> bool:
        st = self.subject_text
        if st is not None and pos == _skip_space(self.text, st[0], st[1]):
            return True
        return self.sentence_at(pos)[0] == pos

    def line_col(self, pos: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect_right(self._line_starts, pos) - 1
        return i + 1, pos - self._line_starts[i] + 1


def _start(seg: Segment) -> int:
    return seg.start


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t":
        start += 1
    return start


def split_sentences(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in `masked[start:end]`: ends at . ! ? followed by a space, unless
    the next word starts in lower case or the word before is an abbreviation."""
    out = []
    s = start
    for m in _SENT_END.finditer(masked, start, end):
        e = m.end()
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’)]")) == 1:
            nxt = _skip_ws(masked, e, end)
            if nxt < end and masked[nxt].islower():
                continue
            w = masked.rfind(" ", s, m.start())
            prev = masked[max(w, masked.rfind("\n", s, m.start()), s - 1) + 1 : m.start()]
            if prev.lower().lstrip("(") in _ABBREV:
                continue
        _add_sentence(masked, s, e, out)
        s = e
    _add_sentence(masked, s, end, out)
    return out


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _add_sentence(masked: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    s = _skip_ws(masked, s, e)
    while e > s and masked[e - 1].isspace():
        e -= 1
    if e > s and WORD.search(masked, s, e):
        out.append((s, e))


# --- building ------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end))
        pos = end + 1
    return out


def _history_start(text: str, lines: list[tuple[int, int]], first: int) -> int:
    """Index of the line where quoted history starts, or len(lines)."""
    n = len(lines)
    for i in range(first, n):
        s, e = lines[i]
        if e - s > 400 or s == e:
            continue
        if _HISTORY.match(text, s, e):
            return i
        if i + 1 < n and _ON_START.match(text, s, e):
            s2, e2 = lines[i + 1]
            if _WROTE_END.match(text, s2, e2):
                return i
        if _HEADER_FROM.match(text, s, e):
            for j in range(i + 1, min(i + 5, n)):
                if _HEADER_NEXT.match(text, *lines[j]):
                    return i
    return n


def _classify(text: str, lines: list[tuple[int, int]], stop: int) -> list[str]:
    """One kind per line: blank, quote, code, bullet, cont, text."""
    kinds: list[str] = []
    in_fence = False
    prev = "blank"
    prev_nb = "blank"
    prev_colon = False
    prev_sentence_end = True
    for i in range(stop):
        s, e = lines[i]
        line = text[s:e]
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
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            if (prev_colon and (prev != "blank" or prev_nb == "code")) or (
                prev_nb == "code" and (prev == "code" or indent >= 2)
            ):
                kind = "code"
            elif _BULLET.match(line):
                kind = "bullet"
            elif prev in ("bullet", "cont"):
                kind = "cont"
            elif indent >= 4 or _LOGLINE.match(stripped):
                kind = "code"
            elif prev == "text":
                kind = "text"
            else:
                kind = "text"
        elif _LOGLINE.match(line):
            kind = "code"
        elif _BULLET.match(line):
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
    return kinds


def _is_greeting(text: str, s: int, e: int) -> bool:
    if GREETING_WORD.match(text, s, e):
        return True
    return bool(_NAME_ONLY.match(text, s, e)) and not CLOSING.match(text, s, e)


def _looks_like_subject(text: str, s: int, e: int) -> bool:
    line = text[s:e].strip()
    if not line or len(line) > 150 or line.endswith((".", ",", ";", ":", "?")):
        return False
    return len(line.split()) <= 12


def _prose_block(text: str) -> bool:
    words = WORD.findall(text)
    if len(words) < 8 or not re.search(r"[.!?](?:\s|$)", text):
        return False
    low = text.lower()
    return not any(w in low for w in ("confidential", "intended recipient", "privileged"))


def build(text: str, extra_placeholders: tuple[tuple[int, int], ...] = ()) -> Doc:
    """Parse `text` into a `Doc`. `extra_placeholders` are ranges known to be unfilled."""
    doc = Doc(text)
    lines = _lines(text)
    n = len(lines)
    first = 0
    while first < n and not text[lines[first][0] : lines[first][1]].strip():
        first += 1
    hist = _history_start(text, lines, first + 1)
    doc.history_start = lines[hist][0] if hist < n else -1
    doc.body_end = lines[hist][0] if hist < n else len(text)
    kinds = _classify(text, lines, hist)

    # subject
    body_first = first
    if first < hist:
        s, e = lines[first]
        m_ok = SUBJECT_OK.match(text, s, e)
        m_any = SUBJECT_ANY.match(text, s, e)
        if m_ok:
            doc.subject_kind, doc.subject_text_start = "ok", _skip_space(text, m_ok.end(), e)
        elif m_any:
            doc.subject_kind, doc.subject_text_start = "variant", m_any.end()
        elif kinds[first] == "text" and not _is_greeting(text, s, e):
            bare = SUBJECT_BARE.match(text, s, e)
            if bare or _looks_like_subject(text, s, e):
                doc.subject_kind, doc.subject_text_start = "bare", _skip_space(text, s, e)
            else:
                doc.subject_kind = "none"
        else:
            doc.subject_kind = "none"
        if doc.subject_kind != "none":
            end = e - 1 if e > s and text[e - 1] == "\r" else e
            doc.subject = Segment("subject", s, end)
            doc.subject_text_start = min(doc.subject_text_start, end)
            kinds[first] = "subject"
            body_first = first + 1

    # greeting: the first non-blank body line
    g = body_first
    while g < hist and kinds[g] == "blank":
        g += 1
    body_start = g
    if g < hist:
        s, e = lines[g]
        doc.first_body_line = Segment("line", s, _rstrip(text, s, e))
        if kinds[g] == "text" and _is_greeting(text, s, e):
            doc.greeting = Segment("greeting", _skip_space(text, s, e), _rstrip(text, s, e))
            kinds[g] = "greeting"
            body_start = g + 1

    # closing: the last closing-like line; adjacent earlier ones are extra closings
    closing_idx = -1
    candidates = [
        i
        for i in range(body_start, hist)
        if kinds[i] == "text" and CLOSING.match(text, lines[i][0], lines[i][1])
    ]
    if candidates:
        closing_idx = candidates[-1]
        s, e = lines[closing_idx]
        doc.closing = Segment("closing", _skip_space(text, s, e), _rstrip(text, s, e))
        for i in candidates:
            kinds[i] = "closing"
        j = closing_idx - 1
        while j >= body_start and kinds[j] in ("blank", "closing"):
            if kinds[j] == "closing":
                s, e = lines[j]
                doc.extra_closings.insert(
                    0, Segment("closing", _skip_space(text, s, e), _rstrip(text, s, e))
                )
            j -= 1

    blocks = _blocks(kinds, closing_idx + 1 if closing_idx >= 0 else body_start, hist)
    content_end = hist
    if closing_idx >= 0:
        content_end = closing_idx
        sig_done = False
        for bs, be in blocks:
            seg = Segment("block", lines[bs][0], _rstrip(text, *lines[be - 1]))
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
    elif blocks:
        bs, be = blocks[-1]
        if len(blocks) > 1 and _signature_like(text, lines, kinds, bs, be):
            content_end = bs
            doc.signature = Segment("signature", lines[bs][0], _rstrip(text, *lines[be - 1]))
            _mark(kinds, bs, be, "signature")

    _segments(doc, text, lines, kinds, body_start, content_end)
    _masks(doc, text, lines, kinds, hist, extra_placeholders)
    return doc


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


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


def _signature_like(
    text: str, lines: list[tuple[int, int]], kinds: list[str], a: int, b: int
) -> bool:
    if b - a > 4:
        return False
    for i in range(a, b):
        line = text[lines[i][0] : lines[i][1]].strip()
        if kinds[i] not in ("text", "closing") or len(line.split()) > 6:
            return False
        if line.endswith((".", "?", "!", ":", ";", ",")):
            return False
    return True


def _segments(
    doc: Doc,
    text: str,
    lines: list[tuple[int, int]],
    kinds: list[str],
    a: int,
    b: int,
) -> None:
    """Paragraph and list-item segments of lines [a, b)."""
    cur: Segment | None = None
    for i in range(a, b):
        kind = kinds[i]
        s, e = lines[i]
        if kind == "text" and not (cur and cur.kind == "paragraph"):
            cur = Segment("paragraph", _skip_space(text, s, e), _rstrip(text, s, e))
            doc.paragraphs.append(cur)
        elif kind in ("text", "cont") and cur is not None:
            cur.end = max(cur.end, _rstrip(text, s, e))
        elif kind == "bullet":
            m = _BULLET.match(text, s, e)
            start = m.end() if m else s
            cur = Segment("item", start, _rstrip(text, s, e))
            doc.items.append(cur)
        elif kind == "cont":
            cur = Segment("paragraph", _skip_space(text, s, e), _rstrip(text, s, e))
            doc.paragraphs.append(cur)
        else:
            cur = None


def _masks(
    doc: Doc,
    text: str,
    lines: list[tuple[int, int]],
    kinds: list[str],
    hist: int,
    extra: tuple[tuple[int, int], ...],
) -> None:
    quotes: list[tuple[int, int]] = []
    for i, kind in enumerate(kinds):
        if kind in ("code", "quote"):
            (doc.code if kind == "code" else quotes).append(lines[i])
    end = doc.body_end
    if doc.history_start >= 0:
        quotes.append((doc.history_start, len(text)))
    in_code = _range_test(doc.code)
    in_quote = _range_test(quotes)
    ranges = quotes + doc.code

    ph = _placeholders(text, end, in_code, in_quote)
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


def _placeholders(text: str, end: int, in_code, in_quote) -> list[Placeholder]:
    """Placeholders before `end`, outside quoted history. In command blocks only a
    bracketed name counts (`[log_folder_path]`), not `{}` or `<file>` syntax."""
    found: list[Placeholder] = []
    for m in _PH_BRACKET.finditer(text, 0, end):
        inner = m.group(1)
        if inner[0].isspace() or not _HAS_LETTER.search(inner) or in_quote(m.start()):
            continue
        if in_code(m.start()) and not _CODE_BRACKET.fullmatch(inner):
            continue
        found.append(Placeholder(m.start(), m.end(), "bracket"))
    if "___" in text:
        for m in _PH_UNDERSCORE.finditer(text, 0, end):
            s = m.start()
            line_end = text.find("\n", s)
            line = text[text.rfind("\n", 0, s) + 1 : line_end if line_end >= 0 else len(text)]
            if line.strip() == m.group() or in_quote(s):
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


def _range_test(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
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
