"""Helpers for the Pilot tests: a stub system clipboard, readers for what the user sees
(notices, the preview's text and styles) and the few ways a user fills the form."""

from __future__ import annotations

import threading

from rich.style import Style
from rich.text import Text
from textual import events
from textual.pilot import Pilot

from sr_tui.app import SrTuiApp

SIZE = (120, 36)


class StubClipboard:
    """A system clipboard that records what it is given; it can also fail or hang."""

    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.copies: list[str] = []
        self.release = threading.Event()
        #: What mode "raise" raises; by default what a missing tool's subprocess call does.
        self.error: Exception = FileNotFoundError(2, "No such file or directory", "xclip")

    def __call__(self, text: str) -> None:
        if self.mode == "raise":
            raise self.error
        if self.mode == "hang":
            self.release.wait(10)
            return
        self.copies.append(text)


# -- readers -----------------------------------------------------------------------------


def record_notices(app: SrTuiApp) -> SrTuiApp:
    """Keep every notice the app shows until `clear_notifications`: a toast expires after
    a few seconds, which a test on a busy machine can outlast."""
    shown: list[str] = []
    notify, clear = app.notify, app.clear_notifications

    def recording(message, *args, **kwargs):
        shown.append(str(message))
        return notify(message, *args, **kwargs)

    def clearing() -> None:
        shown.clear()
        clear()

    app.notify = recording  # type: ignore[method-assign]
    app.clear_notifications = clearing  # type: ignore[method-assign]
    app._test_notices = shown  # type: ignore[attr-defined]
    return app


def notices(app: SrTuiApp) -> list[str]:
    """The notices (toasts) the app has shown since the last `clear_notifications`."""
    recorded = getattr(app, "_test_notices", None)
    if recorded is not None:
        return list(recorded)
    return [n.message for n in app._notifications]


def preview_text(app: SrTuiApp) -> Text:
    """The rich Text the preview shows, styles included."""
    content = app.draft.query_one("#preview-text").content
    assert isinstance(content, Text), type(content)
    return content


def styled_pieces(app: SrTuiApp, component: str) -> list[str]:
    """The pieces of preview text that carry the preview's `component` style."""
    preview = app.draft.query_one("#preview")
    wanted = preview.get_component_rich_style(component)
    text = preview_text(app)
    pieces = []
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(str(span.style))
        if style == wanted:
            pieces.append(text.plain[span.start : span.end])
    return pieces


def screen_text(app: SrTuiApp) -> str:
    """Everything on the screen as plain text, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- doing things ------------------------------------------------------------------------


async def settle(pilot: Pilot) -> None:
    """Let pending workers, messages and after-refresh callbacks run."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()  # for callbacks scheduled after the refresh the first pause allowed


async def open_template(pilot: Pilot, template_id: str) -> None:
    """Open a template as the tree, the picker and the palette do (`app.open_template`).

    The ways a user gets there are tested on their own (test_draft, test_picker); this
    is the fast path for tests about what happens next.
    """
    pilot.app.open_template(template_id)
    await settle(pilot)
    template = pilot.app.draft.template
    assert template is not None and template.id == template_id


async def paste(pilot: Pilot, text: str) -> None:
    """Paste `text` into the focused widget, as a terminal's bracketed paste does: the
    app gets it and forwards it to the focused widget (posted to the widget itself, a
    paste that bubbles back up, as a text area's does, would be forwarded a second time)."""
    await pilot.pause()  # let a pending focus change land first
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


async def fill(pilot: Pilot, field_id: str, text: str) -> None:
    """Focus a field, clear it (End, ctrl+u) and paste `text` into it.

    Pasting keeps the suite fast (each simulated key costs about 0.1 s); tests that are
    about typing press the keys themselves.
    """
    widget = pilot.app.draft.query_one(f"#f-{field_id}")
    widget.focus()
    await pilot.pause()
    if widget.value:
        await pilot.press("end", "ctrl+u")
    if text:
        await paste(pilot, text)


async def set_values(pilot: Pilot, values: dict[str, str]) -> None:
    """Put text values into the open form's inputs without moving focus.

    Each input posts its usual Changed message, so the preview and the lint panel update
    exactly as for typing; it is several times cheaper than `fill`, for test set-up.
    """
    for field_id, value in values.items():
        pilot.app.draft.query_one(f"#f-{field_id}").value = value
    await settle(pilot)
