"""The hostile-input suite: every attack of issue 11 run as a new user meets it.

CLI attacks run `python -m sr_tui ...` in a fresh process with SR_TUI_CONFIG, SR_TUI_DATA,
SR_TUI_CACHE and SR_TUI_TEMPLATES pointed at this test's folders, and a timeout, so a
hang fails the test instead of stalling the suite. App attacks are Pilot tests built
like those in tests/app (the same fixtures and async runner).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The Pilot tests' runner for `async def` tests and their fixtures (tests/app).
from app.conftest import clipboard_stub, make, pytest_pyfunc_call  # noqa: F401

#: No CLI attack may take longer than this.
CLI_TIMEOUT = 20


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Home:
    """A new user's machine: their config file, data, cache and template folders."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "config" / "config.toml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SR_TUI_")}
        env |= {
            "SR_TUI_CONFIG": str(self.config),
            "SR_TUI_DATA": str(self.data),
            "SR_TUI_CACHE": str(self.cache),
            "SR_TUI_TEMPLATES": str(self.templates),
            "PYTHONIOENCODING": "utf-8",
        }
        return env

    def write_config(self, text: str, mode: int = 0o644) -> Path:
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(text, encoding="utf-8")
        self.config.chmod(mode)
        return self.config

    def template(self, name: str, text: str) -> Path:
        path = self.templates / name
        path.write_text(text, encoding="utf-8")
        return path

    def run(
        self, *args: str, stdin: bytes | None = None, timeout: float = CLI_TIMEOUT, env=None
    ) -> Result:
        """`python -m sr_tui ARGS` as the user would run it (bytes in, text out)."""
        proc = subprocess.run(
            [sys.executable, "-m", "sr_tui", *args],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=env or self.env(),
            cwd=self.root,
        )
        return Result(
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    def run_bytes(self, *args: str, timeout: float = CLI_TIMEOUT) -> tuple[int, bytes, str]:
        proc = subprocess.run(
            [sys.executable, "-m", "sr_tui", *args],
            capture_output=True,
            timeout=timeout,
            env=self.env(),
            cwd=self.root,
        )
        return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Home:
    """The user's folders (templates exists and is empty); this process's environment
    points at them too, for the Pilot tests."""
    made = Home(tmp_path)
    made.templates.mkdir()
    for key, value in made.env().items():
        if key.startswith("SR_TUI_"):
            monkeypatch.setenv(key, value)
    return made


TEMPLATE = """\
id = "{id}"
category = "A"
title = {title}
scenario = {scenario}
fields = ["sr_number"]
subject = "Case {{{{ sr_number }}}}"
body = '''
Hi,

{body}

Best regards,
'''
"""


def template_text(
    template_id: str = "Z1",
    body: str = "About {{ sr_number }}.",
    title: str = '"A title"',
    scenario: str = '"A scenario"',
) -> str:
    return TEMPLATE.format(id=template_id, body=body, title=title, scenario=scenario)
