"""Memory over a day of opens: RSS after N template opens through Pilot (120x36, headless).

The app opens the 31 built-in templates in turn, as the tree and the picker do
(`app.open_template`), `--opens` times in all, and reports the process's RSS (from
/proc/self/statm, after a `gc.collect()`) after 10 opens and at the end, with the growth
per open in between, and how many editor and footer-key widgets are still alive (gc). The
same run drives a bare Textual app that remounts 10 Inputs per "open" (Textual 8.2.8's own
remount leak) as the baseline.

Goal (issue 12): growth per open under 0.05 MiB.

    python benchmarks/memory.py [--opens 500]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
from pathlib import Path

from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Input

SIZE = (120, 36)
GOAL_MIB = 0.05


def rss_mib() -> float:
    gc.collect()
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def alive(*names: str) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for obj in gc.get_objects():
        name = type(obj).__name__
        if name in counts:
            counts[name] += 1
    return counts


class Bare(App):
    def compose(self):
        yield VerticalScroll(id="form")

    async def reopen(self) -> None:
        form = self.query_one("#form")
        await form.remove_children()
        await form.mount_all([Input(value=f"v{n}", compact=True) for n in range(10)])


async def bare_run(opens: int) -> tuple[float, float, float]:
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        start = rss_mib()
        at10 = start
        for n in range(1, opens + 1):
            await app.reopen()
            await pilot.pause()
            if n == 10:
                at10 = rss_mib()
        return start, at10, rss_mib()


async def sr_tui_run(opens: int) -> tuple[float, float, float, dict[str, int]]:
    from sr_tui.launch import make_app

    app = make_app(system_clipboard=lambda text: None)
    ids = [t.id for t in app.catalog.templates]
    async with app.run_test(size=SIZE) as pilot:
        start = rss_mib()
        at10 = start
        for n in range(1, opens + 1):
            app.open_template(ids[n % len(ids)])
            await app.workers.wait_for_complete()
            await pilot.pause()
            if n == 10:
                at10 = rss_mib()
        end = rss_mib()
        widgets = alive("FieldInput", "FooterKey", "ItemInput", "Label", "Static")
        return start, at10, end, widgets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sr-tui-mem-") as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text('your_name = "Sam Lee"\nyour_team = "Platform"\n', encoding="utf-8")
        os.environ.update(SR_TUI_CONFIG=str(config), SR_TUI_DATA=str(Path(tmp) / "data"))
        os.environ.pop("SR_TUI_TEMPLATES", None)
        # sr-tui first: the bare app's leak would raise the RSS sr-tui starts from.
        s0, s10, s_end, widgets = asyncio.run(sr_tui_run(args.opens))
        b0, b10, b_end = asyncio.run(bare_run(args.opens))
    n = args.opens - 10
    print(f"RSS after template opens through Pilot, {args.opens} opens")
    print(f"  bare app (10 Inputs remounted per open): start {b0:.1f} MiB, after 10 {b10:.1f},")
    print(f"      after {args.opens} {b_end:.1f}: {(b_end - b10) / n:.4f} MiB per open")
    print(f"  sr-tui: start {s0:.1f} MiB, after 10 {s10:.1f}, after {args.opens} {s_end:.1f}:")
    growth = (s_end - s10) / n
    print(f"      {growth:.4f} MiB per open ({growth / max((b_end - b10) / n, 1e-9):.2f}x bare)")
    print("  widgets alive at the end: " + ", ".join(f"{k} {v}" for k, v in widgets.items()))
    verdict = "OK" if growth < GOAL_MIB else "OVER"
    print(f"goal: under {GOAL_MIB} MiB per open -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
