"""Whole-process time of `sr-tui render A1` and `sr-tui list --json`, against the time
Python takes just to import Textual, measured in the same run.

Budget (DESIGN.md §7): each command at most 0.5x the Textual import.

    python benchmarks/cli.py [--runs 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from _timing import report, sr_tui_command, time_commands, user_like_env


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    cli = sr_tui_command()
    cache = tempfile.TemporaryDirectory(prefix="sr-tui-bench-")
    medians = time_commands(
        {
            "python -c 'import textual.app'": [sys.executable, "-c", "import textual.app"],
            "python -c 'pass'": [sys.executable, "-c", "pass"],
            "sr-tui render A1": [*cli, "render", "A1"],
            "sr-tui list --json": [*cli, "list", "--json"],
        },
        runs=args.runs,
        env=user_like_env(cache.name),
    )
    cache.cleanup()
    report(f"median of {args.runs} runs", medians, baseline="python -c 'import textual.app'")
    base = medians["python -c 'import textual.app'"]
    worst = max(medians["sr-tui render A1"], medians["sr-tui list --json"]) / base
    print(
        f"budget: at most 0.50x; worst command {worst:.2f}x -> {'OK' if worst <= 0.5 else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
