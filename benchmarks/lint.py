"""Lint timings against the budgets of DESIGN.md §7 (numbers go in README, not in tests).

    python benchmarks/lint.py [--runs N] [--process-runs N]

1. In process: median time to lint one typical email (A1 rendered with the realistic
   values of tests/fixtures) over many runs; budget under 1 ms.
2. In process: lint of a 1 MB paste (the hand-written fixture emails repeated); budget
   under 1 s.
3. As processes: `python -m sr_tui lint FILE` against `python -c "import textual.app"`,
   both measured here, in the same run; budget at most 0.5x.

Byte-code caches are written to a temporary directory and warmed first, so neither
process pays for compiling sources (installed packages have their caches already).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sr_tui.core.lint import lint, lint_email  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


#: `sr-tui lint FILE` through sr_tui.cli.lint only, to separate its cost from the rest of the CLI.
LINT_PATH_ONLY = (
    "import argparse, sys; from sr_tui.cli import lint as cli_lint; p = argparse.ArgumentParser(); "
    "cli_lint.add_parser(p.add_subparsers()); a = p.parse_args(['lint', *sys.argv[1:]]); "
    "sys.exit(a.func(a))"
)


def typical_email():
    """A1 with realistic values (an Email), or a hand-written fixture when unavailable."""
    try:
        from sr_tui.core.templates.catalog import load_catalog
        from sr_tui.core.templates.render import render

        values = tomllib.loads((FIXTURES / "realistic_values.toml").read_text(encoding="utf-8"))
        return render(load_catalog([]).get("A1"), values)
    except Exception:  # the renderer is optional for this benchmark
        return None


def paste(size: int = 1_000_000) -> str:
    """The fixture emails, repeated. Those with quoted history are left out: everything
    after `On ... wrote:` is masked, which would make the paste unrealistically cheap."""
    emails = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "emails").glob("*.txt"))]
    chunk = "\n".join(e for e in emails if "wrote:" not in e)
    return (chunk * (size // len(chunk) + 1))[:size]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def process_ms(argv: list[str], runs: int, env: dict[str, str], stdin: bytes = b"") -> float:
    def once() -> None:
        subprocess.run(argv, input=stdin, capture_output=True, env=env, check=False)

    once()  # warm the byte-code cache and the OS file cache
    return median_ms(once, runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2000, help="in-process runs (default 2000)")
    ap.add_argument("--process-runs", type=int, default=15, help="process runs (default 15)")
    args = ap.parse_args()

    email = typical_email()
    if email is not None:
        text = email.text
        lint_email(email)
        typical = median_ms(lambda: lint_email(email), args.runs)
        label = "lint_email(A1 + realistic values)"
    else:
        text = (FIXTURES / "emails" / "good-nfs-progress-update.txt").read_text(encoding="utf-8")
        typical = median_ms(lambda: lint(text), args.runs)
        label = "lint(good-nfs-progress-update.txt)"
    big = paste()
    big_times = []
    for _ in range(3):
        t = time.perf_counter()
        findings = lint(big)
        big_times.append(time.perf_counter() - t)
    big_s = statistics.median(big_times)

    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pyc")
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env["SR_TUI_CONFIG"] = str(Path(tmp) / "none.toml")
        mail = Path(tmp) / "mail.txt"
        mail.write_text(text, encoding="utf-8")
        py = sys.executable
        lint_proc = process_ms([py, "-m", "sr_tui", "lint", str(mail)], args.process_runs, env)
        path_only = process_ms([py, "-c", LINT_PATH_ONLY, str(mail)], args.process_runs, env)
        textual = process_ms([py, "-c", "import textual.app"], args.process_runs, env)
        bare = process_ms([py, "-c", "pass"], args.process_runs, env)

    ratio = lint_proc / textual
    rows = [
        (
            f"in process: {label}, median of {args.runs}",
            f"{typical:.3f} ms",
            typical < 1.0,
            "< 1 ms",
        ),
        (
            f"in process: 1 MB paste ({len(big):,} chars, {len(findings):,} findings)",
            f"{big_s:.3f} s",
            big_s < 1.0,
            "< 1 s",
        ),
        ("process: python -m sr_tui lint FILE", f"{lint_proc:.1f} ms", None, ""),
        (
            "process: the lint path alone (sr_tui.cli.lint, not the whole parser)",
            f"{path_only:.1f} ms",
            None,
            "",
        ),
        ('process: python -c "import textual.app"', f"{textual:.1f} ms", None, ""),
        ('process: python -c "pass" (for reference)', f"{bare:.1f} ms", None, ""),
        (
            "ratio python -m sr_tui lint / import textual.app",
            f"{ratio:.2f}x",
            ratio <= 0.5,
            "<= 0.5x",
        ),
        ("ratio lint path alone / import textual.app", f"{path_only / textual:.2f}x", None, ""),
    ]
    ok = True
    for name, value, passed, budget in rows:
        verdict = "" if passed is None else ("ok " if passed else "OVER ") + budget
        ok = ok and passed is not False
        print(f"{name:<66} {value:>12}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
