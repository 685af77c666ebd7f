"""Helpers shared by the rules: the phrase index, word lists per text, context tests."""

from __future__ import annotations

import re

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.lint.phrases import Hit, PhraseIndex, Token, norm, tokenize
from sr_tui.core.lint.wordlists import (
    CHATSPEAK,
    CHATSPEAK_LOWER,
    CONDESCENDING,
    HEDGES,
    INTENSIFIERS,
    NUMBER_WORDS,
    SO_ADJECTIVES,
    SUBSTITUTIONS,
    TIER_A,
    TIER_B,
    TIER_C,
    TOPIC_SHIFTS,
)

__all__ = ["INDEX", "Hit", "LazyRe", "Token", "hits", "norm", "words"]

#: Every phrase list the rules search, in one index.
INDEX = PhraseIndex(
    {
        "tier": TIER_A + TIER_B + TIER_C,
        "hedge": HEDGES,
        # "so sorry": the rule reports only "so"
        "weak": INTENSIFIERS + tuple(f"so {a}" for a in SO_ADJECTIVES),
        "tone": CONDESCENDING,
        "wordy": tuple(SUBSTITUTIONS),
        "chat": tuple(w for w in CHATSPEAK if "/" not in w),
        "shift": TOPIC_SHIFTS,
        # single words some rules inspect in context (cheaper than a loop over all words)
        "misc": (
            "noon",
            "midday",
            "midnight",
            "immediately",
            "just",
            "clearly",
            "easy",
            "revert",
            "so",
            "there",
            *CHATSPEAK_LOWER,
        ),
    }
)


def words(doc) -> list[Token]:
    """The words of `doc.prose` (subject text, paragraphs, list items)."""
    toks = doc.cache.get("words")
    if toks is None:
        toks = doc.cache["words"] = tokenize(doc.prose)
    return toks


def hits(doc, name: str) -> list[Hit]:
    """Matches of the phrase list `name` in `doc.prose`."""
    found = doc.cache.get("hits")
    if found is None:
        found = doc.cache["hits"] = INDEX.find(doc.prose, words(doc))
    return found[name]


_PREV_WORD = re.compile(r"([\w'’]+)[^\w\n]{0,3}$")
_NEXT_WORD = re.compile(r"[^\w\n]{0,3}?([\w'’]+)")
_WORDS = re.compile(r"[\w'’]+")


def prev_word(text: str, pos: int) -> str:
    """The word just before `pos` (lower case), or ''."""
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lower().replace("’", "'") if m else ""


def prev_words(text: str, pos: int, n: int) -> list[str]:
    """Up to `n` words before `pos`, nearest last, lower case."""
    chunk = text[max(0, pos - 15 * n) : pos]
    return [w.lower().replace("’", "'") for w in _WORDS.findall(chunk)[-n:]]


def next_word(text: str, pos: int) -> str:
    """The word just after `pos` (lower case), or ''."""
    m = _NEXT_WORD.match(text, pos, min(len(text), pos + 40))
    return m.group(1).lower().replace("’", "'") if m else ""


_NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r"|a couple of|an?)"
_TIMEFRAME_AFTER = LazyRe(
    r"(?:\s+[\w'’-]+){0,2}?\s+(?:within|in|by|under|over|after|about|around|roughly|"
    r"approximately|up to|less than|more than|no more than)?\s*" + _NUM + r"(?:\s*(?:-|–|to)\s*"
    r"" + _NUM + r")?\s*(?:business\s+|working\s+|calendar\s+)?(?:minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)\b",
    re.IGNORECASE,
)


def attached_to_timeframe(text: str, end: int) -> bool:
    """True when a numeric timeframe follows within a few words ("usually within 5 days")."""
    return _TIMEFRAME_AFTER.match(text, end, min(len(text), end + 80)) is not None


def match_case(replacement: str, matched: str) -> str:
    """Capitalise `replacement` when `matched` starts with a capital."""
    if replacement and matched[:1].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def short(s: str, limit: int = 60) -> str:
    """`s` on one line, cut to `limit` characters, for messages."""
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
