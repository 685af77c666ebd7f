"""The email grammar: which line of a support email is what.

One set of small, pure functions shared by everything that has to tell the parts of an
email apart: the linter (`core/lint`), the flowed layout (which joins paragraph lines but
must keep the closing and signature lines) and the .eml HTML (lists, signature lines).
Each function reads one line (a `str` without its line break; a trailing "\\r" and any
indentation are tolerated) or a list of lines, never raises, and runs in time linear in
its input. Nothing here knows about the house style's *policy* (which greeting is right);
it only says what a line *is*.

Greeting (the first body line)::

    is_greeting("Hi Alice,")          -> True   also "Dear __________.", "Hello team",
                                                "Good morning,", "Alice,"
    split_greeting("Dear Dr. Chen, thanks for the logs.")
        -> Greeting(word="Dear", name="Dr. Chen", kind="name", punct=",",
                    tail="thanks for the logs.")
    greeting_kind(name)               -> "none" | "name" | "role" | "blank" |
                                         "placeholder" | "other"
    is_role("Cloud User")             -> True   a role or group, not a person's name

Bullet (a list item)::

    BULLET                            compiled: the marker at the start of a line:
                                      "- ", "* ", "• ", "– ", "1. ", "2) ", "a) ", "(3) "
    is_bullet("  - Restart nfs")      -> True
    bullet_text("  - Restart nfs")    -> "Restart nfs"   (None when not a bullet)

Closing (the sign-off line)::

    is_closing("Many thanks,")        -> True   any sign-off: house or not
    is_house_closing("Kind regards,") -> True   one of HOUSE_CLOSINGS
    is_house_closing("Warmly,")       -> False  a closing the house does not use
    closing_name("Thanks, Sam")       -> "Sam"  a name written on the closing line
    HOUSE_CLOSING                     "Best regards," (what the house style writes)

    House closings: Best regards, Kind regards, Regards, Thanks, Many thanks, Thank you
    (any case, with ",", "." , "!" or nothing). Also recognised: Warmly, With care,
    Cheers, Sincerely, Best, Best wishes, Warm regards, Yours sincerely, Take care,
    Thanks again, Thanks and regards, BR, Your <Company> Support Team, "Thank you for
    your patience," and more (`OTHER_CLOSINGS`).

Signature (the lines under the closing)::

    is_signature_line("Sam Lee")      -> True   a name, a title or team, a contact line
    closing_index(lines)              -> index of the last closing line, or -1
    signature_start(lines)            -> index of the first signature line: the first
                                         non-blank line after the last closing, or, with
                                         no closing, the name/team lines ending the last
                                         block; `stop` when there is none

Footer (non-body material: nothing in it is the writer's message)::

    is_signature_separator("-- ")     -> True   RFC 3676 "-- " (also "--")
    is_history_marker(line)           -> True   "On ... wrote:", "-----Original
                                                Message-----", "Begin forwarded message:"
    is_reply_marker(line)             -> True   "--reply above this line--",
                                                "##- Please type your reply above this line -##"
    is_disclaimer(block)              -> True   a confidentiality / legal / unsubscribe text
    body_start(lines)                 -> the first line that is not blank, a reply marker
                                         or decoration ("—-—-—")
    footer_start(lines)               -> index of the first footer line (len(lines) when
                                         none): a "-- " separator, quoted history (also an
                                         Outlook "From:/Sent:" header block and a trailing
                                         run of "> " lines), a reply marker below the body,
                                         a disclaimer or legal block (with a rule line
                                         above it) that no closing follows, "Sent from my
                                         iPhone"

Whole email::

    greeting_index(lines)             -> the greeting line: the first body line, or the
                                         greeting under a help-desk preamble ("Your
                                         request was updated", "-----", author, date)
    outline(lines) -> Outline(body, greeting, closing, signature, footer)
        line indexes in one pass: the first body line (after a "Subject:" line, leading
        blanks and reply markers), the greeting (-1), the closing (-1), the first
        signature line and the first footer line (`footer` and len(lines) when absent).
        A layout keeps the lines from `closing` on as they are; everything from
        `footer` on is not body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "BULLET",
    "HOUSE_CLOSING",
    "HOUSE_CLOSINGS",
    "OTHER_CLOSINGS",
    "Greeting",
    "Outline",
    "body_start",
    "bullet_text",
    "closing_index",
    "closing_name",
    "footer_start",
    "greeting_index",
    "greeting_kind",
    "is_bullet",
    "is_closing",
    "is_disclaimer",
    "is_greeting",
    "is_history_marker",
    "is_house_closing",
    "is_reply_marker",
    "is_role",
    "is_signature_line",
    "is_signature_separator",
    "outline",
    "signature_start",
    "split_greeting",
]

#: Longest line any line test looks at: longer lines are body text.
_MAX_LINE = 200


class _Lazy:
    """A pattern compiled on first use: most emails never need the rarer ones, and
    `sr-tui lint` as a process should not pay for compiling them."""

    __slots__ = ("_args", "_re")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._re: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._re is None:
            self._re = re.compile(*self._args)
        return getattr(self._re, name)


# --- bullets -------------------------------------------------------------------------

#: A list marker at the start of a line (indent up to 6), then the item's first character.
BULLET = re.compile(
    r"[ \t]{0,6}(?:[-*•◦‣▪–·●○■►➤✓✔+]|\d{1,2}[.)]|[a-z][.)]|[A-Z]\)|\((?:\d{1,2}|[a-z])\))"
    r"[ \t]+(?=\S)"
)


def is_bullet(line: str) -> bool:
    """True when `line` starts with a list marker followed by text."""
    return BULLET.match(line) is not None


def bullet_text(line: str) -> str | None:
    """The item's text without its marker, or None when `line` is not a bullet."""
    m = BULLET.match(line)
    return line[m.end() :].rstrip() if m else None


