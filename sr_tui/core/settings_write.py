"""Writing the settings file: in place (only what changed, comments kept), atomically.

Writing edits the file in place (only the settings that changed; the user's comments,
order and unknown keys stay), then goes through `atomic.py`: temporary file next to the
real file (through a symlink), fsync, rename, the file's mode kept, so a crash mid-write
leaves the old file.
"""

from __future__ import annotations

import errno
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sr_tui.core import locations
from sr_tui.core.atomic import atomic_write_text
from sr_tui.core.settings import _DEFAULTS, KEYS, Settings, settings_from_table


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
