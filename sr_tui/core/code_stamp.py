"""A stamp of sr-tui's own code, for caches whose content that code decides: the size
and modification time (ns) of each module named. `__version__` does not change between
edits of a checkout, so a cache keyed on it would outlive the code that made it."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def code_stamp(names: Sequence[str], package: Path = PACKAGE) -> tuple:
    """Each module of `names` (paths under `package`; a folder stands for every `.py`
    file under it) with its size and mtime, or None where it cannot be read."""
    stamps: list[tuple] = []
    for name in names:
        try:
            st = os.stat(package / name)
        except OSError:
            stamps.append((name, None))
            continue
        if stat.S_ISDIR(st.st_mode):
            stamps.extend(_folder(package / name, name))
        else:
            stamps.append((name, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


def _folder(folder: Path, name: str) -> list[tuple]:
    """The stamps of every `.py` file under `folder` (named `name/...`), sorted."""
    found: list[tuple] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                inner = f"{name}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        found.extend(_folder(Path(entry.path), inner))
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    found.append((inner, st.st_size, st.st_mtime_ns))
    except OSError:
        return [(name, None)]
    return sorted(found)
