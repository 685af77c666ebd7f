"""Terms of one and two characters on SQLite: the cases that may hold them, from the index
of migration 4 (`migrations_v4`).

A short term is in a field exactly where a trigram of the field's text, padded with two
U+001F, begins with it; the short-term tables hold those trigrams and their
vocabularies name the ones that begin with the term and the fields they are in. So the
cases with one of them, in the fields looked in, hold every case the term is in (and
maybe a few more: the index folds the letters of every script, LIKE only ASCII's), and
the search keeps its LIKE or GLOB on each: the hits are those of reading every case's
text, without reading it.

A term found in many places (more than `MOST` case fields, counted from the vocabulary
while reading it) is left to the patterns alone: it fills the ranking window in the
first rows read anyway. So is a term with a cased letter outside ASCII, whose folding
by the tokenizer this module does not repeat.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from sr_tui.core.cases.migrations_v4 import TABLES, vocabulary

#: Above this many (trigram, case, field) postings the vocabulary stops being read.
MOST = 1000

_TOP = "\U0010ffff"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: (table, column) -> the trigrams there that begin with the term.
Found = dict[tuple[str, str], list[str]]


def _folded(text: str) -> str | None:
    """The term as the trigram tokenizer folds it (ASCII letters lowered), or None when
    it holds a cased letter outside ASCII."""
    if any(ord(c) > 127 and c.lower() != c.upper() for c in text):
        return None
    return text.translate(_ASCII_LOWER)


def _phrase(trigram: str) -> str:
    return '"' + trigram.replace('"', '""') + '"'


@dataclass
class ShortTerms:
    """The vocabulary lookups of one search, each term's read once."""

    conn: sqlite3.Connection
    _seen: dict[str, Found | None] = field(default_factory=dict)

    def _lookup(self, text: str) -> Found | None:
        if text in self._seen:
            return self._seen[text]
        prefix = _folded(text)
        found: Found | None = {} if prefix else None
        postings = 0
        for table in TABLES if prefix else ():
            rows = self.conn.execute(
                f"SELECT term, col, doc FROM {vocabulary(table)} WHERE term >= ? AND term <= ?",
                (prefix, prefix + _TOP * 3),
            )
            for term, column, docs in rows:
                postings += docs
                if postings > MOST:
                    found = None
                    break
                if term.startswith(prefix):
                    found.setdefault((table, column), []).append(term)
            if found is None:
                break
        self._seen[text] = found
        return found

    def candidates(self, text: str, fields: Sequence[str]) -> tuple[str, list[object]] | None:
        """SQL selecting the ids of the cases that may hold `text` in `fields` ("" when
        none can), with its parameters; None when the term is left to the patterns."""
        found = self._lookup(text)
        if found is None:
            return None
        parts: list[str] = []
        params: list[object] = []
        for table, holds in TABLES.items():
            columns = [f for f in fields if f in holds]
            trigrams = sorted({t for c in columns for t in found.get((table, c), ())})
            if not trigrams:
                continue
            either = " OR ".join(_phrase(t) for t in trigrams)
            parts.append(f"SELECT rowid FROM {table} WHERE {table} MATCH ?")
            params.append("{" + " ".join(columns) + "} : (" + either + ")")
        return " UNION ".join(parts), params
