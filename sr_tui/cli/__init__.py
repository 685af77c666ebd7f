"""The `sr-tui` command line: the parser, `main` and the exit statuses. One module per
command family registers its subcommands (`add_parser`). Imports Textual only to launch
the app."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from sr_tui import __version__
from sr_tui.cli.common import ExitStatus, TerminalSafe, UsageError
from sr_tui.core.errors import SrTuiError

__all__ = ["ExitStatus", "UsageError", "build_parser", "main"]

#: Set to see the traceback of an internal error instead of the short message.
DEBUG_ENV = "SR_TUI_DEBUG"

#: The command-family modules, in the order `--help` lists them.
FAMILIES = (
    "templates",
    "render",
    "case",
    "due",
    "search",
    "review",
    "kb",
    "calendar",
    "lint",
    "config",
    "team",
    "db",
)
#: Each command's family: a command line builds its own family's parser only (a dozen
#: modules, with the case model and the templates, cost more than `sr-tui lint` itself).
#: `tests/test_cli.py` checks this against what every family registers.
COMMAND_FAMILIES = {
    "list": "templates",
    "show": "templates",
    "templates": "templates",
    "render": "render",
    "case": "case",
    "due": "due",
    "search": "search",
    "review": "review",
    "kb": "kb",
    "calendar": "calendar",
    "lint": "lint",
    "config": "config",
    "assign": "team",
    "team": "team",
    "db": "db",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: exit 2, as ours
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command`'s family alone when it names one
    (what `--help` and a mistyped command get is the whole parser)."""
    import importlib

    parser = _Parser(
        prog="sr-tui",
        description="Draft house-style support emails from templates. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"sr-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    only = COMMAND_FAMILIES.get(command or "")
    for family in FAMILIES if only is None else (only,):
        importlib.import_module(f"sr_tui.cli.{family}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app). Never raises and never exits 0 after a failure: an
    unexpected exception is a short message and `ExitStatus.INTERNAL_ERROR`."""
    _utf8_stdio()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # the app: the commands' parsers (a dozen modules) would only cost time
        return _guarded(launch_app)
    args = build_parser(argv[0]).parse_args(argv)
    if getattr(args, "func", None) is None:
        return _guarded(launch_app)
    with _terminal_safe_output():
        return _guarded(lambda: int(args.func(args)))


def _guarded(command) -> int:
    try:
        return command()
    except UsageError as exc:
        print(f"sr-tui: error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    except SrTuiError as exc:
        print(f"sr-tui: error: {exc.user_message}", file=sys.stderr)
        return ExitStatus.PROBLEMS
    except BrokenPipeError:  # e.g. `sr-tui list | head`
        return ExitStatus.OK
    except KeyboardInterrupt:
        print("sr-tui: interrupted", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except Exception as exc:  # a bug: say so briefly; the traceback on request
        if os.environ.get(DEBUG_ENV):
            raise
        reason = str(exc) if len(str(exc)) < 300 else str(exc)[:300] + "…"
        print(
            f"sr-tui: internal error: {type(exc).__name__}: {reason}\n"
            f"sr-tui: this is a bug in sr-tui; set {DEBUG_ENV}=1 to see where it happened",
            file=sys.stderr,
        )
        return ExitStatus.INTERNAL_ERROR


@contextlib.contextmanager
def _terminal_safe_output():
    """While a command runs, its text output goes through `TerminalSafe`."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(encoding="utf-8")


def launch_app() -> int:
    from sr_tui import start_gc

    # No collection until the first frame (`start_gc`): the imports below are part of it.
    start_gc.pause()
    try:
        try:
            import textual  # noqa: F401
        except ImportError as exc:  # only a missing Textual means "no app in this build"
            print(f"sr-tui: the app needs Textual, which is not installed ({exc})", file=sys.stderr)
            return ExitStatus.PROBLEMS
        from sr_tui.launch import run_app

        # Textual prints the traceback of a crash as the app closes; the status says so too.
        return ExitStatus.OK if run_app() == 0 else ExitStatus.INTERNAL_ERROR
    finally:
        start_gc.resume()  # an app that stopped before its first frame
