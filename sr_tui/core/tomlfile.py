"""Read a TOML file the user wrote, turning every failure into a `FileProblem`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sr_tui.core.files import RefusedFile, read_limited

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")

#: The largest TOML file sr-tui reads when the caller names no limit (a config file,
#: a --values file): far more than any real one.
MAX_TOML_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileProblem:
    """One problem in one file, in the words its author needs to fix it."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def parse_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads`, with every failure a `TOMLDecodeError`-like ValueError: a file
    nested thousands of levels deep raises ValueError("nested too deeply"), not
    RecursionError."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise ValueError("nested too deeply (tables or arrays inside one another)") from None
    except Exception as exc:  # tomllib is not meant to raise anything else; be sure
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def read_toml(
    path: Path, max_bytes: int | None = None
) -> tuple[dict[str, Any] | None, str, FileProblem | None]:
    """(table, text, None) or (None, text so far, the problem). Never raises.

    Only a regular file is read (a FIFO or a device is refused), at most `max_bytes`
    (default `MAX_TOML_BYTES`)."""
    limit = max_bytes if max_bytes is not None else MAX_TOML_BYTES
    try:
        text = read_limited(path, limit).decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, "", FileProblem(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        if isinstance(exc, RefusedFile):  # "is a named pipe (FIFO), not a regular file"
            return None, "", FileProblem(path, exc.strerror)
        return None, "", FileProblem(path, f"cannot read: {exc.strerror or exc}")
    try:
        return parse_toml(text), text, None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        reason = _TOML_POSITION.sub("", str(exc)).strip()
        return (
            None,
            text,
            FileProblem(path, f"invalid TOML: {reason}", int(m.group(1)) if m else None),
        )
    except ValueError as exc:
        return None, text, FileProblem(path, f"invalid TOML: {exc}")
