"""Pilot-test fixtures: async tests without a plugin, and the app with a stub clipboard.

`async def test_...` functions here run through `asyncio.run` (`pytest_pyfunc_call`
below), so no pytest-asyncio dependency is needed.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sr_tui.app import SrTuiApp
from sr_tui.core import locations
from sr_tui.launch import make_app

from .helpers import StubClipboard, record_notices

#: No single Pilot test may take longer than this (a hang fails instead of stalling CI).
TEST_TIMEOUT = 60


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests with `asyncio.run`."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(asyncio.wait_for(pyfuncitem.obj(**kwargs), timeout=TEST_TIMEOUT))
    return True


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch) -> None:
    """Cursors that do not blink: a screenshot shows the cursor whatever the moment it
    is taken (a blink every half second made a snapshot depend on how long the test
    took to get there)."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def clipboard_stub() -> Iterator[StubClipboard]:
    """A working system clipboard; tests switch `.mode` to "raise" or "hang"."""
    stub = StubClipboard()
    yield stub
    stub.release.set()


@pytest.fixture
def make(clipboard_stub) -> Callable[..., SrTuiApp]:
    """Build the app the way the CLI does (`make_app`), with the stub system clipboard
    unless the test passes its own `system_clipboard`."""

    def build(**kwargs) -> SrTuiApp:
        kwargs.setdefault("system_clipboard", clipboard_stub)
        return record_notices(make_app(**kwargs))

    return build


@pytest.fixture
def clipboard_file() -> Path:
    """`<SR_TUI_DATA>/clipboard.txt`; SR_TUI_DATA is a fresh tmp dir for every test."""
    return locations.clipboard_file()
