"""What every line test shares: a lazily compiled pattern and the longest line worth a look."""

from __future__ import annotations

import re

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