# --- greetings -----------------------------------------------------------------------

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
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Sra|Herr|Frau)\.?"
#: After the greeting word: the name part, its punctuation, and any text after it.
_GREETING_PARTS = _Lazy(
    r"[ \t]*(?:,(?=[ \t]*[^\W\d][^,!:;.?\n]*[,!:])[ \t]*)?"  # "Hi, Alice,"
    r"(?P<name>(?:" + _TITLE + r"[ \t]+)?[^,!:;.?—–\n]*)(?P<punct>[,!:;.?—–]?)"
    r"[ \t]*(?P<tail>.*)",
    re.DOTALL,
)
#: A greeting that is only a name: "Alice," / "Alice Chen,".
_NAME_ONLY = re.compile(r"[ \t]*[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3}[ \t]*,[ \t]*$")
_PLACEHOLDER_NAME = _Lazy(
    r"\[[^\[\]]{1,60}\]|\{\{[^{}]{1,80}\}\}|\{[!$]?[\w.\- ]{1,60}\}|<[\w .\-]{1,40}>"
    r"|%[\w.\-]{1,40}%|\$\{?[\w.]{1,40}\}?|\*\|[\w:]{1,40}\|\*"
)
_BLANK_NAME = _Lazy(r"[_.…\s\-]*_{2,}[_.…\s\-]*|\.{3,}|…")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.\-]*")
_PARTICLES = frozenset("van von der den de da di du del della le la bin al el dos das y".split())

#: Greeting "names" that are not a person: a role, a group, a filler.
NOT_NAMES = frozenset(
    """there all everyone everybody guys folks y'all friend friends sir madam sir/madam
    customer team support hello again colleagues colleague""".split()
) | {"sir or madam", "valued customer", "hi there", "to whom it may concern"}
#: A name ending in one of these is a role: "Cloud User", "Valued Customer", "IT Team".
ROLE_WORDS = frozenset(
    """user users customer customers client clients member members subscriber subscribers
    team teams admin admins administrator administrators owner owners holder holders
    partner partners colleague colleagues sir madam folks everyone everybody all friend
    friends representative representatives manager managers support staff operator
    operators developer developers engineer engineers guest guests applicant applicants
    requester requestor requesters requestors patron patrons reader readers department
    group contact contacts there customer's users' subscriber's""".split()
)


