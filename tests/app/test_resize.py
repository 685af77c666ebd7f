"""A terminal size the app already has changes nothing: no screen is laid out again.
Textual 8.2.8 kept such a Resize (the driver reports the size once more just after the
first frame) and sent it to every screen when idle: a layout and a repaint of each."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.screen import Screen

from .helpers import SIZE, settle


def _count_layouts(monkeypatch) -> list[str]:
    laid_out: list[str] = []
    original = Screen._refresh_layout

    def refresh_layout(self, size=None, scroll=False):
        laid_out.append(type(self).__name__)
        return original(self, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    return laid_out


async def test_the_same_size_again_lays_nothing_out(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        laid_out = _count_layouts(monkeypatch)
        app.post_message(events.Resize(Size(*SIZE), Size(*SIZE)))
        await settle(pilot)
        assert laid_out == []
        assert app.size == Size(*SIZE)


async def test_a_new_size_is_laid_out(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        laid_out = _count_layouts(monkeypatch)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert "ComposeScreen" in laid_out
        assert app.size == Size(100, 30)
        assert app.draft.query_one("#main").size.width == 100
