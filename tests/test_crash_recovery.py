"""Kill the real app with SIGKILL right after typing; every value comes back on restart."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class PtyApp:
    """`python -m sr_tui` in a pseudo-terminal, its output drained in the background."""

    def __init__(self, env: dict[str, str], size: tuple[int, int] = (120, 36)) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sr_tui"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                tail = self.output[-2000:].decode(errors="replace")
                raise AssertionError(f"never saw {text!r}; exit={self.proc.poll()}; tail={tail!r}")
            time.sleep(0.05)

    def type(self, text: str, pause: float = 0.03) -> None:
        for ch in text:
            os.write(self.master, ch.encode())
            time.sleep(pause)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.master)


def test_sigkill_after_typing_loses_nothing(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('your_name = "Sam Lee"\nyour_team = "Linux"\n', encoding="utf-8")
    data = tmp_path / "data"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SR_TUI_")},
        "SR_TUI_CONFIG": str(config),
        "SR_TUI_DATA": str(data),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    app = PtyApp(env)
    try:
        app.wait_for("Templates")
        app.type("\x06")  # ctrl+f: scenario picker
        app.wait_for("Find a template")
        app.type("not replied")
        time.sleep(0.3)
        app.type("\r")
        time.sleep(0.8)
        app.type("SR 3-7654321")
        time.sleep(1.5)  # drafts are saved within a second of a change
    finally:
        app.kill()
    assert app.proc.returncode == -signal.SIGKILL

    saved = json.loads((data / "draft.json").read_text(encoding="utf-8"))
    assert saved["template_id"] == "B2"
    assert saved["values"]["sr_number"] == "SR 3-7654321"

    # Start again (in-process, same files): the draft is back, in the form and the preview.
    from sr_tui.launch import make_app

    async def restart() -> None:
        os.environ["SR_TUI_CONFIG"] = str(config)
        os.environ["SR_TUI_DATA"] = str(data)
        restarted = make_app(system_clipboard=None)
        async with restarted.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            draft = restarted.draft
            assert draft.template is not None and draft.template.id == "B2"
            assert draft.query_one("#f-sr_number").value == "SR 3-7654321"
            assert "Follow-Up — Information Still Needed for SR 3-7654321" in draft.email.text
            assert "Sam Lee\nLinux Support" in draft.email.text
            messages = [n.message for n in restarted._notifications]
            assert any("Restored your B2 draft for SR 3-7654321 from" in m for m in messages), (
                messages
            )

    asyncio.run(restart())
