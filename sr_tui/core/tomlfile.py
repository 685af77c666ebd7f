"""Read a TOML file the user wrote, turning every failure into a `FileProblem`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class FileProblem:
    """One problem in one file, in the words its author needs to fix it."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def read_toml(
    path: Path, max_bytes: int | None = None
) -> tuple[dict[str, Any] | None, str, FileProblem | None]:
    """(table, text, None) or (None, text so far, the problem). Never raises."""
    try:
        if path.is_dir():
            return None, "", FileProblem(path, "is a directory, not a file")
        if max_bytes is not None and path.stat().st_size > max_bytes:
            return None, "", FileProblem(path, f"file is larger than {max_bytes:,} bytes")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, "", FileProblem(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        return None, "", FileProblem(path, f"cannot read: {exc.strerror or exc}")
    try:
        return tomllib.loads(text), text, None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        reason = _TOML_POSITION.sub("", str(exc)).strip()
        return (
            None,
            text,
            FileProblem(path, f"invalid TOML: {reason}", int(m.group(1)) if m else None),
        )
