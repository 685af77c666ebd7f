"""Big libraries, long lists, big emails: what grows with the user's data, as ratios.

1. Libraries of 31 (the built-ins alone), 300 and 3,000 templates (the built-ins copied
   under new ids into a user folder): `load_catalog` cold (empty cache) and warm, in
   process; `sr-tui list --json` as a process (warm); the picker in process: opening it
   (the scenario index built) and the median keystroke's work (search and rows) typing
   an English and a Chinese query into a new index, over the library and over one of
   the same size whose every text is distinct; the app's start as a process in a pty (warm
   cache; first frame and settled screen, as `startup.py` measures them). Ratios against
   the built-ins alone; the `list --json` runs and the starts of the sizes are
   interleaved.
2. B1 with 1, 50 and 200 items: opening it (from A1, the items already on the case) and
   one keystroke in its first item (the case updated, the preview and lint panel shown),
   CPU time in process. Ratios against 1 item. Each open starts from a collected heap
   (`gc.collect()` first): otherwise a full collection owed to the steps before falls
   into whichever open happens to cross the collector's threshold, and the medians swing
   with it (a 1-item open measured 51 ms in one run and 143 ms in the next).
3. A 50 KB body (A2's "current_status" holding 50 KB of prose): one keystroke's work
   through the screen (`ComposeScreen.set_value`: above 20,000 characters the refresh
   waits for a pause in the keys) and the full refresh (`refresh_output`), against the
   same with a one-line value.

Goals (issue 12): warm start with 3,000 templates at most 1.5x the built-ins alone
(the app's start, and `list --json`); picker keystroke within a frame (16 ms);
a 200-item B1 opening at most 1.5x a 1-item one.

    python benchmarks/scale.py [--runs 5] [--sizes 31,300,3000] [--only libraries]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _timing import sr_tui_command, time_commands, time_interleaved, user_like_env
from startup import first_full_frame

SIZE = (120, 36)
PROSE = (
    "We are analysing the logs you uploaded and comparing them with the kernel's messages "
    "from the same hour; the next update will follow by Friday 17:00 UTC. "
)


def make_library(folder: Path, count: int, distinct: bool = False) -> None:
    """`count` - 31 user templates: the built-ins copied under new ids; `distinct`: with
    a word of their own (English and Chinese) added to every title, when, scenario and
    keyword list, so that no two texts are the same (copies share the index's work)."""
    from sr_tui.core.templates.catalog import builtin_dir, template_files

    folder.mkdir(parents=True, exist_ok=True)
    sources = list(template_files(builtin_dir()))
    for n in range(max(0, count - 31)):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r'^id = "(\w+)"', rf'id = "\1U{n}"', text, count=1, flags=re.M)
        if distinct:
            word = f"w{n}"
            word_zh = chr(0x4E00 + n * 7 % 20000) + chr(0x4E00 + (n * 13 + 5) % 20000)
            for key in ("title", "when", "scenario"):
                text = re.sub(rf'^({key} = ".*)"$', rf'\1 {word}"', text, count=1, flags=re.M)
                text = re.sub(rf'^({key}_zh = ".*)"$', rf'\1{word_zh}"', text, count=1, flags=re.M)
            text = text.replace("keywords = [", f'keywords = ["{word}", "{word_zh}",', 1)
        (folder / f"u{n:05d}-{source.name}").write_text(text, encoding="utf-8")


#: A picker query typed one key at a time, in English and in Chinese.
TYPED = ("c", "cu", "cus", "cust", "custo", "custom", "customer", "")
TYPED_ZH = ("客", "客户", "客户没", "客户没回", "客户没回复", "bug 复现")


