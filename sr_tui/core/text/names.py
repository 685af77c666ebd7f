"""Names, roles and teams: what a greeting's name or a signature line can be."""

from __future__ import annotations

import re

from sr_tui.core.lazy_re import LazyRe

_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Sra|Herr|Frau)\.?"

_PLACEHOLDER_NAME = LazyRe(
    r"\[[^\[\]]{1,60}\]|\{\{[^{}]{1,80}\}\}|\{[!$]?[\w.\- ]{1,60}\}|<[\w .\-]{1,40}>"
    r"|%[\w.\-]{1,40}%|\$\{?[\w.]{1,40}\}?|\*\|[\w:]{1,40}\|\*"
)

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
_INITIAL_END = LazyRe(r"(?:\b[A-Z]|\b(?:Jr|Sr|Dr|Ph\.D|MD|PhD))\.$")
_ABBREV_END = LazyRe(r"(?i)\b(?:inc|ltd|co|corp|plc|jr|sr|llc|s\.a|b\.v|p\.o)\.$")


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
