"""One setting changed by name (`sr-tui config set KEY VALUE`): parsed, merged, checked."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sr_tui.core.settings import KEYS, Settings, _check, _suggest
from sr_tui.core.tomlfile import parse_toml


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
