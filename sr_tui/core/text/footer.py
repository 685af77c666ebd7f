"""Footers: what follows the message and is not the writer's: a "-- " signature, quoted
history, reply markers, "Sent from my iPhone", disclaimers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.text.signature import closing_index, is_signature_line

_SEPARATOR = re.compile(r"[ \t]*--[ \t]*\r?$")
#: Where a footer line may start (`_footer_line` decides): one scan over the text.
_FOOTER_HINT = re.compile(
    r"(?im)^[ \t]*(?:--[ \t]*\r?$|on\s|-{2}|[_=*~#—–]{5}|\*?from:|sent from|get outlook|"
    r"begin forwarded|forwarded message)|(?:wrote|写道|écrit|schrieb)[ \t]*[:：][ \t]*\r?$|"
    r"\bthis line\b"
)
#: `_FOOTER_HINT` without the parts that may match anywhere in a line (those cost a
#: case-insensitive try at every character): the same matches in a text without
#: "wrote", "写道", "écrit", "schrieb" or "this line" in any case (see `_footer_hints`).
_FOOTER_HINT_AT_LINE_START = re.compile(
    r"(?im)^[ \t]*(?:--[ \t]*\r?$|on\s|-{2}|[_=*~#—–]{5}|\*?from:|sent from|get outlook|"
    r"begin forwarded|forwarded message)"
)
#: Characters that match an ASCII letter case-insensitively in `re` without being one
#: (İ ı ſ K): in a text holding one, `str.lower()` cannot stand for `re.IGNORECASE`.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _footer_hints(joined: str):
    """The matches of `_FOOTER_HINT` in `joined`, found cheaply when its anywhere-in-a-
    line words cannot occur (the line-start parts never overlap them, so dropping
    alternatives that match nowhere leaves the same matches)."""
    if not any(c in joined for c in _FOLDS_TO_ASCII):
        low = joined.lower()
        if not any(w in low for w in ("wrote", "写道", "écrit", "schrieb", "this line")):
            return _FOOTER_HINT_AT_LINE_START.finditer(joined)
    return _FOOTER_HINT.finditer(joined)


def _history_words(s: str) -> bool:
    """A word every one-line history marker holds (a cheap test before the pattern)."""
    low = s.lower()
    return any(w in low for w in ("wrote", "origin", "forward", "写道", "écrit", "schrieb"))


_HISTORY = LazyRe(
    r"[ \t]*(?:On\b.{0,300}\bwrote:|.{0,200}(?:写道|a écrit|schrieb)[ \t]*[:：]"
    r"|-{2,}[ \t]*(?:Original Message|Forwarded message|Original|Message d'origine)[ \t]*-{2,}"
    r"|Begin forwarded message:|Forwarded message:)"
    r"[ \t]*\r?$",
    re.IGNORECASE,
)
_ON_START = LazyRe(r"[ \t]*On\s.{0,300}$")
_WROTE_END = LazyRe(r".{0,200}\bwrote:[ \t]*\r?$")
_HEADER_FROM = LazyRe(r"[ \t]*(?:[_\-=]{10,}[ \t]*\r?$|\*?From:\*?[ \t]+\S)")
_HEADER_NEXT = LazyRe(r"[ \t]*\*?(?:Sent|Date|To|Cc|Subject):\*?[ \t]")
_REPLY_MARKER = LazyRe(
    r"[ \t#\-=_*\[(<>]*(?:please[ \t]+)?(?:(?:type|write|enter|add)[ \t]+your[ \t]+"
    r"(?:reply|response|comments?)|reply|respond|write)[ \t]+(?:above|below)[ \t]+this[ \t]+"
    r"line\b.{0,60}$|[ \t#\-=_*\[(]*do[ \t]+not[ \t]+(?:write|reply|type)[ \t]+below[ \t]+"
    r"this[ \t]+line\b.{0,60}$",
    re.IGNORECASE,
)
_MOBILE = LazyRe(
    r"[ \t]*(?:Sent from (?:my )?(?:iPhone|iPad|Android|mobile|Samsung|Galaxy|Outlook|BlackBerry"
    r"|Mail for Windows)|Get Outlook for (?:iOS|Android))\b.{0,60}$",
    re.IGNORECASE,
)
_RULE = re.compile(r"[ \t]*(?:[_\-=*~#—–]{5,}|(?:[-=_*—–] ?){5,})[ \t]*\r?$")
_DISCLAIMER = LazyRe(
    r"(?i)intended (?:solely )?(?:only )?for the (?:use of the )?(?:named |sole )?"
    r"(?:addressee|recipient)|intended recipient|(?:received|got) this (?:e-?mail|message|"
    r"communication|transmission) (?:in error|by mistake)|(?:confidential|privileged) and "
    r"(?:may be )?(?:confidential|privileged|legally)|confidentiality (?:notice|note|"
    r"statement|disclaimer)|^\W*(?:disclaimer|legal notice|privacy notice)\b|all rights "
    r"reserved|(?:©|\(c\)|copyright) ?(?:\d{4}|(?-i:[A-Z]))|registered (?:office|"
    r"in england|in scotland|company|number|address)|company (?:registration|reg\.?) (?:no|"
    r"number)|\bunsubscribe\b|manage (?:your )?(?:email |notification |subscription )?"
    r"preferences|you (?:are )?receiv(?:e|ing) this (?:e-?mail|message|notification)|this "
    r"(?:e-?mail|message) (?:was|has been) (?:sent|generated|scanned)|this (?:e-?mail|message|"
    r"notification) is a service (?:from|of)|(?:e-?mail|message) "
    r"(?:and any (?:files|attachments) )?(?:transmitted with it )?(?:is|are|may be) "
    r"(?:confidential|privileged|intended)|do not reply to this (?:automated |automatic )?"
    r"(?:e-?mail|message)|this (?:mailbox|address) is not monitored|no longer wish to receive"
    r"|^\W*(?-i:Powered by) \w",
)


def is_signature_separator(line: str) -> bool:
    """True for the RFC 3676 signature separator "-- " (and "--", as it often arrives)."""
    return _SEPARATOR.match(line) is not None


def is_history_marker(line: str) -> bool:
    """True when `line` starts quoted history on its own: "On Mon, 3 Mar, Alice wrote:",
    "-----Original Message-----", "---------- Forwarded message ---------",
    "Begin forwarded message:", "... 写道："."""
    return len(line) <= 400 and _HISTORY.match(line) is not None


def is_reply_marker(line: str) -> bool:
    """True for a help-desk reply marker: "--reply above this line--",
    "##- Please type your reply above this line -##", "Do not write below this line"."""
    return len(line) <= 160 and "line" in line.lower() and _REPLY_MARKER.match(line) is not None


#: Words one of which every disclaimer holds (a cheap test before the pattern).
_DISCLAIMER_WORDS = (
    "intended", "recipient", "confidential", "privileged", "in error", "by mistake",
    "disclaimer", "legal notice", "privacy notice", "rights reserved", "©", "(c)",
    "copyright", "registered", "registration", "unsubscribe", "preferences", "receiv",
    "was sent", "been sent", "generated", "scanned", "a service", "not reply",
    "not monitored", "wish to receive", "powered by",
)  # fmt: skip


def is_disclaimer(block: str) -> bool:
    """True when a block of text is a confidentiality notice, legal footer or
    mailing-list footer ("intended recipient", "All rights reserved", "unsubscribe")."""
    low = block.lower()
    return any(w in low for w in _DISCLAIMER_WORDS) and _DISCLAIMER.search(block) is not None


def _blocks(lines: Sequence[str], start: int, stop: int) -> list[tuple[int, int]]:
    out = []
    i = start
    while i < stop:
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < stop and lines[j].strip():
            j += 1
        out.append((i, j))
        i = j
    return out


def _quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(">")


def _footer_line(lines: Sequence[str], i: int) -> bool:
    """True when a footer starts at line `i` (a non-blank line of at most 400 chars)."""
    line = lines[i]
    s = line.strip()
    if s == "--":
        return True
    c = s[0]
    if (s[-1] in ":：" or s[:2] == "--") and _history_words(s) and _HISTORY.match(line):
        return True  # "On ... wrote:", "-----Original Message-----", "... 写道："
    if c in "Oo" and i + 1 < len(lines) and _ON_START.match(line):
        nxt = lines[i + 1]
        if len(nxt) <= 400 and _WROTE_END.match(nxt):
            return True  # "On Mon, 3 Mar 2025, Alice Chen <alice@" / "example.com> wrote:"
    if (
        c in "_-=F*"
        and (c != "F" or s.startswith("From:"))
        and _HEADER_FROM.match(line)
        and any(_HEADER_NEXT.match(lines[j]) for j in range(i + 1, min(i + 5, len(lines))))
    ):
        return True  # an Outlook header block: "From: ...", "Sent: ...", "To: ..."
    if c in "SsGg" and s[:11].lower() in ("sent from m", "get outlook") and _MOBILE.match(line):
        return True
    return ("line" in s or "LINE" in s or "Line" in s) and is_reply_marker(line)


def footer_start(lines: Sequence[str], start: int = 0) -> int:
    """The index of the first line of non-body material in lines[start:] (len(lines)
    when there is none). The line at `start` itself is never a footer (it is where the
    body begins); pass the index of the first body line.

    A footer starts at a "-- " separator, a quoted-history marker, an Outlook header
    block, a reply marker, "Sent from my ...", a trailing run of "> " lines, a rule line
    ("-----") below the last closing, or a disclaimer block that no closing follows."""
    n = len(lines)
    foot = n
    # one scan of the whole text finds the lines worth a closer look
    joined = "\n".join(lines)
    if joined.count("\n") == n - 1:
        line_no, pos = 0, 0
        candidates = []
        for m in _footer_hints(joined):
            line_no += joined.count("\n", pos, m.start())
            pos = m.start()
            candidates.append(line_no)
            if len(candidates) > 10_000:
                candidates = range(start + 1, n)  # a text of markers: look at every line
                break
    else:  # lines holding line breaks of their own: look at every line
        candidates = range(start + 1, n)
    for i in candidates:
        if i > start and len(lines[i]) <= 400 and lines[i].strip() and _footer_line(lines, i):
            foot = i
            break
    # a trailing run of "> " lines
    j = foot - 1
    while j > start and (not lines[j].strip() or _quoted(lines[j])):
        j -= 1
    k = j + 1
    while k < foot and not lines[k].strip():
        k += 1
    if k < foot:
        foot = k
    last_closing = closing_index(lines, start, foot)
    if last_closing >= 0:
        # a rule line below the closing: "-----" before older messages of a thread
        for i in range(last_closing + 1, foot):
            if _RULE.match(lines[i]) and len(lines[i]) <= 200:
                foot = i
                break
    # a disclaimer or legal block that no closing follows
    blocks = _blocks(lines, start, foot)
    for b in range(1, len(blocks)):
        bs, be = blocks[b]
        if be <= last_closing:
            continue  # body text (and its closing) still follows
        if be - bs > 40 or not is_disclaimer("\n".join(lines[bs:be])):
            continue
        top = bs
        c = closing_index(lines, bs, be)
        if c >= 0 or is_signature_line(lines[bs]):
            # the signature and the notice in one block: the notice starts below them
            top = c + 1 if c >= 0 else bs
            while top < be and is_signature_line(lines[top]):
                top += 1
            if top >= be:
                continue
        else:
            ps, pe = blocks[b - 1]
            if pe - ps == 1 and _RULE.match(lines[ps]):
                top = ps  # a rule line above the notice
        foot = top
        break
    return foot
