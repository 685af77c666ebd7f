"""`Doc`: a parsed email, its parts and masks, and the look-ups the rules share.

Offsets are exact: `masked` and `prose` have the same length as `text`, with masked
characters replaced by `MASK` (newlines are kept, so lines and offsets do not move).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from sr_tui.core.lint.splitting import WORD, split_sentences

__all__ = ["MASK", "WORD", "Doc", "Placeholder", "Segment"]

MASK = "\x00"


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
        #: Rows of aligned tables (also list items for the sentence rules).
        self.tables: list[tuple[int, int]] = []
        #: Help-desk reply markers above the email ("--reply above this line--").
        self.markers: list[tuple[int, int]] = []
        self.quoted: list[tuple[int, int]] = []
        #: Where non-body material begins (a "-- " separator, a disclaimer, quoted
        #: history), or -1.
        self.footer_start = -1
        #: The end of the body: `footer_start`, or the end of the text.
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
        if st is not None and pos == skip_space(self.text, st[0], st[1]):
            return True
        return self.sentence_at(pos)[0] == pos

    def line_col(self, pos: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect_right(self._line_starts, pos) - 1
        return i + 1, pos - self._line_starts[i] + 1


def _start(seg: Segment) -> int:
    return seg.start


def skip_space(text: str, start: int, end: int) -> int:
    """The first position in [start, end) that is not a space or tab (or `end`)."""
    while start < end and text[start] in " \t":
        start += 1
    return start


def rstrip_pos(text: str, s: int, e: int) -> int:
    """`e` moved back over trailing whitespace, not before `s`."""
    while e > s and text[e - 1].isspace():
        e -= 1
    return e
