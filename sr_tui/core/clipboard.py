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

import base64
import contextlib
import functools
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sr_tui.core import locations

Method = Literal["system", "terminal", "file", "failed"]
SystemCopy = Callable[[str], None]

SYSTEM_TIMEOUT = 2.0

#: Why a copy counts as failed when the tool said it worked.
READBACK_MISMATCH = (
    "the clipboard tool reported success but the clipboard does not hold the text "
    "(is DISPLAY stale?)"
)
READBACK_GARBLED = (
    "the clipboard tool reported success but the clipboard changed the non-ASCII text "
    "(Chinese would arrive garbled)"
)
NO_TOOL = "no system clipboard tool was found (install xclip, xsel or wl-clipboard)"

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


class ClipboardToolError(RuntimeError):
    """A clipboard tool failed: it was missing, or exited with an error status."""


# -- the system clipboard ----------------------------------------------------------


@dataclass(frozen=True)
class SystemClipboard:
    """A system clipboard mechanism: a copy function and, when it has one, a paste function.

    Calling it copies, so it is also a `SystemCopy`. With `own_timeout`, `copy_fn` and
    `paste_fn` take a `timeout=` keyword and enforce it themselves (the tools run here);
    otherwise they run in a daemon thread that is abandoned after the timeout.
    """

    name: str
    copy_fn: Callable[..., Any]
    paste_fn: Callable[..., str] | None = None
    #: Send CRLF line ends (Windows and WSL).
    crlf: bool = False
    own_timeout: bool = False
    #: At least this long for reading back (PowerShell on WSL takes seconds to start).
    readback_timeout: float = 0.0

    def copy(self, text: str, timeout: float = SYSTEM_TIMEOUT) -> None:
        if self.own_timeout:
            self.copy_fn(text, timeout=timeout)
        else:
            _call_with_timeout(self.copy_fn, (text,), timeout)

    def paste(self, timeout: float = SYSTEM_TIMEOUT) -> str:
        if self.paste_fn is None:
            raise ClipboardToolError(f"{self.name} cannot read the clipboard")
        if self.own_timeout:
            return self.paste_fn(timeout=timeout)
        return _call_with_timeout(self.paste_fn, (), timeout)

    def __call__(self, text: str) -> None:
        self.copy(text)


def _call_with_timeout(fn: Callable[..., Any], args: tuple, timeout: float) -> Any:
    """`fn(*args)` in a daemon thread; TimeoutError if it does not return within `timeout`."""
    result: list[Any] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn(*args))
        except BaseException as exc:  # handed to the caller's thread below
            error.append(exc)

    worker = threading.Thread(target=target, name="sr-tui-clipboard", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"the clipboard tool did not answer within {timeout:g} s")
    if error:
        raise error[0]
    return result[0] if result else None


def _first_line(data: bytes, limit: int = 200) -> str:
    for line in data.decode("utf-8", "replace").splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def _kill(proc: subprocess.Popen) -> None:
    """Kill a hung tool and whatever it started (it leads its own session on POSIX)."""
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=1)


def run_tool(
    args: Sequence[str],
    data: bytes | None,
    timeout: float,
    *,
    capture: bool = False,
    env: dict[str, str] | None = None,
) -> bytes:
    """Run a clipboard tool quietly: its stderr is captured, its exit status checked, and it
    is killed after `timeout` seconds. Returns its stdout when `capture`, else b"".

    stdout (unless captured) and stderr do not go to pipes: xclip, xsel and wl-copy fork a
    background process that keeps them open for as long as it owns the clipboard, and a
    pipe would make us wait for that.
    """
    name = args[0]
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(
                list(args),
                stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                stderr=err,
                close_fds=True,
                start_new_session=os.name == "posix",
                env=env,
            )
        except FileNotFoundError:
            raise ClipboardToolError(f"{name} is not installed") from None
        except OSError as exc:
            raise ClipboardToolError(
                f"{name} could not be started: {exc.strerror or exc}"
            ) from None
        try:
            out, _ = proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise TimeoutError(f"{name} did not answer within {timeout:g} s") from None
        if proc.returncode != 0:
            err.seek(0)
            message = _first_line(err.read())
            status = f"{name} failed (exit status {proc.returncode})"
            raise ClipboardToolError(f"{status}: {message}" if message else status)
    return out or b""


def _tool(
    name: str,
    copy_args: Sequence[str],
    paste_args: Sequence[str],
    *,
    encoding: str = "utf-8",
    env: dict[str, str] | None = None,
    decode: Callable[[bytes], str] | None = None,
    empty_copy_args: Sequence[str] | None = None,
) -> tuple[str, Callable[..., None], Callable[..., str]]:
    def copy(text: str, timeout: float = SYSTEM_TIMEOUT) -> None:
        if not text and empty_copy_args is not None:
            run_tool(empty_copy_args, None, timeout, env=env)
            return
        run_tool(copy_args, text.encode(encoding), timeout, env=env)

    def paste(timeout: float = SYSTEM_TIMEOUT) -> str:
        out = run_tool(paste_args, None, timeout, capture=True, env=env)
        return decode(out) if decode else out.decode(encoding, "replace")

    return name, copy, paste


