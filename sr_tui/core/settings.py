"""The settings file: a typed, frozen `Settings`, read with tomllib, edited with tomlkit.

Reading never fails and never touches the file: every problem (bad TOML, a wrong-typed
value, an unknown key, an unreadable file, a directory, FIFO or device in its place)
becomes a `SettingsProblem` with path, line where known, and reason, and the program runs
on the defaults for whatever is broken. Writing edits the file in place (only the
settings that changed; the user's comments, order and unknown keys stay), then goes
through `atomic.py`: temporary file next to the real file (through a symlink), fsync,
rename, the file's mode kept, so a crash mid-write leaves the old file.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from sr_tui.core import locations
from sr_tui.core.atomic import atomic_write_text
from sr_tui.core.safe_text import controls_in, has_controls
from sr_tui.core.tomlfile import FileProblem, parse_toml, read_toml

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


class SettingsWriteError(OSError):
    """The settings file cannot be edited in place; nothing was written."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def save_settings(
    settings: Settings, path: Path | None = None, *, replace_unparseable: bool = False
) -> Path:
    """Write `settings` into the settings file, editing it in place: only the settings
    that changed are rewritten; comments, order, layout, keys sr-tui does not know, the
    file's mode and a symlink to it are kept (see `atomic.py`).

    A file that is not valid TOML cannot be edited: it is replaced only with
    `replace_unparseable` (after the caller made a backup, `backup_file`); otherwise
    SettingsWriteError, and the file is untouched.
    """
    path = path or locations.config_path()
    old_text = ""
    if path.exists():
        from sr_tui.core.files import read_limited
        from sr_tui.core.tomlfile import MAX_TOML_BYTES

        old_text = read_limited(path, MAX_TOML_BYTES).decode("utf-8", "replace")
    atomic_write_text(path, edited_settings_text(old_text, settings, replace_unparseable))
    return path


def edited_settings_text(text: str, settings: Settings, replace_unparseable: bool = False) -> str:
    """`text` (a settings file) with the settings that differ from `settings` set to
    them, and nothing else changed. Checked: the result reads back as `settings`."""
    import tomlkit

    try:
        document = tomlkit.parse(text)
    except Exception as exc:  # tomlkit's ParseError, RecursionError on absurd nesting
        if not replace_unparseable:
            raise SettingsWriteError(
                errno.EINVAL, f"cannot edit the settings file in place: {exc}"
            ) from None
        document = tomlkit.document()
    current = document.unwrap()
    for key in KEYS:
        new = _plain(getattr(settings, key))
        if key in current:
            if current[key] == new:
                continue
            if isinstance(new, dict) and isinstance(document[key], dict):
                _update_table(document[key], new)
            else:
                document[key] = new
        elif new != _plain(getattr(_DEFAULTS, key)):
            document[key] = new
    out = tomlkit.dumps(document)
    back, _ = settings_from_table(tomllib.loads(out))
    if any(getattr(back, key) != getattr(settings, key) for key in KEYS):
        raise SettingsWriteError(
            errno.EINVAL, "cannot edit the settings file in place: it would not read back"
        )
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _update_table(table: Any, new: Mapping[str, Any]) -> None:
    """Make a tomlkit table hold `new`, touching only the entries that differ."""
    for key in [k for k in table if k not in new]:
        del table[key]
    for key, value in new.items():
        if key in table:
            old = table[key]
            plain_old = old.unwrap() if hasattr(old, "unwrap") else old
            if plain_old == value:
                continue
            if isinstance(value, Mapping) and isinstance(old, dict):
                _update_table(old, value)
                continue
        table[key] = value


def backup_file(path: Path) -> Path:
    """Copy `path` to `<name>.bak`, or `<name>.bak.2`, `.bak.3` ... when those exist: no
    backup is ever overwritten. The copy keeps the file's mode. Returns the backup."""
    import stat

    from sr_tui.core.atomic import create_new
    from sr_tui.core.files import read_limited
    from sr_tui.core.tomlfile import MAX_TOML_BYTES

    data = read_limited(path, MAX_TOML_BYTES)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    for n in range(1, 10_000):
        candidate = path.with_name(f"{path.name}.bak" if n == 1 else f"{path.name}.bak.{n}")
        try:
            return create_new(candidate, data, mode)
        except FileExistsError:
            continue
    raise SettingsWriteError(errno.EEXIST, f"too many backups of {path} already")


def parse_setting(key: str, text: str) -> tuple[str, Any]:
    """Turn `sr-tui config set KEY VALUE` into (top-level key, new value), or raise
    ValueError with a clear reason. `lint.X`, `keymap.X` and `sla.X` set one entry of those
    tables."""
    head, _, rest = key.partition(".")
    if head in ("lint", "keymap", "sla") and rest:
        if head == "keymap":
            return head, {rest: text}
        try:
            value = parse_toml(f"v = {text}")["v"]
        except ValueError:  # TOMLDecodeError, or nested too deeply: take it as text
            value = text
        if head == "lint" and rest in _LINT_LISTS and isinstance(value, str):
            # `config set lint.disable SR013,SR015`: a comma list needs no TOML quoting.
            value = [part.strip() for part in value.split(",") if part.strip()]
        return head, _nested(rest.split("."), value)
    if head not in KEYS or rest:
        raise ValueError(f"unknown setting '{key}'" + _suggest(key))
    if head == "template_dirs":
        value: Any = [p for p in text.split(os.pathsep) if p.strip()]
    else:
        value = text
    _, reason = _check(head, value)
    if reason:
        raise ValueError(reason)
    return head, value


#: `[lint]` keys that hold a list of words or phrases.
_LINT_LISTS = ("disable", "enable", "accept", "acronyms", "vocab.accept", "vocab.acronyms")


def _nested(parts: list[str], value: Any) -> dict[str, Any]:
    out: Any = value
    for part in reversed(parts):
        out = {part: out}
    return out


def merged(settings: Settings, key: str, value: Any) -> Settings:
    """`settings` with one key set (tables merged one level deep), validated."""
    if key in ("lint", "keymap", "sla"):
        table = _deep_merge(dict(getattr(settings, key)), value)
        clean, reason = _check(key, table)
    else:
        clean, reason = _check(key, value)
    if reason:
        raise ValueError(reason)
    return replace(settings, **{key: clean})


def _deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for k, v in extra.items():
        if isinstance(v, Mapping) and isinstance(base.get(k), Mapping):
            base[k] = _deep_merge(dict(base[k]), v)
        else:
            base[k] = v
    return base
