"""The `[keymap]` table checked: binding ids that exist, keys Textual knows, no key taken
twice. What is wrong is reported and that binding keeps its default key, so a mistake in
the settings can never leave the app without a way to quit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@dataclass(frozen=True)
class KeymapProblem:
    #: "unknown" (no such binding id), "invalid" (not a key), "duplicate" (key taken).
    kind: Literal["unknown", "invalid", "duplicate"]
    binding_id: str
    keys: str
    #: The key at fault ("" for an unknown id).
    key: str = ""
    #: For a duplicate: the binding id that has the key.
    other: str = ""


def _classes() -> dict[str, tuple[type, ...]]:
    """Our bindings, by where they are live together: the app's own bindings work on
    every screen, so each screen's are checked with them."""
    from sr_tui.app import SrTuiApp
    from sr_tui.screens.assign import AssignScreen
    from sr_tui.screens.case import CaseScreen
    from sr_tui.screens.cases import CasesScreen
    from sr_tui.screens.compose import ComposeScreen
    from sr_tui.screens.confirm import ConfirmScreen
    from sr_tui.screens.first_run import FirstRunScreen
    from sr_tui.screens.help import HelpScreen
    from sr_tui.screens.picker import PickerScreen
    from sr_tui.screens.settings import SettingsScreen
    from sr_tui.widgets.email_editor import EmailEditor
    from sr_tui.widgets.field_editors import FieldInput
    from sr_tui.widgets.lint_panel import LintPanel
    from sr_tui.widgets.list_editor import ItemInput
    from sr_tui.widgets.preview import Preview

    return {
        "compose": (
            SrTuiApp,
            ComposeScreen,
            EmailEditor,
            FieldInput,
            ItemInput,
            LintPanel,
            Preview,
        ),
        "confirm": (SrTuiApp, ConfirmScreen),
        "first_run": (SrTuiApp, FirstRunScreen),
        "help": (SrTuiApp, HelpScreen),
        "picker": (SrTuiApp, PickerScreen),
        "settings": (SrTuiApp, SettingsScreen),
        "cases": (SrTuiApp, CasesScreen),
        "case": (SrTuiApp, CaseScreen),
        "assign": (SrTuiApp, AssignScreen),
    }


def _bindings(classes: tuple[type, ...]) -> list[tuple[str, str]]:
    """(binding id, default keys) of the bindings with an id."""
    out = []
    for cls in classes:
        for binding in cls.BINDINGS:
            binding_id = getattr(binding, "id", None)
            if binding_id:
                out.append((binding_id, binding.key))
    return out


def known_binding_ids() -> set[str]:
    return {bid for classes in _classes().values() for bid, _ in _bindings(classes)}


@lru_cache(maxsize=1)
def _key_names() -> frozenset[str]:
    """Every key name Textual gives a key that is not a single character: "f5", "up",
    "pagedown", and the names of the ASCII punctuation keys ("question_mark", "plus")."""
    from textual.keys import Keys, _character_to_key

    names = {k.value.rpartition("+")[2] for k in Keys}
    names |= {_character_to_key(chr(c)) for c in range(0x21, 0x7F)}
    return frozenset(n for n in names if n and not n.startswith("<"))


def _normal(key: str) -> str:
    """A key as Textual writes it ("?" -> "question_mark")."""
    from textual.keys import _character_to_key

    return _character_to_key(key) if len(key) == 1 else key


def is_key(key: str) -> bool:
    """True when `key` names a key Textual can bind: modifiers (ctrl, shift, alt, meta,
    super, hyper, each once) and a key: "ctrl+shift+up", "f5", "question_mark", "a"."""
    *modifiers, name = key.split("+")
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    return name in _key_names()


def _split(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",")]


def checked_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[KeymapProblem]]:
    """The entries of `keymap` that can be applied, and the problems of the others (those
    bindings keep their default keys)."""
    known = known_binding_ids()
    problems: list[KeymapProblem] = []
    clean: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            problems.append(KeymapProblem("unknown", binding_id, keys))
            continue
        bad = next((k for k in _split(keys) if not is_key(k)), None)
        if bad is not None:
            problems.append(KeymapProblem("invalid", binding_id, keys, bad))
            continue
        clean[binding_id] = keys
    # A key bound twice where both are live: drop the overrides involved until none is
    # left (dropping one brings its default back, which may clash in turn).
    while True:
        clash = _first_clash(clean)
        if clash is None:
            return clean, problems
        binding_id, key, other = clash
        problems.append(KeymapProblem("duplicate", binding_id, keymap[binding_id], key, other))
        del clean[binding_id]


def _first_clash(overrides: Mapping[str, str]) -> tuple[str, str, str] | None:
    """(overridden id, key, the other id) for the first key two bindings share in one
    place, where at least one of them has an override."""
    for classes in _classes().values():
        owner: dict[str, str] = {}
        for binding_id, default in _bindings(classes):
            keys = overrides.get(binding_id, default)
            for key in dict.fromkeys(_normal(k) for k in _split(keys)):
                other = owner.get(key)
                if other is None or other == binding_id:
                    owner[key] = binding_id
                    continue
                if binding_id in overrides:
                    return binding_id, key, other
                if other in overrides:
                    return other, key, binding_id
    return None
