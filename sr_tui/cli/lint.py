"""`sr-tui lint [FILE|-] [--format text|json] [--strict]`: lint an email from a file or stdin.

Kept free of Textual and of anything heavy: the lint package is imported inside `run`.
Exit codes: 0 clean (suggestions allowed), 1 an error finding (`--strict`: or a
warning), 2 a usage error such as a missing file.
"""

from __future__ import annotations

import sys
from typing import Any

from sr_tui.cli.common import ExitStatus


def add_parser(subparsers: Any) -> None:
    """Add the `lint` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser(
        "lint",
        help="check an email against the house style",
        description="Check an email (a 'Subject:' line, a blank line, the body) against the "
        "house-style rules. Exit 1 when an error is found (--strict: or a warning), else 0; "
        "2 for usage errors.",
    )
    p.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="the email; '-' reads stdin"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(func=run)


#: The largest email `lint` reads (a file or standard input): ten 1 MB pastes.
MAX_EMAIL_BYTES = 10 * 1024 * 1024


def _read(path: str) -> str:
    """The email in `path` (`-`: standard input), at most MAX_EMAIL_BYTES; only a regular
    file is read (a FIFO, /dev/zero or a directory is refused with RefusedFile)."""
    from sr_tui.core.files import read_limited, too_large

    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath (tests, embedding)
            text = sys.stdin.read(MAX_EMAIL_BYTES + 1)
            if len(text) > MAX_EMAIL_BYTES:
                raise too_large("<stdin>", MAX_EMAIL_BYTES)
            return text.replace("\r\n", "\n")
        data = stream.read(MAX_EMAIL_BYTES + 1)
        if len(data) > MAX_EMAIL_BYTES:
            raise too_large("<stdin>", MAX_EMAIL_BYTES)
    else:
        data = read_limited(path, MAX_EMAIL_BYTES)
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def run(args: Any) -> int:
    from sr_tui.core.files import RefusedFile
    from sr_tui.core.lint.config import load_lint_config
    from sr_tui.core.lint.engine import lint
    from sr_tui.core.lint.output import exit_code, format_json, format_text

    path = args.file
    if path == "-" and _is_terminal(sys.stdin):
        # Not piped: say so, rather than wait in silence for an email to be typed.
        print(
            "sr-tui lint: reading the email from the terminal; paste or type it, then press "
            "ctrl+d on a line of its own (Windows: ctrl+z, Enter; ctrl+c stops). "
            "`sr-tui lint FILE` lints a file.",
            file=sys.stderr,
        )
    try:
        text = _read(path)
    except FileNotFoundError:
        print(f"sr-tui lint: error: no such file: {path}", file=sys.stderr)
        return ExitStatus.USAGE
    except IsADirectoryError:
        print(f"sr-tui lint: error: {path} is a directory, not an email file", file=sys.stderr)
        return ExitStatus.USAGE
    except RefusedFile as exc:  # a FIFO, a device, too large
        print(f"sr-tui lint: error: {path} {exc.strerror}", file=sys.stderr)
        return ExitStatus.USAGE
    except OSError as exc:
        print(f"sr-tui lint: error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return ExitStatus.USAGE
    config, problems = load_lint_config()
    for problem in problems:
        print(f"sr-tui lint: warning: config: {problem} (using defaults)", file=sys.stderr)
    findings = lint(text, config)
    name = "<stdin>" if path == "-" else path
    out = format_json(findings) if args.format == "json" else format_text(findings, name)
    sys.stdout.write(out)
    sys.stdout.flush()
    return exit_code(findings, args.strict)
