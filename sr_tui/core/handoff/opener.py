"""Opening a URL with the system's handler (the default mail client for mailto:), quietly."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

Opener = Callable[[str], object]


def _is_wsl() -> bool:
    from sr_tui.core.handoff.clipboard import windows_like

    return sys.platform != "win32" and windows_like()


def system_opener(url: str) -> None:
    """Open `url` with the system's handler (the default mail client for mailto:), quietly.

    Raises OSError with a reason when there is no handler or it fails. Not
    `webbrowser.open` on Linux: without xdg-open it falls back to terminal browsers, which
    would take over the app's screen.
    """
    if sys.platform == "win32":
        os.startfile(url)  # type: ignore[attr-defined]  # Windows only
        return
    check_status = True
    if sys.platform == "darwin":
        args = ["open", url]
    elif _is_wsl() and shutil.which("wslview"):
        args = ["wslview", url]
    elif _is_wsl() and shutil.which("explorer.exe"):
        args, check_status = ["explorer.exe", url], False  # exits 1 even when it worked
    elif shutil.which("xdg-open"):
        args = ["xdg-open", url]
    else:
        raise OSError("no program to open mailto: links was found (install xdg-utils)")
    from sr_tui.core.handoff.quiet import run_quiet

    result = run_quiet(args, timeout=5, kill_on_timeout=False)
    if result.timed_out:  # still starting the mail client: let it be
        return
    if check_status and result.status != 0:
        detail = f": {result.error}" if result.error else ""
        raise OSError(f"{args[0]} failed (exit status {result.status}){detail}")
