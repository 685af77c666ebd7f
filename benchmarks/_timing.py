"""Shared helpers for the benchmark scripts: run commands repeatedly, interleaved."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def sr_tui_command() -> list[str]:
    """The `sr-tui` script of this Python's environment if there is one, else the one on
    PATH, else `python -m sr_tui`. This Python's own first: on PATH there may be another
    interpreter's (a pyenv shim, a bash script and `pyenv exec` before Python starts),
    which the bare app, run with `sys.executable`, would not pay."""
    own = Path(sys.executable).parent / "sr-tui"
    script = str(own) if own.is_file() else shutil.which("sr-tui")
    return [script] if script else [sys.executable, "-m", "sr_tui"]


def user_like_env(cache_dir: str | os.PathLike[str]) -> dict[str, str]:
    """This environment, but with Python's bytecode cache on (in `cache_dir`), as on a
    user's machine where pip compiled the package at install. Without it (this machine
    sets PYTHONDONTWRITEBYTECODE) an editable install recompiles sr_tui at every start,
    while Textual's .pyc files from pip are used: an unfair comparison."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    return env


def time_commands(
    commands: dict[str, Sequence[str]],
    runs: int,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, float]:
    """Median wall time in seconds of each command, run `runs` times, interleaved so
    that machine noise hits every command alike. One warm-up run each first."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for warmup in (True, *([False] * runs)):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(
                argv,
                input=stdin,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
                env=env,
            )
            if not warmup:
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    base = medians[baseline]
    print(title)
    for name, value in medians.items():
        print(f"  {name:<40} {value * 1000:8.1f} ms   {value / base:5.2f}x {baseline}")


def time_interleaved(
    measures: dict[str, Callable[[], float]], runs: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Call each measure (which returns seconds) `warmup` + `runs` times, interleaved so
    that machine noise hits every one alike; return the samples after the warm-up."""
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for i in range(warmup + runs):
        for name, measure in measures.items():
            value = measure()
            if i >= warmup:
                samples[name].append(value)
    return samples