class Greeting(NamedTuple):
    """A greeting line taken apart. `kind` says what `name` is (see `greeting_kind`)."""

    word: str
    name: str
    kind: str
    punct: str
    tail: str


def is_role(name: str) -> bool:
    """True when a greeting's name is a role or a group: "Cloud User", "Valued Customer",
    "All", "Sir or Madam", "IT Team"."""
    low = " ".join(name.lower().replace("’", "'").split())
    if not low:
        return False
    if low in NOT_NAMES:
        return True
    last = re.split(r"[\s/]+", low)[-1].strip(".")
    return last in ROLE_WORDS


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


# --- closings ------------------------------------------------------------------------

#: What the house style writes.
HOUSE_CLOSING = "Best regards,"
#: The closings of the house family (normalised: lower case, single spaces, no punctuation).
HOUSE_CLOSINGS = frozenset(
    ("best regards", "kind regards", "regards", "thanks", "many thanks", "thank you")
)
#: Common closings the house does not use.
OTHER_CLOSINGS = frozenset(
    """best|warm regards|warmest regards|kindest regards|kind regard|best regard|with kind
    regards|with best regards|with warm regards|with regards|best wishes|warm wishes|warmest
    wishes|kind wishes|all the best|all best|warmly|with care|cheers|sincerely|yours
    sincerely|sincerely yours|yours truly|yours faithfully|faithfully|respectfully|
    respectfully yours|yours respectfully|cordially|yours|br|rgds|thx|thanks
    again|thanks so much|thanks very much|thanks a lot|thanks a million|thank you again|
    thank you so much|thank you very much|thanks and regards|thanks & regards|thanks and
    best regards|thanks & best regards|thanks and kind regards|regards and thanks|best
    regards and thanks|with thanks|with many thanks|many thanks again|with gratitude|
    gratefully|take care|talk soon|speak soon|stay safe|stay well|be well|thanks in
    advance|thank you in advance|many thanks in advance|best and warm regards|best
    regards to you|kind regards to you|warm thanks|sincere regards|sincere thanks|with
    appreciation|appreciatively|thanks for your help|thank you for your help|thanks for
    your patience|thank you for your patience|thanks for your understanding|thank you for
    your understanding|thank you for your cooperation|thanks for your cooperation|thank
    you for your time|thanks for your time|thank you for your business|thanks for
    choosing us|thank you for choosing us|谢谢|此致敬礼|此致""".replace("\n", " ").split("|")
)
_OTHER = frozenset(" ".join(c.split()) for c in OTHER_CLOSINGS)
#: "Thank you for your patience" and the like: a closing only with a comma.
_COMMA_ONLY = frozenset(c for c in _OTHER if " for " in c)
#: "Your Acme Support Team," / "Your friends at Acme,".
_TEAM_CLOSING = _Lazy(
    r"[ \t]*your[ \t]+(?:friends[ \t]+at[ \t]+\S.{0,40}|\S.{0,50}?\bteam)[ \t]*[,.!]?[ \t]*$",
    re.IGNORECASE,
)
#: The first word of every closing (a cheap test before the patterns).
_FIRST_WORDS = frozenset(c.split()[0] for c in HOUSE_CLOSINGS | _OTHER) | {"your"}
_CLOSING_HEAD = re.compile(r"[ \t]*([^\W\d_][^,.!\n]{0,50})([,.!]*)[ \t]*(.*?)[ \t\r]*")


def _closing_parts(line: str) -> tuple[str, str, str] | None:
    """(normalised phrase, punctuation, name) of a closing line, or None."""
    if len(line) > 90:
        return None
    first = line[:16].split(None, 1)
    if not first or first[0].rstrip(",.!&").lower().replace("’", "'") not in _FIRST_WORDS:
        return None
    if first[0].lower() == "your":
        return _team(line)
    m = _CLOSING_HEAD.fullmatch(line)
    if m is None:
        return None
    head, punct, rest = m.groups()
    phrase = " ".join(head.lower().replace("’", "'").split())
    if phrase not in HOUSE_CLOSINGS and phrase not in _OTHER:
        return None
    if phrase in _COMMA_ONLY and not punct.startswith(","):
        return None
    # "Thanks, Sam" / "Best regards, Support Team" — not "Thanks, that fixed it"
    if rest and (not punct.startswith(",") or not (_is_name(rest) or _team_like(rest))):
        return None
    return phrase, punct, rest


