"""The settings: a typed, frozen `Settings`, and the one reader of the settings file (tomllib).

Reading never fails and never touches the file: every problem (bad TOML, a wrong-typed
value, an unknown key, an unreadable file, a directory, FIFO or device in its place)
becomes a `SettingsProblem` with path, line where known, and reason, and the program runs
on the defaults for whatever is broken.
Writing is in `settings_write` (tomlkit), setting one key by name in `settings_set`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from sr_tui.core import locations
from sr_tui.core.safe_text import controls_in, has_controls
from sr_tui.core.tomlfile import FileProblem, read_toml

LANGUAGES = ("en", "zh")
COPY_LAYOUTS = ("flowed", "as-written")
START_SCREENS = ("compose", "due")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Settings:
    your_name: str = ""
    your_team: str = ""
    #: Your address: the From of .eml drafts (optional).
    your_email: str = ""
    language: Literal["en", "zh"] = "en"
    copy_layout: Literal["flowed", "as-written"] = "flowed"
    template_dirs: tuple[str, ...] = ()
    #: Where "export .eml" writes; empty means Downloads if it exists, else the data dir.
    export_dir: str = ""
    #: The `[lint]` table, as the linter's `LintConfig.from_table` reads it.
    lint: Mapping[str, Any] = field(default_factory=dict)
    #: Binding id -> keys, applied with `App.set_keymap` (e.g. copy = "ctrl+shift+y").
    keymap: Mapping[str, str] = field(default_factory=dict)
    #: How a case without a ticket number is numbered (TS20261202001).
    case_number: str = "TS{date:%Y%m%d}{seq:03d}"
    #: The team's PostgreSQL database (`postgresql://...`); empty: the SQLite file.
    database_url: str = ""
    #: The `[sla]` table: the clocks of CASES.md §4 (`core/cases/sla_policy.SlaPolicy`).
    sla: Mapping[str, Any] = field(default_factory=dict)
    #: The business calendar's zone when the calendar file names none ("Asia/Shanghai");
    #: empty: the system's.
    timezone: str = ""
    #: The calendar file; empty: `calendar.toml` beside this file (or `$SR_TUI_CALENDAR`).
    calendar_file: str = ""
    #: The screen the app starts on: "compose" or "due".
    start_screen: Literal["compose", "due"] = "compose"

    def signature(self) -> dict[str, str]:
        """The values every email's signature takes from settings (only those set); the
        address is the sender of an .eml draft."""
        values = {
            "your_name": self.your_name,
            "your_team": self.your_team,
            "your_email": self.your_email,
        }
        return {k: v for k, v in values.items() if v.strip()}

    def to_table(self) -> dict[str, Any]:
        table = asdict(self)
        table["template_dirs"] = list(self.template_dirs)
        table["lint"] = dict(self.lint)
        table["keymap"] = dict(self.keymap)
        table["sla"] = dict(self.sla)
        defaults = asdict(Settings())
        return {k: v for k, v in table.items() if v not in ("", [], {}) and v != defaults[k]}


KEYS = tuple(f.name for f in fields(Settings))
_DEFAULTS = Settings()


#: A problem in the settings file: path, reason, line where known.
SettingsProblem = FileProblem


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    path: Path
    problems: tuple[SettingsProblem, ...] = ()
    exists: bool = False
    #: The file could not be read or parsed at all (so every setting is a default).
    unreadable: bool = False

    @property
    def broken(self) -> bool:
        """A file with problems: saving would lose what the user wrote, so ask first."""
        return bool(self.problems)


def _line_of_key(text: str, key: str) -> int | None:
    m = re.search(rf"(?m)^\s*{re.escape(key)}\s*=", text)
    if m is None:
        m = re.search(rf"(?m)^\s*\[{re.escape(key)}\]", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    """(clean value, None) or (None, reason) for one top-level key."""
    if key in ("your_name", "your_team", "export_dir"):
        if not isinstance(value, str):
            return None, f"'{key}' must be text, got {type(value).__name__}"
        if len(value.splitlines()) > 1:
            return None, f"'{key}' must be one line"
        if has_controls(value):
            return (
                None,
                f"'{key}' must not hold control characters ({', '.join(controls_in(value))})",
            )
        return value.strip(), None
    if key == "your_email":
        if not isinstance(value, str):
            return None, f"'{key}' must be text, got {type(value).__name__}"
        from sr_tui.core.handoff.recipients import address_problem

        problem = address_problem(value)
        if problem:
            return None, f"'{key}': {problem}"
        return value.strip(), None
    if key == "language":
        if value not in LANGUAGES:
            return None, f"'language' must be one of {', '.join(LANGUAGES)}, got {value!r}"
        return value, None
    if key == "copy_layout":
        if value not in COPY_LAYOUTS:
            return None, f"'copy_layout' must be one of {', '.join(COPY_LAYOUTS)}, got {value!r}"
        return value, None
    if key == "template_dirs":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, "'template_dirs' must be a list of paths (strings)"
        return tuple(value), None
    if key == "lint":
        if not isinstance(value, dict):
            return None, "[lint] must be a table"
        from sr_tui.core.lint.config import LintConfig

        _, problems = LintConfig.from_table(value)
        if problems:
            return None, "; ".join(problems)
        return value, None
    if key == "case_number":
        from sr_tui.core.cases.numbering import check_format

        if not isinstance(value, str):
            return None, "'case_number' must be text such as \"TS{date:%Y%m%d}{seq:03d}\""
        from sr_tui.core.errors import SrTuiError

        try:
            return check_format(value), None
        except SrTuiError as exc:
            return None, exc.user_message
    if key == "database_url":
        if not isinstance(value, str):
            return None, "'database_url' must be text (postgresql://...)"
        if value.strip() and not value.strip().startswith(("postgresql://", "postgres://")):
            return None, "'database_url' must start with postgresql:// (or be empty for SQLite)"
        return value.strip(), None
    if key == "sla":
        if not isinstance(value, dict):
            return None, "[sla] must be a table, e.g. acknowledge_business_hours = 2"
        from sr_tui.core.cases.sla_policy import SlaPolicy

        _, problems = SlaPolicy.from_table(value)
        if problems:
            return None, "; ".join(problems)
        return value, None
    if key == "timezone":
        if not isinstance(value, str):
            return None, "'timezone' must be text such as \"Asia/Shanghai\""
        if value.strip():
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(value.strip())
            except (ZoneInfoNotFoundError, ValueError):
                return None, f"'timezone' {value!r} is not a known time zone (e.g. Asia/Shanghai)"
        return value.strip(), None
    if key == "calendar_file":
        if not isinstance(value, str) or "\n" in value:
            return None, "'calendar_file' must be a path (text)"
        return value.strip(), None
    if key == "start_screen":
        if value not in START_SCREENS:
            return None, f"'start_screen' must be one of {', '.join(START_SCREENS)}, got {value!r}"
        return value, None
    if key == "keymap":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            return None, '[keymap] must map binding ids to keys, e.g. copy = "ctrl+shift+y"'
        return value, None
    return None, f"unknown key '{key}'" + _suggest(key)


def _suggest(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, KEYS, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def settings_from_table(table: Mapping[str, Any]) -> tuple[Settings, list[tuple[str, str]]]:
    """Settings from a parsed TOML table, and (key, reason) for each bad entry."""
    good: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        if key == "lint" and isinstance(value, dict):
            # The linter skips its own bad entries, so keep the table and report them.
            from sr_tui.core.lint.config import LintConfig

            problems += [("lint", reason) for reason in LintConfig.from_table(value)[1]]
            good[key] = value
            continue
        clean, reason = _check(key, value)
        if reason:
            problems.append((key, reason))
        else:
            good[key] = clean
    return replace(_DEFAULTS, **good), problems


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file (default: `locations.config_path()`); never raises."""
    path = path or locations.config_path()
    if not path.exists():
        return LoadedSettings(Settings(), path)
    table, text, problem = read_toml(path)
    if problem:
        return LoadedSettings(Settings(), path, (problem,), True, unreadable=True)
    settings, bad = settings_from_table(table)
    problems = tuple(SettingsProblem(path, reason, _line_of_key(text, key)) for key, reason in bad)
    return LoadedSettings(settings, path, problems, True)
