"""One clipboard helper for every copy path, with a fallback chain that never fails silently.

1. The system clipboard through pyperclip, when pyperclip finds a working mechanism
   (xclip, xsel, wl-copy, pbcopy, Windows). It runs with a timeout: a clipboard tool
   that hangs (a stale DISPLAY over SSH) must not freeze the app.
2. Else the terminal's clipboard (OSC 52), which the caller passes in because only the
   app can write to the terminal, and also the file `<data dir>/clipboard.txt`, because
   OSC 52 gives no answer: many terminals (and tmux by default) ignore it.
3. Else the file alone.

The outcome says which happened and why, so the notice can tell the user.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sr_tui.core import locations

Method = Literal["system", "terminal", "file", "failed"]
SystemCopy = Callable[[str], None]

SYSTEM_TIMEOUT = 2.0


@dataclass(frozen=True)
class CopyOutcome:
    method: Method
    #: The clipboard file, when it was written.
    file: Path | None = None
    #: Why the system clipboard was not used ("" when it was).
    reason: str = ""

    @property
    def under_tmux(self) -> bool:
        return bool(os.environ.get("TMUX"))


def detect_system_clipboard() -> SystemCopy | None:
    """pyperclip's copy function when it has a mechanism on this machine, else None."""
    try:
        import pyperclip

        copy, _paste = pyperclip.determine_clipboard()
    except Exception:  # any failure to detect means: no system clipboard
        return None
    return copy if copy else None


def _copy_with_timeout(copy: SystemCopy, text: str, timeout: float) -> None:
    """Run `copy(text)` in a daemon thread; raise TimeoutError if it does not return."""
    error: list[BaseException] = []

    def target() -> None:
        try:
            copy(text)
        except BaseException as exc:  # handed to the caller's thread below
            error.append(exc)

    worker = threading.Thread(target=target, name="sr-tui-clipboard", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"the clipboard tool did not answer within {timeout:g} s")
    if error:
        raise error[0]


def write_clipboard_file(text: str, path: Path | None = None) -> Path:
    """Write `text` to the clipboard file (replacing it atomically) and return its path."""
    path = path or locations.clipboard_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path


def copy_text(
    text: str,
    *,
    system: SystemCopy | None,
    terminal: Callable[[str], None] | None = None,
    file: Path | None = None,
    timeout: float = SYSTEM_TIMEOUT,
) -> CopyOutcome:
    """Copy `text` by the best means available; see the module docstring for the chain.

    Blocking (the system tool may take up to `timeout`): call it off the UI thread.
    """
    if system is None:
        reason = "no system clipboard tool was found (install xclip, xsel or wl-clipboard)"
    else:
        try:
            _copy_with_timeout(system, text, timeout)
            return CopyOutcome("system")
        except TimeoutError as exc:
            reason = str(exc)
        except Exception as exc:  # PyperclipException, OSError, a tool's own error
            reason = f"the system clipboard failed: {exc}".strip()
    try:
        path: Path | None = write_clipboard_file(text, file)
    except OSError as exc:
        path = None
        reason = f"{reason}; the clipboard file could not be written: {exc.strerror or exc}"
    if terminal is not None:
        terminal(text)
        return CopyOutcome("terminal", path, reason)
    return CopyOutcome("file" if path else "failed", path, reason)
