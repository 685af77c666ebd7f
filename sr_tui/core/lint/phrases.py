"""Find the phrases of several word lists in one pass over the words of a text.

One giant regex alternation per list is slow to compile (tens of ms at start-up) and
slow to scan (it is tried at every character). Instead the text is split into words
once, and each word is looked up in a dict of phrase first-words; only then is the
rest of the phrase compared. Matching is case-insensitive, whole-word, longest first,
tolerant of any whitespace (line breaks too) between words, and treats ’ as '.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: A word: letters/digits, with inner apostrophes ("we'll", "don’t").
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

Token = tuple[int, int, str]  # start, end, lower-case word with ' for ’
Hit = tuple[int, int, str]  # start, end, the phrase as listed (normalised)


def norm(s: str) -> str:
    """The normal form of a phrase: lower case, ' for ’, single spaces."""
    return " ".join(s.replace("’", "'").lower().split())


def tokenize(text: str) -> list[Token]:
    """The words of `text` with their offsets, lower-cased (’ as ')."""
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lower-cased ("İ"): go word by word
        return [
            (m.start(), m.end(), m.group().lower().replace("’", "'")) for m in TOKEN.finditer(text)
        ]
    if "’" in low:
        low = low.replace("’", "'")
    return [(*m.span(), m.group()) for m in TOKEN.finditer(low)]


_Entry = tuple[int, tuple[str, ...], str, str, str, str]


class PhraseIndex:
    """Several named phrase lists, searched together."""

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        self.names = tuple(lists)
        #: (first word, second word) -> [(n words, later words, phrase core, trailing
        #: punctuation, list, key)], longest first; one-word phrases under (word, "").
        #: Keyed on two words so a common first word ("a", "in") costs one look-up.
        self.pairs: dict[tuple[str, str], list[_Entry]] = {}
        self.first: set[str] = set()
        for name, phrases in lists.items():
            for phrase in phrases:
                key = norm(phrase)
                core = key.rstrip(",.:;!?")
                trail = key[len(core) :]
                words = [w.lower() for w in TOKEN.findall(core)]
                if not words:
                    continue
                entry = (len(words), tuple(words[1:]), core, trail, name, key)
                pair = (words[0], words[1] if len(words) > 1 else "")
                self.pairs.setdefault(pair, []).append(entry)
                self.first.add(words[0])
        for entries in self.pairs.values():
            entries.sort(key=lambda e: -e[0])

    def find(self, text: str, tokens: list[Token]) -> dict[str, list[Hit]]:
        """Non-overlapping longest matches per list, in text order."""
        out: dict[str, list[Hit]] = {name: [] for name in self.names}
        free: dict[str, int] = dict.fromkeys(self.names, 0)
        first, pairs = self.first, self.pairs
        n = len(tokens)
        for i, (start, _, word) in enumerate(tokens):
            if word not in first:
                continue
            longer = pairs.get((word, tokens[i + 1][2])) if i + 1 < n else None
            single = pairs.get((word, ""))
            done: set[str] = set()
            for entries in (longer, single):
                if not entries:
                    continue
                for size, rest, core, trail, name, key in entries:
                    if name in done or free[name] > i:
                        continue
                    j = i + size - 1
                    if j >= n:
                        continue
                    stop = tokens[j][1]
                    if size > 2 and any(tokens[i + k][2] != rest[k - 1] for k in range(2, size)):
                        continue
                    if size > 1 and norm(text[start:stop]) != core:
                        continue  # the same words, but not adjacent ("later, on")
                    if trail:
                        if not text.startswith(trail, stop):
                            continue
                        stop += len(trail)
                    out[name].append((start, stop, key))
                    free[name] = j + 1
                    done.add(name)
        return out
