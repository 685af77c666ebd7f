"""Start-up time of the app: launch to the first full frame, in a pseudo-terminal.

`sr-tui` against a bare Textual app with the same kinds of widgets (Header, Tree, a
VerticalScroll of Label + Input + Static, a Static preview, an OptionList, Footer),
both launched the same way: a Python process on the slave side of a 120x36 pty, with
config and data in a temporary directory.

"First full frame" is when everything a user needs to start is on the terminal: the
pty output (escape sequences stripped) contains the footer's "Find template" key, a
tree leaf ("A1 New case received") and the preview's text ("Choose a template"). The
footer's keys and the preview are filled in by the last steps of mounting, so they only
appear in a complete first frame. "Settled" is the last output before the terminal goes
quiet for 0.4 s after that frame: what follows the first frame (restyling, a footer
recomposed, the draft restored late) counts there; a blinking cursor does not (a focused
input draws its line again every half second for as long as it runs: blinks are told by
their beat, `settled_at`). Then the process is killed.

Three users, each against the bare app in the same run, runs interleaved:

- fresh: a configured user with no saved case (the markers above);
- returning: a saved draft (B2 for SR 3-7654321 with values): the first frame must show
  the case ("SR 3-7654321" and "Hi Alice," on screen, the footer's keys);
- first run: no settings file, so the app asks for a name ("Welcome to sr-tui").

Budget (DESIGN.md §7, issue 12): sr-tui at most 1.25x the bare app, first frame and
settled, for each: the median over the rounds of each round's ratio (`paired_ratio`).

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

from _timing import sr_tui_command, time_interleaved, user_like_env

COLUMNS, ROWS = 120, 36
BUDGET = 1.25
TIMEOUT = 30.0
MARKERS = ("Find template", "A1 New case received", "Choose a template")

#: A bare Textual app with the same kinds of widgets as sr-tui's main screen.
BARE_APP = '''
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Static, Tree

CATEGORIES = {
    "A Case lifecycle": ["A1 New case received", "A2 Progress update", "A3 Diagnostic data"],
    "B Information requests": [f"B{n} Request item {n}" for n in range(1, 8)],
    "C Escalation": ["C1 Escalation notice"],
    "D Before closing": [f"D{n} Before closing {n}" for n in range(1, 5)],
    "E Closing cases": [f"E{n} Closing {n}" for n in range(1, 5)],
    "F Feedback": ["F1 Request feedback", "F2 Thanks"],
    "G Scope and policy": [f"G{n} Policy {n}" for n in range(1, 6)],
    "H Bugs": [f"H{n} Bug {n}" for n in range(1, 6)],
}
CSS = """
#main { height: 1fr; }
#tree { width: 34; border: round $primary 40%; background: $surface; }
#form { width: 1fr; border: round $primary 40%; padding: 0 1; }
#right { width: 1fr; }
#preview { height: 2fr; border: round $primary 40%; padding: 0 1; background: $surface; }
#lint { height: 1fr; border: round $primary 40%; }
.field { height: auto; margin: 0 0 1 0; }
.field-label { color: $text-primary; text-style: bold; }
"""


class Bare(App):
    CSS = CSS
    TITLE = "bare"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("ctrl+f", "find", "Find template", priority=True),
        Binding("ctrl+y", "copy", "Copy email"),
        Binding("ctrl+n", "new", "New case"),
    ]

    def compose(self):
        yield Header()
        with Horizontal(id="main"):
            tree = Tree("root", id="tree")
            tree.show_root = False
            for category, leaves in CATEGORIES.items():
                branch = tree.root.add(category, expand=True)
                for leaf in leaves:
                    branch.add_leaf(leaf)
            yield tree
            with VerticalScroll(id="form"):
                for name in ("Customer name", "SR number", "Issue summary", "Timeframe"):
                    with Vertical(classes="field"):
                        yield Label(name, classes="field-label")
                        yield Input(placeholder=f"[{name}]", compact=True)
                        yield Static(f"Help for {name}.")
            with Vertical(id="right"):
                with VerticalScroll(id="preview"):
                    yield Static("Choose a template on the left, or press ctrl+f.")
                yield OptionList("No findings: ready to send.", id="lint")
        yield Footer()


Bare().run()
'''

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # other two-byte escapes
)


QUIET = 0.4
#: A focused input's cursor blinks: its line is drawn again every half second, for ever.
BLINK_PERIOD = 0.5
BLINK_SLACK = 0.06
#: A blink redraws one line or so; anything bigger is the app still settling.
BLINK_BYTES = 2048
RETURNING_MARKERS = ("Find template", "SR 3-7654321", "Hi Alice,")
FIRST_RUN_MARKERS = ("Welcome to sr-tui",)


def first_full_frame(
    argv: Sequence[str], env: dict[str, str], markers: Sequence[str] = MARKERS
) -> tuple[float, float]:
    """Seconds from spawning `argv` in a fresh pty until every marker is on screen, and
    until the last output before the terminal stays quiet for `QUIET` seconds, a blinking
    cursor aside (`settled_at`)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    raw = ""
    frame = None
    writes: list[tuple[float, int]] = []  # (when, bytes) of each read from the frame on
    quiet_after = None  # the last output before the first QUIET seconds of quiet
    try:
        while True:
            elapsed = time.perf_counter() - start
            if elapsed > TIMEOUT:
                raise TimeoutError(f"{argv[0]}: no full frame in {TIMEOUT:g} s:\n{_tail(raw)}")
            if quiet_after is not None:
                # Watch two blink periods more: a blink goes on, settling does not.
                wait = quiet_after + 2 * (BLINK_PERIOD + BLINK_SLACK) - elapsed
                if wait <= 0:
                    return frame, settled_at(writes, quiet_after)
            else:
                wait = QUIET if frame is not None else 0.5
            ready, _, _ = select.select([master], [], [], wait)
            if not ready:
                if frame is not None and quiet_after is None:
                    quiet_after = writes[-1][0]
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} exited before its first full frame:\n{_tail(raw)}")
            now = time.perf_counter() - start
            if frame is not None:
                writes.append((now, len(chunk)))
                continue
            raw += decoder.decode(chunk)
            # Strip escapes from everything read so far: a sequence may span two reads.
            screen = _ESCAPES.sub("", raw)
            if all(marker in screen for marker in markers):
                frame = now
                writes.append((now, len(chunk)))
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def settled_at(writes: Sequence[tuple[float, int]], quiet_after: float) -> float:
    """`quiet_after` (the last output before the first `QUIET` seconds of quiet), unless
    that output was a blinking cursor: then the last output before the blinking began.

    A blink is a small output (a focused input's line drawn with its cursor on, then off,
    each about the same size) that recurs every `BLINK_PERIOD` until the end: three of
    them at least. A bare app with no focused input has none; an app whose cursor
    blinks once before the screen is quiet would otherwise be charged half a second."""
    run = len(writes) - 1  # where the periodic run at the end of `writes` begins
    while run > 0:
        (before, size), (when, last) = writes[run - 1], writes[run]
        if size > BLINK_BYTES or last > BLINK_BYTES or max(size, last) > 1.5 * min(size, last):
            break  # a blink draws the same line again, cursor on or off: about one size
        if abs(when - before - BLINK_PERIOD) > BLINK_SLACK:
            break
        run -= 1
    blinking = len(writes) - run >= 3 and writes[run][0] <= quiet_after
    if not blinking or run == 0:
        return quiet_after
    return writes[run - 1][0]


