"""The `sr-tui` command line: the parser, `main` and the exit statuses. One module per
command family registers its subcommands (`add_parser`). Imports Textual only to launch
the app."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from sr_tui import __version__
from sr_tui.cli.common import ExitStatus, UsageError
from sr_tui.core.errors import SrTuiError

__all__ = ["ExitStatus", "UsageError", "build_parser", "main"]

#: The command-family modules, in the order `--help` lists them.
FAMILIES = ("templates", "render", "lint", "config", "search", "kb", "review")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: exit 2, as ours
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="sr-tui",
        description="Draft house-style support emails from templates. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"sr-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for family in FAMILIES:
        importlib.import_module(f"sr_tui.cli.{family}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    args = build_parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        return launch_app()
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"sr-tui: error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except SrTuiError as exc:
        print(f"sr-tui: error: {exc.user_message}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    except BrokenPipeError:  # e.g. `sr-tui list | head`
        return ExitStatus.OK


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(encoding="utf-8")


def launch_app() -> int:
    try:
        import textual  # noqa: F401
    except ImportError as exc:  # only a missing Textual means "no app in this build"
        print(f"sr-tui: the app needs Textual, which is not installed ({exc})", file=sys.stderr)
        return ExitStatus.PROBLEMS
    from sr_tui.app import run_app

    return run_app()
