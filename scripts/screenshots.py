"""Write the README screenshots: drive the real app and save one SVG per state.

    python scripts/screenshots.py [--out screenshots]

Every shot is taken at 120x36 from `make_app` + `run_test` + pilot, with config, data
and clipboard isolated from the user's own (a temporary config and data dir, a stub
system clipboard), so the pictures are the same on every machine. Regenerate them when
the UI changes and look at each one before committing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 36)
sys.path.insert(0, str(Path(__file__).resolve().parent))

Scene = Callable[["Pilot"], Awaitable[None]]


def _isolate(home: Path) -> None:
    """Point config, data and templates at `home` before an app is made: every shot
    starts as a new user would, with no settings and no saved draft from the last shot."""
    os.environ["SR_TUI_CONFIG"] = str(home / "config.toml")
    os.environ["SR_TUI_DATA"] = str(home / "data")
    os.environ.pop("SR_TUI_TEMPLATES", None)
    os.environ.pop("SR_TUI_LANG", None)
    os.environ["TZ"] = "UTC"  # the business calendar's zone: the same shot everywhere


# -- driving the app --------------------------------------------------------------------


async def open_template(pilot: Pilot, template_id: str) -> None:
    pilot.app.open_template(template_id)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def fill(pilot: Pilot, field_id: str, text: str) -> None:
    pilot.app.draft.query_one(f"#f-{field_id}").focus()
    await pilot.pause()
    await pilot.press(*text)


async def settle(pilot: Pilot) -> None:
    """Run the autosave the last keys scheduled, let workers and notices finish
    arriving; stop cursors blinking."""
    from textual.widgets import Input, TextArea

    flush = getattr(pilot.app, "flush_save", None)
    if flush is not None:
        flush()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the clocks the save asked for
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def a1_half_filled(pilot: Pilot) -> None:
    await open_template(pilot, "A1")
    await fill(pilot, "customer_name", "Alice")
    await fill(pilot, "sr_number", "SR-2024-0815")
    await fill(pilot, "issue_summary", "intermittent VPN disconnects")


async def scene_main(pilot: Pilot) -> None:
    await a1_half_filled(pilot)


async def scene_picker(pilot: Pilot) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.press(*"not replied")


async def scene_lint(pilot: Pilot) -> None:
    await open_template(pilot, "A2")
    await fill(pilot, "sr_number", "SR-2024-0815")
    await fill(pilot, "issue_summary", "slow database backups")
    await fill(pilot, "current_status", "we will have a fix soon and will send it ASAP")


async def b1_first_item(pilot: Pilot, sr_number: str) -> None:
    """B1 for the NFS hang on app01, the focus in its list's first item."""
    await open_template(pilot, "B1")
    await fill(pilot, "sr_number", sr_number)
    await fill(pilot, "issue_summary", "the NFS hang on app01")
    pilot.app.draft.query_one("#f-items").inputs[0].focus()
    await pilot.pause()


async def scene_long_list(pilot: Pilot) -> None:
    """B1 with 40 lines of a log pasted into its list: edited as text, one item per line."""
    from textual import events

    await b1_first_item(pilot, "SR 3-7654321")
    lines = [f"- 10:{n:02d} app01 kernel: nfs: server filer2 not responding" for n in range(40)]
    pilot.app.post_message(events.Paste("\n".join(lines)))
    await pilot.pause()


async def scene_chinese(pilot: Pilot) -> None:
    await open_template(pilot, "B2")
    await fill(pilot, "sr_number", "SR-2024-0815")


async def scene_help(pilot: Pilot) -> None:
    await a1_half_filled(pilot)
    await pilot.press("f1")


async def scene_copy_confirm(pilot: Pilot) -> None:
    await a1_half_filled(pilot)
    await pilot.press("ctrl+y")


async def scene_copied(pilot: Pilot) -> None:
    await open_template(pilot, "A1")
    await fill(pilot, "customer_name", "Alice")
    await fill(pilot, "sr_number", "SR-2024-0815")
    await fill(pilot, "issue_summary", "intermittent VPN disconnects")
    await fill(pilot, "timeframe", "2 business hours")
    await fill(pilot, "support_url", "https://support.example.com/contact-us")
    await fill(pilot, "your_name", "Sam Lee")
    await fill(pilot, "your_team", "Platform")
    await pilot.press("ctrl+y")
    await pilot.pause()
    confirm = type(pilot.app.screen).__name__ == "ConfirmScreen"
    if confirm:  # findings left: answer the question the way a user in a hurry would
        await pilot.press("y")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def scene_edit(pilot: Pilot) -> None:
    """B1 with your own words, then F3: the email finished in place, linted as typed."""
    await b1_first_item(pilot, "SR-2024-0815")
    await pilot.press(*"An sosreport from app01")
    pilot.app.draft.query_one("#f-details").load_text(
        "The sosreport from Monday ends at 09:14 NZDT, before the hang."
    )
    await pilot.app.workers.wait_for_complete()
    await pilot.press("f3")
    await pilot.pause()
    editor = pilot.app.draft.query_one("#editor")
    line = "The sosreport from Monday ends at 09:14 NZDT, before the hang."
    editor.move_cursor((editor.text.split("\n").index(line), len(line)))
    await pilot.press(*" I will look at it ASAP.")


async def scene_settings(pilot: Pilot) -> None:
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press(*"Sam Lee")


async def copy_email(pilot: Pilot) -> None:
    await pilot.press("ctrl+y")
    await settle(pilot)
    if type(pilot.app.screen).__name__ == "ConfirmScreen":
        await pilot.press("y")
    await settle(pilot)


