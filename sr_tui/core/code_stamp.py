"""A stamp of sr-tui's own code, for caches whose content that code decides: the size
and modification time (ns) of each module named. `__version__` does not change between
edits of a checkout, so a cache keyed on it would outlive the code that made it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def code_stamp(names: Sequence[str], package: Path = PACKAGE) -> tuple:
    """Each module of `names` (paths under `package`; a folder stands for every `.py`
    file under it) with its size and mtime, or None where it cannot be read."""
    stamps: list[tuple] = []
    for name in names:
        path = package / name
        if path.is_dir():
            modules = sorted(path.rglob("*.py"))
            stamps.extend(_stamp(str(m.relative_to(package)), m) for m in modules)
        else:
            stamps.append(_stamp(name, path))
    return tuple(stamps)


def _stamp(name: str, path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (name, None)
    return (name, st.st_size, st.st_mtime_ns)
