"""SR017 shouting: ALL CAPS ordinary words and repeated exclamation marks.

Support mail is full of acronyms (NFS, RHEL, NZDT), so a lone capitalised token of up to
five letters is an acronym unless it is a common English word ("NEVER", "PLEASE").
Capitals that structure a notice are not shouting either: a section label at the start
of a line ("IMPACT:", "ACTION REQUIRED:", "UPDATE 14:05 AEDT:"), a heading line, a
status word ("[RESOLVED]", "Status: INVESTIGATING"), and the cells of an aligned table.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules.subject import all_caps
from sr_tui.core.lint.wordlists import ACRONYMS, CAPS_WORDS, STATUS_ANYWHERE, STATUS_WORDS

MSG = "Avoid ALL CAPS and repeated exclamation marks — they read as shouting."
#: A run of capitals; the characters around it are checked in code.
_CAPS = re.compile(r"[A-Z][A-Z'’]*[A-Z]")
_GAP = re.compile(r"[ \t,/&\-–—]{1,4}")
#: A whole run of two or more of ! and ? (one containing "!" is shouting).
_BANGS = re.compile(r"[!?](?<![!?]{2})[!?]++")
#: What may stand between a label and its colon: a time, a date, a number.
_LABEL_TAIL = LazyRe(r"[ \t]*(?:[\d:/.\-–()#]+[ \t]*|[A-Z]{2,5}[ \t]*){0,4}[:：]")
_DECOR = " \t-*•#[(>0123456789.)"


def _line(prose: str, s: int, e: int) -> tuple[str, str]:
    """(text before s on its line, text after e on its line)."""
    a = prose.rfind("\n", max(0, s - 200), s) + 1
    b = prose.find("\n", e, e + 200)
    return prose[max(a, s - 200) : s], prose[e : b if b >= 0 else min(len(prose), e + 200)]


def _structure(prose: str, s: int, e: int, words: str, in_subject: bool = False) -> bool:
    """True when the capitals at [s, e) structure the text rather than shout."""
    if words in STATUS_ANYWHERE:
        return True
    before, after = _line(prose, s, e)
    lead = before.strip(_DECOR)
    if not lead:
        if _LABEL_TAIL.match(after):
            return True  # "IMPACT:", "UPDATE 14:05 AEDT:"
        if not after.strip(" \t:-–—]).\x00") and len(words.split()) <= 5:
            return True  # a heading line: "MAINTENANCE WINDOW"
    bracketed = before.rstrip().endswith(("[", "(")) and after.lstrip().startswith(("]", ")"))
    if bracketed and (words in STATUS_WORDS or in_subject):
        return True  # "[RESOLVED]", a subject tag "[EXTERNAL]"
    # "Status: INVESTIGATING", a cell after "|"
    return words in STATUS_WORDS and (
        before.rstrip().endswith((":", "：", "|", "-", "–", "—")) or before.endswith("\t")
    )


def check(ctx) -> None:
    doc, cfg = ctx.doc, ctx.cfg
    prose = doc.prose
    acronyms = ACRONYMS | {a.upper() for a in cfg.acronyms} if cfg.acronyms else ACRONYMS
    skip_subject = doc.subject is not None and all_caps(
        doc.masked[doc.subject_text_start : doc.subject.end], cfg.acronyms
    )
    tables = doc.tables
    table_starts = [a for a, _ in tables]

    def in_table(pos: int) -> bool:
        i = bisect_right(table_starts, pos) - 1
        return i >= 0 and tables[i][0] <= pos < tables[i][1]

    def ordinary(tok: str) -> bool:
        return tok not in acronyms and (tok in CAPS_WORDS or len(tok) >= 6)

    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        if not run:
            return
        s, e = run[0][0], run[-1][1]
        shouted = [(a, b, w) for a, b, w in run if len(w) >= 3 and ordinary(w)]
        if not shouted or in_table(s):
            run.clear()
            return
        words = " ".join(w for _, _, w in run)
        if _structure(prose, s, e, words, doc.in_subject(s)):
            pass
        elif len(run) >= 2 and sum(ordinary(w) for _, _, w in run) >= 2:
            _emit(ctx, s, e, doc.text[s:e])
        else:
            for a, b, w in shouted:
                if not _structure(prose, a, b, w):
                    _emit(ctx, a, b, w)
        run.clear()

    n = len(prose)
    for m in _CAPS.finditer(prose):
        s, e = m.span()
        if (s and (prose[s - 1].isalnum() or prose[s - 1] in "'’_")) or (
            e < n and (prose[e].isalnum() or prose[e] in "'’_")
        ):
            continue  # part of a longer word: "McDONALD", "EXT4", "SELinux"
        w = m.group()
        if skip_subject and doc.in_subject(s):
            continue
        if run and not _GAP.fullmatch(prose, run[-1][1], s):
            flush()
        run.append((s, e, w))
    flush()
    if "!" in prose or (doc.greeting and "!" in doc.text[doc.greeting.start : doc.greeting.end]):
        _exclamations(ctx, prose)


def _emit(ctx, s: int, e: int, text: str) -> None:
    new = text.capitalize() if ctx.doc.is_sentence_start(s) else text.lower()
    ctx.emit("SR017", s, e, MSG, Fix("replace", new, False))


def _exclamations(ctx, prose: str) -> None:
    """Flag `!!`, `?!` and every `!` after the first one in the email."""
    doc = ctx.doc
    g = doc.greeting
    if g is not None:
        prose = prose[: g.start] + doc.masked[g.start : g.end] + prose[g.end :]
    runs = [m.span() for m in _BANGS.finditer(prose) if "!" in m.group()]
    for s, e in runs:
        ctx.emit("SR017", s, e, MSG, Fix("replace", "?" if "?" in prose[s:e] else ".", False))
    in_run = {i for s, e in runs for i in range(s, e)}
    for seen, m in enumerate(re.finditer("!", prose), 1):
        if seen >= 2 and m.start() not in in_run:
            msg = MSG + " Keep at most one '!' in an email."
            ctx.emit("SR017", m.start(), m.end(), msg, Fix("replace", ".", False))
