"""Closings: the sign-off line, the house's and everyone else's."""

from __future__ import annotations

import re

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.text.names import _NOT_SIGNATURE_WORDS, _is_name, _team_like

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
_TEAM_CLOSING = LazyRe(
    r"[ \t]*your[ \t]+(?:friends[ \t]+at[ \t]+\S.{0,40}|\S.{0,50}?\bteam)[ \t]*[,.!]?[ \t]*$",
    re.IGNORECASE,
)
#: The first word of every closing (a cheap test before the patterns).
_FIRST_WORDS = frozenset(c.split()[0] for c in HOUSE_CLOSINGS | _OTHER) | {"your"}
#: Where a closing line may start in a long text: a line whose first word begins like
#: one of _FIRST_WORDS. It matches every line `is_closing` accepts (and more), so one scan
#: finds the lines worth testing.
MAY_CLOSE = LazyRe(
    r"(?im)^[^\S\n]*(?:"
    + "|".join(sorted((re.escape(w) for w in _FIRST_WORDS), key=len, reverse=True))
    + ")"
)
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
