"""Running a helper program quietly: its output never reaches the terminal (the app owns
the screen), its exit status and first line of stderr are kept, and it is bounded in time.
Every subprocess of the handoff (clipboard tools, the mail opener) goes through here."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class QuietResult:
    #: The exit status; None when the program was still running at the timeout.
    status: int | None
    stdout: bytes = b""
    #: The first non-empty line of its stderr ("" when none).
    error: str = ""

    @property
    def timed_out(self) -> bool:
        return self.status is None


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


def run_quiet(
    args: Sequence[str],
    data: bytes | None = None,
    timeout: float = 5.0,
    *,
    capture: bool = False,
    env: dict[str, str] | None = None,
    kill_on_timeout: bool = True,
) -> QuietResult:
    """Run `args` in its own session with stdin from `data` (or nothing), stdout captured
    when `capture` (else discarded) and stderr to a temporary file, never a pipe: tools
    that fork a background owner keep their descriptors open.

    On timeout the program and whatever it started are killed (`kill_on_timeout`), or left
    to run; either way the result has `status` None. FileNotFoundError and OSError from
    starting it are raised as they are.
    """
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            list(args),
            stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=err,
            close_fds=True,
            start_new_session=os.name == "posix",
            env=env,
        )
        try:
            out, _ = proc.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            if kill_on_timeout:
                _kill(proc)
            return QuietResult(None)
        err.seek(0)
        return QuietResult(proc.returncode, out or b"", _first_line(err.read()))
