"""The core and the CLI's non-app paths never import Textual (a fresh interpreter proves it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = "import sys; {code}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"


def modules_after(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)], capture_output=True, text=True, check=True
    )
    return proc.stdout.strip()


@pytest.mark.parametrize(
    "code",
    [
        "import sr_tui.core",
        "import sr_tui.core.templates.catalog, sr_tui.core.templates.render, sr_tui.core.templates.flow",
        "import sr_tui.core.lint",
        "import sr_tui.workspace",
        "import pkgutil, sr_tui.core as c; [__import__(m.name) for m in "
        "pkgutil.walk_packages(c.__path__, 'sr_tui.core.')]",
    ],
)
def test_core_never_imports_textual(code):
    assert modules_after(code) == "[]"


@pytest.mark.parametrize(
    "argv",
    [["render", "A1"], ["list", "--json"], ["show", "B2"], ["templates", "check"], ["lint", "-"]],
)
def test_cli_commands_never_import_textual(argv):
    code = (
        "import io, contextlib; from sr_tui.cli import main; sys.stdin = io.StringIO('Subject: x');"
        f"buf = io.StringIO(); contextlib.redirect_stdout(buf).__enter__(); main({argv!r});"
        "sys.stdout = sys.__stdout__"
    )
    assert modules_after(code) == "[]"


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run(
        [sys.executable, "-m", "sr_tui", "render", "G5", "--part", "subject"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Support Contract Inquiry\n"


@pytest.mark.parametrize("module", ["jinja2", "sr_tui.core.lint.engine"])
def test_the_app_loads_jinja2_and_the_lint_engine_when_first_needed(module):
    """Importing the app (all a fresh start's first frame needs) loads neither: Jinja2
    comes with the first render, the lint engine with the first lint."""
    code = "import sys, sr_tui.launch, sr_tui.core.templates.render; print(sorted(sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"'{module}'" not in proc.stdout
    assert "'sr_tui.app'" in proc.stdout


@pytest.mark.parametrize(
    "module",
    ["sr_tui.core.templates.render", "sr_tui.core.templates.flow", "sr_tui.core.cases.model"],
)
def test_the_app_loads_the_renderer_and_the_case_model_when_first_needed(module):
    """Nor the renderer and its layout (a first frame from the snapshot, or with no
    template, renders nothing) or the case model (the store opens after the first frame)."""
    code = "import sys, sr_tui.launch; print(sorted(sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"'{module}'" not in proc.stdout
    assert "'sr_tui.app'" in proc.stdout


@pytest.mark.parametrize(
    "module", ["sr_tui.core.cases.search", "sr_tui.core.cases.search_query", "sr_tui.core.lint"]
)
def test_the_clocks_path_loads_neither_search_nor_lint(module):
    """The compose screen's clocks line, read after the first frame, opens the store and
    reads one case (the last output of a returning user's start): the search code
    comes with the first search, not with the store."""
    code = (
        "import sys, sr_tui.core.cases.keeper, sr_tui.core.cases.sqlite_store, "
        "sr_tui.core.cases.postgres_store, sr_tui.core.cases.sla; print(sorted(sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"'{module}'" not in proc.stdout
    assert "'sr_tui.core.cases.sla'" in proc.stdout
