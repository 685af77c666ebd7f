"""The system clipboard's mechanisms: the command-line tools run here (xclip, xsel,
wl-copy, pbcopy, clip.exe), pyperclip's other mechanisms, and detecting which one this
machine has. The chain that uses them is `clipboard.py`."""

from __future__ import annotations

import base64
import functools
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sr_tui.core.handoff.quiet import run_quiet

SystemCopy = Callable[[str], None]

SYSTEM_TIMEOUT = 2.0


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


def run_tool(
    args: Sequence[str],
    data: bytes | None,
    timeout: float,
    *,
    capture: bool = False,
    env: dict[str, str] | None = None,
) -> bytes:
    """Run a clipboard tool quietly (`quiet.run_quiet`): its exit status checked, killed
    after `timeout` seconds. Returns its stdout when `capture`, else b"".

    xclip, xsel and wl-copy fork a background process that keeps stdout and stderr open
    for as long as it owns the clipboard, so neither goes to a pipe we would wait on.
    """
    name = args[0]
    try:
        result = run_quiet(args, data, timeout, capture=capture, env=env)
    except FileNotFoundError:
        raise ClipboardToolError(f"{name} is not installed") from None
    except OSError as exc:
        raise ClipboardToolError(f"{name} could not be started: {exc.strerror or exc}") from None
    if result.timed_out:
        raise TimeoutError(f"{name} did not answer within {timeout:g} s")
    if result.status != 0:
        status = f"{name} failed (exit status {result.status})"
        raise ClipboardToolError(f"{status}: {result.error}" if result.error else status)
    return result.stdout


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
            # Without --type, wl-copy guesses message/rfc822 for text that starts with
            # "Subject:", and no GUI program will paste it.
            ["wl-copy", "--type", "text/plain;charset=utf-8"],
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


NO_TOOL = "no system clipboard tool was found (install xclip, xsel or wl-clipboard)"
_GRAPHICAL_TOOLS = ("xclip", "xsel", "wl-copy")


def why_no_clipboard(environ: dict[str, str] | None = None) -> str:
    """Why pyperclip found no clipboard, in words the user can act on."""
    import shutil

    env = os.environ if environ is None else environ
    installed = [t for t in _GRAPHICAL_TOOLS if shutil.which(t)]
    if installed and sys.platform.startswith("linux"):
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            return (
                f"{installed[0]} is installed, but there is no graphical session to hold the "
                "clipboard (neither DISPLAY nor WAYLAND_DISPLAY is set: over SSH or in a console)"
            )
        return f"{installed[0]} is installed but could not be used here"
    return NO_TOOL


#: Why the last `detect_system_clipboard()` found nothing ("" when it found one).
last_detection_problem = ""


def detect_system_clipboard(
    determine: Callable[[], tuple[Any, Any]] | None = None,
    *,
    crlf: bool | None = None,
) -> SystemClipboard | None:
    """The system clipboard mechanism pyperclip finds on this machine, or None; the
    reason for None is kept in `last_detection_problem` (the copy notice shows it).

    The result can be passed to `copy_text(system=...)`. `determine` replaces
    `pyperclip.determine_clipboard` and `crlf` the Windows/WSL check (for tests).
    """
    global last_detection_problem
    last_detection_problem = ""
    try:
        if determine is None:
            import pyperclip

            determine = pyperclip.determine_clipboard
        copy, paste = determine()
    except Exception as exc:  # any failure to detect means: no system clipboard
        last_detection_problem = f"the system clipboard could not be detected: {exc}"
        return None
    if not copy:  # pyperclip's "no clipboard" stand-in is falsy
        last_detection_problem = why_no_clipboard()
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
