"""One clipboard helper for every copy path, with a fallback chain that never fails silently.

1. The system clipboard, when pyperclip finds a mechanism on this machine (xclip, xsel,
   wl-copy, pbcopy, clip.exe on WSL, the Windows API, ...). The command-line tools are run
   here rather than through pyperclip, so that
   - their exit status is checked (a stale DISPLAY over SSH, or a Wayland socket with no
     compositor behind it, makes xclip / wl-copy fail with a message pyperclip ignores);
   - their stderr is captured, never written over the app's screen;
   - a tool that hangs is killed after `timeout` seconds.
   Then the clipboard is read back with the paired paste tool: a copy the clipboard does not
   hold is a failure, whatever the tool said. On Windows and WSL the text is sent with CRLF
   line ends and the read-back is compared modulo line ends, which also proves that Chinese
   text survived the trip.
2. Else the terminal's clipboard (OSC 52), which the caller passes in because only the
   app can write to the terminal, and also the file `<data dir>/clipboard.txt`, because
   OSC 52 gives no answer: many terminals (and tmux by default) ignore it.
3. Else the file alone.

The outcome says which happened and why, so the notice can tell the user.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sr_tui.core import locations
from sr_tui.core.handoff.clipboard_tools import (  # noqa: F401  (the clipboard's API)
    NO_TOOL,
    SYSTEM_TIMEOUT,
    ClipboardToolError,
    SystemClipboard,
    SystemCopy,
    _decode_base64_utf8,
    as_system_clipboard,
    detect_system_clipboard,
    run_tool,
    windows_like,
)

Method = Literal["system", "terminal", "file", "failed"]

#: Why a copy counts as failed when the tool said it worked.
READBACK_MISMATCH = (
    "the clipboard tool reported success but the clipboard does not hold the text "
    "(is DISPLAY stale?)"
)
READBACK_GARBLED = (
    "the clipboard tool reported success but the clipboard changed the non-ASCII text "
    "(Chinese would arrive garbled)"
)

#: Pauses between read-back attempts: a tool that forks a background owner (xclip, xsel,
#: wl-copy) may exit a moment before the clipboard is really taken.
_READBACK_RETRIES = (0.05, 0.1, 0.2)


@dataclass(frozen=True)
class CopyOutcome:
    method: Method
    #: The clipboard file, when it was written.
    file: Path | None = None
    #: Why the system clipboard was not used ("" when it was).
    reason: str = ""
    #: The system clipboard mechanism that was tried ("xclip", "wl-copy", ...), if any.
    tool: str = ""
    #: For method "system": True when the clipboard was read back and holds the text,
    #: False when it could not be read back (see `note`), None when the mechanism cannot
    #: be read back at all (a plain copy function).
    verified: bool | None = None
    #: Why a system copy could not be verified ("" otherwise).
    note: str = ""

    @property
    def under_tmux(self) -> bool:
        return bool(os.environ.get("TMUX"))


# -- comparing what was copied with what the clipboard holds ----------------------

_LINE_ENDS = re.compile(r"\r\n?")
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x3e\x40-\x7e\n]")


def to_crlf(text: str) -> str:
    return _LINE_ENDS.sub("\n", text).replace("\n", "\r\n")


def _normalized(text: str) -> str:
    """Line ends as LF; a trailing line end is not significant (some tools add or drop it)."""
    return _LINE_ENDS.sub("\n", text).rstrip("\n")


def clipboard_holds(copied: str, read_back: str) -> bool:
    return _normalized(copied) == _normalized(read_back)


def _mismatch_reason(copied: str, read_back: str) -> str:
    """Which failure a read-back shows: non-ASCII text garbled, or the text not there at all."""
    plain = _NOT_PLAIN_ASCII.sub("", _normalized(copied))
    back = _NOT_PLAIN_ASCII.sub("", _normalized(read_back))
    if plain != _normalized(copied) and plain == back and read_back.strip():
        return READBACK_GARBLED
    return READBACK_MISMATCH


def _read_back(clip: SystemClipboard, text: str, timeout: float) -> tuple[bool | None, str]:
    """(verified, why): True when the clipboard holds `text`; False with a reason when it
    holds something else; None with a note when it could not be read."""
    deadline = time.monotonic() + max(timeout, clip.readback_timeout)
    back = ""
    for pause in (0.0, *_READBACK_RETRIES):
        if pause:
            if time.monotonic() + pause >= deadline:
                break
            time.sleep(pause)
        try:
            back = clip.paste(max(deadline - time.monotonic(), 0.05))
        except TimeoutError as exc:
            return None, f"could not read the clipboard back to check it: {exc}"
        except Exception as exc:
            return None, f"could not read the clipboard back to check it: {exc}".strip()
        if clipboard_holds(text, back):
            return True, ""
    return False, _mismatch_reason(text, back)


# -- the chain ----------------------------------------------------------------------


def write_clipboard_file(text: str, path: Path | None = None) -> Path:
    """Write `text` to the clipboard file (replacing it atomically) and return its path."""
    from sr_tui.core.atomic import atomic_write_text

    return atomic_write_text(path or locations.clipboard_file(), text)


def copy_to_system(
    text: str, system: SystemCopy | SystemClipboard, timeout: float = SYSTEM_TIMEOUT
) -> CopyOutcome:
    """Try the system clipboard alone: method "system" on success, else "failed" with the
    reason (nothing else of the chain is tried)."""
    clip = as_system_clipboard(system)
    payload = to_crlf(text) if clip.crlf else text
    try:
        clip.copy(payload, timeout)
    except (TimeoutError, ClipboardToolError) as exc:  # their messages name the tool
        return CopyOutcome("failed", reason=str(exc), tool=clip.name)
    except Exception as exc:  # ClipboardToolError, PyperclipException, OSError, ...
        return CopyOutcome(
            "failed", reason=f"the system clipboard failed: {exc}".strip(), tool=clip.name
        )
    if clip.paste_fn is None:
        return CopyOutcome("system", tool=clip.name)
    verified, why = _read_back(clip, text, timeout)
    if verified is False:
        return CopyOutcome("failed", reason=why, tool=clip.name)
    return CopyOutcome("system", tool=clip.name, verified=verified is True, note=why)


def copy_text(
    text: str,
    *,
    system: SystemCopy | SystemClipboard | None,
    terminal: Callable[[str], None] | None = None,
    file: Path | None = None,
    timeout: float = SYSTEM_TIMEOUT,
    no_system_reason: str = "",
) -> CopyOutcome:
    """Copy `text` by the best means available; see the module docstring for the chain.
    `no_system_reason` says why `system` is None (default: no tool was found).

    `system` is what `detect_system_clipboard()` returned, or any copy function (not read
    back), or None for none. Blocking (a tool may take up to `timeout`, and as long again
    to read back): call it off the UI thread.
    """
    tool = ""
    if system is None:
        reason = no_system_reason or NO_TOOL
    else:
        attempt = copy_to_system(text, system, timeout)
        if attempt.method == "system":
            return attempt
        reason, tool = attempt.reason, attempt.tool
    try:
        path: Path | None = write_clipboard_file(text, file)
    except OSError as exc:  # a full disk, a read-only data dir: WriteError names the file
        from sr_tui.core.atomic import WriteError

        path = None
        detail = str(exc) if isinstance(exc, WriteError) else (exc.strerror or str(exc))
        reason = f"{reason}; the clipboard file could not be written ({detail})"
    if terminal is not None:
        terminal(text)
        return CopyOutcome("terminal", path, reason, tool=tool)
    return CopyOutcome("file" if path else "failed", path, reason, tool=tool)