async def a_case_with_two_emails(pilot: Pilot) -> None:
    """A1, then B1 on the same case, both copied: the timeline writes itself."""
    await a1_half_filled(pilot)
    await fill(pilot, "timeframe", "4 business hours")
    await copy_email(pilot)
    pilot.app.workspace.clock.advance(minutes=42)
    await open_template(pilot, "B1")
    await fill(pilot, "items", "An sosreport from app01")
    await copy_email(pilot)
    pilot.app.workspace.cases.note(
        pilot.app.workspace.draft.number, text="Customer on leave until Friday"
    )
    pilot.app.clear_notifications()


async def scene_cases(pilot: Pilot) -> None:
    await a_case_with_two_emails(pilot)
    await pilot.press("f7")
    await settle(pilot)
    await pilot.pause(0.3)


async def scene_case(pilot: Pilot) -> None:
    await a_case_with_two_emails(pilot)
    await pilot.press("f8")
    await settle(pilot)
    await pilot.press("down", "down", "enter")  # show the B1 email as sent


async def scene_due(pilot: Pilot) -> None:
    """B1 went out on Wednesday 2 December 10:05 (the shots' clock), nobody answered; on
    Monday 7 December at 11:00, three business days later, a new case came in at 10:30
    and was acknowledged. F9: the B2 chase is first, overdue."""
    from dataclasses import replace
    from datetime import datetime

    app = pilot.app
    app.apply_settings(replace(app.settings, your_name="Sam Lee", your_team="Linux"))
    await settle(pilot)
    clock = app.workspace.clock
    await open_template(pilot, "B1")
    await fill(pilot, "customer_name", "Alice")
    await fill(pilot, "sr_number", "SR 3-41234567")
    await fill(pilot, "issue_summary", "NFS mounts hang after reboot")
    await fill(pilot, "items", "An sosreport from app01")
    await fill(pilot, "timeframe", "1 business day")
    await copy_email(pilot)
    clock.at = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)  # type: ignore[attr-defined]
    await pilot.press("ctrl+n")
    await settle(pilot)
    await open_template(pilot, "A1")
    await fill(pilot, "customer_name", "Wang")
    await fill(pilot, "sr_number", "SR 3-41234580")
    await fill(pilot, "issue_summary", "orders time out")
    await fill(pilot, "timeframe", "4 business hours")
    await fill(pilot, "support_url", "https://support.example.com")
    await copy_email(pilot)
    clock.at = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await pilot.press("f9")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause(0.3)


async def scene_search(pilot: Pilot) -> None:
    await pilot.press("ctrl+g")
    await pilot.pause()
    await pilot.press(*"sosreport status:open")


async def scene_review(pilot: Pilot) -> None:
    from sr_tui.core.cases.review_clocks import wall_time
    from sr_tui.screens.review import ReviewScreen

    # Wall time: the picture does not depend on a calendar file on this machine.
    business = (wall_time, UTC, "wall")
    pilot.app.push_screen(ReviewScreen(pilot.app.workspace, pilot.app.language, business=business))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def scene_similar(pilot: Pilot) -> None:
    """The case screen of an open OA case: two resolved OA cases beside it (ctrl+o)."""
    pilot.app.show_case_screen("SR 3-41234641")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def scene_close_case(pilot: Pilot) -> None:
    """F6 and "Closed: confirmed" on that case: the dialog asks before it closes."""
    await scene_similar(pilot)
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press(*(["down"] * 6), "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


#: Scenes that need the demo case store (scripts/demo_cases.py) and its fixed clock.
CASE_SCENES = {"search", "review", "review-chinese", "similar", "close-case"}

#: name -> (language, scene)
SCENES: dict[str, tuple[str, Scene]] = {
    "main": ("en", scene_main),
    "picker": ("en", scene_picker),
    "lint": ("en", scene_lint),
    "chinese": ("zh", scene_chinese),
    "help": ("en", scene_help),
    "copy-confirm": ("en", scene_copy_confirm),
    "copied": ("en", scene_copied),
    "edit": ("en", scene_edit),
    "long-list": ("en", scene_long_list),
    "settings": ("en", scene_settings),
    "cases": ("en", scene_cases),
    "case": ("en", scene_case),
    "due": ("en", scene_due),
    "search": ("en", scene_search),
    "review": ("en", scene_review),
    "review-chinese": ("zh", scene_review),
    "similar": ("en", scene_similar),
    "close-case": ("en", scene_close_case),
}


async def shoot(name: str, language: str, scene: Scene, out: Path) -> Path:
    from datetime import UTC, datetime

    from sr_tui.core.clock import FixedClock
    from sr_tui.core.templates.catalog import load_catalog
    from sr_tui.launch import make_app

    copied: list[str] = []
    clock = FixedClock(datetime(2026, 12, 2, 10, 5, tzinfo=UTC))
    if name in CASE_SCENES:
        from demo_cases import NOW, fill

        from sr_tui.core import locations

        fill(locations.data_dir() / "cases.db")
        clock = FixedClock(NOW)
    app = make_app(
        load_catalog([]),
        language=language,
        system_clipboard=copied.append,
        osc52=False,
        clock=clock,
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await scene(pilot)
        await settle(pilot)
        svg = app.export_screenshot(title=f"sr-tui — {name}")
    path = out / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("names", nargs="*", help=f"only these shots: {', '.join(SCENES)}")
    args = parser.parse_args()
    unknown = [n for n in args.names if n not in SCENES]
    if unknown:
        parser.error(f"unknown shot(s): {', '.join(unknown)}; choose from {', '.join(SCENES)}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sr-tui-shots-") as tmp:
        for name in args.names or SCENES:
            _isolate(Path(tmp) / name)
            language, scene = SCENES[name]
            path = asyncio.run(shoot(name, language, scene, args.out))
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