def _decode_base64_utf8(out: bytes) -> str:
    text = out.decode("ascii", "replace").strip()
    return base64.b64decode(text).decode("utf-8", "replace") if text else ""


def _utf8_env() -> dict[str, str]:
    """pbcopy/pbpaste read the locale: without a UTF-8 one they garble Chinese."""
    return {**os.environ, "LC_CTYPE": "UTF-8"}


#: Tools whose read-back takes long: PowerShell on WSL starts in seconds, not milliseconds.
_SLOW_READBACK = {"clip.exe": 8.0}

_WSL_PASTE = "[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes((Get-Clipboard -Raw)))"


def _tool_for(copy_name: str) -> tuple[str, Callable[..., None], Callable[..., str]] | None:
    """The tool this module runs itself for a pyperclip copy function's name, if any."""
    if copy_name == "copy_xclip":
        return _tool(
            "xclip",
            ["xclip", "-selection", "clipboard"],
            ["xclip", "-selection", "clipboard", "-o"],
        )
    if copy_name == "copy_xsel":
        return _tool("xsel", ["xsel", "-b", "-i"], ["xsel", "-b", "-o"])
    if copy_name == "copy_wl":
        return _tool(
            "wl-copy",
            ["wl-copy"],
            ["wl-paste", "-n", "-t", "text"],
            empty_copy_args=["wl-copy", "--clear"],
        )
    if copy_name == "copy_osx_pbcopy":
        return _tool("pbcopy", ["pbcopy"], ["pbpaste"], env=_utf8_env())
    if copy_name == "copy_wsl":
        return _tool(
            "clip.exe",
            ["clip.exe"],
            ["powershell.exe", "-noprofile", "-command", _WSL_PASTE],
            encoding="utf-16-le",
            decode=_decode_base64_utf8,
        )
    return None


@functools.lru_cache(maxsize=1)
def windows_like() -> bool:
    """True on Windows and under WSL, where the clipboard wants CRLF line ends."""
    if sys.platform == "win32":
        return True
    try:
        with open("/proc/version", encoding="utf-8", errors="replace") as handle:
            return "microsoft" in handle.read().lower()
    except OSError:
        return False


def detect_system_clipboard(
    determine: Callable[[], tuple[Any, Any]] | None = None,
    *,
    crlf: bool | None = None,
) -> SystemClipboard | None:
    """The system clipboard mechanism pyperclip finds on this machine, or None.

    The result can be passed to `copy_text(system=...)`. `determine` replaces
    `pyperclip.determine_clipboard` and `crlf` the Windows/WSL check (for tests).
    """
    try:
        if determine is None:
            import pyperclip

            determine = pyperclip.determine_clipboard
        copy, paste = determine()
    except Exception:  # any failure to detect means: no system clipboard
        return None
    if not copy:  # pyperclip's "no clipboard" stand-in is falsy
        return None
    crlf = windows_like() if crlf is None else crlf
    copy_name = getattr(copy, "__name__", type(copy).__name__)
    tool = _tool_for(copy_name)
    if tool is not None:
        name, copy_fn, paste_fn = tool
        slow = _SLOW_READBACK.get(name, 0.0)
        return SystemClipboard(
            name, copy_fn, paste_fn, crlf=crlf, own_timeout=True, readback_timeout=slow
        )
    name = copy_name.removeprefix("copy_") or "system clipboard"
    return SystemClipboard(name, copy, paste if paste else None, crlf=crlf)


def as_system_clipboard(system: SystemCopy | SystemClipboard) -> SystemClipboard:
    """A plain copy function (a test's stub, say) as a `SystemClipboard` without read-back."""
    if isinstance(system, SystemClipboard):
        return system
    name = getattr(system, "__name__", "") or type(system).__name__
    return SystemClipboard(name.removeprefix("copy_"), system)


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
) -> CopyOutcome:
    """Copy `text` by the best means available; see the module docstring for the chain.

    `system` is what `detect_system_clipboard()` returned, or any copy function (not read
    back), or None for none. Blocking (a tool may take up to `timeout`, and as long again
    to read back): call it off the UI thread.
    """
    tool = ""
    if system is None:
        reason = NO_TOOL
    else:
        attempt = copy_to_system(text, system, timeout)
        if attempt.method == "system":
            return attempt
        reason, tool = attempt.reason, attempt.tool
    try:
        path: Path | None = write_clipboard_file(text, file)
    except OSError as exc:
        path = None
        reason = f"{reason}; the clipboard file could not be written: {exc.strerror or exc}"
    if terminal is not None:
        terminal(text)
        return CopyOutcome("terminal", path, reason, tool=tool)
    return CopyOutcome("file" if path else "failed", path, reason, tool=tool)
