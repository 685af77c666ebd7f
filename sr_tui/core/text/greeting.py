"""Greetings: the first body line ("Hi Alice,", "Dear __________.", "Good morning")."""

from __future__ import annotations

import re
from typing import NamedTuple

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.text.closing import is_closing
from sr_tui.core.text.names import _NAME_TOKEN, _PARTICLES, _PLACEHOLDER_NAME, _TITLE, is_role

#: Longest name a greeting test looks at: longer is body text.
_MAX_LINE = 200

#: Words that open a greeting whatever follows them.
_STRONG = (
    r"hi|hello|hey|heya|hiya|howdy|dear|greetings|hallo|hullo|"
    r"to[ \t]+whom[ \t]+it[ \t]+may[ \t]+concern"
)
#: Words that open a greeting only on a short line ("Morning," but not "Morning backups ...").
_WEAK = r"good[ \t]+(?:morning|afternoon|evening|day)|morning|afternoon|evening"
_GREETING_WORD = re.compile(
    r"[ \t]*(?:(?P<strong>" + _STRONG + r")|(?P<weak>" + _WEAK + r"))(?![\w'’-])",
    re.IGNORECASE,
)

#: After the greeting word: the name part, its punctuation, and any text after it.
_GREETING_PARTS = LazyRe(
    r"[ \t]*(?:,(?=[ \t]*[^\W\d][^,!:;.?\n]*[,!:])[ \t]*)?"  # "Hi, Alice,"
    r"(?P<name>(?:" + _TITLE + r"[ \t]+)?[^,!:;.?—–\n]*)(?P<punct>[,!:;.?—–]?)"
    r"[ \t]*(?P<tail>.*)",
    re.DOTALL,
)
#: A greeting that is only a name: "Alice," / "Alice Chen,".
_NAME_ONLY = re.compile(r"[ \t]*[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3}[ \t]*,[ \t]*$")

_BLANK_NAME = LazyRe(r"[_.…\s\-]*_{2,}[_.…\s\-]*|\.{3,}|…")


class Greeting(NamedTuple):
    """A greeting line taken apart. `kind` says what `name` is (see `greeting_kind`)."""

    word: str
    name: str
    kind: str
    punct: str
    tail: str


def greeting_kind(name: str) -> str:
    """What a greeting's name is: "none" (empty), "blank" ("__________"), "placeholder"
    ("[Customer Name]", "{{first_name}}"), "role", "name" (1-4 capitalised words), or
    "other" (something else: lower case, a sentence)."""
    name = name.strip()
    if not name:
        return "none"
    if len(name) > _MAX_LINE:
        return "other"
    if _BLANK_NAME.fullmatch(name):
        return "blank"
    if _PLACEHOLDER_NAME.fullmatch(name):
        return "placeholder"
    if is_role(name):
        return "role"
    tokens = re.sub(r"^" + _TITLE + r"[ \t]+", "", name).split()
    if not tokens:
        tokens = name.split()
    if 1 <= len(tokens) <= 4 and all(
        _NAME_TOKEN.fullmatch(t) and (not t[0].islower() or t.lower() in _PARTICLES) for t in tokens
    ):
        return "name" if not tokens[0][0].islower() else "other"
    return "other"


def is_greeting(line: str) -> bool:
    """True when `line` opens an email: a greeting word ("Hi", "Dear", "Good morning"),
    or a name alone with a comma ("Alice,")."""
    if len(line) > 2000:
        return False
    m = _GREETING_WORD.match(line)
    if m is not None:
        if m.group("strong"):
            return True
        rest = line[m.end() :].strip()
        # "Good morning," / "Morning Alice!" but not "Morning backups ran late."
        return (
            not rest
            or rest[0] in ",!:;.—–"
            or (len(rest.split()) <= 4 and rest[-1] in ",!:" and not rest[0].islower())
        )
    return _NAME_ONLY.match(line) is not None and not is_closing(line)


def split_greeting(line: str) -> Greeting:
    """The parts of a greeting line: the greeting word, the name (as written), what the
    name is, the punctuation after it and the text that follows on the same line."""
    m = _GREETING_WORD.match(line)
    word = m.group().strip() if m else ""
    rest = line[m.end() :] if m else line
    if len(rest) > 2000:
        return Greeting(word, "", "other", "", rest.strip())
    ph = _PLACEHOLDER_NAME.search(rest)
    if ph is not None and not rest[: ph.start()].strip(" \t,"):
        # a placeholder can hold punctuation: keep it whole
        after = rest[ph.end() :]
        pm = re.match(r"[ \t]*([,!:;.?—–]?)[ \t]*", after)
        assert pm is not None
        return Greeting(word, ph.group(), "placeholder", pm.group(1), after[pm.end() :].strip())
    parts = _GREETING_PARTS.match(rest)
    assert parts is not None  # the pattern matches any string
    name = parts.group("name").strip()
    punct = parts.group("punct")
    tail = parts.group("tail").strip()
    kind = greeting_kind(name)
    if kind == "none" and tail and _BLANK_NAME.match(tail):
        # "Dear __________." : the blank is the name slot
        blank = _BLANK_NAME.match(tail)
        assert blank is not None
        name, kind = tail[: blank.end()].strip(), "blank"
        tail = tail[blank.end() :].lstrip(" \t,!:;.?").strip()
    elif kind == "blank":
        tail = tail.lstrip(" \t,!:;.?").strip() if punct else tail
    return Greeting(word, name, kind, punct, tail)
