"""Where sr-tui keeps its files. Every path comes from here, with env overrides for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "sr-tui"
CONFIG_ENV = "SR_TUI_CONFIG"
DATA_ENV = "SR_TUI_DATA"
CACHE_ENV = "SR_TUI_CACHE"


def config_path() -> Path:
    """The settings file: `SR_TUI_CONFIG`, else the platform's user config dir."""
    override = os.environ.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def data_dir() -> Path:
    """Drafts, clipboard file and case data: `SR_TUI_DATA`, else the user data dir."""
    override = os.environ.get(DATA_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Disposable speed-ups (the template parse cache): `SR_TUI_CACHE`, else the user
    cache dir. Deleting it costs only time."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def clipboard_file() -> Path:
    return data_dir() / "clipboard.txt"
