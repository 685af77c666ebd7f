"""The word matching of the scenario index (`scenario_index.py`): how a query word
matches a word of a template, and a Chinese run a Chinese text."""

from __future__ import annotations

import re
import unicodedata

LATIN = re.compile(r"[a-z0-9]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
STOPWORDS = frozenset(
    "a an the to of for is are was has have had my i me we our on in at with and or it this "
    "that be been please".split()
)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def content_words(text: str) -> list[str]:
    words = LATIN.findall(text)
    return [w for w in words if w not in STOPWORDS] or words


def fold(text: str) -> str:
    """`normalize`, with the common case (ASCII, where NFKC changes nothing) short."""
    return text.lower() if text.isascii() else normalize(text)


def word_score(token: str, word: str, *, open_: bool) -> float:
    """1 for the same word, 0.8 when an open token is its prefix, 0.6 for a shared stem."""
    if word == token:
        return 1.0
    if open_ and len(token) >= 2 and word.startswith(token):
        return 0.8
    if len(token) >= 4 and len(word) >= 4:
        stem = common_prefix(token, word)
        if stem >= 5 or (stem >= 4 and stem >= min(len(token), len(word)) - 2):
            return 0.6
    return 0.0


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def char_pairs(run: str) -> frozenset[str]:
    return frozenset(run[i : i + 2] for i in range(len(run) - 1)) or frozenset((run,))


def rarity(found_in: int, total: int) -> float:
    """How much a query word counts, from the share of templates it is found in: 1 up to
    a third of them, down to 0.3 for a word found in every one."""
    share = found_in / total if total else 0.0
    if share <= 1 / 3:
        return 1.0
    return 1.0 - 0.7 * (share - 1 / 3) / (2 / 3)
