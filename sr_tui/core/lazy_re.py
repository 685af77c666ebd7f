"""`LazyRe`: a regex compiled on first use.

Rarely needed patterns stay out of start-up time (`sr-tui lint` runs as a process, and
its budget is half the time it takes Python to import Textual).
"""

from __future__ import annotations

import re


class LazyRe:
    """A regex compiled on first use: keeps rarely needed patterns out of start-up time."""

    __slots__ = ("_args", "_re")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._re: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._re is None:
            self._re = re.compile(*self._args)
        return getattr(self._re, name)
