"""Shared helpers for the benchmark scripts: run commands repeatedly, interleaved."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def sr_tui_command() -> list[str]:
    """The installed `sr-tui` script if there is one, else `python -m sr_tui`."""
    script = shutil.which("sr-tui")
    return [script] if script else [sys.executable, "-m", "sr_tui"]


def time_commands(
    commands: dict[str, Sequence[str]], runs: int, stdin: bytes | None = None
) -> dict[str, float]:
    """Median wall time in seconds of each command, run `runs` times, interleaved so
    that machine noise hits every command alike. One warm-up run each first."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for warmup in (True, *([False] * runs)):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(
                argv, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            if not warmup:
                samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    base = medians[baseline]
    print(title)
    for name, value in medians.items():
        print(f"  {name:<40} {value * 1000:8.1f} ms   {value / base:5.2f}x {baseline}")
