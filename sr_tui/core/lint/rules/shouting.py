"""SR017 shouting: ALL CAPS ordinary words and repeated exclamation marks.

Support mail is full of acronyms (NFS, RHEL, NZDT), so a lone capitalised token of up to
five letters is an acronym unless it is a common English word ("NEVER", "PLEASE").
"""

from __future__ import annotations

import re

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules.subject import all_caps
from sr_tui.core.lint.wordlists import ACRONYMS, CAPS_WORDS

MSG = "Avoid ALL CAPS and repeated exclamation marks — they read as shouting."
#: A run of capitals; the characters around it are checked in code.
_CAPS = re.compile(r"[A-Z][A-Z'’]*[A-Z]")
_GAP = re.compile(r"[ \t,:/&\-–—]{1,4}")
_BANGS = re.compile(r"[!?]*![!?]+|\?+!")


def check(ctx) -> None:
    doc, cfg = ctx.doc, ctx.cfg
    prose = doc.prose
    acronyms = ACRONYMS | {a.upper() for a in cfg.acronyms} if cfg.acronyms else ACRONYMS
    skip_subject = doc.subject is not None and all_caps(
        doc.masked[doc.subject_text_start : doc.subject.end], cfg.acronyms
    )

    def ordinary(tok: str) -> bool:
        return tok not in acronyms and (tok in CAPS_WORDS or len(tok) >= 6)

    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        if len(run) >= 2 and sum(ordinary(w) for _, _, w in run) >= 2:
            s, e = run[0][0], run[-1][1]
            _emit(ctx, s, e, doc.text[s:e])
        else:
            for s, e, w in run:
                if len(w) >= 3 and ordinary(w):
                    _emit(ctx, s, e, w)
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
    runs = [m.span() for m in _BANGS.finditer(prose)]
    for s, e in runs:
        ctx.emit("SR017", s, e, MSG, Fix("replace", "?" if "?" in prose[s:e] else ".", False))
    in_run = {i for s, e in runs for i in range(s, e)}
    for seen, m in enumerate(re.finditer("!", prose), 1):
        if seen >= 2 and m.start() not in in_run:
            msg = MSG + " Keep at most one '!' in an email."
            ctx.emit("SR017", m.start(), m.end(), msg, Fix("replace", ".", False))
