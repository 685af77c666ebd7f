"""SR006 vague-timeframe (tiers A and B) and SR007 timeframe-incomplete (tier C).

The phrase index finds every listed phrase (longest first); the guards of
LINT_RULES.md §3.3 then drop or soften the legitimate uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from sr_tui.core.lint.finding import Fix
from sr_tui.core.lint.rules._util import LazyRe, hits, next_word, norm, prev_word, prev_words
from sr_tui.core.lint.wordlists import (
    LONGER,
    MONTHS,
    TIER_A,
    TIER_B,
    TIER_B_MESSAGES,
    TIER_C,
    TIME_UNITS,
    TIME_ZONES,
    WEEKDAYS,
)

MSG = (
    "'{match}' is not a specific timeframe. Say when: a date ('by Friday 14 March'), a time "
    "with a time zone ('by 5 pm ET'), or a range ('within 2 business days')."
)
MSG_AFTER = "'{match}' is still vague: say how long after, e.g. 'within 10 minutes of submitting'."
MSG_REQUEST = (
    "'{match}' asks the customer to act without a date: a deadline helps them plan "
    "('by Friday 14 March')."
)
MSG_C = "Add the exact day/time and time zone to '{match}'."
MSG_TZ = "Add the time zone to '{match}' (e.g. '5 pm ET')."
MSG_DATE = "Add the date to '{match}' (e.g. 'Friday 14 March')."
MSG_UNIT = "Add the unit to '{match}' (e.g. '24–48 hours')."
MSG_IMMEDIATELY = "'{match}' as a promise: say when the customer will hear back."
C_HINT = Fix("hint", "by 5 pm ET on Tue 4 Mar")

_TIER: dict[str, str] = {}
for _tier, _phrases in (("A", TIER_A), ("B", TIER_B), ("C", TIER_C)):
    for _p in _phrases:
        _TIER[norm(_p)] = _tier

_TZ = "|".join(sorted(set(TIME_ZONES), key=len, reverse=True))
_HAS_TZ = re.compile(
    r"[\s,(]*(?:(?:" + _TZ + r")\b|(?:UTC|GMT)\s?[+\-−]\s?\d|(?:your|local|server|customer|"
    r"[A-Z][a-z]+)\s+time\b)"
)
#: A date between a clock time and its zone: "14:05 03/03/2024 AEDT", "10:00 on 4 May UTC".
_DATE_BEFORE_TZ = LazyRe(
    r"[ \t,]*(?:on[ \t]+)?(?:\(?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\)?,?[ \t]+)?"
    r"(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]{2,8}\.?"
    r"(?:[ \t]+\d{4})?|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?(?:,?[ \t]+\d{4})?)"
)
#: A clock time; the character before it is checked in code (no lookbehind: faster scan).
#: Every match starts with a digit: the leading `(?=\d)` lets a scan fail fast at every
#: other character (3x faster over a long text than trying both alternatives there).
_CLOCK = re.compile(
    r"(?=\d)(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:[ap]\.m\.|[ap]m)(?!\w)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:]|[.\-]\d))",
    re.IGNORECASE,
)
#: "02:10 to 02:40 NZDT": the zone after the second time covers the first.
_RANGE_TAIL = re.compile(r"\s*(?:-|–|to|and|until)\s*")
_DATE = LazyRe(
    r"\d{4}-\d\d-\d\d|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:"
    + "|".join(MONTHS)
    + r")\b|\b(?:"
    + "|".join(MONTHS)
    + r")\.?\s+\d{1,2}\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)
_WEEKDAY = LazyRe(
    r"\b(?:by|on|until|before|next|this|due)\s+(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE
)
#: "24-48": whole digit runs (look-behind, possessive), so a run of digits is linear.
_RANGE = re.compile(r"(\d(?<!\d{2})\d*+)\s*+(?:-|–|to)\s*+(\d++)(?![%/]|[.,]\d)")
_RANGE_LEAD = frozenset("within in take takes after about".split())
#: The last two letters of each word of _RANGE_LEAD.
_LEAD_ENDS = frozenset(w[-2:] for w in _RANGE_LEAD)


def _may_follow_lead(prose: str, pos: int) -> bool:
    """False when the word before `pos` cannot be one of _RANGE_LEAD (a cheap test before
    `prev_word`): that word ends at most 3 characters before `pos`, so its last two
    letters, lower-cased, are in the 5 characters before it."""
    window = prose[max(0, pos - 5) : pos].lower()
    return any(end in window for end in _LEAD_ENDS)


_FUTURE = re.compile(r"\b(?:will|shall|['’]ll|expect|expected|going to|plan to|aim to)\b", re.I)
_REQUEST = re.compile(
    r"\b(?:please|kindly)\s+(?!note\b|be\b)[a-z]+|\bcould you\b|\bcan you\b|\bwould you\b", re.I
)
_CLAUSE_STOP = frozenset(
    "and but so or then with for to after once at on in today tomorrow".split()
)
_DURATION_VERBS = frozenset(
    "take takes took taking need needs needed spend spent give given allow allowed".split()
)
_PAST = frozenset("past last previous ago earlier".split())
_UNIT_WORDS = frozenset(TIME_UNITS)
_RANGE_UNITS = _UNIT_WORDS | {"business", "working", "calendar", "h", "d", "w"}
_LATER_OK_AFTER = frozenset(
    "than that version versions release releases stage steps step kernel kernels".split()
)
_LONGER = frozenset(LONGER)
_FEW = frozenset(
    "a few days|a few weeks|a couple of days|a couple of weeks|several days|several weeks|"
    "several hours".split("|")
)


def check(ctx) -> None:
    doc = ctx.doc
    prose = doc.prose
    hint = Fix("hint")
    want_a, want_c = ctx.on("SR006"), ctx.on("SR007")
    for s, e, key in hits(doc, "tier"):
        tier = _TIER.get(key)
        shown = " ".join(prose[s:e].split())
        if tier == "C":
            if want_c and not _c_guard(doc, prose, key, s, e):
                ctx.emit("SR007", s, e, MSG_C.format(match=shown), C_HINT)
        elif want_a and tier is not None:
            verdict = _guard(doc, prose, key, s, e)
            if verdict is not None:
                msg, sev = verdict
                ctx.emit("SR006", s, e, msg.format(match=shown), hint, sev)
    if want_c:
        _incomplete(ctx, prose)


def _guard(doc, prose: str, key: str, s: int, e: int) -> tuple[str, str] | None:
    """(message, severity) for a tier A/B hit, or None when a guard exempts it."""
    sev = "error" if _TIER[key] == "A" else "warning"
    if key in ("soon", "soonest"):
        if prose[s].isupper() and not doc.is_sentence_start(s):
            return None  # a name: "Soon Lee"
        pw = prev_word(prose, s)
        if pw == "how":
            return None  # "let me know how soon you need it"
        if key == "soon" and pw == "as" and next_word(prose, e) == "as":
            return None  # "as soon as they are available": anchored to an event
    elif key in ("as soon as we can", "as soon as i can"):
        nxt = next_word(prose, e)
        if nxt and nxt not in _CLAUSE_STOP and re.match(r"[ \t\n]+[a-z]", prose[e : e + 3]):
            return None  # "as soon as we can reproduce it"
    elif key == "shortly" and next_word(prose, e) in ("after", "before"):
        return MSG_AFTER, sev
    elif key in ("later", "later on"):
        pw = prev_word(prose, s)
        if pw in ("or", "no", "and", "a", "the", "any", "much", "than") or pw in _UNIT_WORDS:
            return None  # "or later", "no later than", "two days later"
        if key == "later" and (
            next_word(prose, e) in _LATER_OK_AFTER
            or re.match(r"\s+in\s+this\s+(?:email|message|thread|mail)\b", prose[e : e + 30], re.I)
        ):
            return None  # "later versions", "later in this email"
    elif key in ("some time", "for a while"):
        pw, nw = prev_word(prose, s), next_word(prose, e)
        if nw in ("ago", "now") or pw in _DURATION_VERBS:
            return None
        if (pw == "for" or key == "for a while") and not _FUTURE.search(
            prose, max(doc.sentence_at(s)[0], s - 300), s
        ):
            return None  # "for some time": a past duration, not a promise
    elif key == "sometime" and next_word(prose, e) in ("last", "ago", "yesterday", "earlier"):
        return None
    elif key in _FEW:
        if next_word(prose, e) == "ago" or any(
            w in _PAST or w == "for" for w in prev_words(prose, s, 2)
        ):
            return None  # "for a few days", "a few days ago"
    elif key == "in a bit" and next_word(prose, e) == "of":
        return None
    elif key in _LONGER:
        a = max(doc.sentence_at(s)[0], s - 160)
        if _PAST_TENSE.search(prose, a, s) and not _FUTURE.search(prose, a, s):
            return None  # "the upgrade took a bit longer than expected": past, no promise
    elif key == "at your earliest convenience":
        a, b = doc.sentence_at(s)
        if _REQUEST.search(prose, max(a, s - 300), min(b, e + 300)):
            return MSG_REQUEST, "suggestion"  # a request to the customer, not our promise
    return TIER_B_MESSAGES.get(key, MSG), sev


#: A verb in the past: "was", "took", "rose", "failed" (not "scheduled", "planned").
_PAST_TENSE = LazyRe(
    r"\b(?:was|were|had|has been|have been|did|took|has taken|have taken|ran|went|came|broke|"
    r"hung|saw|sent|found|got|made|rose|fell|began|gave|told|left|kept|held|brought|lost|"
    r"built|stood|wrote|spoke|grew|knew|woke|caught|led|felt|met|(?!(?:schedul|plann|expect|"
    r"book|confirm|arrang|requir|intend|suppos|reserv|propos|updat|delay|hundr|emb)ed\b)"
    r"(?![a-z]*eed\b)[a-z]{3,}ed)\b",
    re.I,
)
#: Tier C phrases that can describe when something happened ("a backlog this week").
_SPANS = frozenset(
    "this week|this afternoon|this evening|overnight|tonight|in the morning|in the afternoon".split(
        "|"
    )
)


def _c_guard(doc, prose: str, key: str, s: int, e: int) -> bool:
    """True when a tier C phrase is made specific by its context."""
    if key in _SPANS:
        a = max(doc.sentence_at(s)[0], s - 160)
        if _PAST_TENSE.search(prose, a, s) and not _FUTURE.search(prose, a, e + 60):
            return True  # "the depot has had a backlog this week": no promise
    after = prose[e : e + 30]
    if any(c.isdigit() for c in after) and _DATE.search(after):
        return True
    if key in ("this week", "next week") and prev_word(prose, s) in ("earlier", "last", "since"):
        return True
    if _HAS_TZ.match(prose, e, e + 20) or _clock_in(after[:15]):
        return True
    if key.startswith(("in the", "this ", "tomorrow ")):
        return _clock_in(prose[max(0, s - 15) : s])
    return False


_ANY_TZ = LazyRe(r"(?<![A-Za-z])(?:" + _TZ + r")(?![A-Za-z])")


def _zone_in_table(doc, prose: str, pos: int) -> bool:
    """True when `pos` is in a table whose rows name a time zone (a "Time (UTC)" header).
    Looks at most 40 rows up and down, so a huge table stays linear."""
    rows, text = doc.tables, doc.text
    i = bisect_right(rows, (pos, len(prose))) - 1
    if i < 0 or not rows[i][0] <= pos <= rows[i][1]:
        return False
    a = b = i
    while a > 0 and i - a < 40 and text.count("\n", rows[a - 1][1], rows[a][0]) <= 1:
        a -= 1
    while b + 1 < len(rows) and b - i < 40 and text.count("\n", rows[b][1], rows[b + 1][0]) <= 1:
        b += 1
    return _ANY_TZ.search(text, rows[a][0], rows[b][1]) is not None


def _clock_in(text: str) -> bool:
    return any(c.isdigit() for c in text) and _CLOCK.search(text) is not None


def _incomplete(ctx, prose: str) -> None:
    """SR007 patterns: clock times without a zone, bare weekdays, unit-less ranges."""
    for m in _CLOCK.finditer(prose):
        s = m.start()
        if s > 0 and (prose[s - 1].isalnum() or prose[s - 1] in ":._"):
            continue
        end = m.end()
        tail = _RANGE_TAIL.match(prose, end, end + 10)
        if tail:
            second = _CLOCK.match(prose, tail.end())
            end = second.end() if second else end
        if not _HAS_TZ.match(prose, end, end + 25):
            date = _DATE_BEFORE_TZ.match(prose, end, end + 40)
            if date is not None and _HAS_TZ.match(prose, date.end(), date.end() + 25):
                continue  # "14:05 03/03/2024 AEDT"
            if _zone_in_table(ctx.doc, prose, s):
                continue  # a "Time (UTC)" column
            ctx.emit("SR007", s, m.end(), MSG_TZ.format(match=m.group()), C_HINT)
    for s, e, w in hits(ctx.doc, "misc"):
        if w in ("noon", "midday", "midnight") and prev_word(prose, s) in ("by", "at", "before"):
            if not _HAS_TZ.match(prose, e, e + 25):
                ctx.emit("SR007", s, e, MSG_TZ.format(match=prose[s:e]), C_HINT)
        elif w == "immediately" and prev_word(prose, s) in ("we'll", "i'll", "will", "shall"):
            ctx.emit("SR007", s, e, MSG_IMMEDIATELY.format(match=prose[s:e]), Fix("hint"))
    if ctx.cfg.require_dates:
        for m in _WEEKDAY.finditer(prose):
            if not _DATE.search(prose, m.end(), m.end() + 20):
                ctx.emit("SR007", m.start(), m.end(), MSG_DATE.format(match=m.group()), C_HINT)
    for m in _RANGE.finditer(prose):
        if (
            _may_follow_lead(prose, m.start())
            and prev_word(prose, m.start()) in _RANGE_LEAD
            and next_word(prose, m.end()) not in _RANGE_UNITS
        ):
            ctx.emit("SR007", m.start(), m.end(), MSG_UNIT.format(match=m.group()), Fix("hint"))