def _team(line: str) -> tuple[str, str, str] | None:
    m = _TEAM_CLOSING.match(line)
    if m is None:
        return None
    body = line.strip().rstrip(",.!").strip()
    words = body.lower().split()
    if len(words) > 8 or _NOT_SIGNATURE_WORDS.intersection(words):
        return None  # "Your ticket has been updated by the team."
    return " ".join(words), line.strip()[len(body) :], ""


def is_closing(line: str) -> bool:
    """True when `line` is a sign-off: "Best regards,", "Thanks!", "Warmly,", "Cheers",
    "Thanks, Sam", "Your Acme Support Team,". Indentation is ignored."""
    return _closing_parts(line) is not None


def is_house_closing(line: str) -> bool:
    """True when `line` is one of the house family of closings (HOUSE_CLOSINGS), in any
    case and with any punctuation: "Best regards,", "Kind regards", "Thank you!"."""
    parts = _closing_parts(line)
    return parts is not None and parts[0] in HOUSE_CLOSINGS


def closing_name(line: str) -> str:
    """The name written on a closing line ("Thanks, Sam" -> "Sam"), or ''. For a team
    closing ("Your Acme Support Team,") the team without "Your" ("Acme Support Team")."""
    parts = _closing_parts(line)
    if parts is None:
        return ""
    if _TEAM_CLOSING.match(line) and parts[0].startswith("your "):
        body = line.strip().rstrip(",.!").strip()
        body = body[4:].strip() if body[:5].lower() == "your " else body
        return body[11:].strip() if body[:11].lower() == "friends at " else body
    return parts[2]


# --- signatures ----------------------------------------------------------------------

_CONTACT = _Lazy(
    r"(?i)(?:\b(?:tel|phone|mobile|mob|cell|fax|e-?mail|web|website|skype|teams|direct|"
    r"office|ext|whatsapp|linkedin)\b\.?[ \t]*[:.]|^[ \t]*[TMEFWPD][ \t]*[:.][ \t]|"
    r"[\w.+-]@[\w-]+\.\w|https?://|www\.|\+?\(?\d[\d ().\-]{6,}\d)"
)
_ORG_WORDS = frozenset(
    """support team engineer engineering specialist manager desk service services operations
    ops department dept center centre customer success care help helpdesk technician
    analyst administrator admin director lead agent representative officer consultant
    group division noc sre hosting cloud network networks infrastructure security inc
    ltd llc gmbh corp co plc limited company it systems solutions technologies technical
    escalation escalations tier level l1 l2 l3 shift on-call oncall sales billing account
    accounts linux windows platform platforms head chief vp ceo cto cio coordinator
    supervisor architect developer devops product products labs university college""".split()
)
_NOT_SIGNATURE_WORDS = frozenset(
    """i we you is are was were will would can could should please have has had do does
    did let if when this that these those it's i'm we're you're don't""".split()
)
_INITIAL_END = _Lazy(r"(?:\b[A-Z]|\b(?:Jr|Sr|Dr|Ph\.D|MD|PhD))\.$")
_ABBREV_END = _Lazy(r"(?i)\b(?:inc|ltd|co|corp|plc|jr|sr|llc|s\.a|b\.v|p\.o)\.$")


def _tokens(line: str) -> list[str]:
    return [t for t in re.split(r"[ \t|·•,/]+", line.strip()) if t]


