"""Opening a URL with the system's handler (the default mail client for mailto:), quietly."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable

Opener = Callable[[str], object]

#: How long the handler may take to answer before we stop waiting (it is left running).
OPEN_TIMEOUT = 5.0


class StillStarting:
    """What `system_opener` returns when the handler had not answered after the timeout:
    it may still be starting the mail client (it is left running), or it hangs. Not a
    success; `reason` says so."""

    def __init__(self, program: str, timeout: float) -> None:
        self.program = program
        self.reason = (
            f"{program} had not answered after {timeout:g} s; the mail client may still be "
            "starting (it was left running). If no message window opens, export an .eml "
            "draft instead"
        )

    def __bool__(self) -> bool:  # never mistaken for a success
        return False


def _is_wsl() -> bool:
    from sr_tui.core.handoff.clipboard import windows_like

    return sys.platform != "win32" and windows_like()


def system_opener(url: str, timeout: float = OPEN_TIMEOUT) -> StillStarting | None:
    """Open `url` with the system's handler (the default mail client for mailto:), quietly.

    Returns None when the handler finished successfully, `StillStarting` when it had not
    finished after `timeout` seconds (left running: killing it could kill the mail client
    it is starting). Raises OSError with a reason when there is no handler or it fails. Not
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

    result = run_quiet(args, timeout=timeout, kill_on_timeout=False)
    if result.timed_out:  # still starting the mail client, or hung: say so, let it be
        return StillStarting(args[0], timeout)
    if check_status and result.status != 0:
        detail = f": {result.error}" if result.error else ""
        raise OSError(f"{args[0]} failed (exit status {result.status}){detail}")
    return None
