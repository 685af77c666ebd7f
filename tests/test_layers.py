"""The import contract, checked on the source (every import, including those inside
functions): `core` imports neither `workspace`, `cli` nor any UI module, nor Textual or
Rich; `workspace` and its `workspace_*` modules import no Textual, Rich, UI module or
`cli`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sr_tui"
UI = ("sr_tui.app", "sr_tui.screens", "sr_tui.widgets", "sr_tui.bindings", "sr_tui.commands")
UI += ("sr_tui.notices", "sr_tui.keymap", "sr_tui.launch", "sr_tui.key_order")
UI += ("sr_tui.case_actions", "sr_tui.screen_actions", "textual", "rich")
FORBIDDEN = {
    "core": (*UI, "sr_tui.workspace", "sr_tui.cli"),
    "workspace": (*UI, "sr_tui.cli"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def violations(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imported_modules(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


CORE_FILES = sorted((PACKAGE / "core").rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_imports_no_ui_workspace_or_cli(path):
    assert violations(path, FORBIDDEN["core"]) == []


WORKSPACE_FILES = sorted(PACKAGE.glob("workspace*.py"))


def test_workspace_files_are_found():
    assert PACKAGE / "workspace.py" in WORKSPACE_FILES and len(WORKSPACE_FILES) > 1


@pytest.mark.parametrize("path", WORKSPACE_FILES, ids=lambda p: p.name)
def test_workspace_imports_no_ui_or_cli(path):
    assert violations(path, FORBIDDEN["workspace"]) == []


def test_the_contract_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from textual.app import App\n    import sr_tui.cli\n")
    assert violations(bad, FORBIDDEN["core"]) == ["sr_tui.cli", "textual.app", "textual.app.App"]
