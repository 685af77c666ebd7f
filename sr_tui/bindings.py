"""Binding descriptions in the UI language.

Bindings are data (STYLE.md §7): every binding with an id in the string table gets its
description in the UI language. Textual keeps bindings per class and copies them onto
each node, so the translated copies replace them on the live node: when a screen or
widget of ours mounts, and on every node when the language changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sr_tui.i18n import STRINGS, Language, tr

if TYPE_CHECKING:
    from textual.dom import DOMNode


def translate(node: DOMNode, language: Language) -> None:
    """Translate one node's bindings (uses Textual's per-node binding map; Textual is
    pinned at 8.2.8 and the Chinese footer and help are tested)."""
    key_map = node._bindings.key_to_bindings
    for key, bindings in key_map.items():
        key_map[key] = [
            replace(b, description=tr(b.id, language)) if b.id in STRINGS else b for b in bindings
        ]


def translate_tree(root: DOMNode, language: Language) -> None:
    """Translate `root` and everything below it."""
    translate(root, language)
    for node in root.walk_children():
        translate(node, language)


class TranslatedBindings:
    """Mixin for our screens and widgets: their bindings are translated when they mount
    (Textual calls `on_mount` of every class in the MRO that defines one)."""

    def on_mount(self) -> None:
        language = getattr(self.app, "language", "en")  # type: ignore[attr-defined]
        translate(self, language)  # type: ignore[arg-type]