def _is_name(line: str) -> bool:
    """1-5 capitalised words (initials and particles allowed), a CJK name, or a
    placeholder such as "[Your Name]"."""
    s = line.strip()
    if not s or len(s) > 60:
        return False
    if _PLACEHOLDER_NAME.fullmatch(s):
        return True
    if all("\u4e00" <= c <= "\u9fff" or c in "·• " for c in s) and len(s) <= 12:
        return True
    if s[-1] in ".!?:;," and not _INITIAL_END.search(s):
        return False  # "Body." is a sentence; "Sam J." and "Sam Lee Jr." are names
    tokens = s.split()
    if not 1 <= len(tokens) <= 5:
        return False
    for t in tokens:
        t = t.strip("()")
        if not t:
            return False
        if t.lower() in _PARTICLES:
            continue
        if not (t[0].isupper() and _NAME_TOKEN.fullmatch(t)):
            return False
    return tokens[0][0].isupper() and not _NOT_SIGNATURE_WORDS & {t.lower() for t in tokens}


def _team_like(line: str) -> bool:
    """A team, title or company line: "Linux Support", "Support Engineer | Acme Ltd."."""
    s = line.strip()
    if not s or len(s) > 100:
        return False
    tokens = _tokens(s)
    if not 1 <= len(tokens) <= 9:
        return False
    low = {t.lower().strip(".()[]") for t in tokens}
    if low & _NOT_SIGNATURE_WORDS:
        return False
    if s[-1] in ".?!:;," and not _ABBREV_END.search(s):
        return False
    return bool(low & _ORG_WORDS) and (s[0].isupper() or s[0] in "[(" or s[0].isdigit())


def is_signature_line(line: str) -> bool:
    """True when `line` can be part of a signature: a name ("Sam Lee", "王波",
    "[Your Name]"), a title, team or company ("Linux Support", "Acme Ltd."), or a
    contact line (an e-mail address, a URL, a phone number, "Tel: ...")."""
    s = line.strip()
    if not s or len(s) > 120:
        return False
    if _is_name(s) or _team_like(s):
        return True
    if _CONTACT.search(s):
        words = s.split()
        return len(words) <= 12 and not ({w.lower() for w in words} & _NOT_SIGNATURE_WORDS)
    return False


