"""The subject line: written with "Subject:", misspelt, or a bare title line."""

from __future__ import annotations

import re

from sr_tui.core import text as grammar
from sr_tui.core.lint.splitting import WORD

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