def typing(catalog, queries: tuple[str, ...]) -> float:
    """The median keystroke's work over `queries` typed in order into a new index (what
    it finds out about a character the first time is kept for the next keys)."""
    from sr_tui.core.templates.scenario_index import ScenarioIndex

    index = ScenarioIndex(catalog.templates)
    return statistics.median(cpu(lambda q=q: picker_keystroke(index, q)) for q in queries)


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def libraries(sizes: list[int], runs: int, tmp: Path) -> None:
    from sr_tui.core.templates.catalog import load_catalog
    from sr_tui.core.templates.scenario_index import ScenarioIndex

    print("1. template libraries (ratios against the 31 built-ins alone, same run)")
    rows: dict[int, dict[str, float]] = {}
    env = user_like_env(tmp / "pyc")
    commands = {}
    for count in sizes:
        folder = tmp / f"lib{count}"
        make_library(folder, count)
        dirs = [folder] if count > 31 else []
        cold, warm = [], []
        for run in range(runs):
            cache = tmp / f"cache{count}-{run}"
            os.environ["SR_TUI_CACHE"] = str(cache)
            cold.append(cpu(lambda dirs=dirs: load_catalog(dirs)))
            warm.append(cpu(lambda dirs=dirs: load_catalog(dirs)))
        catalog = load_catalog(dirs)
        index_built = cpu(lambda catalog=catalog: ScenarioIndex(catalog.templates))
        distinct = tmp / f"distinct{count}"
        make_library(distinct, count, distinct=True)
        apart = load_catalog([distinct] if count > 31 else [])
        apart_built = cpu(lambda apart=apart: ScenarioIndex(apart.templates))
        rows[count] = {
            "catalog load, cold": statistics.median(cold),
            "catalog load, warm": statistics.median(warm),
            "picker index built": index_built,
            "picker keystroke (search + 50 rows)": typing(catalog, TYPED),
            "picker keystroke, Chinese": statistics.median(
                typing(catalog, TYPED_ZH) for _ in range(runs)
            ),
            "every text distinct: index built": apart_built,
            "every text distinct: keystroke": typing(apart, TYPED),
            "every text distinct: Chinese": statistics.median(
                typing(apart, TYPED_ZH) for _ in range(runs)
            ),
        }
        # Through `env`, so that the sizes' runs can be interleaved (noise hits all alike).
        commands[count] = [
            "env",
            f"SR_TUI_TEMPLATES={folder if dirs else ''}",
            f"SR_TUI_CACHE={tmp / f'cache{count}-0'}",
            *sr_tui_command(),
            "list",
            "--json",
        ]
    listing = time_commands(commands, runs, env=env)
    starts = app_starts(sizes, runs, tmp, env)
    base = rows[sizes[0]]
    for name in base:
        cells = [
            f"{rows[c][name] * 1000:8.1f} ms {rows[c][name] / base[name]:5.2f}x" for c in sizes
        ]
        print(f"  {name:<38} " + "  ".join(cells))
    cells = [f"{listing[c] * 1000:8.1f} ms {listing[c] / listing[sizes[0]]:5.2f}x" for c in sizes]
    print(f"  {'sr-tui list --json (process, warm)':<38} " + "  ".join(cells))
    for i, name in enumerate(("first frame", "settled")):
        base_start = starts[sizes[0]][i]
        cells = [f"{starts[c][i] * 1000:8.1f} ms {starts[c][i] / base_start:5.2f}x" for c in sizes]
        print(f"  {'app start (pty, warm), ' + name:<38} " + "  ".join(cells))
    print("  columns: " + ", ".join(f"{c} templates" for c in sizes))


def app_starts(
    sizes: list[int], runs: int, tmp: Path, env: dict[str, str]
) -> dict[int, tuple[float, float]]:
    """`sr-tui` launched in a pty over each library (its catalog cache warm from the
    loads above): medians of first frame and settled screen, the sizes interleaved."""
    measures = {}
    for count in sizes:
        start_env = {
            **env,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "SR_TUI_TEMPLATES": str(tmp / f"lib{count}") if count > 31 else "",
            "SR_TUI_CACHE": str(tmp / f"cache{count}-0"),
            "SR_TUI_DATA": str(tmp / f"data-start{count}"),
        }
        measures[count] = lambda e=start_env: first_full_frame(sr_tui_command(), e)
    samples = time_interleaved(measures, runs)
    return {
        count: tuple(statistics.median(s[i] for s in values) for i in (0, 1))
        for count, values in samples.items()
    }