def closing_index(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the last closing line in lines[start:stop], or -1."""
    stop = len(lines) if stop is None else stop
    for i in range(stop - 1, start - 1, -1):
        line = lines[i]
        if len(line) <= 90 and line.strip() and is_closing(line):
            return i
    return -1


def signature_start(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the first signature line in lines[start:stop] (`stop` when none).

    With a closing, the signature is what follows it: the first non-blank line after the
    last closing. Without one, it is the run of signature lines ending the last block
    when that run starts with a name or a team line and follows a finished sentence or
    a blank line (and is not the whole email).
    """
    stop = len(lines) if stop is None else stop
    c = closing_index(lines, start, stop)
    if c >= 0:
        i = c + 1
        while i < stop and not lines[i].strip():
            i += 1
        return i
    last = stop - 1
    while last >= start and not lines[last].strip():
        last -= 1
    if last < start:
        return stop
    i = last
    while i >= start and lines[i].strip() and last - i < 6 and is_signature_line(lines[i]):
        i -= 1
    top = i + 1
    if top > last or i < start:
        return stop  # no signature line, or nothing but a signature
    if lines[i].strip():
        prev = lines[i].rstrip()
        if not prev.endswith((".", "!", "?", ":", ")")):
            return stop  # a wrapped sentence, not a signature under it
    if not (_is_name(lines[top]) or _team_like(lines[top])):
        return stop  # a signature starts with a name or a team
    # there must be body text above it
    if not any(lines[j].strip() for j in range(start, top)):
        return stop
    return top


# --- footers -------------------------------------------------------------------------

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


_HISTORY = _Lazy(
    r"[ \t]*(?:On\b.{0,300}\bwrote:|.{0,200}(?:写道|a écrit|schrieb)[ \t]*[:：]"
    r"|-{2,}[ \t]*(?:Original Message|Forwarded message|Original|Message d'origine)[ \t]*-{2,}"
    r"|Begin forwarded message:|Forwarded message:)"
    r"[ \t]*\r?$",
    re.IGNORECASE,
)
_ON_START = _Lazy(r"[ \t]*On\s.{0,300}$")
_WROTE_END = _Lazy(r".{0,200}\bwrote:[ \t]*\r?$")
_HEADER_FROM = _Lazy(r"[ \t]*(?:[_\-=]{10,}[ \t]*\r?$|\*?From:\*?[ \t]+\S)")
_HEADER_NEXT = _Lazy(r"[ \t]*\*?(?:Sent|Date|To|Cc|Subject):\*?[ \t]")
_REPLY_MARKER = _Lazy(
    r"[ \t#\-=_*\[(<>]*(?:please[ \t]+)?(?:(?:type|write|enter|add)[ \t]+your[ \t]+"
    r"(?:reply|response|comments?)|reply|respond|write)[ \t]+(?:above|below)[ \t]+this[ \t]+"
    r"line\b.{0,60}$|[ \t#\-=_*\[(]*do[ \t]+not[ \t]+(?:write|reply|type)[ \t]+below[ \t]+"
    r"this[ \t]+line\b.{0,60}$",
    re.IGNORECASE,
)
_MOBILE = _Lazy(
    r"[ \t]*(?:Sent from (?:my )?(?:iPhone|iPad|Android|mobile|Samsung|Galaxy|Outlook|BlackBerry"
    r"|Mail for Windows)|Get Outlook for (?:iOS|Android))\b.{0,60}$",
    re.IGNORECASE,
)
_RULE = re.compile(r"[ \t]*(?:[_\-=*~#—–]{5,}|(?:[-=_*—–] ?){5,})[ \t]*\r?$")
_DISCLAIMER = _Lazy(
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


#: "Jane Doe commented:", "Support replied:": a help-desk author line above a message.
_AUTHOR = _Lazy(
    r"[ \t]*\S.{0,60}\b(?:commented|replied|responded|added a comment|said|writes)[ \t]*:[ \t]*\r?$"
)


def greeting_index(lines: Sequence[str], start: int = 0, stop: int | None = None) -> int:
    """The index of the greeting line in lines[start:stop], or -1: the first non-blank
    line when it is a greeting, or a greeting under a help-desk preamble (a notice line,
    a rule line "-----", the author and the date) within the first few lines."""
    stop = len(lines) if stop is None else stop
    i = start
    while i < stop and not lines[i].strip():
        i += 1
    if i >= stop:
        return -1
    if is_greeting(lines[i]):
        return i
    for r in range(i, min(stop, i + 8)):
        line = lines[r]
        if len(line) <= 200 and (_RULE.match(line) or _AUTHOR.match(line)):
            for g in range(r + 1, min(stop, r + 8)):
                m = _GREETING_WORD.match(lines[g])
                if m is not None and m.group("strong") and is_greeting(lines[g]):
                    return g
            break
    return -1


def body_start(lines: Sequence[str], start: int = 0) -> int:
    """The first line at or after `start` that is not blank, not a reply marker and not
    a line of decoration only ("—-—-—-—")."""
    i = start
    while i < len(lines):
        line = lines[i]
        if line.strip() and not is_reply_marker(line) and any(c.isalnum() for c in line[:400]):
            break
        i += 1
    return i


class Outline(NamedTuple):
    """Line indexes of an email's parts (see `outline`)."""

    body: int
    greeting: int
    closing: int
    signature: int
    footer: int


_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:", re.IGNORECASE)


def outline(lines: Sequence[str]) -> Outline:
    """Where the parts of an email (or of its body) are, as line indexes.

    - `body`: the first line after a leading "Subject:" line, blank lines and reply
      markers;
    - `greeting`: that line when it is a greeting (or a greeting under a help-desk
      preamble, see `greeting_index`), else -1;
    - `closing`: the last closing line above the footer, else -1;
    - `signature`: the first signature line (== `footer` when there is none);
    - `footer`: the first line of non-body material (len(lines) when none).
    """
    b = body_start(lines)
    if b < len(lines) and _SUBJECT.match(lines[b]):
        b = body_start(lines, b + 1)
    foot = footer_start(lines, b)
    greeting = greeting_index(lines, b, foot)
    first = greeting + 1 if greeting >= 0 else b
    closing = closing_index(lines, first, foot)
    sig = signature_start(lines, first, foot)
    return Outline(b, greeting, closing, sig, foot)
