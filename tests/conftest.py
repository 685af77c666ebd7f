"""Shared fixtures: every test runs with its own config, data and template locations."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

import pytest

from sr_tui.core.templates.catalog import Catalog, load_catalog

# Session-wide fixtures load templates before any per-test fixture runs: keep the parse
# cache out of the user's cache dir from the start.
os.environ["SR_TUI_CACHE"] = tempfile.mkdtemp(prefix="sr-tui-test-cache-")

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
EXPECTED = TESTS / "expected"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    """Keep the user's real config, data and template dirs out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SR_TUI_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("SR_TUI_DATA", str(home / "data"))
    monkeypatch.setenv("SR_TUI_CACHE", str(home / "cache"))
    monkeypatch.delenv("SR_TUI_TEMPLATES", raising=False)
    monkeypatch.delenv("SR_TUI_LANG", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    loaded = load_catalog([])
    assert not loaded.errors, [str(e) for e in loaded.errors]
    return loaded


@pytest.fixture(scope="session")
def realistic_values() -> dict:
    return tomllib.loads((FIXTURES / "realistic_values.toml").read_text(encoding="utf-8"))


def expected_text(template_id: str) -> str:
    return (EXPECTED / f"{template_id}.txt").read_text(encoding="utf-8").removesuffix("\n")