def picker_keystroke(index, query: str) -> None:
    """What a picker keystroke computes: the search and the rows it shows."""
    from sr_tui.screens import picker

    rows = getattr(picker, "MAX_ROWS", None)
    if rows and hasattr(index, "top"):  # the best rows and how many match
        hits, _ = index.top(query, rows)
    else:  # before `top`; before the row cap the picker made a row for every hit
        hits = index.search(query)[:rows]
    [picker.PickerScreen._row(hit.template) for hit in hits]


async def lists_and_bodies(runs: int) -> None:
    from sr_tui.launch import make_app

    app = make_app(system_clipboard=lambda text: None)
    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            await app.workers.wait_for_complete()
            await pilot.pause()

        async def open_b1(items: int) -> tuple[float, float]:
            app.open_template("A1")
            await settle()
            app.workspace.set_value("items", [f"item {n}: the kernel log" for n in range(items)])
            gc.collect()
            start = time.process_time()
            app.open_template("B1")
            await settle()
            opened = time.process_time() - start
            start = time.process_time()
            app.workspace.set_value("items", [f"item {n}: the kernel logs" for n in range(items)])
            app.draft.refresh_output()
            return opened, time.process_time() - start

        print("2. B1 with a long list (CPU, in process; ratios against 1 item)")
        results = {}
        for _ in range(runs):
            for items in (1, 50, 200):
                results.setdefault(items, []).append(await open_b1(items))
        base = [statistics.median(r[i] for r in results[1]) for i in (0, 1)]
        for items, samples in results.items():
            opened, key = (statistics.median(r[i] for r in samples) for i in (0, 1))
            print(
                f"  {items:>3} items: open {opened * 1000:8.1f} ms {opened / base[0]:5.2f}x   "
                f"keystroke work {key * 1000:7.2f} ms {key / base[1]:5.2f}x"
            )

        print("3. a 50 KB body: one keystroke's work through the screen (ComposeScreen.set_value)")
        print("   and the full render + lint + preview + lint panel (refresh_output)")
        app.open_template("A2")
        await settle()
        big = (PROSE * (50_000 // len(PROSE) + 1))[:50_000]
        times = {}
        for name, text in (("one line", PROSE), ("50 KB", big)):
            app.draft.set_value("current_status", text)
            await pilot.pause(0.5)
            keys, full = [], []
            for n in range(runs * 4):
                value = text + "x" * (n % 2 + 1)
                keys.append(cpu(lambda value=value: app.draft.set_value("current_status", value)))
                full.append(cpu(app.draft.refresh_output))
            times[name] = statistics.median(keys), statistics.median(full)
            await pilot.pause(0.5)
        for name, (key, full) in times.items():
            base_key, base_full = times["one line"]
            print(
                f"  {name:<9} keystroke {key * 1000:8.2f} ms {key / base_key:6.1f}x one line   "
                f"full refresh {full * 1000:8.2f} ms {full / base_full:6.1f}x one line"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="31,300,3000")
    parser.add_argument(
        "--only", choices=("libraries", "lists"), help="run only part 1, or only parts 2 and 3"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="sr-tui-scale-"))
    try:
        config = tmp / "config.toml"
        config.write_text('your_name = "Sam Lee"\nyour_team = "Platform"\n', encoding="utf-8")
        os.environ.update(SR_TUI_CONFIG=str(config), SR_TUI_DATA=str(tmp / "data"))
        os.environ.pop("SR_TUI_TEMPLATES", None)
        load = os.getloadavg()
        print(f"load average {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
        if args.only != "lists":
            libraries(sizes, args.runs, tmp)
        if args.only != "libraries":
            os.environ["SR_TUI_CACHE"] = str(tmp / "cache-app")
            asyncio.run(lists_and_bodies(args.runs))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
