"""SR001 subject-missing, SR002 subject-unclear, SR021 subject-no-reference."""

from __future__ import annotations

import re

from sr_tui.core.lint.doc import MASK, WORD
from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import short
from sr_tui.core.lint.wordlists import ACRONYMS

MSG_MISSING = "Start the email with a 'Subject:' line."
_REPLY_PREFIX = re.compile(r"(?:\s*(?:re|fwd?|aw|sv|wg)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
GENERIC = frozenset(
    """question questions issue issues problem problems update updates follow up follow-up
    followup request requests your my our the a an re fw fwd ticket tickets case support
    hello hi hey important urgent info information inquiry enquiry query checking in quick
    help regarding about on for of with status new please action required needed attention
    reminder email message matter concern hello there ok sorry apologies apology apologise
    apologize delay delays delayed inconvenience just check check-in following touching
    base gentle friendly still again any news received receipt we we've i i'm have has
    been is are you thanks thank patience waiting awaiting pending reply response second
    final notice notification note your reminders touch""".split()
)
#: A case or bug reference: "SR 3-1234567", "SR#12345678", "bug 34567890", "case 1234567".
REF = re.compile(
    r"\b(?:SR|sr|Sr|Case|case|CASE|Ticket|ticket|Bug|bug|BUG|Service Request|service request)"
    r"(?:\s*(?:#|No\.?|number|num)\s*|\s*:?\s*)(\d(?:[\d-]{2,30}\d))\b"
)


def check(ctx) -> None:
    doc = ctx.doc
    _missing(ctx)
    if doc.subject is None:
        return
    _unclear(ctx)
    _reference(ctx)


def _missing(ctx) -> None:
    doc = ctx.doc
    kind = doc.subject_kind
    if kind == "ok":
        return
    if kind == "variant":
        s = doc.subject.start
        ctx.emit("SR001", s, doc.subject_text_start, MSG_MISSING, Fix("replace", "Subject: ", True))
    elif kind == "bare":
        s = doc.subject.start
        ctx.emit("SR001", s, s, MSG_MISSING, Fix("insert", "Subject: ", True))
    else:
        line = doc.first_body_line
        s = line.start if line is not None else 0
        # no line reads like a subject: the writer has to say what it is (a hint; a
        # placeholder would only be another error)
        ctx.emit("SR001", s, s, MSG_MISSING, Fix("hint", "Subject: [Subject]\n\n"))


def _unclear(ctx) -> None:
    doc, cfg = ctx.doc, ctx.cfg
    s, e = doc.subject_text_start, doc.subject.end
    raw = doc.text[s:e]
    masked = doc.masked[s:e]
    core = masked[_REPLY_PREFIX.match(masked).end() :] if _REPLY_PREFIX.match(masked) else masked
    words = WORD.findall(core)
    has_placeholder = MASK in core
    hint = Fix("hint")
    if not words and not has_placeholder:
        ctx.emit(
            "SR002",
            doc.subject.start,
            e,
            "The subject is empty: say what happened or what is needed, and name the case.",
            hint,
        )
        return
    if not has_placeholder and all(w.lower() in GENERIC for w in words):
        ctx.emit(
            "SR002",
            s,
            e,
            f"Subject '{short(raw)}' is too generic: say what happened or what is needed, "
            "and name the case.",
            hint,
        )
    if len(raw) > cfg.subject_max_chars:
        ctx.emit(
            "SR002",
            s,
            e,
            f"Subject is {len(raw)} characters: keep it to {cfg.subject_max_chars} so the "
            "inbox shows all of it.",
            hint,
        )
    if all_caps(core, cfg.acronyms):
        ctx.emit("SR002", s, e, "Subject is in ALL CAPS: write it in title or sentence case.", hint)
    stripped = raw.rstrip()
    if stripped.endswith(("!", "...", "…")):
        tail = "!" if stripped.endswith("!") else "..."
        ctx.emit("SR002", s, e, f"Subject ends in '{tail}': state the point plainly.", hint)


def all_caps(s: str, extra_acronyms: tuple[str, ...] = ()) -> bool:
    """True when `s` has no lower-case letter and some capitalised word that is not an
    acronym."""
    if any(c.islower() for c in s):
        return False
    words = [w for w in WORD.findall(s) if any(c.isupper() for c in w)]
    return (
        any(len(w) >= 4 and w not in ACRONYMS and w not in extra_acronyms for w in words)
        and len(words) >= 2
    )


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _reference(ctx) -> None:
    doc = ctx.doc
    body = (doc.subject.end, doc.body_end)
    refs = [r for r in ctx.refs if r]
    if not refs:
        m = REF.search(doc.masked, *body)
        if m is None:
            return
        refs = [m.group(0)]
    subject = doc.text[doc.subject_text_start : doc.subject.end]
    subj_digits = [_digits(g) for g in re.findall(r"\d[\d-]*", subject)]
    for ref in refs:
        d = _digits(ref)
        if (d and any(d in g for g in subj_digits)) or (not d and ref.lower() in subject.lower()):
            continue
        e = doc.subject.end
        sep = " — " if subject.strip() else ""
        # safe only when the longer subject still fits (SR002 would flag it)
        safe = len(subject) + len(sep) + len(ref) <= ctx.cfg.subject_max_chars
        ctx.emit(
            "SR021",
            e,
            e,
            f"Put {ref} in the subject so the customer can find this thread.",
            Fix("insert", f"{sep}{ref}", safe),
        )
        return