def _tail(raw: str) -> str:
    return _ESCAPES.sub("", raw)[-2000:]


def save_draft(env: dict[str, str]) -> None:
    """A returning user's saved case: B2 for SR 3-7654321, typed into the compose screen
    (which shows the email and its findings after each value, as it does for every key)
    and saved by the app itself."""
    code = """
import asyncio
from sr_tui.launch import make_app
async def main():
    app = make_app(system_clipboard=lambda text: None)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_template("B2")
        await app.workers.wait_for_complete()
        for field, value in {"customer_name": "Alice", "sr_number": "SR 3-7654321",
                             "issue_summary": "the NFS hang on app01"}.items():
            app.draft.set_value(field, value)
        app.save_now()
asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def paired_ratio(
    values: Sequence[tuple[float, float]], bare: Sequence[tuple[float, float]], i: int
) -> float:
    """The median over rounds of value / bare, both launched in the same round (seconds
    apart): the host's speed drifts during a run (by a third, on a shared machine), and a
    ratio of two medians would mix its moments."""
    return statistics.median(v[i] / b[i] for v, b in zip(values, bare, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sr-tui-bench-") as tmp:
        base_env = {
            **user_like_env(Path(tmp) / "pyc"),
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
        }
        for name in ("SR_TUI_TEMPLATES", "SR_TUI_LANG", "COLUMNS", "LINES", "TEXTUAL"):
            base_env.pop(name, None)
        envs = {}
        for user in ("fresh", "returning", "first run"):
            home = Path(tmp) / user.replace(" ", "-")
            home.mkdir()
            config = home / "config.toml"
            if user != "first run":
                # A configured user: no first-run questions before the main screen.
                config.write_text('your_name = "Sam Lee"\nyour_team = "Platform"\n', "utf-8")
            envs[user] = {
                **base_env,
                "SR_TUI_CONFIG": str(config),
                "SR_TUI_DATA": str(home / "data"),
                "SR_TUI_CACHE": str(home / "cache"),
            }
        save_draft(envs["returning"])
        bare = [sys.executable, "-c", BARE_APP]
        markers = {"fresh": MARKERS, "returning": RETURNING_MARKERS, "first run": FIRST_RUN_MARKERS}
        measures = {"bare Textual app": lambda: first_full_frame(bare, envs["fresh"])}
        for user, env in envs.items():
            measures[f"sr-tui, {user}"] = lambda env=env, m=markers[user]: first_full_frame(
                sr_tui_command(), env, m
            )
        samples = time_interleaved(measures, runs=args.runs)
    print(f"launch to first full frame / settled screen in a {COLUMNS}x{ROWS} pty,")
    print(f"median of {args.runs} runs (settled: last output before {QUIET:g} s of quiet);")
    print("ratios: the median over rounds of sr-tui / bare, each round launching every one once")
    bare_runs = samples["bare Textual app"]
    worst = 0.0
    for name, values in samples.items():
        frame, settled = (statistics.median(v[i] for v in values) for i in (0, 1))
        ratios = [paired_ratio(values, bare_runs, i) for i in (0, 1)]
        if name != "bare Textual app":
            worst = max(worst, *ratios)
        print(
            f"  {name:<22} first frame {frame * 1000:7.1f} ms {ratios[0]:5.2f}x bare   "
            f"settled {settled * 1000:7.1f} ms {ratios[1]:5.2f}x bare"
        )
    print("    sr-tui command: " + " ".join(sr_tui_command()))
    verdict = "OK" if worst <= BUDGET else "OVER"
    print(f"budget: at most {BUDGET:.2f}x; worst sr-tui/bare = {worst:.2f}x -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
