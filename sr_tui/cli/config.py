"""`sr-tui config path|show|set|edit`: the settings file from the command line."""

from __future__ import annotations

import argparse
import os
import sys

from sr_tui.cli.common import ExitStatus
from sr_tui.core.settings import KEYS, load_settings
from sr_tui.core.settings_set import merged, parse_setting
from sr_tui.core.settings_write import save_settings


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("config", help="show or change settings")
    sub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    sub.add_parser("path", help="print the settings file's path").set_defaults(func=cmd_path)
    sub.add_parser("show", help="print the settings in effect and any problems").set_defaults(
        func=cmd_show
    )
    s = sub.add_parser("set", help="set one setting, e.g. `config set your_name 'Sam Lee'`")
    s.add_argument("key", metavar="KEY", help=f"one of {', '.join(KEYS)}; lint.X or keymap.X")
    s.add_argument("value", metavar="VALUE")
    s.set_defaults(func=cmd_set)
    sub.add_parser("edit", help="open the settings file in $EDITOR").set_defaults(func=cmd_edit)


def _report(problems) -> None:
    for problem in problems:
        print(f"sr-tui: settings: {problem}", file=sys.stderr)


def cmd_path(args: argparse.Namespace) -> int:
    print(load_settings().path.resolve())
    return ExitStatus.OK


def cmd_show(args: argparse.Namespace) -> int:
    import tomli_w

    loaded = load_settings()
    _report(loaded.problems)
    state = "" if loaded.exists else "  (no file yet: defaults)"
    print(f"# {loaded.path.resolve()}{state}")
    table = loaded.settings.to_table()
    for key in KEYS:  # show every key, defaults included, in a stable order
        if key not in table and key not in ("lint", "keymap", "template_dirs"):
            table[key] = getattr(loaded.settings, key)
    ordered = {k: table[k] for k in KEYS if k in table}
    if ordered.get("database_url"):  # the file keeps a password; the screen never shows it
        from sr_tui.core.cases.dburl import mask_url

        ordered["database_url"] = mask_url(ordered["database_url"])
    print(tomli_w.dumps(ordered), end="")
    return ExitStatus.PROBLEMS if loaded.problems else ExitStatus.OK


def cmd_set(args: argparse.Namespace) -> int:
    loaded = load_settings()
    if loaded.broken:
        _report(loaded.problems)
        print(
            f"sr-tui: error: {loaded.path} has problems; fix them first (`sr-tui config edit`) "
            "so nothing you wrote there is lost",
            file=sys.stderr,
        )
        return ExitStatus.PROBLEMS
    try:
        key, value = parse_setting(args.key, args.value)
        settings = merged(loaded.settings, key, value)
    except ValueError as exc:
        print(f"sr-tui: error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    path = save_settings(settings, loaded.path)
    print(f"{args.key} set in {path.resolve()}")
    return ExitStatus.OK


def editor_command() -> list[str]:
    import shlex
    import shutil

    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value)
    for candidate in ("nano", "vi", "notepad"):
        if shutil.which(candidate):
            return [candidate]
    return []


def cmd_edit(args: argparse.Namespace) -> int:
    loaded = load_settings()
    path = loaded.path
    if path.is_dir():
        _report(loaded.problems)
        return ExitStatus.PROBLEMS
    if not path.exists():
        save_settings(loaded.settings, path)
    import subprocess

    command = editor_command()
    if not command:
        print("sr-tui: error: no editor found; set $EDITOR", file=sys.stderr)
        return ExitStatus.USAGE
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        print(f"sr-tui: error: cannot start {command[0]}: {exc.strerror or exc}", file=sys.stderr)
        return ExitStatus.USAGE
    after = load_settings(path)
    _report(after.problems)
    return ExitStatus.PROBLEMS if after.problems else ExitStatus.OK
